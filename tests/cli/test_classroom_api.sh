# SPDX-License-Identifier: GPL-3.0-or-later
# entente classroom over loopback, with curl: a class of 30 students in
# parallel worlds plays a 10-round scenario to the end, and each world's run
# folder equals `entente play` given the same answers; a shared world with a
# patron and two allies; every kind of malformed request gets its 4xx and a
# JSON error (also a field name cut inside a character, a path with an
# encoded NUL, a huge body announced with Expect: 100-continue, refused before
# any of it is sent, and requests that break HTTP: no Host, a space in the
# path, a body's length given twice); names are counted in characters, and
# control characters and line separators refused; a join code with text after
# it is wrong; a student's token cannot act for another seat or see the class;
# the server survives a student who drops a request half-sent or stops
# answering mid-round; two clicks on Start open round 1 once; the worlds play
# the scenario as read at start, its file changed or gone since; one address
# holding hundreds of slow connections locks nobody else out, and its slow
# requests are closed in time however steadily they send. Servers listen on
# free ports (--port 0), every request and every wait has a time limit, and
# every server is stopped.
. "$(dirname "$0")/lib.sh"
S="$ROOT/scenarios"
JPN="$S/japan_reactive_activism.yaml"
SERVERS=""
trap 'for p in $SERVERS; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT
# under valgrind everything is slower: the same class, smaller
NSTUD=30
[ -n "${ENTENTE_WRAPPER:-}" ] && NSTUD=4
LIMIT=600

# start_server NAME ARGS...: the server in the background; sets U, CODE, TT, SPID
start_server() {
  name=$1; shift
  timeout "$LIMIT" "$ENTENTE" classroom "$@" --port 0 >"$TMP/$name.log" 2>"$TMP/$name.err" &
  SPID=$!
  SERVERS="$SERVERS $SPID"
  i=0
  while [ $i -lt 400 ] && kill -0 "$SPID" 2>/dev/null && ! grep -q '^Teacher token: ' "$TMP/$name.log" 2>/dev/null; do sleep 0.05; i=$((i + 1)); done
  PORT=$(sed -n 's/^Port: //p' "$TMP/$name.log")
  CODE=$(sed -n 's/.*join code: //p' "$TMP/$name.log")
  TT=$(sed -n 's/^Teacher token: //p' "$TMP/$name.log")
  U="http://127.0.0.1:$PORT"
}

# call METHOD PATH TOKEN [BODY]: the HTTP status; the body in $RESP
RESP="$TMP/resp"
call() {
  m=$1; p=$2; t=$3; shift 3
  if [ $# -gt 0 ]; then
    curl -s -m 20 -o "$RESP" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $t" \
      -H 'Content-Type: application/json' --data-binary "$1" "$U$p"
  else
    curl -s -m 20 -o "$RESP" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $t" "$U$p"
  fi
}
# jget KEY: a string or number member of the last response (first occurrence)
jget() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" "$RESP" | head -1; }

# (a check of several conditions is `check NAME eval 'A && B'`: each is asserted)

# expect NAME STATUS FIELD METHOD PATH TOKEN [BODY]: the request is answered
# STATUS with a JSON error naming FIELD (when not empty)
expect() {
  n=$1; want=$2; field=$3; shift 3
  got=$(call "$@")
  if [ "$got" = "$want" ] && grep -q '^{"error":"' "$RESP" && { [ -z "$field" ] || grep -q "\"field\":\"$field\"" "$RESP"; }; then
    ok "$n"
  else
    not_ok "$n" "status $got (want $want), body: $(head -c 300 "$RESP")"
  fi
}

# raw FILE: FILE's bytes sent as they are on a connection of their own; the
# answer (status line first) as it comes within 3 s, or "none"
raw() {
  python3 - "$PORT" "$1" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
s.sendall(open(sys.argv[2], "rb").read())
data = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
except OSError:
    pass
sys.stdout.write(data.decode("utf-8", "replace") if data else "none\n")
PY
}
# status FILE: the status code of the first answer in FILE (from raw)
status() { head -1 "$1" | cut -d' ' -f2; }

# run_out: the teacher opens round after round until the class has finished
# (every decision to the scenario's strategies); the last class view in $RESP
run_out() {
  i=0
  while [ $i -lt 80 ]; do
    call POST /api/teacher/advance "$TT" '{}' >/dev/null
    call GET /api/teacher/class "$TT" >/dev/null
    grep -q '"finished":true' "$RESP" && return 0
    sleep 0.2; i=$((i + 1))
  done
  return 1
}

# stop_server: POST /api/teacher/stop, and wait (at most a minute) for the exit
stop_server() {
  call POST /api/teacher/stop "$TT" >/dev/null
  i=0
  while [ $i -lt 600 ] && kill -0 "$SPID" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
  kill -0 "$SPID" 2>/dev/null && kill "$SPID"
  wait "$SPID"
}

# wait_class KEY: poll the teacher's view until it says "KEY":true (at most 2 minutes)
wait_class() {
  i=0
  while [ $i -lt 1200 ]; do
    [ "$(call GET /api/teacher/class "$TT")" = 200 ] || return 1
    grep -q "\"$1\":true" "$RESP" && return 0
    sleep 0.1; i=$((i + 1))
  done
  return 1
}

# student K SEAT OUT: joins as sK, answers every question until the end (a
# different path for each K), and writes in OUT the answers as `entente play`
# reads them from standard input, one a line
student() {
  k=$1; seat=$2; out=$3
  RESP="$TMP/resp_$k"
  : > "$out"
  call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"s$k\",\"seat\":\"$seat\"}" > "$TMP/join_$k"
  tok=$(jget token)
  [ -n "$tok" ] || return 1
  n=0
  while [ $n -lt 3000 ]; do
    n=$((n + 1))
    grep -q '"status":"finished"' "$RESP" && return 0
    kind=$(sed -n 's/.*"question":{"id":[0-9]*,"kind":"\([a-z_]*\)","round":\([0-9]*\).*/\1 \2/p' "$RESP")
    if [ -z "$kind" ]; then
      sleep 0.1
      [ "$(call GET /api/state "$tok")" = 200 ] || return 1
      continue
    fi
    set -- $kind
    r=$2
    case $1 in
      burden_sharing)
        x=$(awk -v k="$k" -v r="$r" 'BEGIN { printf "%.2f", 1.5 + (k % 7) * 0.1 + r * 0.05 }')
        dec="{\"share\":$x}"; line=$x ;;
      demand_answer)
        d=$(sed -n 's/.*"stage":"exit_leverage".*"demand":\([0-9.e+-]*\).*/\1/p' "$RESP")
        case $(((k + r) % 3)) in
          0) dec='{"answer":"comply"}'; line=c ;;
          1) dec='{"answer":"defy"}'; line=d ;;
          *) x=$(awk -v d="$d" 'BEGIN { printf "%.4f", d / 2 }')
             dec="{\"answer\":\"offer\",\"offer\":$x}"; line=$x ;;
        esac ;;
      hedging)
        a=$((50 + k % 20)); b=$((20 - k % 10)); c=$((100 - a - b))
        dec="{\"portfolio\":[$a,$b,$c]}"; line="$a $b $c" ;;
      commitment)
        x="0.$((3 + (k + r) % 7))"
        dec="{\"commitment\":$x}"; line=$x ;;
      demand)
        x=$(awk -v k="$k" -v r="$r" 'BEGIN { printf "%.2f", 1 + (k + r) % 4 }')
        dec="{\"demand\":$x,\"threat\":[\"tariffs\"]}"; line="$x
t" ;;
      enforce)
        dec='{"execute":false}'; line=n ;;
      matrix)
        if [ $(((k + r) % 2)) -eq 0 ]; then dec='{"move":"cooperate"}'; line=c; else dec='{"move":"defect"}'; line=d; fi ;;
      *) return 1 ;;
    esac
    code=$(call POST /api/move "$tok" "{\"decisions\":$dec}")
    [ "$code" = 200 ] || { echo "student $k: move $dec got $code: $(cat "$RESP")" >&2; return 1; }
    printf '%s\n' "$line" >> "$out"
  done
  return 1
}

# ---- a class of $NSTUD in parallel worlds, 10 rounds, to the end ----------------------------
start_server par "$JPN" --mode parallel --seats JPN --rounds 10 --out "$TMP/par"
check "the server prints the chosen port" eval '[ -n "$PORT" ] && [ "$PORT" -gt 0 ]'
check "the server prints a join code" [ -n "$CODE" ]
check "the server prints the teacher's address with its token" grep -q "^Teacher:  http://127.0.0.1:$PORT/teacher#$TT\$" "$TMP/par.log"
check "by default it listens on 127.0.0.1 only, and says so" grep -q "^Listening on 127.0.0.1 only" "$TMP/par.log"
code=$(call GET / "")
check "the page is served" eval '[ "$code" = 200 ] && grep -q "<script src=\"/app.js\">" "$RESP"'
code=$(call GET /app.js "")
check "its script is served" eval '[ "$code" = 200 ] && grep -q "api/move" "$RESP"'
code=$(call GET /style.css "")
check "its style is served" [ "$code" = 200 ]
sh "$ROOT/engine/tools/embed.sh" "$ROOT/engine/cli/classroom" "$TMP/assets.c"
check "classroom_assets.c is what engine/tools/embed.sh makes of engine/cli/classroom/" cmp -s "$TMP/assets.c" "$ROOT/engine/cli/classroom_assets.c"
for f in "$ROOT"/engine/cli/classroom/*; do
  check "$(basename "$f") names its licence" grep -q "SPDX-License-Identifier: GPL-3.0-or-later" "$f"
done

pids=""
k=1
while [ $k -le $NSTUD ]; do
  student $k JPN "$TMP/ans_$k" 2>>"$TMP/students.err" &
  pids="$pids $!"
  k=$((k + 1))
done
# every student has joined before the start
i=0
while [ $i -lt 600 ]; do
  call GET /api/teacher/class "$TT" >/dev/null
  [ "$(grep -o '"name":"s[0-9]*"' "$RESP" | wc -l)" -eq $NSTUD ] && break
  sleep 0.1; i=$((i + 1))
done
check "$NSTUD students have joined" [ "$(grep -o '"name":"s[0-9]*"' "$RESP" | wc -l)" -eq $NSTUD ]
code=$(call POST /api/teacher/advance "$TT" '{}')
check "the teacher starts round 1" eval '[ "$code" = 200 ] && grep -q "\"round\":1" "$RESP"'
r=1
ok_rounds=1
while [ $r -lt 10 ]; do
  wait_class all_moved || { ok_rounds=0; break; }
  call POST /api/teacher/advance "$TT" '{}' >/dev/null
  r=$((r + 1))
done
check "every round, every student moved before the teacher advanced" [ $ok_rounds -eq 1 ]
wait_class finished
check "the class finished" grep -q '"finished":true' "$RESP"
check "the teacher sees the debrief" grep -q '"debrief":{"seed":' "$RESP"
failed=0
for p in $pids; do wait "$p" || failed=$((failed + 1)); done
check "every student played to the end" [ $failed -eq 0 ]
[ -s "$TMP/students.err" ] && head -5 "$TMP/students.err"
check "no student was late" sh -c "! grep -q '\"late\":[1-9]' '$RESP'"
stop_server
check "the server exits 0 when the teacher ends the class" [ $? -eq 0 ]

same=0
k=1
while [ $k -le $NSTUD ]; do
  w=$(grep -l "\"student\":\"s$k\"" "$TMP"/par/world-*/manifest.json | head -1)
  w=${w%/manifest.json}
  "$ENTENTE" play "$JPN" --as JPN --rounds 10 --out "$TMP/play_$k" < "$TMP/ans_$k" >/dev/null 2>&1
  if [ -n "$w" ] && cmp -s "$w/trace.csv" "$TMP/play_$k/trace.csv" && cmp -s "$w/outcomes.csv" "$TMP/play_$k/outcomes.csv" \
     && cmp -s "$w/events.csv" "$TMP/play_$k/events.csv"; then
    same=$((same + 1))
  else
    echo "    student $k: world ${w:-none} differs from entente play" >&2
  fi
  k=$((k + 1))
done
check "every world's trace, outcomes and events equal entente play with the same answers ($same of $NSTUD)" [ $same -eq $NSTUD ]
check "the answers differ between students" sh -c "! cmp -s '$TMP/ans_1' '$TMP/ans_2'"
check "a world per student" [ "$(ls -d "$TMP"/par/world-* | wc -l)" -eq $NSTUD ]
check "the manifest names the student's seat" grep -q '"classroom": {"mode":"parallel","world":1,"seats":\[{"seat":"JPN","student":"s[0-9]*"' "$TMP/par/world-01/manifest.json"
check "class.csv: a row per student and the built-ins" \
  eval '[ "$(grep -c "^student," "$TMP/par/class.csv")" -eq $NSTUD ] && grep -q "^builtin,NA,JPN,NA,scenario," "$TMP/par/class.csv"'
check "class.csv header" [ "$(head -1 "$TMP/par/class.csv")" = \
  "path,world,seat,student,strategy,discounted_payoff,final_share,final_belief,w_bandwagon,w_balance,w_bind,deals,failed_ratifications,moves,late_moves" ]
"$ENTENTE" run "$JPN" --rounds 10 --out "$TMP/run" --quiet
check "replay/scenario is entente run on the same seed" cmp -s "$TMP/run/trace.csv" "$TMP/par/replay/scenario/trace.csv"
"$ENTENTE" report "$TMP/par/world-01" --quiet >/dev/null 2>&1
check "entente report reads a world's folder" [ -s "$TMP/par/world-01/report.html" ]

# teach ROUNDS: start the game, open each round once every world has finished the last, wait for the end
teach() {
  i=0
  while [ $i -lt 200 ]; do
    call GET /api/teacher/class "$TT" >/dev/null
    grep -q '"students":\[{' "$RESP" && break
    sleep 0.05; i=$((i + 1))
  done
  call POST /api/teacher/advance "$TT" '{}' >/dev/null
  r=1
  while [ $r -lt "$1" ]; do
    wait_class all_moved || return 1
    call POST /api/teacher/advance "$TT" '{}' >/dev/null
    r=$((r + 1))
  done
  wait_class finished
}

# ---- students who never answer: every decision falls to the seat's scenario
# strategy when the teacher moves on, so the world is `entente run` on the same
# seed, in a matrix game too (FRA alternates there) and in exit leverage
for case in burden_sharing_matrix:FRA:4 korea_sma:KOR:3; do
  sc=${case%%:*}; rest=${case#*:}; seat=${rest%%:*}; rr=${rest#*:}
  start_server "silent_$sc" "$S/$sc.yaml" --seats "$seat" --rounds "$rr" --out "$TMP/silent_$sc"
  call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"quiet\",\"seat\":\"$seat\"}" >/dev/null
  run_out
  check "$sc, $seat silent: the class finished" grep -q '"finished":true' "$RESP"
  stop_server
  "$ENTENTE" run "$S/$sc.yaml" --rounds "$rr" --out "$TMP/silent_run_$sc" --quiet
  w="$TMP/silent_$sc/world-01"
  check "$sc, $seat silent: the world equals entente run" \
    sh -c "cmp -s '$w/trace.csv' '$TMP/silent_run_$sc/trace.csv' && cmp -s '$w/outcomes.csv' '$TMP/silent_run_$sc/outcomes.csv' && cmp -s '$w/events.csv' '$TMP/silent_run_$sc/events.csv'"
done

# ---- the worlds play the scenario as it was read at start: its file changed before
# the teacher starts (another seed, another length) changes nothing in the world
# or the results; and names are counted in characters, control characters and
# line separators refused
cp "$JPN" "$TMP/edited.yaml"
start_server edited "$TMP/edited.yaml" --mode parallel --seats JPN --rounds 2 --out "$TMP/edited"
N40=$(printf '%040d' 0 | sed 's/0/é/g')       # 40 characters, 80 bytes
expect "join: a name of 41 characters is refused" 400 name POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"${N40}é\"}"
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"$N40\"}")
check "join: a name of 40 characters of two bytes each is taken whole" eval '[ "$code" = 200 ] && grep -q "\"name\":\"$N40\"" "$RESP"'
for u in 0001 007f 0080 0085 009f 2028 2029; do
  expect "join: a name holding U+$u is refused" 400 name POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"a\\u${u}b\"}"
done
expect "join: text after the code is refused" 403 code POST /api/join "" "{\"code\":\"$CODE XYZ\",\"name\":\"Trail\"}"
sed 's/^seed: .*/seed: 999/; s/^rounds: .*/rounds: 5/' "$JPN" > "$TMP/edited.yaml"
run_out
check "the file changed before the start: the class finished" grep -q '"finished":true' "$RESP"
stop_server
check "the file changed before the start: the server exits 0" [ $? -eq 0 ]
m="$TMP/edited/world-01/manifest.json"
check "the world plays the seed read at start" grep -q '"seed": 2027,' "$m"
check "the world names the file's bytes read at start (sha256)" grep -q "\"sha256\": \"$(sha256sum "$JPN" | cut -c1-64)\"" "$m"
"$ENTENTE" run "$JPN" --rounds 2 --out "$TMP/edited_run" --quiet
check "the silent world equals entente run of the scenario as it was" \
  sh -c "cmp -s '$TMP/edited/world-01/trace.csv' '$TMP/edited_run/trace.csv' && cmp -s '$TMP/edited/world-01/events.csv' '$TMP/edited_run/events.csv'"
check "replay/scenario too" cmp -s "$TMP/edited/replay/scenario/trace.csv" "$TMP/edited_run/trace.csv"
check "class.csv holds the name of 40 characters whole" grep -q "^student,1,JPN,$N40," "$TMP/edited/class.csv"
check "the manifest too" grep -q "\"student\":\"$N40\"" "$m"
# the file gone before the start
cp "$JPN" "$TMP/gone.yaml"
start_server gone "$TMP/gone.yaml" --seats JPN --rounds 2 --out "$TMP/gone"
call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Ann\",\"seat\":\"JPN\"}" >/dev/null
rm "$TMP/gone.yaml"
run_out
check "the file gone before the start: the class finished" grep -q '"finished":true' "$RESP"
stop_server
check "the file gone before the start: the server exits 0" [ $? -eq 0 ]
check "the file gone before the start: the world and class.csv are written" \
  eval '[ -s "$TMP/gone/world-01/trace.csv" ] && grep -q "^student,1,JPN,Ann," "$TMP/gone/class.csv"'

# ---- one student in a shared world equals entente play: an ally and the patron, in a
# matrix game and in exit leverage with bargaining and ratification
for case in burden_sharing_matrix:DEU:3 burden_sharing_matrix:USA:3 korea_sma:KOR:4 korea_sma:USA:4; do
  sc=${case%%:*}; rest=${case#*:}; seat=${rest%%:*}; rr=${rest#*:}
  start_server "solo_${sc}_$seat" "$S/$sc.yaml" --seats "$seat" --rounds "$rr" --out "$TMP/solo_${sc}_$seat"
  student 7 "$seat" "$TMP/solo_ans_${sc}_$seat" 2>>"$TMP/students.err" &
  sp=$!
  teach "$rr"
  check "$sc as $seat: the class finished" grep -q '"finished":true' "$RESP"
  wait "$sp"
  check "$sc as $seat: the student played to the end" [ $? -eq 0 ]
  stop_server
  "$ENTENTE" play "$S/$sc.yaml" --as "$seat" --rounds "$rr" --out "$TMP/solo_play" < "$TMP/solo_ans_${sc}_$seat" >/dev/null 2>&1
  w="$TMP/solo_${sc}_$seat/world-01"
  check "$sc as $seat: the world equals entente play with the same answers" \
    sh -c "cmp -s '$w/trace.csv' '$TMP/solo_play/trace.csv' && cmp -s '$w/outcomes.csv' '$TMP/solo_play/outcomes.csv' && cmp -s '$w/events.csv' '$TMP/solo_play/events.csv'"
done

# ---- a shared world: the patron and two allies, one student each ------------------------------
start_server shared "$JPN" --seats USA,JPN,KOR --rounds 3 --out "$TMP/shared"
code=$(call GET /api/info "")
check "info lists the seats" eval '[ "$code" = 200 ] && grep -q "\"code\":\"USA\",\"name\":\"United States\",\"taken\":false" "$RESP"'
code=$(call POST /api/join "" "{\"code\":\" $(echo "$CODE" | tr 'A-Z' 'a-z') \",\"name\":\"Kim\",\"seat\":\"KOR\"}")
check "join: the code's case and surrounding spaces do not matter" [ "$code" = 200 ]
TKOR=$(jget token)
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Kai\",\"seat\":\"KOR\"}")
check "join: a taken seat is 409" eval '[ "$code" = 409 ] && grep -q "\"field\":\"seat\"" "$RESP"'
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Kim\",\"seat\":\"JPN\"}")
check "join: a taken name is 409" [ "$code" = 409 ]
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Sam\",\"seat\":\"USA\"}")
TUSA=$(jget token)
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Jun\",\"seat\":\"JPN\"}")
TJPN=$(jget token)
check "three students seated" eval '[ -n "$TUSA" ] && [ -n "$TJPN" ] && [ -n "$TKOR" ]'
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Late\"}")
check "join: no seat left is 409" [ "$code" = 409 ]
code=$(call POST /api/move "$TKOR" '{"decisions":{"share":2}}')
check "move before the start is 409" [ "$code" = 409 ]

# ---- malformed requests: each a 4xx with a JSON error, never a crash ----------------------------
expect "join: not JSON" 400 "" POST /api/join "" '{"code":'
expect "join: not an object" 400 "" POST /api/join "" '[1,2]'
expect "join: empty body" 400 "" POST /api/join "" ''
expect "join: unknown field" 400 colour POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"X\",\"colour\":\"red\"}"
expect "join: name of the wrong type" 400 name POST /api/join "" "{\"code\":\"$CODE\",\"name\":5}"
expect "join: a name with a comma" 400 name POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"a,b\"}"
expect "join: a name too long" 400 name POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"$(printf '%050d' 0)\"}"
expect "join: wrong code" 403 code POST /api/join "" '{"code":"NOPE","name":"X"}'
expect "join: duplicate keys" 400 "" POST /api/join "" "{\"code\":\"$CODE\",\"code\":\"$CODE\",\"name\":\"X\"}"
big=$(awk 'BEGIN { s = "{\"code\":\""; for (i = 0; i < 70000; i++) s = s "x"; print s "\",\"name\":\"X\"}" }')
printf '%s' "$big" > "$TMP/big.json"
code=$(curl -s -m 20 -o "$RESP" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary @"$TMP/big.json" "$U/api/join")
check "join: a body over 64 KiB is 413 with a JSON error" eval '[ "$code" = 413 ] && grep -q "\"error\"" "$RESP"'
code=$(curl -s -m 20 -o "$RESP" -w '%{http_code}' -X POST -H "Authorization: Bearer $TKOR" -H 'Transfer-Encoding: chunked' \
  --data-binary @"$TMP/big.json" "$U/api/move")
check "move: a chunked body over 64 KiB is 413" [ "$code" = 413 ]
expect "state: no token" 401 "" GET /api/state ""
expect "state: an unknown token" 401 "" GET /api/state 0123456789abcdef0123456789abcdef
expect "move: an unknown token" 401 "" POST /api/move nope '{"decisions":{"share":2}}'
expect "teacher: a student's token is 403" 403 "" GET /api/teacher/class "$TKOR"
expect "teacher: an unknown token is 401" 401 "" POST /api/teacher/advance nope '{}'
expect "advance: unknown field" 400 rounds POST /api/teacher/advance "$TT" '{"rounds":3}'
expect "advance: time_limit of the wrong type" 400 time_limit POST /api/teacher/advance "$TT" '{"time_limit":"soon"}'
expect "advance: time_limit out of range" 400 time_limit POST /api/teacher/advance "$TT" '{"time_limit":-5}'
expect "advance: round of the wrong type" 400 round POST /api/teacher/advance "$TT" '{"round":"1"}'
expect "advance: round 0" 400 round POST /api/teacher/advance "$TT" '{"round":0}'
expect "advance: a round other than the next is 409" 409 round POST /api/teacher/advance "$TT" '{"round":2}'
# an unknown field's name cut at 60 bytes would end inside its last character
F="$(printf '%059d' 0 | tr 0 a)é"
expect "join: an unknown field whose name is cut inside a character is named whole" 400 "$F" \
  POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"X\",\"$F\":1}"
expect "advance: the same" 400 "$F" POST /api/teacher/advance "$TT" "{\"$F\":1}"
expect "stop: the same" 400 "$F" POST /api/teacher/stop "$TT" "{\"$F\":1}"
expect "a path with an encoded NUL is 404, not the page before it" 404 "" GET "/app.js%00.png" ""
# requests that break HTTP, sent as they are
printf 'POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\nExpect: 100-continue\r\n\r\n' >"$TMP/expect"
raw "$TMP/expect" >"$TMP/raw"
check "a body declared over 64 KiB is refused at once (413, no 100 Continue, none of it sent)" \
  eval '[ "$(status "$TMP/raw")" = 413 ] && grep -q "^{\"error\":\"the body is larger than 64 KiB\"}" "$TMP/raw"'
printf 'GET /api/info HTTP/1.0\r\n\r\n' >"$TMP/http10"
raw "$TMP/http10" >"$TMP/raw"
check "HTTP/1.0 without Host is answered" [ "$(status "$TMP/raw")" = 200 ]
printf 'GET /api/info HTTP/1.1\r\nConnection: close\r\n\r\n' >"$TMP/nohost"
raw "$TMP/nohost" >"$TMP/raw"
check "HTTP/1.1 without Host is 400" [ "$(status "$TMP/raw")" = 400 ]
printf 'GET /app .js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >"$TMP/space"
raw "$TMP/space" >"$TMP/raw"
check "a path with a space is closed unanswered" [ "$(cat "$TMP/raw")" = none ]
printf 'GET /api/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello' >"$TMP/twolengths"
raw "$TMP/twolengths" >"$TMP/raw"
check "two Content-Length headers are 400" eval '[ "$(status "$TMP/raw")" = 400 ] && grep -q "given twice" "$TMP/raw"'
printf 'POST /api/join HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n' >"$TMP/lengthchunked"
raw "$TMP/lengthchunked" >"$TMP/raw"
check "Content-Length with Transfer-Encoding is 400" eval '[ "$(status "$TMP/raw")" = 400 ] && grep -q "given twice" "$TMP/raw"'
expect "a GET on a POST endpoint is 405" 405 "" GET /api/move "$TKOR"
expect "a POST on a GET endpoint is 405" 405 "" POST /api/state "$TKOR" '{}'
expect "an unknown endpoint is 404" 404 "" GET /api/nothing ""
expect "an unknown page is 404" 404 "" GET /nothing.html ""

# two clicks on Start at once, each naming the round it opens: round 1 opens once
( RESP="$TMP/adv_a"; call POST /api/teacher/advance "$TT" '{"round":1}' >"$TMP/adv_a.code" ) &
adv_a=$!
( RESP="$TMP/adv_b"; call POST /api/teacher/advance "$TT" '{"round":1}' >"$TMP/adv_b.code" ) &
wait "$adv_a" "$!"
check "two advances to round 1 at once: one 200, one 409" \
  [ "$(printf '%s\n%s\n' "$(cat "$TMP/adv_a.code")" "$(cat "$TMP/adv_b.code")" | sort | tr '\n' ' ')" = "200 409 " ]
call GET /api/teacher/class "$TT" >/dev/null
check "the shared class has started at round 1" grep -q '"started":true.*"round":1,"join_code"' "$RESP"
expect "advance: a round open already is 409" 409 round POST /api/teacher/advance "$TT" '{"round":1}'
# the patron is asked first (its demands); the allies wait for it
code=$(call GET /api/state "$TUSA")
check "the patron is asked" grep -q '"status":"question"' "$RESP"
ukind=$(sed -n 's/.*"question":{"id":\([0-9]*\),"kind":"\([a-z_]*\)".*/\2/p' "$RESP")
uid=$(sed -n 's/.*"question":{"id":\([0-9]*\),.*/\1/p' "$RESP")
code=$(call GET /api/state "$TKOR")
check "an ally's state shows whom it waits for" grep -q '"waiting_for":"USA"' "$RESP"
check "an ally's state holds no other seat's belief" sh -c "! grep -q '\"students\"\\|\"seat\":\"USA\"\\|\"seat\":\"JPN\"' '$RESP'"
expect "move: nothing asked of this seat now" 409 "" POST /api/move "$TKOR" '{"decisions":{"share":2}}'
expect "move: acting for another seat" 403 seat POST /api/move "$TKOR" '{"seat":"USA","decisions":{"demand":1}}'
case $ukind in
  burden_sharing)
    expect "move: an unknown decision" 400 decisions.colour POST /api/move "$TUSA" '{"decisions":{"colour":1}}'
    expect "move: an unknown decision whose name is cut inside a character is named whole" 400 "decisions.$F" \
      POST /api/move "$TUSA" "{\"decisions\":{\"$F\":1}}"
    expect "move: a share of the wrong type" 400 decisions.share POST /api/move "$TUSA" '{"decisions":{"share":"2"}}'
    expect "move: a share out of range" 400 decisions.share POST /api/move "$TUSA" '{"decisions":{"share":150}}'
    expect "move: a missing share" 400 decisions.share POST /api/move "$TUSA" '{"decisions":{}}'
    expect "move: decisions not an object" 400 decisions POST /api/move "$TUSA" '{"decisions":[2]}'
    expect "move: an unknown field" 400 answer POST /api/move "$TUSA" '{"decisions":{"share":2},"answer":1}'
    expect "move: a stale question" 409 question POST /api/move "$TUSA" "{\"question\":$((uid + 100)),\"decisions\":{\"share\":2}}"
    ;;
  *) not_ok "the patron's first question is its budget" "got $ukind" ;;
esac
# a student sends half a request and goes away: the server goes on
( sleep 3 | curl -s -m 1 -X POST -H "Authorization: Bearer $TUSA" -H 'Content-Length: 500' --data-binary @- "$U/api/move" ) >/dev/null 2>&1
printf 'POST /api/move HTTP/1.1\r\nHost: x\r\nContent-Length: 400\r\n\r\n{"decisions":' > "$TMP/half"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$PORT" "$TMP/half" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(open(sys.argv[2], "rb").read())
s.close()
PY
fi
code=$(call GET /api/info "")
check "the server survives requests dropped half-sent" [ "$code" = 200 ]
code=$(call POST /api/move "$TUSA" "{\"question\":$uid,\"decisions\":{\"share\":3.5}}")
check "the patron's move is accepted" eval '[ "$code" = 200 ] && grep -q "\"accepted\":true" "$RESP"'
# the patron answers its questions in round 1, the allies theirs; JPN then stops answering (gone mid-round)
answer_all() {  # TOKEN: answer what this seat is asked until it is asked nothing (at most 60 questions)
  i=0
  while [ $i -lt 60 ]; do
    call GET /api/state "$1" >/dev/null
    kind=$(sed -n 's/.*"question":{"id":[0-9]*,"kind":"\([a-z_]*\)".*/\1/p' "$RESP")
    case $kind in
      burden_sharing) d='{"share":2.5}' ;;
      demand_answer) d='{"answer":"defy"}' ;;
      demand) d='{"demand":2,"threat":["drawdown","tech"]}' ;;
      enforce) d='{"execute":true}' ;;
      hedging) d='{"portfolio":[50,20,30]}' ;;
      commitment) d='{"commitment":0.6}' ;;
      matrix) d='{"move":"defect"}' ;;
      *) return 0 ;;
    esac
    call POST /api/move "$1" "{\"decisions\":$d}" >/dev/null
    i=$((i + 1))
  done
}
j=0
while [ $j -lt 20 ]; do answer_all "$TUSA"; answer_all "$TKOR"; j=$((j + 1)); done
call GET /api/teacher/class "$TT" >/dev/null
check "the teacher sees a student still deciding" grep -q '"name":"Jun","seat":"JPN","world":1,"status":"question"' "$RESP"
check "the teacher sees beliefs" grep -q '"belief":\[' "$RESP"
# the teacher moves on: JPN's decisions go to its scenario strategy
code=$(call POST /api/teacher/advance "$TT" '{"time_limit":3}')
check "the teacher advances past a silent student, with a time limit from now on" [ "$code" = 200 ]
k=0
while [ $k -lt 300 ]; do
  answer_all "$TUSA"; answer_all "$TKOR"
  call GET /api/teacher/class "$TT" >/dev/null
  grep -q '"finished":true' "$RESP" && break
  sleep 0.1; k=$((k + 1))
done
check "the shared game ends with a silent student (its strategy decided, round after round)" grep -q '"finished":true' "$RESP"
check "the silent student's late decisions are counted" grep -q '"name":"Jun","seat":"JPN","world":1,"status":"finished","moves":0,"late":[1-9]' "$RESP"
expect "advance after the end is 409" 409 "" POST /api/teacher/advance "$TT" '{}'
stop_server
check "the shared server exits 0" [ $? -eq 0 ]
check "one shared world" eval '[ -d "$TMP/shared/world-01" ] && [ ! -d "$TMP/shared/world-02" ]'
check "its manifest names the three seats" grep -q '"seats":\[{"seat":"USA","student":"Sam".*{"seat":"JPN","student":"Jun".*{"seat":"KOR","student":"Kim"' "$TMP/shared/world-01/manifest.json"
check "the students play as human" grep -q '"exit_leverage": {"name": "human"' "$TMP/shared/world-01/manifest.json"
check "the patron's threats are in the events" grep -q ',exit_leverage,threaten,USA,KOR,' "$TMP/shared/world-01/events.csv"
check "class.csv has the three students" [ "$(grep -c '^student,1,' "$TMP/shared/class.csv")" -eq 3 ]
"$ENTENTE" plot "$TMP/shared/world-01" >/dev/null 2>&1
check "entente plot reads the shared world" [ $? -eq 0 ]

# ---- connections: 127.0.0.2 and 127.0.0.3 stand for two computers of the room (only
# 127.0.0.1, this computer, is not limited). From 127.0.0.2, 420 connections, each a
# request begun and never finished (more than the server's 400 in all), and 20 from
# 127.0.0.1: the server keeps 16 of the first (the default limit an address) and
# every one of the others, answers 127.0.0.3 and 127.0.0.1 at once, and closes
# the slow ones within its 20 s for a request although each sends a header line
# every 2 s; then 127.0.0.2 is answered again
# conns PORT N MODE: opens N from 127.0.0.2 (and 20 from 127.0.0.1); prints key=value lines;
# MODE "count" stops after counting, "slow" goes on as above
conns() {
  python3 - "$@" <<'PY'
import select, socket, sys, time
port, n, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
REQ = b"GET /api/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"

def connect(src):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    return s

def served(src):
    try:
        s = connect(src)
        s.sendall(REQ)
        data = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            data += b
        s.close()
        return int(data.startswith(b"HTTP/1.1 200"))
    except OSError:
        return 0

def gone(s):
    """the server has closed s: end of stream, or reset"""
    try:
        r, _, _ = select.select([s], [], [], 0)
        return bool(r) and s.recv(1) == b""
    except OSError:
        return True

def begin(src, k):
    out = []
    for _ in range(k):
        try:
            s = connect(src)
            s.sendall(b"GET /api/info HTTP/1.1\r\n")
            out.append(s)
        except OSError:
            pass
    return out

held, local = begin("127.0.0.2", n), begin("127.0.0.1", 20 if mode == "slow" else 0)
time.sleep(1.5)
held = [s for s in held if not gone(s)]
local = [s for s in local if not gone(s)]
print("held=%d" % len(held))
if mode == "slow":
    print("local_held=%d" % len(local))
    print("other=%d" % served("127.0.0.3"))
    print("local=%d" % served("127.0.0.1"))
    slow, t0, closed = held + local, time.monotonic(), []
    while slow and time.monotonic() - t0 < 40:
        for s in list(slow):
            if not gone(s):
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                    continue
                except OSError:
                    pass
            closed.append(time.monotonic() - t0)
            slow.remove(s)
        time.sleep(2)
    print("still_open=%d" % len(slow))
    print("first_closed=%d" % (min(closed) if closed else -1))
    print("last_closed=%d" % (max(closed) if closed else -1))
    print("again=%d" % served("127.0.0.2"))
PY
}
start_server conns "$JPN" --rounds 2 --out "$TMP/conns"
conns "$PORT" 420 slow >"$TMP/conns.txt" 2>&1
sed 's/^/    /' "$TMP/conns.txt"
cget() { sed -n "s/^$1=//p" "$TMP/conns.txt"; }
check "an address holds 16 connections at most" [ "$(cget held)" = 16 ]
check "127.0.0.1 is not limited" [ "$(cget local_held)" = 20 ]
check "another address is answered while one holds all it may" [ "$(cget other)" = 1 ]
check "127.0.0.1 is answered too" [ "$(cget local)" = 1 ]
check "requests coming slowly are closed although they keep sending" [ "$(cget still_open)" = 0 ]
check "... not before 10 s, and within 30 s" eval '[ "$(cget first_closed)" -ge 10 ] && [ "$(cget last_closed)" -le 30 ]'
check "the address is answered again once its connections are closed" [ "$(cget again)" = 1 ]
stop_server
start_server perip "$JPN" --rounds 2 --max-per-address 3 --out "$TMP/perip"
conns "$PORT" 10 count >"$TMP/conns.txt" 2>&1
check "--max-per-address 3: an address holds 3" [ "$(cget held)" = 3 ]
stop_server

# ---- options ----------------------------------------------------------------------------------------
"$ENTENTE" classroom "$JPN" --mode parallel --seats JPN,KOR --port 0 >/dev/null 2>"$TMP/err"
check "parallel with two seats is refused" eval "[ $? -eq 2 ] && grep -q 'give one seat' \"\$TMP/err\""
"$ENTENTE" classroom "$JPN" --seats XXX --port 0 >/dev/null 2>"$TMP/err"
check "an unknown seat is refused, the agents listed" eval "[ $? -eq 2 ] && grep -q \"no agent 'XXX'.*JPN\" \"\$TMP/err\""
"$ENTENTE" classroom "$JPN" --listen nowhere --port 0 >/dev/null 2>"$TMP/err"
check "a bad --listen is refused" eval "[ $? -eq 2 ] && grep -q IPv4 \"\$TMP/err\""
"$ENTENTE" classroom "$JPN" --mode circus >/dev/null 2>"$TMP/err"
check "a bad --mode is refused" [ $? -eq 2 ]
"$ENTENTE" classroom "$JPN" --max-per-address 0 >/dev/null 2>"$TMP/err"
check "--max-per-address 0 is refused" [ $? -eq 2 ]
# Ctrl-C before anyone joined: the server ends cleanly
start_server sig "$JPN" --rounds 2 --out "$TMP/sig"
kill -INT "$SPID"
wait "$SPID"
check "SIGINT ends an idle class with status 0" [ $? -eq 0 ]
start_server room "$JPN" --listen 0.0.0.0 --rounds 2 --out "$TMP/room"
check "--listen 0.0.0.0 says the class is open to the room" grep -q "^Open to the room" "$TMP/room.log"
kill -TERM "$SPID"
wait "$SPID"
"$ENTENTE" help classroom | grep -q -- "--listen ADDR"
check "help classroom" [ $? -eq 0 ]
finish
