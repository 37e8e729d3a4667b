# SPDX-License-Identifier: GPL-3.0-or-later
# Axelrod's second tournament: the game file validates and runs, its field
# is the 29 entries of its header, the probabilistic end gives matches of
# about 289 moves on average, results do not depend on --threads, and
# `entente list strategies` shows every new entry with its Axelrod name.
. "$(dirname "$0")/lib.sh"

F="$ROOT/scenarios/classic/axelrod_second_tournament.yaml"
"$ENTENTE" validate "$F" >"$TMP/v.out" 2>&1
check "second tournament validates" grep -q '29 strategies' "$TMP/v.out"

"$ENTENTE" tournament "$F" --threads 1 --out "$TMP/t1" --quiet
check "second tournament runs" [ $? -eq 0 ]
check "second tournament ranks 29" [ "$(($(wc -l < "$TMP/t1/ranking.csv") - 1))" -eq 29 ]
"$ENTENTE" tournament "$F" --threads 2 --out "$TMP/t2" --quiet
check "same ranking with 2 threads" cmp -s "$TMP/t1/ranking.csv" "$TMP/t2/ranking.csv"
check "same payoffs with 2 threads" cmp -s "$TMP/t1/payoff_matrix.csv" "$TMP/t2/payoff_matrix.csv"

# 2175 matches (29 x 30 / 2 pairs, 5 repetitions) of mean length 1/0.00346 = 289
# (standard deviation 288 per match, 6.2 for the mean): within 5 standard errors
played=$(sed -n 's/.*"turns_played": \([0-9]*\).*/\1/p' "$TMP/t1/manifest.json")
check "mean match length about 289" [ "$played" -gt $((2175 * 258)) -a "$played" -lt $((2175 * 320)) ]

"$ENTENTE" list strategies >"$TMP/list"
for s in Champion Eatherley Tester Gladstein Tranquilizer Grofman Kluepfel Borufsen Cave \
         WmAdams GraaskampKatzen Weiner Harrington Getzler Leyvraz White Black RichardHufford \
         Yamachi Colbert Mikkelson Rowsam Appold; do
  check "list shows SecondBy$s" grep -q "SecondBy$s .*Axelrod: Second by $s\$" "$TMP/list"
done
check "list shows Tideman and Chieruzzi" grep -q 'SecondByTidemanAndChieruzzi .*Axelrod: Second by Tideman and Chieruzzi$' "$TMP/list"
check "list shows RandomHunter" grep -q 'RandomHunter .*Axelrod: Random Hunter$' "$TMP/list"
check "list shows AntiCycler" grep -q 'AntiCycler .*Axelrod: AntiCycler$' "$TMP/list"
finish
