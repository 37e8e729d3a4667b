# SPDX-License-Identifier: GPL-3.0-or-later
# The classroom page in a headless Chromium (a declared test dependency,
# engine/tools/deps.sh), driven over the DevTools protocol by
# tests/cli/cdp_pipe.py: a student joins through the page's form, the teacher's
# page lists them and starts the game with its button, the student answers
# through the page's inputs and sees the plain-language feedback, the
# teacher's page shows the round, the student's status and inline SVG plots,
# and the two-round game runs to the debrief. A second class, started with
# --time-limit 600: the teacher's time-limit box shows 600, two clicks on Start
# open round 1 once and keep the limit, and a limit typed in the box goes with
# the next round. Screenshots of both pages go to
# $CLASSROOM_SCREENSHOTS when it is set. Every step has a time limit; the
# browser (its whole process group) and the server are stopped at the end.
. "$(dirname "$0")/lib.sh"
JPN="$ROOT/scenarios/japan_reactive_activism.yaml"
SPID=""
SPID2=""
PYPID=""
# the servers, and the browser's process group (its leader's pid is in $TMP/chromium.pid)
cleanup() {
  [ -n "$PYPID" ] && kill "$PYPID" 2>/dev/null && wait "$PYPID"
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null
  [ -n "$SPID2" ] && kill "$SPID2" 2>/dev/null
  [ -s "$TMP/chromium.pid" ] && kill -KILL -- "-$(cat "$TMP/chromium.pid")" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
BROWSER=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$BROWSER" ] || [ ! -x "$BROWSER" ]; then
  not_ok "chromium is installed (engine/tools/deps.sh TEST_PACKAGES)" "no chromium program${BROWSER:+ at $BROWSER}: the page was not tested"
  finish
  exit 1
fi
# under valgrind the server is slow: wait longer for each state
STEP=90
[ -n "${ENTENTE_WRAPPER:-}" ] && STEP=600

timeout 900 "$ENTENTE" classroom "$JPN" --mode parallel --seats JPN --rounds 2 --port 0 --out "$TMP/out" \
  >"$TMP/server.log" 2>"$TMP/server.err" &
SPID=$!
# the second class, with a time limit, and a student in it (joined over the API)
timeout 900 "$ENTENTE" classroom "$JPN" --mode parallel --seats JPN --rounds 2 --time-limit 600 --port 0 --out "$TMP/out2" \
  >"$TMP/server2.log" 2>"$TMP/server2.err" &
SPID2=$!
i=0
while [ $i -lt 1200 ] && kill -0 "$SPID" 2>/dev/null && ! grep -q '^Teacher token: ' "$TMP/server.log"; do sleep 0.05; i=$((i + 1)); done
while [ $i -lt 1200 ] && kill -0 "$SPID2" 2>/dev/null && ! grep -q '^Teacher token: ' "$TMP/server2.log"; do sleep 0.05; i=$((i + 1)); done
PORT=$(sed -n 's/^Port: //p' "$TMP/server.log")
CODE=$(sed -n 's/.*join code: //p' "$TMP/server.log")
TT=$(sed -n 's/^Teacher token: //p' "$TMP/server.log")
PORT2=$(sed -n 's/^Port: //p' "$TMP/server2.log")
TT2=$(sed -n 's/^Teacher token: //p' "$TMP/server2.log")
check "the servers started" eval '[ -n "$PORT" ] && [ -n "$CODE" ] && [ -n "$TT" ] && [ -n "$PORT2" ] && [ -n "$TT2" ]'
[ -n "$PORT" ] && [ -n "$PORT2" ] || { cat "$TMP/server.err" "$TMP/server2.err"; finish; exit 1; }
code=$(curl -s -m 20 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary "{\"code\":\"$(sed -n 's/.*join code: //p' "$TMP/server2.log")\",\"name\":\"Ben\"}" "http://127.0.0.1:$PORT2/api/join")
check "a student joins the second class" [ "$code" = 200 ]
SHOTS=${CLASSROOM_SCREENSHOTS:-}
[ -n "$SHOTS" ] && mkdir -p "$SHOTS"

# the browser's part prints ok / not ok lines itself; it is stopped after 10 minutes whatever happens
# (in the background, so that a signal to this script reaches the clean-up at once)
timeout -k 10 600 python3 - "$ROOT/tests/cli" "$BROWSER" "$TMP/profile" "http://127.0.0.1:$PORT" "$CODE" "$TT" \
  "$STEP" "$SHOTS" "$TMP/chromium.log" "$TMP/chromium.pid" "http://127.0.0.1:$PORT2" "$TT2" <<'PY' &
import json, signal, sys, time, urllib.request
sys.path.insert(0, sys.argv[1])
from cdp_pipe import Browser, CDPError
browser, profile, url, code, tt, step, shots, logf, pidf, url2, tt2 = sys.argv[2:13]
# stopped by timeout: the browser is closed on the way out
signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
step = float(step)
fails = 0

def check(name, cond, detail=""):
    global fails
    if cond:
        print("ok - " + name)
    else:
        fails += 1
        print("not ok - " + name)
        if detail:
            print("    " + str(detail)[:600])
    sys.stdout.flush()
    return cond

try:
    b = Browser(browser, profile, timeout=max(60, step), log=open(logf, "w"), pidfile=pidf)
except OSError as e:
    check("chromium starts", False, e)
    sys.exit(1)
try:
    T = b.open(url + "/teacher#" + tt)
    S = b.open(url + "/")
    text = lambda s, css: b.eval(s, "(() => { const e = document.querySelector(%r); return e ? e.textContent : null; })()" % css)
    # ---- joining through the form
    check("the student's page shows the join form with the seats",
          b.wait(S, "!document.getElementById('join').hidden && document.getElementById('seat').options.length > 0", step),
          text(S, "body"))
    check("the teacher's page shows the join code",
          b.wait(T, "document.getElementById('tjoin').textContent.includes(%r)" % code, step), text(T, "#tjoin"))
    b.eval(S, """(() => {
      document.getElementById('code').value = %r;
      document.getElementById('name').value = 'Aiko';
      document.querySelector('#joinform button[type=submit]').click(); return true; })()""" % code.lower())
    check("after joining the student's page says the seat is taken and waits for the start",
          b.wait(S, "!document.getElementById('student').hidden && document.getElementById('status').textContent.includes('Waiting for the teacher to start')", step),
          text(S, "#status") or text(S, "#joinerr"))
    check("the student's page names the student and the seat",
          "Aiko" in (text(S, "#who") or "") and "JPN" in (text(S, "#who") or ""), text(S, "#who"))
    check("the teacher's page lists the student",
          b.wait(T, "[...document.querySelectorAll('#class tbody tr')].some((r) => r.cells[0].textContent === 'Aiko' && r.cells[1].textContent === 'JPN')", step),
          text(T, "#class"))
    check("the teacher's page says the game has not started", "Not started" in (text(T, "#tround") or ""), text(T, "#tround"))
    # ---- the teacher starts the game with the page's button
    check("the teacher's button says it starts the game", text(T, "#advance") == "Start the game", text(T, "#advance"))
    b.eval(T, "document.getElementById('advance').click(), true")
    check("the teacher's page shows round 1 of 2", b.wait(T, "document.getElementById('tround').textContent.startsWith('Round 1 of 2')", step),
          text(T, "#tround"))
    # ---- the student answers through the page's inputs
    q = b.wait(S, "(() => { const h = document.querySelector('#question h3'); return h && h.textContent.startsWith('Round 1:') ? h.textContent : null; })()", step)
    check("the student's page shows round 1's first question", q, text(S, "#student"))
    check("the question comes with its situation in sentences", (b.eval(S, "document.querySelectorAll('#question .situation p').length") or 0) >= 1,
          text(S, "#question"))
    check("the student's page says it is their turn", "Your turn" in (text(S, "#status") or ""), text(S, "#status"))
    check("the teacher's page shows the student deciding",
          b.wait(T, "[...document.querySelectorAll('#class tbody tr')].some((r) => r.cells[0].textContent === 'Aiko' && r.cells[2].textContent.startsWith('deciding'))", step),
          text(T, "#class"))
    if shots:
        b.screenshot(S, shots + "/student-question.png")
        b.screenshot(T, shots + "/teacher-round1.png")
    # every question of round 1: a value typed into the first number field when there is one, then Send
    answered = 0
    for n in range(12):
        qid = b.eval(S, "document.querySelector('#question form') ? document.querySelector('#question h3').textContent : null")
        if not qid:
            break
        b.eval(S, """(() => {
          const f = document.querySelector('#question form');
          const k = f.querySelector('#f_share, #f_k');
          if (k) { k.value = k.id === 'f_share' ? '2.4' : '0.7'; k.dispatchEvent(new Event('input', {bubbles: true})); }
          f.querySelector('button[type=submit]').click(); return true; })()""")
        answered += 1
        # the page shows the next question, or no question (waiting) once the move is taken
        b.wait(S, "(() => { const h = document.querySelector('#question h3'); return !h || h.textContent !== %r || document.getElementById('moveerr').textContent !== ''; })()" % qid, step)
        err = text(S, "#moveerr")
        if err:
            check("a move sent through the page is accepted", False, err)
            break
    check("the student answered round 1's questions through the page (%d)" % answered, answered >= 1)
    check("after the last answer the page waits for the teacher",
          b.wait(S, "document.getElementById('status').textContent.includes('Waiting for the teacher') && !document.querySelector('#question form')", step),
          text(S, "#status"))
    fb = b.wait(S, "(() => { const c = document.querySelector('#feedback .card'); return c && c.querySelectorAll('p').length ? c.textContent : null; })()", step)
    check("the student's page shows what came of round 1 in plain sentences", fb and "Round 1: what came of it" in fb, text(S, "#feedback"))
    check("the feedback names the defence share typed in (2.40% of GDP)", fb and "2.40%" in fb, fb)
    check("the student's page draws their own plots (inline SVG)",
          b.wait(S, "document.querySelectorAll('#myplots figure svg polyline, #myplots figure svg circle').length > 0", step), text(S, "#myplots"))
    check("the teacher's page says everyone has moved",
          b.wait(T, "document.getElementById('tjoin').textContent.includes('everyone has moved')", step), text(T, "#tjoin"))
    check("the teacher's page shows the student waiting, with their moves counted",
          b.wait(T, "[...document.querySelectorAll('#class tbody tr')].some((r) => r.cells[0].textContent === 'Aiko' && r.cells[2].textContent === 'waiting' && Number(r.cells[3].textContent) >= 1 && r.cells[4].textContent === '0')", step),
          text(T, "#class"))
    check("the teacher's page draws the class's plots (inline SVG)",
          b.wait(T, "document.querySelectorAll('#plots figure svg polyline, #plots figure svg circle').length > 0", step), text(T, "#plots"))
    check("the teacher's plots have titles",
          "Defence shares" in (text(T, "#plots") or ""), text(T, "#plots"))
    if shots:
        b.screenshot(S, shots + "/student-feedback.png")
        b.screenshot(T, shots + "/teacher-moved.png")
    # ---- round 2 left unanswered: the teacher closes it; the game ends with the debrief
    check("the teacher's button now opens the next round", text(T, "#advance") == "Next round", text(T, "#advance"))
    b.eval(T, "document.getElementById('advance').click(), true")
    check("the teacher's page shows round 2 of 2", b.wait(T, "document.getElementById('tround').textContent.startsWith('Round 2 of 2')", step),
          text(T, "#tround"))
    check("the student's page shows round 2's question",
          b.wait(S, "(() => { const h = document.querySelector('#question h3'); return h && h.textContent.startsWith('Round 2:'); })()", step),
          text(S, "#student"))
    b.eval(T, "document.getElementById('advance').click(), true")
    check("the teacher's page says the game is over",
          b.wait(T, "document.getElementById('tround').textContent === 'The game is over'", step), text(T, "#tround"))
    check("the teacher's page shows the debrief table with the student and the built-in strategies",
          b.wait(T, "(() => { const t = document.querySelector('#debrief table'); return t && t.textContent.includes('Aiko') && t.textContent.includes('built-in'); })()", step),
          text(T, "#debrief"))
    check("the debrief draws the paths (inline SVG)",
          b.wait(T, "document.querySelectorAll('#debrief svg polyline').length > 0", step), text(T, "#debrief"))
    check("the student's page says the game is over, with their payoff",
          b.wait(S, "document.getElementById('status').textContent.includes('The game is over. Your discounted payoff')", step),
          text(S, "#status"))
    check("the student's late decision (round 2) is counted on the teacher's page",
          b.wait(T, "[...document.querySelectorAll('#class tbody tr')].some((r) => r.cells[0].textContent === 'Aiko' && Number(r.cells[4].textContent) >= 1)", step),
          text(T, "#class"))
    if shots:
        b.screenshot(S, shots + "/student-end.png")
        b.screenshot(T, shots + "/teacher-debrief.png")
    errs = b.eval(T, "document.getElementById('terr').textContent") or ""
    check("the teacher's page shows no error", errs == "", errs)
    # ---- the second class, --time-limit 600: the page keeps the class's limit
    T2 = b.open(url2 + "/teacher#" + tt2)
    check("the time-limit box shows the class's own limit (600 s)",
          b.wait(T2, "document.getElementById('tlimit').value === '600'", step),
          b.eval(T2, "document.getElementById('tlimit').value"))
    b.eval(T2, "document.getElementById('advance').click(), document.getElementById('advance').click(), true")
    check("the second class's page shows round 1",
          b.wait(T2, "document.getElementById('tround').textContent.startsWith('Round ')", step), text(T2, "#tround"))
    time.sleep(1)
    def class2():
        req = urllib.request.Request(url2 + "/api/teacher/class", headers={"Authorization": "Bearer " + tt2})
        return json.load(urllib.request.urlopen(req, timeout=20))
    cls = class2()
    check("Start on the page kept the class's time limit", cls.get("time_limit") == 600, cls.get("time_limit"))
    check("two clicks on Start opened round 1 once", cls.get("round") == 1, cls.get("round"))
    b.eval(T2, """(() => { const t = document.getElementById('tlimit');
      t.value = '300'; t.dispatchEvent(new Event('input', {bubbles: true}));
      document.getElementById('advance').click(); return true; })()""")
    b.wait(T2, "document.getElementById('tround').textContent.startsWith('Round 2 of 2')", step)
    cls = class2()
    check("a time limit typed in the box goes with Next round", cls.get("round") == 2 and cls.get("time_limit") == 300,
          (cls.get("round"), cls.get("time_limit")))
except CDPError as e:
    check("the browser answered every step", False, e)
finally:
    b.close()
sys.exit(1 if fails else 0)
PY
PYPID=$!
wait "$PYPID"
rc=$?
PYPID=""
[ $rc -eq 0 ] || { FAILS=$((FAILS + 1)); grep -v -i 'dbus\|^/usr/bin/chromium' "$TMP/chromium.log" | head -10; }
[ $rc -eq 124 ] && echo "not ok - the browser's part finished within 10 minutes"

# the server writes the class's results when the teacher ends it
curl -s -m 20 -X POST -H "Authorization: Bearer $TT" "http://127.0.0.1:$PORT/api/teacher/stop" >/dev/null
i=0
while [ $i -lt 600 ] && kill -0 "$SPID" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
kill -0 "$SPID" 2>/dev/null && kill "$SPID"
wait "$SPID"
check "the server exits 0 when the teacher ends the class" [ $? -eq 0 ]
SPID=""
kill "$SPID2" 2>/dev/null
wait "$SPID2"
SPID2=""
PYPID=""
check "the world's trace was written" [ -s "$TMP/out/world-01/trace.csv" ]
check "class.csv names the student who joined through the page" grep -q '^student,1,JPN,Aiko,' "$TMP/out/class.csv"
if [ -n "$SHOTS" ]; then
  for f in student-question student-feedback student-end teacher-round1 teacher-moved teacher-debrief; do
    check "screenshot $f.png is a PNG" sh -c "head -c 8 '$SHOTS/$f.png' | od -An -c | grep -q 'P   N   G'"
  done
fi
finish
