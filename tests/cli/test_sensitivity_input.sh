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
finish
