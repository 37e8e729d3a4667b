#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Burden sharing from the command line: every parameter the NATO demand sweep
# varies moves at least one outcome of the scenario it sweeps, more threat
# raises a best responder's share (the comparative static of the joint-product
# model), and the report states the exploitation statistic only where it can
# be tested.
. "$(dirname "$0")/lib.sh"
SCN="$ROOT/scenarios/nato_burden_sharing.yaml"
SWEEP="$ROOT/scenarios/nato_demand_sweep.yaml"

run_at() {  # run_at DIR PATH=VALUE
  "$ENTENTE" run "$SCN" --set "$2" --out "$TMP/$1" --quiet >/dev/null 2>"$TMP/$1.err"
}

# moves A B: some number in outcomes A differs from B's by more than 1e-9
# (relative), not by rounding alone
moves() {
  paste -d'|' "$1" "$2" | awk -F'|' 'NR > 1 { na = split($1, a, ","); split($2, b, ",")
    for (i = 1; i <= na; i++) if (a[i] ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) {
      d = a[i] - b[i]; if (d < 0) d = -d; s = a[i] < 0 ? -a[i] : a[i]
      if (d > 1e-9 * (1 + s)) m = 1 } } END { exit !m }'
}

params=$(sed -n 's/^ *\(stages\.[A-Za-z_.]*\|allies\.[A-Za-z_.]*\|patron\.[A-Za-z_.]*\): *{.*/\1/p' "$SWEEP")
check "the sweep varies four parameters" test "$(echo "$params" | wc -w)" -eq 4
i=0
for p in $params; do
  i=$((i + 1))
  case $p in
    *.demand) lo=0.02; hi=0.05 ;;
    *) lo=0.2; hi=0.9 ;;
  esac
  run_at "lo$i" "$p=$lo" && run_at "hi$i" "$p=$hi"
  check "$p: runs at $lo and $hi" test $? -eq 0
  check "$p moves at least one outcome by more than 1e-9" moves "$TMP/lo$i/outcomes.csv" "$TMP/hi$i/outcomes.csv"
done

# more threat, higher share: Spain and Türkiye play best responses
share_of() { awk -F, -v a="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "final_share") c = i }
  $1 == a { print $c }' "$TMP/$1/outcomes.csv"; }
for a in ESP TUR; do
  run_at "$a.lo" "allies.$a.threat=0.1" && run_at "$a.hi" "allies.$a.threat=0.9"
  lo=$(share_of "$a.lo" "$a"); hi=$(share_of "$a.hi" "$a")
  check "$a: more threat, higher share ($lo < $hi)" awk -v l="$lo" -v h="$hi" 'BEGIN { exit !(l + 1e-4 < h) }'
done
# outcomes carry the test of the statistic; the report words it by its sign and p-value
check "outcomes has exploitation_p" sh -c "head -1 '$TMP/lo1/outcomes.csv' | grep -q ',exploitation_p,exploitation_partial_rho,exploitation_partial_p,'"
"$ENTENTE" report "$TMP/lo1" >/dev/null 2>&1
check "report: a claim with its p-value for 30 allies" grep -q "Spearman's rank correlation of GDP and defence share is .*one-sided p = " "$TMP/lo1/report.html"
# five agents keeping fixed shares (exact permutation p-values, of 120
# orderings): rho = 1 (p = 1/120), rho = -1 (p = 1), and
# rho = 0.3 (ranks 4 2 5 1 3 against 5 4 3 2 1, sum d^2 = 14; t = 0.3 sqrt(3 / 0.91)
# = 0.545 on 3 df, p = 0.31; exactly, 41 of the 120 orderings reach 0.3: p = 0.342)
five() {  # five NAME SHARE1 ... SHARE5 (GDP 500, 400, ..., 100)
  n=$1; shift
  { echo "name: $n"; echo "rounds: 2"; echo "stages: [{stage: burden_sharing, ally_strategy: fixed}]"
    echo "patron: {code: P, gdp: 500, defence_share: $1}"; echo "allies:"
    g=400; shift
    for x in "$@"; do echo "  - {code: A$g, gdp: $g, defence_share: $x}"; g=$((g - 100)); done
  } >"$TMP/$n.yaml"
  "$ENTENTE" run "$TMP/$n.yaml" --out "$TMP/$n" --quiet >/dev/null 2>&1 && "$ENTENTE" report "$TMP/$n" >/dev/null 2>&1
}
five pos 0.05 0.04 0.03 0.02 0.01
check "report: significant positive rho supports the hypothesis" \
  grep -q "is 1.00 (one-sided p = 0.008, 5 agents): larger allies carry a disproportionate share of the burden, as Olson and Zeckhauser's exploitation hypothesis predicts" "$TMP/pos/report.html"
five neg 0.01 0.02 0.03 0.04 0.05
check "report: a negative rho is said to be negative, and no evidence for the hypothesis" \
  grep -q "is -1.00 (one-sided p = 1.000, 5 agents): negative: larger allies carried a smaller share of their GDP, so the run gives no evidence for Olson and Zeckhauser's exploitation hypothesis, which predicts a positive correlation." "$TMP/neg/report.html"
five ins 0.04 0.02 0.05 0.01 0.03
check "report: an insignificant positive rho gives no evidence" \
  grep -q "is 0.30 (one-sided p = 0.342, 5 agents): positive but not significant at the 5% level" "$TMP/ins/report.html"
cat >"$TMP/two.yaml" <<'Y'
name: two
rounds: 2
stages: [{stage: burden_sharing}]
patron: {code: P, gdp: 1000, defence_share: 0.03}
allies:
  - {code: A, gdp: 500, defence_share: 0.02}
Y
"$ENTENTE" run "$TMP/two.yaml" --out "$TMP/two" --quiet >/dev/null 2>&1 && "$ENTENTE" report "$TMP/two" >/dev/null 2>&1
check "report: no exploitation claim for one ally" sh -c "! grep -q 'rank correlation' '$TMP/two/report.html'"
finish
