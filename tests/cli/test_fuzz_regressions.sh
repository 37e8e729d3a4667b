#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Replay every fuzz target (tests/fuzz/fuzz_*.c, built by make test as
# BUILD/fuzz/replay_TARGET with the normal compiler) over its regression
# inputs (tests/fuzz/regressions/TARGET/: each a crash, hang, leak or
# sanitizer report once found) and its seed files (tests/fuzz/seeds.sh).
# Each input must be read without a crash, a sanitizer report (make asan) or
# a hang. ENTENTE_RUNNER, if set, prefixes every replay (make valgrind).
. "$(dirname "$0")/lib.sh"
BUILD=${ENTENTE_BUILD:-$(dirname "$ENTENTE")}
cd "$ROOT" || exit 1
export ENTENTE_ROOT="$PWD"

# replay NAME TARGET FILE...: one run of the replay program, with a time limit
replay() {
  name=$1 t=$2; shift 2
  timeout 300 ${ENTENTE_RUNNER:-} "$BUILD/fuzz/replay_$t" "$@" > "$TMP/out" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ] && ! grep -q 'Sanitizer\|runtime error\|LeakSanitizer' "$TMP/out"; then
    ok "$name"
  else
    not_ok "$name" "exit $rc" "$(grep -v '^entente' "$TMP/out" | head -12)"
  fi
}

targets=0
for src in tests/fuzz/fuzz_*.c; do
  t=$(basename "$src" .c); t=${t#fuzz_}
  [ "$t" = common ] && continue
  targets=$((targets + 1))
  check "$t: replay program built" [ -x "$BUILD/fuzz/replay_$t" ]
  n=0
  for f in tests/fuzz/regressions/"$t"/*; do
    [ -f "$f" ] || continue
    replay "$t: regression $(basename "$f")" "$t" "$f"
    n=$((n + 1))
  done
  seeds=$(sh tests/fuzz/seeds.sh "$t")
  check "$t: has seed files" [ -n "$seeds" ]
  # shellcheck disable=SC2086
  replay "$t: every seed file ($(echo "$seeds" | wc -l) files)" "$t" $seeds
done
check "six fuzz targets" [ "$targets" -eq 6 ]
finish
