# SPDX-License-Identifier: GPL-3.0-or-later
# The classroom mode: a person plays one country through standard input.
. "$(dirname "$0")/lib.sh"

NATO="$ROOT/scenarios/nato_burden_sharing.yaml"
printf '3\n\n2.5\nabc\n4%%\n' | "$ENTENTE" play "$NATO" --as DEU --rounds 4 --out "$TMP/p" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "play exits 0" [ "$rc" -eq 0 ]
check "play shows each round" [ "$(grep -c '^-- Round [0-9]*: defence budget' "$TMP/out")" -eq 4 ]
check "play re-asks after bad input" grep -q 'Please type a number from 0 to 100' "$TMP/out"
# the trace holds the shares typed: 3, kept 3, 2.5, 4
for r in "1 0.03" "2 0.03" "3 0.025" "4 0.04"; do
  set -- $r
  got=$(awk -F, -v r="$1" '$1==r && $2=="DEU" {print $4}' "$TMP/p/trace.csv")
  check "round $1 share is $2" [ "$got" = "$2" ]
done
check "play manifest says play" grep -q '"command": "play"' "$TMP/p/manifest.json"
# the others keep their strategies: a complying ally is unaffected by the player
"$ENTENTE" run "$NATO" --rounds 4 --out "$TMP/r" --quiet
check "others play as in run" sh -c "grep ',POL,' '$TMP/p/trace.csv' | cut -d, -f1-5 > '$TMP/a'; grep ',POL,' '$TMP/r/trace.csv' | cut -d, -f1-5 > '$TMP/b'; cmp -s '$TMP/a' '$TMP/b'"
# end of input keeps the last share
: | "$ENTENTE" play "$NATO" --as ESP --rounds 2 --out "$TMP/q" >/dev/null
check "end of input keeps the share" [ "$(awk -F, '$1==2 && $2=="ESP" {print $4}' "$TMP/q/trace.csv")" = "0.0128" ]
"$ENTENTE" play "$NATO" --as XXX </dev/null >/dev/null 2>"$TMP/err"; rc=$?
check "unknown country exits 2" [ "$rc" -eq 2 ]
check "unknown country lists the codes" grep -q 'agents are: USA POL' "$TMP/err"
# with exit leverage the student also answers the patron's threats
KOR="$ROOT/scenarios/korea_sma.yaml"
printf '\nc\n\nd\n\n1.5\n' | "$ENTENTE" play "$KOR" --as KOR --rounds 3 --out "$TMP/k" \
  --set patron.transactional_prob=1 >"$TMP/kout" 2>"$TMP/kerr"
rc=$?
check "play korea exits 0" [ "$rc" -eq 0 ]
check "play korea asks about each demand" [ "$(grep -c '^-- Round [0-9]*: the patron.s demand' "$TMP/kout")" -eq 3 ]
check "play korea names the threat" grep -q 'threatens a drawdown of its forces and guarantee and controls on your technology sector' "$TMP/kout"
resp=$(awk -F, 'NR==1{for(i=1;i<=NF;i++)c[$i]=i} $2=="KOR"{printf "%s ", $c["response"]}' "$TMP/k/trace.csv")
check "answers recorded: comply, defy, part" [ "$resp" = "0 2 1 " ]
check "the partial offer is what was typed" grep -q '^3,exit_leverage,concede,KOR,USA,1.5$' "$TMP/k/events.csv"
finish
