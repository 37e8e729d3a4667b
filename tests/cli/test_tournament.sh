# SPDX-License-Identifier: GPL-3.0-or-later
# `entente tournament`: outputs checked against hand computations, results
# identical for any --threads, option overrides, and bad input refused with
# FILE:LINE:COL, exit status 2 and no output.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/three.yaml" <<'YAML'
name: three
game: prisoners_dilemma
players: [Cooperator, Defector, TitForTat]
turns: 200
repetitions: 2
YAML

# Per-turn payoffs by hand: D vs TFT 204/200, TFT vs D 199/200; scores without
# self-play: D (5 + 1.02)/2 = 3.01, TFT (3 + 0.995)/2 = 1.9975, C (0 + 3)/2 = 1.5.
"$ENTENTE" tournament "$TMP/three.yaml" --out "$TMP/r1" --quiet
check "exit 0" [ $? -eq 0 ]
expected='strategy,rank,mean_score_per_turn,wins,cooperation_rate
Defector,1,3.01,4,0
TitForTat,2,1.9975,0,0.5025
Cooperator,3,1.5,0,1'
check "ranking.csv by hand" [ "$(cat "$TMP/r1/ranking.csv")" = "$expected" ]
expected='strategy,Cooperator,Defector,TitForTat
Cooperator,3,0,3
Defector,5,1,1.02
TitForTat,3,0.995,3'
check "payoff_matrix.csv by hand" [ "$(cat "$TMP/r1/payoff_matrix.csv")" = "$expected" ]
check "manifest written" grep -q '"turns_played": 2400' "$TMP/r1/manifest.json"
row=$(sed -n 2p "$TMP/r1/replicator.csv")
check "replicator.csv starts at equal shares" awk -F, -v r="$row" 'BEGIN { n = split(r, x, ",");
  exit !(n == 4 && x[1] == 0 && x[2] == x[3] && x[3] == x[4] && (x[2] - 1/3)^2 < 1e-24) }'
# Defectors gain first (2.34 > 2.33 > 2 at equal shares) but, once Cooperators
# are scarce, TFT earns 3 against itself and the Defector only 1.02 against
# TFT: defectors die out and Cooperator and TFT (neutral to each other) remain.
last=$(tail -n 1 "$TMP/r1/replicator.csv")
check "replicator: defectors die out" awk -v r="$last" 'BEGIN { split(r, x, ",");
  exit !(x[3] < 1e-6 && x[4] > x[2] && (x[2] + x[4] - 1)^2 < 1e-12) }'

# thread-count invariance with stochastic strategies, noise and a random end
cat > "$TMP/noisy.yaml" <<'YAML'
name: noisy
game: prisoners_dilemma
players: [Random, Joss, GenerousTitForTat, Grofman, Feld, TitForTat, ZDExtort2, RothErev]
turns: 200
repetitions: 5
noise: 0.05
prob_end: 0.02
seed: 99
moran: {population: 10, trials: 200}
YAML
"$ENTENTE" tournament "$TMP/noisy.yaml" --threads 1 --out "$TMP/t1" --quiet
"$ENTENTE" tournament "$TMP/noisy.yaml" --threads 2 --out "$TMP/t2" --quiet
"$ENTENTE" tournament "$TMP/noisy.yaml" --threads 3 --out "$TMP/t3" --quiet
same=1
for f in ranking.csv payoff_matrix.csv replicator.csv moran.csv; do
  cmp -s "$TMP/t1/$f" "$TMP/t2/$f" || same=0
  cmp -s "$TMP/t1/$f" "$TMP/t3/$f" || same=0
done
check "identical for 1, 2, 3 threads" [ "$same" -eq 1 ]
check "moran.csv has n(n-1) rows" [ "$(($(wc -l < "$TMP/t1/moran.csv") - 1))" -eq 56 ]
"$ENTENTE" tournament "$TMP/noisy.yaml" --seed 100 --out "$TMP/t4" --quiet
if cmp -s "$TMP/t1/ranking.csv" "$TMP/t4/ranking.csv"; then not_ok "another seed, other results"
else ok "another seed, other results"; fi

# overrides: with --noise 1 every action flips, so Cooperator never cooperates
"$ENTENTE" tournament "$TMP/three.yaml" --noise 1 --turns 10 --repetitions 1 --out "$TMP/r2" --quiet
check "--noise 1 flips every move" grep -q '^Cooperator,[0-9],[^,]*,[^,]*,0$' "$TMP/r2/ranking.csv"
check "--turns recorded" grep -q '"turns": 10,' "$TMP/r2/manifest.json"

# shipped classic files
for f in "$ROOT"/scenarios/classic/*.yaml; do
  "$ENTENTE" validate "$f" >/dev/null 2>&1
  check "validates $(basename "$f")" [ $? -eq 0 ]
done
"$ENTENTE" tournament "$ROOT/scenarios/classic/axelrod_first_tournament.yaml" --repetitions 1 \
  --out "$TMP/ax" >"$TMP/ax.out"
check "first tournament runs" [ $? -eq 0 ]
check "first tournament ranks 13" [ "$(($(wc -l < "$TMP/ax/ranking.csv") - 1))" -eq 13 ]
check "ranking printed" grep -q 'TitForTat' "$TMP/ax.out"

# the strategy library is listed with docs
"$ENTENTE" list strategies >"$TMP/list"
check "list shows TitForTat" grep -q 'TitForTat .*repeats the opponent' "$TMP/list"
check "list shows the Axelrod names" grep -q 'Axelrod: Soft Go By Majority' "$TMP/list"

# bad input: exit 2, FILE:LINE:COL, nothing written
bad() {
  name=$1; file=$2; msg=$3; shift 3
  "$ENTENTE" tournament "$file" --out "$TMP/bad_$name" "$@" >"$TMP/so" 2>"$TMP/se"
  rc=$?
  if [ $rc -ne 2 ]; then not_ok "$name exits 2" "status $rc"
  elif ! grep -qF "$msg" "$TMP/se"; then not_ok "$name message" "expected: $msg" "got: $(cat "$TMP/se")"
  elif [ -e "$TMP/bad_$name" ] || [ -s "$TMP/so" ]; then not_ok "$name writes nothing"
  else ok "$name"; fi
}
printf 'name: b\ngame: prisoners_dilemma\nplayers: [TitForTat, Grudgr]\n' > "$TMP/b1.yaml"
bad unknown_strategy "$TMP/b1.yaml" "b1.yaml:3:22: error: unknown strategy 'Grudgr'; did you mean 'Grudger'?"
printf 'name: b\ngame: prisoners_dilemma\nplayers: [TitForTat, Defector]\nnoise: 2\n' > "$TMP/b2.yaml"
bad noise_range "$TMP/b2.yaml" "b2.yaml:4:8: error: 'noise' must be between 0 and 1, got 2"
printf 'name: b\ngame: prisoners_dilemma\n' > "$TMP/b3.yaml"
bad no_players "$TMP/b3.yaml" "lists no 'players'"
bad not_a_game "$ROOT/scenarios/korea_sma.yaml" "does not take this file: it is a scenario; run it with 'entente run"
bad bad_option "$TMP/three.yaml" "option '--noise' expects a probability" --noise 1.5
bad missing_file "$TMP/nope.yaml" "nope.yaml: error: cannot open"
"$ENTENTE" validate "$TMP/b1.yaml" >/dev/null 2>"$TMP/se"
check "validate reports game-file errors" [ $? -eq 2 ]
check "validate message" grep -qF "b1.yaml:3:22: error: unknown strategy 'Grudgr'" "$TMP/se"

finish
