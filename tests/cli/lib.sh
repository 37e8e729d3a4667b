# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for the shell tests of the entente program (POSIX sh).
# Each check prints "ok - NAME" or "not ok - NAME" (with details); run_all.sh
# counts them. $ENTENTE is the program, $ENTENTE_ROOT the source tree.
: "${ENTENTE:?run through tests/run_all.sh}"
ROOT=${ENTENTE_ROOT:-.}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILS=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; FAILS=$((FAILS + 1)); }

# check NAME CONDITION-COMMAND...
check() {
  name=$1; shift
  if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

finish() { [ "$FAILS" -eq 0 ]; }

# fault_setup: FAULTY, the program to run under the fault library, and SHIM,
# that library (tests/faults/fault_shim.c, for LD_PRELOAD). The shipped
# program is linked statically, which LD_PRELOAD cannot reach, so FAULTY is
# the same objects linked against the shared libraries (entente-dynamic).
# It is also the program itself, not make valgrind's wrapper, which would not
# hand the library on. Returns 1 (reported) when either is missing.
fault_setup() {
  FAULTY="$ENTENTE_BUILD/entente-dynamic"
  SHIM="$ENTENTE_BUILD/tests/libentente_fault.so"
  if [ ! -x "$FAULTY" ] || [ ! -f "$SHIM" ]; then
    not_ok "fault library and dynamic program built" "missing $FAULTY or $SHIM (make test builds them)"
    return 1
  fi
  # a sanitized program wants its runtime first among the libraries; the
  # shim only forwards calls, so that order does not matter here
  if ldd "$FAULTY" 2>/dev/null | grep -q libasan; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
  fi
}

# hold_lock FILE: another process (flock(1), from util-linux) takes the
# exclusive lock an entente writer takes, and holds it until release_lock,
# however long the command under test needs (valgrind makes it slow).
hold_lock() {
  rm -f "$TMP/.release"
  flock -o "$1" sh -c 'while [ ! -e "$1" ]; do sleep 0.05; done' _ "$TMP/.release" &
  HOLD_PID=$!
  i=0
  while [ $i -lt 200 ] && flock -n "$1" true; do sleep 0.02; i=$((i + 1)); done
}
release_lock() { touch "$TMP/.release"; wait "$HOLD_PID"; }

# svg_ok FILE TEXT...: FILE parses as XML and each TEXT is in one of its <text> or <title> elements
svg_ok() {
  python3 - "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
path, want = sys.argv[1], sys.argv[2:]
root = ET.parse(path).getroot()
texts = [''.join(e.itertext()) for e in root.iter() if e.tag.split('}')[-1] in ('text', 'title', 'tspan')]
missing = [w for w in want if not any(w in t for t in texts)]
if missing:
    print("    missing in %s: %s" % (path, missing)); sys.exit(1)
PY
}

# same_row RUNS_CSV OUTCOMES_CSV P R: every outcome column of row (P, R) of
# runs.csv (run-level ones, and NAME.CODE per agent) equals outcomes.csv's
same_row() {
  python3 - "$@" <<'PY'
import csv, math, sys
runs, outc, p, r = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
row = next(x for x in csv.DictReader(open(runs)) if x['point'] == p and x['replicate'] == r)
agents = {x['agent']: x for x in csv.DictReader(open(outc))}
def num(v): return math.nan if v == 'NA' else float(v)
def same(a, b): return (math.isnan(a) and math.isnan(b)) or a == b
n = bad = 0
for col, v in row.items():
    if col in ('point', 'replicate') or col.startswith(('stages.', 'allies.', 'patron.', 'discount')):
        continue
    name, _, code = col.rpartition('.')
    if code in agents and name:
        got = agents[code].get(name)
    else:
        got = next(iter(agents.values())).get(col)
    if got is None:
        continue
    n += 1
    if not same(num(v), num(got)):
        bad += 1
        print("    %s: runs.csv %s, run %s" % (col, v, got))
if n < 10 or bad:
    print("    compared %d columns, %d differ" % (n, bad)); sys.exit(1)
PY
}
