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
