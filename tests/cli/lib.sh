# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers for the shell tests of the entente program (POSIX sh).
# Each check prints "ok - NAME" or "not ok - NAME" (with details); run_all.sh
# counts them. $ENTENTE is the program, $ENTENTE_ROOT the source tree.
: "${ENTENTE:?run through tests/run_all.sh}"
ROOT=${ENTENTE_ROOT:-.}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILS=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "    $l"; done; FAILS=$((FAILS + 1)); }

# check NAME CONDITION-COMMAND...
check() {
  name=$1; shift
  if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

finish() { [ "$FAILS" -eq 0 ]; }

# hold_lock FILE: another process (flock(1), from util-linux) takes the
# exclusive lock an entente writer takes, and holds it until release_lock,
# however long the command under test needs (valgrind makes it slow).
hold_lock() {
  rm -f "$TMP/.release"
  flock -o "$1" sh -c 'while [ ! -e "$1" ]; do sleep 0.05; done' _ "$TMP/.release" &
  HOLD_PID=$!
  i=0
  while [ $i -lt 200 ] && flock -n "$1" true; do sleep 0.02; i=$((i + 1)); done
}
release_lock() { touch "$TMP/.release"; wait "$HOLD_PID"; }
