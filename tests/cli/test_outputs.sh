#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Result folders are replaced whole and written by one process at a time:
# run, play and tournament swap a complete new folder in for the old one
# (leaving nothing beside it), refuse folders that hold something else,
# refuse a folder another process has locked, and put right a swap that was
# cut short.
. "$(dirname "$0")/lib.sh"

FIX="$ROOT/tests/fixtures/sweep_small.yaml"
mkdir -p "$TMP/p"

# ---- replaced whole ---------------------------------------------------------------
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/p/r" --quiet
mkdir "$TMP/p/r/plots"; echo old > "$TMP/p/r/plots/shares.svg"; echo old > "$TMP/p/r/report.html"
"$ENTENTE" run "$FIX" --rounds 5 --out "$TMP/p/r" --quiet
check "run: the folder holds exactly the new result" \
  [ "$(ls -A "$TMP/p/r" | tr '\n' ' ')" = "events.csv manifest.json outcomes.csv trace.csv " ]
check "run: the new result is in it" grep -q '"rounds": 5' "$TMP/p/r/manifest.json"
check "run: nothing left beside it (no staging folder, no lock file)" [ "$(ls -A "$TMP/p")" = r ]
"$ENTENTE" run "$FIX" --rounds 5 --out "$TMP/p/r/" --quiet
check "run: a trailing slash names the same folder" [ "$(ls -A "$TMP/p")" = r ]

cat > "$TMP/three.yaml" <<'YAML'
name: three
game: prisoners_dilemma
players: [Cooperator, Defector, TitForTat]
turns: 20
repetitions: 1
YAML
"$ENTENTE" tournament "$TMP/three.yaml" --moran 4 --out "$TMP/p/t" --quiet
check "tournament: with --moran, moran.csv" [ -f "$TMP/p/t/moran.csv" ]
"$ENTENTE" tournament "$TMP/three.yaml" --out "$TMP/p/t" --quiet
check "tournament: replaced whole (no moran.csv of the older result)" [ ! -e "$TMP/p/t/moran.csv" -a -f "$TMP/p/t/ranking.csv" -a "$(ls -A "$TMP/p" | tr '\n' ' ')" = "r t " ]

printf '3\n3\n' | "$ENTENTE" play "$FIX" --as DEU --rounds 2 --out "$TMP/p/r" > /dev/null 2>&1
check "play: replaces a run's folder whole" grep -q '"command": "play"' "$TMP/p/r/manifest.json"
check "  and leaves nothing beside it" [ "$(ls -A "$TMP/p" | tr '\n' ' ')" = "r t " ]

# ---- results nested in a result folder are kept ---------------------------------------
# the default folders nest: results/NAME (run) and results/NAME/sweep (sweep)
"$ENTENTE" sweep "$FIX" --rounds 3 --replicates 2 --out "$TMP/n/x/sweep" --quiet
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/n/x" --quiet
check "nested: a run into a folder holding only a sweep is accepted" [ $? -eq 0 -a -f "$TMP/n/x/manifest.json" ]
check "nested: and keeps the sweep" [ -f "$TMP/n/x/sweep/runs.csv" -a -f "$TMP/n/x/sweep/manifest.json" ]
cp "$TMP/n/x/sweep/runs.csv" "$TMP/nested_runs.csv"
mkdir "$TMP/n/x/plots"; echo old > "$TMP/n/x/plots/shares.svg"
"$ENTENTE" run "$FIX" --rounds 4 --out "$TMP/n/x" --quiet
check "nested: replacing the run keeps the sweep inside it" cmp -s "$TMP/nested_runs.csv" "$TMP/n/x/sweep/runs.csv"
check "nested: but not the old run's plots" [ ! -e "$TMP/n/x/plots" ]
check "nested: and the manifest is the new run's" grep -q '"rounds": 4' "$TMP/n/x/manifest.json"
check "nested: nothing left beside the folder" [ "$(ls -A "$TMP/n")" = x ]
if command -v flock > /dev/null 2>&1; then
  hold_lock "$TMP/n/x/.sweep.lock"
  "$ENTENTE" run "$FIX" --rounds 5 --out "$TMP/n/x" --quiet 2> "$TMP/err"
  rc=$?
  release_lock
  check "nested: a run is refused while a sweep inside its folder is being written" [ $rc -eq 1 ]
  check "nested: says which" grep -q "'$TMP/n/x/sweep' inside '$TMP/n/x' is being written" "$TMP/err"
  check "nested: and leaves the folder as it was" grep -q '"rounds": 4' "$TMP/n/x/manifest.json"
fi

# ---- folders that are not results ---------------------------------------------------
mkdir "$TMP/mine"; echo keep > "$TMP/mine/notes.txt"
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/mine" --quiet 2> "$TMP/err"
check "a folder with other files is refused: status 1" [ $? -eq 1 ]
check "a folder with other files is refused: says why" grep -q "'$TMP/mine' holds files that are not an entente result" "$TMP/err"
check "a folder with other files is left alone" [ "$(ls -A "$TMP/mine")" = notes.txt ]
mkdir "$TMP/empty"
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/empty" --quiet
check "an empty folder is used" [ -f "$TMP/empty/manifest.json" ]
echo x > "$TMP/afile"
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/afile" --quiet 2> "$TMP/err"
check "a file in the way: status 1" [ $? -eq 1 ]
check "  and a message" grep -q "'$TMP/afile' exists and is not a folder" "$TMP/err"
(cd "$TMP/empty" && "$ENTENTE" run "$FIX" --rounds 3 --out . --quiet) 2> "$TMP/err"
check "--out . is refused (a folder is replaced by name)" [ $? -eq 1 ]
check "--out . is refused (a folder is replaced by name): the message" grep -q "name a folder of its own" "$TMP/err"

# ---- the lock -----------------------------------------------------------------------
# another process (here flock(1)) holds the lock of $TMP/p/r
if command -v flock > /dev/null 2>&1; then
  hold_lock "$TMP/p/.r.lock"
  cp "$TMP/p/r/manifest.json" "$TMP/before.json"
  "$ENTENTE" run "$FIX" --rounds 4 --out "$TMP/p/r" --quiet 2> "$TMP/err"
  rc=$?
  release_lock
  check "locked folder: status 1" [ $rc -eq 1 ]
  check "locked folder: the message names the folder" grep -q "the folder '$TMP/p/r' is being written by another entente process" "$TMP/err"
  check "locked folder: left as it was" cmp -s "$TMP/before.json" "$TMP/p/r/manifest.json"
  "$ENTENTE" run "$FIX" --rounds 4 --out "$TMP/p/r" --quiet
  check "lock released: the run goes ahead" grep -q '"rounds": 4' "$TMP/p/r/manifest.json"
else
  not_ok "flock(1) is needed for the lock test (util-linux)"
fi

# ---- the work folders of sweeps ------------------------------------------------------
# NAME.partial is the folder a sweep into NAME grows: no command takes such a
# name as its --out (a run there would mix with, or be taken for, a sweep's work)
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/w.partial" --quiet 2> "$TMP/err"
check "run --out NAME.partial: status 1" [ $? -eq 1 ]
check "run --out NAME.partial: the message" grep -q "names ending in '.partial' are the work folders" "$TMP/err"
check "run --out NAME.partial: nothing written" [ ! -e "$TMP/w.partial" ]
"$ENTENTE" sweep "$FIX" --out "$TMP/w.partial/" --quiet 2> "$TMP/err"
check "sweep --out NAME.partial/: status 1" [ $? -eq 1 ]
# a fresh sweep deletes an earlier sweep's work folder, not anything else there
mkdir -p "$TMP/ws.partial"; echo precious > "$TMP/ws.partial/notes.txt"
"$ENTENTE" sweep "$FIX" --out "$TMP/ws" --quiet 2> "$TMP/err"
check "a foreign file in the work folder: status 1" [ $? -eq 1 ]
check "  the message names it" grep -q "'$TMP/ws.partial' holds 'notes.txt', which is not this command's work" "$TMP/err"
check "  it is kept, and no result is written" eval '[ "$(cat "$TMP/ws.partial/notes.txt")" = precious ] && [ ! -e "$TMP/ws" ]'
rm -rf "$TMP/ws.partial"; echo precious > "$TMP/ws.partial"
"$ENTENTE" sweep "$FIX" --out "$TMP/ws" --quiet 2> "$TMP/err"
rc=$?
check "a file in the way of the work folder: status 1, and it is kept" eval '[ $rc -eq 1 ] && [ "$(cat "$TMP/ws.partial")" = precious ]'
rm -f "$TMP/ws.partial"
"$ENTENTE" sweep "$FIX" --replicates 50 --out "$TMP/ws" --quiet
mkdir "$TMP/ws.partial"; cp "$TMP/ws/runs.csv" "$TMP/ws/summary.csv" "$TMP/ws.partial/"
"$ENTENTE" sweep "$FIX" --out "$TMP/ws" --quiet 2> "$TMP/err"
rc=$?
check "a work folder of sweep files alone is cleared for a fresh start" eval '[ $rc -eq 0 ] && [ ! -e "$TMP/ws.partial" ]'

# a writer of a result nested in a folder keeps its lock when the folder is
# replaced: the lock file moves with the nested work into the new folder
if command -v flock > /dev/null 2>&1; then
  KOREA="$ROOT/scenarios/korea_sweep.yaml"
  "$ENTENTE" sweep "$KOREA" --replicates 20 --out "$TMP/nest" --quiet
  "$ENTENTE" sweep "$KOREA" --replicates 8000 --threads 1 --out "$TMP/nest" --quiet &
  outer=$!
  i=0
  while [ $i -lt 500 ] && [ ! -e "$TMP/nest.partial/runs.csv" ]; do sleep 0.01; i=$((i + 1)); done
  mkdir "$TMP/nest/sub.partial"
  hold_lock "$TMP/nest/.sub.lock"
  wait $outer
  rc=$?
  check "nested lock: the outer sweep finishes" eval '[ $rc -eq 0 ] && grep -q "\"replicates\": 8000" "$TMP/nest/manifest.json"'
  check "nested lock: the nested work and its lock moved into the new folder" \
    eval '[ -d "$TMP/nest/sub.partial" ] && [ -f "$TMP/nest/.sub.lock" ]'
  "$ENTENTE" sweep "$FIX" --out "$TMP/nest/sub" --quiet 2> "$TMP/err"
  rc=$?
  release_lock
  check "nested lock: a second writer of the nested folder is still refused (status 1)" [ $rc -eq 1 ]
  check "nested lock: ... and the nested work is kept" [ -d "$TMP/nest/sub.partial" ]
fi

# ---- a swap cut short ----------------------------------------------------------------
# Where the file system has no atomic exchange the old folder is renamed
# aside before the new one is renamed in; if the program stops in between,
# the next writer puts the old one back before anything else.
mkdir -p "$TMP/q"
"$ENTENTE" run "$FIX" --rounds 3 --out "$TMP/old" --quiet
cp -R "$TMP/old" "$TMP/q/.r.old.99999"
mkdir "$TMP/q/.r.new.99998"; echo half > "$TMP/q/.r.new.99998/trace.csv"
if fault_setup; then
  ENTENTE="$FAULTY"
  # this run fails when it opens its first file, after putting the old folder back
  env LD_PRELOAD="$SHIM" ENTENTE_FAULT_DIR="$TMP/q" ENTENTE_FAULT_N=5 ENTENTE_FAULT_LOG="$TMP/flog" \
    "$ENTENTE" run "$FIX" --rounds 5 --out "$TMP/q/r" --quiet 2> "$TMP/err"
  rc=$?
  check "cut-short swap: the failing run exits 1" [ $rc -eq 1 ]
  check "cut-short swap: the failing run exits 1: the message" grep -q "^failed 5 fopen" "$TMP/flog"
  check "cut-short swap: the old result is back in place" diff -r "$TMP/old" "$TMP/q/r"
  check "cut-short swap: nothing else is left" [ "$(ls -A "$TMP/q")" = r ]
  # putting it back fails (the 3rd call): the command stops, and deletes nothing
  rm -rf "$TMP/q/r"; cp -R "$TMP/old" "$TMP/q/.r.old.99999"
  env LD_PRELOAD="$SHIM" ENTENTE_FAULT_DIR="$TMP/q" ENTENTE_FAULT_N=3 ENTENTE_FAULT_LOG="$TMP/flog" \
    "$ENTENTE" run "$FIX" --rounds 5 --out "$TMP/q/r" --quiet 2> "$TMP/err"
  rc=$?
  check "cut-short swap, failing to put back: status 1 and why" eval '[ $rc -eq 1 ] &&
    grep -q "cannot put the earlier result" "$TMP/err" && grep -q "^failed 3 rename" "$TMP/flog"'
  check "cut-short swap, failing to put back: the earlier result is kept" diff -r "$TMP/old" "$TMP/q/.r.old.99999"
fi
finish
