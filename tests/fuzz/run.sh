#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make fuzz: seed every target's corpus (the shipped files of seeds.sh, and
# the files of a small run and sweep), then run each target in turn for
# SECONDS under libFuzzer. Crashes, leaks and hangs are written to
# FUZZ_BUILD/artifacts/TARGET/; exits non-zero if any target found one.
# usage: sh tests/fuzz/run.sh FUZZ_BUILD SECONDS "TARGETS" ENTENTE
set -u
B=$1 SECONDS_EACH=$2 TARGETS=$3 ENTENTE=$4
export ENTENTE_ROOT="$PWD"
gen="$B/generated"
rm -rf "$gen" && mkdir -p "$gen"

# result files of a small run and sweeps, for the readers of plot, sensitivity and --resume
"$ENTENTE" run scenarios/nato_burden_sharing.yaml --rounds 4 --out "$gen/run" --quiet >/dev/null 2>&1
"$ENTENTE" sweep tests/fixtures/sweep_small.yaml --replicates 2 --out "$gen/sweep" --quiet >/dev/null 2>&1
sed '/^sweep:/,$d' tests/fixtures/sweep_small.yaml > "$gen/salt.yaml"
cat >> "$gen/salt.yaml" <<'YAML'
sweep:
  design: saltelli
  points: 2
  replicates: 1
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.03, max: 0.06}
YAML
"$ENTENTE" sweep "$gen/salt.yaml" --out "$gen/salt" --runs-csv none --quiet >/dev/null 2>&1
[ -f "$gen/salt/manifest.json" ] && [ -f "$gen/run/trace.csv" ] && [ -f "$gen/sweep/runs.csv" ] || {
  echo "fuzz: cannot make the generated seeds with $ENTENTE" >&2; exit 2; }

status=0
for t in $TARGETS; do
  seeds="$B/seeds/$t" corpus="$B/corpus/$t" art="$B/artifacts/$t"
  rm -rf "$seeds" && mkdir -p "$seeds" "$corpus" "$art"
  for f in $(sh tests/fuzz/seeds.sh "$t"); do
    cp "$f" "$seeds/$(echo "$f" | tr / _)"
  done
  for f in tests/fuzz/regressions/"$t"/*; do
    [ -f "$f" ] && cp "$f" "$seeds/regression_$(basename "$f")"
  done
  case $t in
    scenario|game|sweep) max=32768 ;;
    set) max=1024 ;;
    *) max=65536 ;;
  esac
  case $t in
    sweep) cp "$gen/salt.yaml" "$seeds/generated_salt.yaml" ;;
    plot) for f in "$gen"/run/*.csv "$gen"/run/*.json "$gen"/sweep/*.csv "$gen"/sweep/*.json; do
            cp "$f" "$seeds/generated_$(basename "$(dirname "$f")")_$(basename "$f")"; done ;;
    manifest)
      { cat "$gen/salt/manifest.json"; printf '====\n'; cat "$gen/salt/summary.csv"; } > "$seeds/generated_saltelli"
      { cat "$gen/sweep/manifest.json"; printf '====\n'; head -40 "$gen/sweep/summary.csv"; } > "$seeds/generated_grid" ;;
  esac
  echo "fuzz: $t for ${SECONDS_EACH}s ($(ls "$seeds" | wc -l) seeds)"
  "$B/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=$max \
    -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$art/" "$corpus" "$seeds" > "$B/fuzz_$t.log" 2>&1
  rc=$?
  grep -E '^stat::number_of_executed_units|^stat::new_units_added|Done [0-9]+ runs' "$B/fuzz_$t.log" | sed "s/^/  $t: /"
  if [ "$rc" -ne 0 ]; then
    echo "fuzz: $t FAILED (exit $rc); see $B/fuzz_$t.log and $art/" >&2
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$B/fuzz_$t.log" | head -8 >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "fuzz: no crash, leak or hang in: $TARGETS"
exit "$status"
