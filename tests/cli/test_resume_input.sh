#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente sweep --resume reads sweep.checkpoint, a file it did not
# necessarily write: every number in it must agree with the others and with
# the partial files beside it (all in DIR.partial while the sweep runs), or
# the resume is refused with a clear message and a non-zero exit. The interrupted sweep is made deterministically: a
# file size limit stops it after its first blocks are safely on disk.
. "$(dirname "$0")/lib.sh"
sed '/^sweep:/,$d' "$ROOT/tests/fixtures/sweep_small.yaml" > "$TMP/s.yaml"
cat >> "$TMP/s.yaml" <<'YAML'
sweep:
  design: random
  points: 400
  replicates: 20
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.03, max: 0.06}
YAML
S="sweep $TMP/s.yaml --threads 1 --quiet"
# shellcheck disable=SC2086
"$ENTENTE" $S --out "$TMP/whole"
check "the uninterrupted sweep" [ -f "$TMP/whole/runs.csv" ]
# shellcheck disable=SC2086
(ulimit -f 6144; exec "$ENTENTE" $S --out "$TMP/cut") > /dev/null 2>&1
check "a file size limit interrupts the sweep" [ ! -f "$TMP/cut/runs.csv" -a -f "$TMP/cut.partial/sweep.checkpoint" ]
done_runs=$(sed -n 's/^runs_done //p' "$TMP/cut.partial/sweep.checkpoint")
check "  after some runs are on disk" [ "${done_runs:-0}" -gt 0 ]

# resign FILE: the checkpoint's last line made the SHA-256 of the lines
# before it again, as the program writes it, so that a changed number
# reaches the checks of its meaning
resign() {
  head -n -1 "$1" > "$TMP/body"
  { cat "$TMP/body"; echo "sha256 $(sha256sum < "$TMP/body" | cut -d' ' -f1)"; } > "$1"
}
# tamper KEY VALUE WANT NAME [unsigned]: resume a copy whose checkpoint has
# KEY set to VALUE (signed again unless "unsigned"), expecting WANT
tamper() {
  key=$1 value=$2 want=$3 name=$4
  rm -rf "$TMP/t" "$TMP/t.partial" && cp -R "$TMP/cut.partial" "$TMP/t.partial"
  sed "s/^$key .*/$key $value/; ${ALSO:-}" "$TMP/cut.partial/sweep.checkpoint" > "$TMP/t.partial/sweep.checkpoint"
  [ "${5:-}" = unsigned ] || resign "$TMP/t.partial/sweep.checkpoint"
  # shellcheck disable=SC2086
  "$ENTENTE" $S --out "$TMP/t" --resume > "$TMP/t.out" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && grep -qF -- "$want" "$TMP/t.out" &&
     ! grep -q 'Sanitizer\|runtime error' "$TMP/t.out" && [ ! -f "$TMP/t/manifest.json" ] &&
     [ ! -f "$TMP/t.partial/manifest.json" ]; then
    ok "$name: refused"
  else
    not_ok "$name: refused" "exit $rc, wanted '$want'" "$(head -5 "$TMP/t.out")"
  fi
}
# the last line vouches for the others: any change without it is refused
tamper runs_done 0 "cannot read" "a number changed by hand (the SHA-256 line not made again)" unsigned
tamper sha256 0000000000000000000000000000000000000000000000000000000000000000 "cannot read" "a wrong SHA-256 line" unsigned
tamper settings "" "cannot read" "no settings digest"
tamper runs_done " 1" "cannot read" "a number after two spaces"
tamper runs_done "+1" "cannot read" "a number with a sign"
tamper runs_done "01" "cannot read" "a number with a leading zero"
tamper runs_done "1x" "cannot read" "a number with text after it"
tamper wall 0x1p40 "cannot read" "wall time of 35,000 years"
tamper wall nan "cannot read" "wall time NaN"
tamper wall inf "cannot read" "wall time infinite"
tamper wall -1 "cannot read" "wall time negative"
tamper wall x "cannot read" "wall time not a number"
tamper runs_done 18446744073709551615 "is inconsistent" "runs done beyond the sweep"
tamper runs_done -1 "cannot read" "runs done negative"
tamper runs_done 99999999999999999999999 "cannot read" "runs done past 64 bits"
tamper runs_done $((done_runs + 1)) "is inconsistent" "one run more, its agent-rounds not"
# (ALSO: a second change, here the agent-rounds of the run added)
ar=$(sed -n 's/^agent_rounds //p' "$TMP/cut.partial/sweep.checkpoint")
ALSO="s/^agent_rounds .*/agent_rounds $((ar + ar / done_runs))/"
tamper runs_done $((done_runs + 1)) "does not match the partial files" "one run more than runs.csv holds"
ALSO=""
tamper runs_done $((done_runs - 1)) "is inconsistent" "one run less than runs.csv holds (its agent-rounds are more than it can play)"
tamper runs_bytes 0 "is inconsistent" "runs.csv cut before its point"
tamper runs_bytes 1 "is inconsistent" "runs.csv cut inside its header"
tamper runs_bytes "$(sed -n "s/^point_bytes //p" "$TMP/cut.partial/sweep.checkpoint")" "does not match the partial files" "runs.csv cut at its point"
tamper runs_bytes 18446744073709551615 "missing or shorter" "runs.csv longer than the file"
tamper summary_bytes 0 "does not match the partial files" "summary.csv without its header"
tamper summary_bytes 18446744073709551615 "missing or shorter" "summary.csv longer than the file"
tamper point_bytes 18446744073709551615 "is inconsistent" "point start beyond the runs"
tamper settings 0 "other settings" "another sweep's settings"
# the tallies that reach the manifest: no more agent-rounds than the runs
# done can play (each at most the scenario's rounds, times the agents), a
# whole number of rounds for every agent, no more clamps than values drawn
agent_rounds=$(sed -n 's/^agent_rounds //p' "$TMP/cut.partial/sweep.checkpoint")
tamper agent_rounds 18446744073709551615 "is inconsistent" "agent-rounds past 64 bits of runs"
tamper agent_rounds $((agent_rounds + 1)) "is inconsistent" "agent-rounds not whole rounds of every agent"
tamper agent_rounds $((agent_rounds * 2)) "is inconsistent" "agent-rounds twice what the runs can play"
tamper agent_rounds 0 "is inconsistent" "no agent-rounds for the runs done"
# this scenario has no random end: every run plays all its rounds
agents=$(( agent_rounds / (done_runs * 12) ))
tamper agent_rounds $((agent_rounds - agents)) "is inconsistent" "one round fewer for every agent"
tamper clamped 18446744073709551615 "is inconsistent" "more clamped values than values"
# the point in progress starts at a line of runs.csv: the one after the
# runs of the points before it
point_bytes=$(sed -n 's/^point_bytes //p' "$TMP/cut.partial/sweep.checkpoint")
header_bytes=$(head -1 "$TMP/cut.partial/runs.csv" | wc -c)
tamper point_bytes $((point_bytes - 1)) "does not match the partial files" "point start inside a row"
tamper point_bytes "$header_bytes" "does not match the partial files" "point start at the first run, points earlier"
tamper point_bytes 0 "does not match the partial files" "point start before the header"

# damage FILE OFFSET BYTES WANT NAME: resume a copy whose partial FILE has
# BYTES written over it at OFFSET (inside the part the checkpoint vouches for)
damage() {
  rm -rf "$TMP/t" "$TMP/t.partial" && cp -R "$TMP/cut.partial" "$TMP/t.partial"
  printf "$3" | dd of="$TMP/t.partial/$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
  # shellcheck disable=SC2086
  "$ENTENTE" $S --out "$TMP/t" --resume > "$TMP/t.out" 2>&1
  rc=$?
  check "$5: refused (status 2)" [ $rc -eq 2 ]
  check "$5: the message names the file and line" grep -qF -- "$4" "$TMP/t.out"
  check "$5: nothing is written" [ ! -e "$TMP/t" ]
}
rh=$(head -1 "$TMP/cut.partial/runs.csv" | wc -c)
sh_=$(head -1 "$TMP/cut.partial/summary.csv" | wc -c)
damage runs.csv $((rh + 1500)) '\0\0\0\0' "is not the rows this sweep wrote" "NUL bytes in a kept row of runs.csv"
damage runs.csv $((rh + 2)) '9' "runs.csv' (line 2)" "a kept row of runs.csv renumbered"
damage summary.csv $((sh_ + 8)) 'zzzz' "summary.csv' (line 2)" "letters in a kept number of summary.csv"
damage runs.csv 3 'X' "runs.csv' (line 1)" "runs.csv's header changed"

# a work folder whose sweep finished (its manifest written, the checkpoint
# removed) but was not moved in: moved in only when its files are whole
rm -rf "$TMP/t" "$TMP/t.partial" && cp -R "$TMP/cut.partial" "$TMP/t.partial"
rm "$TMP/t.partial/sweep.checkpoint"; cp "$TMP/whole/manifest.json" "$TMP/whole/timing.json" "$TMP/t.partial/"
# shellcheck disable=SC2086
"$ENTENTE" $S --out "$TMP/t" --resume > "$TMP/t.out" 2>&1
check "a finished sweep's folder with runs.csv cut short: refused (status 2)" [ $? -eq 2 ]
check "  naming runs.csv" grep -q "runs.csv' (line [0-9]*) is not the rows this sweep wrote" "$TMP/t.out"
check "  and not moved in" [ ! -e "$TMP/t" ]
rm -rf "$TMP/t.partial" && cp -R "$TMP/whole" "$TMP/t.partial"
# shellcheck disable=SC2086
"$ENTENTE" $S --out "$TMP/t" --resume > "$TMP/t.out" 2>&1
rc=$?
check "a finished sweep's whole folder is moved in" eval '[ $rc -eq 0 ] && cmp -s "$TMP/whole/runs.csv" "$TMP/t/runs.csv"'

# a work folder without a checkpoint (a sweep killed before its first): said as such
mkdir "$TMP/nc.partial"; cp "$TMP/cut.partial/runs.csv" "$TMP/nc.partial/"
# shellcheck disable=SC2086
"$ENTENTE" $S --out "$TMP/nc" --resume > "$TMP/nc.out" 2>&1
check "no checkpoint in the work folder: status 2" [ $? -eq 2 ]
check "  and the message says the sweep stopped before its first checkpoint" \
  grep -q "stopped before its first checkpoint ('$TMP/nc.partial' holds no sweep.checkpoint)" "$TMP/nc.out"

# the untouched checkpoint still resumes, to the files of the uninterrupted sweep
# shellcheck disable=SC2086
"$ENTENTE" $S --out "$TMP/cut" --resume > "$TMP/r.out" 2>&1
check "the real checkpoint resumes" [ $? -eq 0 ]
check "  to the same runs.csv" cmp -s "$TMP/whole/runs.csv" "$TMP/cut/runs.csv"
check "  and the same summary.csv" cmp -s "$TMP/whole/summary.csv" "$TMP/cut/summary.csv"
check "  and the manifest's agent-rounds" \
  [ "$(grep '"agent_rounds"' "$TMP/whole/manifest.json")" = "$(grep '"agent_rounds"' "$TMP/cut/manifest.json")" ]
finish
