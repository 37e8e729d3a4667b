#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The classroom server under load on loopback: 40 students in parallel worlds
# (one seat, a world each) play 20 rounds of the Japan scenario, each with a
# thread and a keep-alive connection of tests/bench/classroom_load.py,
# answering every question and polling their state every 0.25 s while they
# wait (the page polls every 1.5 to 3 s: this is a heavier class than a real
# one); the teacher opens each round once every world has finished the last.
# Prints the median, 90th percentile and largest latency per endpoint,
# requests per second, and the server's VmRSS after round 5 and round 20,
# with the command and the machine's load. BENCH_STUDENTS and BENCH_ROUNDS
# change the class.
# usage: ENTENTE=build/entente sh tests/bench/classroom.sh
: "${ENTENTE:?set ENTENTE to the program (make bench does)}"
ROOT=${ENTENTE_ROOT:-.}
N=${BENCH_STUDENTS:-40}
R=${BENCH_ROUNDS:-20}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rel() { case "$1" in "$PWD"/*) echo "${1#"$PWD"/}" ;; *) echo "$1" ;; esac; }
echo "command: python3 tests/bench/classroom_load.py $(rel "$ENTENTE") scenarios/japan_reactive_activism.yaml --students $N --rounds $R --out DIR"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (on $(nproc 2>/dev/null || echo '?') cores)"
timeout -k 10 1200 python3 "$ROOT/tests/bench/classroom_load.py" "$ENTENTE" "$ROOT/scenarios/japan_reactive_activism.yaml" \
  --students "$N" --rounds "$R" --out "$TMP/out" --limit 1100
rc=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
exit $rc
