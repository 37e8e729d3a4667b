#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente sweep and entente sensitivity: identical files for any thread
# count, kill -9 and Ctrl-C then --resume, FILE:LINE:COL errors for bad sweep
# sections, separate sweep files, and Sobol indices with known answers.
. "$(dirname "$0")/lib.sh"

FIX="$ROOT/tests/fixtures/sweep_small.yaml"

# A copy of the fixture whose runs end at random (so replicates differ),
# with a Latin-hypercube sweep over a distribution and a value list.
sed -e 's/^discount: 0.9$/discount: 0.9\nrandom_end: true/' \
    -e '/^sweep:/,$d' "$FIX" > "$TMP/random.yaml"
cat >> "$TMP/random.yaml" <<'EOF'
sweep:
  design: lhs
  points: 40
  replicates: 25
  seed: 5
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.015, max: 0.045}
    allies.DEU.threat: {distribution: truncated_normal, mean: 0.5, sd: 0.3, min: 0, max: 1}
    allies.ITA.threat: [0.1, 0.5, 0.9]
EOF

# ---- threads ------------------------------------------------------------------
for t in 1 2 4; do
  "$ENTENTE" sweep "$TMP/random.yaml" --threads $t --out "$TMP/t$t" --quiet
done
check "threads: 1 and 2 give the same runs.csv" cmp -s "$TMP/t1/runs.csv" "$TMP/t2/runs.csv"
check "threads: 1 and 4 give the same runs.csv" cmp -s "$TMP/t1/runs.csv" "$TMP/t4/runs.csv"
check "threads: 1 and 2 give the same summary.csv" cmp -s "$TMP/t1/summary.csv" "$TMP/t2/summary.csv"
check "threads: 1 and 4 give the same summary.csv" cmp -s "$TMP/t1/summary.csv" "$TMP/t4/summary.csv"
check "runs.csv has one row per run (40 x 25)" [ "$(($(wc -l < "$TMP/t1/runs.csv") - 1))" -eq 1000 ]
head -1 "$TMP/t1/runs.csv" | grep -q '^point,replicate,stages.burden_sharing.demand,allies.DEU.threat,allies.ITA.threat,.*,final_share.DEU,'
check "runs.csv header: point, replicate, parameters, outcomes by agent" [ $? -eq 0 ]
check "summary.csv header" [ "$(head -1 "$TMP/t1/summary.csv")" = \
  "point,stages.burden_sharing.demand,allies.DEU.threat,allies.ITA.threat,outcome,n,mean,sd,ci_low,ci_high,median,q05,q95" ]
# replicates differ (random ending), and the summary's mean is the mean of the runs
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rounds_played") c = i; next }
         $1 == 3 { s += $c; n++; if ($c != first && n > 1) d = 1; if (n == 1) first = $c }
         END { printf "%d %.10f\n", d, s / n }' "$TMP/t1/runs.csv" > "$TMP/m_runs"
awk -F, '$1 == 3 && $5 == "rounds_played" { printf "%.10f\n", $7 }' "$TMP/t1/summary.csv" > "$TMP/m_summ"
check "replicates of a point differ" [ "$(cut -d' ' -f1 "$TMP/m_runs")" = 1 ]
check "summary mean equals the mean of the runs" [ "$(cut -d' ' -f2 "$TMP/m_runs")" = "$(cat "$TMP/m_summ")" ]
# LHS: one demand per stratum of width 0.03/40
awk -F, 'NR > 1 && $2 == 0 { s = int(($3 - 0.015) / 0.00075); if (s in seen) bad = 1; seen[s] = 1; n++ }
         END { exit !(n == 40 && !bad) }' "$TMP/t1/runs.csv"
check "lhs: one point in each of the 40 demand strata" [ $? -eq 0 ]
grep -q '"design": "lhs"' "$TMP/t1/manifest.json" && grep -q '"runs": 1000' "$TMP/t1/manifest.json" &&
  grep -q '"threads": 4' "$TMP/t4/timing.json" && grep -q '"sha256": "[0-9a-f]\{64\}"' "$TMP/t1/manifest.json"
check "manifest: design, runs, digest; timing.json: threads" [ $? -eq 0 ]
check "threads: 1 and 4 give the same manifest.json" cmp -s "$TMP/t1/manifest.json" "$TMP/t4/manifest.json"
check "timing.json: wall time and speed" grep -q '"wall_time_s": .*' "$TMP/t1/timing.json"
check "no partial files after success" [ ! -e "$TMP/t1.partial" -a ! -e "$TMP/t1/sweep.checkpoint" -a ! -e "$TMP/.t1.lock" ]

# a point of one replicate: its run's value is the mean, median, q05 and
# q95 alike, and sd and the interval are NA
"$ENTENTE" sweep "$TMP/random.yaml" --replicates 1 --threads 2 --out "$TMP/one" --quiet
awk -F, 'NR > 1 { rows++; if ($6 == 1 && !($7 == $11 && $7 == $12 && $7 == $13 && $8 == "NA" && $9 == "NA")) bad++ }
         END { exit !(rows > 0 && bad == 0) }' "$TMP/one/summary.csv"
check "one replicate: mean = median = q05 = q95, sd and CI NA" [ $? -eq 0 ]
# (its summary takes the values' texts from the run's row: the same bytes as
# formatting them, without runs.csv or with run-level columns only)
"$ENTENTE" sweep "$TMP/random.yaml" --replicates 1 --threads 2 --runs-csv none --out "$TMP/one_none" --quiet
"$ENTENTE" sweep "$TMP/random.yaml" --replicates 1 --threads 2 --runs-csv run --out "$TMP/one_run" --quiet
check "one replicate: summary.csv the same with --runs-csv none" cmp -s "$TMP/one/summary.csv" "$TMP/one_none/summary.csv"
check "one replicate: summary.csv the same with --runs-csv run" cmp -s "$TMP/one/summary.csv" "$TMP/one_run/summary.csv"

# With one replicate a point, a design by unit points (lhs, sobol, saltelli)
# has each run's player turn its unit point into values; with more, the
# writer does it. Runs are functions of (seed, point, replicate): the rows
# of replicate 0, values and outcomes, are the same either way.
for design in lhs sobol saltelli; do
  sed "s/design: grid/design: $design\n  points: 24/" "$FIX" |
    sed 's/stages.burden_sharing.demand: {from: 0.02, to: 0.035, step: 0.005}/stages.burden_sharing.demand: {distribution: triangular, min: 0.01, mode: 0.02, max: 0.05}/; s/allies.DEU.threat: \[0.2, 0.8\]/allies.DEU.threat: {distribution: beta, alpha: 2, beta: 3}/' > "$TMP/late_$design.yaml"
  "$ENTENTE" sweep "$TMP/late_$design.yaml" --replicates 1 --threads 2 --out "$TMP/late1_$design" --quiet &&
    "$ENTENTE" sweep "$TMP/late_$design.yaml" --replicates 2 --threads 2 --out "$TMP/late2_$design" --quiet
  check "$design: sweeps of one and two replicates exit 0" [ $? -eq 0 ]
  awk -F, 'NR > 1 && $2 == 0' "$TMP/late1_$design/runs.csv" > "$TMP/late1_rows"
  awk -F, 'NR > 1 && $2 == 0' "$TMP/late2_$design/runs.csv" > "$TMP/late2_rows"
  check "$design, one replicate: the rows of replicate 0 those of two replicates" \
    eval '[ "$(wc -l < "$TMP/late1_rows")" -ge 24 ] && cmp -s "$TMP/late1_rows" "$TMP/late2_rows"'
done

# ---- direct I/O --------------------------------------------------------------------
# a runs.csv of several 4 MB pieces, written directly where the file system
# takes it: the same bytes as through the page cache (--direct-io no)
"$ENTENTE" sweep "$TMP/random.yaml" --points 400 --threads 2 --out "$TMP/dio" --quiet
"$ENTENTE" sweep "$TMP/random.yaml" --points 400 --threads 2 --direct-io no --out "$TMP/bio" --quiet
check "direct I/O: runs.csv of more than one piece" [ "$(wc -c < "$TMP/dio/runs.csv")" -gt 4200000 ]
check "direct I/O: the same runs.csv as --direct-io no" cmp -s "$TMP/dio/runs.csv" "$TMP/bio/runs.csv"
check "direct I/O: the same summary.csv as --direct-io no" cmp -s "$TMP/dio/summary.csv" "$TMP/bio/summary.csv"
check "timing.json: direct_io false with --direct-io no" grep -q '"direct_io": false' "$TMP/bio/timing.json"
"$ENTENTE" sweep "$TMP/random.yaml" --direct-io maybe --out "$TMP/dio_bad" --quiet 2> "$TMP/dio.err"
rc=$?
grep -q "expects yes or no" "$TMP/dio.err"
check "--direct-io maybe: refused with status 2, naming the values" [ $rc -eq 2 -a $? -eq 0 ]

# ---- runs reused ---------------------------------------------------------------------
# the shipped NATO scenario draws nothing: every replicate of a point after
# the first takes its outcomes; --reuse no plays them all, to the same bytes
"$ENTENTE" sweep "$ROOT/scenarios/nato_demand_sweep.yaml" --points 6 --replicates 40 --threads 2 \
  --out "$TMP/reuse_yes" --quiet
"$ENTENTE" sweep "$ROOT/scenarios/nato_demand_sweep.yaml" --points 6 --replicates 40 --threads 2 \
  --reuse no --out "$TMP/reuse_no" --quiet
reused() { sed -n 's/.*"runs_reused": \([0-9]*\).*/\1/p' "$1/timing.json"; }
check "reuse: the same runs.csv as --reuse no" cmp -s "$TMP/reuse_yes/runs.csv" "$TMP/reuse_no/runs.csv"
check "reuse: the same summary.csv as --reuse no" cmp -s "$TMP/reuse_yes/summary.csv" "$TMP/reuse_no/summary.csv"
check "reuse: the same manifest.json as --reuse no" cmp -s "$TMP/reuse_yes/manifest.json" "$TMP/reuse_no/manifest.json"
# each thread plays a point's run once at most
check "reuse: timing.json counts at least 240 - 12 runs reused" [ "$(reused "$TMP/reuse_yes")" -ge 228 ]
check "reuse: none with --reuse no" [ "$(reused "$TMP/reuse_no")" -eq 0 ]
"$ENTENTE" sweep "$ROOT/scenarios/nato_demand_sweep.yaml" --points 3 --replicates 10 --threads 1 \
  --out "$TMP/reuse_msg" > "$TMP/reuse.out"
check "reuse: the message says how many (27 of 30 on one thread)" grep -q "= 30 runs (27 reused) on 1 thread" "$TMP/reuse.out"

# Korea's ratification draws in the rounds: no run may be reused
"$ENTENTE" sweep "$ROOT/scenarios/korea_sma.yaml" --replicates 30 --threads 2 --out "$TMP/reuse_korea" --quiet
check "reuse: none where the rounds draw (Korea)" [ "$(reused "$TMP/reuse_korea")" -eq 0 ]
"$ENTENTE" sweep "$TMP/random.yaml" --reuse maybe --out "$TMP/reuse_bad" --quiet 2> "$TMP/reuse.err"
rc=$?
grep -q "expects yes or no" "$TMP/reuse.err"
check "--reuse maybe: refused with status 2, naming the values" [ $rc -eq 2 -a $? -eq 0 ]

# ---- a finished sweep stopped before it moved in ---------------------------------
# (its work folder holds the whole result, manifest last, and no checkpoint):
# --resume moves it in only when it is the sweep asked for
cp -R "$TMP/t1" "$TMP/ready.partial"
"$ENTENTE" sweep "$TMP/random.yaml" --replicates 26 --out "$TMP/ready" --resume 2> "$TMP/ready.err"
check "finished work folder of other settings: status 2" [ $? -eq 2 ]
check "  says why" grep -q "was made with other settings" "$TMP/ready.err"
check "  and moves nothing in" [ ! -e "$TMP/ready" -a -f "$TMP/ready.partial/manifest.json" ]
"$ENTENTE" sweep "$TMP/random.yaml" --out "$TMP/ready" --resume --quiet
check "finished work folder of the same settings: moved in" cmp -s "$TMP/t1/runs.csv" "$TMP/ready/runs.csv"
check "  and gone" [ ! -e "$TMP/ready.partial" ]

# ---- kill -9 and resume ----------------------------------------------------------
# long enough to be caught part way: 16000 runs of 200 rounds (no random
# ending), ITA learning by reinforcement (its draws make every run play
# whole: a deterministic round is replayed from the run before, too fast)
sed -e 's/^random_end: true$//' \
    -e 's/^\(  - {code: ITA, .*threat: 0.3\)}$/\1, strategies: {burden_sharing: reinforcement}}/' \
    "$TMP/random.yaml" > "$TMP/long.yaml"
grep -q 'ITA.*reinforcement' "$TMP/long.yaml" || not_ok "long.yaml: ITA learns by reinforcement"
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --threads 2 --out "$TMP/whole" --quiet
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --threads 2 --out "$TMP/killed" --quiet &
pid=$!
i=0
while [ $i -lt 200 ]; do
  if [ -f "$TMP/killed.partial/sweep.checkpoint" ] && ! grep -q '^runs_done 0$' "$TMP/killed.partial/sweep.checkpoint"; then break; fi
  sleep 0.05; i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
killed_early=no
[ -f "$TMP/killed/runs.csv" ] || killed_early=yes
check "kill -9: caught part way (no runs.csv yet)" [ $killed_early = yes ]
check "kill -9: partial files kept" [ -f "$TMP/killed.partial/runs.csv" ]
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --threads 1 --out "$TMP/killed" --resume --quiet
check "resume after kill -9 succeeds" [ $? -eq 0 ]
check "resume after kill -9: same runs.csv" cmp -s "$TMP/whole/runs.csv" "$TMP/killed/runs.csv"
check "resume after kill -9: same summary.csv" cmp -s "$TMP/whole/summary.csv" "$TMP/killed/summary.csv"
check "resume after kill -9: same manifest.json" cmp -s "$TMP/whole/manifest.json" "$TMP/killed/manifest.json"
grep -q '"resumed": true' "$TMP/killed/timing.json"
check "timing.json says resumed" [ $? -eq 0 ]

# ---- Ctrl-C ------------------------------------------------------------------------
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --threads 2 --out "$TMP/int" --quiet 2> "$TMP/int.err" &
pid=$!
i=0
while [ $i -lt 200 ]; do
  if [ -f "$TMP/int.partial/sweep.checkpoint" ] && ! grep -q '^runs_done 0$' "$TMP/int.partial/sweep.checkpoint"; then break; fi
  sleep 0.05; i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
check "Ctrl-C: exit status 130" [ $rc -eq 130 ]
check "Ctrl-C: says how to resume" grep -q -- "--resume" "$TMP/int.err"
check "Ctrl-C: partial runs kept" [ -s "$TMP/int.partial/runs.csv" ]
# the hint is followed exactly as printed: it keeps every option that shapes
# the sweep (here --rounds and --replicates)
hint=$(sed -n 's/^Continue with: entente //p' "$TMP/int.err")
check "Ctrl-C: the hint keeps --rounds, --replicates and --out" \
  sh -c "echo '$hint' | grep -q -- '--rounds 200' && echo '$hint' | grep -q -- '--replicates 400' && echo '$hint' | grep -q -- '--out '"
# shellcheck disable=SC2086
eval "\"\$ENTENTE\" $hint" >/dev/null 2>"$TMP/follow.err"
check "resume after Ctrl-C by the printed command succeeds" [ $? -eq 0 ]
check "resume after Ctrl-C: same runs.csv" cmp -s "$TMP/whole/runs.csv" "$TMP/int/runs.csv"
check "resume after Ctrl-C: same summary.csv" cmp -s "$TMP/whole/summary.csv" "$TMP/int/summary.csv"
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 399 --out "$TMP/int" --resume --quiet 2> "$TMP/again.err"
rc=$?
check "resume of a finished sweep is refused (status 2)" [ $rc -eq 2 ]

# ---- one writer per folder ---------------------------------------------------------
# A second sweep, or a run, into a folder a sweep is writing fails at once
# (status 1, naming the folder); the first one finishes as if alone.
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --threads 2 --out "$TMP/locked" --quiet 2> "$TMP/first.err" &
pid=$!
i=0
while [ $i -lt 200 ] && [ ! -f "$TMP/locked.partial/sweep.checkpoint" ]; do sleep 0.05; i=$((i + 1)); done
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --threads 1 --out "$TMP/locked" --quiet 2> "$TMP/second.err"
rc2=$?
"$ENTENTE" run "$TMP/long.yaml" --rounds 5 --out "$TMP/locked/" --quiet 2> "$TMP/third.err"
rc3=$?
"$ENTENTE" sweep "$TMP/long.yaml" --rounds 200 --replicates 400 --out "$TMP/locked" --resume --quiet 2> "$TMP/fourth.err"
rc4=$?
running=no
kill -0 $pid 2>/dev/null && running=yes
wait $pid
rc1=$?
check "lock: the first sweep was still running during the others" [ $running = yes ]
check "lock: a second sweep into the folder fails with status 1" [ $rc2 -eq 1 ]
check "lock: its message names the folder" grep -q "the folder '$TMP/locked' is being written by another entente process" "$TMP/second.err"
check "lock: a run into the folder fails with status 1" [ $rc3 -eq 1 ]
check "lock: a run into the folder fails with status 1: the message" grep -q "is being written by another" "$TMP/third.err"
check "lock: --resume into the folder fails with status 1" [ $rc4 -eq 1 ]
check "lock: --resume into the folder fails with status 1: the message" grep -q "is being written by another" "$TMP/fourth.err"
check "lock: the first sweep succeeds" [ $rc1 -eq 0 -a ! -s "$TMP/first.err" ]
check "lock: and writes the same runs.csv as alone" cmp -s "$TMP/whole/runs.csv" "$TMP/locked/runs.csv"
check "lock: and the same summary.csv" cmp -s "$TMP/whole/summary.csv" "$TMP/locked/summary.csv"
check "lock: no lock file or work folder is left" [ ! -e "$TMP/.locked.lock" -a ! -e "$TMP/locked.partial" ]
"$ENTENTE" run "$TMP/long.yaml" --rounds 5 --out "$TMP/locked" --quiet
check "lock: released at the end (a run may replace the sweep)" grep -q '"command": "run"' "$TMP/locked/manifest.json"
check "lock: the run replaced the folder as a whole" [ ! -e "$TMP/locked/runs.csv" -a -f "$TMP/locked/trace.csv" ]

# ---- bad sweep sections: FILE:LINE:COL, status 2, nothing written ---------------
bad() {  # NAME EXPECTED-TEXT  (sweep section on stdin)
  sed '/^sweep:/,$d' "$FIX" > "$TMP/bad.yaml"
  cat >> "$TMP/bad.yaml"
  "$ENTENTE" sweep "$TMP/bad.yaml" --out "$TMP/badout" > "$TMP/bad.out" 2> "$TMP/bad.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -- "$2" "$TMP/bad.err" && [ ! -e "$TMP/badout" ]; then ok "$1"
  else not_ok "$1" "status $rc" "$(cat "$TMP/bad.err")"; fi
}
n=$(grep -n '^sweep:' "$FIX" | cut -d: -f1)
bad "unknown path" "bad.yaml:$((n + 2)):5: error: unknown parameter 'allies.DEU.treat'; did you mean 'allies.DEU.threat'?" <<'EOF'
sweep:
  parameters:
    allies.DEU.treat: [0.2, 0.4]
EOF
bad "empty range" "bad.yaml:$((n + 2)):35: error: empty range" <<'EOF'
sweep:
  parameters:
    stages.burden_sharing.demand: {from: 0.04, to: 0.02, step: 0.01}
EOF
bad "negative replicates" "bad.yaml:$((n + 1)):15: error: 'replicates' must be at least 1" <<'EOF'
sweep:
  replicates: -5
EOF
bad "unknown distribution" "bad.yaml:$((n + 4)):39: error: unknown distribution 'poisson'" <<'EOF'
sweep:
  design: random
  points: 10
  parameters:
    allies.DEU.threat: {distribution: poisson, mean: 1}
EOF
bad "value outside the range" "bad.yaml:$((n + 2)):30: error: allies.DEU.threat: 'threat' must be between 0 and 1, got 1.5" <<'EOF'
sweep:
  parameters:
    allies.DEU.threat: [0.5, 1.5]
EOF
bad "a normal distribution that can draw outside the range" "bad.yaml:$((n + 4)):24: error: normal distribution of 'allies.DEU.threat' reaches .-3.20471, 1.32095., outside the parameter's range .0, 1.; use truncated_normal, or beta, with min and max inside it" <<'EOF'
sweep:
  design: random
  points: 4
  parameters:
    allies.DEU.threat: {distribution: normal, mean: 0.5, sd: 0.1}
EOF
printf 'scenario: nowhere.yaml\nsweep:\n  replicates: 2\n' > "$TMP/named_bad.yaml"
"$ENTENTE" sweep "$TMP/named_bad.yaml" --out "$TMP/badout" 2> "$TMP/nb.err"
rc=$?
check "sweep file naming a missing scenario: status 2 and position" [ $rc -eq 2 ]
check "sweep file naming a missing scenario: status 2 and position: the message" grep -q "named_bad.yaml:1:11: error: cannot load the scenario 'nowhere.yaml'" "$TMP/nb.err"
"$ENTENTE" sweep "$FIX" --threads 0 --out "$TMP/badout" 2> "$TMP/opt.err"
rc=$?
check "--threads 0: status 2" [ $rc -eq 2 ]
check "--threads 0: status 2: the message" grep -q "'--threads' expects a whole number from 1 to" "$TMP/opt.err"

# ---- a sweep file naming its scenario; a plain scenario ----------------------------
mkdir -p "$TMP/sub"
cp "$FIX" "$TMP/sub/base.yaml"
cat > "$TMP/sub/demand.yaml" <<'EOF'
scenario: base.yaml
sweep:
  parameters:
    stages.burden_sharing.demand: {from: 0.02, to: 0.03, step: 0.005}
EOF
"$ENTENTE" sweep "$TMP/sub/demand.yaml" --out "$TMP/named" --quiet
check "sweep file: scenario relative to the file; 3 points" [ "$(($(wc -l < "$TMP/named/runs.csv") - 1))" -eq 3 ]
awk -F, 'NR > 1 { print $3 }' "$TMP/named/runs.csv" | tr '\n' ' ' > "$TMP/vals"
check "from/to/step values as typed" [ "$(cat "$TMP/vals")" = "0.02 0.025 0.03 " ]
sed '/^sweep:/,$d' "$FIX" > "$TMP/plain.yaml"
"$ENTENTE" sweep "$TMP/plain.yaml" --replicates 7 --out "$TMP/plain" > "$TMP/plain.out" 2> "$TMP/plain.err"
check "plain scenario: replicates only" [ "$(($(wc -l < "$TMP/plain/runs.csv") - 1))" -eq 7 ]
check "plain scenario: one line on stdout" [ "$(wc -l < "$TMP/plain.out")" -eq 1 ]
check "plain scenario: one line on stdout: the message" grep -q "1 points x 7 replicates = 7 runs" "$TMP/plain.out"
"$ENTENTE" sweep "$TMP/plain.yaml" --replicates 7 --out "$TMP/plainq" --quiet > "$TMP/q.out" 2>&1
check "--quiet prints nothing" [ ! -s "$TMP/q.out" ]

# ---- sensitivity: known answers -----------------------------------------------------
# POL complies with the demand from a 4.1% start, so its final share is
# max(0.041, demand): it depends on the demand alone (S1 = ST = 1 for the
# demand, ST = 0 exactly for DEU's threat, which never changes it).
sed '/^sweep:/,$d' "$FIX" > "$TMP/salt.yaml"
cat >> "$TMP/salt.yaml" <<'EOF'
sweep:
  design: saltelli
  points: 256
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.03, max: 0.06}
    allies.DEU.threat: {distribution: uniform, min: 0, max: 1}
EOF
"$ENTENTE" sweep "$TMP/salt.yaml" --out "$TMP/salt" --sensitivity --bootstrap 200 --quiet
check "saltelli: N (k + 2) points" [ "$(($(wc -l < "$TMP/salt/runs.csv") - 1))" -eq 1024 ]
check "sensitivity.csv header" [ "$(head -1 "$TMP/salt/sensitivity.csv")" = "outcome,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high,variance" ]
awk -F, '$1 == "final_share.POL" && $2 == "stages.burden_sharing.demand" { ok = ($3 > 0.97 && $3 < 1.03 && $6 > 0.97 && $6 < 1.03 && $4 <= 1 && $5 >= 1) }
         $1 == "final_share.POL" && $2 == "allies.DEU.threat" { ok2 = ($6 == 0) }
         END { exit !(ok && ok2) }' "$TMP/salt/sensitivity.csv"
check "sensitivity: POL's share is driven by the demand alone" [ $? -eq 0 ]
cp "$TMP/salt/sensitivity.csv" "$TMP/sens1.csv"
"$ENTENTE" sensitivity "$TMP/salt" --bootstrap 200 --quiet
check "entente sensitivity DIR gives the same file" cmp -s "$TMP/sens1.csv" "$TMP/salt/sensitivity.csv"
# the table on stdout shows each run-level index as the file has it: a
# number to 3 decimals, and NA where the file has NA (rounds_played does not
# vary), never 0, which would read as "no influence"
"$ENTENTE" sensitivity "$TMP/salt" --bootstrap 200 > "$TMP/sens.table"
awk -F, 'NR > 1 && $1 !~ /[.]/ { print $1, $2, $3, $6 }' "$TMP/sens1.csv" > "$TMP/sens.want"
awk 'NR > 1 && $1 != "->" { print $1, $2, $3, $4 }' "$TMP/sens.table" > "$TMP/sens.got"
awk 'NR == FNR { s1[NR] = $3; st[NR] = $4; n = NR; next }
     { r = FNR; if (($3 == "NA") != (s1[r] == "NA") || ($4 == "NA") != (st[r] == "NA")) bad = 1
       if ($3 != "NA" && ($3 - s1[r] > 0.0005 || s1[r] - $3 > 0.0005)) bad = 1
       if ($4 != "NA" && ($4 - st[r] > 0.0005 || st[r] - $4 > 0.0005)) bad = 1 }
     END { exit !(FNR == n && n > 0 && !bad) }' "$TMP/sens.want" "$TMP/sens.got"
check "sensitivity's table: every run-level index as in the file, NA as NA" [ $? -eq 0 ]
check "  (the file has an NA among them)" grep -q "^rounds_played,.*,NA," "$TMP/sens1.csv"
# sensitivity adds a file to a finished folder: it waits for no one, it refuses
# a folder another process holds (here flock(1), from util-linux)
hold_lock "$TMP/.salt.lock"
"$ENTENTE" sensitivity "$TMP/salt" --bootstrap 200 --quiet 2> "$TMP/sens.lock"
rc=$?
release_lock
check "sensitivity on a folder being written: status 1" [ $rc -eq 1 ]
check "  with a message naming the folder" grep -q "'$TMP/salt' is being written by another entente process" "$TMP/sens.lock"
check "  and sensitivity.csv left as it was" cmp -s "$TMP/sens1.csv" "$TMP/salt/sensitivity.csv"
"$ENTENTE" sensitivity "$TMP/nowhere" 2> "$TMP/sens.none"
check "sensitivity on a missing folder: status 2" [ $? -eq 2 ]
check "  creates nothing" [ ! -e "$TMP/nowhere" -a ! -e "$TMP/.nowhere.lock" ]
"$ENTENTE" sensitivity "$TMP/t1" 2> "$TMP/sens.err"
rc=$?
check "sensitivity of a non-saltelli sweep is refused" [ $rc -eq 2 ]
check "sensitivity of a non-saltelli sweep is refused: the message" grep -q "saltelli" "$TMP/sens.err"

# ---- memory does not grow with the number of runs ---------------------------------
sed '/^sweep:/,$d' "$FIX" > "$TMP/mem.yaml"
cat >> "$TMP/mem.yaml" <<'EOF'
sweep:
  design: random
  replicates: 4
  parameters:
    allies.DEU.threat: {distribution: beta, alpha: 2, beta: 2}
EOF
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f %M -o "$TMP/rss1" "$ENTENTE" sweep "$TMP/mem.yaml" --points 10000 --out "$TMP/m1" --quiet
  /usr/bin/time -f %M -o "$TMP/rss2" "$ENTENTE" sweep "$TMP/mem.yaml" --points 40000 --out "$TMP/m2" --quiet
  r1=$(tail -1 "$TMP/rss1"); r2=$(tail -1 "$TMP/rss2")
  check "memory flat: 160000 runs use at most 2 MB more than 40000 ($r1 KB, $r2 KB)" [ $((r2 - r1)) -lt 2048 ]
fi
finish
