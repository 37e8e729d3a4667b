# SPDX-License-Identifier: GPL-3.0-or-later
# Untrusted input from the command line and from files: malformed parameter
# paths, any number of --set, files that are not regular files, and YAML
# built to be slow (deep nesting, many keys). Every case must end with exit
# status 2 and a clear message, never a crash or a hang (timeout guards).
. "$(dirname "$0")/lib.sh"

HEDGE="$ROOT/scenarios/australia_hedging.yaml"
NATO="$ROOT/scenarios/nato_burden_sharing.yaml"
# a hang guard, not a speed test: under valgrind (make valgrind) a program
# runs some fifty times slower
T="timeout 20"
[ -n "${ENTENTE_WRAPPER:-}" ] && T="timeout 1200"

# ---- parameter paths ------------------------------------------------------
# patron.strategy.hedging.*: the stage is in the pipeline but gives the patron
# no strategy (this once dereferenced a NULL strategy type)
for p in patron.strategy.hedging.x patron.strategy.hedging.step allies.AUS.strategy.beliefs.x \
         patron.strategy.nope.x allies..gdp allies.AUS. .discount discount. discount.. . .. \
         patron patron. patron.strategy patron.strategy.hedging \
         patron.strategy.burden_sharing.step.x stages.burden_sharing stages..demand \
         allies allies.AUS allies.USA.gdp a.b.c.d.e.f.g patron.strategy.burden_sharing.a.b.c \
         "$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "a."; printf "gdp" }')"; do
  $T "$ENTENTE" run "$HEDGE" --set "$p=1" --out "$TMP/o" >/dev/null 2>"$TMP/err"; rc=$?
  if [ "$rc" -ne 2 ] || ! grep -q "^entente: --set: " "$TMP/err" || [ -e "$TMP/o" ]; then
    not_ok "run --set '$p' refused" "rc=$rc" "$(head -c 300 "$TMP/err")"
  else
    ok "run --set '$(printf %.40s "$p")' refused"
  fi
  printf 'scenario: %s\nsweep:\n  design: grid\n  parameters:\n    "%s": [0.1, 0.2]\n' "$HEDGE" "$p" >"$TMP/sw.yaml"
  for cmd in validate sweep; do
    if [ "$cmd" = sweep ]; then
      $T "$ENTENTE" sweep "$TMP/sw.yaml" --out "$TMP/o" >/dev/null 2>"$TMP/err"; rc=$?
    else
      $T "$ENTENTE" validate "$TMP/sw.yaml" >/dev/null 2>"$TMP/err"; rc=$?
    fi
    if [ "$rc" -ne 2 ] || ! grep -q "sw.yaml:5:5: error: unknown parameter" "$TMP/err" || [ -e "$TMP/o" ]; then
      not_ok "$cmd of a sweep over '$p' refused" "rc=$rc" "$(head -c 300 "$TMP/err")"
    else
      ok "$cmd of a sweep over '$(printf %.40s "$p")' refused"
    fi
  done
done
: | $T "$ENTENTE" play "$HEDGE" --as AUS --set patron.strategy.hedging.x=1 --out "$TMP/o" >/dev/null 2>"$TMP/err"
rc=$?
check "play --set of a missing strategy refused" [ "$rc" -eq 2 ]
check "play --set message" grep -q "no parameter 'patron.strategy.hedging.x'" "$TMP/err"
# a path that does resolve still works
"$ENTENTE" run "$HEDGE" --set allies.AUS.strategy.burden_sharing.speed=0.3 --quiet --out "$TMP/ok1"
check "a valid strategy path applies" [ -s "$TMP/ok1/trace.csv" ]

# ---- any number of --set ----------------------------------------------------
sets=""
i=0
while [ "$i" -lt 69 ]; do sets="$sets --set stages.burden_sharing.demand=0.02"; i=$((i + 1)); done
# shellcheck disable=SC2086
"$ENTENTE" run "$NATO" $sets --set no.such.path=1 --out "$TMP/o" >/dev/null 2>"$TMP/err"; rc=$?
check "the 70th --set is checked" [ "$rc" -eq 2 ]
check "the 70th --set is named" grep -q "no parameter 'no.such.path'" "$TMP/err"
# shellcheck disable=SC2086
"$ENTENTE" run "$NATO" $sets --set stages.burden_sharing.demand=0.05 --quiet --out "$TMP/s70"
"$ENTENTE" run "$NATO" --set stages.burden_sharing.demand=0.05 --quiet --out "$TMP/s1"
check "the 70th --set applies" cmp -s "$TMP/s70/trace.csv" "$TMP/s1/trace.csv"
"$ENTENTE" run "$NATO" --quiet --out "$TMP/s0"
check "and changes the run" sh -c "! cmp -s '$TMP/s0/trace.csv' '$TMP/s1/trace.csv'"

# ---- any number of files to validate -------------------------------------------
files=""
i=0
while [ "$i" -lt 300 ]; do files="$files $NATO"; i=$((i + 1)); done
# shellcheck disable=SC2086
"$ENTENTE" validate $files >"$TMP/out" 2>"$TMP/err"; rc=$?
check "validate takes 300 files" [ "$rc" -eq 0 ]
check "and checks each" [ "$(grep -c ': ok (' "$TMP/out")" -eq 300 ]
"$ENTENTE" validate -- $files "$TMP/none.yaml" >/dev/null 2>"$TMP/err"; rc=$?
check "a missing 301st file after -- is checked too" [ "$rc" -eq 2 ]
check "and named" grep -q "none.yaml: error: cannot open" "$TMP/err"

# ---- --rounds out of range: one message with the real limit -------------------
"$ENTENTE" run "$NATO" --rounds 10000000 --out "$TMP/o" 2>"$TMP/err"; rc=$?
check "--rounds too large exits 2" [ "$rc" -eq 2 ]
check "--rounds too large: one message" [ "$(cat "$TMP/err")" = \
  "entente run: option '--rounds' expects a whole number from 1 to 100000, got '10000000'" ]
"$ENTENTE" run "$NATO" --rounds 0 --out "$TMP/o" 2>"$TMP/err"
check "--rounds 0: the same message" [ "$(cat "$TMP/err")" = \
  "entente run: option '--rounds' expects a whole number from 1 to 100000, got '0'" ]
: | "$ENTENTE" play "$NATO" --as DEU --rounds 0 --out "$TMP/o" >/dev/null 2>"$TMP/err"; rc=$?
check "play --rounds 0 exits 2" [ "$rc" -eq 2 ]
check "play --rounds 0 is explained" [ "$(cat "$TMP/err")" = \
  "entente play: option '--rounds' expects a whole number from 1 to 1000, got '0'" ]

# ---- files that are not regular files ---------------------------------------
mkdir "$TMP/dir.yaml"
mkfifo "$TMP/fifo.yaml"
printf 'scenario: fifo.yaml\nsweep:\n  parameters: {discount: [0.9]}\n' >"$TMP/named_fifo.yaml"
for f in dir.yaml fifo.yaml; do
  case $f in dir.yaml) why="is a directory" ;; *) why="is not a regular file" ;; esac
  for cmd in validate run sweep tournament solve; do
    out="--out $TMP/o"
    case $cmd in validate|solve) out="" ;; esac
    # shellcheck disable=SC2086
    (cd "$TMP" && $T "$ENTENTE" $cmd "$f" $out >/dev/null 2>"$TMP/err"); rc=$?
    if [ "$rc" -ne 2 ] || ! grep -q "^$f: error: cannot read: $why\$" "$TMP/err"; then
      not_ok "$cmd $f refused" "rc=$rc" "$(head -c 300 "$TMP/err")"
    else
      ok "$cmd $f refused: $why"
    fi
  done
done
# solve looks for a game file's "game:" line before loading: a device, the
# terminal's input or a huge sparse file is refused at once, not read (3 GB,
# below the suite's limit on file sizes, took seconds to read through)
truncate -s 3G "$TMP/sparse.yaml"
QUICK="timeout 2"
[ -n "${ENTENTE_WRAPPER:-}" ] && QUICK=$T
for f in /dev/zero /dev/stdin "$TMP/sparse.yaml"; do
  case $f in *sparse.yaml) why="file is 3221225472 bytes; scenario files are limited to 4194304 bytes" ;;
                        *) why="error: cannot read: is not a regular file" ;; esac
  $QUICK "$ENTENTE" solve "$f" </dev/zero >/dev/null 2>"$TMP/err"; rc=$?
  if [ "$rc" -ne 2 ] || ! grep -q "$why\$" "$TMP/err"; then
    not_ok "solve $f refused" "rc=$rc" "$(head -c 300 "$TMP/err")"
  else
    ok "solve $f refused at once"
  fi
done
rm -f "$TMP/sparse.yaml"
(cd "$TMP" && $T "$ENTENTE" validate named_fifo.yaml >/dev/null 2>"$TMP/err"); rc=$?
check "a sweep naming a FIFO as its scenario exits 2" [ "$rc" -eq 2 ]
check "and says so" grep -q "fifo.yaml: error: cannot read: is not a regular file" "$TMP/err"

# ---- YAML built to be slow: a hang guard, not a timing ------------------------
# 100,000 nested flow lists (libyaml's loader is quadratic in this depth)
awk 'BEGIN { printf "name: deep\nstages: "; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; printf "\n" }' >"$TMP/deep.yaml"
printf 'name: g\ngame: %s\n' "$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{a: "; for (i = 0; i < 100000; i++) printf "}" }')" >"$TMP/deep_game.yaml"
printf 'scenario: deep.yaml\nsweep: %s\n' "$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }')" >"$TMP/deep_sweep.yaml"
# each by the reader of its kind: a game file by `tournament`, a sweep by `sweep`
for f in deep.yaml deep_game.yaml deep_sweep.yaml; do
  case $f in deep_game.yaml) reader=tournament ;; deep_sweep.yaml) reader=sweep ;; *) reader=run ;; esac
  for cmd in validate $reader; do
    out="--out $TMP/o"
    [ "$cmd" = validate ] && out=""
    # shellcheck disable=SC2086
    (cd "$TMP" && $T "$ENTENTE" $cmd "$f" $out >/dev/null 2>"$TMP/err"); rc=$?
    check "$cmd $f: exit 2" [ "$rc" -eq 2 ]
    check "$cmd $f: nesting refused" grep -q "^$f:2:[0-9]*: error: lists and mappings are nested more than 64 deep" "$TMP/err"
  done
done
# the root mapping and 63 lists are 64 levels, refused for other reasons; 64 lists are not
for n in 63 64; do
  awk -v n=$n 'BEGIN { printf "name: deep\nstages: "; for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"; printf "\n" }' >"$TMP/deep$n.yaml"
done
(cd "$TMP" && "$ENTENTE" validate deep63.yaml 2>"$TMP/err")
check "64 levels are allowed" sh -c "! grep -q 'nested more than' '$TMP/err'"
(cd "$TMP" && "$ENTENTE" validate deep64.yaml 2>"$TMP/err")
check "65 levels are refused at the 65th" [ "$(cat "$TMP/err")" = "deep64.yaml:2:72: error: lists and mappings are nested more than 64 deep" ]

# 160,000 keys: duplicates and unknown keys, in a scenario and in a sweep section
awk 'BEGIN { printf "name: keys\nstages: [burden_sharing]\n"; for (i = 0; i < 160000; i++) printf "rounds: %d\n", i + 1 }' >"$TMP/dups.yaml"
awk 'BEGIN { printf "name: keys\nstages: [burden_sharing]\n"; for (i = 0; i < 160000; i++) printf "k%d: 1\n", i }' >"$TMP/keys.yaml"
awk -v s="$ROOT/tests/fixtures/sweep_small.yaml" 'BEGIN { printf "scenario: %s\nsweep:\n  parameters:\n", s; for (i = 0; i < 160000; i++) printf "    p%d: 1\n", i }' >"$TMP/params.yaml"
awk -v s="$ROOT/tests/fixtures/sweep_small.yaml" 'BEGIN { printf "scenario: %s\nsweep:\n  parameters:\n", s; for (i = 0; i < 160000; i++) printf "    discount: 0.9\n" }' >"$TMP/dup_params.yaml"
for f in dups.yaml keys.yaml params.yaml dup_params.yaml; do
  (cd "$TMP" && $T "$ENTENTE" validate "$f" >/dev/null 2>"$TMP/err"); rc=$?
  check "validate $f: exit 2" [ "$rc" -eq 2 ]
  case $f in
    dups.yaml) msg="dups.yaml:4:1: error: duplicate key 'rounds' in the scenario (first given at line 3)" ;;
    keys.yaml) msg="keys.yaml:3:1: error: unknown key 'k0' in the scenario" ;;
    params.yaml) msg="params.yaml:4:5: error: unknown parameter 'p0'" ;;
    *) msg="dup_params.yaml:5:5: error: duplicate key 'discount' in 'parameters' (first given at line 4)" ;;
  esac
  check "validate $f: first error" grep -q "^$msg" "$TMP/err"
  # one error per key (160,000 unknown, or 159,999 repeated), no more; 20
  # are shown; the scenarios also lack 'patron' and 'allies'
  case $f in
    dups.yaml) more=159981 ;;
    keys.yaml) more=159982 ;;
    params.yaml) more=159980 ;;
    *) more=159979 ;;
  esac
  check "validate $f: every key once" grep -q "^$f: $more more errors not shown" "$TMP/err"
done

# ---- aliases and the belief network: bounded however the file is built -------
# a scalar of 100,000 bytes repeated 5,000 times through aliases (500 MB)
awk 'BEGIN { printf "name: laughs\nstages: [burden_sharing]\npatron: {code: USA, gdp: 100, defence_share: 0.03}\n";
  printf "allies: [{code: DEU, gdp: 40, defence_share: 0.02}]\ndescription: &a \"";
  for (i = 0; i < 100000; i++) printf "x"; printf "\"\nreferences: [*a";
  for (i = 1; i < 5000; i++) printf ", *a"; printf "]\n" }' >"$TMP/laughs.yaml"
for cmd in validate run; do
  out="--out $TMP/o"
  [ "$cmd" = validate ] && out=""
  # shellcheck disable=SC2086
  (cd "$TMP" && $T "$ENTENTE" $cmd laughs.yaml $out >/dev/null 2>"$TMP/err"); rc=$?
  check "$cmd: aliases repeating 500 MB exit 2" [ "$rc" -eq 2 ]
  check "$cmd: refused at the alias past the limit" [ "$(cat "$TMP/err")" = \
    "laughs.yaml:6:178: error: alias '*a' makes aliases repeat more than 4194304 bytes in all, the limit of a document" ]
  check "$cmd: nothing written" [ ! -e "$TMP/o" ]
done
# one ally watching 56,000 codes that are not there, among 255 allies: each
# unknown code is compared with every agent's only for the 20 errors shown
awk 'BEGIN { printf "name: w\nstages: [burden_sharing, exit_leverage, beliefs, diffusion]\n";
  printf "patron: {code: USA, gdp: 100, defence_share: 0.03}\nallies:\n";
  for (i = 0; i < 254; i++) printf "  - {code: ALLYXXXXXXXX%03d, gdp: 10, defence_share: 0.02}\n", i;
  printf "  - code: LAST\n    gdp: 10\n    defence_share: 0.02\n    watches:\n";
  for (i = 0; i < 56000; i++) printf "      %064d: 1\n", i }' >"$TMP/watch.yaml"
(cd "$TMP" && $T "$ENTENTE" validate watch.yaml >/dev/null 2>"$TMP/err"); rc=$?
check "56,000 unknown codes in 'watches': exit 2 (not a hang)" [ "$rc" -eq 2 ]
check "and each counted" grep -q "^watch.yaml: 55980 more errors not shown$" "$TMP/err"

# ---- whole numbers: exact, with the syntax of every file --------------------
# 2^53 + 1, which a double would round to 2^53, is the seed as --seed gives it
sed 's/^seed: .*//' "$NATO" | awk 'NR == 1 { print "seed: 9007199254740993" } { print }' >"$TMP/seed.yaml"
"$ENTENTE" run "$TMP/seed.yaml" --quiet --out "$TMP/seed_file"
"$ENTENTE" run "$NATO" --seed 9007199254740993 --quiet --out "$TMP/seed_opt"
check "a seed of 2^53 + 1 is read exactly" grep -q '"seed": 9007199254740993,' "$TMP/seed_file/manifest.json"
check "and runs as --seed 2^53 + 1" cmp -s "$TMP/seed_file/trace.csv" "$TMP/seed_opt/trace.csv"
for v in ' 5' '5 ' 0x5; do
  for o in seed rounds; do
    "$ENTENTE" run "$NATO" --$o "$v" --quiet --out "$TMP/o" 2>"$TMP/err"; rc=$?
    check "--$o '$v' refused" [ "$rc" -eq 2 ]
    check "--$o '$v': nothing written" [ ! -e "$TMP/o" ]
    check "--$o '$v' says so" grep -q "^entente run: option '--$o' expects a whole number from [01] to [0-9]*, got '$v'$" "$TMP/err"
  done
done
"$ENTENTE" run "$NATO" --rounds +5 --quiet --out "$TMP/plus"; rc=$?
"$ENTENTE" run "$NATO" --rounds 5 --quiet --out "$TMP/five"
check "--rounds +5 is taken, as in a file" [ "$rc" -eq 0 ]
check "--rounds +5 is 5" cmp -s "$TMP/plus/trace.csv" "$TMP/five/trace.csv"

# ---- option values ----------------------------------------------------------
(cd "$TMP" && "$ENTENTE" run "$NATO" --out --quiet >/dev/null 2>"$TMP/err"); rc=$?
check "--out --quiet: exit 2" [ "$rc" -eq 2 ]
check "--out --quiet: no folder '--quiet'" [ ! -e "$TMP/--quiet" ]
check "--out --quiet: the value is missing" grep -q "^entente run: option '--out' needs a value, got the option '--quiet'" "$TMP/err"
(cd "$TMP" && "$ENTENTE" run "$NATO" --rounds --out o >/dev/null 2>"$TMP/err"); rc=$?
check "--rounds --out o: exit 2" [ "$rc" -eq 2 ]
check "--rounds --out o: nothing written" [ ! -e "$TMP/o" ]
check "--rounds --out o: --rounds needs a value" grep -q "^entente run: option '--rounds' needs a value, got the option '--out'" "$TMP/err"
(cd "$TMP" && "$ENTENTE" run "$NATO" --quiet --out=--x >/dev/null 2>&1); rc=$?
check "--out=--x runs" [ "$rc" -eq 0 ]
check "--out=--x names the folder '--x'" [ -f "$TMP/--x/manifest.json" ]
# a folder name the system refuses: refused before anything is made
long=$(awk 'BEGIN { for (i = 0; i < 2100; i++) printf "b/" }')
(cd "$TMP" && "$ENTENTE" run "$NATO" --quiet --out "$long" >/dev/null 2>"$TMP/err"); rc=$?
check "--out of 4200 bytes: exit 2" [ "$rc" -eq 2 ]
check "--out of 4200 bytes: no folder made" [ ! -e "$TMP/b" ]
check "--out of 4200 bytes: says so" grep -q "^entente run: the result folder's name is too long: 4200 bytes" "$TMP/err"

# ---- parameters checked together, after --set too ---------------------------
cat >"$TMP/rec.yaml" <<'EOS'
name: rec
rounds: 3
stages:
  - burden_sharing
  - {stage: matrix, game: prisoners_dilemma, R: 4}
patron: {code: USA, gdp: 100, defence_share: 0.03}
allies:
  - {code: DEU, gdp: 40, defence_share: 0.02, strategies: {burden_sharing: {name: reciprocal, min: 0.01, max: 0.5}}}
EOS
"$ENTENTE" run "$TMP/rec.yaml" --set allies.DEU.strategy.burden_sharing.min=0.9 --quiet --out "$TMP/o" 2>"$TMP/err"; rc=$?
check "--set min above max: exit 2" [ "$rc" -eq 2 ]
check "--set min above max: nothing written" [ ! -e "$TMP/o" ]
check "--set min above max: says so" [ "$(cat "$TMP/err")" = \
  "entente: --set: allies.DEU.strategy.burden_sharing: 'min' (0.9) must not be above 'max' (0.5)" ]
"$ENTENTE" run "$TMP/rec.yaml" --set allies.DEU.strategy.burden_sharing.min=0.9 \
  --set allies.DEU.strategy.burden_sharing.max=0.95 --quiet --out "$TMP/o_both"; rc=$?
check "--set of both ends, in either order: runs" [ "$rc" -eq 0 ]
"$ENTENTE" run "$TMP/rec.yaml" --set stages.matrix.game=battle_of_the_sexes --quiet --out "$TMP/o2" 2>"$TMP/err"; rc=$?
check "--set of a game R does not apply to: exit 2" [ "$rc" -eq 2 ]
check "--set of a game R does not apply to: nothing written" [ ! -e "$TMP/o2" ]
check "--set of a game R does not apply to: says so" grep -q "^entente: --set: stages.matrix: 'R' does not apply to the game 'battle_of_the_sexes'" "$TMP/err"

# ---- a scenario's sweep section is checked by every command that reads it ----
: | "$ENTENTE" play "$ROOT/tests/bad/sweep_section.yaml" --as DEU --out "$TMP/o_play" >/dev/null 2>"$TMP/err"; rc=$?
check "play: a bad sweep section exits 2" [ "$rc" -eq 2 ]
check "play: nothing written" [ ! -e "$TMP/o_play" ]
check "play: and is named" grep -q "sweep_section.yaml:10:3: error: unknown key 'pointz' in 'sweep'" "$TMP/err"
"$ENTENTE" solve "$ROOT/tests/bad/sweep_section.yaml" >"$TMP/out" 2>"$TMP/err"; rc=$?
check "solve: a bad sweep section exits 2" [ "$rc" -eq 2 ]
check "solve: prints nothing" [ ! -s "$TMP/out" ]
check "solve: and is named" grep -q "sweep_section.yaml:10:3: error: unknown key 'pointz' in 'sweep'" "$TMP/err"

# ---- distributions: parameters that hang GSL or give NaN are refused -----------
SMALL="$ROOT/tests/fixtures/sweep_small.yaml"
cat >"$TMP/dist.yaml" <<EOS
scenario: $SMALL
sweep:
  design: lhs
  points: 10
  parameters:
    allies.DEU.threat: {distribution: beta, alpha: 1e300, beta: 1e300}
    allies.ITA.threat: {distribution: beta, alpha: 1e-300, beta: 1e-300}
    stages.burden_sharing.demand: {distribution: truncated_normal, mean: 0, sd: 1e-300, min: 0, max: 0.1}
    patron.gdp: {distribution: lognormal, meanlog: 1000, sdlog: 1}
    allies.POL.gdp: {distribution: normal, mean: 500, sd: 1e300}
    allies.DEU.gdp: {distribution: triangular, min: 1, mode: 1e300, max: 2}
EOS
cat >"$TMP/dist.err" <<'EOS'
dist.yaml:6:24: error: beta distribution of 'allies.DEU.threat': 'alpha' and 'beta' must be between 0.001 and 10000
dist.yaml:7:24: error: beta distribution of 'allies.ITA.threat': 'alpha' and 'beta' must be between 0.001 and 10000
dist.yaml:8:35: error: truncated_normal distribution of 'stages.burden_sharing.demand': 'sd' must be between 1e-12 and 1e12
dist.yaml:9:17: error: lognormal distribution of 'patron.gdp': 'meanlog' must be between -100 and 100
dist.yaml:10:21: error: normal distribution of 'allies.POL.gdp': 'sd' must be between 1e-12 and 1e12
dist.yaml:11:21: error: triangular distribution of 'allies.DEU.gdp': 'mode' must lie between 'min' and 'max'
EOS
for cmd in validate sweep; do
  out="--out $TMP/o"
  [ "$cmd" = validate ] && out=""
  # shellcheck disable=SC2086
  (cd "$TMP" && $T "$ENTENTE" $cmd dist.yaml $out >/dev/null 2>"$TMP/err"); rc=$?
  check "$cmd: bad distributions exit 2" [ "$rc" -eq 2 ]
  check "$cmd: each bad distribution named" cmp -s "$TMP/err" "$TMP/dist.err"
done
# shapes and tails that once gave NaN or values out of bounds now give numbers
cat >"$TMP/tails.yaml" <<EOS
scenario: $SMALL
sweep:
  design: lhs
  points: 40
  parameters:
    allies.DEU.threat: {distribution: beta, alpha: 0.001, beta: 0.001}
    allies.ITA.threat: {distribution: beta, alpha: 0.01, beta: 10000}
    allies.POL.threat: {distribution: truncated_normal, mean: 0, sd: 0.01, min: 0.3, max: 0.31}
EOS
(cd "$TMP" && $T "$ENTENTE" sweep tails.yaml --out "$TMP/tails" --quiet >/dev/null 2>"$TMP/err"); rc=$?
check "extreme shapes and far tails sweep" [ "$rc" -eq 0 ]
check "with no NaN in the runs" sh -c "! grep -qi 'nan' '$TMP/tails/runs.csv'"
check "far-tail values within their bounds" awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "allies.POL.threat") c = i; next }
  c && ($c < 0.3 || $c > 0.31) { bad = 1 } END { exit bad || !c }' "$TMP/tails/runs.csv"

# ---- defence_share 1 with no alpha: alpha calibrated (capped), payoffs numbers --
awk '/^sweep:/ { exit } { sub(/defence_share: 0.034/, "defence_share: 1"); print }' "$SMALL" >"$TMP/all_in.yaml"
check "the patron spends all of its GDP" grep -q '^  defence_share: 1$' "$TMP/all_in.yaml"
"$ENTENTE" run "$TMP/all_in.yaml" --out "$TMP/all_in" --quiet; rc=$?
check "defence_share 1 runs" [ "$rc" -eq 0 ]
check "with a security weight and payoffs for every agent" awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
  { if ($c["security_weight"] == "NA" || $c["payoff"] == "NA" || $c["cum_payoff"] == "NA" || tolower($0) ~ /nan/) bad = 1 }
  $2 == "USA" && $c["security_weight"] != 0.999 { bad = 1 }
  END { exit bad }' "$TMP/all_in/trace.csv"

finish
