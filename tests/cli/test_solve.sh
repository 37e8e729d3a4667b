# SPDX-License-Identifier: GPL-3.0-or-later
# `entente solve`: Nash equilibria of the classic games (worked out by hand
# from the indifference conditions), the Olson-Zeckhauser equilibrium and the
# Rubinstein split of an alliance scenario (closed forms), in text, CSV, JSON.
. "$(dirname "$0")/lib.sh"

C="$ROOT/scenarios/classic"
"$ENTENTE" solve "$C/burden_sharing_pd.yaml" >"$TMP/pd"
check "PD exit 0" [ $? -eq 0 ]
check "PD has one equilibrium" grep -q '1 Nash equilibrium$' "$TMP/pd"
check "PD: both free-ride, payoffs P, strict" grep -q 'pure  row: free_ride; column: free_ride; payoffs 1, 1 \[strict, index +1\]$' "$TMP/pd"

# Chicken R3 S1 T4 P0: 3q + 1(1-q) = 4q gives q = 1/2 and payoff 2
"$ENTENTE" solve "$C/exit_leverage_chicken.yaml" --format csv >"$TMP/ch.csv"
check "chicken CSV header" [ "$(head -n 1 "$TMP/ch.csv")" = "equilibrium,kind,player,action,probability,expected_payoff,probability_exact,expected_payoff_exact,component,index,flags" ]
check "chicken has 3 equilibria" [ "$(cut -d, -f1 "$TMP/ch.csv" | sort -u | grep -c '^[0-9]')" -eq 3 ]
check "chicken mixed row" grep -q '^3,mixed,row,back_down,0.5,2,1/2,2,3,-1,$' "$TMP/ch.csv"
check "chicken mixed column" grep -q '^3,mixed,column,hold_firm,0.5,2,1/2,2,3,-1,$' "$TMP/ch.csv"
check "chicken pure (back_down, hold_firm) pays 1 and 4" grep -q '^1,pure,column,hold_firm,1,4,1,4,1,1,strict$' "$TMP/ch.csv"

# Stag hunt R4 S0 T3 P2: 4q = 3q + 2(1-q), q = 2/3, payoff 8/3
"$ENTENTE" solve "$C/alliance_stag_hunt.yaml" --format json >"$TMP/sh.json"
check "stag hunt JSON degenerate false" grep -q '"degenerate": false' "$TMP/sh.json"
mix=$(grep '"kind": "mixed"' "$TMP/sh.json" | sed 's/.*"row": {"commit": \([^,]*\),.*"row_payoff": \([^,]*\),.*/\1 \2/')
check "stag hunt mixed 2/3, payoff 8/3" awk -v m="$mix" 'BEGIN { split(m, v, " ");
  exit !((v[1] - 2/3)^2 < 1e-24 && (v[2] - 8/3)^2 < 1e-24) }'
if command -v python3 >/dev/null 2>&1; then
  check "JSON parses" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/sh.json"
fi

# a 3x3 game: rock-paper-scissors with a bonus, only the uniform mix
cat > "$TMP/rps.yaml" <<'YAML'
name: rps
game:
  actions: [rock, paper, scissors]
  payoffs:
    - [[0, 0], [-1, 1], [1, -1]]
    - [[1, -1], [0, 0], [-1, 1]]
    - [[-1, 1], [1, -1], [0, 0]]
YAML
"$ENTENTE" solve "$TMP/rps.yaml" >"$TMP/rps"
check "RPS: one equilibrium" grep -q '(3x3), 1 Nash equilibrium$' "$TMP/rps"
check "RPS: uniform mix, value 0" grep -q 'mixed row: 1/3 (0.333333) rock + 1/3 (0.333333) paper + 1/3 (0.333333) scissors;.*payoffs 0, 0 \[index +1\]$' "$TMP/rps"

# stag hunt: the strict equilibria, which is payoff- and which risk-dominant
"$ENTENTE" solve "$C/alliance_stag_hunt.yaml" >"$TMP/sh.txt"
check "stag hunt: commit payoff-dominant" grep -q '1\. pure  row: commit; column: commit; payoffs 4, 4 \[strict, payoff-dominant, index +1\]$' "$TMP/sh.txt"
check "stag hunt: hedge risk-dominant" grep -q '2\. pure  row: hedge; column: hedge; payoffs 2, 2 \[strict, risk-dominant, index +1\]$' "$TMP/sh.txt"
check "stag hunt: exact mixed payoff" grep -q 'payoffs 8/3 (2.66667), 8/3 (2.66667) \[index -1\]$' "$TMP/sh.txt"
check "stag hunt JSON exact" grep -q '"row_exact": {"commit": "2/3", "hedge": "1/3"}' "$TMP/sh.json"

# decimals are exact, and the same game scaled by 1e-12, 1e6 and 1e12 has the
# same equilibria (the payoffs scale with it)
game() {  # $1 the exponent suffix
  cat <<EOS
name: scaled
game:
  payoffs:
    - [[0.3$1, 0.2$1], [0$1, 0$1], [0.1$1, 0.3$1]]
    - [[0$1, 0$1], [0.2$1, 0.3$1], [0.25$1, 0.1$1]]
    - [[0.1$1, 0.1$1], [0.1$1, 0.1$1], [0.1$1, 0.1$1]]
EOS
}
game "" >"$TMP/s0.yaml"
"$ENTENTE" solve "$TMP/s0.yaml" --format csv | cut -d, -f1-4,7 >"$TMP/s0.csv"
check "decimal game solved" [ "$(wc -l <"$TMP/s0.csv")" -gt 6 ]
for e in e-12 e6 e12; do
  game "$e" >"$TMP/s$e.yaml"
  "$ENTENTE" solve "$TMP/s$e.yaml" --format csv | cut -d, -f1-4,7 >"$TMP/s$e.csv"
  check "scaled by $e: the same equilibria, exactly" cmp -s "$TMP/s0.csv" "$TMP/s$e.csv"
done
"$ENTENTE" solve "$TMP/se-12.yaml" --format json >"$TMP/se.json"
check "scaled payoffs exact" grep -q '"row_payoff_exact": "[0-9]*/[0-9]*000000000000"\|"row_payoff_exact": "1/10000000000000"' "$TMP/se.json"

# the identity game: 2^n - 1 equilibria, all listed; --max says when there are more
ident() {  # $1 n
  awk -v n="$1" 'BEGIN { print "name: identity\ngame:\n  payoffs:"; for (i = 0; i < n; i++) { printf "    - ["; for (j = 0; j < n; j++) printf "%s[%d, %d]", j ? ", " : "", i == j, i == j; print "]" } }'
}
ident 10 >"$TMP/id10.yaml"
"$ENTENTE" solve "$TMP/id10.yaml" >"$TMP/id10.txt"
check "identity 10x10: 1023 equilibria" grep -q '(10x10), 1023 Nash equilibria$' "$TMP/id10.txt"
check "identity 10x10: 1023 lines" [ "$(grep -c '^  [0-9]*\. ' "$TMP/id10.txt")" -eq 1023 ]
"$ENTENTE" solve "$TMP/id10.yaml" --max 100 >"$TMP/id10m.txt" 2>"$TMP/id10m.err"
check "--max 100: exit 3" [ $? -eq 3 ]
check "--max 100: says there are more" grep -q 'more than 100 Nash equilibria (100 of them listed; --max raises the limit)$' "$TMP/id10m.txt"
check "--max 100: lists 100" [ "$(grep -c '^  [0-9]*\. ' "$TMP/id10m.txt")" -eq 100 ]
"$ENTENTE" solve "$TMP/id10.yaml" --max 100 --format json >"$TMP/id10m.json" 2>"$TMP/id10m.err"
check "--max 100 JSON: complete false" grep -q '"complete": false' "$TMP/id10m.json"
check "--max 100 JSON: note on stderr" grep -q 'more than 100 Nash equilibria' "$TMP/id10m.err"
"$ENTENTE" solve "$TMP/id10.yaml" --max 0 >/dev/null 2>&1
check "--max 0 refused" [ $? -eq 2 ]
ident 13 >"$TMP/id13.yaml"
"$ENTENTE" solve "$TMP/id13.yaml" --max 5 >"$TMP/id13.txt"
check "identity 13x13 --max 5: exit 3" [ $? -eq 3 ]
check "identity 13x13 --max 5" grep -q '(13x13), more than 5 Nash equilibria' "$TMP/id13.txt"

# a degenerate game: the row player indifferent, the column player matching;
# one component of three maximal Nash subsets
cat > "$TMP/deg.yaml" <<'YAML'
name: deg
game:
  payoffs:
    - [[1, 1], [1, 0]]
    - [[1, 0], [1, 1]]
YAML
"$ENTENTE" solve "$TMP/deg.yaml" >"$TMP/deg.txt"
check "degenerate: 4 extreme equilibria in 1 component" grep -q '(2x2), 4 extreme Nash equilibria in 1 component$' "$TMP/deg.txt"
check "degenerate: three maximal Nash subsets" [ "$(grep -c 'maximal Nash subset: ' "$TMP/deg.txt")" -eq 3 ]
check "degenerate: the half mix against both" grep -q 'maximal Nash subset: row {1/2 (0.5) r1 + 1/2 (0.5) r2} x column {c1; c2}$' "$TMP/deg.txt"
"$ENTENTE" solve "$TMP/deg.yaml" --format json >"$TMP/deg.json"
if command -v python3 >/dev/null 2>&1; then
  check "degenerate JSON: components" python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
c=d['components']
assert len(c)==1 and len(c[0]['maximal_nash_subsets'])==3 and c[0]['equilibria']==[1,2,3,4]" "$TMP/deg.json"
fi

# the same file through lrsnash (lrslib), when installed: the same equilibria
if command -v lrsnash >/dev/null 2>&1; then
  printf '2 2\n\n1 1\n1 1\n\n1 0\n0 1\n' >"$TMP/deg.nash"
  check "degenerate: lrsnash finds 4 too" grep -q 'Number of equilibria found: 4' "$(lrsnash "$TMP/deg.nash" >"$TMP/deg.lrs" 2>/dev/null; echo "$TMP/deg.lrs")"
fi

# Olson-Zeckhauser with psi = 0: k = (1-a)/a = 9 for both; only the large
# ally contributes: S = 100/(1 + 9) = 10, and 50 < 9 x 10 keeps the small one
# out. Rubinstein with the patron proposing: (1 - 0.8)/(1 - 0.9 x 0.8) = 5/7.
cat > "$TMP/oz.yaml" <<'YAML'
name: oz
rounds: 5
discount: 0.9
stages:
  - stage: burden_sharing
    psi: 0
  - stage: bargaining
    protocol: rubinstein
patron:
  code: BIG
  gdp: 100
  defence_share: 0.05
  alpha: 0.1
allies:
  - code: SMALL
    gdp: 50
    defence_share: 0.02
    alpha: 0.1
    discount: 0.8
YAML
"$ENTENTE" solve "$TMP/oz.yaml" --format csv >"$TMP/oz.csv"
check "scenario CSV exit 0" [ $? -eq 0 ]
val() { grep "^$1,$2,$3," "$TMP/oz.csv" | cut -d, -f4; }
near() { awk -v a="$1" -v b="$2" 'BEGIN { exit !((a - b)^2 < 1e-14) }'; }
check "O&Z: large ally spends 10" near "$(val burden_sharing BIG nash_spending)" 10
check "O&Z: small ally free-rides" near "$(val burden_sharing SMALL nash_spending)" 0
check "O&Z: alliance total 10" near "$(val burden_sharing ALL nash_alliance_spending)" 10
check "Rubinstein patron share 5/7" near "$(val bargaining SMALL patron_share)" 0.714285714285714
check "Rubinstein ally share 2/7" near "$(val bargaining SMALL ally_share)" 0.285714285714286
"$ENTENTE" solve "$TMP/oz.yaml" >"$TMP/oz.txt"
check "scenario text" grep -q 'SMALL  ally discount 0.8: patron 0.7143, ally 0.2857' "$TMP/oz.txt"

# a patron starting at a share of 1e-12 reveals alpha = 1e-12: the total,
# 1e-10, lies far below any fixed fraction of the GDPs that could bracket it
tiny_yaml() {  # $1 the patron's starting share
  printf 'name: tiny\nstages: [burden_sharing]\npatron: {code: P, gdp: 100, defence_share: %s}\n' "$1"
  printf 'allies:\n  - {code: A1, gdp: 100, defence_share: 0}\n'
}
tiny_yaml 1e-12 >"$TMP/tiny.yaml"
"$ENTENTE" solve "$TMP/tiny.yaml" --format csv >"$TMP/oz.csv" 2>"$TMP/tiny.err"
check "a total of 1e-10: solved" [ $? -eq 0 ]
check "a total of 1e-10: the patron alone spends it" awk -F, '
  $2 == "P" && $3 == "nash_spending" { p = ($4 - 1e-10)^2 < 1e-28 }
  $2 == "A1" && $3 == "nash_spending" { a = $4 == 0 }
  END { exit !(p && a) }' "$TMP/oz.csv"
# a share so small that the weight it reveals is 0: said so, with the field
tiny_yaml 4.9e-324 >"$TMP/tiny.yaml"
"$ENTENTE" solve "$TMP/tiny.yaml" >/dev/null 2>"$TMP/tiny.err"
check "a weight of 0: exit 1" [ $? -eq 1 ]
check "a weight of 0: the agent and the field named" grep -q "could not be found: P's weight on security ('alpha'), calibrated from its 'defence_share' of 4.94066e-324, is 0" "$TMP/tiny.err"
"$ENTENTE" solve "$TMP/oz.yaml" --format json >"$TMP/oz.json"
check "scenario JSON" grep -q '"proposer": "patron"' "$TMP/oz.json"

# exit leverage: the signalling game's perfect Bayesian equilibria, worked by
# hand. Drawdown only: X_C = stake Y = 10, X_T = (1 - tau) 10 = 5, kappa = 8,
# so the committed type backs down (kappa < X_C: a pure bluff) and the
# transactional one carries out; H = 0.04 x 1 x 1000 = 40, d = gap = 10,
# q* = d/H = 1/4, q(mu) = mu. Prior 0.2 < q*: the bluffer threatens with
# b = p(1 - q*)/(q*(1 - p)) = 3/4, the posterior is q* = 1/4 and the ally
# complies with kappa/(d + kappa) = 4/9; or nobody threatens (off-path belief
# mu < 1/4). Prior 0.5 >= q*: both pool on the threat and the ally complies.
sig_yaml() {  # $1 prior, $2 money scale
  cat <<EOS
name: signal
rounds: 1
stages:
  - stage: exit_leverage
    drawdown_harm: 0.04
patron:
  code: PAT
  gdp: $(awk -v s="$2" 'BEGIN { print 20000 * s }')
  defence_share: 0.03
  transactional: 0.5
  audience_cost: $(awk -v s="$2" 'BEGIN { print 8 * s }')
  transactional_prob: $1
  strategies:
    exit_leverage: {name: typed, moderation: 1, demand_factor: 1, instrument: drawdown}
allies:
  - code: ALY
    gdp: $(awk -v s="$2" 'BEGIN { print 1000 * s }')
    defence_share: 0.02
    demand: 0.03
    dependence: 1
    stake: 0.01
    autonomy: 0
    prior_transactional: $1
EOS
}
sig_yaml 0.2 1 >"$TMP/sig.yaml"
"$ENTENTE" solve "$TMP/sig.yaml" >"$TMP/sig.txt"
check "signalling: exit 0" [ $? -eq 0 ]
check "signalling: the game's figures" grep -q 'ALY    p 0.2, demand d 10, harm H 40, autonomy 0, audience cost 8;' "$TMP/sig.txt"
check "signalling: committed bluffs, transactional carries out" grep -q 'committed: cost X 10, resolve 0, carries out if defied 0; transactional: cost X 5, resolve 0, carries out if defied 1;' "$TMP/sig.txt"
check "signalling: q* = 1/4" grep -q 'q\* = 0.25$' "$TMP/sig.txt"
check "signalling: semi-separating, bluffer mixes 3/4, ally complies 4/9" grep -q '2\. semi-separating: threat P(committed) 0.75, P(transactional) 1; posterior P(transactional | threat) = 0.25 (Bayes); P(carried out | defy) 0.25; ally complies with probability 0.444444;' "$TMP/sig.txt"
check "signalling: pooling on quiet with its off-path belief" grep -q '1\. pooling (neither type threatens): .*off-path belief P(transactional | threat) = 0 (any in \[0, 0.25)' "$TMP/sig.txt"
sig_yaml 0.5 1 >"$TMP/sig5.yaml"
"$ENTENTE" solve "$TMP/sig5.yaml" >"$TMP/sig5.txt"
check "signalling: prior 1/2 pools on threat and compliance" grep -q '1\. pooling (both types threaten): threat P(committed) 1, P(transactional) 1; posterior P(transactional | threat) = 0.5 (Bayes); P(carried out | defy) 0.5; ally complies with probability 1;' "$TMP/sig5.txt"
# the same game in other units (every amount of money x 1/100): the same equilibria
# (the payoffs, like the demand and harm, come out in the new unit)
"$ENTENTE" solve "$TMP/sig.yaml" --format csv >"$TMP/sig1all.csv"
sig_yaml 0.2 0.01 >"$TMP/sigk.yaml"
"$ENTENTE" solve "$TMP/sigk.yaml" --format csv >"$TMP/sigkall.csv"
money=',demand,\|,harm,\|_payoff_'
grep -v "$money" "$TMP/sig1all.csv" >"$TMP/sig1.csv"
grep -v "$money" "$TMP/sigkall.csv" >"$TMP/sigk.csv"
check "signalling: equilibria unchanged by the unit of money" awk -F, 'NR == FNR { v[NR] = $4; q[NR] = $3; next }
  { if ($3 != q[FNR] || (v[FNR] - $4)^2 > 1e-18) bad = 1 } END { exit bad || FNR < 10 }' "$TMP/sig1.csv" "$TMP/sigk.csv"
grep "$money" "$TMP/sig1all.csv" | grep exit_leverage >"$TMP/sig1m.csv"
grep "$money" "$TMP/sigkall.csv" | grep exit_leverage >"$TMP/sigkm.csv"
check "signalling: payoffs, demand and harm scale with the unit of money" awk -F, 'NR == FNR { v[NR] = $4; q[NR] = $3; next }
  { if ($3 != q[FNR] || (v[FNR] / 100 - $4)^2 > 1e-18 * (1 + v[FNR]^2)) bad = 1 } END { exit bad || FNR < 5 }' "$TMP/sig1m.csv" "$TMP/sigkm.csv"
"$ENTENTE" solve "$TMP/sig.yaml" --format json >"$TMP/sig.json"
if command -v python3 >/dev/null 2>&1; then
  check "signalling JSON parses" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$TMP/sig.json"
fi

# a menu of two threats: Japan's committed type threatens too, with a smaller
# demand; each type may make either threat
"$ENTENTE" solve "$ROOT/scenarios/japan_reactive_activism.yaml" >"$TMP/jp.txt"
check "menu: two threats stated" grep -q 'JPN .*the types state different threats' "$TMP/jp.txt"
check "menu: the committed type's threat is the smaller demand" grep -q 'threat 2 (the committed type.s): demand d 14.652' "$TMP/jp.txt"
"$ENTENTE" solve "$ROOT/scenarios/japan_reactive_activism.yaml" --format csv >"$TMP/jp.csv"
check "menu: csv has threats 2" grep -q '^exit_leverage,JPN,threats,2$' "$TMP/jp.csv"
check "menu: csv has the second demand" grep -q '^exit_leverage,JPN,demand_2,14.652000' "$TMP/jp.csv"
"$ENTENTE" solve "$ROOT/scenarios/japan_reactive_activism.yaml" --format json >"$TMP/jp.json"
if command -v python3 >/dev/null 2>&1; then
  check "menu: json lists both threats" python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
a=[x for x in d['exit_leverage']['allies'] if x['agent']=='JPN'][0]
assert len(a['threats'])==2 and all(len(e['posteriors'])==2 for e in a['equilibria'])" "$TMP/jp.json"
fi

# bad input
"$ENTENTE" solve "$TMP/oz.yaml" --format xml >/dev/null 2>"$TMP/se"
check "bad --format exits 2" [ $? -eq 2 ]
printf 'name: b\ngame: stag_hnt\n' > "$TMP/b.yaml"
"$ENTENTE" solve "$TMP/b.yaml" >"$TMP/so" 2>"$TMP/se"
check "bad game exits 2" [ $? -eq 2 ]
check "bad game FILE:LINE:COL" grep -qF "b.yaml:2:7: error: unknown game 'stag_hnt'; did you mean 'stag_hunt'?" "$TMP/se"
check "bad game prints nothing" [ ! -s "$TMP/so" ]

finish
