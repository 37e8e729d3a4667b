# SPDX-License-Identifier: GPL-3.0-or-later
# The program end to end: help, version, list, validate, run, outputs,
# reproducibility and option errors.
. "$(dirname "$0")/lib.sh"

NATO="$ROOT/scenarios/nato_burden_sharing.yaml"

# version and help
check "version" [ "$("$ENTENTE" --version)" = "entente $(cat "$ROOT/engine/VERSION")" ]
"$ENTENTE" help >"$TMP/help" 2>&1
check "help lists run" grep -q '^  run ' "$TMP/help"
check "help lists validate" grep -q '^  validate ' "$TMP/help"
check "help lists list" grep -q '^  list ' "$TMP/help"
check "help run" sh -c "'$ENTENTE' help run | grep -q 'usage: entente run FILE'"
check "run --help" sh -c "'$ENTENTE' run --help | grep -q -- '--seed N'"
"$ENTENTE" frobnicate 2>"$TMP/err"; rc=$?
check "unknown command exits 2" [ "$rc" -eq 2 ]
"$ENTENTE" rnu 2>"$TMP/err"
check "unknown command suggests" grep -q "did you mean 'run'" "$TMP/err"
"$ENTENTE" run "$NATO" --sed 3 --out "$TMP/x" 2>"$TMP/err"; rc=$?
check "unknown option exits 2" [ "$rc" -eq 2 ]
check "unknown option suggests" grep -q "unknown option '--sed'; did you mean '--seed'?" "$TMP/err"
check "unknown option writes nothing" [ ! -e "$TMP/x" ]
"$ENTENTE" run "$NATO" --seed abc --out "$TMP/x" 2>"$TMP/err"; rc=$?
check "bad --seed exits 2" [ "$rc" -eq 2 ]
"$ENTENTE" run "$NATO" --rounds 0 --out "$TMP/x" 2>"$TMP/err"; rc=$?
check "--rounds 0 exits 2" [ "$rc" -eq 2 ]
"$ENTENTE" run 2>"$TMP/err"; rc=$?
check "run without file exits 2" [ "$rc" -eq 2 ]

# list
"$ENTENTE" list >"$TMP/list"
check "list shows the stage" grep -q '^  burden_sharing:' "$TMP/list"
for s in nash comply fixed free_ride reciprocal reinforcement; do
  check "list shows strategy $s" grep -q "burden_sharing *$s " "$TMP/list"
done
check "list shows fields" grep -q '^  defence_share' "$TMP/list"
(cd "$ROOT" && "$ENTENTE" list scenarios) >"$TMP/scen"
check "list shows the NATO scenario" grep -q 'nato_burden_sharing.yaml' "$TMP/scen"
"$ENTENTE" list bogus 2>/dev/null; rc=$?
check "list bogus exits 2" [ "$rc" -eq 2 ]

# validate every shipped scenario
for f in "$ROOT"/scenarios/*.yaml "$ROOT"/scenarios/*/*.yaml; do
  [ -f "$f" ] || continue
  check "validate $(basename "$f")" "$ENTENTE" validate --quiet "$f"
done

# run: the four outputs, complete and atomic
OUT="$TMP/nato"
"$ENTENTE" run "$NATO" --out "$OUT" >"$TMP/stdout"; rc=$?
check "run exits 0" [ "$rc" -eq 0 ]
for f in trace.csv outcomes.csv events.csv manifest.json; do
  check "run writes $f" [ -s "$OUT/$f" ]
done
check "no temporary files left" [ -z "$(ls -A "$OUT" | grep tmp)" ]
agents=$(grep -c 'code:' "$NATO")
rounds=$(sed -n 's/^rounds: *\([0-9]*\).*/\1/p' "$NATO")
check "trace has rounds x agents rows" [ "$(($(wc -l < "$OUT/trace.csv") - 1))" -eq "$((agents * rounds))" ]
check "outcomes has one row per agent" [ "$(($(wc -l < "$OUT/outcomes.csv") - 1))" -eq "$agents" ]
head -1 "$OUT/trace.csv" | tr ',' '\n' >"$TMP/cols"
for c in round agent role contribution_share spending burden_share demand slack payoff cum_payoff; do
  check "trace column $c" grep -qx "$c" "$TMP/cols"
done
check "outcomes has exploitation_rho" sh -c "head -1 '$OUT/outcomes.csv' | grep -q exploitation_rho"
sha=$(sha256sum "$NATO" | cut -d' ' -f1)
check "manifest has the scenario SHA-256" grep -q "\"sha256\": \"$sha\"" "$OUT/manifest.json"
check "manifest has the seed" grep -q '"seed": 2025' "$OUT/manifest.json"
check "manifest has the wall time" grep -q '"wall_time_s": ' "$OUT/manifest.json"
check "manifest is valid JSON" python3 -c "import json,sys; json.load(open('$OUT/manifest.json'))"
check "stdout has the summary" grep -q 'exploitation (Spearman' "$TMP/stdout"
# every ally's demand is the stage's 2%
check "demand column is 0.02" sh -c "awk -F, 'NR>1 && \$3==\"ally\" && \$7!=0.02 {bad=1} END {exit bad}' '$OUT/trace.csv'"
# contribution_share * GDP = spending (units)
check "spending = share x GDP" sh -c "awk -F, 'NR>1 && \$2==\"DEU\" {d=\$5-\$4*4710; if (d>1e-6||d<-1e-6) bad=1} END {exit bad}' '$OUT/trace.csv'"

# reproducible: same seed, same bytes; --quiet prints nothing
"$ENTENTE" run "$NATO" --out "$TMP/nato2" --quiet >"$TMP/quiet"
check "--quiet prints nothing" [ ! -s "$TMP/quiet" ]
check "same seed gives identical trace" cmp -s "$OUT/trace.csv" "$TMP/nato2/trace.csv"
check "same seed gives identical outcomes" cmp -s "$OUT/outcomes.csv" "$TMP/nato2/outcomes.csv"

# a stochastic strategy: same seed identical, another seed different
cat >"$TMP/learn.yaml" <<'YAML'
name: learn
rounds: 40
seed: 11
stages: [burden_sharing]
patron: {code: USA, gdp: 100, defence_share: 0.03}
allies:
  - {code: A, gdp: 40, defence_share: 0.02, strategies: {burden_sharing: reinforcement}}
  - {code: B, gdp: 20, defence_share: 0.02, strategies: {burden_sharing: reinforcement}}
YAML
"$ENTENTE" run "$TMP/learn.yaml" --out "$TMP/l1" --quiet
"$ENTENTE" run "$TMP/learn.yaml" --out "$TMP/l2" --quiet
"$ENTENTE" run "$TMP/learn.yaml" --out "$TMP/l3" --quiet --seed 12
check "learning: same seed identical" cmp -s "$TMP/l1/trace.csv" "$TMP/l2/trace.csv"
check "learning: other seed differs" sh -c "! cmp -s '$TMP/l1/trace.csv' '$TMP/l3/trace.csv'"

# --rounds and --set
"$ENTENTE" run "$NATO" --out "$TMP/r3" --quiet --rounds 3
check "--rounds 3" [ "$(cut -d, -f1 "$TMP/r3/trace.csv" | sort -u | grep -c '^[0-9]')" -eq 3 ]
"$ENTENTE" run "$NATO" --out "$TMP/d35" --quiet --set stages.burden_sharing.demand=0.035
check "--set demand" sh -c "awk -F, 'NR>1 && \$3==\"ally\" && \$7!=0.035 {bad=1} END {exit bad}' '$TMP/d35/trace.csv'"
check "--set recorded in the manifest" grep -q 'stages.burden_sharing.demand=0.035' "$TMP/d35/manifest.json"
"$ENTENTE" run "$NATO" --out "$TMP/bad" --set stages.burden_sharing.dmand=0.1 2>"$TMP/err.unknown"; rc=$?
check "--set unknown path exits 2" [ "$rc" -eq 2 ]
check "--set unknown path writes nothing" [ ! -e "$TMP/bad" ]
"$ENTENTE" run "$NATO" --out "$TMP/bad" --set allies.DEU.defence_share=7 2>"$TMP/err"; rc=$?
check "--set out of range exits 2" [ "$rc" -eq 2 ]
check "--set out of range message" grep -q "^entente: --set: 'defence_share' must be between 0 and 1, got 7$" "$TMP/err"
check "--set unknown path suggests the nearest" grep -q "no parameter 'stages.burden_sharing.dmand' in .*; did you mean 'stages.burden_sharing.demand'?" "$TMP/err.unknown"

# a higher demand makes complying allies spend more (comparative static)
s2=$(awk -F, '$1=="EST" {print $5}' "$OUT/outcomes.csv")
s35=$(awk -F, '$1=="EST" {print $5}' "$TMP/d35/outcomes.csv")
check "higher demand, higher compliant share" awk -v a="$s2" -v b="$s35" 'BEGIN {exit !(b > a)}'

# --set takes a choice by name (or index)
KOR="$ROOT/scenarios/korea_sma.yaml"
"$ENTENTE" run "$KOR" --out "$TMP/enum" --quiet --set stages.bargaining.protocol=rubinstein
check "--set a choice by name" grep -q '"protocol": "rubinstein"' "$TMP/enum/manifest.json"
"$ENTENTE" run "$KOR" --out "$TMP/enum2" --quiet --set stages.bargaining.protocol=1
check "--set a choice by index" grep -q '"protocol": "nash"' "$TMP/enum2/manifest.json"
"$ENTENTE" run "$KOR" --out "$TMP/enum3" --set stages.bargaining.protocol=rubinsten 2>"$TMP/err"; rc=$?
check "--set an unknown choice exits 2" [ "$rc" -eq 2 ]
check "--set an unknown choice suggests the nearest" grep -q "'protocol' has no choice 'rubinsten'; did you mean 'rubinstein'?" "$TMP/err"
"$ENTENTE" run "$KOR" --out "$TMP/enum3" --set stages.bargaining.protocol=haggle 2>"$TMP/err"; rc=$?
check "--set a choice far from all lists them" grep -q "'protocol' has no choice 'haggle' (one of take_it_or_leave_it, nash, rubinstein)" "$TMP/err"
"$ENTENTE" run "$KOR" --out "$TMP/enum3" --set stages.bargaining.protocol=3 2>"$TMP/err"; rc=$?
check "--set a choice index past the last is refused" [ "$rc" -eq 2 ]

finish
