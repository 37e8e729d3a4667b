#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The lesson guides of scenarios/classroom/: every command in their ```sh
# blocks is run (in a scratch folder holding the scenarios, with this build
# of entente), each guide has the parts a lesson needs, its readings are
# references the scenarios cite, and every outcome a guide promises is
# checked on the results its own commands wrote (sweeps of 200 seeds per
# case). A guide edited without its check, or a model change that breaks a
# promise, fails here.
. "$(dirname "$0")/lib.sh"
CLASS="$ROOT/scenarios/classroom"
W="$TMP/work"
mkdir -p "$W" "$TMP/log"
ln -s "$(cd "$ROOT/scenarios" && pwd)" "$W/scenarios"
export ENTENTE

# commands GUIDE: the commands of its ```sh blocks, one a line (continuations joined)
commands() {
  awk '/^```sh[[:space:]]*$/ { on = 1; next } /^```/ { on = 0; next }
       on { line = line $0; if (line ~ /\\$/) { sub(/\\$/, "", line); next }
            if (line !~ /^[[:space:]]*(#|$)/) print line; line = "" }' "$1"
}

guides=0
for g in "$CLASS"/*.md; do
  gname=$(basename "$g" .md)
  [ "$gname" = README ] && continue
  guides=$((guides + 1))
  # the parts of a lesson
  for h in "Goals" "Commands" "What to observe" "Discussion questions" "Predict, then run" "Readings"; do
    check "$gname: has '$h'" grep -q "^## $h\$" "$g"
  done
  nq=$(awk '/^## Discussion questions/ { on = 1; next } /^## / { on = 0 } on && /^[0-9]+\. /' "$g" | wc -l)
  check "$gname: three to five discussion questions ($nq)" [ "$nq" -ge 3 -a "$nq" -le 5 ]
  check "$gname: the exercise changes a parameter" \
    sh -c "awk '/^## Predict, then run/ { on = 1; next } /^## / { on = 0 } on' '$g' | grep -q -- '--set '"
  # readings: each is a reference a shipped scenario cites, word for word
  awk '/^## Readings/ { on = 1; next } /^## / { on = 0 } on && /^- /' "$g" | sed 's/^- //' >"$TMP/readings"
  check "$gname: has readings" [ -s "$TMP/readings" ]
  while IFS= read -r ref; do
    check "$gname: reading cited by a scenario: $(echo "$ref" | cut -c1-50)" \
      grep -qF -- "$ref" "$ROOT"/scenarios/*.yaml
  done <"$TMP/readings"
  # every command, in order, from the scratch folder
  commands "$g" >"$TMP/cmds"
  check "$gname: has commands" [ -s "$TMP/cmds" ]
  n=0
  while IFS= read -r cmd; do
    n=$((n + 1))
    case $cmd in
      "entente "*) ;;
      *) not_ok "$gname: command $n is an entente command" "$cmd"; continue ;;
    esac
    run=$(printf '%s\n' "$cmd" | sed 's/^entente /"$ENTENTE" /; s/| entente /| "$ENTENTE" /g')
    (cd "$W" && sh -c "$run") >"$TMP/log/$gname.$n" 2>&1 </dev/null
    rc=$?
    if [ $rc -eq 0 ]; then ok "$gname: runs: $cmd"
    else not_ok "$gname: runs: $cmd" "exit $rc" "$(tail -5 "$TMP/log/$gname.$n")"; fi
  done <"$TMP/cmds"
  # the numbered logs only (never the .all file itself, which cat would then
  # read while it grows), joined outside the folder and moved in
  cat "$TMP/log/$gname".[0-9]* 2>/dev/null | tr '\n' ' ' >"$TMP/$gname.all.part"
  mv "$TMP/$gname.all.part" "$TMP/log/$gname.all"
done
check "at least four guides" [ "$guides" -ge 4 ]
check "the guides have an index" test -s "$CLASS/README.md"
for g in "$CLASS"/*.md; do
  b=$(basename "$g")
  [ "$b" = README.md ] || check "the index lists $b" grep -q "($b)" "$CLASS/README.md"
done

# ---- promises over seeds -----------------------------------------------------
R="$W/results"
# runs DIR POINT COND: "k n", the runs of point POINT (of n) for which COND
# holds, an awk expression over v("column") of runs.csv
runs() {
  awk -F, -v p="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    function v(n) { if (!(n in c)) { print "no column " n >"/dev/stderr"; bad = 1; exit 2 } return $c[n] + 0 }
    $c["point"] == p { n++; if ('"$3"') k++ } END { if (!bad) print k + 0, n + 0 }' "$R/$1/runs.csv"
}
# mean DIR POINT COLUMN
mean() {
  awk -F, -v p="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["point"] == p { n++; s += $c[col] } END { if (n) printf "%.6g\n", s / n; else print "NA" }' "$R/$1/runs.csv"
}
# all GUIDE DIR POINT COND: COND holds in every one of the 200 runs
all() {
  got=$(runs "$2" "$3" "$4")
  if [ "$got" = "200 200" ]; then ok "$1 promise: $2 point $3: $4 in every run"
  else not_ok "$1 promise: $2 point $3: $4 in every run" "holds in $got"; fi
}
# some GUIDE DIR POINT COND LO HI: COND holds in LO to HI of the 200 runs
some() {
  got=$(runs "$2" "$3" "$4"); k=${got% *}
  if [ "${got#* }" = 200 ] && [ "$k" -ge "$5" ] && [ "$k" -le "$6" ]; then
    ok "$1 promise: $2 point $3: $4 in $5 to $6 of 200 runs ($k)"
  else not_ok "$1 promise: $2 point $3: $4 in $5 to $6 of 200 runs" "holds in $got"; fi
}
# cmp GUIDE DESCRIPTION AWK-CONDITION (over a, b, ...)
num() {
  if awk "BEGIN { exit !($3) }"; then ok "$1 promise: $2"; else not_ok "$1 promise: $2" "$3"; fi
}
# says GUIDE TEXT: the guide states the promise checked next
says() { check "$1 states: $2" sh -c "tr '\n' ' ' <'$CLASS/$1.md' | tr -s ' ' | grep -qF -- \"\$0\"" "$2"; }

# tr DIR ROUND AGENT COLUMN: a value of a run's trace.csv; oc DIR AGENT COLUMN: of outcomes.csv
tr() {
  awk -F, -v r="$2" -v a="$3" -v col="$4" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $1 == r && $2 == a { print $c[col]; exit }' "$R/$1/trace.csv"
}
oc() {
  awk -F, -v a="$2" -v col="$3" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $1 == a { print $c[col]; exit }' "$R/$1/outcomes.csv"
}

# hedging.md
G=hedging
says $G "the bind weight climbs from 10% to about 25% over the twelve rounds"
num $G "default seed: Australia binds 10% to about 25%, bandwagon above one half" \
  "$(tr australia 12 AUS w_bind) > 0.23 && $(tr australia 12 AUS w_bind) < 0.27 && $(oc australia AUS min_w_bandwagon) > 0.5"
says $G "its bind weight *falls* below its start (to about 3%)"
num $G "committed: Australia's bind weight about 3%" "$(tr australia-committed 12 AUS w_bind) < 0.05"
says $G "Japan (third run) is threatened in all 12 rounds"
num $G "Japan: 12 threats, none carried out, bind about 31%, 2.84% of GDP" \
  "$(oc japan JPN threats) == 12 && $(oc japan JPN executions) == 0 && $(tr japan 12 JPN w_bind) > 0.29 && $(tr japan 12 JPN w_bind) < 0.33 && $(oc japan JPN final_share) > 0.0283 && $(oc japan JPN final_share) < 0.0285"
says $G "Australia's bind weight ends above its starting 10% in every run"
all $G hedging-types 2 'v("final_w_bind.AUS") > 0.10'
all $G hedging-types 0 'v("final_w_bind.AUS") < 0.10'
says $G "rises in exactly the runs where the patron turns out transactional"
all $G hedging-types 1 '(v("final_w_bind.AUS") > 0.10) == (v("patron_type") == 1)'
some $G hedging-types 1 'v("patron_type") == 1' 120 160
says $G "Australia's bandwagon weight never falls below one half"
for p in 0 1 2; do all $G hedging-types $p 'v("min_w_bandwagon.AUS") > 0.5'; done
says $G "Japan's bind weight ends above 25% and its defence share above 2% of GDP in every run"
all $G japan-types 1 'v("final_w_bind.JPN") > 0.25 && v("final_share.JPN") > 0.02 && v("executions.JPN") == 0'
all $G japan-types 0 'v("final_w_bind.JPN") < 0.05'
says $G "the more exposed Australia ends with a larger bind weight"
num $G "more exposed, more binding" "$(mean hedging-exposure 1 final_w_bind.AUS) > $(mean hedging-exposure 0 final_w_bind.AUS) + 0.02"
all $G hedging-exposure 1 'v("min_w_bandwagon.AUS") > 0.5'
says $G "at least triples on average"
num $G "tariff harm at least triples" "$(mean hedging-exposure 1 harm_total.AUS) >= 3 * $(mean hedging-exposure 0 harm_total.AUS)"
says $G "Its belief that the patron is transactional jumps from 0.40 to 1.00"
check "$G: the narration shows the first threat and the belief" grep -q \
  "The United States threatens Australia with tariffs on Australia's exports" "$TMP/log/$G.all"
check "$G: the narration shows Australia offering half" \
  grep -q "Australia, believing the patron transactional with probability 0.40, offers \$[0-9.]* bn, half" "$TMP/log/$G.all"
check "$G: the narration shows binding" grep -q "Australia's hedging has moved towards binding" "$TMP/log/$G.all"
check "$G: the played game was written" grep -q '"command": "play"' "$R/australia-play/manifest.json"
check "$G: the played game has a report" test -s "$R/australia-play/report.html"

# korea_two_level.md
G=korea_two_level
says $G "nothing is put to the National Assembly"
num $G "committed: support stays at 0.94" "$(oc korea KOR final_support) > 0.935 && $(oc korea KOR final_support) < 0.945"
says $G "the win-set shrinks from \$3.3 bn towards \$1.8 bn by round 10"
num $G "transactional: the win-set shrinks from 3.3 to 1.8" \
  "$(tr korea-t 1 KOR winset) > 3.2 && $(tr korea-t 1 KOR winset) < 3.35 && $(tr korea-t 10 KOR winset) > 1.75 && $(tr korea-t 10 KOR winset) < 1.85"
says $G "rejects on average more than two deals per ten-round run"
num $G "transactional: more than two failed ratifications a run on average" "$(mean korea-types 1 total_failed_ratifications) > 2"
some $G korea-types 1 'v("total_failed_ratifications") >= 1' 101 200
all $G korea-types 1 'v("final_support.KOR") < 0.8'
says $G "a deal fails in fewer than one run in twenty"
some $G korea-types 0 'v("total_failed_ratifications") >= 1' 0 9
all $G korea-types 0 'v("final_support.KOR") > 0.8'
says $G "failed ratifications fall from about three per run to fewer than 0.6"
num $G "wider win-set: failures fall below 0.6" "$(mean korea-winset 0 total_failed_ratifications) > 2 && $(mean korea-winset 1 total_failed_ratifications) < 0.6"
num $G "wider win-set: deals rise above six" "$(mean korea-winset 0 deals.KOR) < 5 && $(mean korea-winset 1 deals.KOR) > 6"
says $G "its legislature **rejects the deal**: \$8.9 bn is more than its win-set of \$3.3 bn"
check "$G: the narration shows the rejected deal" \
  grep -q "South Korea's legislature rejects the deal: \$8.9 bn is more than its win-set of \$3.3 bn" "$TMP/log/$G.all"
check "$G: the narration shows the threat carried out" grep -q "South Korea loses \$34.0 bn" "$TMP/log/$G.all"
check "$G: committed: nothing put to the Assembly" sh -c "! grep -q ',ratif' '$R/korea/events.csv'"
check "$G: the played game was written" grep -q '"command": "play"' "$R/korea-play/manifest.json"

# nato_burden_sharing.md
G=nato_burden_sharing
says $G "29 of the 30 allies meet it in the last round, in every run"
all $G nato-demand 0 'v("allies_meeting_demand") == 29 && v("final_share.ESP") < 0.0128'
says $G "the one-sided p-value of Spearman's rho exceeds 0.05 in every run"
for p in 0 1; do all $G nato-demand $p 'v("exploitation_p") > 0.05'; done
says $G "at 3.5% only 12 of the 30 allies meet the demand in the last round, in every run"
all $G nato-demand 1 'v("allies_meeting_demand") == 12 && v("final_share.ESP") < 0.0128'
says $G "The best responders Spain, Türkiye, Greece and Hungary spend slightly *less* than at 2%"
for a in ESP TUR GRC HUN; do
  num $G "$a, a best responder, spends less at 3.5% than at 2%" \
    "$(mean nato-demand 1 final_share.$a) < $(mean nato-demand 0 final_share.$a)"
done
says $G "from about 59% to about 56%"
num $G "the patron's share of spending falls a little" \
  "$(mean nato-demand 0 patron_burden_share) > 0.57 && $(mean nato-demand 0 patron_burden_share) < 0.61 && $(mean nato-demand 1 patron_burden_share) > 0.54 && $(mean nato-demand 1 patron_burden_share) < 0.57"
says $G "Germany from 2.12% to 3.02%"
num $G "Germany climbs from 2.12% to 3.02%" "$(oc nato DEU final_share) > 0.0301 && $(oc nato DEU final_share) < 0.0303"
says $G "rho of GDP and final share is about 0.14 with a one-sided p of about 0.23"
num $G "rho about 0.14, p about 0.23" \
  "$(oc nato USA exploitation_rho) > 0.13 && $(oc nato USA exploitation_rho) < 0.15 && $(oc nato USA exploitation_p) > 0.22 && $(oc nato USA exploitation_p) < 0.24"
check "$G: the narration shows 29 meeting the demand by round 7" grep -q "Round 7: The United States demands 2.00% of GDP for defence from its 30 allies; 29 meet it" "$TMP/log/$G.all"
check "$G: the narration shows 22 meeting the demand in round 1" grep -q "from its 30 allies; 22 meet it" "$TMP/log/$G.all"
check "$G: the narration shows Spain falling short" grep -q "Falling short: Spain" "$TMP/log/$G.all"

# uncertainty_diffusion.md
G=uncertainty_diffusion
says $G "are never threatened, in any run, under either kind of patron"
for a in PHL VNM NZL FIN SWE; do
  for p in 0 1; do all $G diffusion-types $p "v(\"threats.$a\") == 0"; done
  all $G diffusion-types 1 "v(\"belief_change.$a\") > 0.5"
  all $G diffusion-types 0 "v(\"belief_change.$a\") < -0.2"
done
says $G "each of their beliefs rises by more than 0.5"
all $G diffusion-types 1 'v("allies_reached") == 8'
says $G "higher under the transactional patron (about 0.58) than under the committed one (about 0.27)"
num $G "hedging: transactional above committed" \
  "$(mean diffusion-types 1 mean_hedging_index) > 0.5 && $(mean diffusion-types 0 mean_hedging_index) < 0.35"
says $G "New Zealand's belief stays at its prior of 0.3 in every run"
all $G diffusion-openness 1 'v("belief_change.NZL") == 0 && v("allies_reached") == 7 && v("final_w_bind.NZL") > 0.3'
all $G diffusion-openness 0 'v("allies_reached") == 8'
num $G "closed New Zealand binds less" "$(mean diffusion-openness 1 final_w_bind.NZL) < $(mean diffusion-openness 0 final_w_bind.NZL)"
says $G "under a committed patron, too, its bind weight ends above 50%"
all $G diffusion-types 0 'v("final_w_bind.NZL") > 0.5'
says $G "Vietnam's bind weight from 30% to about 78% by round 15"
num $G "Vietnam binds from 30% to about 78%" "$(tr secondary 15 VNM w_bind) > 0.76 && $(tr secondary 15 VNM w_bind) < 0.80"
says $G "its belief moves one step later"
num $G "New Zealand's belief moves a round after Australia's" "$(oc secondary NZL spread_round) == $(oc secondary AUS spread_round) + 1"
num $G "only Japan and Germany are threatened" \
  "$(oc secondary JPN threats) > 0 && $(oc secondary DEU threats) > 0 && $(oc secondary JPN executions) == 0 && $(oc secondary AUS threats) == 0"
check "$G: the narration marks allies not threatened" grep -q "Vietnam 0.[0-9]* to 0.[0-9]* (not threatened)" "$TMP/log/$G.all"
finish
