#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente plot: every result kind's fixture gives every expected plot as
# well-formed SVG (with the expected titles and legends) and as PNG; plots
# whose columns are absent are skipped; bad folders get clear errors.
. "$(dirname "$0")/lib.sh"
FIX="$ROOT/tests/fixtures"

# svg_lacks FILE TEXT: no text element of FILE holds TEXT
svg_lacks() {
  python3 - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
sys.exit(1 if any(sys.argv[2] in ''.join(e.itertext()) for e in root.iter() if e.tag.split('}')[-1] == 'text') else 0)
PY
}
png_ok() { [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }

# all_plots DIR NAME...: each NAME.svg is well-formed XML and NAME.png a PNG
all_plots() {
  d=$1; shift
  for n in "$@"; do
    svg_ok "$d/plots/$n.svg" || return 1
    png_ok "$d/plots/$n.png" || { echo "    $d/plots/$n.png is not a PNG"; return 1; }
  done
}

"$ENTENTE" help plot >/dev/null
check "help plot succeeds (the make run contract)" test $? -eq 0

# --- a run
cp -R "$FIX/run" "$TMP/run"
"$ENTENTE" plot "$TMP/run" >"$TMP/out" 2>"$TMP/err"
check "plot run: exit 0" test $? -eq 0
check "plot run: every plot of a run with all columns" \
  all_plots "$TMP/run" shares portfolio beliefs hedging payoff support events
check "plot run: titles name the scenario" \
  svg_ok "$TMP/run/plots/shares.svg" "fixture_korea_japan: defence spending and burden"
check "plot run: legend has the agent codes, patron included in shares" \
  svg_ok "$TMP/run/plots/shares.svg" USA KOR JPN
check "plot run: axis labels carry units" \
  svg_ok "$TMP/run/plots/shares.svg" "contribution (% of GDP)" "burden share (%)" "round"
check "plot run: beliefs are drawn for the allies only" svg_lacks "$TMP/run/plots/beliefs.svg" USA
check "plot run: events mark threats made, carried out and withdrawn" \
  svg_ok "$TMP/run/plots/events.svg" "threat made" "threat carried out" "threat withdrawn" complied defied
check "plot run: events absent from events.csv get no legend entry" \
  svg_lacks "$TMP/run/plots/events.svg" "ratification failed"
check "plot run: nothing left behind but the plots" \
  test "$(ls -A "$TMP/run/plots" | grep -c '^\.')" -eq 0

# --agents chooses the agents drawn
"$ENTENTE" plot "$TMP/run" --agents KOR --quiet
check "plot --agents KOR: KOR drawn" svg_ok "$TMP/run/plots/shares.svg" KOR
check "plot --agents KOR: JPN not drawn" svg_lacks "$TMP/run/plots/shares.svg" JPN
"$ENTENTE" plot "$TMP/run" --agents KOR,XYZ --quiet 2>"$TMP/err"
check "plot --agents XYZ: exit 2" test $? -eq 2
check "plot --agents XYZ: names the agent" grep -q "no agent 'XYZ'" "$TMP/err"

# a run without the hedging, belief and domestic columns: those plots are skipped
mkdir -p "$TMP/lean"
cp "$FIX/run/events.csv" "$FIX/run/outcomes.csv" "$FIX/run/manifest.json" "$TMP/lean/"
cut -d, -f1-6,14-15 "$FIX/run/trace.csv" >"$TMP/lean/trace.csv"
"$ENTENTE" plot "$TMP/lean" --quiet
check "plot lean run: exit 0" test $? -eq 0
check "plot lean run: shares drawn" all_plots "$TMP/lean" shares payoff events
check "plot lean run: no portfolio, beliefs or support without their columns" \
  test ! -e "$TMP/lean/plots/portfolio.svg" -a ! -e "$TMP/lean/plots/beliefs.svg" -a ! -e "$TMP/lean/plots/support.svg"

# more than 12 agents: the patron and the 11 largest allies by GDP are drawn
mkdir -p "$TMP/many"
cp "$FIX/run/manifest.json" "$TMP/many/"
awk 'BEGIN { print "round,agent,role,contribution_share,burden_share,demand,payoff,cum_payoff";
  for (t = 1; t <= 2; t++) { print t ",PAT,patron,0.03,0.5,NA,1," t;
    for (i = 1; i <= 14; i++) printf "%d,A%02d,ally,0.02,0.03,0.02,1,%d\n", t, i, t } }' >"$TMP/many/trace.csv"
awk 'BEGIN { print "agent,name,role,gdp"; print "PAT,Patron,patron,100";
  for (i = 1; i <= 14; i++) printf "A%02d,Ally %d,ally,%d\n", i, i, i }' >"$TMP/many/outcomes.csv"
echo "round,stage,event,actor,target,value" >"$TMP/many/events.csv"
"$ENTENTE" plot "$TMP/many" --quiet
check "plot 15 agents: the patron and the largest allies (A14 ... A04)" \
  svg_ok "$TMP/many/plots/shares.svg" PAT A14 A04
check "plot 15 agents: the three smallest allies are left out" \
  sh -c "! grep -q '>A0[123]<' '$TMP/many/plots/shares.svg'"
check "plot 15 agents: no events plot without events" test ! -e "$TMP/many/plots/events.svg"

# --- a sweep
cp -R "$FIX/sweep" "$TMP/sweep"
"$ENTENTE" plot "$TMP/sweep" --quiet
check "plot sweep: exit 0" test $? -eq 0
check "plot sweep: line, heat map and histograms" all_plots "$TMP/sweep" sweep_line sweep_heatmap sweep_histograms
check "plot sweep: default outcome and parameter are the first, the parameter in words with its unit" \
  svg_ok "$TMP/sweep/plots/sweep_line.svg" "fixture_sweep: mean_ally_share against demand (fraction of GDP)"
# two points share each demand (one per patron type): one line per type, with a legend
check "plot sweep: the second parameter's values as lines, with a legend titled by it" \
  svg_ok "$TMP/sweep/plots/sweep_line.svg" "patron: transactional" "0.2" "0.6"
check "plot sweep: each group's band" \
  sh -c "[ \$(grep -c 'fill-opacity' '$TMP/sweep/plots/sweep_line.svg') -ge 2 ]"
check "plot sweep: heat map over the two parameters, axes in words" \
  svg_ok "$TMP/sweep/plots/sweep_heatmap.svg" "demand (fraction of GDP)" "patron: transactional"
check "plot sweep: a histogram per outcome" \
  svg_ok "$TMP/sweep/plots/sweep_histograms.svg" mean_ally_share threats
"$ENTENTE" plot "$TMP/sweep" --outcome threats --x patron.transactional --y stages.burden_sharing.demand --quiet
check "plot sweep --outcome --x: chosen outcome against chosen parameter" \
  svg_ok "$TMP/sweep/plots/sweep_line.svg" "fixture_sweep: threats against patron: transactional"
# a one-parameter sweep, points in increasing order: a band
mkdir -p "$TMP/sweep1"
cp "$FIX/sweep/manifest.json" "$FIX/sweep/runs.csv" "$TMP/sweep1/"
awk -F, 'NR == 1 || $3 == "0.2"' "$FIX/sweep/summary.csv" | cut -d, -f1-2,4- >"$TMP/sweep1/summary.csv"
"$ENTENTE" plot "$TMP/sweep1" --quiet
check "plot one-parameter sweep: a 95% confidence band" \
  svg_ok "$TMP/sweep1/plots/sweep_line.svg" "95% confidence interval" "mean over replicates"
check "plot one-parameter sweep: no heat map" test ! -e "$TMP/sweep1/plots/sweep_heatmap.svg"
# the same points in decreasing order of x: error bars, not a band
mkdir -p "$TMP/sweep1r"
cp "$TMP/sweep1/manifest.json" "$TMP/sweep1/runs.csv" "$TMP/sweep1r/"
(head -1 "$TMP/sweep1/summary.csv"; tail -n +2 "$TMP/sweep1/summary.csv" | sort -t, -k2,2gr) >"$TMP/sweep1r/summary.csv"
"$ENTENTE" plot "$TMP/sweep1r" --quiet
check "plot sweep with x out of order: error bars" \
  svg_ok "$TMP/sweep1r/plots/sweep_line.svg" "mean and 95% confidence interval"
# one replicate per point: no interval anywhere, the values are drawn (it
# used to fail with "x range is invalid")
mkdir -p "$TMP/sweep1n"
cp "$TMP/sweep1/manifest.json" "$TMP/sweep1/runs.csv" "$TMP/sweep1n/"
awk -F, -v OFS=, 'NR > 1 { $4 = 1; $6 = "NA"; $7 = "NA"; $8 = "NA" } 1' "$TMP/sweep1/summary.csv" >"$TMP/sweep1n/summary.csv"
"$ENTENTE" plot "$TMP/sweep1n" --quiet
check "plot sweep with one replicate per point: exit 0" test $? -eq 0
check "plot sweep with one replicate per point: the values, said to have no interval" \
  svg_ok "$TMP/sweep1n/plots/sweep_line.svg" "value of each point (one run each: no interval)"
# the sweep's `outcomes:` (manifest focus_outcomes) chooses the default outcome
python3 - "$TMP/sweep/manifest.json" "$TMP/sweepf/manifest.json" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1])); m["focus_outcomes"] = ["threats", "mean_ally_share"]
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True); json.dump(m, open(sys.argv[2], "w"))
PY
cp "$FIX/sweep/runs.csv" "$FIX/sweep/summary.csv" "$TMP/sweepf/"
"$ENTENTE" plot "$TMP/sweepf" --quiet
check "plot sweep: the default outcome is the first the sweep names in outcomes:" \
  svg_ok "$TMP/sweepf/plots/sweep_line.svg" "fixture_sweep: threats against demand (fraction of GDP)"
# an outcome that never varies has no histogram; the others do
mkdir -p "$TMP/sweepc"
cp "$FIX/sweep/manifest.json" "$TMP/sweepc/"
awk -F, -v OFS=, 'NR == 1 { print $0, "rounds_played"; next } { print $0, 10 }' "$FIX/sweep/runs.csv" >"$TMP/sweepc/runs.csv"
awk -F, -v OFS=, 'NR == 1 { print; next } { print } $4 == "threats" { $4 = "rounds_played"; $6 = 10; $7 = 0; $8 = 10; $9 = 10; $10 = 10; $11 = 10; $12 = 10; print }' \
  "$FIX/sweep/summary.csv" >"$TMP/sweepc/summary.csv"
"$ENTENTE" plot "$TMP/sweepc" --quiet
check "plot sweep: histograms of the outcomes that vary, not of a constant one" \
  sh -c "python3 - '$TMP/sweepc/plots/sweep_histograms.svg' <<'PY'
import sys, xml.etree.ElementTree as ET
texts = [''.join(e.itertext()) for e in ET.parse(sys.argv[1]).getroot().iter() if e.tag.split('}')[-1] == 'text']
sys.exit(0 if 'threats' in texts and 'mean_ally_share' in texts and 'rounds_played' not in texts else 1)
PY"
# --format: PDF for print, only the formats asked for
"$ENTENTE" plot "$TMP/sweepf" --format pdf --quiet
check "plot --format pdf: PDF files, and no SVG or PNG" \
  sh -c "head -c 5 '$TMP/sweepf/plots/sweep_line.pdf' | grep -q '%PDF-' && [ ! -e '$TMP/sweepf/plots/sweep_line.svg' ] && [ ! -e '$TMP/sweepf/plots/sweep_line.png' ]"
"$ENTENTE" plot "$TMP/sweepf" --format svg,gif --quiet 2>"$TMP/err"
check "plot --format with an unknown format: exit 2 and the formats named" \
  sh -c "[ $? -eq 2 ] && grep -q \"unknown format 'gif' (svg, png or pdf\" '$TMP/err'"
"$ENTENTE" plot "$TMP/sweep" --outcome nothing 2>"$TMP/err" >/dev/null
check "plot sweep --outcome unknown: exit 2" test $? -eq 2
check "plot sweep --outcome unknown: lists the outcomes" grep -q "no outcome 'nothing'.*threats" "$TMP/err"

# --- a tournament
cp -R "$FIX/tournament" "$TMP/tour"
"$ENTENTE" plot "$TMP/tour" --quiet
check "plot tournament: exit 0" test $? -eq 0
check "plot tournament: ranking, payoff matrix, population" all_plots "$TMP/tour" ranking payoff_matrix population
check "plot tournament: ranking bars with spread" \
  svg_ok "$TMP/tour/plots/ranking.svg" "fixture_tournament: tournament ranking" TitForTat Defector \
  "spread over repetitions (1 sd)"
check "plot tournament: matrix cells hold the payoffs" svg_ok "$TMP/tour/plots/payoff_matrix.svg" 2.95 0.55
check "plot tournament: population shares per strategy" \
  svg_ok "$TMP/tour/plots/population.svg" "replicator dynamics" Grudger Alternator
# twenty strategies: the sixteen that reach the highest shares, each in its own colour
mkdir -p "$TMP/tour20"
cp "$FIX/tournament/manifest.json" "$FIX/tournament/ranking.csv" "$TMP/tour20/"
awk 'BEGIN { printf "time"; for (i = 1; i <= 20; i++) printf ",S%02d", i; print "";
  for (t = 0; t <= 3; t++) { printf "%d", t; for (i = 1; i <= 20; i++) printf ",%g", (i <= 4 ? 0.001 : 0.06) * (1 + t * (i % 3)); print "" } }' \
  >"$TMP/tour20/replicator.csv"
"$ENTENTE" plot "$TMP/tour20" --quiet
check "plot a tournament of 20: the 16 that reach the highest shares" \
  svg_ok "$TMP/tour20/plots/population.svg" S05 S20
check "plot a tournament of 20: the four that stay lowest are left out" \
  sh -c "! grep -q '>S0[1-4]<' '$TMP/tour20/plots/population.svg'"
check "plot a tournament of 20: sixteen colours, none repeated" python3 - "$TMP/tour20/plots/population.svg" <<'PY'
import re, sys
svg = open(sys.argv[1]).read()
# the legend's sample lines: one stroke colour per drawn strategy
cols = set(c.lower() for c in re.findall(r"stroke='(rgb\([^)]*\)|#[0-9a-fA-F]{6})'", svg))
sys.exit(0 if len(cols) >= 16 else 1)
PY

# every strategy of the library in one tournament: the ranking lies on its
# side with one line of text per strategy, the matrix has no cell values, and
# no two tic labels overlap
{ echo "name: all_strategies"; echo "game: prisoners_dilemma"; echo "players:"
  "$ENTENTE" list strategies | awk '$1 == "tournament" { print "  - " $2 }'
  echo "turns: 20"; echo "repetitions: 1"; echo "seed: 1"; } >"$TMP/all.yaml"
"$ENTENTE" tournament "$TMP/all.yaml" --out "$TMP/tall" --quiet && "$ENTENTE" plot "$TMP/tall" --quiet
check "plot a tournament of every strategy: exit 0" test $? -eq 0
no_overlap() {  # no_overlap SVG AXIS(x|y) MIN: tic labels at least MIN pixels apart along the axis
  python3 - "$@" <<'PY'
import re, sys
svg, axis, gap = open(sys.argv[1]).read(), sys.argv[2], float(sys.argv[3])
names = set(l.split()[1] for l in open(sys.argv[4]) if l.startswith("  - "))
# y: the unrotated labels (of the y axis); x: the rotated ones (of the x axis)
pos = [float(m[1] if axis == "x" else m[2]) for m in re.finditer(
    r'<g transform="translate\(([\d.]+),([\d.]+)\)( rotate\([^)]*\))?"[^>]*>\s*<text>([^<]+)</text>', svg)
    if m[4] in names and bool(m[3]) == (axis == "x")]
pos.sort()
close = [b - a for a, b in zip(pos, pos[1:]) if b - a < gap]
if len(pos) < len(names) or close:
    print("    %d of %d labels, %d closer than %g px" % (len(pos), len(names), len(close), gap)); sys.exit(1)
PY
}
check "ranking of every strategy: one label per strategy, none overlapping" \
  no_overlap "$TMP/tall/plots/ranking.svg" y 12 "$TMP/all.yaml"
check "payoff matrix of every strategy: row labels do not overlap" \
  no_overlap "$TMP/tall/plots/payoff_matrix.svg" y 11 "$TMP/all.yaml"
check "payoff matrix of every strategy: column labels do not overlap" \
  no_overlap "$TMP/tall/plots/payoff_matrix.svg" x 11 "$TMP/all.yaml"
check "payoff matrix of every strategy: no values written in the cells" \
  sh -c "! grep -q '>2\.[0-9][0-9]<' '$TMP/tall/plots/payoff_matrix.svg'"

# --- a sensitivity analysis
cp -R "$FIX/sensitivity" "$TMP/sens"
"$ENTENTE" plot "$TMP/sens" --quiet
check "plot sensitivity: exit 0" test $? -eq 0
check "plot sensitivity: one chart per outcome" all_plots "$TMP/sens" sensitivity_y sensitivity_threats
check "plot sensitivity: bars named by parameter and index" \
  svg_ok "$TMP/sens/plots/sensitivity_y.svg" "Sobol sensitivity indices of y" x1 x2 x3 \
  "first-order index S_i" "total effect S_Ti"
# parameters named by path are labelled in words at their bars
mkdir -p "$TMP/sensw"
cp "$FIX/sensitivity/manifest.json" "$TMP/sensw/"
sed 's/,x1,/,allies.KOR.support,/; s/,x2,/,stages.burden_sharing.demand,/' "$FIX/sensitivity/sensitivity.csv" \
  >"$TMP/sensw/sensitivity.csv"
"$ENTENTE" plot "$TMP/sensw" --quiet
check "plot sensitivity: parameters in words" svg_ok "$TMP/sensw/plots/sensitivity_y.svg" "KOR: support" demand

# --- the scripts run by hand on the CSVs, as their headers say
check "plots/run_shares.gp runs by hand" gnuplot -e "dir='$TMP/run'; agents='KOR JPN'; out='$TMP/hand.svg'" \
  "$ROOT/plots/run_shares.gp" 2>/dev/null
check "hand-made plot is well-formed" svg_ok "$TMP/hand.svg" KOR JPN
check "plots/sweep_line.gp runs by hand" gnuplot -e "dir='$TMP/sweep'; x='patron.transactional'; outcome='threats'; out='$TMP/hand.png'" \
  "$ROOT/plots/sweep_line.gp"
check "hand-made PNG" png_ok "$TMP/hand.png"

# --- errors: clear, naming the file, exit 2, no gnuplot crash
mkdir -p "$TMP/notrace"
cp "$FIX/run/manifest.json" "$FIX/run/events.csv" "$FIX/run/outcomes.csv" "$TMP/notrace/"
"$ENTENTE" plot "$TMP/notrace" 2>"$TMP/err" >/dev/null
check "missing trace.csv: exit 2" test $? -eq 2
check "missing trace.csv: the error names it" grep -q "notrace/trace.csv: error: missing" "$TMP/err"
check "missing trace.csv: no plots written" test ! -e "$TMP/notrace/plots"

cp -R "$FIX/run" "$TMP/ragged"
printf '4,KOR,ally,0.03\n' >>"$TMP/ragged/trace.csv"
"$ENTENTE" plot "$TMP/ragged" 2>"$TMP/err" >/dev/null
check "ragged trace.csv: exit 2" test $? -eq 2
check "ragged trace.csv: FILE:LINE of the short row" grep -q "ragged/trace.csv:11:1: error: expected 15 fields" "$TMP/err"

cp -R "$FIX/run" "$TMP/text"
sed 's/^2,KOR,ally,0.028,/2,KOR,ally,lots,/' "$FIX/run/trace.csv" >"$TMP/text/trace.csv"
"$ENTENTE" plot "$TMP/text" 2>"$TMP/err" >/dev/null
check "text in a number column: exit 2" test $? -eq 2
check "text in a number column: FILE:LINE:FIELD" \
  grep -q "text/trace.csv:6:4: error: column 'contribution_share' holds 'lots'" "$TMP/err"

cp -R "$FIX/run" "$TMP/nocol"
sed '1s/^round,/turn,/' "$FIX/run/trace.csv" >"$TMP/nocol/trace.csv"
"$ENTENTE" plot "$TMP/nocol" 2>"$TMP/err" >/dev/null
check "trace.csv without 'round': exit 2" test $? -eq 2
check "trace.csv without 'round': names the column" grep -q "nocol/trace.csv:1:1: error: no column 'round'" "$TMP/err"

cp -R "$FIX/run" "$TMP/badjson"
printf '{"command": "run",\n "scenario": }\n' >"$TMP/badjson/manifest.json"
"$ENTENTE" plot "$TMP/badjson" 2>"$TMP/err" >/dev/null
check "malformed manifest.json: exit 2" test $? -eq 2
check "malformed manifest.json: FILE:LINE:COL" grep -q "badjson/manifest.json:2:14: error: unexpected token" "$TMP/err"

mkdir -p "$TMP/empty"
"$ENTENTE" plot "$TMP/empty" 2>"$TMP/err" >/dev/null
check "a folder without results: exit 2" test $? -eq 2
check "a folder without results: says what it looked for" grep -q "holds no result" "$TMP/err"
"$ENTENTE" plot "$TMP/absent" 2>/dev/null >/dev/null
check "a folder that does not exist: exit 2" test $? -eq 2

cp -R "$FIX/tournament" "$TMP/badmatrix"
printf 'strategy,TitForTat\nTitForTat,3\nGrudger,3\n' >"$TMP/badmatrix/payoff_matrix.csv"
"$ENTENTE" plot "$TMP/badmatrix" 2>"$TMP/err" >/dev/null
check "a payoff matrix that is not square: exit 2" test $? -eq 2
check "a payoff matrix that is not square: names it" \
  grep -q "badmatrix/payoff_matrix.csv:1:1: error: expected a square matrix" "$TMP/err"

cp -R "$FIX/run" "$TMP/nognuplot"
ENTENTE_GNUPLOT="$TMP/no-such-gnuplot" "$ENTENTE" plot "$TMP/nognuplot" 2>"$TMP/err" >/dev/null
check "gnuplot missing: exit 1" test $? -eq 1
check "gnuplot missing: a clear message" grep -q "gnuplot is not installed" "$TMP/err"
# ---- failures say what went wrong, and plots/ is replaced as a set ---------------
cp -R "$FIX/run" "$TMP/fails"
"$ENTENTE" plot "$TMP/fails" --quiet
cp -R "$TMP/fails/plots" "$TMP/plots_before"
printf '#!/bin/sh\necho "cannot open output" >&2\nexit 3\n' > "$TMP/gp_fail"
printf '#!/bin/sh\nexit 0\n' > "$TMP/gp_silent"
chmod +x "$TMP/gp_fail" "$TMP/gp_silent"
ENTENTE_GNUPLOT="$TMP/gp_fail" "$ENTENTE" plot "$TMP/fails" 2>"$TMP/err" >/dev/null
check "gnuplot failing: exit 1" test $? -eq 1
check "gnuplot failing: its exit status" grep -q "gnuplot failed (exit status 3)" "$TMP/err"
check "  and its messages" grep -q "cannot open output" "$TMP/err"
check "gnuplot failing: the earlier plots are kept whole" diff -r "$TMP/plots_before" "$TMP/fails/plots"
ENTENTE_GNUPLOT="$TMP/gp_silent" "$ENTENTE" plot "$TMP/fails" 2>"$TMP/err" >/dev/null
check "gnuplot exiting 0 without a picture: exit 1, not 'status 0'" test $? -eq 1
check "gnuplot exiting 0 without a picture: says so" grep -q "exited 0 but wrote no shares.svg" "$TMP/err"
check "  and not as a failure with status 0" sh -c '! grep -q "status 0" "$1"' _ "$TMP/err"
check "gnuplot exiting 0 without a picture: earlier plots kept" diff -r "$TMP/plots_before" "$TMP/fails/plots"
check "no staging folder or lock left" [ "$(ls -A "$TMP/fails" | tr '\n' ' ')" = "events.csv manifest.json outcomes.csv plots trace.csv " -a ! -e "$TMP/.fails.lock" ]
cp -R "$FIX/run" "$TMP/here"
(cd "$TMP/here" && "$ENTENTE" plot . --quiet)
check "plot . (the folder one is in) works and leaves no lock" [ $? -eq 0 -a -s "$TMP/here/plots/shares.svg" -a "$(ls -A "$TMP/here" | tr '\n' ' ')" = "events.csv manifest.json outcomes.csv plots trace.csv " ]
if fault_setup; then
  ENTENTE="$FAULTY"
  # the 4th call under the folder, renaming the first finished picture, fails
  env LD_PRELOAD="$SHIM" ENTENTE_FAULT_DIR="$TMP/fails" ENTENTE_FAULT_N=4 ENTENTE_FAULT_LOG="$TMP/flog" \
    "$ENTENTE" plot "$TMP/fails" 2>"$TMP/err" >/dev/null
  rc=$?
  check "a failing write while plotting: exit 1" test $rc -eq 1
  check "a failing write while plotting: the file and the system's reason" \
    grep -q "cannot write '$TMP/fails/plots/shares.svg': Input/output error" "$TMP/err"
  check "a failing write while plotting: earlier plots kept" diff -r "$TMP/plots_before" "$TMP/fails/plots"
fi
finish
