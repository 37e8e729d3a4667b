#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The Python package (engine/python/entente) over the built shared library,
# with Debian's python3: the numbers of entente.run, .sweep and .solve are
# those of the program on the same seed; a bad scenario or --set raises with
# the program's messages; as_frame=True gives DataFrames when pandas is
# installed and is refused clearly when it is not.
. "$(dirname "$0")/lib.sh"

# Debian's python3 (not one earlier on PATH, e.g. a virtual environment)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
LIBSO="$ENTENTE_BUILD/libentente.so"
if [ -z "$PY" ]; then
  not_ok "python3 installed (make deps-test)"; finish; exit
fi
check "the shared library is built" test -f "$LIBSO"
export ENTENTE_LIB="$LIBSO" PYTHONPATH="$ROOT/engine/python" PYTHONDONTWRITEBYTECODE=1
# ENTENTE may be make valgrind's wrapper: the program itself serves solve
export ENTENTE="$ENTENTE_BUILD/entente"
# a sanitized library needs its runtime loaded first; python's own leaks are not ours
if nm -D "$LIBSO" 2>/dev/null | grep -q ' U __asan_init'; then
  LD_PRELOAD="$(${CC:-cc} -print-file-name=libasan.so)"
  export LD_PRELOAD ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0:verify_asan_link_order=0"
fi

NATO="$ROOT/scenarios/nato_burden_sharing.yaml"
KOREA="$ROOT/scenarios/korea_sma.yaml"
SMALL="$ROOT/tests/fixtures/sweep_small.yaml"

"$ENTENTE" run "$NATO" --seed 7 --out "$TMP/nato" --quiet
"$ENTENTE" run "$KOREA" --seed 3 --rounds 6 --set stages.burden_sharing.demand=0.04 \
  --set allies.KOR.threat=0.9 --out "$TMP/korea" --quiet

cat > "$TMP/same.py" <<'PY'
import csv, json, math, os, sys
import entente

def table(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))

def same(py_rows, cli_rows):
    if len(py_rows) != len(cli_rows):
        return "%d rows, the program wrote %d" % (len(py_rows), len(cli_rows))
    for i, (p, c) in enumerate(zip(py_rows, cli_rows)):
        if list(p) != list(c):
            return "row %d: columns %s, the program's %s" % (i, list(p), list(c))
        for k, text in c.items():
            v = p[k]
            if text == "NA":
                ok = v is None
            elif isinstance(v, (int, float)):
                ok = v == float(text) and repr(float(v)) == repr(float(text))
            else:
                ok = v == text
            if not ok:
                return "row %d, %s: %r, the program wrote %r" % (i, k, v, text)
    return None

def compare(r, folder, what):
    for t in ("trace", "outcomes", "events"):
        why = same(getattr(r, t), table(os.path.join(folder, t + ".csv")))
        print(("ok - " if why is None else "not ok - ") + "%s: %s values equal the program's" % (what, t))
        if why:
            print("    " + why)
    m = json.load(open(os.path.join(folder, "manifest.json")))
    for k in ("wall_time_s",):
        m.pop(k); r.manifest.pop(k)
    print(("ok - " if m == r.manifest else "not ok - ") + "%s: the manifest is the program's" % what)

tmp = sys.argv[1]
compare(entente.run(sys.argv[2], seed=7), os.path.join(tmp, "nato"), "nato, seed 7")
r = entente.run(sys.argv[3], seed=3, rounds=6,
                set={"stages.burden_sharing.demand": 0.04, "allies.KOR.threat": 0.9})
compare(r, os.path.join(tmp, "korea"), "korea, seed 3, 6 rounds, two changes")
print(("ok - " if r.manifest["overrides"] == ["stages.burden_sharing.demand=0.04", "allies.KOR.threat=0.9"]
       else "not ok - ") + "the changes are recorded as the program records them")
r = entente.run(sys.argv[3], seed=3, rounds=6, set=["stages.burden_sharing.demand=0.04", "allies.KOR.threat=0.9"],
                out=os.path.join(tmp, "kept"))
print(("ok - " if r.folder and os.path.exists(os.path.join(tmp, "kept", "trace.csv")) else "not ok - ")
      + "out= keeps the run's folder")
PY
"$PY" "$TMP/same.py" "$TMP" "$NATO" "$KOREA" >"$TMP/same.out" 2>&1
check "python: the comparison ran" test $? -eq 0
cat "$TMP/same.out"
grep -q '^not ok' "$TMP/same.out" && FAILS=$((FAILS + 1))
for f in trace.csv outcomes.csv events.csv; do
  check "python: out= writes $f byte for byte as 'entente run'" cmp -s "$TMP/korea/$f" "$TMP/kept/$f"
done

# ---- errors ---------------------------------------------------------------------------
printf 'name: broken\nrounds: 3\nallies: 5\n' > "$TMP/bad.yaml"
"$ENTENTE" run "$TMP/bad.yaml" 2>"$TMP/bad.cli" >/dev/null
"$PY" -c '
import sys, entente
try:
    entente.run(sys.argv[1])
except entente.EntenteError as e:
    print(e)
' "$TMP/bad.yaml" >"$TMP/bad.py" 2>&1
check "python: a bad scenario raises EntenteError with the FILE:LINE:COL messages" cmp -s "$TMP/bad.cli" "$TMP/bad.py"
check "python: ... which name the line and column" grep -q "bad.yaml:3:9: error: " "$TMP/bad.py"
"$ENTENTE" run "$NATO" --set allies.DEU.threat=2 2>"$TMP/set.cli" >/dev/null
"$PY" -c '
import sys, entente
try:
    entente.run(sys.argv[1], set={"allies.DEU.threat": 2})
except entente.EntenteError as e:
    print("entente: %s" % e)
' "$NATO" >"$TMP/set.py" 2>&1
check "python: a bad change raises with the message of --set" cmp -s "$TMP/set.cli" "$TMP/set.py"
# a strategy's parameter given before the strategy: kept, as by --set
"$PY" -c '
import sys, entente
r = entente.run(sys.argv[1], set=["patron.strategy.exit_leverage.threat_prob=0.9",
                                  "patron.strategy.exit_leverage=bluffer"])
def find(o):
    if isinstance(o, dict):
        if o.get("name") == "bluffer" and "params" in o:
            return o["params"]
        for v in o.values():
            f = find(v)
            if f is not None:
                return f
    if isinstance(o, list):
        for v in o:
            f = find(v)
            if f is not None:
                return f
print(find(r.manifest)["threat_prob"])
' "$KOREA" >"$TMP/order.py" 2>&1
check "python: a strategy parameter set before its strategy is kept" [ "$(cat "$TMP/order.py")" = "0.9" ]

# ---- sweep and solve ----------------------------------------------------------------
"$ENTENTE" sweep "$SMALL" --replicates 2 --seed 5 --out "$TMP/sw" --quiet
"$PY" - "$SMALL" "$TMP/sw" <<'PY' >"$TMP/sweep.out" 2>&1
import csv, sys, entente
s = entente.sweep(sys.argv[1], replicates=2, seed=5)
for t in ("summary", "runs"):
    with open("%s/%s.csv" % (sys.argv[2], t), newline="") as f:
        cli = list(csv.DictReader(f))
    py = getattr(s, t)
    good = len(py) == len(cli) and all(
        list(p) == list(c) and all((v is None and c[k] == "NA") or
                                    (isinstance(v, (int, float)) and v == float(c[k])) or v == c[k]
                                    for k, v in p.items())
        for p, c in zip(py, cli))
    print(("ok - " if good else "not ok - ") + "python: sweep %s values equal the program's (%d rows)" % (t, len(py)))
print(("ok - " if s.manifest["replicates"] == 2 else "not ok - ") + "python: the sweep's manifest")
PY
cat "$TMP/sweep.out"
grep -q '^ok - python: sweep runs' "$TMP/sweep.out" || FAILS=$((FAILS + 1))
grep -q '^not ok' "$TMP/sweep.out" && FAILS=$((FAILS + 1))

"$ENTENTE" solve "$NATO" --format csv >"$TMP/solve.csv"
"$PY" - "$NATO" "$TMP/solve.csv" <<'PY' >"$TMP/solve.out" 2>&1
import csv, sys, entente
rows = entente.solve(sys.argv[1])
with open(sys.argv[2], newline="") as f:
    cli = list(csv.DictReader(f))
good = len(rows) == len(cli) > 0 and all(str(r["value"]) == c["value"] or r["value"] == float(c["value"])
                                         for r, c in zip(rows, cli))
print(("ok - " if good else "not ok - ") + "python: solve gives the program's equilibria (%d rows)" % len(rows))
PY
cat "$TMP/solve.out"
grep -q '^ok - ' "$TMP/solve.out" || FAILS=$((FAILS + 1))

# ---- pandas -------------------------------------------------------------------------
"$PY" - "$NATO" <<'PY' >"$TMP/nopandas.out" 2>&1
import sys
sys.modules["pandas"] = None        # as on a machine without pandas
import entente
try:
    entente.run(sys.argv[1], as_frame=True)
    print("not ok - python: as_frame=True without pandas is refused")
except ImportError as e:
    print(("ok - " if "needs pandas" in str(e) else "not ok - ") + "python: as_frame=True without pandas is refused: %s" % e)
r = entente.run(sys.argv[1])
print(("ok - " if isinstance(r.trace, list) and isinstance(r.trace[0], dict) else "not ok - ")
      + "python: without pandas the tables are lists of dicts")
PY
cat "$TMP/nopandas.out"
grep -q '^ok - python: as_frame=True without' "$TMP/nopandas.out" || FAILS=$((FAILS + 1))
if "$PY" -c 'import pandas' 2>/dev/null; then
  "$PY" - "$NATO" <<'PY' >"$TMP/pandas.out" 2>&1
import sys, entente
r = entente.run(sys.argv[1], seed=7, as_frame=True)
t, o, e = r.trace, r.outcomes, r.events
l = entente.run(sys.argv[1], seed=7)
good = (t.shape == (len(l.trace), len(l.trace[0])) and o.shape[0] == len(l.outcomes)
        and e.shape[0] == len(l.events) and list(o["final_share"]) == [x["final_share"] for x in l.outcomes])
print(("ok - " if good else "not ok - ") + "python: as_frame=True gives DataFrames of the same values")
s = entente.sweep(sys.argv[1].replace("nato_burden_sharing", "nato_demand_sweep"), points=2, replicates=1, as_frame=True)
print(("ok - " if s.summary.shape[0] > 0 and "mean" in s.summary.columns else "not ok - ") + "python: a sweep's summary as a DataFrame")
PY
  cat "$TMP/pandas.out"
  grep -q '^ok - python: as_frame=True gives' "$TMP/pandas.out" || FAILS=$((FAILS + 1))
  grep -q '^not ok' "$TMP/pandas.out" && FAILS=$((FAILS + 1))
else
  ok "python: pandas is not installed here (the DataFrame checks need it) # skip"
fi
finish
