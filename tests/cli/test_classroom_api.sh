# SPDX-License-Identifier: GPL-3.0-or-later
# entente classroom over loopback, with curl: a class of 30 students in
# parallel worlds plays a 10-round scenario to the end, and each world's run
# folder equals `entente play` given the same answers; a shared world with a
# patron and two allies; every kind of malformed request gets its 4xx and a
# JSON error; a student's token cannot act for another seat or see the class;
# the server survives a student who drops a request half-sent or stops
# answering mid-round. Servers listen on free ports (--port 0), every request
# and every wait has a time limit, and every server is stopped.
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
check "the server prints the chosen port" [ -n "$PORT" ] && [ "$PORT" -gt 0 ]
check "the server prints a join code" [ -n "$CODE" ]
check "the server prints the teacher's address with its token" grep -q "^Teacher:  http://127.0.0.1:$PORT/teacher#$TT\$" "$TMP/par.log"
check "by default it listens on 127.0.0.1 only, and says so" grep -q "^Listening on 127.0.0.1 only" "$TMP/par.log"
code=$(call GET / "")
check "the page is served" [ "$code" = 200 ] && grep -q '<script src="/app.js">' "$RESP"
code=$(call GET /app.js "")
check "its script is served" [ "$code" = 200 ] && grep -q "api/move" "$RESP"
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
check "the teacher starts round 1" [ "$code" = 200 ] && grep -q '"round":1' "$RESP"
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
  [ "$(grep -c '^student,' "$TMP/par/class.csv")" -eq $NSTUD ] && grep -q '^builtin,NA,JPN,NA,scenario,' "$TMP/par/class.csv"
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
  i=0
  while [ $i -lt 80 ]; do
    call POST /api/teacher/advance "$TT" '{}' >/dev/null
    call GET /api/teacher/class "$TT" >/dev/null
    grep -q '"finished":true' "$RESP" && break
    sleep 0.2; i=$((i + 1))
  done
  check "$sc, $seat silent: the class finished" grep -q '"finished":true' "$RESP"
  stop_server
  "$ENTENTE" run "$S/$sc.yaml" --rounds "$rr" --out "$TMP/silent_run_$sc" --quiet
  w="$TMP/silent_$sc/world-01"
  check "$sc, $seat silent: the world equals entente run" \
    sh -c "cmp -s '$w/trace.csv' '$TMP/silent_run_$sc/trace.csv' && cmp -s '$w/outcomes.csv' '$TMP/silent_run_$sc/outcomes.csv' && cmp -s '$w/events.csv' '$TMP/silent_run_$sc/events.csv'"
done

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
check "info lists the seats" [ "$code" = 200 ] && grep -q '"code":"USA","name":"United States","taken":false' "$RESP"
code=$(call POST /api/join "" "{\"code\":\"$(echo "$CODE" | tr 'A-Z' 'a-z')\",\"name\":\"Kim\",\"seat\":\"KOR\"}")
check "join: the code's case does not matter" [ "$code" = 200 ]
TKOR=$(jget token)
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Kai\",\"seat\":\"KOR\"}")
check "join: a taken seat is 409" [ "$code" = 409 ] && grep -q '"field":"seat"' "$RESP"
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Kim\",\"seat\":\"JPN\"}")
check "join: a taken name is 409" [ "$code" = 409 ]
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Sam\",\"seat\":\"USA\"}")
TUSA=$(jget token)
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Jun\",\"seat\":\"JPN\"}")
TJPN=$(jget token)
check "three students seated" [ -n "$TUSA" ] && [ -n "$TJPN" ] && [ -n "$TKOR" ]
code=$(call POST /api/join "" "{\"code\":\"$CODE\",\"name\":\"Late\"}")
check "join: no seat left is 409" [ "$code" = 409 ]
code=$(call POST /api/move "$TKOR" '{"decisions":{"share":2}}')
check "move before the start is 409" [ "$code" = 409 ]

# ---- malformed requests: each a 4xx with a JSON error, never a crash ----------------------------
expect() {  # NAME STATUS FIELD METHOD PATH TOKEN [BODY]
  n=$1; want=$2; field=$3; shift 3
  got=$(call "$@")
  if [ "$got" = "$want" ] && grep -q '^{"error":"' "$RESP" && { [ -z "$field" ] || grep -q "\"field\":\"$field\"" "$RESP"; }; then
    ok "$n"
  else
    not_ok "$n" "status $got (want $want), body: $(head -c 300 "$RESP")"
  fi
}
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
check "join: a body over 64 KiB is 413 with a JSON error" [ "$code" = 413 ] && grep -q '"error"' "$RESP"
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
expect "a GET on a POST endpoint is 405" 405 "" GET /api/move "$TKOR"
expect "a POST on a GET endpoint is 405" 405 "" POST /api/state "$TKOR" '{}'
expect "an unknown endpoint is 404" 404 "" GET /api/nothing ""
expect "an unknown page is 404" 404 "" GET /nothing.html ""

code=$(call POST /api/teacher/advance "$TT" '{}')
check "the shared class starts" [ "$code" = 200 ]
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
check "the patron's move is accepted" [ "$code" = 200 ] && grep -q '"accepted":true' "$RESP"
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
check "one shared world" [ -d "$TMP/shared/world-01" ] && [ ! -d "$TMP/shared/world-02" ]
check "its manifest names the three seats" grep -q '"seats":\[{"seat":"USA","student":"Sam".*{"seat":"JPN","student":"Jun".*{"seat":"KOR","student":"Kim"' "$TMP/shared/world-01/manifest.json"
check "the students play as human" grep -q '"exit_leverage": {"name": "human"' "$TMP/shared/world-01/manifest.json"
check "the patron's threats are in the events" grep -q ',exit_leverage,threaten,USA,KOR,' "$TMP/shared/world-01/events.csv"
check "class.csv has the three students" [ "$(grep -c '^student,1,' "$TMP/shared/class.csv")" -eq 3 ]
"$ENTENTE" plot "$TMP/shared/world-01" >/dev/null 2>&1
check "entente plot reads the shared world" [ $? -eq 0 ]

# ---- options ----------------------------------------------------------------------------------------
"$ENTENTE" classroom "$JPN" --mode parallel --seats JPN,KOR --port 0 >/dev/null 2>"$TMP/err"
check "parallel with two seats is refused" [ $? -eq 2 ] && grep -q "give one seat" "$TMP/err"
"$ENTENTE" classroom "$JPN" --seats XXX --port 0 >/dev/null 2>"$TMP/err"
check "an unknown seat is refused, the agents listed" [ $? -eq 2 ] && grep -q "no agent 'XXX'.*JPN" "$TMP/err"
"$ENTENTE" classroom "$JPN" --listen nowhere --port 0 >/dev/null 2>"$TMP/err"
check "a bad --listen is refused" [ $? -eq 2 ] && grep -q "IPv4" "$TMP/err"
"$ENTENTE" classroom "$JPN" --mode circus >/dev/null 2>"$TMP/err"
check "a bad --mode is refused" [ $? -eq 2 ]
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
