# SPDX-License-Identifier: GPL-3.0-or-later
# The classroom mode, every playable stage: scripted sessions through a pipe,
# garbage re-asked, end of input and Ctrl-C saved, the patron played, --auto,
# and the debrief's replays against `entente run` on the same seed.
. "$(dirname "$0")/lib.sh"

S="$ROOT/scenarios"
# col FILE NAME: the column number of NAME in a CSV header
col() { head -1 "$1" | tr ',' '\n' | grep -nx "$2" | cut -d: -f1; }
# val FILE ROUND AGENT NAME: one trace value
val() { c=$(col "$1" "$4"); awk -F, -v r="$2" -v a="$3" -v c="$c" '$1==r && $2==a {print $c}' "$1"; }

# ---- a scripted session per shipped scenario with a playable ally: the same
# answers give the same transcript, and a complete play folder
for sa in australia_hedging:AUS japan_reactive_activism:JPN korea_sma:KOR europe_strategic_autonomy:FRA \
          secondary_allies:JPN nato_burden_sharing:DEU burden_sharing_matrix:DEU; do
  sc=${sa%%:*}; who=${sa#*:}
  ans='2,5\nc\n50 20 30\n0.7\n3\nd\n40 30 30\n70%%\n\n\n\n\n'
  printf "$ans" | "$ENTENTE" play "$S/$sc.yaml" --as "$who" --rounds 3 --out "$TMP/s_$sc" >"$TMP/t1_$sc" 2>&1
  rc=$?
  printf "$ans" | "$ENTENTE" play "$S/$sc.yaml" --as "$who" --rounds 3 --out "$TMP/s_$sc" >"$TMP/t2_$sc" 2>&1
  check "$sc: play exits 0" [ "$rc" -eq 0 ]
  check "$sc: the same answers give the same transcript" cmp -s "$TMP/t1_$sc" "$TMP/t2_$sc"
  check "$sc: round 1 is reported" grep -q '^-- Round 1: what came of it --' "$TMP/t1_$sc"
  check "$sc: the share typed (2,5) is the share chosen" grep -q "^1,burden_sharing,contribute,$who,NA,0.025\$" "$TMP/s_$sc/events.csv"
  check "$sc: the student plays as human" grep -q '"burden_sharing": {"name": "human"' "$TMP/s_$sc/manifest.json"
  check "$sc: the payoff is split by stage" grep -q '^Your payoff this round: ' "$TMP/t1_$sc"
  check "$sc: debrief table" grep -q '^  the scenario.s strategy ' "$TMP/t1_$sc"
  check "$sc: debrief.csv header" [ "$(head -1 "$TMP/s_$sc/debrief.csv")" = \
    "path,strategy,discounted_payoff,final_belief,w_bandwagon,w_balance,w_bind,deals,failed_ratifications" ]
  check "$sc: debrief.csv rows" [ "$(cut -d, -f1 "$TMP/s_$sc/debrief.csv" | tr '\n' ' ')" = "path student scenario best " ]
  for f in trace.csv outcomes.csv events.csv manifest.json; do
    check "$sc: replay folders hold $f" [ -s "$TMP/s_$sc/replay/scenario/$f" -a -s "$TMP/s_$sc/replay/best/$f" ]
  done
  "$ENTENTE" run "$S/$sc.yaml" --rounds 3 --out "$TMP/r_$sc" --quiet
  check "$sc: replay/scenario is entente run (trace)" cmp -s "$TMP/r_$sc/trace.csv" "$TMP/s_$sc/replay/scenario/trace.csv"
  check "$sc: replay/scenario is entente run (outcomes)" cmp -s "$TMP/r_$sc/outcomes.csv" "$TMP/s_$sc/replay/scenario/outcomes.csv"
done
check "korea: the win-set is shown from round 1" grep -q 'legislature would ratify a deal of up to \$[0-9.]* bn' "$TMP/t1_korea_sma"
check "korea: the win-set before an answer" grep -q 'legislature would ratify at most' "$TMP/t1_korea_sma"
check "japan: the patron's type is revealed" grep -q '^The patron was [A-Z]* all along' "$TMP/t1_japan_reactive_activism"
check "japan: the portfolio's parts are priced" grep -q '^  bind      worth ' "$TMP/t1_japan_reactive_activism"
check "japan: three sentences" [ "$(sed -n '/^What it came to:/,/^$/p' "$TMP/t1_japan_reactive_activism" | grep -c '^- ')" -eq 3 ]

# ---- with --seed and --set, the scenario replay is still entente run's
printf '\n\n\n\n' | "$ENTENTE" play "$S/korea_sma.yaml" --as KOR --seed 9 --set patron.transactional_prob=1 \
  --out "$TMP/ks" >/dev/null 2>&1
"$ENTENTE" run "$S/korea_sma.yaml" --seed 9 --set patron.transactional_prob=1 --out "$TMP/kr" --quiet
check "seed and set: replay trace is entente run's" cmp -s "$TMP/kr/trace.csv" "$TMP/ks/replay/scenario/trace.csv"
check "seed and set: replay outcomes are entente run's" cmp -s "$TMP/kr/outcomes.csv" "$TMP/ks/replay/scenario/outcomes.csv"

# ---- hedging and commitment: the trace holds exactly what was typed
JPN="$S/japan_reactive_activism.yaml"
printf '60 15 25\n0.6\nabc\n60 40\n60 30 30\n-10 60 50\n50 25 25\n1.5\n75%%\n\n\n' | "$ENTENTE" play "$JPN" --as JPN \
  --auto burden_sharing --auto exit_leverage --rounds 3 --out "$TMP/h" >"$TMP/hout" 2>&1
rc=$?
check "hedging: exits 0" [ "$rc" -eq 0 ]
T="$TMP/h/trace.csv"
check "hedging: round 1 portfolio 60 15 25" [ "$(val "$T" 1 JPN w_bandwagon) $(val "$T" 1 JPN w_balance) $(val "$T" 1 JPN w_bind)" = "0.6 0.15 0.25" ]
check "hedging: round 2 portfolio 50 25 25" [ "$(val "$T" 2 JPN w_bandwagon) $(val "$T" 2 JPN w_balance) $(val "$T" 2 JPN w_bind)" = "0.5 0.25 0.25" ]
check "hedging: Enter keeps the portfolio" [ "$(val "$T" 3 JPN w_bandwagon) $(val "$T" 3 JPN w_bind)" = "0.5 0.25" ]
check "commitment: 0.6, then 75%, then kept" [ "$(val "$T" 1 JPN commitment) $(val "$T" 2 JPN commitment) $(val "$T" 3 JPN commitment)" = "0.6 0.75 0.75" ]
check "hedging: letters re-asked" grep -q '^Please type numbers only' "$TMP/hout"
check "hedging: a wrong count re-asked" grep -q '^Please type three percentages (bandwagon balance bind), not 2' "$TMP/hout"
check "hedging: a sum other than 100 re-asked" grep -q '^Your three percentages add up to 120; they must add up to 100' "$TMP/hout"
check "hedging: negative re-asked" grep -q '^No percentage can be negative' "$TMP/hout"
check "commitment: 1.5 re-asked" grep -q '^k runs from 0 to 1; for 1.5 percent' "$TMP/hout"
check "the others keep their strategies" [ "$(grep -c ',AUS,' "$T")" -eq 3 ]
check "--auto is said" grep -q '^Your burden_sharing is left to the scenario.s strategy' "$TMP/hout"
check "manifest: auto stages" grep -q '"auto": \["burden_sharing", "exit_leverage"\]' "$TMP/h/manifest.json"
check "manifest: played through" grep -q '"student_rounds": 3, "input": "complete"' "$TMP/h/manifest.json"
check "the student's strategy is human in the manifest" grep -q '"hedging": {"name": "human"' "$TMP/h/manifest.json"

# ---- answers to threats: bounds stated and checked, decimal comma
KOR="$S/korea_sma.yaml"
printf '1000\n0\nxyz\n1,5\nc\nd\n' | "$ENTENTE" play "$KOR" --as KOR --auto burden_sharing --rounds 3 \
  --set patron.transactional_prob=1 --out "$TMP/k" >"$TMP/kout" 2>&1
check "offer: bounds in the question" grep -q 'an offer in \$ bn (more than 0, less than [0-9.]*)' "$TMP/kout"
check "offer: 1000 is refused, saying the bounds" grep -q '^An offer must be more than 0 and less than the demand' "$TMP/kout"
check "offer: letters re-asked" grep -q '^Please type c, d, or an amount' "$TMP/kout"
check "offer: 1,5 is 1.5" grep -q '^1,exit_leverage,concede,KOR,USA,1.5$' "$TMP/k/events.csv"
resp=$(awk -F, -v c="$(col "$TMP/k/trace.csv" response)" '$2=="KOR"{printf "%s ", $c}' "$TMP/k/trace.csv")
check "answers recorded: part, comply, defy" [ "$resp" = "1 0 2 " ]
check "after the round: ratification explained" grep -Eq 'legislature (ratified|rejected)|win-set of' "$TMP/kout"

# ---- the defence share and the best response, in the same units
printf '0\n' | "$ENTENTE" play "$KOR" --as KOR --rounds 1 --out "$TMP/k0" >"$TMP/k0out" 2>&1
check "burden: the best response's payoff and the difference" \
  grep -Eq 'would have given [0-9.]+ \(-0\.000[0-9]+,' "$TMP/k0out"
check "burden: the difference in money" grep -Eq 'as much as \$[0-9.]+ bn of GDP lost' "$TMP/k0out"
check "burden: the share typed is the share chosen" grep -q '^1,burden_sharing,contribute,KOR,NA,0$' "$TMP/k0/events.csv"

# ---- the matrix move
# (without noise, so that the trace's moves are the moves chosen)
printf '\nd\n\nc\n\nx\nd\n' | "$ENTENTE" play "$S/burden_sharing_matrix.yaml" --as DEU --rounds 3 \
  --set stages.matrix.noise=0 --out "$TMP/m" >"$TMP/mout" 2>&1
T="$TMP/m/trace.csv"
check "matrix: moves d c d recorded" [ "$(val "$T" 1 DEU matrix_action) $(val "$T" 2 DEU matrix_action) $(val "$T" 3 DEU matrix_action)" = "1 0 1" ]
check "matrix: x re-asked" grep -q '^Please type c or d' "$TMP/mout"
printf '\nd\nc\nd\n' | "$ENTENTE" play "$S/burden_sharing_matrix.yaml" --as USA --rounds 1 \
  --set stages.matrix.noise=0 --out "$TMP/mu" >"$TMP/muout" 2>&1
T="$TMP/mu/trace.csv"
check "matrix, the patron: one move per game" [ "$(val "$T" 1 DEU matrix_patron_action) $(val "$T" 1 FRA matrix_patron_action) $(val "$T" 1 ITA matrix_patron_action)" = "1 0 1" ]
check "matrix, the patron: the games reported" grep -q '^Games: DEU you D, it ' "$TMP/muout"

# ---- the patron: demands, threats, enforcement
printf '5\nn\n6\nn\n7\nn\n' | "$ENTENTE" play "$JPN" --as USA --auto burden_sharing --rounds 1 --out "$TMP/u" >"$TMP/uout" 2>&1
rc=$?
check "--as USA exits 0" [ "$rc" -eq 0 ]
T="$TMP/u/trace.csv"
check "--as USA: the demands typed" [ "$(val "$T" 1 JPN exit_demand) $(val "$T" 1 AUS exit_demand) $(val "$T" 1 KOR exit_demand)" = "5 6 7" ]
check "--as USA: no threats" [ "$(val "$T" 1 USA threat_made)" = "0" ]
printf '5\ndt\n\n\n\n\ny\ny\ny\n' | "$ENTENTE" play "$JPN" --as USA --auto burden_sharing --rounds 1 --out "$TMP/u2" >"$TMP/u2out" 2>&1
T="$TMP/u2/trace.csv"
check "--as USA: a threat with drawdown and tariffs" [ "$(val "$T" 1 JPN instrument)" = "3" ]
check "--as USA: asked whether to carry it out" grep -q 'did not meet your demand' "$TMP/u2out"
# the allies expect of the person what the scenario's patron strategy would do:
# Australia weighs the threat and complies (without that it would always defy)
check "--as USA: an ally weighs the threat and complies" [ "$(val "$T" 1 AUS response)" = "0" ]

printf '4\n' | "$ENTENTE" play "$S/nato_burden_sharing.yaml" --as USA --rounds 1 --out "$TMP/un" >/dev/null 2>&1
check "--as USA: its defence share" [ "$(val "$TMP/un/trace.csv" 1 USA contribution_share)" = "0.04" ]

# ---- --auto checks its stages
"$ENTENTE" play "$JPN" --as JPN --auto hedgeing </dev/null >/dev/null 2>"$TMP/aerr"; rc=$?
check "--auto unknown stage exits 2" [ "$rc" -eq 2 ]
"$ENTENTE" play "$S/nato_burden_sharing.yaml" --as DEU --auto burden_sharing </dev/null >/dev/null 2>"$TMP/aerr2"; rc=$?
check "--auto of every stage exits 2" [ "$rc" -eq 2 ]
check "--auto of every stage is said" grep -q 'leaves you no stage' "$TMP/aerr2"
check "--auto lists the stages" grep -q 'its stages are: burden_sharing exit_leverage bargaining beliefs diffusion hedging security_dilemma' "$TMP/aerr"

# ---- end of input part-way: a complete folder, saying how far the student got
printf '2\n\n60 15 25\n0.5\n' | "$ENTENTE" play "$JPN" --as JPN --out "$TMP/e" >"$TMP/eout" 2>&1
rc=$?
check "early end of input exits 0" [ "$rc" -eq 0 ]
check "early end of input is said" grep -q '^(no more input: from here on' "$TMP/eout"
check "early end: the whole game is in the trace" [ "$(grep -c ',JPN,' "$TMP/e/trace.csv")" -eq 12 ]
check "early end: manifest says so" grep -q '"student_rounds": 1, "input": "end_of_input"' "$TMP/e/manifest.json"
check "early end: debrief written" [ -s "$TMP/e/debrief.csv" -a -s "$TMP/e/replay/best/trace.csv" ]

# ---- Ctrl-C: saved, exit 130
mkfifo "$TMP/fifo"
"$ENTENTE" play "$KOR" --as KOR --out "$TMP/i" <"$TMP/fifo" >"$TMP/iout" 2>&1 &
pid=$!
exec 3>"$TMP/fifo"
printf '3\nc\n' >&3
i=0
while [ $i -lt 400 ] && ! grep -q 'Round 2: defence budget' "$TMP/iout" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
kill -INT "$pid"
wait "$pid"; rc=$?
exec 3>&-
check "Ctrl-C exits 130" [ "$rc" -eq 130 ]
check "Ctrl-C is said" grep -q '^(interrupted: from here on' "$TMP/iout"
check "Ctrl-C: manifest says interrupted" grep -q '"student_rounds": 1, "input": "interrupted"' "$TMP/i/manifest.json"
check "Ctrl-C: complete trace" [ "$(grep -c ',KOR,' "$TMP/i/trace.csv")" -eq 10 ]
check "Ctrl-C: the first round's share kept" [ "$(val "$TMP/i/trace.csv" 1 KOR contribution_share | cut -c1-4)" = "0.03" ]
check "Ctrl-C: debrief written" [ -s "$TMP/i/debrief.csv" ]
finish
