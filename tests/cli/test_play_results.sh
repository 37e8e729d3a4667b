#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente plot and entente report of play folders: the student's country on
# the student's path against the strategies replayed on the same seed, the
# debrief table; bad files rejected with FILE:LINE; older play folders
# (without debrief.csv or replay/) still drawn. The play folders are made here:
# `entente play` writes the run's files; the replays are `entente run` on the
# same seed, and debrief.csv is written by hand. No prompt wording is relied on.
. "$(dirname "$0")/lib.sh"
JPN="$ROOT/scenarios/japan_reactive_activism.yaml"
KOR="$ROOT/scenarios/korea_sma.yaml"
HEAD='path,strategy,discounted_payoff,final_belief,w_bandwagon,w_balance,w_bind,deals,failed_ratifications'

svg_lacks() { ! grep -q "$2" "$1"; }

# make_play DIR SCENARIO CODE [--set ...]: a play folder with replays and a debrief
make_play() {
  d=$1; f=$2; c=$3; shift 3
  yes '' 2>/dev/null | head -400 | "$ENTENTE" play "$f" --as "$c" --seed 11 --out "$d" "$@" >/dev/null 2>&1
  "$ENTENTE" run "$f" --seed 11 --out "$d/replay/scenario" --quiet "$@"
  "$ENTENTE" run "$f" --seed 11 --out "$d/replay/best" --quiet --set patron.audience_cost=0 "$@"
  printf '%s\n%s\n%s\n%s\n' "$HEAD" 'student,student,41.2,0.83,0.5,0.2,0.3,2,0' \
    'scenario,expected_utility,41.9,0.9,0.45,0.2,0.35,3,0' 'best,comply,NA,NA,NA,NA,NA,NA,NA' >"$d/debrief.csv"
}

make_play "$TMP/pj" "$JPN" JPN
check "fixture: play wrote a play folder" grep -q '"command": "play"' "$TMP/pj/manifest.json"
"$ENTENTE" plot "$TMP/pj" >"$TMP/out" 2>"$TMP/err"
check "plot play: exit 0" [ $? -eq 0 ]
check "plot play: says it is a play" grep -q 'play of japan_reactive_activism' "$TMP/out"
check "plot play: the run's own plots" test -s "$TMP/pj/plots/shares.svg" -a -s "$TMP/pj/plots/portfolio.svg"
for n in share belief bandwagon balance bind payoff cum_payoff; do
  check "plot play: play_$n drawn (svg and png)" test -s "$TMP/pj/plots/play_$n.svg" -a -s "$TMP/pj/plots/play_$n.png"
done
check "plot play: student, scenario and best lines" \
  svg_ok "$TMP/pj/plots/play_bind.svg" "student, JPN" "scenario strategy" "best strategy"
check "plot play: the title names the country" svg_ok "$TMP/pj/plots/play_payoff.svg" "JPN, payoff of each round"
check "plot play: the payoff gap drawn" test -s "$TMP/pj/plots/play_gap.svg" -a -s "$TMP/pj/plots/play_gap.png"
check "plot play: the gap plot's lines" svg_ok "$TMP/pj/plots/play_gap.svg" "student, JPN" "best strategy"
# the gap is the student's cumulative payoff less the scenario strategy's, each round
check "plot play: play_gap.csv is the difference of the traces" python3 - "$TMP/pj" <<'PY'
import csv, sys
d = sys.argv[1]
def cum(path):
    return {int(r['round']): float(r['cum_payoff']) for r in csv.DictReader(open(path)) if r['agent'] == 'JPN'}
s, c, b = cum(d + '/trace.csv'), cum(d + '/replay/scenario/trace.csv'), cum(d + '/replay/best/trace.csv')
rows = list(csv.DictReader(open(d + '/plots/play_gap.csv')))
assert len(rows) == len(s) > 1, len(rows)
for r in rows:
    t = int(r['round'])
    assert abs(float(r['student_minus_scenario']) - (s[t] - c[t])) <= 1e-12 * (1 + abs(s[t])), r
    assert abs(float(r['best_minus_scenario']) - (b[t] - c[t])) <= 1e-12 * (1 + abs(b[t])), r
PY

"$ENTENTE" report "$TMP/pj" >"$TMP/out" 2>"$TMP/err"
check "report play: exit 0" [ $? -eq 0 ]
check "report play: report.html written" test -s "$TMP/pj/report.html"
check "report play: called a play result" grep -q 'A play result of entente' "$TMP/pj/report.html"
check "report play: names the student's country" grep -q 'The student played <b>JPN</b>' "$TMP/pj/report.html"
check "report play: the debrief table" grep -q 'debrief.csv' "$TMP/pj/report.html"
check "report play: the debrief's strategies in the table" grep -q '<td[^>]*>expected_utility</td>' "$TMP/pj/report.html"
check "report play: compares the payoffs" grep -q 'fell 0.700 short of the best replayed path' "$TMP/pj/report.html"
check "report play: the comparison plots inlined" grep -q 'id="plot-play_bind"' "$TMP/pj/report.html"
# well-formed XML, every plot inlined once, ids unique (as test_report checks runs)
html_ok() {
  python3 - "$1" <<'PY'
import os, sys, xml.etree.ElementTree as ET
path = sys.argv[1]
root = ET.fromstring(open(path, encoding="utf-8").read().replace("<!DOCTYPE html>", "", 1))
plots = sorted(f[:-4] for f in os.listdir(os.path.join(os.path.dirname(path), "plots")) if f.endswith(".svg"))
figs = {e.get("id")[5:]: e for e in root.iter("figure") if (e.get("id") or "").startswith("plot-")}
bad = ["plot %s not inlined" % p for p in plots if p not in figs or figs[p].find("svg") is None]
ids = [e.get("id") for e in root.iter() if e.get("id")]
if len(ids) != len(set(ids)): bad.append("duplicate ids")
if bad: print("    " + "; ".join(bad)); sys.exit(1)
PY
}
check "report play: well-formed, every plot inlined" html_ok "$TMP/pj/report.html"

# bad debrief.csv: rejected with the file, line and column, nothing drawn over
cp "$TMP/pj/debrief.csv" "$TMP/good.csv"
bad() {   # bad NAME EXPECTED-MESSAGE CONTENT
  printf '%s' "$3" >"$TMP/pj/debrief.csv"
  "$ENTENTE" plot "$TMP/pj" --quiet >/dev/null 2>"$TMP/err"; rc=$?
  "$ENTENTE" report "$TMP/pj" --quiet >/dev/null 2>"$TMP/err2"; rc2=$?
  if [ $rc -eq 2 ] && [ $rc2 -eq 2 ] && grep -q "$2" "$TMP/err" && grep -q "$2" "$TMP/err2"; then
    ok "bad debrief: $1"
  else
    not_ok "bad debrief: $1" "plot $rc, report $rc2: $(cat "$TMP/err")"
  fi
}
bad "missing column" "debrief.csv:1:1: error: no column 'deals'" \
  "$(printf 'path,strategy,discounted_payoff,final_belief,w_bandwagon,w_balance,w_bind,failed_ratifications\nstudent,s,1,0.5,0.5,0.2,0.3,0')"
bad "unknown path" "debrief.csv:2:1: error: path 'teacher'" "$(printf '%s\nteacher,s,1,NA,NA,NA,NA,0,0' "$HEAD")"
bad "path twice" "debrief.csv:3:1: error: a second row for path 'student'" \
  "$(printf '%s\nstudent,s,1,NA,NA,NA,NA,0,0\nstudent,s,1,NA,NA,NA,NA,0,0' "$HEAD")"
bad "text for a number" "debrief.csv:2:3: error: column 'discounted_payoff' holds 'lots'" \
  "$(printf '%s\nstudent,s,lots,NA,NA,NA,NA,0,0' "$HEAD")"
bad "infinite payoff" "debrief.csv:2:3: error: column 'discounted_payoff' holds 'inf'" \
  "$(printf '%s\nstudent,s,inf,NA,NA,NA,NA,0,0' "$HEAD")"
bad "belief above 1" "debrief.csv:2:4: error: column 'final_belief' holds '1.5': outside 0 to 1" \
  "$(printf '%s\nstudent,s,1,1.5,NA,NA,NA,0,0' "$HEAD")"
bad "weights not adding up" "debrief.csv:2:5: error: the weights w_bandwagon, w_balance and w_bind add up to 1.2" \
  "$(printf '%s\nstudent,s,1,0.5,0.6,0.3,0.3,0,0' "$HEAD")"
bad "fractional count" "debrief.csv:2:8: error: column 'deals' holds '2.5'" \
  "$(printf '%s\nstudent,s,1,NA,NA,NA,NA,2.5,0' "$HEAD")"
bad "negative count" "debrief.csv:2:9: error: column 'failed_ratifications' holds '-1'" \
  "$(printf '%s\nstudent,s,1,NA,NA,NA,NA,0,-1' "$HEAD")"
bad "short row" "debrief.csv:2:.*expected 9 fields" "$(printf '%s\nstudent,s,1,NA,NA,NA,NA,0' "$HEAD")"
bad "no rows" "debrief.csv:1:1: error: 0 rows" "$HEAD"
bad "four rows" "debrief.csv:5:1: error: 4 rows" \
  "$(printf '%s\nstudent,s,1,NA,NA,NA,NA,0,0\nscenario,s,1,NA,NA,NA,NA,0,0\nbest,s,1,NA,NA,NA,NA,0,0\nbest,s,1,NA,NA,NA,NA,0,0' "$HEAD")"
bad "empty file" "debrief.csv:1:1: error: empty file" ""
bad "control character in a name" "debrief.csv:2:2: error: the strategy name holds a control character" \
  "$(printf '%s\nstudent,"a\tb",1,NA,NA,NA,NA,0,0' "$HEAD")"
cp "$TMP/good.csv" "$TMP/pj/debrief.csv"

# bad replays: the file and line, never a crash
cp "$TMP/pj/replay/best/trace.csv" "$TMP/good_trace.csv"
awk -F, 'NR==1 || $2!="JPN"' "$TMP/good_trace.csv" >"$TMP/pj/replay/best/trace.csv"
"$ENTENTE" plot "$TMP/pj" --quiet 2>"$TMP/err"
check "replay without the student's country: exit 2" [ $? -eq 2 ]
check "replay without the student's country: says so" grep -q "replay/best/trace.csv: error: no rows for JPN" "$TMP/err"
awk -F, 'BEGIN{OFS=","} NR==1 || $2!="JPN" || $1!=3' "$TMP/good_trace.csv" >"$TMP/pj/replay/best/trace.csv"
"$ENTENTE" plot "$TMP/pj" --quiet 2>"$TMP/err"
check "replay with a round missing: exit 2" [ $? -eq 2 ]
check "replay with a round missing: file and line" grep -q "replay/best/trace.csv:[0-9]*:1: error: round '4' of JPN; expected round 3" "$TMP/err"
sed 's/^2,JPN,ally,[^,]*,/2,JPN,ally,lots,/' "$TMP/good_trace.csv" >"$TMP/pj/replay/best/trace.csv"
"$ENTENTE" plot "$TMP/pj" --quiet 2>"$TMP/err"
check "replay with text for a number: exit 2" [ $? -eq 2 ]
check "replay with text for a number: file and line" grep -q "replay/best/trace.csv:[0-9]*:4: error: column 'contribution_share' holds 'lots'" "$TMP/err"
cp "$TMP/good_trace.csv" "$TMP/pj/replay/best/trace.csv"
cp "$TMP/pj/replay/best/manifest.json" "$TMP/best_manifest"
cp "$TMP/pj/manifest.json" "$TMP/pj/replay/best/manifest.json"
"$ENTENTE" plot "$TMP/pj" --quiet 2>"$TMP/err"
check "replay that is a play folder: exit 2" [ $? -eq 2 ]
check "replay that is a play folder: says so" grep -q "a replay must be a run folder" "$TMP/err"
"$ENTENTE" run "$KOR" --out "$TMP/other" --quiet
cp "$TMP/other/manifest.json" "$TMP/pj/replay/best/manifest.json"
"$ENTENTE" plot "$TMP/pj" --quiet 2>"$TMP/err"
check "replay of another scenario: exit 2" [ $? -eq 2 ]
check "replay of another scenario: says so" grep -q "a replay of scenario 'korea_sma'" "$TMP/err"
cp "$TMP/best_manifest" "$TMP/pj/replay/best/manifest.json"
"$ENTENTE" plot "$TMP/pj" --quiet
check "plot play: good again after the bad files" [ $? -eq 0 ]

# older play folders: no replay/, no debrief.csv: the student's path alone
rm -rf "$TMP/pj/replay"
"$ENTENTE" plot "$TMP/pj" --quiet 2>"$TMP/err"
check "plot play without replay/: exit 0" [ $? -eq 0 ]
check "plot play without replay/: the student's line" svg_ok "$TMP/pj/plots/play_bind.svg" "student, JPN"
check "plot play without replay/: no replayed line" svg_lacks "$TMP/pj/plots/play_bind.svg" "scenario strategy"
rm -f "$TMP/pj/debrief.csv"
"$ENTENTE" report "$TMP/pj" --quiet 2>"$TMP/err"
check "report play without debrief.csv: exit 0" [ $? -eq 0 ]
check "report play without debrief.csv: says so" grep -q 'no debrief.csv' "$TMP/pj/report.html"
check "report play without debrief.csv: plots still there" grep -q 'id="plot-play_payoff"' "$TMP/pj/report.html"
check "report play without debrief.csv: well-formed" html_ok "$TMP/pj/report.html"

# Korea (no hedging stage): the share and payoff compared, a replay on its own
make_play "$TMP/pk" "$KOR" KOR --set patron.transactional_prob=1
rm -rf "$TMP/pk/replay/best"
"$ENTENTE" report "$TMP/pk" --quiet 2>"$TMP/err"
check "report korea play: exit 0" [ $? -eq 0 ]
check "report korea play: share compared" svg_ok "$TMP/pk/plots/play_share.svg" "student, KOR" "scenario strategy"
check "report korea play: no hedging plots without hedging" test ! -e "$TMP/pk/plots/play_bind.svg"
check "plot --help mentions play folders" sh -c "'$ENTENTE' plot --help | grep -q 'play_bind'"
finish
