#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente sensitivity DIR reads files it did not write: every crafted
# manifest.json (tests/bad_manifest/NAME.json) or summary.csv (NAME.csv) is
# refused with a clear message (NAME.err) and a non-zero exit, and nothing
# is written. Under `make asan` a sanitizer report also fails the check.
. "$(dirname "$0")/lib.sh"
GOOD="$ROOT/tests/fixtures/saltelli"
BAD="$ROOT/tests/bad_manifest"

mkdir "$TMP/good"
cp "$GOOD/manifest.json" "$GOOD/summary.csv" "$TMP/good/"
"$ENTENTE" sensitivity "$TMP/good" --bootstrap 20 --quiet > "$TMP/good.out" 2>&1
check "the crafted fixture itself is accepted" [ $? -eq 0 ]
check "  and gives one row per outcome and parameter" \
  [ "$(wc -l < "$TMP/good/sensitivity.csv")" -eq 3 ]

n=0
for err in "$BAD"/*.err; do
  name=$(basename "$err" .err)
  d="$TMP/$name"
  mkdir "$d"
  if [ -f "$BAD/$name.json" ]; then cp "$BAD/$name.json" "$d/manifest.json"; else cp "$GOOD/manifest.json" "$d/"; fi
  if [ -f "$BAD/$name.csv" ]; then cp "$BAD/$name.csv" "$d/summary.csv"; else cp "$GOOD/summary.csv" "$d/"; fi
  "$ENTENTE" sensitivity "$d" --bootstrap 20 --quiet > "$d.out" 2>&1
  rc=$?
  want=$(cat "$err")
  if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && grep -qF -- "$want" "$d.out" &&
     grep -q '^entente sensitivity: ' "$d.out" && ! grep -q 'Sanitizer\|runtime error' "$d.out" &&
     [ ! -e "$d/sensitivity.csv" ]; then
    ok "$name: refused"
  else
    not_ok "$name: refused" "exit $rc, wanted '$want'" "$(head -5 "$d.out")"
  fi
  n=$((n + 1))
done
check "every crafted case was tried" [ "$n" -ge 30 ]

# sweep --sensitivity: what it needs is checked before any run
sed '/^sweep:/,$d' "$ROOT/tests/fixtures/sweep_small.yaml" > "$TMP/salt.yaml"
cat >> "$TMP/salt.yaml" <<'YAML'
sweep:
  design: saltelli
  points: 400
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.02, max: 0.05}
    allies.DEU.threat: {distribution: uniform, min: 0, max: 1}
YAML
"$ENTENTE" sweep "$TMP/salt.yaml" --shard 1/2 --sensitivity --out "$TMP/sh" --quiet 2> "$TMP/sh.err"
rc=$?
check "sweep --sensitivity with --shard: refused at once (status 2)" eval '[ $rc -eq 2 ] && [ ! -e "$TMP/sh.partial" ]'
check "  saying to merge first" grep -q "needs the whole sweep, not shard 1/2" "$TMP/sh.err"
"$ENTENTE" sweep "$TMP/salt.yaml" --points 1 --sensitivity --out "$TMP/p1" --quiet 2> "$TMP/p1.err"
rc=$?
check "sweep --sensitivity with 1 base point: refused at once (status 2)" eval '[ $rc -eq 2 ] && [ ! -e "$TMP/p1.partial" ]'
check "  saying why" grep -q "needs at least 2 base points" "$TMP/p1.err"

# Ctrl-C while the indices are computed (many bootstrap resamples) stops
# within an outcome, keeps the finished runs, and --resume completes them
"$ENTENTE" sweep "$TMP/salt.yaml" --sensitivity --bootstrap 100000 --out "$TMP/si" --quiet 2> "$TMP/si.err" &
pid=$!
i=0
while [ $i -lt 1200 ] && [ ! -e "$TMP/si.partial/manifest.json" ]; do sleep 0.05; i=$((i + 1)); done
kill -INT $pid
wait $pid
check "Ctrl-C during --sensitivity: status 130" [ $? -eq 130 ]
check "  with the command that continues it" grep -q "Continue with: .*--resume" "$TMP/si.err"
check "  and no result yet" eval '[ ! -e "$TMP/si" ] && [ ! -e "$TMP/si.partial/sensitivity.csv" ]'
"$ENTENTE" sweep "$TMP/salt.yaml" --sensitivity --bootstrap 50 --out "$TMP/si" --resume --quiet
rc=$?
check "  --resume completes it" eval '[ $rc -eq 0 ] && [ -s "$TMP/si/sensitivity.csv" ]'
"$ENTENTE" sweep "$TMP/salt.yaml" --sensitivity --bootstrap 50 --out "$TMP/sj" --quiet
check "  as an uninterrupted sweep does" cmp -s "$TMP/si/sensitivity.csv" "$TMP/sj/sensitivity.csv"
finish
