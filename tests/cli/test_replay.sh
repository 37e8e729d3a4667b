# SPDX-License-Identifier: GPL-3.0-or-later
# entente run SWEEP --point P --replicate R: one run of a sweep, replayed with
# its full trace; its outcomes equal that run's row of runs.csv exactly, for
# a grid and for drawn designs (random, lhs, sobol), and for another seed.
. "$(dirname "$0")/lib.sh"
FIX="$ROOT/tests/fixtures/sweep_small.yaml"

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
        print("    %s: runs.csv %s, replay %s" % (col, v, got))
if n < 10 or bad:
    print("    compared %d columns, %d differ" % (n, bad)); sys.exit(1)
PY
}

"$ENTENTE" sweep "$FIX" --out "$TMP/grid" --quiet
for pr in "0 0" "5 2" "7 1"; do
  set -- $pr
  "$ENTENTE" run "$FIX" --point "$1" --replicate "$2" --out "$TMP/g$1_$2" --quiet
  check "grid: replay of point $1 replicate $2 exits 0" [ $? -eq 0 ]
  check "grid: point $1 replicate $2 equals its runs.csv row" same_row "$TMP/grid/runs.csv" "$TMP/g$1_$2/outcomes.csv" "$1" "$2"
done
check "the manifest records the replay" grep -q '"replay": {"sweep": ".*sweep_small.yaml", "point": 7, "replicate": 1, "points": 8}' "$TMP/g7_1/manifest.json"
check "the replay has the full trace" [ "$(wc -l < "$TMP/g7_1/trace.csv")" -gt 10 ]

for design in random lhs sobol; do
  sed "s/design: grid/design: $design\n  points: 9/" "$FIX" | sed 's/stages.burden_sharing.demand: {from: 0.02, to: 0.035, step: 0.005}/stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.035}/; s/allies.DEU.threat: \[0.2, 0.8\]/allies.DEU.threat: {distribution: beta, alpha: 2, beta: 3}/' > "$TMP/$design.yaml"
  printf 'scenario: %s\n' "$FIX" > /dev/null
  "$ENTENTE" sweep "$TMP/$design.yaml" --points 9 --seed 11 --out "$TMP/$design" --quiet
  check "$design: sweep exits 0" [ $? -eq 0 ]
  "$ENTENTE" run "$TMP/$design.yaml" --points 9 --seed 11 --point 6 --replicate 2 --out "$TMP/${design}_r" --quiet
  check "$design: point 6 replicate 2 equals its runs.csv row" same_row "$TMP/$design/runs.csv" "$TMP/${design}_r/outcomes.csv" 6 2
done
# another seed gives another run: the replay follows the sweep's seed
"$ENTENTE" run "$TMP/random.yaml" --points 9 --seed 12 --point 6 --replicate 2 --out "$TMP/other" --quiet
check "with another --seed the replay differs" sh -c "! cmp -s '$TMP/other/outcomes.csv' '$TMP/random_r/outcomes.csv'"
# a scenario is a sweep of one point: its run (0, 0) is `entente run`'s
KOR="$ROOT/scenarios/korea_sma.yaml"
"$ENTENTE" run "$KOR" --out "$TMP/k_run" --quiet
"$ENTENTE" run "$KOR" --point 0 --out "$TMP/k_replay" --quiet
check "a scenario's point 0, replicate 0 is its plain run (trace)" cmp -s "$TMP/k_run/trace.csv" "$TMP/k_replay/trace.csv"
check "a scenario's point 0, replicate 0 is its plain run (outcomes)" cmp -s "$TMP/k_run/outcomes.csv" "$TMP/k_replay/outcomes.csv"

# bad requests: status 2, a clear message, nothing written
"$ENTENTE" run "$FIX" --point 8 --out "$TMP/bad" 2> "$TMP/err"; rc=$?
check "a point past the design: status 2" [ $rc -eq 2 ]
check "a point past the design: the range named" grep -q "has points 0 to 7 and replicates 0 to 2; got point 8" "$TMP/err"
"$ENTENTE" run "$FIX" --point 1 --replicate 3 --out "$TMP/bad" 2> "$TMP/err"; rc=$?
check "a replicate past the sweep's: status 2" [ $rc -eq 2 ]
"$ENTENTE" run "$FIX" --replicate 1 --out "$TMP/bad" 2> "$TMP/err"; rc=$?
check "--replicate without --point: status 2" [ $rc -eq 2 ]
"$ENTENTE" run "$FIX" --point 1 --set allies.DEU.gdp=1 --out "$TMP/bad" 2> "$TMP/err"; rc=$?
check "--set with --point is refused" [ $rc -eq 2 ]
"$ENTENTE" run "$KOR" --point 1 --out "$TMP/bad" 2> "$TMP/err"; rc=$?
check "a scenario has one point only: status 2" [ $rc -eq 2 ]
check "nothing written by a refused replay" [ ! -e "$TMP/bad" ]
finish
