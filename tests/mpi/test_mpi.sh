#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente sweep under mpirun (make test-mpi): 1, 2 and 3 processes with 1 and
# 2 threads write the bytes of the plain build (runs.csv, summary.csv,
# manifest.json); an interrupted MPI sweep resumed under MPI equals an
# uninterrupted one; shards run under MPI merge with the others; a process
# that cannot play stops the sweep with its reason and leaves DIR as it was, one
# that is killed ends the job, and --resume finishes either;
# the plain build refuses to be started as several processes; calibrate
# (abc, smc, msm) under mpirun writes the files of the plain build.
. "$ENTENTE_ROOT/tests/cli/lib.sh"
: "${ENTENTE_MPI:?run through tests/mpi/run.sh}"
MPIRUN="mpirun --oversubscribe"

FIX="$ROOT/tests/fixtures/sweep_small.yaml"
# runs that end at random (replicates differ), an LHS design: 40 x 25 runs
sed -e 's/^discount: 0.9$/discount: 0.9\nrandom_end: true/' -e '/^sweep:/,$d' "$FIX" > "$TMP/lhs.yaml"
cat >> "$TMP/lhs.yaml" <<'EOF'
sweep:
  design: lhs
  points: 40
  replicates: 25
  seed: 5
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.015, max: 0.045}
    allies.DEU.threat: {distribution: truncated_normal, mean: 0.5, sd: 0.3, min: 0, max: 1}
    allies.ITA.threat: [0.1, 0.5, 0.9]
EOF

# the shared-memory segments of this machine before the tests: none may be
# left behind by them (shm_ls: entente's, by name)
shm_ls() { ls /dev/shm 2>/dev/null | grep '^entente-' | sort; }
shm_ls > "$TMP/shm_before"

same3() {  # A B: runs.csv (if any), summary.csv and manifest.json byte for byte
  for f in summary.csv manifest.json; do cmp -s "$1/$f" "$2/$f" || return 1; done
  if [ -f "$2/runs.csv" ]; then cmp -s "$1/runs.csv" "$2/runs.csv" || return 1; fi
  return 0
}

# ---- the same bytes for any number of processes and threads ------------------------
"$ENTENTE" sweep "$TMP/lhs.yaml" --threads 2 --out "$TMP/plain" --quiet
"$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --threads 1 --out "$TMP/alone" --quiet
check "MPI build without mpirun: the same bytes" same3 "$TMP/alone" "$TMP/plain"
for np in 1 2 3; do
  for t in 1 2; do
    $MPIRUN -np $np "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --threads $t --out "$TMP/np$np-t$t" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    if [ $rc -eq 0 ] && same3 "$TMP/np$np-t$t" "$TMP/plain"; then ok "mpirun -np $np, --threads $t: the same bytes"
    else not_ok "mpirun -np $np, --threads $t: the same bytes" "status $rc" "$(cat "$TMP/err")"; fi
  done
done
check "timing.json: 3 processes x 2 threads" grep -q '"ranks": 3' "$TMP/np3-t2/timing.json"
check "timing.json: the MPI share" grep -q '"mpi_cpu_s": ' "$TMP/np3-t2/timing.json"
check "one line of output (rank 0's)" [ "$(grep -c "runs on 3 processes x 2 threads" "$TMP/out")" -eq 1 -a "$(wc -l < "$TMP/out")" -eq 1 ]

# strategies picked by name: every process applies a point's strategy (a new
# run object when it changes), so the bytes are the plain program's
cat > "$TMP/strat.yaml" <<EOS
scenario: $ROOT/scenarios/korea_sma.yaml
sweep:
  design: lhs
  points: 24
  replicates: 5
  seed: 3
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
    patron.strategy.exit_leverage: {values: [typed, committed, grim]}
EOS
"$ENTENTE" sweep "$TMP/strat.yaml" --threads 2 --out "$TMP/strat_plain" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/strat.yaml" --threads 1 --out "$TMP/strat3" --quiet
check "strategies by name, 3 processes: the same bytes" same3 "$TMP/strat3" "$TMP/strat_plain"

# runs reused (the NATO scenario draws nothing): the bytes of every run
# played, and timing.json counts the other processes' reused runs too
"$ENTENTE" sweep "$ROOT/scenarios/nato_demand_sweep.yaml" --points 20 --replicates 100 --reuse no \
  --out "$TMP/nato_every" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$ROOT/scenarios/nato_demand_sweep.yaml" --points 20 --replicates 100 \
  --threads 1 --out "$TMP/nato3" --quiet
check "runs reused, 3 processes: the bytes of --reuse no" same3 "$TMP/nato3" "$TMP/nato_every"
num() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$2"; }
remote=$(num mpi_remote_runs "$TMP/nato3/timing.json")
reused=$(num runs_reused "$TMP/nato3/timing.json")
check "runs reused, 3 processes: more than rank 0 played ($reused of 2000, $remote remote)" \
  [ "$remote" -gt 0 -a "$reused" -gt $((2000 - remote)) ]
# processes on rank 0's machine put their results in shared memory, which
# rank 0 reads rather than receiving them as messages (from each process's
# third chunk: its first two results, sent as messages, name its segment);
# ENTENTE_MPI_SHARED=no keeps them all in messages: the same bytes either way
tnum() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$2"; }
DEMAND="sweep $ROOT/scenarios/nato_demand_sweep.yaml --points 3000 --threads 1 --quiet"
# shellcheck disable=SC2086
"$ENTENTE" $DEMAND --out "$TMP/dem_plain"
# shellcheck disable=SC2086
$MPIRUN -np 3 "$ENTENTE_MPI" $DEMAND --out "$TMP/dem3"
check "3,000 runs, 3 processes: the same bytes" same3 "$TMP/dem3" "$TMP/dem_plain"
check "  most of the results' bytes through shared memory" \
  [ "$(tnum mpi_shared_bytes "$TMP/dem3/timing.json")" -gt "$(($(tnum mpi_bytes "$TMP/dem3/timing.json") / 2))" ]
# shellcheck disable=SC2086
ENTENTE_MPI_SHARED=no $MPIRUN -x ENTENTE_MPI_SHARED -np 3 "$ENTENTE_MPI" $DEMAND --out "$TMP/noshm"
check "ENTENTE_MPI_SHARED=no: the same bytes" same3 "$TMP/noshm" "$TMP/dem_plain"
check "  and nothing through shared memory" [ "$(tnum mpi_shared_bytes "$TMP/noshm/timing.json")" -eq 0 ]

# many replicates a point, runs reused (no cost noise: a run is its point and
# the patron's type): the other processes summarise the points whole in
# their chunks from the two kinds of runs, rank 0 those in its blocks; the
# bytes of every run played on one process
sed 's/cost_noise: 0.5 /cost_noise: 0.0 /' "$ROOT/scenarios/secondary_allies.yaml" > "$TMP/kinds.yaml"
cat >> "$TMP/kinds.yaml" <<'EOF'
sweep:
  design: lhs
  points: 6
  replicates: 300
  seed: 3
  parameters:
    patron.transactional_prob: {distribution: uniform, min: 0.2, max: 0.8}
EOF
grep -q 'cost_noise: 0.0 ' "$TMP/kinds.yaml" || not_ok "kinds.yaml: cost noise off"
"$ENTENTE" sweep "$TMP/kinds.yaml" --runs-csv none --reuse no --out "$TMP/kinds_every" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/kinds.yaml" --runs-csv none --threads 1 --out "$TMP/kinds3" --quiet
check "300 replicates a point, runs reused, 3 processes: the bytes of --reuse no" same3 "$TMP/kinds3" "$TMP/kinds_every"
check "  the other processes played most runs" [ "$(num mpi_remote_runs "$TMP/kinds3/timing.json")" -gt 900 ]

# a grid with run-level columns, and no runs.csv
"$ENTENTE" sweep "$FIX" --runs-csv run --replicates 40 --out "$TMP/grid" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$FIX" --runs-csv run --replicates 40 --threads 2 --out "$TMP/grid3" --quiet
check "grid, --runs-csv run, 3 processes: the same bytes" same3 "$TMP/grid3" "$TMP/grid"
"$ENTENTE" sweep "$FIX" --runs-csv none --replicates 40 --out "$TMP/gridn" --quiet
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$FIX" --runs-csv none --replicates 40 --out "$TMP/gridn2" --quiet
check "--runs-csv none, 2 processes: the same bytes" same3 "$TMP/gridn2" "$TMP/gridn"
# one replicate a point (its summary rows take texts from the run's row,
# which rank 0 gets from the process that played it)
"$ENTENTE" sweep "$TMP/lhs.yaml" --replicates 1 --points 400 --out "$TMP/one" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --replicates 1 --points 400 --out "$TMP/one3" --quiet
check "one replicate a point, 3 processes: the same bytes" same3 "$TMP/one3" "$TMP/one"
# rank 0 then reads the other processes' outcomes from their rows alone (no
# binary copies are sent): an ally whose share stays -0 gives outcomes of
# -0, whose summary (mean 0, median -0) rank 0 works out from the text; and
# with run-level columns only, the binary outcomes are sent as before
sed 's/  - {code: ITA, gdp: 2300, defence_share: 0.015, threat: 0.3}/  - {code: ITA, gdp: 2300, defence_share: -0.0, threat: 0.3, strategies: {burden_sharing: fixed}}/' \
  "$TMP/lhs.yaml" > "$TMP/negzero.yaml"
"$ENTENTE" sweep "$TMP/negzero.yaml" --replicates 1 --points 200 --out "$TMP/nz" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/negzero.yaml" --replicates 1 --points 200 --out "$TMP/nz3" --quiet
check "outcomes of -0 in the summary (the case tested)" grep -q ',final_share.ITA,1,0,NA,NA,NA,-0,-0,-0$' "$TMP/nz/summary.csv"
check "outcomes of -0, one replicate a point, 3 processes: the same bytes" same3 "$TMP/nz3" "$TMP/nz"
"$ENTENTE" sweep "$TMP/negzero.yaml" --replicates 1 --points 200 --runs-csv run --out "$TMP/nzr" --quiet
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$TMP/negzero.yaml" --replicates 1 --points 200 --runs-csv run --out "$TMP/nzr2" --quiet
check "one replicate a point, run-level columns, 2 processes: the same bytes" same3 "$TMP/nzr2" "$TMP/nzr"

# points of at least 256 replicates that lie whole in a chunk: the process
# that plays them sends their statistics, not their runs' outcomes (chunks
# end on a point's end); with 1 and 2 threads, 2 and 3 processes
"$ENTENTE" sweep "$TMP/lhs.yaml" --replicates 300 --points 12 --out "$TMP/many" --quiet
for np in 2 3; do
  for t in 1 2; do
    $MPIRUN -np $np "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --replicates 300 --points 12 --threads $t --out "$TMP/many$np$t" --quiet
    check "300 replicates a point, $np processes x $t threads: the same bytes" same3 "$TMP/many$np$t" "$TMP/many"
  done
done
# without runs.csv a result is little more than its statistics: under a
# quarter of the bytes of the outcomes of the runs the other processes
# played (timing.json's mpi_remote_runs), which is what went before
"$ENTENTE" sweep "$TMP/lhs.yaml" --replicates 300 --points 12 --runs-csv none --out "$TMP/manyn" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --replicates 300 --points 12 --runs-csv none --out "$TMP/manyn3" --quiet
check "300 replicates a point, no runs.csv, 3 processes: the same bytes" same3 "$TMP/manyn3" "$TMP/manyn"
outcomes=$(awk -F, 'NR > 1 && $1 == 0' "$TMP/manyn/summary.csv" | wc -l)
bytes=$(sed -n 's/.*"mpi_bytes": \([0-9]*\).*/\1/p' "$TMP/manyn3/timing.json")
remote=$(sed -n 's/.*"mpi_remote_runs": \([0-9]*\).*/\1/p' "$TMP/manyn3/timing.json")
check "  and the results carried statistics, not outcomes ($bytes bytes, $remote runs played elsewhere, $outcomes outcomes a run)" \
  eval '[ -n "$bytes" ] && [ "${remote:-0}" -ge 900 ] && [ "$outcomes" -gt 10 ] && [ "$bytes" -lt $((remote * outcomes * 8 / 4)) ]'

# ---- --resume under MPI after an interruption --------------------------------------
# long enough (a few seconds on two cores) that the interruption, sent once
# the first checkpoint is down (after a fraction of a second), lands
# mid-sweep even on a loaded machine: at 4,000 replicates the sweep sometimes
# finished first (every run played: the fixture's replicates repeat, and
# reused they would take no time)
LONG="--rounds 200 --replicates 40000 --reuse no"
"$ENTENTE" sweep "$FIX" $LONG --threads 2 --out "$TMP/whole" --quiet
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$FIX" $LONG --threads 1 --out "$TMP/cut" --quiet 2> /dev/null &
pid=$!
i=0
while [ $i -lt 600 ] && ! grep -q 'runs_done [1-9]' "$TMP/cut.partial/sweep.checkpoint" 2> /dev/null; do
  sleep 0.05; i=$((i + 1))
done
kill -INT $pid 2> /dev/null
wait $pid
check "interrupted under mpirun: no result yet, the work folder kept" [ ! -e "$TMP/cut/manifest.json" -a -f "$TMP/cut.partial/sweep.checkpoint" ]
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$FIX" $LONG --threads 2 --out "$TMP/cut" --resume --quiet 2> "$TMP/err"
check "--resume with 3 processes: status 0" [ $? -eq 0 ]
check "--resume under MPI: the bytes of an uninterrupted run" same3 "$TMP/cut" "$TMP/whole"
check "timing.json says resumed" grep -q '"resumed": true' "$TMP/cut/timing.json"

# ---- a disk too small under MPI --------------------------------------------------------
# rank 0, which writes, stops the job at a checkpoint once the rows show the
# rest will not fit (the fault library fakes 4 MB free: 16,000 runs make 8.3
# MB of runs.csv); the others stop with it, and --resume finishes the sweep
SHIM="$ENTENTE_BUILD/tests/libentente_fault.so"
"$ENTENTE" sweep "$FIX" --replicates 2000 --threads 2 --out "$TMP/space_whole" --quiet
mkdir -p "$TMP/space"
$MPIRUN -np 2 -x LD_PRELOAD="$SHIM" -x ENTENTE_FAULT_DIR="$TMP/space" -x ENTENTE_FAULT_FREE=4000000 \
  "$ENTENTE_MPI" sweep "$FIX" --replicates 2000 --threads 1 --out "$TMP/space/out" --quiet > /dev/null 2> "$TMP/err"
rc=$?
check "a disk too small under mpirun -np 2: non-zero status" [ $rc -ne 0 ]
check "  the reason, and the runs kept" grep -q "had 4.0 MB free.*the sweep stopped after [0-9]* of 16000 runs" "$TMP/err"
check "  a checkpoint and no result" [ -f "$TMP/space/out.partial/sweep.checkpoint" -a ! -e "$TMP/space/out" ]
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$FIX" --replicates 2000 --threads 1 --out "$TMP/space/out" --resume --quiet
check "  --resume with room: the bytes of an uninterrupted run" same3 "$TMP/space/out" "$TMP/space_whole"

# ---- shards under MPI --------------------------------------------------------------
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 1/3 --out "$TMP/s1" --quiet
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --shard 2/3 --out "$TMP/s2" --quiet
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --shard 3/3 --threads 2 --out "$TMP/s3" --quiet
"$ENTENTE" merge "$TMP/s1" "$TMP/s2" "$TMP/s3" --out "$TMP/merged" --quiet
check "shards 2/3 and 3/3 under mpirun merged with 1/3: the same bytes" same3 "$TMP/merged" "$TMP/plain"

# ---- a failing process stops the job ------------------------------------------------
# rank 1 reads another sweep (another seed): it cannot take part
cp -R "$TMP/plain" "$TMP/keep"
mpirun --oversubscribe -np 1 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --out "$TMP/keep" --quiet : \
  -np 1 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --seed 77 --out "$TMP/keep" --quiet > /dev/null 2> "$TMP/err"
rc=$?
check "a process that read another sweep: non-zero status" [ $rc -ne 0 ]
check "  and the reason, naming the process" grep -q "process 2 of 2 (MPI rank 1) failed: it read another sweep than rank 0" "$TMP/err"
check "  and the older result left whole" same3 "$TMP/keep" "$TMP/plain"
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --out "$TMP/keep" --resume --quiet 2> "$TMP/err2"
check "  and --resume then finishes it: the same bytes" same3 "$TMP/keep" "$TMP/plain"
# rank 1 is killed (SIGKILL) once the sweep has a checkpoint: mpirun ends
# the job (no rank waits forever), DIR gets nothing, --resume finishes it
mpirun --oversubscribe -np 1 "$ENTENTE_MPI" sweep "$FIX" $LONG --threads 1 --out "$TMP/killed" --quiet : \
  -np 1 sh -c '"$0" sweep "$1" --rounds 200 --replicates 4000 --threads 1 --out "$2" --quiet & p=$!
    i=0; while [ $i -lt 600 ] && ! grep -q "runs_done [1-9]" "$2.partial/sweep.checkpoint" 2> /dev/null; do
      sleep 0.05; i=$((i + 1)); done
    kill -9 $p; wait $p' "$ENTENTE_MPI" "$FIX" "$TMP/killed" > /dev/null 2> "$TMP/err"
rc=$?
check "a process killed: the job ends with a non-zero status" [ $rc -ne 0 ]
check "  and no result in DIR, the work folder kept" [ ! -e "$TMP/killed/manifest.json" -a -f "$TMP/killed.partial/sweep.checkpoint" ]
$MPIRUN -np 2 "$ENTENTE_MPI" sweep "$FIX" $LONG --threads 1 --out "$TMP/killed" --resume --quiet 2> "$TMP/err2"
check "  and --resume finishes it: the same bytes" same3 "$TMP/killed" "$TMP/whole"
# rank 1 cannot read its file
mpirun --oversubscribe -np 1 "$ENTENTE_MPI" sweep "$TMP/lhs.yaml" --out "$TMP/nofile" --quiet : \
  -np 1 "$ENTENTE_MPI" sweep "$TMP/missing.yaml" --out "$TMP/nofile" --quiet > /dev/null 2> "$TMP/err"
rc=$?
[ $rc -ne 0 ] && grep -q "MPI rank 1) failed: it could not read the sweep file" "$TMP/err"
check "a process that cannot read the file: non-zero status and why" [ $? -eq 0 ]
check "  and no result folder" [ ! -e "$TMP/nofile/manifest.json" ]
# every rank refuses a bad file, and mpirun ends (no rank waits forever)
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/missing.yaml" --out "$TMP/x" > /dev/null 2> "$TMP/err"
check "a missing file under mpirun: status non-zero, no hang" [ $? -ne 0 ]
check "  and its message" grep -q "missing.yaml" "$TMP/err"

# ---- calibrate under MPI ----------------------------------------------------------------
# every method: the files of the plain build for 1, 2 and 3 processes; each
# process plays its share of every batch of evaluations
CAL="$ROOT/scenarios/korea_calibrate.yaml"
same_cal() {  # A B: the four files byte for byte
  for f in posterior.csv calibration.csv fit.csv manifest.json; do cmp -s "$1/$f" "$2/$f" || return 1; done
}
for meth in abc smc msm; do
  budget=1200; [ $meth = smc ] && budget=12000
  "$ENTENTE" calibrate "$CAL" --method $meth --budget $budget --threads 2 --out "$TMP/cal_$meth" --quiet
  for np in 1 2 3; do
    $MPIRUN -np $np "$ENTENTE_MPI" calibrate "$CAL" --method $meth --budget $budget --threads 1 \
      --out "$TMP/cal_${meth}_$np" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    if [ $rc -eq 0 ] && same_cal "$TMP/cal_${meth}_$np" "$TMP/cal_$meth"; then ok "calibrate --method $meth, mpirun -np $np: the same bytes"
    else not_ok "calibrate --method $meth, mpirun -np $np: the same bytes" "status $rc" "$(cat "$TMP/err")"; fi
  done
done
check "calibrate under mpirun: one report (rank 0's)" [ "$(grep -c "calibration of" "$TMP/out")" -eq 1 ]
# rank 1 has another seed: the job stops with the reason, DIR untouched
mpirun --oversubscribe -np 1 "$ENTENTE_MPI" calibrate "$CAL" --method abc --budget 1200 --out "$TMP/cal_bad" --quiet : \
  -np 1 "$ENTENTE_MPI" calibrate "$CAL" --method abc --budget 1200 --seed 77 --out "$TMP/cal_bad" --quiet > /dev/null 2> "$TMP/err"
rc=$?
check "calibrate, a process with another seed: non-zero status" [ $rc -ne 0 ]
check "  and the reason, naming the process" grep -q "process 2 of 2 (MPI rank 1) failed: it read another calibration" "$TMP/err"
check "  and no result folder" [ ! -e "$TMP/cal_bad/posterior.csv" ]

# ---- values that do not go together, drawn by the players -----------------------------
# six allies with reciprocal strategies, 18 of their parameters swept: past 16
# each point is checked as it comes, here where the players draw the values
sed -e '/^sweep:/,$d' "$FIX" | awk '/^allies:/ { print; for (i = 1; i <= 6; i++)
       printf "  - {code: A%d, gdp: 1000, defence_share: 0.02, threat: 0.5, strategies: {burden_sharing: {name: reciprocal, step: 0.01, min: 0.01, max: 0.05}}}\n", i
       skip = 1; next }
     skip && /^  - / { next } { skip = 0; print }' > "$TMP/six.yaml"
{ echo "sweep:"; echo "  design: lhs"; echo "  points: 200"; echo "  replicates: 1"; echo "  parameters:"
  echo "    allies.A1.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.1}"
  for i in 1 2 3 4 5 6; do
    [ $i -gt 1 ] && echo "    allies.A$i.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.04}"
    echo "    allies.A$i.strategy.burden_sharing.max: {distribution: uniform, min: 0.05, max: 0.09}"
    echo "    allies.A$i.strategy.burden_sharing.step: {distribution: uniform, min: 0.005, max: 0.02}"
  done; } >> "$TMP/six.yaml"
"$ENTENTE" sweep "$TMP/six.yaml" --out "$TMP/six_plain" --quiet 2> "$TMP/six_plain.err"
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/six.yaml" --threads 1 --out "$TMP/six_mpi" --quiet > /dev/null 2> "$TMP/six_mpi.err"
rc=$?
check "min above max under mpirun -np 3: stopped" eval '[ $rc -ne 0 ] && [ ! -e "$TMP/six_mpi" ]'
want=$(grep 'do not go together at point' "$TMP/six_plain.err")
check "  at the point the plain build names" eval '[ -n "$want" ] && grep -qF "$want" "$TMP/six_mpi.err"'
# ranges whose ends cross: refused by every process before any run
sed -e '/^sweep:/,$d' \
    -e 's/{code: ITA, gdp: 2300, defence_share: 0.015, threat: 0.3}/{code: ITA, gdp: 2300, defence_share: 0.015, threat: 0.3, strategies: {burden_sharing: {name: reciprocal, step: 0.01, min: 0.01, max: 0.05}}}/' \
    "$FIX" > "$TMP/rec.yaml"
printf 'sweep:\n  design: lhs\n  points: 200\n  replicates: 1\n  parameters:\n    allies.ITA.strategy.burden_sharing.min: {distribution: uniform, min: 0, max: 0.1}\n' >> "$TMP/rec.yaml"
$MPIRUN -np 3 "$ENTENTE_MPI" sweep "$TMP/rec.yaml" --threads 1 --out "$TMP/rec_mpi" --quiet > /dev/null 2> "$TMP/rec_mpi.err"
rc=$?
check "ranges whose ends cross under mpirun -np 3: refused, nothing written" \
  eval '[ $rc -ne 0 ] && [ ! -e "$TMP/rec_mpi" ] && [ ! -e "$TMP/rec_mpi.partial" ]'
check "  saying why" grep -q "ranges let values that do not go together meet" "$TMP/rec_mpi.err"

# ---- the plain build is not an MPI program -------------------------------------------
$MPIRUN -np 2 "$ENTENTE" sweep "$TMP/lhs.yaml" --out "$TMP/plainmpi" > /dev/null 2> "$TMP/err"
check "the plain build under mpirun -np 2: refused" [ $? -ne 0 ]
check "  with what to do" grep -q "built without MPI.*make MPI=1" "$TMP/err"
shm_ls > "$TMP/shm_after"
check "no shared-memory segment left behind, failures and kills included" cmp -s "$TMP/shm_before" "$TMP/shm_after"
finish
