#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `entente solve` against lrsnash (lrslib), whole commands, CPU time (user +
# system): 20 random 10x10 games (integer payoffs -999..999, drawn by awk with
# fixed seeds), and the shipped classic games (their 2x2 matrices written for
# lrsnash here), each run 100 times. Skipped without lrsnash.
: "${ENTENTE:?run through make bench}"
ROOT=${ENTENTE_ROOT:-.}
command -v lrsnash >/dev/null 2>&1 || { echo "lrsnash not installed (Debian lrslib): skipped"; exit 0; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# cpu CMD...: CPU seconds of running CMD (a shell command line)
cpu() {
  /usr/bin/env time -f "%U %S" sh -c "$1" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.3f", $1 + $2 }'
}
for s in $(seq 1 20); do
  awk -v seed="$s" -v m=10 -v n=10 -v y="$TMP/g$s.yaml" -v l="$TMP/g$s.nash" 'BEGIN {
    srand(seed)
    for (i = 0; i < m; i++) for (j = 0; j < n; j++) {
      a[i, j] = int(rand() * 1999) - 999; b[i, j] = int(rand() * 1999) - 999 }
    print "name: g\ngame:\n  payoffs:" > y
    for (i = 0; i < m; i++) {
      printf "    - [" > y
      for (j = 0; j < n; j++) printf "%s[%d, %d]", j ? ", " : "", a[i, j], b[i, j] > y
      print "]" > y
    }
    printf "%d %d\n\n", m, n > l
    for (i = 0; i < m; i++) { for (j = 0; j < n; j++) printf "%d ", a[i, j] > l; print "" > l }
    print "" > l
    for (i = 0; i < m; i++) { for (j = 0; j < n; j++) printf "%d ", b[i, j] > l; print "" > l }
  }'
done
e=$(cpu "for s in \$(seq 1 20); do '$ENTENTE' solve '$TMP'/g\$s.yaml; done")
l=$(cpu "for s in \$(seq 1 20); do lrsnash '$TMP'/g\$s.nash; done")
awk -v e="$e" -v l="$l" 'BEGIN { printf "20 random 10x10 games: entente %.3f s, lrsnash %.3f s CPU (ratio %.2f)\n", e, l, e / l }'
printf '2 2\n\n3 0\n5 1\n\n3 5\n0 1\n' >"$TMP/pd.nash"
printf '2 2\n\n4 0\n3 2\n\n4 3\n0 2\n' >"$TMP/sh.nash"
printf '2 2\n\n3 1\n4 0\n\n3 4\n1 0\n' >"$TMP/ch.nash"
for pair in alliance_stag_hunt:sh axelrod_first_tournament:pd burden_sharing_pd:pd exit_leverage_chicken:ch; do
  f=${pair%%:*}; g=${pair#*:}
  e=$(cpu "for i in \$(seq 1 100); do '$ENTENTE' solve '$ROOT/scenarios/classic/$f.yaml'; done")
  l=$(cpu "for i in \$(seq 1 100); do lrsnash '$TMP/$g.nash'; done")
  v=$(cpu "for i in \$(seq 1 100); do '$ENTENTE' --version; done")
  awk -v f="$f" -v e="$e" -v l="$l" -v v="$v" 'BEGIN {
    printf "%-26s entente %.2f ms, lrsnash %.2f ms CPU per command (ratio %.2f; entente --version alone %.2f ms)\n",
      f, 10 * e, 10 * l, e / l, 10 * v }'
done
