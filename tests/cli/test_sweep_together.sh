#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A sweep checks its values together as a scenario file and --set are
# checked (a strategy's min at most its max): ranges whose ends can cross are
# refused before any run, naming the table and both values, with nothing
# written; past 16 such parameters each point is checked as it comes, and
# one whose values do not go together stops the sweep before it is played.
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
check "grid: a min above max within the values swept is refused before any run (status 1)" [ $rc -eq 1 ]
check "  naming the table and both values" \
  grep -q "ranges let values that do not go together meet (allies.ITA.strategy.burden_sharing: 'min' (0.06) must not be above 'max' (0.05), at the ends of the ranges); narrow them. Nothing was run" "$TMP/grid.err"
check "  and writing nothing" eval '[ ! -e "$TMP/grid" ] && [ ! -e "$TMP/grid.partial" ]'

sweep both "design: lhs" "points: 50" "parameters:" \
  "  allies.ITA.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.04}" \
  "  allies.ITA.strategy.burden_sharing.max: {distribution: uniform, min: 0.03, max: 0.09}"
"$ENTENTE" sweep "$TMP/both.yaml" --out "$TMP/both" --quiet 2> "$TMP/both.err"
rc=$?
check "both ends swept, ranges that overlap: refused before any run" eval '[ $rc -eq 1 ] && [ ! -e "$TMP/both.partial" ]'
check "  at the ends that cross" grep -q "'min' (0.04) must not be above 'max' (0.03)" "$TMP/both.err"

# more than 16 swept parameters in such tables: each point is checked as it
# comes (a point whose values do not go together stops the sweep before it),
# both where values are drawn before the runs and where the player draws them
awk '/^allies:/ { print; for (i = 1; i <= 6; i++)
       printf "  - {code: A%d, gdp: 1000, defence_share: 0.02, threat: 0.5, strategies: {burden_sharing: {name: reciprocal, step: 0.01, min: 0.01, max: 0.05}}}\n", i
       skip = 1; next }
     skip && /^  - / { next } { skip = 0; print }' "$TMP/rec.yaml" > "$TMP/six.yaml"
check "six reciprocal allies" [ "$(grep -c 'name: reciprocal' "$TMP/six.yaml")" -eq 6 ]
{ echo "scenario: six.yaml"; echo "sweep:"; echo "  design: lhs"; echo "  points: 200"; echo "  replicates: REPS"
  echo "  parameters:"
  echo "    allies.A1.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.1}"
  for i in 1 2 3 4 5 6; do
    [ $i -gt 1 ] && echo "    allies.A$i.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.04}"
    echo "    allies.A$i.strategy.burden_sharing.max: {distribution: uniform, min: 0.05, max: 0.09}"
    echo "    allies.A$i.strategy.burden_sharing.step: {distribution: uniform, min: 0.005, max: 0.02}"
  done; } > "$TMP/six_sweep.in"
for reps in 1 3; do
  sed "s/REPS/$reps/" "$TMP/six_sweep.in" > "$TMP/six$reps.yaml"
  for t in 1 2; do
    "$ENTENTE" sweep "$TMP/six$reps.yaml" --threads $t --out "$TMP/six$reps" --quiet 2> "$TMP/six$reps-$t.err"
    rc=$?
    check "18 parameters, $reps replicate(s), $t thread(s): stopped at a point (status 1)" [ $rc -eq 1 ]
    check "  whose min is above its max" \
      grep -q "values that do not go together at point [0-9]* (allies.A1.strategy.burden_sharing: 'min' (0.[0-9]*) must not be above 'max' (0.0[5-9][0-9]*)); the sweep stopped before that point" "$TMP/six$reps-$t.err"
  done
  check "  the same point for any thread count" cmp -s "$TMP/six$reps-1.err" "$TMP/six$reps-2.err"
done

# the same sweep within the range runs, to the values asked
sweep within "design: lhs" "points: 50" "replicates: 1" "parameters:" \
  "  allies.ITA.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.05}"
"$ENTENTE" sweep "$TMP/within.yaml" --out "$TMP/within" --quiet
rc=$?
check "min drawn within [0, max]: the sweep runs" eval '[ $rc -eq 0 ] && [ "$(wc -l < "$TMP/within/runs.csv")" -eq 51 ]'
finish
