# SPDX-License-Identifier: GPL-3.0-or-later
# The four shipped hedging scenarios show the behaviour their headers promise.
. "$(dirname "$0")/lib.sh"

# col FILE AGENT COLUMN [ROUND]: a value from outcomes.csv (no ROUND) or trace.csv
col() {
  python3 - "$@" <<'PY'
import csv, sys
path, agent, column = sys.argv[1], sys.argv[2], sys.argv[3]
rnd = sys.argv[4] if len(sys.argv) > 4 else None
for row in csv.DictReader(open(path)):
    if row['agent'] == agent and (rnd is None or row['round'] == rnd):
        print(row[column]); break
PY
}
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 > b + 0) }'; }

# the headers describe what a transactional patron brings about: fix its type
run() { s=$1; shift; "$ENTENTE" run "$ROOT/scenarios/$s.yaml" --out "$TMP/$s" --quiet --set patron.transactional_prob=1 "$@"; }

# Australia: AUKUS bandwagoning holds while binding and hedging rise
run australia_hedging
O="$TMP/australia_hedging/outcomes.csv"; T="$TMP/australia_hedging/trace.csv"
check "AUS: tariff threats made" gt "$(col "$O" AUS threats)" 0
check "AUS: bandwagon weight stays above one half" gt "$(col "$O" AUS min_w_bandwagon)" 0.5
check "AUS: binding rises from its start (0.10)" gt "$(col "$O" AUS final_w_bind)" 0.10
check "AUS: hedging index rises" gt "$(col "$O" AUS final_hedging_index)" "$(col "$T" AUS hedging_index 1)"
check "AUS: belief in a transactional patron rises" gt "$(col "$O" AUS final_belief)" 0.4

# Japan: concedes past its own plan, binds more, bandwagoning stays the largest weight
run japan_reactive_activism
O="$TMP/japan_reactive_activism/outcomes.csv"
check "JPN: threatened" gt "$(col "$O" JPN threats)" 0
check "JPN: spends past its 2% plan" gt "$(col "$O" JPN final_share)" 0.02
check "JPN: binding above its start (0.15)" gt "$(col "$O" JPN final_w_bind)" 0.15
check "JPN: bandwagon still the largest weight" sh -c "
  b=\$(awk -F, 'NR==1{for(i=1;i<=NF;i++)c[\$i]=i} \$1==\"JPN\"{print \$c[\"final_w_bandwagon\"], \$c[\"final_w_balance\"], \$c[\"final_w_bind\"]}' '$O')
  set -- \$b; awk -v a=\$1 -v x=\$2 -v y=\$3 'BEGIN{exit !(a>x && a>y)}'"
check "JPN: commitment and both fears reported" sh -c "[ '$(col "$O" JPN final_commitment)' != NA ] && [ '$(col "$O" JPN final_entrapment_fear)' != NA ]"

# Europe: France hedges most, Poland and the Baltic states keep bandwagoning
run europe_strategic_autonomy
O="$TMP/europe_strategic_autonomy/outcomes.csv"
f=$(col "$O" FRA final_hedging_index)
for a in DEU POL BAL; do
  check "EUR: France hedges more than $a" gt "$f" "$(col "$O" $a final_hedging_index)"
done
check "EUR: Poland keeps bandwagoning" gt "$(col "$O" POL min_w_bandwagon)" 0.5
check "EUR: Baltic states keep bandwagoning" gt "$(col "$O" BAL min_w_bandwagon)" 0.5
check "EUR: abandonment fear highest in the east" gt "$(col "$O" BAL final_abandonment_fear)" "$(col "$O" FRA final_abandonment_fear)"

# Secondary allies: never threatened, yet their beliefs move and they hedge
run secondary_allies
O="$TMP/secondary_allies/outcomes.csv"
for a in PHL VNM NZL FIN SWE; do
  check "SEC: $a never threatened" [ "$(col "$O" $a threats)" = 0 ]
  check "SEC: $a belief moved without a threat" gt "$(col "$O" $a belief_change)" 0.1
done
check "SEC: beliefs reached every ally" [ "$(col "$O" PHL spread_time)" != NA ]
"$ENTENTE" run "$ROOT/scenarios/secondary_allies.yaml" --out "$TMP/sec0" --quiet --set patron.transactional_prob=1 --set allies.NZL.openness=0
check "SEC: New Zealand closed to its neighbours keeps its prior" [ "$(col "$TMP/sec0/outcomes.csv" NZL final_belief)" = 0.3 ]

# every row of every trace keeps the portfolio on the simplex
for s in australia_hedging japan_reactive_activism europe_strategic_autonomy secondary_allies; do
  check "$s: portfolios on the simplex" python3 - "$TMP/$s/trace.csv" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    if row['role'] != 'ally': continue
    w = [float(row[k]) for k in ('w_bandwagon', 'w_balance', 'w_bind')]
    assert all(0 <= x <= 1 for x in w) and abs(sum(w) - 1) < 1e-9, row
PY
done
finish
