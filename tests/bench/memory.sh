#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Peak resident memory of a sweep of one point against its replicates: the
# NATO scenario as shipped (its psi, default columns of runs.csv) and the
# same with 255 allies (tests/bench/many_allies.awk), at MEM_REPLICATES
# replicates per point (default "10000 100000"), on two threads. Each figure
# is printed with the command that reproduces it. The goals: under 50 MB
# for the shipped scenario, under 100 MB with 255 allies, at any size.
# usage: ENTENTE=build/entente sh tests/bench/memory.sh
: "${ENTENTE:?set ENTENTE to the program (make bench does)}"
ROOT=${ENTENTE_ROOT:-.}
REPS=${MEM_REPLICATES:-10000 100000}
ALLIES=${MEM_ALLIES:-30 255}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp "$ROOT/scenarios/nato_burden_sharing.yaml" "$TMP/nato30.yaml"
awk -v n=255 -f "$ROOT/tests/bench/many_allies.awk" "$ROOT/scenarios/nato_burden_sharing.yaml" > "$TMP/nato255.yaml"
for a in $ALLIES; do
  for r in $REPS; do
    cat > "$TMP/mem_${a}_$r.yaml" <<EOS
scenario: nato$a.yaml
sweep:
  design: lhs
  points: 1
  replicates: $r
  seed: 1
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
EOS
    cmd="$ENTENTE sweep mem_${a}_$r.yaml --threads 2 --out out --quiet"
    res=$(cd "$TMP" && python3 "$ROOT/tests/bench/maxrss.py" $cmd) || { echo "bench: $cmd failed"; exit 1; }
    q=$(sed -n 's/.*"quantiles": "\([a-z-]*\)".*/\1/p' "$TMP/out/manifest.json")
    echo "$res" | awk -v a="$a" -v r="$r" -v q="$q" -v c="$cmd" \
      '{ printf "%3d allies, 1 point x %6d replicates: peak RSS %6.1f MB, %.1f CPU s, quantiles %s\n    (%s)\n", a, r, $1 / 1024, $2, q, c }'
    rm -rf "$TMP/out"
  done
done
echo "    (the sweep files: one point of the scenario's demand, uniform in [0.02, 0.05], seed 1;"
echo "     255 allies: awk -v n=255 -f tests/bench/many_allies.awk scenarios/nato_burden_sharing.yaml)"
