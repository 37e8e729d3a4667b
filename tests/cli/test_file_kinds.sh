#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Each command recognises the other kinds of file (a scenario, a sweep, a
# game file, a result folder, its manifest or tables): given one it does not
# take, it says what the file is and which command takes it, and exits 2,
# instead of reporting the file's keys as errors.
. "$(dirname "$0")/lib.sh"
SCN="$ROOT/scenarios/korea_sma.yaml"
SWP="$ROOT/scenarios/korea_sweep.yaml"
GAME="$ROOT/scenarios/classic/alliance_stag_hunt.yaml"
"$ENTENTE" sweep "$SWP" --replicates 2 --threads 2 --quiet --out "$TMP/res" || not_ok "a sweep to read"
MAN="$TMP/res/manifest.json"
CSV="$TMP/res/summary.csv"

# refused CMD FILE KIND HINT: `entente CMD FILE` exits 2 naming the kind and the hint
refused() {
  cmd=$1 file=$2 kind=$3 hint=$4
  extra=""
  [ "$cmd" = play ] && extra="--as KOR"
  # shellcheck disable=SC2086
  "$ENTENTE" $cmd "$file" $extra >/dev/null 2>"$TMP/err" </dev/null
  rc=$?
  if [ $rc -eq 2 ] && grep -q "^$file: error: 'entente $cmd' does not take this file: it is $kind; .*$hint" "$TMP/err" &&
     [ "$(wc -l <"$TMP/err")" -eq 1 ]; then
    ok "$cmd on $kind: says what it is and which command takes it"
  else
    not_ok "$cmd on $kind: says what it is and which command takes it" "exit $rc" "$(head -c 400 "$TMP/err")"
  fi
}
for cmd in run play sweep validate; do
  refused $cmd "$MAN" "the manifest of a result folder written by 'entente sweep'" "entente plot $TMP/res"
  refused $cmd "$TMP/res" "a result folder written by 'entente sweep'" "entente report $TMP/res"
  refused $cmd "$CSV" "a CSV table" "entente plot $TMP/res"
done
for cmd in run play sweep; do
  refused $cmd "$GAME" "a classic game file" "entente tournament $GAME"
done
refused run "$SWP" "a sweep file" "entente sweep $SWP"
CAL="$ROOT/scenarios/korea_calibrate.yaml"
refused run "$CAL" "a calibration file" "entente calibrate $CAL"
refused sweep "$CAL" "a calibration file" "entente calibrate $CAL"
refused calibrate "$SWP" "a sweep file" "entente sweep $SWP"
refused calibrate "$GAME" "a classic game file" "entente tournament"
refused solve "$MAN" "the manifest of a result folder written by 'entente sweep'" "entente plot $TMP/res"
refused solve "$SWP" "a sweep file" "entente sweep $SWP"
refused play "$SWP" "a sweep file" "entente sweep $SWP"
refused tournament "$SCN" "a scenario" "entente run $SCN"
refused tournament "$SWP" "a sweep file" "entente sweep"
for cmd in plot report sensitivity; do
  refused $cmd "$SCN" "a scenario" "entente run $SCN"
  refused $cmd "$GAME" "a classic game file" "entente tournament"
  refused $cmd "$MAN" "the manifest of a result folder" "entente $cmd $TMP/res\|entente plot $TMP/res"
done

# the kinds each command takes still pass
"$ENTENTE" run "$SWP" --point 1 --replicate 0 --out "$TMP/replay" --quiet
check "run takes a sweep file with --point" test $? -eq 0
"$ENTENTE" validate "$SCN" "$SWP" "$GAME" >/dev/null
check "validate takes scenarios, sweeps and game files" test $? -eq 0
"$ENTENTE" tournament "$GAME" --out "$TMP/t" --quiet
check "tournament takes a game file" test $? -eq 0
"$ENTENTE" plot "$TMP/res" --quiet
check "plot takes a result folder" test $? -eq 0

# --set's examples of paths come from the scenario at hand (Korea has no DEU)
"$ENTENTE" run "$SCN" --set nothing=1 --out "$TMP/x" 2>"$TMP/err"
check "--set with an unknown path: the examples name this scenario's ally and stage" \
  sh -c "grep -q \"'allies.KOR.gdp'\" '$TMP/err' && grep -q \"'stages.burden_sharing.demand'\" '$TMP/err' && ! grep -q DEU '$TMP/err'"
printf 'scenario: %s\nsweep:\n  parameters:\n    nothing: [1, 2]\n' "$SCN" >"$TMP/sw.yaml"
"$ENTENTE" validate "$TMP/sw.yaml" 2>"$TMP/err"
check "a sweep's unknown path: the examples name the scenario's ally" \
  sh -c "grep -q \"unknown parameter 'nothing' (paths look like .*'allies.KOR.gdp'\" '$TMP/err' && ! grep -q DEU '$TMP/err'"
finish
