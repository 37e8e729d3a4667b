#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `entente plot` and `entente report` succeed on every kind of result folder
# the commands make: a run of every shipped scenario, a play, sweeps of
# every design with one replicate per point and with a hundred, tournaments
# of every classic game, and a sensitivity analysis. Each plot is checked to
# be a complete SVG and each report to be one HTML file.
. "$(dirname "$0")/lib.sh"
command -v gnuplot >/dev/null 2>&1 || { not_ok "gnuplot is installed (plots need it)"; finish; exit 1; }

# plot_and_report DIR WHAT: plot and report DIR, and check what they wrote
plot_and_report() {
  "$ENTENTE" plot "$1" --quiet 2>"$TMP/err"
  rc=$?
  if [ $rc -ne 0 ]; then not_ok "plot $2" "exit $rc: $(head -c 600 "$TMP/err")"; return; fi
  n=$(ls "$1"/plots/*.svg 2>/dev/null | wc -l)
  bad=""
  for f in "$1"/plots/*.svg; do
    [ -e "$f" ] || continue
    python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$f" 2>/dev/null || bad="$bad $(basename "$f")"
    [ -s "${f%.svg}.png" ] || bad="$bad $(basename "${f%.svg}").png"
  done
  if [ "$n" -gt 0 ] && [ -z "$bad" ]; then ok "plot $2 ($n plots)"; else not_ok "plot $2" "plots: $n, bad:$bad"; fi
  "$ENTENTE" report "$1" --quiet 2>"$TMP/err"
  rc=$?
  if [ $rc -eq 0 ] && [ -s "$1/report.html" ] && grep -q '</html>' "$1/report.html"; then
    ok "report $2"
  else
    not_ok "report $2" "exit $rc: $(head -c 600 "$TMP/err")"
  fi
}

for f in "$ROOT"/scenarios/*.yaml; do
  grep -q '^sweep:' "$f" && continue
  n=$(basename "$f" .yaml)
  "$ENTENTE" run "$f" --out "$TMP/run_$n" --quiet && plot_and_report "$TMP/run_$n" "run of $n"
done

"$ENTENTE" play "$ROOT/scenarios/australia_hedging.yaml" --as AUS --out "$TMP/play" \
  <"$ROOT/scenarios/classroom/answers/enter.txt" >/dev/null 2>&1
check "play australia_hedging as AUS" test -s "$TMP/play/manifest.json"
plot_and_report "$TMP/play" "play of australia_hedging"

# every design, with one replicate per point, and the grid and Saltelli
# designs also with a hundred
for design in grid random lhs sobol saltelli; do
  case $design in grid|saltelli) counts="1 100" ;; *) counts=1 ;; esac
  for reps in $counts; do
    case $design in
      grid) params='    stages.burden_sharing.demand: [0.02, 0.035, 0.05]
    allies.POL.threat: [0.6, 0.9]' ; points= ;;
      *) params='    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
    allies.POL.threat: {distribution: beta, alpha: 8.5, beta: 1.5}' ; points="  points: 4" ;;
    esac
    cat >"$TMP/sweep_${design}_$reps.yaml" <<YAML
scenario: $ROOT/scenarios/nato_burden_sharing.yaml
sweep:
  design: $design
$points
  replicates: $reps
  parameters:
$params
YAML
    extra=""
    [ $design = saltelli ] && extra=--sensitivity
    "$ENTENTE" sweep "$TMP/sweep_${design}_$reps.yaml" --rounds 4 --threads 2 --quiet $extra --out "$TMP/sw_${design}_$reps" 2>"$TMP/err" ||
      not_ok "sweep $design, $reps replicates" "$(head -c 600 "$TMP/err")"
    plot_and_report "$TMP/sw_${design}_$reps" "sweep, $design design, $reps replicate(s) per point"
  done
done
# the shipped sweeps, small
for f in "$ROOT"/scenarios/*sweep*.yaml "$ROOT"/scenarios/classroom/korea_types.yaml; do
  n=$(basename "$f" .yaml)
  "$ENTENTE" sweep "$f" --replicates 3 --threads 2 --quiet --out "$TMP/ship_$n" --points 8 2>/dev/null ||
    "$ENTENTE" sweep "$f" --replicates 3 --threads 2 --quiet --out "$TMP/ship_$n"
  plot_and_report "$TMP/ship_$n" "shipped sweep $n"
done

for f in "$ROOT"/scenarios/classic/*.yaml; do
  n=$(basename "$f" .yaml)
  "$ENTENTE" tournament "$f" --out "$TMP/tour_$n" --quiet && plot_and_report "$TMP/tour_$n" "tournament $n"
done
finish
