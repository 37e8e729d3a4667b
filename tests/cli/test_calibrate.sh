#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente calibrate: the four files, the same bytes for any thread count
# (abc, smc, msm), Ctrl-C then --resume giving the files of a whole run, bad
# sections refused at FILE:LINE:COL with exit 2, the shipped Korea example,
# and plot and report on a calibration folder.
. "$(dirname "$0")/lib.sh"

KOREA="$ROOT/scenarios/korea_sma.yaml"
cat > "$TMP/cal.yaml" <<EOF
scenario: $KOREA
calibrate:
  replicates: 3
  particles: 40
  seed: 7
  parameters:
    allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.0}
    allies.KOR.backlash: {distribution: uniform, min: 0, max: 0.1}
  targets:
    final_support.KOR: {observed: 0.96, se: 0.02}
    deals.KOR: {observed: 1, se: 0.5}
EOF

# ---- outputs and threads ---------------------------------------------------------
for m in abc smc msm; do
  for t in 1 3; do
    "$ENTENTE" calibrate "$TMP/cal.yaml" --method $m --budget 900 --threads $t --out "$TMP/$m$t" --quiet
  done
  same=1
  for f in posterior.csv calibration.csv fit.csv manifest.json; do cmp -s "$TMP/${m}1/$f" "$TMP/${m}3/$f" || same=0; done
  check "$m: 1 and 3 threads give the same four files" [ $same -eq 1 ]
done
check "calibration.csv header" [ "$(head -1 "$TMP/abc1/calibration.csv")" = \
  "parameter,method,mean,median,sd,q05,q95,prior_mean,prior_sd,sd_ratio,estimate,se" ]
check "calibration.csv: a row per parameter" [ "$(wc -l < "$TMP/abc1/calibration.csv")" -eq 3 ]
check "posterior.csv header" [ "$(head -1 "$TMP/abc1/posterior.csv")" = \
  "draw,allies.KOR.support,allies.KOR.backlash,weight,distance,sim.final_support.KOR,sim.deals.KOR" ]
check "fit.csv: a row per target" [ "$(wc -l < "$TMP/abc1/fit.csv")" -eq 3 ]
check "abc accepts 5% of 300 evaluations" [ "$(($(wc -l < "$TMP/abc1/posterior.csv") - 1))" -eq 15 ]
check "manifest: command and method" grep -q '"command": "calibrate"' "$TMP/smc1/manifest.json"
check "manifest: smc generations" grep -q '"generations": ' "$TMP/smc1/manifest.json"
check "msm: estimate and standard error" awk -F, 'NR > 1 && $11 == "NA" { bad = 1 } END { exit bad }' "$TMP/msm1/calibration.csv"
check "no work folder left" [ ! -e "$TMP/abc1.partial" ]

# ---- Ctrl-C, then --resume --------------------------------------------------------
"$ENTENTE" calibrate "$TMP/cal.yaml" --method smc --budget 30000 --particles 400 --out "$TMP/whole" --quiet
"$ENTENTE" calibrate "$TMP/cal.yaml" --method smc --budget 30000 --particles 400 --out "$TMP/cut" --quiet --threads 1 &
pid=$!
i=0
while [ $i -lt 200 ] && [ ! -e "$TMP/cut.partial/calibrate.state" ]; do sleep 0.02; i=$((i + 1)); done
kill -INT $pid
wait $pid
rc=$?
if [ $rc -eq 130 ]; then
  check "Ctrl-C keeps the work folder" [ -e "$TMP/cut.partial/calibrate.state" ]
  "$ENTENTE" calibrate "$TMP/cal.yaml" --method smc --budget 30000 --particles 400 --out "$TMP/cut" --quiet --resume
  check "--resume finishes (exit 0)" [ $? -eq 0 ]
else
  ok "# the run ended before Ctrl-C reached it (exit $rc); resume is covered by test_calibrate"
fi
same=1
for f in posterior.csv calibration.csv fit.csv manifest.json; do cmp -s "$TMP/whole/$f" "$TMP/cut/$f" || same=0; done
check "interrupted and resumed: the same four files" [ $same -eq 1 ]
"$ENTENTE" calibrate "$TMP/cal.yaml" --out "$TMP/cut" --resume --quiet 2>"$TMP/err"
check "--resume with nothing to resume: exit 2" [ $? -eq 2 ]
check "--resume with nothing to resume: says so" grep -q "nothing to resume" "$TMP/err"

# ---- bad sections -------------------------------------------------------------------
bad() {  # NAME EXPECTED-TEXT: calibrate $TMP/bad.yaml exits 2 with the text
  "$ENTENTE" calibrate "$TMP/bad.yaml" --out "$TMP/bad" >/dev/null 2>"$TMP/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -- "$2" "$TMP/err"; then ok "$1"; else not_ok "$1" "exit $rc" "$(cat "$TMP/err")"; fi
}
section() {
  printf 'scenario: %s\ncalibrate:\n  parameters:\n    %s\n  targets:\n    %s\n' "$KOREA" "$1" "$2" > "$TMP/bad.yaml"
}
section "allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.0}" \
        "final_suport.KOR: {observed: 0.96, se: 0.02}"
bad "unknown outcome: FILE:LINE:COL and a suggestion" "bad.yaml:6:5: error: unknown outcome 'final_suport.KOR'; did you mean 'final_support.KOR'?"
section "allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.2}" \
        "final_support.KOR: {observed: 0.96, se: 0.02}"
bad "prior outside the field's range: FILE:LINE:COL" "bad.yaml:4:25: error: .*outside the parameter's range \[0, 1\]"
section "allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.0}" \
        "final_support.KOR: {observed: 0.96, se: 0}"
bad "se of zero: FILE:LINE:COL" "bad.yaml:6:45: error: 'se' of 'final_support.KOR' must be positive"
section "allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.0}" \
        "final_support.KOR: {observed: 0.96, se: -0.1}"
bad "negative se: refused" "must be positive"
section "allies.KOR.suport: {distribution: uniform, min: 0.85, max: 1.0}" \
        "final_support.KOR: {observed: 0.96, se: 0.02}"
bad "unknown parameter: a suggestion" "did you mean 'allies.KOR.support'"
"$ENTENTE" calibrate "$TMP/cal.yaml" --method abd --out "$TMP/bad" 2>/dev/null
check "unknown --method: exit 2" [ $? -eq 2 ]

# ---- the shipped example ------------------------------------------------------------
"$ENTENTE" calibrate "$ROOT/scenarios/korea_calibrate.yaml" --budget 4000 --out "$TMP/korea" --quiet
check "the Korea calibration runs" [ -s "$TMP/korea/calibration.csv" ]

# ---- plot and report ----------------------------------------------------------------
if command -v gnuplot >/dev/null 2>&1; then
  "$ENTENTE" plot "$TMP/abc1" --quiet
  check "plot: marginal densities" [ -s "$TMP/abc1/plots/calibrate_marginals.svg" ]
  check "plot: pairs" [ -s "$TMP/abc1/plots/calibrate_pairs.svg" ]
  check "plot: target fit" [ -s "$TMP/abc1/plots/calibrate_fit.svg" ]
fi
"$ENTENTE" report "$TMP/smc1" --no-plots --quiet
check "report: a page" [ -s "$TMP/smc1/report.html" ]
check "report: says which parameters the data identify" grep -q "identif" "$TMP/smc1/report.html"

# a target no run comes near (support is at most 1): no set is accepted, and
# the summary says so rather than printing a posterior of nan
printf 'scenario: %s\ncalibrate:\n  method: abc\n  budget: 200\n  replicates: 2\n  parameters:\n    allies.KOR.support: {distribution: uniform, min: 0.85, max: 1.0}\n  targets:\n    final_support.KOR: {observed: 1e300, se: 1e-300}\n' \
  "$KOREA" > "$TMP/far.yaml"
"$ENTENTE" calibrate "$TMP/far.yaml" --out "$TMP/far" > "$TMP/far.out" 2>&1
check "an unreachable target: status 0 and the note" \
  sh -c '[ $1 -eq 0 ] && grep -q "no parameter set was accepted" "$2"' _ $? "$TMP/far.out"
check "  and no posterior of nan on the screen" sh -c '! grep -qi "nan" "$1"' _ "$TMP/far.out"
check "  calibration.csv gives NA" grep -q "^allies.KOR.support,abc,NA,NA,NA,NA,NA," "$TMP/far/calibration.csv"
finish
