#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# entente sweep --shard I/N and entente merge (a job array): the shards of a
# sweep merged give the bytes of one run (runs.csv, summary.csv,
# manifest.json) for every design and runs.csv mode; a missing or doubled
# shard, shards of another seed or scenario, and tampered manifests or CSV
# files are refused with a message saying which.
. "$(dirname "$0")/lib.sh"

FIX="$ROOT/tests/fixtures/sweep_small.yaml"
sed -e 's/^discount: 0.9$/discount: 0.9\nrandom_end: true/' -e '/^sweep:/,$d' "$FIX" > "$TMP/lhs.yaml"
cat >> "$TMP/lhs.yaml" <<'EOF'
sweep:
  design: lhs
  points: 10
  replicates: 7
  seed: 5
  parameters:
    stages.burden_sharing.demand: {distribution: uniform, min: 0.015, max: 0.045}
    allies.DEU.threat: {distribution: truncated_normal, mean: 0.5, sd: 0.3, min: 0, max: 1}
EOF

same3() {  # A B: runs.csv, summary.csv and manifest.json byte for byte
  for f in summary.csv manifest.json; do cmp -s "$1/$f" "$2/$f" || return 1; done
  if [ -f "$2/runs.csv" ]; then cmp -s "$1/runs.csv" "$2/runs.csv" || return 1; fi
  return 0
}

# ---- merged shards are the bytes of one run ----------------------------------------
"$ENTENTE" sweep "$TMP/lhs.yaml" --threads 2 --out "$TMP/whole" --quiet
for i in 1 2 3; do
  "$ENTENTE" sweep "$TMP/lhs.yaml" --shard $i/3 --threads 1 --out "$TMP/s$i" --quiet || echo "shard $i failed"
done
check "shards: each manifest records its shard" grep -q '"shard": {"index": 2, "of": 3, "first_point": 4, "points": 3, "first_run": 28, "runs": 21}' "$TMP/s2/manifest.json"
check "shards: points split 4, 3, 3 (runs.csv rows)" [ "$(wc -l < "$TMP/s1/runs.csv")" -eq 29 -a "$(wc -l < "$TMP/s3/runs.csv")" -eq 22 ]
"$ENTENTE" merge "$TMP/s3" "$TMP/s1" "$TMP/s2" --out "$TMP/merged" > "$TMP/merge.out"
check "merge 1/3, 2/3, 3/3 (any order): status 0" [ $? -eq 0 ]
check "merge: runs.csv as one run" cmp -s "$TMP/whole/runs.csv" "$TMP/merged/runs.csv"
check "merge: summary.csv as one run" cmp -s "$TMP/whole/summary.csv" "$TMP/merged/summary.csv"
check "merge: manifest.json as one run" cmp -s "$TMP/whole/manifest.json" "$TMP/merged/manifest.json"
check "merge: timing.json says merged from 3 shards" grep -q '"shards": 3' "$TMP/merged/timing.json"
check "merge: prints the runs" grep -q "merged 3 shards: 70 runs" "$TMP/merge.out"
check "merge: no staging or lock left" [ -z "$(ls -A "$TMP" | grep -e '^\.' -e partial)" ]

# one shard of one is the sweep
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 1/1 --out "$TMP/one" --quiet &&
  "$ENTENTE" merge "$TMP/one" --out "$TMP/one_m" --quiet
check "shard 1/1 merged: the same bytes" same3 "$TMP/one_m" "$TMP/whole"

# grid design, run-level columns, default folders (NAME/sweep-I-of-N -> NAME/sweep)
cp "$FIX" "$TMP/grid.yaml"
(cd "$TMP" && "$ENTENTE" sweep grid.yaml --runs-csv run --out g --quiet &&
  "$ENTENTE" sweep grid.yaml --runs-csv run --shard 1/2 --quiet &&
  "$ENTENTE" sweep grid.yaml --runs-csv run --shard 2/2 --quiet)
check "default shard folders: results/NAME/sweep-I-of-2" [ -f "$TMP/results/grid/sweep-1-of-2/manifest.json" -a -f "$TMP/results/grid/sweep-2-of-2/runs.csv" ]
(cd "$TMP" && "$ENTENTE" merge results/grid/sweep-1-of-2 results/grid/sweep-2-of-2 --quiet)
check "merge without --out: into results/NAME/sweep" [ -f "$TMP/results/grid/sweep/manifest.json" ]
check "grid, --runs-csv run: the same bytes" same3 "$TMP/results/grid/sweep" "$TMP/g"
(cd "$TMP" && "$ENTENTE" sweep grid.yaml --runs-csv none --out gn --quiet &&
  for i in 1 2 3 4 5; do "$ENTENTE" sweep grid.yaml --runs-csv none --shard $i/5 --out gn$i --quiet; done &&
  "$ENTENTE" merge gn1 gn2 gn3 gn4 gn5 --out gnm --quiet)
check "--runs-csv none, 5 shards: the same summary.csv and manifest.json" same3 "$TMP/gnm" "$TMP/gn"
check "  and no runs.csv" [ ! -e "$TMP/gnm/runs.csv" ]

# a shard resumes into its own folder only
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 2/3 --out "$TMP/s2r" --quiet
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 3/3 --out "$TMP/s2r" --resume 2> "$TMP/res.err"
check "--resume of a finished shard folder: refused" [ $? -eq 2 ]

# ---- refused -----------------------------------------------------------------------
refused() {  # NAME PATTERN DIR...: merge fails with status 2 and the message
  name=$1; pat=$2; shift 2
  rm -rf "$TMP/bad"
  "$ENTENTE" merge "$@" --out "$TMP/bad" 2> "$TMP/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -- "$pat" "$TMP/err" && [ ! -e "$TMP/bad" ]; then ok "$name"
  else not_ok "$name" "status $rc" "$(cat "$TMP/err")"; fi
}
refused "missing shard: refused" "shard 3 of 3 is missing" "$TMP/s1" "$TMP/s2"
refused "doubled shard: refused" "shard 2 of 3 is given twice" "$TMP/s1" "$TMP/s2" "$TMP/s2" "$TMP/s3"
cp -R "$TMP/s2" "$TMP/s2copy"
refused "the same shard in two folders: refused" "shard 2 of 3 is given twice" "$TMP/s1" "$TMP/s2" "$TMP/s2copy" "$TMP/s3"
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 2/3 --seed 6 --out "$TMP/seed6" --quiet
refused "a shard of another seed: refused" "another seed" "$TMP/s1" "$TMP/seed6" "$TMP/s3"
sed 's/ITA, gdp: 2300/ITA, gdp: 2301/' "$TMP/lhs.yaml" > "$TMP/other.yaml"
"$ENTENTE" sweep "$TMP/other.yaml" --shard 3/3 --out "$TMP/other3" --quiet
refused "a shard of another scenario: refused" "another scenario" "$TMP/s1" "$TMP/s2" "$TMP/other3"
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 2/3 --replicates 8 --out "$TMP/r8" --quiet
refused "a shard of other settings: refused" "not shards of one sweep" "$TMP/s1" "$TMP/r8" "$TMP/s3"
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 2/4 --out "$TMP/of4" --quiet
refused "shards of different counts: refused" "shard 2 of 4" "$TMP/s1" "$TMP/of4" "$TMP/s3"
refused "a whole sweep is not a shard" "not of a shard" "$TMP/whole"
refused "not a sweep folder" "cannot read" "$TMP/nothing"

tamper() {  # NAME PATTERN FILE SED: a copy of shard 2 with FILE edited
  rm -rf "$TMP/t2"; cp -R "$TMP/s2" "$TMP/t2"
  sed -i "$4" "$TMP/t2/$3"
  refused "$1" "$2" "$TMP/s1" "$TMP/t2" "$TMP/s3"
}
tamper "manifest: shard's points moved: refused" 'not that of shard 2 of 3' manifest.json 's/"first_point": 4/"first_point": 3/'
tamper "manifest: index out of range: refused" 'not a shard index' manifest.json 's/"index": 2, "of": 3/"index": 9, "of": 3/'
tamper "manifest: a count that is not a number: refused" 'each a whole number' manifest.json 's/"agent_rounds": \([0-9]*\)/"agent_rounds": -\1/'
tamper "manifest: a count past 2^64: refused" 'each a whole number' manifest.json 's/"clamped_values": 0/"clamped_values": 99999999999999999999999/'
# counts a shard's runs cannot have (shard 2: its runs, agents and rounds)
ar2=$(sed -n 's/.*"agent_rounds": \([0-9]*\).*/\1/p' "$TMP/s2/manifest.json")
tamper "manifest: no agent-rounds for its runs: refused" 'cannot be those of its' manifest.json 's/"agent_rounds": [0-9]*/"agent_rounds": 0/'
tamper "manifest: agent-rounds not whole rounds of every agent: refused" 'cannot be those of its' manifest.json "s/\"agent_rounds\": [0-9]*/\"agent_rounds\": $((ar2 + 1))/"
tamper "manifest: more clamped values than its points draw: refused" 'cannot be those of its' manifest.json 's/"clamped_values": 0/"clamped_values": 1000000/'
tamper "manifest: another design line: refused" 'another design' manifest.json 's/"design": "lhs"/"design": "random"/'
tamper "manifest: a parameter changed: refused" 'manifests differ' manifest.json 's/"max": 0.045/"max": 0.046/'
tamper "runs.csv: a row dropped: refused" 'line 5 is not the row of point 4, replicate 3' runs.csv '5d'
tamper "runs.csv: the last row cut: refused" 'the file ends early' runs.csv '$d'
tamper "runs.csv: a row added: refused" 'more rows' runs.csv '$p'
tamper "runs.csv: a replicate renumbered: refused" 'line 3 is not the row of point 4, replicate 1' runs.csv '3s/^4,1,/4,9,/'
tamper "runs.csv: a value that is not a number: refused" 'line 4 is not the row' runs.csv '4s/,[0-9.]*$/,x1/'
# numbers only as the program writes them
tamper "runs.csv: a value in hex: refused" 'line 4 is not the row' runs.csv '4s/,[0-9.e-]*$/,0x1p3/'
tamper "runs.csv: a value with a leading zero: refused" 'line 4 is not the row' runs.csv '4s/,[0-9.e-]*$/,04/'
tamper "runs.csv: a value ending in a point: refused" 'line 4 is not the row' runs.csv '4s/,[0-9.e-]*$/,5./'
tamper "runs.csv: a value with a plus sign: refused" 'line 4 is not the row' runs.csv '4s/,[0-9.e-]*$/,+5/'
tamper "runs.csv: a field too many: refused" 'line 2 is not the row' runs.csv '2s/$/,1/'
tamper "runs.csv: another header: refused" 'another header' runs.csv '1s/demand/Demand/'
tamper "summary.csv: a point renumbered: refused" 'summary.csv. line 2 is not the row of point 4 that shard 2 of 3' summary.csv '2s/^4,/5,/'
rm -rf "$TMP/t2"; cp -R "$TMP/s2" "$TMP/t2"
truncate -s -1 "$TMP/t2/runs.csv"
refused "runs.csv: the last newline cut: refused" 'replicate [0-9]* that shard 2 of 3 holds (the file ends inside it)' "$TMP/s1" "$TMP/t2" "$TMP/s3"
tamper "summary.csv: a statistic not finite: refused" 'is not the row' summary.csv '2s/,[^,]*$/,inf/'

# ---- options -----------------------------------------------------------------------
for bad in 0/3 4/3 3 1/0 a/3 1/3x 1//3 -1/3 1/1000001; do
  "$ENTENTE" sweep "$TMP/lhs.yaml" --shard "$bad" --out "$TMP/x" 2> "$TMP/err"
  rc=$?
  [ $rc -eq 2 ] && grep -q "expects I/N" "$TMP/err"
  check "--shard $bad: status 2 and the message" [ $? -eq 0 ]
done
"$ENTENTE" sweep "$TMP/lhs.yaml" --shard 3/11 --out "$TMP/x" 2> "$TMP/err"
[ $? -eq 2 ] && grep -q "fewer than 11 shards" "$TMP/err"
check "--shard with more shards than points: status 2 and the message" [ $? -eq 0 ]
"$ENTENTE" merge 2> "$TMP/err"
check "merge without folders: status 2" [ $? -eq 2 ]
"$ENTENTE" merge "$TMP/s1" 2> "$TMP/err"
[ $? -eq 2 ] && grep -q -- "--out" "$TMP/err"
check "merge without --out from a folder not named -I-of-N: status 2" [ $? -eq 0 ]
"$ENTENTE" merge "$TMP/s1" "$TMP/s2" "$TMP/s3" --out "$TMP/s2" 2> "$TMP/err"
[ $? -eq 2 ] && grep -q "one of the shard folders" "$TMP/err"
check "merge into one of its shards: refused" [ $? -eq 0 ]
"$ENTENTE" help merge | grep -q "entente merge DIR"
check "help merge" [ $? -eq 0 ]
"$ENTENTE" help | grep -q "^  merge"
check "merge in the command list" [ $? -eq 0 ]
finish
