#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench-mpi: sweeps of 10,000 runs under mpirun with 1, 2 and 4
# processes (1 thread each) against the plain build, on two shipped sweeps:
# scenarios/nato_demand_sweep.yaml as shipped (10,000 points x 1 replicate)
# and scenarios/korea_sweep.yaml (20 points x 500 replicates). For each:
# CPU time per run (all processes, from timing.json), the part spent in MPI
# calls and packing messages (the MPI overhead per run), the serial part
# (rank 0 writing the files), bytes per run, MPI's start-up (once per sweep,
# not per run), and the bytes are checked equal to the plain build's. CPU time, not wall time: the machine may be shared.
# Each figure is the lowest of REPEAT runs (default 3).
# usage: sh tests/bench/mpi.sh BUILD BUILD_MPI
BUILD=${1:-build}
BUILD_MPI=${2:-build-mpi}
E="$PWD/$BUILD/entente"
M="$PWD/$BUILD_MPI/entente"
REPEAT=${REPEAT:-3}
[ "$(id -u)" -eq 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

num() {  # KEY FILE: the number of "KEY": in a JSON file
  sed -n "s/.*\"$1\": \([0-9.e+-]*\).*/\1/p" "$2" | head -1
}

if [ ! -x "$M" ] || ! command -v mpirun >/dev/null 2>&1; then
  echo "no MPI build ($BUILD_MPI/entente) or no mpirun: skipped (make bench-mpi installs Open MPI and builds it)"
  exit 0
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(mpirun --version 2>/dev/null | head -1)"
for case in nato korea; do
  if [ $case = nato ]; then
    file=scenarios/nato_demand_sweep.yaml; opts="--points 10000"
  else
    file=scenarios/korea_sweep.yaml; opts="--replicates 500"
  fi
  echo
  echo "$file $opts: 10,000 runs, --threads 1"
  printf "%-10s %12s %12s %14s %12s %10s %13s %10s %s\n" processes "CPU us/run" "MPI us/run" "MPI overhead" "serial us/run" "KB/run" "MPI start ms" "wall s" "command"
  base=""
  for np in 0 1 2 4; do
    best=""
    r=0
    while [ $r -lt "$REPEAT" ]; do
      rm -rf "$TMP/out"
      if [ $np -eq 0 ]; then
        cmd="entente sweep $file $opts --threads 1"
        "$E" sweep "$file" $opts --threads 1 --out "$TMP/out" --quiet || exit 1
        [ $r -eq 0 ] && { rm -rf "$TMP/plain"; cp -R "$TMP/out" "$TMP/plain"; }
      else
        cmd="mpirun --oversubscribe -np $np entente sweep $file $opts --threads 1"
        mpirun --oversubscribe -np $np "$M" sweep "$file" $opts --threads 1 --out "$TMP/out" --quiet || exit 1
        for f in runs.csv summary.csv manifest.json; do
          cmp -s "$TMP/out/$f" "$TMP/plain/$f" || { echo "bench-mpi: $f differs with $np processes!"; exit 1; }
        done
      fi
      t="$TMP/out/timing.json"
      line=$(awk -v c="$(num cpu_s "$t")" -v m="$(num mpi_cpu_s "$t")" -v s="$(num serial_cpu_s "$t")" \
                 -v b="$(num mpi_bytes "$t")" -v w="$(num wall_time_s "$t")" -v n="$(num runs "$t")" \
                 -v u="$(num mpi_start_cpu_s "$t")" \
        'BEGIN { if (m == "") m = 0; if (b == "") b = 0; if (u == "") u = 0;
                 printf "%.3f %.3f %.3f %.3f %.3f %.3f", 1e6 * c / n, 1e6 * m / n, 1e6 * s / n, b / n / 1024, w, 1e3 * u }')
      if [ -z "$best" ] || [ "$(echo "$line $best" | awk '{ print ($1 < $7) }')" -eq 1 ]; then best=$line; fi
      r=$((r + 1))
    done
    label=$np; [ $np -eq 0 ] && label="plain"
    echo "$best" | awk -v l="$label" -v cmd="$cmd" '{
      printf "%-10s %12.1f %12.2f %13.2f%% %12.1f %10.2f %13.2f %10.2f %s\n", l, $1, $2, ($1 > 0 ? 100 * $2 / $1 : 0), $3, $4, $6, $5, cmd }'
  done
done
echo
echo "MPI overhead = CPU seconds in MPI calls (sends, receives, polls between runs, waits for work)"
echo "and in packing and unpacking messages, all processes, while the runs are played, over all CPU"
echo "seconds of the sweep (timing.json: mpi_cpu_s / cpu_s); serial = rank 0 writing runs.csv and"
echo "summary.csv and making design points (serial_cpu_s), which no process count shares."
echo "MPI start = CPU milliseconds, all processes, once per sweep whatever its runs, before the first"
echo "chunk: connecting the processes, faulting in the message buffers, waiting for the first chunk"
echo "(mpi_start_cpu_s); in CPU us/run, not in the MPI overhead."
