#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente run --narrate: the run told round by round from its event log and
# trace; the result files are the same with or without it.
. "$(dirname "$0")/lib.sh"
KOR="$ROOT/scenarios/korea_sma.yaml"

"$ENTENTE" run "$KOR" --set patron.transactional_prob=1 --out "$TMP/k" --narrate >"$TMP/out" 2>"$TMP/err"
rc=$?
check "narrate exits 0" [ "$rc" -eq 0 ]
check "narrate keeps the table" grep -q '^agent ' "$TMP/out"
check "narrate names the patron" grep -q 'United States' "$TMP/out"
check "narrate names the ally" grep -q 'South Korea' "$TMP/out"
check "narrate tells round 1" grep -q '^Round 1: ' "$TMP/out"
# every round is told, alone or in a group of quiet rounds
n=$(grep -cE '^Rounds? [0-9]+(-[0-9]+)?' "$TMP/out")
check "narrate has a paragraph per round or group" [ "$n" -ge 2 ]
check "narrate tells the last round" grep -qE '^(Round 10:|Rounds [0-9]+-10 )' "$TMP/out"
check "narrate gives the demand in % of GDP" grep -q 'demands 3.50% of GDP' "$TMP/out"
check "narrate gives amounts in USD bn" grep -qE '\$[0-9.]+ bn' "$TMP/out"
# the seed's transactional patron: a deal fails ratification and the threat is carried out
tr '\n' ' ' <"$TMP/out" >"$TMP/flat"
check "narrate tells a failed ratification and why" \
  grep -qE "South Korea's legislature rejects the deal: \\\$[0-9.]+ bn is more than its win-set of \\\$[0-9.]+ bn" "$TMP/flat"
check "narrate tells a ratified deal" grep -q "South Korea's legislature ratifies the deal" "$TMP/flat"
check "narrate tells an execution" grep -qE 'The United States carries out its threat: South Korea loses \$[0-9.]+ bn' "$TMP/flat"
check "narrate tells a back-down" grep -q 'The United States backs down' "$TMP/flat"
check "narrate names the instruments" grep -q 'controls on South Korea.s technology sector' "$TMP/flat"
check "narrate reveals the type at the end" grep -q 'After 10 rounds: The United States was transactional' "$TMP/flat"
check "narrate leaves stderr empty" [ ! -s "$TMP/err" ]

# the same results with and without --narrate (but for the wall time)
"$ENTENTE" run "$KOR" --set patron.transactional_prob=1 --out "$TMP/k0" --quiet
same=1
for f in trace.csv outcomes.csv events.csv; do
  cmp -s "$TMP/k/$f" "$TMP/k0/$f" || { same=0; echo "    $f differs"; }
done
grep -v '"wall_time_s"' "$TMP/k/manifest.json" >"$TMP/m1"
grep -v '"wall_time_s"' "$TMP/k0/manifest.json" >"$TMP/m0"
cmp -s "$TMP/m1" "$TMP/m0" || { same=0; echo "    manifest.json differs"; }
check "results are byte-identical with and without --narrate" [ "$same" -eq 1 ]
check "the same files are written" [ "$(ls "$TMP/k")" = "$(ls "$TMP/k0")" ]

# --quiet --narrate: the narration alone
"$ENTENTE" run "$KOR" --quiet --narrate --out "$TMP/kq" >"$TMP/q"
check "quiet narrate drops the table" sh -c "! grep -q '^agent ' '$TMP/q'"
check "quiet narrate still narrates" grep -q '^Round 1: ' "$TMP/q"
check "narration lines fit a terminal" [ "$(awk 'length > 78' "$TMP/q" | wc -l)" -eq 0 ]

# beliefs and hedging (Japan): the belief behind an answer, portfolio shifts
"$ENTENTE" run "$ROOT/scenarios/japan_reactive_activism.yaml" --quiet --narrate --out "$TMP/j" | tr '\n' ' ' >"$TMP/j.txt"
check "narrate gives the belief behind an answer" \
  grep -qE 'Japan, believing the patron transactional with probability 0\.[0-9]+, (complies|defies|offers)' "$TMP/j.txt"
check "narrate tells hedging shifts" grep -qE "Japan's hedging has moved towards [a-z]+" "$TMP/j.txt"
check "narrate gives the portfolio weights" grep -qE 'bind [0-9]+% to [0-9]+%' "$TMP/j.txt"
# diffusion: allies never threatened whose beliefs move
"$ENTENTE" run "$ROOT/scenarios/secondary_allies.yaml" --quiet --narrate --out "$TMP/s" | tr '\n' ' ' >"$TMP/s.txt"
check "narrate tells beliefs moving without a threat" grep -q 'Vietnam 0.[0-9]* to 0.[0-9]* (not threatened)' "$TMP/s.txt"
# quiet rounds of NATO burden sharing are summarised together
"$ENTENTE" run "$ROOT/scenarios/nato_burden_sharing.yaml" --quiet --narrate --out "$TMP/n" >"$TMP/n.txt"
check "narrate groups quiet rounds" grep -qE '^Rounds [0-9]+-[0-9]+ are quiet: no threats' "$TMP/n.txt"
check "narrate names who falls short" grep -q 'Falling short: Spain' "$TMP/n.txt"

# the repeated matrix game: who defects
"$ENTENTE" run "$ROOT/scenarios/burden_sharing_matrix.yaml" --quiet --narrate --out "$TMP/m" | tr '\n' ' ' >"$TMP/m.txt"
check "narrate tells the matrix game's moves" grep -qE 'In the repeated game (Italy|France|Germany)[a-zA-Z, ]* defects?' "$TMP/m.txt"

# a long run is told in linear time (the told values are kept, not recomputed)
if command -v timeout >/dev/null 2>&1 && [ -z "${ENTENTE_WRAPPER:-}" ]; then
  timeout 120 "$ENTENTE" run "$ROOT/scenarios/japan_reactive_activism.yaml" --rounds 5000 --quiet --narrate \
    --out "$TMP/long" >"$TMP/long.txt"
  check "narrate a 5,000-round run" [ $? -eq 0 ]
  check "narrate a 5,000-round run to its end" grep -q '^After 5000 rounds' "$TMP/long.txt"
fi

check "run --help documents --narrate" sh -c "'$ENTENTE' run --help | grep -q -- '--narrate'"
check "the man page documents --narrate" grep -q 'narrate' "$ROOT/engine/man/entente.1"
finish
