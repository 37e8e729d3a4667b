#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The MPI tests (make test-mpi): tests/mpi/test_*.sh with the plain program
# ($ENTENTE, from BUILD) and the one built with MPI=1 ($ENTENTE_MPI, from
# BUILD_MPI), under Open MPI's mpirun. Prints "N passed, N failed".
# usage: sh tests/mpi/run.sh BUILD BUILD_MPI
BUILD=${1:-build}
BUILD_MPI=${2:-build-mpi}
export ENTENTE="$PWD/$BUILD/entente"
export ENTENTE_MPI="$PWD/$BUILD_MPI/entente"
export ENTENTE_BUILD="$PWD/$BUILD"
export ENTENTE_ROOT="$PWD"
if ! command -v mpirun > /dev/null 2>&1; then
  echo "tests/mpi: no mpirun (make test-mpi installs Open MPI)"; echo "0 passed, 1 failed"; exit 1
fi
# Open MPI refuses to run as root unless told; CI machines run as root
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in tests/mpi/test_*.sh; do
  name=$(basename "$t" .sh)
  sh "$t" > "$log" 2>&1
  rc=$?
  p=$(grep -c '^ok ' "$log")
  f=$(grep -c '^not ok ' "$log")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -20 "$log"; fi
  [ "$f" -ne 0 ] && grep -A8 '^not ok ' "$log" | head -80
  passed=$((passed + p)); failed=$((failed + f))
  echo "$name: $p passed, $f failed"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
