# SPDX-License-Identifier: GPL-3.0-or-later
# The classroom server under a class's load, on loopback (the client is
# tests/bench/classroom_load.py, which make bench also runs for its timings):
# 40 students in parallel worlds play 20 rounds, answering every question;
# every request is answered 2xx, every student reaches the end, and the
# server's resident memory stays flat: VmRSS once round 20 is played is at
# most 8 MB above VmRSS after round 5. What may grow in between is small: each
# student's series (a few numbers a round) and the worlds' traces, which are
# written to files; the answers the server sends between rounds 5 and 20
# come to about 10 MB (some 3500 answers of about 3 kB), so keeping every
# answer, or any buffer of that size per request, would break the bound,
# while the allocator's and the web library's own fluctuation (a few MB) does
# not. No time is asserted: timings are for make bench.
. "$(dirname "$0")/lib.sh"
N=40
R=20
# under valgrind: a smaller class, and memory is valgrind's, not the server's
[ -n "${ENTENTE_WRAPPER:-}" ] && { N=4; R=6; }
# in the background, so that a signal to this script stops the client (which stops the server) at once
PYPID=""
trap '[ -n "$PYPID" ] && kill "$PYPID" 2>/dev/null && wait "$PYPID"; rm -rf "$TMP"' EXIT
trap 'exit 1' INT TERM
timeout -k 10 900 python3 "$ROOT/tests/bench/classroom_load.py" "$ENTENTE" "$ROOT/scenarios/japan_reactive_activism.yaml" \
  --students $N --rounds $R --out "$TMP/out" --limit 800 >"$TMP/load.txt" 2>&1 &
PYPID=$!
wait "$PYPID"
rc=$?
PYPID=""
cat "$TMP/load.txt" | sed 's/^/    /'
res=$(sed -n 's/^RESULT //p' "$TMP/load.txt")
get() { echo "$res" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
check "the class ran to its end ($N students, $R rounds; client status $rc)" eval '[ $rc -eq 0 ] && [ -n "$res" ]'
check "every request was answered 2xx ($(get requests) requests)" [ "$(get not_2xx)" = 0 ]
check "every student reached the end" [ "$(get finished)" = $N ]
check "the server exited 0 when the teacher ended the class" [ "$(get exit)" = 0 ]
check "a world per student was written" [ "$(ls -d "$TMP"/out/world-* 2>/dev/null | wc -l)" -eq $N ]
m=$(get rss_mark_kb); l=$(get rss_last_kb)
if [ -n "${ENTENTE_WRAPPER:-}" ]; then
  ok "memory not measured under valgrind"
elif grep -qa __asan_init "$ENTENTE"; then
  # AddressSanitizer holds freed memory in its quarantine (256 MB) by design
  ok "memory not measured under AddressSanitizer"
else
  check "server memory flat: VmRSS after round $R (${l:-?} kB) at most 8 MB above after round 5 (${m:-?} kB)" \
    eval '[ "${m:-0}" -gt 0 ] && [ "${l:-0}" -gt 0 ] && [ "$l" -le $((m + 8192)) ]'
fi
finish
