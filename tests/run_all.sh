#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run the whole suite: every cmocka binary in BUILD/tests and every shell
# test in tests/cli. Prints a closing line "N passed, N failed".
# usage: sh tests/run_all.sh BUILD
# ENTENTE_RUNNER, if set, prefixes every test program (and the replays of the
# fuzz regressions); ENTENTE_WRAPPER replaces the entente program in the
# shell tests (make valgrind sets both).
BUILD=${1:-build}
# no test writes a file of gigabytes: a runaway one fails with SIGXFSZ
# rather than filling the disk
ulimit -f 8388608 2>/dev/null || true
export ENTENTE="${ENTENTE_WRAPPER:-$PWD/$BUILD/entente}"
export ENTENTE_BUILD="$PWD/$BUILD"
export ENTENTE_ROOT="$PWD"
passed=0
failed=0
failed_names=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  ${ENTENTE_RUNNER:-} "$t" >"$log" 2>&1
  rc=$?
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ]; then
    cat "$log"
    failed_names="$failed_names $name"
  fi
  echo "$name: $p passed, $f failed"
done

for t in tests/cli/test_*.sh; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .sh)
  sh "$t" >"$log" 2>&1
  rc=$?
  p=$(grep -c '^ok ' "$log")
  f=$(grep -c '^not ok ' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -ne 0 ]; then
    grep -A8 '^not ok ' "$log" | head -60
    failed_names="$failed_names $name"
  fi
  echo "$name: $p passed, $f failed"
done

[ -n "$failed_names" ] && echo "failing:$failed_names"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
