#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Peak resident memory of a sweep of one point against its replicates: the
# NATO scenario as shipped (its psi, default columns of runs.csv) and the
# same with 255 allies (tests/bench/many_allies.awk), at MEM_REPLICATES
# replicates per point (default "10000 100000"), on two threads; peak from
# getrusage (tests/bench/maxrss.py). Each figure is printed with the command
# that reproduces it (the files are kept in BENCH_DIR, default BUILD/bench).
# The goals: under 50 MB for the shipped scenario, under 100 MB with 255
# allies, at any size.
# usage: ENTENTE=build/entente sh tests/bench/memory.sh
: "${ENTENTE:?set ENTENTE to the program (make bench does)}"
ROOT=${ENTENTE_ROOT:-.}
REPS=${MEM_REPLICATES:-10000 100000}
ALLIES=${MEM_ALLIES:-30 255}
D=${BENCH_DIR:-$(dirname "$ENTENTE")/bench}
mkdir -p "$D" || exit 1
# the sweeps' outputs (hundreds of MB) go; their files stay for the commands
trap 'rm -rf "$D"/out_*' EXIT
rel() { case "$1" in "$PWD"/*) echo "${1#"$PWD"/}" ;; *) echo "$1" ;; esac; }
E=$(rel "$ENTENTE")
DR=$(rel "$D")
cp "$ROOT/scenarios/nato_burden_sharing.yaml" "$D/nato30.yaml"
awk -v n=255 -f "$ROOT/tests/bench/many_allies.awk" "$ROOT/scenarios/nato_burden_sharing.yaml" > "$D/nato255.yaml"
for a in $ALLIES; do
  for r in $REPS; do
    f="$D/mem_${a}_$r.yaml"
    cat > "$f" <<EOS
scenario: nato$a.yaml
sweep:
  design: lhs
  points: 1
  replicates: $r
  seed: 1
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
EOS
    out="$DR/out_mem"
    cmd="$E sweep $DR/mem_${a}_$r.yaml --threads 2 --out $out --quiet"
    res=$(python3 "$ROOT/tests/bench/maxrss.py" "$ENTENTE" sweep "$f" --threads 2 --out "$out" --quiet) ||
      { echo "bench: $cmd failed"; exit 1; }
    q=$(sed -n 's/.*"quantiles": "\([a-z-]*\)".*/\1/p' "$out/manifest.json")
    echo "$res" | awk -v a="$a" -v r="$r" -v q="$q" -v c="$cmd" \
      '{ printf "%3d allies, 1 point x %6d replicates: peak RSS %6.1f MB, %.1f CPU s, quantiles %s\n    (python3 tests/bench/maxrss.py %s)\n", a, r, $1 / 1024, $2, q, c }'
  done
done
echo "    (255 allies: awk -v n=255 -f tests/bench/many_allies.awk scenarios/nato_burden_sharing.yaml)"
