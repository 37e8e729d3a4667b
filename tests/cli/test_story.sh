#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The plain-language account of `entente report` says only what the files
# show. (1) A property test: for every shipped scenario on several seeds
# (and both kinds of patron), each sentence of the account is recomputed
# from the CSV files by tests/cli/story_check.py and every number compared.
# (2) A corpus of hand-made runs: each sentence template appears where its
# condition holds and not where it does not.
. "$(dirname "$0")/lib.sh"

# ---- (1) every number against the CSVs --------------------------------------
n=0
for f in "$ROOT"/scenarios/*.yaml; do
  grep -q '^sweep:' "$f" && continue
  b=$(basename "$f" .yaml)
  for seed in 1 2 3; do
    for tp in 0 1; do
      set_tp=""
      grep -q 'transactional_prob' "$f" && set_tp="--set patron.transactional_prob=$tp"
      # shellcheck disable=SC2086
      "$ENTENTE" run "$f" --seed $seed $set_tp --out "$TMP/r" --quiet 2>/dev/null || continue
      "$ENTENTE" report "$TMP/r" --no-plots --quiet || { not_ok "report $b seed $seed"; continue; }
      if python3 "$ROOT/tests/cli/story_check.py" "$TMP/r" >"$TMP/why"; then
        n=$((n + 1))
      else
        not_ok "account of $b (seed $seed, transactional_prob $tp) agrees with its files" "$(cat "$TMP/why")"
      fi
      [ -z "$set_tp" ] && break
    done
  done
done
check "the accounts of $n shipped runs agree with their files, number by number" [ "$n" -ge 20 ]

# ---- (2) each template where it must appear, and not where it must not --------
# mkrun DIR: a two-round run of patron USA and allies A, B, C, D (trace from
# $TRACE_EXTRA columns, events from $EVENTS, outcomes from $OUTC)
mkrun() {
  mkdir -p "$1"
  printf '{"entente_version": "0.1.0", "command": "run", "scenario": {"name": "fixture"}}\n' >"$1/manifest.json"
  {
    echo "round,agent,role,contribution_share,demand,belief,w_bandwagon,hedging_index"
    for t in 1 2; do
      echo "$t,USA,patron,0.03,NA,NA,NA,NA"
      for a in A B C D; do
        eval "row=\${ROW_${a}_$t:-0.02,0.02,0.4,1,0}"
        echo "$t,$a,ally,$row"
      done
    done
  } >"$1/trace.csv"
  { echo "round,stage,event,actor,target,value"; printf '%s' "${EVENTS:-}"; } >"$1/events.csv"
  { echo "agent,role,exploitation_rho,exploitation_p,patron_type"
    echo "USA,patron,${OUTC:-NA,NA,NA}"; } >"$1/outcomes.csv"
  "$ENTENTE" report "$1" --no-plots --quiet
}
# account DIR: the account's text
account() {
  python3 - "$1/report.html" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index('<h2 id="account">')
print(html.unescape(re.sub(r"<[^>]+>", "", s[i:s.index("<h2", i + 10)])))
PY
}
says() { account "$1" >"$TMP/acc"; grep -q -- "$2" "$TMP/acc"; }
lacks() { account "$1" >"$TMP/acc"; ! grep -q -- "$2" "$TMP/acc"; }

EVENTS="" OUTC="NA,NA,1" mkrun "$TMP/t1"
check "patron type stated when drawn (transactional)" says "$TMP/t1" "USA was of the transactional type"
EVENTS="" OUTC="NA,NA,0" mkrun "$TMP/t0"
check "patron type stated when drawn (committed)" says "$TMP/t0" "USA was of the committed type"
EVENTS="" OUTC="NA,NA,NA" mkrun "$TMP/tn"
check "no patron type without one" lacks "$TMP/tn" "type in this run"
check "no threats: said so" says "$TMP/tn" "The patron made no threats in this run."

# A is threatened in round 2 and complies; its deal fails at home; the threat is
# carried out. In round 1 it defied a demand that came with no threat.
EVENTS="1,exit_leverage,defy,A,USA,0
2,exit_leverage,threaten,USA,A,1
2,exit_leverage,comply,A,USA,1
2,ratification,ratify_fail,A,NA,0.6
2,exit_leverage,execute,USA,A,5
" mkrun "$TMP/ex"
check "answers under threat counted apart" says "$TMP/ex" "Under threat it complied once."
check "answers to demands without a threat said as such" says "$TMP/ex" "To demands made without a threat it defied once."
check "a defiance without a threat is not counted as an answer to the threat" \
  lacks "$TMP/ex" "Under threat it [^.]*defied"
check "the failed ratification linked to the threat carried out" \
  says "$TMP/ex" "The threat was carried out once (round 2): after its deal failed ratification at home."
check "failed ratifications counted" says "$TMP/ex" "Deals that failed ratification at home: 1."
check "no deals sentence without deals" lacks "$TMP/ex" "Deals struck"
check "no backing down without it" lacks "$TMP/ex" "backed down"
EVENTS="1,exit_leverage,threaten,USA,B,1
1,exit_leverage,defy,B,USA,0
1,exit_leverage,execute,USA,B,5
2,exit_leverage,threaten,USA,B,1
2,exit_leverage,comply,B,USA,1
2,exit_leverage,deal,B,USA,1
2,ratification,ratify_fail,B,NA,0.5
2,exit_leverage,execute,USA,B,5
" mkrun "$TMP/mixed"
check "two causes: each counted" \
  says "$TMP/mixed" "carried out twice (rounds 1 and 2): once after its deal failed ratification at home and once after it defied."
check "no answers without a threat when there were none" lacks "$TMP/mixed" "without a threat"
check "deals counted" says "$TMP/mixed" "Deals struck: 1."

# hedging: A's index rises, B's falls from a higher level, nobody hedges
ROW_A_1=0.02,0.02,0.4,0.9,0.05 ROW_A_2=0.02,0.02,0.4,0.6,0.30 EVENTS="" mkrun "$TMP/rise"
check "hedging that rose is said to rise" says "$TMP/rise" "A: its hedging index rose from 0.05 to 0.30"
check "a rise is not said to fall back" lacks "$TMP/rise" "back toward"
ROW_B_1=0.02,0.02,0.4,0.5,0.50 ROW_B_2=0.02,0.02,0.4,0.8,0.20 EVENTS="" mkrun "$TMP/fall"
check "hedging that fell is said to fall, back toward bandwagoning" \
  says "$TMP/fall" "B: its hedging index fell from 0.50 to 0.20, back toward bandwagoning"
EVENTS="" mkrun "$TMP/none"
check "no ally hedged: said so" says "$TMP/none" "No ally hedged"
check "no ally hedged: no 'hedged most'" lacks "$TMP/none" "hedged most"

# the exploitation statistic: only with four allies or more, its verdict by sign and p
EVENTS="" OUTC="0.8,0.01,NA" mkrun "$TMP/rho_sig"
check "significant positive rho: the hypothesis's prediction" says "$TMP/rho_sig" "as Olson and Zeckhauser's exploitation hypothesis predicts"
EVENTS="" OUTC="0.3,0.3,NA" mkrun "$TMP/rho_ns"
check "positive but not significant: said so" says "$TMP/rho_ns" "positive but not significant"
EVENTS="" OUTC="-0.04,0.55,NA" mkrun "$TMP/rho_neg"
check "negative rho: negative, and no evidence for the hypothesis" \
  says "$TMP/rho_neg" "is -0.04 (one-sided p = 0.550, 5 agents): negative"
check "negative rho: not said to be what the hypothesis predicts" \
  lacks "$TMP/rho_neg" "as Olson"
for r in "$TMP"/t1 "$TMP"/ex "$TMP"/mixed "$TMP"/rise "$TMP"/fall "$TMP"/none "$TMP"/rho_sig "$TMP"/rho_neg; do
  python3 "$ROOT/tests/cli/story_check.py" "$r" >"$TMP/why" || not_ok "fixture $(basename "$r") agrees with story_check" "$(cat "$TMP/why")"
done
# three allies: no correlation claimed
mkdir -p "$TMP/three"
EVENTS="" OUTC="1,0.01,NA" mkrun "$TMP/three"
sed -i '/,D,/d' "$TMP/three/trace.csv"
"$ENTENTE" report "$TMP/three" --no-plots --quiet
check "fewer than four allies: no rank correlation stated" lacks "$TMP/three" "rank correlation"

# ---- a sweep's account ------------------------------------------------------
FIX="$ROOT/tests/fixtures/sweep"
mkdir -p "$TMP/sw"
cp "$FIX/manifest.json" "$FIX/runs.csv" "$TMP/sw/"
awk -F, -v OFS=, 'NR == 1 { print; next } { print }
  $4 == "threats" { $4 = "flat"; $6 = 7; print; $4 = "undefined"; $6 = "NA"; print }' "$FIX/summary.csv" >"$TMP/sw/summary.csv"
"$ENTENTE" report "$TMP/sw" --no-plots --quiet
check "sweep: an outcome's extremes stated with the parameter in words" \
  says "$TMP/sw" "mean_ally_share: moved most by demand (stages.burden_sharing.demand): its mean is lowest"
check "sweep: an outcome that no parameter moves is listed as such" \
  says "$TMP/sw" "Not moved by any parameter of the sweep (the same mean at every value): flat."
check "sweep: an outcome without values is not defined, not 'moved'" \
  says "$TMP/sw" "Not defined in this sweep (no run has a value): undefined."
check "sweep: no 'moved most' for a flat outcome" lacks "$TMP/sw" "flat: moved most"
finish
