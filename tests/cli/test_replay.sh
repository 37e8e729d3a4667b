# SPDX-License-Identifier: GPL-3.0-or-later
# entente run SWEEP --point P --replicate R: one run of a sweep, replayed with
# its full trace; its outcomes equal that run's row of runs.csv exactly, for
# a grid and for drawn designs (random, lhs, sobol), and for another seed.
. "$(dirname "$0")/lib.sh"
FIX="$ROOT/tests/fixtures/sweep_small.yaml"


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
