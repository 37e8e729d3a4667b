#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sweeps over choice parameters, by name: a grid of a bargaining protocol and
# a number, rows equal to `entente run --set` and to replayed runs, names
# checked with a suggestion, lhs and random draws, sobol and saltelli refused
# at the parameter's position, the same files for 1 and 2 threads.
. "$(dirname "$0")/lib.sh"
KOR="$ROOT/scenarios/korea_sma.yaml"


cat > "$TMP/grid.yaml" <<EOF
scenario: $KOR
sweep:
  replicates: 3
  parameters:
    stages.bargaining.protocol: [take_it_or_leave_it, nash, rubinstein]
    patron.transactional_prob: [0, 1]
EOF
"$ENTENTE" sweep "$TMP/grid.yaml" --threads 1 --out "$TMP/g1" --quiet
check "grid over names: sweep exits 0" [ $? -eq 0 ]
"$ENTENTE" sweep "$TMP/grid.yaml" --threads 2 --out "$TMP/g2" --quiet
check "grid over names: 3 x 2 points x 3 replicates = 18 runs" [ "$(($(wc -l < "$TMP/g1/runs.csv") - 1))" -eq 18 ]
check "grid over names: 6 points in summary.csv" \
  [ "$(cut -d, -f1 "$TMP/g1/summary.csv" | sed 1d | sort -u | wc -l)" -eq 6 ]
check "runs.csv header names the parameter by its path" \
  sh -c "head -1 '$TMP/g1/runs.csv' | grep -q '^point,replicate,stages.bargaining.protocol,patron.transactional_prob,'"
# the first parameter varies slowest; the column holds the choice's index
check "grid over names: each protocol's index with each value" \
  [ "$(cut -d, -f3,4 "$TMP/g1/runs.csv" | sed 1d | uniq | tr '\n' ' ')" = "0,0 0,1 1,0 1,1 2,0 2,1 " ]
check "the manifest names the choices" grep -q '{"path": "stages.bargaining.protocol", "spec": {"distribution": "values", "values": \[0, 1, 2\]}, "choices": \["take_it_or_leave_it", "nash", "rubinstein"\]}' "$TMP/g1/manifest.json"
for f in runs.csv summary.csv; do
  check "threads: 1 and 2 give the same $f" cmp -s "$TMP/g1/$f" "$TMP/g2/$f"
done

# a replay of a run of the sweep is its row
"$ENTENTE" run "$TMP/grid.yaml" --point 5 --replicate 2 --out "$TMP/r5" --quiet
check "replay of point 5 (rubinstein, 1) replicate 2 equals its row" same_row "$TMP/g1/runs.csv" "$TMP/r5/outcomes.csv" 5 2

# a sweep of one point (0, 0) is `entente run --set protocol=NAME` on the same seed
for name in take_it_or_leave_it rubinstein; do
  cat > "$TMP/one_$name.yaml" <<EOF
scenario: $KOR
sweep:
  parameters:
    stages.bargaining.protocol: [$name]
    patron.transactional_prob: 1
EOF
  "$ENTENTE" sweep "$TMP/one_$name.yaml" --out "$TMP/one_$name" --quiet
  "$ENTENTE" run "$KOR" --set stages.bargaining.protocol=$name --set patron.transactional_prob=1 \
    --out "$TMP/set_$name" --quiet
  check "$name: the sweep's run equals entente run --set" same_row "$TMP/one_$name/runs.csv" "$TMP/set_$name/outcomes.csv" 0 0
done
check "the two protocols' runs differ" sh -c "! cmp -s '$TMP/set_take_it_or_leave_it/outcomes.csv' '$TMP/set_rubinstein/outcomes.csv'"

# names under lhs and random: drawn like a list of values, each name in the list
for design in lhs random; do
  cat > "$TMP/$design.yaml" <<EOF
scenario: $KOR
sweep:
  design: $design
  points: 30
  seed: 7
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.04}
    stages.bargaining.protocol: {values: [nash, rubinstein]}
EOF
  "$ENTENTE" sweep "$TMP/$design.yaml" --threads 1 --out "$TMP/${design}1" --quiet
  check "$design over names: sweep exits 0" [ $? -eq 0 ]
  "$ENTENTE" sweep "$TMP/$design.yaml" --threads 2 --out "$TMP/${design}2" --quiet
  check "$design: 1 and 2 threads give the same runs.csv" cmp -s "$TMP/${design}1/runs.csv" "$TMP/${design}2/runs.csv"
  check "$design: both names drawn, no other" [ "$(cut -d, -f4 "$TMP/${design}1/runs.csv" | sed 1d | sort -u | tr '\n' ' ')" = "1 2 " ]
  "$ENTENTE" run "$TMP/$design.yaml" --point 11 --out "$TMP/${design}_r" --quiet
  check "$design: replay of point 11 equals its row" same_row "$TMP/${design}1/runs.csv" "$TMP/${design}_r/outcomes.csv" 11 0
done
# lhs: each name in half of the strata
check "lhs: 15 points of each name" [ "$(cut -d, -f4 "$TMP/lhs1/runs.csv" | sed 1d | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')" = "15 15 " ]

# ---- errors ---------------------------------------------------------------------
# err FILE: the sweep's exit status, its stderr in $TMP/err
err() { "$ENTENTE" sweep "$1" --out "$TMP/bad" > /dev/null 2> "$TMP/err"; }
printf 'scenario: %s\nsweep:\n  parameters:\n    stages.bargaining.protocol: [nash, rubinstien]\n' "$KOR" > "$TMP/typo.yaml"
err "$TMP/typo.yaml"
check "an unknown name: exit 2" [ $? -eq 2 ]
check "an unknown name: FILE:LINE:COL and did you mean" \
  grep -q "typo.yaml:4:40: error: stages.bargaining.protocol: 'protocol' has no choice 'rubinstien'; did you mean 'rubinstein'?" "$TMP/err"
printf 'scenario: %s\nsweep:\n  parameters:\n    stages.bargaining.protocol: [nash, 2]\n' "$KOR" > "$TMP/index.yaml"
err "$TMP/index.yaml"
check "an index is not a name" grep -q "index.yaml:4:40: error: stages.bargaining.protocol: 'protocol' has no choice '2'" "$TMP/err"
printf 'scenario: %s\nsweep:\n  design: random\n  points: 4\n  parameters:\n    stages.bargaining.protocol: {distribution: uniform, min: 0, max: 2}\n' "$KOR" > "$TMP/dist.yaml"
err "$TMP/dist.yaml"
check "a distribution over names is refused" grep -q "dist.yaml:6:33: error: 'stages.bargaining.protocol' is a choice between names: give one name or a list of names" "$TMP/err"
for design in sobol saltelli; do
  printf 'scenario: %s\nsweep:\n  design: %s\n  points: 8\n  parameters:\n    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.04}\n    stages.bargaining.protocol: [nash, rubinstein]\n' "$KOR" "$design" > "$TMP/$design.yaml"
  err "$TMP/$design.yaml"
  check "$design: a choice parameter is refused (exit 2)" [ $? -eq 2 ]
  check "$design: the refusal at the parameter's position" grep -q "$design.yaml:7:5: error: 'stages.bargaining.protocol' is a choice between names: sobol and saltelli designs take numeric parameters only; use grid, random or lhs" "$TMP/err"
  "$ENTENTE" validate "$TMP/$design.yaml" > /dev/null 2> "$TMP/err"
  check "$design: validate refuses it too" grep -q "choice between names: sobol and saltelli" "$TMP/err"
done
finish
