#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A full or failing disk at every point where `entente run` and `entente
# sweep` touch their output: the LD_PRELOAD library built from
# tests/faults/fault_shim.c fails the n-th file-system call under the output's
# parent folder. After each failure the command exits non-zero with the
# system's reason, and the folder holds the older complete result or the new
# complete one (same bytes as without faults; in manifest.json only the
# timing lines may differ), never a mix and never a leftover file beside it.
# A failed sweep then finishes with --resume, with the same bytes.
. "$(dirname "$0")/lib.sh"

# every command here runs as the program the fault library can reach
fault_setup || { finish; exit; }
ENTENTE="$FAULTY"
FIX="$ROOT/tests/fixtures/sweep_small.yaml"
F="$TMP/f"          # the parent folder the faults are confined to
LOG="$TMP/fault.log"

faulty() {  # N COMMAND...: run with the n-th call failing (0: count only)
  n=$1; shift
  rm -f "$LOG"
  if [ "$n" -eq 0 ]; then
    env LD_PRELOAD="$SHIM" ENTENTE_FAULT_DIR="$F" ENTENTE_FAULT_LOG="$LOG" "$@"
  else
    env LD_PRELOAD="$SHIM" ENTENTE_FAULT_DIR="$F" ENTENTE_FAULT_LOG="$LOG" ENTENTE_FAULT_N="$n" "$@"
  fi
}

# same_dir A B: the same file names and bytes, except the timing lines of
# manifest.json (and whether a sweep was resumed) and a sweep's timing.json
same_dir() {
  [ "$(ls -A "$1")" = "$(ls -A "$2")" ] || return 1
  for x in "$1"/* "$1"/.[!.]*; do
    [ -e "$x" ] || continue
    b=$(basename "$x")
    if [ -d "$x" ]; then
      diff -r "$x" "$2/$b" > /dev/null 2>&1 || return 1
    elif [ "$b" = timing.json ]; then
      :
    elif [ "$b" = manifest.json ]; then
      pat='"wall_time_s"|"runs_per_second"|"agent_rounds_per_second"|"resumed"'
      grep -Ev "$pat" "$x" > "$TMP/m1"; grep -Ev "$pat" "$2/$b" > "$TMP/m2"
      cmp -s "$TMP/m1" "$TMP/m2" || return 1
    else
      cmp -s "$x" "$2/$b" || return 1
    fi
  done
}
# identical A B: every byte
identical() { diff -r "$1" "$2" > /dev/null 2>&1; }

fresh() {  # F/out := a copy of the older result $1
  rm -rf "$F"; mkdir -p "$F"; cp -R "$1" "$F/out"
}

reason_ok() {  # the message names the system's reason
  grep -q "entente" "$1" && grep -Eq "No space left on device|Input/output error" "$1"
}

# ---- entente run ----------------------------------------------------------------
# the older result has a sweep nested in it (as results/NAME/sweep is in
# results/NAME): it belongs to neither run and must survive every failure
"$ENTENTE" run "$FIX" --rounds 3 --seed 1 --out "$TMP/run_old" --quiet
"$ENTENTE" sweep "$FIX" --rounds 3 --replicates 2 --out "$TMP/run_old/sweep" --quiet
"$ENTENTE" run "$FIX" --rounds 8 --seed 2 --out "$TMP/run_new" --quiet
cp -R "$TMP/run_old/sweep" "$TMP/run_new/sweep"
for mode in exchange rename; do
# rename: the file system offers no atomic exchange; the old folder is
# renamed aside and the new one in
if [ $mode = rename ]; then export ENTENTE_FAULT_NOEXCHANGE=1; else unset ENTENTE_FAULT_NOEXCHANGE; fi
fresh "$TMP/run_old"
faulty 0 "$ENTENTE" run "$FIX" --rounds 8 --seed 2 --out "$F/out" --quiet
rc=$?
N=$(sed -n 's/^calls //p' "$LOG")
check "run ($mode): counting mode succeeds" [ $rc -eq 0 ]
check "run ($mode): and writes the new result" same_dir "$F/out" "$TMP/run_new"
check "run ($mode): file-system calls under the folder counted ($N)" [ "${N:-0}" -gt 10 ]
bad=0; kept=0; replaced=0; n=1
while [ $n -le "${N:-0}" ]; do
  fresh "$TMP/run_old"
  faulty $n "$ENTENTE" run "$FIX" --rounds 8 --seed 2 --out "$F/out" --quiet > /dev/null 2> "$TMP/err"
  rc=$?
  what=$(sed -n 's/^failed //p' "$LOG")
  if [ -z "$what" ]; then
    bad=$((bad + 1)); not_ok "run ($mode): call $n was not reached"
  elif [ $rc -eq 0 ] || ! reason_ok "$TMP/err"; then
    bad=$((bad + 1)); not_ok "run ($mode): failing call $n ($what) is reported" "status $rc" "$(cat "$TMP/err")"
  elif [ "$(ls -A "$F")" != out ]; then
    bad=$((bad + 1)); not_ok "run ($mode): nothing beside the folder after call $n ($what) fails" "$(ls -A "$F")"
  elif identical "$F/out" "$TMP/run_old"; then
    kept=$((kept + 1))
  elif same_dir "$F/out" "$TMP/run_new"; then
    replaced=$((replaced + 1))
  else
    bad=$((bad + 1)); not_ok "run ($mode): after call $n ($what) fails the folder is the old or the new result" "$(ls -A "$F/out")"
  fi
  n=$((n + 1))
done
echo "# run ($mode): $N injection points; old result kept after $kept, new result complete after $replaced"
check "run ($mode): every one of the $N failures exits non-zero, leaving the old or the new result" [ $bad -eq 0 ]
check "run ($mode): both outcomes occur (failures before and after the swap)" [ $kept -gt 0 -a $replaced -gt 0 ]

done
unset ENTENTE_FAULT_NOEXCHANGE

# ---- entente sweep -----------------------------------------------------------------
# 8 points x 530 replicates of 5 rounds: two blocks on one thread, so a
# failure can fall before, between and after checkpoints (runs.csv with the
# run-level outcomes only, to keep the number of writes small)
SW="--rounds 5 --replicates 530 --threads 1 --runs-csv run --quiet"
"$ENTENTE" sweep "$FIX" --rounds 4 --replicates 2 --seed 9 --out "$TMP/sw_old" --quiet
"$ENTENTE" sweep "$FIX" $SW --out "$TMP/sw_new"
fresh "$TMP/sw_old"
faulty 0 "$ENTENTE" sweep "$FIX" $SW --out "$F/out"
rc=$?
M=$(sed -n 's/^calls //p' "$LOG")
check "sweep: counting mode succeeds" [ $rc -eq 0 ]
check "sweep: and writes the new result" same_dir "$F/out" "$TMP/sw_new"
check "sweep: file-system calls under the folder counted ($M)" [ "${M:-0}" -gt 10 ]
bad=0; resumed=0; nothing=0; done_already=0; n=1
while [ $n -le "${M:-0}" ]; do
  fresh "$TMP/sw_old"
  faulty $n "$ENTENTE" sweep "$FIX" $SW --out "$F/out" > /dev/null 2> "$TMP/err"
  rc=$?
  what=$(sed -n 's/^failed //p' "$LOG")
  left=$(ls -A "$F" | tr '\n' ' ')
  if [ -z "$what" ]; then
    bad=$((bad + 1)); not_ok "sweep: call $n was not reached"
  elif [ $rc -eq 0 ] || ! reason_ok "$TMP/err"; then
    bad=$((bad + 1)); not_ok "sweep: failing call $n ($what) is reported" "status $rc" "$(cat "$TMP/err")"
  elif [ "$left" != "out " ] && [ "$left" != "out out.partial " ]; then
    bad=$((bad + 1)); not_ok "sweep: only the folder and its work folder after call $n ($what) fails" "$left"
  elif ! identical "$F/out" "$TMP/sw_old" && ! same_dir "$F/out" "$TMP/sw_new"; then
    bad=$((bad + 1)); not_ok "sweep: after call $n ($what) fails the folder is the old or the new result"
  else
    "$ENTENTE" sweep "$FIX" $SW --out "$F/out" --resume > /dev/null 2> "$TMP/err2"
    rc=$?
    if [ $rc -eq 0 ] && same_dir "$F/out" "$TMP/sw_new" && [ "$(ls -A "$F")" = out ]; then
      resumed=$((resumed + 1))
    elif [ $rc -eq 2 ] && grep -q "nothing to resume" "$TMP/err2" && [ "$left" = "out " ] &&
         identical "$F/out" "$TMP/sw_old"; then
      # failed before its first checkpoint: nothing was started, the old
      # result is intact, and the sweep run again completes
      "$ENTENTE" sweep "$FIX" $SW --out "$F/out"
      if same_dir "$F/out" "$TMP/sw_new"; then nothing=$((nothing + 1))
      else bad=$((bad + 1)); not_ok "sweep: rerun after call $n ($what) fails"; fi
    elif [ $rc -eq 2 ] && grep -q "nothing to resume" "$TMP/err2" && [ "$left" = "out " ] &&
         same_dir "$F/out" "$TMP/sw_new"; then
      done_already=$((done_already + 1))     # only the last fsync failed
    else
      bad=$((bad + 1)); not_ok "sweep: --resume after call $n ($what) fails finishes the same sweep" \
        "status $rc" "$(cat "$TMP/err2")" "$left"
    fi
  fi
  n=$((n + 1))
done
echo "# sweep: $M injection points; --resume finished $resumed, nothing started $nothing, already complete $done_already"
check "sweep: every one of the $M failures exits non-zero and --resume (or, if nothing was started, a rerun) gives the same files" [ $bad -eq 0 ]
check "sweep: most failures are resumed" [ $resumed -gt $((M / 2)) ]

# ---- how often a sweep checkpoints ------------------------------------------------
# Each checkpoint syncs both files, so a sweep takes one after its first block
# (some runs safely on disk at once), then one every 2 seconds, and one at
# the end: 8 x 5,000 runs are at least 10 blocks (at most 4,096 runs each),
# but in W seconds of wall time at most 3 + W / 2 checkpoints, with the one
# made at the start.
rm -rf "$F"; mkdir -p "$F"
faulty 0 "$ENTENTE" sweep "$FIX" --rounds 5 --replicates 5000 --threads 1 --runs-csv run --quiet --out "$F/many"
rc=$?
cps=$(sed -n 's/^checkpoints //p' "$LOG")
syncs=$(sed -n 's/^syncs //p' "$LOG")
wall=$(sed -n 's/.*"wall_time_s": \([0-9.]*\).*/\1/p' "$F/many/timing.json")
most=$(awk -v w="${wall:-0}" 'BEGIN { print 3 + int(w / 2) }')
check "checkpoints: the sweep of 40,000 runs completes" [ $rc -eq 0 ]
check "checkpoints: at the start, after the first block and at the end ($cps)" [ "${cps:-0}" -ge 3 ]
check "checkpoints: at most one every 2 seconds besides ($cps in $wall s, at most $most)" [ "${cps:-99}" -le "$most" ]
check "checkpoints: each syncs the two files, and each is synced once at its close ($syncs syncs)" \
  [ "${syncs:-99}" -le $((2 * cps + 2)) ]
# ---- a sweep that will not fit ------------------------------------------------------
# The disk's free space, faked by the library (ENTENTE_FAULT_FREE bytes): a
# sweep whose files cannot fit even at the least a row can take is refused
# before it writes anything; one that outgrows the disk stops once its first
# rows show their length, keeping what it did for --resume. 16,000 runs of
# about 520 bytes make 8.3 MB of runs.csv; their least is 1.3 MB.
spacey() {  # FREE COMMAND...: the command with that much free under F
  free_b=$1; shift
  env LD_PRELOAD="$SHIM" ENTENTE_FAULT_DIR="$F" ENTENTE_FAULT_FREE="$free_b" "$@"
}
"$ENTENTE" sweep "$FIX" --replicates 2000 --threads 2 --quiet --out "$TMP/space_ref" || echo "reference sweep failed"
rm -rf "$F"; mkdir -p "$F"; cp -R "$TMP/space_ref" "$F/out"
spacey 100000 "$ENTENTE" sweep "$FIX" --replicates 2000 --threads 2 --quiet --out "$F/out" 2> "$TMP/err"
rc=$?
check "space: a sweep that cannot fit is refused (status 1)" [ $rc -eq 1 ]
check "space: the message gives the least it needs and the free space" \
  grep -q "16000 runs need at least 1.3 MB of files, and the disk of '$F/out' has 98.3 kB free; nothing was written" "$TMP/err"
check "space: no resume is offered, nothing is left, the older result stays whole" \
  sh -c '! grep -q "Continue with" "$1" && [ ! -e "$2/out.partial" ] && diff -r "$2/out" "$3" >/dev/null' _ "$TMP/err" "$F" "$TMP/space_ref"

rm -rf "$F"; mkdir -p "$F"
spacey 4000000 "$ENTENTE" sweep "$FIX" --replicates 2000 --threads 2 --quiet --out "$F/out" 2> "$TMP/err"
rc=$?
check "space: a sweep that outgrows the disk stops (status 1)" [ $rc -eq 1 ]
check "space: the message gives the free space, what is left and the rows' length" \
  grep -Eq "had 4.0 MB free, and the [0-9]+ runs left would need about [0-9.]+ MB more \([0-9]+ bytes a run in runs.csv" "$TMP/err"
check "space: it says how to go on" grep -q "^Continue with: entente sweep .* --resume" "$TMP/err"
check "space: it stopped before the end, with a checkpoint and no result" \
  sh -c '[ -e "$1/out.partial/sweep.checkpoint" ] && [ ! -e "$1/out" ]' _ "$F"
"$ENTENTE" sweep "$FIX" --replicates 2000 --threads 2 --quiet --out "$F/out" --resume
check "space: once there is room, --resume finishes it with the same files" \
  sh -c '[ $1 -eq 0 ] && cmp -s "$2/out/runs.csv" "$3/runs.csv" && cmp -s "$2/out/summary.csv" "$3/summary.csv"' \
  _ $? "$F" "$TMP/space_ref"

rm -rf "$F"; mkdir -p "$F"
spacey 4000000 "$ENTENTE" sweep "$FIX" --replicates 2000 --threads 2 --quiet --out "$F/out" --space-check no
check "space: --space-check no writes on (the disk has room in truth)" \
  sh -c '[ $1 -eq 0 ] && cmp -s "$2/out/runs.csv" "$3/runs.csv"' _ $? "$F" "$TMP/space_ref"
spacey 4000000 "$ENTENTE" sweep "$FIX" --threads 2 --quiet --out "$F/small"
check "space: a sweep that fits runs whatever the check" [ $? -eq 0 ]

# a grid made by a step too fine: 3 x 10^13 points, on the real disk
cat > "$TMP/huge.yaml" <<EOS
scenario: $FIX
sweep:
  design: grid
  parameters:
    stages.burden_sharing.demand: {from: 0.02, to: 0.05, step: 0.00001}
    allies.DEU.threat: {from: 0, to: 1, step: 0.00001}
    allies.ITA.threat: {from: 0, to: 1, step: 0.00001}
EOS
rm -rf "$F"; mkdir -p "$F"
"$ENTENTE" sweep "$TMP/huge.yaml" --quiet --out "$F/huge" 2> "$TMP/err"
rc=$?
check "space: a grid of 3 x 10^13 points is refused at once, with nothing written" \
  sh -c '[ $1 -eq 1 ] && grep -q "nothing was written" "$2" && [ -z "$(ls -A "$3")" ]' _ $rc "$TMP/err" "$F"
finish
