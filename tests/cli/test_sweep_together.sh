#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A sweep checks each point's values together as a scenario file and --set
# are checked (a strategy's min at most its max): a point whose values do not
# go together stops the sweep before it is played, naming the point, the
# table and both values; no result is written. Both ways of making a point's
# values are tried: drawn before the runs (grid, several replicates) and
# drawn by the run's player (a Latin hypercube of one replicate a point).
. "$(dirname "$0")/lib.sh"
sed -e '/^sweep:/,$d' \
    -e 's/{code: ITA, gdp: 2300, defence_share: 0.015, threat: 0.3}/{code: ITA, gdp: 2300, defence_share: 0.015, threat: 0.3, strategies: {burden_sharing: {name: reciprocal, step: 0.01, min: 0.01, max: 0.05}}}/' \
    "$ROOT/tests/fixtures/sweep_small.yaml" > "$TMP/rec.yaml"
check "the scenario gives ITA a reciprocal strategy with max 0.05" grep -q "name: reciprocal, step: 0.01, min: 0.01, max: 0.05" "$TMP/rec.yaml"

# sweep NAME DESIGN-LINES...: a sweep file of rec.yaml
sweep() {
  name=$1; shift
  { echo "scenario: rec.yaml"; echo "sweep:"; for l in "$@"; do echo "  $l"; done; } > "$TMP/$name.yaml"
}
sweep grid "design: grid" "replicates: 2" "parameters:" \
  "  allies.ITA.strategy.burden_sharing.min: [0.01, 0.03, 0.06]"
"$ENTENTE" sweep "$TMP/grid.yaml" --out "$TMP/grid" --quiet 2> "$TMP/grid.err"
rc=$?
check "grid: min above max at point 2 stops the sweep (status 1)" [ $rc -eq 1 ]
check "  naming the point, the table and both values" \
  grep -q "values that do not go together at point 2 (allies.ITA.strategy.burden_sharing: 'min' (0.06) must not be above 'max' (0.05)); the sweep stopped before that point" "$TMP/grid.err"
check "  and writing no result" [ ! -e "$TMP/grid" ]

sweep lhs "design: lhs" "points: 200" "replicates: 1" "parameters:" \
  "  allies.ITA.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.1}"
for t in 1 2; do
  "$ENTENTE" sweep "$TMP/lhs.yaml" --threads $t --out "$TMP/lhs" --quiet 2> "$TMP/lhs$t.err"
  rc=$?
  check "one replicate a point, $t thread(s): stopped (status 1)" [ $rc -eq 1 ]
  check "  at a point whose min is above 0.05" \
    grep -q "at point [0-9]* (allies.ITA.strategy.burden_sharing: 'min' (0.0[5-9][0-9]*) must not be above 'max' (0.05))" "$TMP/lhs$t.err"
done
check "  the same point for any thread count" cmp -s "$TMP/lhs1.err" "$TMP/lhs2.err"

# the same sweep within the range runs, to the values asked
sweep within "design: lhs" "points: 50" "replicates: 1" "parameters:" \
  "  allies.ITA.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.05}"
"$ENTENTE" sweep "$TMP/within.yaml" --out "$TMP/within" --quiet
rc=$?
check "min drawn within [0, max]: the sweep runs" eval '[ $rc -eq 0 ] && [ "$(wc -l < "$TMP/within/runs.csv")" -eq 51 ]'
finish
