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

# ---- strategies chosen by name ------------------------------------------------------
# patron.strategy.STAGE and allies.CODE.strategy.STAGE choose the strategy an
# agent plays at a stage, by name, among the stage's strategies for its role.
# A behavioural check first, where no other stage changes an ally's answer
# (Australia: burden sharing, exit leverage, hedging): an ally that always
# complies concedes in every run and is never punished nor calls a bluff;
# one that always defies never concedes nor makes a deal.
AUS="$ROOT/scenarios/australia_hedging.yaml"
cat > "$TMP/aus.yaml" <<EOF
scenario: $AUS
sweep:
  replicates: 100
  parameters:
    allies.AUS.strategy.exit_leverage: [comply, defy]
EOF
"$ENTENTE" sweep "$TMP/aus.yaml" --threads 2 --out "$TMP/aus" --quiet
check "allies' strategies by name: sweep exits 0" [ $? -eq 0 ]
python3 - "$TMP/aus/runs.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
n = {0: 0, 1: 0}
for r in rows:
    k = int(r['allies.AUS.strategy.exit_leverage'])
    n[k] += 1
    conc, ex, cb, deals = (float(r[c + '.AUS']) for c in ('concessions', 'executions', 'called_bluffs', 'deals'))
    if k == 0 and not (conc > 0 and ex == 0 and cb == 0):
        sys.exit('comply: %s' % r['replicate'])
    if k == 1 and not (conc == 0 and deals == 0):
        sys.exit('defy: %s' % r['replicate'])
sys.exit(0 if n == {0: 100, 1: 100} else 'counts %s' % n)
PY
check "comply concedes in every run, never punished; defy never concedes (100 runs each)" [ $? -eq 0 ]
check "the manifest names the allies' exit strategies" \
  grep -q '"path": "allies.AUS.strategy.exit_leverage", "spec": {"distribution": "values", "values": \[0, 1\]}, "choices": \["comply", "defy", "expected_utility", "tit_for_tat", "partial"\]' "$TMP/aus/manifest.json"

# the patron's strategy: a grid on 1 and 2 threads, replays, and --set
cat > "$TMP/patron.yaml" <<EOF
scenario: $KOR
sweep:
  replicates: 3
  parameters:
    patron.strategy.exit_leverage: [typed, committed, bluffer]
    stages.burden_sharing.demand: [0.03, 0.05]
EOF
"$ENTENTE" sweep "$TMP/patron.yaml" --threads 1 --out "$TMP/p1" --quiet
check "patron's strategy by name: sweep exits 0" [ $? -eq 0 ]
"$ENTENTE" sweep "$TMP/patron.yaml" --threads 2 --out "$TMP/p2" --quiet
for f in runs.csv summary.csv manifest.json; do
  check "patron's strategy: 1 and 2 threads give the same $f" cmp -s "$TMP/p1/$f" "$TMP/p2/$f"
done
check "patron's strategy: the column holds each name's index (typed 2, committed 0, bluffer 3)" \
  [ "$(cut -d, -f3 "$TMP/p1/runs.csv" | sed 1d | uniq | tr '\n' ' ')" = "2 0 3 " ]
for pr in "2 1" "3 0" "5 2"; do
  set -- $pr
  "$ENTENTE" run "$TMP/patron.yaml" --point $1 --replicate $2 --out "$TMP/pr$1" --quiet
  check "patron's strategy: replay of point $1 replicate $2 equals its row" same_row "$TMP/p1/runs.csv" "$TMP/pr$1/outcomes.csv" $1 $2
done
for strat in committed bluffer; do
  printf 'scenario: %s\nsweep:\n  parameters:\n    patron.strategy.exit_leverage: [%s]\n' "$KOR" $strat > "$TMP/pone_$strat.yaml"
  "$ENTENTE" sweep "$TMP/pone_$strat.yaml" --out "$TMP/pone_$strat" --quiet
  "$ENTENTE" run "$KOR" --set patron.strategy.exit_leverage=$strat --out "$TMP/pset_$strat" --quiet
  check "$strat: the sweep's run equals entente run --set patron.strategy.exit_leverage=$strat" \
    same_row "$TMP/pone_$strat/runs.csv" "$TMP/pset_$strat/outcomes.csv" 0 0
  check "$strat: the manifest of entente run --set names it" \
    grep -q "\"exit_leverage\": {\"name\": \"$strat\"" "$TMP/pset_$strat/manifest.json"
done
check "a committed patron's runs differ from a bluffer's" \
  sh -c "! cmp -s '$TMP/pset_committed/outcomes.csv' '$TMP/pset_bluffer/outcomes.csv'"
# a strategy's parameter set before the strategy itself is not lost: the
# picks go first, whatever the order of the options
"$ENTENTE" run "$KOR" --set patron.strategy.exit_leverage.threat_prob=0.9 \
  --set patron.strategy.exit_leverage=bluffer --out "$TMP/pord1" --quiet
check "--set a parameter, then its strategy: exit 0" [ $? -eq 0 ]
"$ENTENTE" run "$KOR" --set patron.strategy.exit_leverage=bluffer \
  --set patron.strategy.exit_leverage.threat_prob=0.9 --out "$TMP/pord2" --quiet
check "--set in either order: the same outcomes" cmp -s "$TMP/pord1/outcomes.csv" "$TMP/pord2/outcomes.csv"
check "--set a parameter before its strategy: the manifest keeps the parameter" \
  grep -q '"exit_leverage": {"name": "bluffer", "params": {"threat_prob": 0.9,' "$TMP/pord1/manifest.json"
check "--set a parameter before its strategy: not the bluffer's defaults" \
  sh -c "! cmp -s '$TMP/pord1/outcomes.csv' '$TMP/pset_bluffer/outcomes.csv'"
# a committed patron threatens with probability threat_prob, 0 by default:
# no threat in any of its runs, while the bluffer's threaten
threats() {  # RUNS INDEX: the total_threats of the runs of that strategy, summed
  awk -F, -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "total_threats") c = i; next }
                      $3 == k { s += $c } END { print s + 0 }' "$1"
}
check "committed: no threat in any of its runs" [ "$(threats "$TMP/p1/runs.csv" 0)" -eq 0 ]
check "bluffer: threats in its runs" [ "$(threats "$TMP/p1/runs.csv" 3)" -gt 0 ]

# lhs over a number and strategies: drawn like a list, replays equal their rows
cat > "$TMP/plhs.yaml" <<EOF
scenario: $KOR
sweep:
  design: lhs
  points: 20
  seed: 5
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
    patron.strategy.exit_leverage: {values: [typed, grim]}
EOF
"$ENTENTE" sweep "$TMP/plhs.yaml" --threads 2 --out "$TMP/plhs" --quiet
check "lhs over strategies: 10 points of each" \
  [ "$(cut -d, -f4 "$TMP/plhs/runs.csv" | sed 1d | sort | uniq -c | awk '{print $1 ":" $2}' | tr '\n' ' ')" = "10:2 10:4 " ]
"$ENTENTE" run "$TMP/plhs.yaml" --point 13 --out "$TMP/plhs_r" --quiet
check "lhs over strategies: replay of point 13 equals its row" same_row "$TMP/plhs/runs.csv" "$TMP/plhs_r/outcomes.csv" 13 0

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
# strategies: a name mistyped, a name of the other role, a stage that gives
# the role none, a strategy swept with one of its own parameters, sobol
printf 'scenario: %s\nsweep:\n  parameters:\n    patron.strategy.exit_leverage: [typed, comitted]\n' "$KOR" > "$TMP/st_typo.yaml"
err "$TMP/st_typo.yaml"
check "a strategy's name mistyped: FILE:LINE:COL and did you mean" \
  grep -q "st_typo.yaml:4:44: error: patron.strategy.exit_leverage: 'strategy' has no choice 'comitted'; did you mean 'committed'?" "$TMP/err"
printf 'scenario: %s\nsweep:\n  parameters:\n    allies.KOR.strategy.exit_leverage: [comply, typed]\n' "$KOR" > "$TMP/st_role.yaml"
err "$TMP/st_role.yaml"
check "a patron's strategy for an ally: refused with the allies' names" \
  grep -q "st_role.yaml:4:49: error: allies.KOR.strategy.exit_leverage: 'strategy' has no choice 'typed' (one of comply, defy, expected_utility, tit_for_tat, partial)" "$TMP/err"
printf 'scenario: %s\nsweep:\n  parameters:\n    patron.strategy.hedging: [logit]\n' "$AUS" > "$TMP/st_none.yaml"
err "$TMP/st_none.yaml"
check "a stage that gives the patron no strategy: an unknown parameter" grep -q "st_none.yaml:4:5: error: unknown parameter 'patron.strategy.hedging'" "$TMP/err"
printf 'scenario: %s\nsweep:\n  parameters:\n    patron.strategy.exit_leverage: [typed, committed]\n    patron.strategy.exit_leverage.instrument: [drawdown, tariff]\n' "$KOR" > "$TMP/st_param.yaml"
err "$TMP/st_param.yaml"
check "a strategy swept with one of its parameters: exit 2" [ $? -eq 2 ]
check "  at the parameter's position, saying why" \
  grep -q "st_param.yaml:5:5: error: 'patron.strategy.exit_leverage.instrument' is a parameter of the strategy that 'patron.strategy.exit_leverage' chooses" "$TMP/err"
printf 'scenario: %s\nsweep:\n  design: sobol\n  points: 8\n  parameters:\n    patron.strategy.exit_leverage: [typed, committed]\n' "$KOR" > "$TMP/st_sobol.yaml"
err "$TMP/st_sobol.yaml"
check "sobol: a strategy is refused like any choice" grep -q "st_sobol.yaml:6:5: error: 'patron.strategy.exit_leverage' is a choice between names: sobol" "$TMP/err"
"$ENTENTE" run "$KOR" --set patron.strategy.exit_leverage=comply --out "$TMP/bad" > /dev/null 2> "$TMP/err"
check "run --set with an ally's strategy for the patron: exit 2 and the names" \
  sh -c '[ $1 -eq 2 ] && grep -q "no choice .comply. (one of committed, transactional, typed, bluffer, grim, learning)" "$2"' _ $? "$TMP/err"
finish
