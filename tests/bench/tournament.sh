#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Tournament throughput: a round robin of every deterministic strategy of the
# library (self-play included), 200 turns, 10 repetitions, on 1 and 2 threads.
# Prints matches per second and turns per second (best of 3 runs; the time is
# the tournament's own, as recorded in manifest.json, without file writing).
: "${ENTENTE:?run through make bench}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
names=$("$ENTENTE" list strategies | awk '$1 == "tournament" && $3 != "[random]" { print "  - " $2 }')
n=$(printf '%s\n' "$names" | grep -c .)
{
  echo "name: bench"
  echo "game: prisoners_dilemma"
  echo "turns: 200"
  echo "repetitions: 10"
  echo "players:"
  printf '%s\n' "$names"
} > "$TMP/bench.yaml"
echo "round robin of $n deterministic strategies, 200 turns, 10 repetitions"
for threads in 1 2; do
  best=""
  for run in 1 2 3; do
    "$ENTENTE" tournament "$TMP/bench.yaml" --threads "$threads" --out "$TMP/out" --quiet || exit 1
    w=$(sed -n 's/.*"wall_time_s": \([0-9.e+-]*\).*/\1/p' "$TMP/out/manifest.json")
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$w; fi
  done
  matches=$(sed -n 's/.*"matches": \([0-9]*\).*/\1/p' "$TMP/out/manifest.json")
  turns=$(sed -n 's/.*"turns_played": \([0-9]*\).*/\1/p' "$TMP/out/manifest.json")
  awk -v t="$threads" -v m="$matches" -v u="$turns" -v w="$best" 'BEGIN {
    printf "threads %d: %d matches, %d turns in %.4f s: %.0f matches/s, %.3g turns/s\n", t, m, u, w, m / w, u / w }'
done
