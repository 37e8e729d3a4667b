#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Memory of a sweep flat in replicates: one point of 20,000 replicates of the
# NATO scenario as shipped stays under 50 MB of peak resident memory, and
# with 255 allies under 100 MB (getrusage of the child, through
# tests/bench/maxrss.py; not a timing); 1 and 2 threads write the same bytes.
# The peak is not checked under a sanitizer, whose own memory it would
# measure; under a wrapper (valgrind) nothing is run: too slow there.
. "$(dirname "$0")/lib.sh"
if [ -n "${ENTENTE_WRAPPER:-}" ]; then ok "# SKIP under $ENTENTE_WRAPPER"; exit 0; fi

cp "$ROOT/scenarios/nato_burden_sharing.yaml" "$TMP/nato30.yaml"
awk -v n=255 -f "$ROOT/tests/bench/many_allies.awk" "$ROOT/scenarios/nato_burden_sharing.yaml" > "$TMP/nato255.yaml"
point() {  # ALLIES REPLICATES
  cat > "$TMP/mem_$1.yaml" <<EOS
scenario: nato$1.yaml
sweep:
  design: lhs
  points: 1
  replicates: $2
  seed: 3
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
EOS
}
measured=1
if grep -q __asan_init "$ENTENTE" 2>/dev/null; then measured=0; fi

# peak KB of: entente sweep FILE --threads T --out DIR [more]
peak() {
  f=$1; t=$2; d=$3; shift 3
  python3 "$ROOT/tests/bench/maxrss.py" "$ENTENTE" sweep "$f" --threads "$t" --out "$d" --quiet "$@" | cut -d' ' -f1
}

point 30 20000
kb1=$(peak "$TMP/mem_30.yaml" 2 "$TMP/a2")
kb2=$(peak "$TMP/mem_30.yaml" 1 "$TMP/a1")
check "20,000 replicates: summary estimated (sketch)" grep -q '"quantiles": "sketch"' "$TMP/a2/manifest.json"
check "20,000 replicates: runs.csv of 20,000 rows" test "$(wc -l < "$TMP/a2/runs.csv")" -eq 20001
for f in runs.csv summary.csv; do
  check "20,000 replicates: $f the same on 1 and 2 threads" cmp -s "$TMP/a1/$f" "$TMP/a2/$f"
done
grep -v wall "$TMP/a1/manifest.json" > "$TMP/m1"; grep -v wall "$TMP/a2/manifest.json" > "$TMP/m2"
check "20,000 replicates: manifest.json the same on 1 and 2 threads" cmp -s "$TMP/m1" "$TMP/m2"
if [ "$measured" -eq 1 ]; then
  check "20,000 replicates of the shipped NATO scenario: peak ${kb1} kB < 50 MB (2 threads)" test "$kb1" -lt 51200
  check "20,000 replicates of the shipped NATO scenario: peak ${kb2} kB < 50 MB (1 thread)" test "$kb2" -lt 51200
fi

# 255 allies (1,801 outcomes: beyond the budget from 1,456 replicates), only
# the summary (the runs cost the time)
point 255 4000
kb3=$(peak "$TMP/mem_255.yaml" 2 "$TMP/b2" --runs-csv none)
check "255 allies: summary estimated (sketch)" grep -q '"quantiles": "sketch"' "$TMP/b2/manifest.json"
check "255 allies: 1,801 outcomes summarised" test "$(wc -l < "$TMP/b2/summary.csv")" -eq 1802
if [ "$measured" -eq 1 ]; then
  check "4,000 replicates with 255 allies: peak ${kb3} kB < 100 MB" test "$kb3" -lt 102400
fi
finish
