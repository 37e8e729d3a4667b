#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Install the Debian packages entente needs, if any are missing.
# As root this runs apt-get; otherwise it prints the command to run and fails.
# usage: deps.sh [test|fuzz|valgrind|mpi]   (what only the test suite, make
# fuzz, make valgrind or make MPI=1 need, besides the build's packages)
set -e
PACKAGES="gcc make pkg-config libgsl-dev libyaml-dev nettle-dev libjansson-dev libcsv-dev libgmp-dev libcmocka-dev gnuplot-nox librandom123-dev libmicrohttpd-dev"
# chromium renders the HTML report in the report test; python3 checks XML and PNG there
# and runs the Python package (test_python.sh; pandas is used when installed);
# lrslib's lrsnash is the reference the exact Nash solver is compared with (test_nash_lrs.sh)
# curl talks to `entente classroom` in its API test (test_classroom_api.sh)
TEST_PACKAGES="chromium python3 lrslib curl"
# make fuzz: clang with libFuzzer and the sanitizers' runtimes, and clang's OpenMP
FUZZ_PACKAGES="clang libclang-rt-14-dev libomp-14-dev"
VALGRIND_PACKAGES="valgrind"
# make MPI=1, make test-mpi: Open MPI (mpicc, mpirun); time(1) for make bench-mpi
MPI_PACKAGES="libopenmpi-dev openmpi-bin time"
case "${1:-}" in
  "") ;;
  test) PACKAGES="$PACKAGES $TEST_PACKAGES" ;;
  fuzz) PACKAGES="$PACKAGES $FUZZ_PACKAGES" ;;
  valgrind) PACKAGES="$PACKAGES $VALGRIND_PACKAGES" ;;
  mpi) PACKAGES="$PACKAGES $MPI_PACKAGES" ;;
  *) echo "deps.sh: unknown mode '$1' (test, fuzz, valgrind or mpi)" >&2; exit 2 ;;
esac
missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "entente: missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y $missing
else
  echo "entente: run as root:  apt-get update && apt-get install -y$missing" >&2
  exit 1
fi
