# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped Korea SMA scenario end to end: exit leverage, bargaining and
# ratification in the trace and outcomes, the two patron types, errors.
. "$(dirname "$0")/lib.sh"

KOREA="$ROOT/scenarios/korea_sma.yaml"

# value of column NAME in row ROW (1 = first data row) of CSV FILE
csv_get() {
  awk -F, -v name="$2" -v row="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
    NR == row + 1 { print (c ? $c : "NOCOL"); exit }' "$1"
}
# values of column NAME in the rows of agent AGENT
csv_col_agent() {
  awk -F, -v name="$2" -v agent="$3" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == name) c = i; if ($i == "agent") a = i }; next }
    $a == agent { print (c ? $c : "NOCOL") }' "$1"
}

"$ENTENTE" validate "$KOREA" >"$TMP/v"; rc=$?
check "korea validates" [ "$rc" -eq 0 ]

"$ENTENTE" run "$KOREA" --out "$TMP/k" >"$TMP/out"; rc=$?
check "korea runs" [ "$rc" -eq 0 ]
check "summary line for exit leverage" grep -q '^exit leverage: patron type ' "$TMP/out"
check "summary line for ratification" grep -q '^ratification: failed ' "$TMP/out"
head -1 "$TMP/k/trace.csv" | tr ',' '\n' >"$TMP/cols"
for c in threat_made instrument exit_demand response enforcement concession harm patron_cost \
         bargaining_outcome patron_power support winset ratification fail_prob; do
  check "trace has column $c" grep -qx "$c" "$TMP/cols"
done
head -1 "$TMP/k/outcomes.csv" | tr ',' '\n' >"$TMP/ocols"
for c in threats executions called_bluffs deals total_threats total_executions total_called_bluffs total_deals time_to_first_deal patron_type failed_ratifications total_failed_ratifications; do
  check "outcomes have column $c" grep -qx "$c" "$TMP/ocols"
done

# the transactional type: threats every round while Korea falls short, and
# threats, responses, bargaining and ratification all show in the trace
"$ENTENTE" run "$KOREA" --quiet --out "$TMP/t" --set patron.transactional_prob=1; rc=$?
check "transactional run" [ "$rc" -eq 0 ]
check "patron type 1" [ "$(csv_get "$TMP/t/outcomes.csv" patron_type 1)" = 1 ]
check "threat in round 1" [ "$(csv_col_agent "$TMP/t/trace.csv" threat_made KOR | head -1)" = 1 ]
check "instrument is the chip linkage (5)" [ "$(csv_col_agent "$TMP/t/trace.csv" instrument KOR | head -1)" = 5 ]
r1=$(csv_col_agent "$TMP/t/trace.csv" response KOR | head -1)
check "response code in round 1" sh -c "[ '$r1' = 0 ] || [ '$r1' = 1 ] || [ '$r1' = 2 ]"
check "a bargaining outcome" sh -c "awk -F, 'NR==1{for(i=1;i<=NF;i++)if(\$i==\"bargaining_outcome\")c=i;next} \$2==\"KOR\" && \$c!=\"NA\"{f=1} END{exit !f}' '$TMP/t/trace.csv'"
check "a ratification result" sh -c "awk -F, 'NR==1{for(i=1;i<=NF;i++)if(\$i==\"ratification\")c=i;next} \$2==\"KOR\" && \$c!=\"NA\"{f=1} END{exit !f}' '$TMP/t/trace.csv'"
check "threaten events" grep -q ',exit_leverage,threaten,USA,KOR,' "$TMP/t/events.csv"
th=$(csv_get "$TMP/t/outcomes.csv" threats 1)
ex=$(csv_get "$TMP/t/outcomes.csv" executions 1)
bl=$(csv_get "$TMP/t/outcomes.csv" called_bluffs 1)
check "executions and called bluffs never exceed threats" [ $((ex + bl)) -le "$th" ]
nthreat=$(grep -c ',threaten,' "$TMP/t/events.csv")
check "threat count matches the events" [ "$nthreat" -eq "$th" ]

# the committed type never carries a threat out, whatever the seed
bad=0
for seed in 1 2 3 4 5 6 7 8 9 10 11 12; do
  "$ENTENTE" run "$KOREA" --quiet --seed $seed --out "$TMP/c" --set patron.transactional_prob=0 || bad=1
  [ "$(csv_get "$TMP/c/outcomes.csv" executions 1)" = 0 ] || bad=1
  [ "$(csv_get "$TMP/c/outcomes.csv" patron_type 1)" = 0 ] || bad=1
done
check "committed patron: no executions over 12 seeds" [ "$bad" -eq 0 ]

# linkage variants change what is threatened (instrument index = code - 1)
"$ENTENTE" run "$KOREA" --quiet --out "$TMP/d" --set patron.transactional_prob=1 \
  --set patron.strategy.exit_leverage.instrument=0
check "drawdown only" [ "$(csv_col_agent "$TMP/d/trace.csv" instrument KOR | head -1)" = 1 ]
"$ENTENTE" run "$KOREA" --quiet --out "$TMP/a" --set patron.transactional_prob=1 \
  --set patron.strategy.exit_leverage.instrument=6
check "linked_all" [ "$(csv_col_agent "$TMP/a/trace.csv" instrument KOR | head -1)" = 7 ]

# reproducible
"$ENTENTE" run "$KOREA" --quiet --seed 99 --out "$TMP/r1"
"$ENTENTE" run "$KOREA" --quiet --seed 99 --out "$TMP/r2"
check "same seed, same trace" cmp -s "$TMP/r1/trace.csv" "$TMP/r2/trace.csv"
check "same seed, same events" cmp -s "$TMP/r1/events.csv" "$TMP/r2/events.csv"

# list
"$ENTENTE" list >"$TMP/list"
for s in committed transactional typed bluffer grim learning comply defy expected_utility tit_for_tat partial; do
  check "list shows exit_leverage $s" grep -q "exit_leverage *$s " "$TMP/list"
done
check "list shows bargaining" grep -q '^  bargaining:' "$TMP/list"
check "list shows ratification" grep -q '^  ratification:' "$TMP/list"
for f in dependence trade_exposure tech_exposure stake autonomy support backlash prior_transactional \
         audience_cost transactional_prob; do
  check "list shows field $f" grep -q "^  $f " "$TMP/list"
done

# errors: a bad instrument, a bad protocol, an out-of-range field
sed 's/instrument: drawdown_tech/instrument: drawdown_tek/' "$KOREA" >"$TMP/bad1.yaml"
"$ENTENTE" run "$TMP/bad1.yaml" --out "$TMP/b1" 2>"$TMP/err"; rc=$?
check "bad instrument exits 2" [ "$rc" -eq 2 ]
check "bad instrument names file:line:col" grep -q "bad1.yaml:[0-9]*:[0-9]*: error: 'instrument' has no choice 'drawdown_tek'; did you mean 'drawdown_tech'?" "$TMP/err"
check "bad instrument writes nothing" [ ! -e "$TMP/b1" ]
sed 's/protocol: nash /protocol: nsah /' "$KOREA" >"$TMP/bad2.yaml"
"$ENTENTE" validate "$TMP/bad2.yaml" 2>"$TMP/err"; rc=$?
check "bad protocol exits 2" [ "$rc" -eq 2 ]
check "bad protocol suggests nash" grep -q "did you mean 'nash'" "$TMP/err"
sed 's/    support: 0.96/    support: 1.96/' "$KOREA" >"$TMP/bad3.yaml"
"$ENTENTE" validate "$TMP/bad3.yaml" 2>"$TMP/err"; rc=$?
check "support above 1 exits 2" [ "$rc" -eq 2 ]
check "support above 1 says the range" grep -q "'support' must be between 0 and 1, got 1.96" "$TMP/err"
"$ENTENTE" run "$KOREA" --out "$TMP/b4" --set patron.transactional_prob=1.5 2>"$TMP/err"; rc=$?
check "--set prior out of range exits 2" [ "$rc" -eq 2 ]
check "--set prior out of range writes nothing" [ ! -e "$TMP/b4" ]

finish
