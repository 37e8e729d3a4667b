#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench: run every benchmark script in tests/bench/ with the built program.
# usage: sh tests/bench.sh BUILD
BUILD=${1:-build}
export ENTENTE="$PWD/$BUILD/entente"
export ENTENTE_ROOT="$PWD"
status=0
for b in tests/bench/*.sh; do
  [ -f "$b" ] || continue
  echo "== $(basename "$b" .sh)"
  sh "$b" || status=1
done
exit $status
