#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# golden.sh ENTENTE OUTDIR: the result files of every shipped scenario, sweep
# and classic game, and of 48 variants of the Korea scenario (each patron
# strategy against four ally strategies, with and without a tremble and
# lock-in), written by the program ENTENTE into OUTDIR, with one
# sha256sum line per file in OUTDIR/SUMS. Run it with the program before and
# after a refactoring and compare the SUMS (diff); the run-to-run fields of a
# manifest (wall time, creation time, host) are dropped before hashing.
set -eu
E=$1; OUT=$2
rm -rf "$OUT"; mkdir -p "$OUT"
for f in scenarios/*.yaml scenarios/classroom/*.yaml; do
  n=$(basename "$f" .yaml)
  if grep -q '^calibrate:' "$f" && ! grep -q '^patron:' "$f"; then
    continue    # a calibration file: `entente calibrate` (tests/cli/test_calibrate.sh)
  elif grep -q '^sweep:' "$f"; then
    "$E" sweep "$f" --replicates 3 --points 12 --seed 7 --threads 2 --out "$OUT/sweep_$n" >/dev/null 2>&1 ||
      "$E" sweep "$f" --replicates 3 --seed 7 --threads 2 --out "$OUT/sweep_$n" >/dev/null 2>&1 || echo "sweep $f failed" >&2
  else
    "$E" run "$f" --seed 11 --out "$OUT/run_$n" >/dev/null 2>&1 || echo "run $f failed" >&2
  fi
done
# variants of the Korea scenario that the shipped files do not reach: each
# patron strategy of exit_leverage against several ally strategies, with and
# without a tremble and lock-in (the stages' shortcuts branch on these)
# (the files lie at one path whatever OUT, since the manifests name them)
V=build/golden-variants; mkdir -p "$V"
for ps in committed transactional typed bluffer grim learning; do
  for as in expected_utility tit_for_tat partial defy; do
    awk -v ps="$ps" -v as="$as" '
      /^patron:/ { inp = 1 } /^allies:/ { inp = 0 }
      inp && /^    exit_leverage:$/ { print "    exit_leverage: " ps; skip = 1; next }
      skip && /^      / { next } { skip = 0 }
      /^      exit_leverage: expected_utility$/ { print "      exit_leverage: " as; next }
      { print }' scenarios/korea_sma.yaml > "$V/${ps}_$as.yaml"
    "$E" run "$V/${ps}_$as.yaml" --seed 3 --out "$OUT/var_${ps}_$as" >/dev/null 2>&1 ||
      echo "variant ${ps}_$as failed" >&2
    "$E" run "$V/${ps}_$as.yaml" --seed 4 --set stages.exit_leverage.tremble=0.1 \
      --set stages.exit_leverage.lock_in=3 --out "$OUT/var_${ps}_${as}_tr" >/dev/null 2>&1 ||
      echo "variant ${ps}_${as}_tr failed" >&2
  done
done
rm -rf "$V"
for f in scenarios/classic/*.yaml; do
  n=$(basename "$f" .yaml)
  "$E" tournament "$f" --seed 5 --out "$OUT/tour_$n" >/dev/null 2>&1 || echo "tournament $f failed" >&2
  "$E" solve "$f" >"$OUT/solve_$n.txt" 2>&1 || true
done
for f in scenarios/*.yaml; do
  grep -q '^sweep:' "$f" && continue
  "$E" solve "$f" >"$OUT/solve_$(basename "$f" .yaml).txt" 2>&1 || true
done
(cd "$OUT" && find . -type f ! -name SUMS | sort | while read -r p; do
  case "$p" in
    */timing.json) continue ;;
    *.json) sed -E '/"(wall|wall_seconds|created|started|finished|host|elapsed)[a-z_]*"/d' "$p" | sha256sum | sed "s|-|$p|" ;;
    *) sha256sum "$p" ;;
  esac
done) >"$OUT/SUMS"
echo "$(wc -l <"$OUT/SUMS") files hashed in $OUT/SUMS"
