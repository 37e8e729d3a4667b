#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make valgrind: the whole suite (tests/run_all.sh) with every cmocka
# program, every entente command of the shell tests and every fuzz replay
# run under valgrind's memcheck. An invalid access, a use of uninitialised
# memory or a definite leak exits 99, which fails the test that ran it.
# usage: sh tests/valgrind.sh BUILD
BUILD=${1:-build-valgrind}
command -v valgrind >/dev/null 2>&1 || { echo "valgrind.sh: valgrind is not installed (make deps-valgrind)" >&2; exit 2; }
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=no --suppressions=$PWD/tests/valgrind.supp"
wrap="$PWD/$BUILD/valgrind-entente"
cat > "$wrap" <<WRAP
#!/bin/sh
# entente under valgrind (written by tests/valgrind.sh)
exec $VG "$PWD/$BUILD/entente" "\$@"
WRAP
chmod +x "$wrap"
ENTENTE_WRAPPER="$wrap" ENTENTE_RUNNER="$VG" exec sh tests/run_all.sh "$BUILD"
