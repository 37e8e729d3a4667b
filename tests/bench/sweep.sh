#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The standard sweep workload: the NATO scenario (the patron and 30 allies)
# with every registered stage in its pipeline, 40 rounds, a Latin hypercube
# over the demand and two threats, BENCH_RUNS runs (default 100000) on two
# threads; then half of it on one and on two threads for the speed-up.
# Prints runs/s, agent-rounds/s (per wall second and per CPU second), the
# 1 -> 2 thread speed-up and the peak resident memory.
# usage: ENTENTE=build/entente sh tests/bench/sweep.sh
: "${ENTENTE:?set ENTENTE to the program (make bench does)}"
ROOT=${ENTENTE_ROOT:-.}
RUNS=${BENCH_RUNS:-100000}
SCENARIO=${BENCH_SCENARIO:-$ROOT/scenarios/nato_burden_sharing.yaml}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# every stage the engine lists, in the order it lists them, with defaults
stages=$("$ENTENTE" list 2>/dev/null | sed -n '/^stages/,/^agent fields/p' |
         sed -n 's/^  \([a-z_][a-z_0-9]*\): .*/\1/p')
awk -v st="$stages" '
  /^stages:/ { print "stages:"; n = split(st, a, " ");
               for (i = 1; i <= n; i++) print "  - stage: " a[i]; skip = 1; next }
  skip && /^[a-z]/ { skip = 0; print "" }
  !skip { print }' "$SCENARIO" > "$TMP/all.yaml"
if ! "$ENTENTE" validate "$TMP/all.yaml" > "$TMP/validate.txt" 2>&1; then
  echo "bench: the all-stage scenario does not validate:"; cat "$TMP/validate.txt"; exit 1
fi
points=$((RUNS / 100))
cat > "$TMP/bench.yaml" <<EOF
scenario: all.yaml
sweep:
  design: lhs
  points: $points
  replicates: 100
  seed: 1
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
    allies.POL.threat: {distribution: beta, alpha: 8.5, beta: 1.5}
    allies.DEU.threat: {distribution: beta, alpha: 4.5, beta: 5.5}
EOF
echo "workload: $(sed -n 's/.*: ok (\(.*\), [0-9]* rounds)/\1/p' "$TMP/validate.txt"), 40 rounds,"
echo "          $points points x 100 replicates = $((points * 100)) runs, runs.csv with run-level outcomes"

# one sweep; prints "wall cpu rss runs agent_rounds"
sweep() {  # THREADS POINTS DIR
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$ENTENTE" sweep "$TMP/bench.yaml" --rounds 40 \
    --threads "$1" --points "$2" --runs-csv run --out "$3" --quiet || exit 1
  m="$3/manifest.json"
  runs=$(sed -n 's/.*"runs": \([0-9]*\).*/\1/p' "$m")
  ar=$(sed -n 's/.*"agent_rounds": \([0-9]*\).*/\1/p' "$m")
  wall=$(sed -n 's/.*"wall_time_s": \([0-9.]*\).*/\1/p' "$3/timing.json")
  awk -v w="$wall" -v r="$runs" -v a="$ar" '{ printf "%s %s %s %s %s\n", w, $2 + $3, $4, r, a }' "$TMP/time"
}

big=$(sweep 2 "$points" "$TMP/big")
sub=$((points / 2)); [ "$sub" -ge 2 ] || sub=2   # long enough for a stable speed-up
one=$(sweep 1 "$sub" "$TMP/one")
two=$(sweep 2 "$sub" "$TMP/two")
cmp -s "$TMP/one/summary.csv" "$TMP/two/summary.csv" || { echo "bench: 1 and 2 threads differ!"; exit 1; }

echo "$big" | awk '{ printf "2 threads: %d runs in %.1f s: %.0f runs/s, %.3g agent-rounds/s; %.3g agent-rounds per CPU second; peak RSS %.1f MB\n",
                     $4, $1, $4 / $1, $5 / $1, $5 / $2, $3 / 1024 }'
echo "$one $two" | awk '{ printf "speed-up 1 -> 2 threads (%d runs): %.2f (%.0f -> %.0f runs/s; CPU seconds %.1f -> %.1f)\n",
                          $4, $1 / $6, $4 / $1, $9 / $6, $2, $7 }'
echo "$one" | awk '{ printf "1 thread: %.3g agent-rounds/s per core\n", $5 / $1 }'
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)
echo "load average during the benchmark: ${load:-unknown} (on $(nproc 2>/dev/null || echo '?') cores)"
