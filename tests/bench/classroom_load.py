# SPDX-License-Identifier: GPL-3.0-or-later
# classroom_load.py: a class on loopback against `entente classroom`, with the
# Python standard library (a thread and a keep-alive HTTP connection per
# student): N students join a parallel-mode class (one seat, a world each),
# answer every question they are asked, and the teacher opens each round once
# every world has finished the last. Every request's latency and status is
# recorded; the server's resident memory (VmRSS of the entente-classroom
# process) is read once round 5 and once the last round is played.
# Prints the figures, then a line "RESULT key=value ..." for scripts.
# Used by tests/bench/classroom.sh (figures) and tests/cli/test_classroom_load.sh
# (memory stays flat, every request answered 2xx).
# usage: python3 classroom_load.py ENTENTE SCENARIO --students N --rounds R --out DIR
import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("entente")
ap.add_argument("scenario")
ap.add_argument("--students", type=int, default=40)
ap.add_argument("--rounds", type=int, default=20)
ap.add_argument("--seat", default="JPN")
ap.add_argument("--out", required=True)
ap.add_argument("--poll", type=float, default=0.25, help="seconds between a waiting client's requests")
ap.add_argument("--limit", type=float, default=900, help="seconds before the whole class is given up")
ap.add_argument("--mark", type=int, default=5, help="the round after which memory is read first")
a = ap.parse_args()

T0 = time.monotonic()
DEADLINE = T0 + a.limit
lock = threading.Lock()
records = []          # (endpoint, status, seconds)
problems = []
sizes = []            # bytes of each answer


def note(msg):
    with lock:
        problems.append(msg)


class Client:
    def __init__(self, port, token=None):
        self.port = port
        self.token = token
        self.conn = None

    def req(self, method, path, body=None, name=None):
        """Status and decoded JSON body; the latency is recorded under NAME (default PATH)."""
        hdr = {}
        if self.token:
            hdr["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdr["Content-Type"] = "application/json"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            t = time.monotonic()
            try:
                self.conn.request(method, path, body=data, headers=hdr)
                r = self.conn.getresponse()
                raw = r.read()
                dt = time.monotonic() - t
                status = r.status
                if r.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = None
            except (OSError, http.client.HTTPException) as e:
                # a connection the server closed between two requests is opened
                # again once; anything else is a failed request
                self.conn.close()
                self.conn = None
                if attempt == 1 and isinstance(e, (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)):
                    continue
                with lock:
                    records.append((name or path, 0, time.monotonic() - t))
                note("%s %s: %s" % (method, path, e))
                return 0, {}
            with lock:
                records.append((name or path, status, dt))
                sizes.append(len(raw))
            try:
                j = json.loads(raw)
            except ValueError:
                j = {}
            if not 200 <= status < 300:
                note("%s %s: %d %s" % (method, path, status, raw[:200]))
            return status, j
        return 0, {}


def decisions(q, k):
    kind, r, s = q["kind"], q["round"], q.get("situation", {})
    if kind == "burden_sharing":
        return {"share": round(1.5 + (k % 7) * 0.1 + r * 0.05, 2)}
    if kind == "demand_answer":
        c = (k + r) % 3
        if c == 0:
            return {"answer": "comply"}
        if c == 1:
            return {"answer": "defy"}
        return {"answer": "offer", "offer": s.get("demand", 1.0) / 2}
    if kind == "hedging":
        x, y = 50 + k % 20, 20 - k % 10
        return {"portfolio": [x, y, 100 - x - y]}
    if kind == "commitment":
        return {"commitment": 0.3 + ((k + r) % 7) / 10}
    if kind == "demand":
        return {"demand": 1 + (k + r) % 4, "threat": ["tariffs"]}
    if kind == "enforce":
        return {"execute": False}
    if kind == "matrix":
        return {"move": "cooperate" if (k + r) % 2 == 0 else "defect"}
    return {}


def student(port, code, k, done):
    c = Client(port)
    st, j = c.req("POST", "/api/join", {"code": code, "name": "s%d" % k, "seat": a.seat}, "/api/join")
    if st != 200:
        done[k] = "join %d" % st
        return
    c.token = j["token"]
    st, s = c.req("GET", "/api/state")
    while time.monotonic() < DEADLINE:
        if st != 200:
            done[k] = "state %d" % st
            return
        if s.get("status") == "finished":
            done[k] = "finished"
            return
        q = s.get("question")
        if q:
            st, j = c.req("POST", "/api/move", {"question": q["id"], "decisions": decisions(q, k)})
            s = j.get("state", {})
            if st != 200:
                done[k] = "move %d" % st
                return
            continue
        time.sleep(a.poll)
        st, s = c.req("GET", "/api/state")
    done[k] = "timed out"


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def main():
    errf = tempfile.TemporaryFile("w+")
    srv = subprocess.Popen([a.entente, "classroom", a.scenario, "--mode", "parallel", "--seats", a.seat,
                            "--rounds", str(a.rounds), "--port", "0", "--max-students", str(max(a.students, 1)),
                            "--out", a.out], stdout=subprocess.PIPE, stderr=errf, text=True)
    SERVER.append(srv)
    info = {}

    def read_out():
        for line in srv.stdout:
            for key, pre in (("port", "Port: "), ("token", "Teacher token: ")):
                if line.startswith(pre):
                    info[key] = line[len(pre):].strip()
            if "join code: " in line:
                info["code"] = line.split("join code: ")[1].strip()
    threading.Thread(target=read_out, daemon=True).start()
    while "token" not in info and srv.poll() is None and time.monotonic() < T0 + 60:
        time.sleep(0.02)
    if "token" not in info:
        srv.kill()
        srv.wait()
        errf.seek(0)
        print("the server did not start: %s" % errf.read()[:500])
        return 1
    port = int(info["port"])
    # `entente classroom` executes entente-classroom in its own process
    exe = os.path.basename(os.readlink("/proc/%d/exe" % srv.pid)) if os.path.exists("/proc/%d/exe" % srv.pid) else "?"
    teacher = Client(port, info["token"])
    done = {}
    ths = [threading.Thread(target=student, args=(port, info["code"], k, done), daemon=True)
           for k in range(1, a.students + 1)]
    t_start = time.monotonic()
    for t in ths:
        t.start()
    rss = {}
    ok = True
    # every student seated, then the teacher starts and opens each round when every world has finished the last
    while time.monotonic() < DEADLINE:
        st, c = teacher.req("GET", "/api/teacher/class")
        if st == 200 and len(c.get("students", [])) == a.students:
            break
        time.sleep(a.poll)
    rss["joined"] = rss_kb(srv.pid)
    teacher.req("POST", "/api/teacher/advance", {})
    r = 1
    while time.monotonic() < DEADLINE:
        st, c = teacher.req("GET", "/api/teacher/class")
        if st != 200:
            ok = False
            break
        if c.get("all_moved") and c.get("round") == r:
            if r == a.mark:
                rss["mark"] = rss_kb(srv.pid)
            if r == a.rounds:
                # the last round played ends the game: nothing to advance
                rss["last"] = rss_kb(srv.pid)
                break
            teacher.req("POST", "/api/teacher/advance", {})
            r += 1
            continue
        time.sleep(a.poll)
    while time.monotonic() < DEADLINE:
        st, c = teacher.req("GET", "/api/teacher/class")
        if st != 200 or c.get("finished"):
            break
        time.sleep(a.poll)
    for t in ths:
        t.join(max(1, DEADLINE - time.monotonic()))
    t_end = time.monotonic()
    rss["finished"] = rss_kb(srv.pid)
    late = sum(s.get("late", 0) for s in c.get("students", []))
    # the stop is not counted with the class's requests: the server may close
    # the connection before its answer is out, as it stops the web library
    # once the worlds are done (the exit status says whether it ended well)
    try:
        sc = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        sc.request("POST", "/api/teacher/stop", body=b"{}", headers={"Authorization": "Bearer " + info["token"],
                                                                    "Content-Type": "application/json"})
        stop = "answered %d" % sc.getresponse().status
        sc.close()
    except (OSError, http.client.HTTPException) as e:
        stop = "not answered (%s)" % e.__class__.__name__
    try:
        code = srv.wait(max(30, DEADLINE - time.monotonic()))
    except subprocess.TimeoutExpired:
        srv.kill()
        code = -1
        ok = False

    # ---- the figures
    finished = sum(1 for v in done.values() if v == "finished")
    bad = [x for x in records if not 200 <= x[1] < 300]
    span = t_end - t_start
    print("class: %d students, %d rounds, parallel mode (seat %s), %s on loopback; server %s" %
          (a.students, a.rounds, a.seat, os.path.basename(a.scenario), exe))
    print("%-22s %7s %9s %9s %9s" % ("endpoint", "requests", "median", "p90", "max"))

    def pct(xs, p):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(p * (len(xs) - 1) + 0.5))]
    for ep in sorted(set(x[0] for x in records)):
        xs = [x[2] * 1000 for x in records if x[0] == ep]
        print("%-22s %7d %7.1f ms %6.1f ms %6.1f ms" % (ep, len(xs), pct(xs, 0.5), pct(xs, 0.9), max(xs)))
    print("%d requests in %.1f s: %.0f requests/s; %d not 2xx; %d of %d students finished; %d late decisions" %
          (len(records), span, len(records) / span if span > 0 else 0, len(bad), finished, a.students, late))
    print("answers: %.1f kB on average, %.1f MB in all" % (sum(sizes) / max(1, len(sizes)) / 1000, sum(sizes) / 1e6))
    print("server VmRSS: %.1f MB with the class seated, %.1f MB after round %d, %.1f MB after round %d, %.1f MB at the end (debrief made)" %
          (rss.get("joined", -1) / 1024, rss.get("mark", -1) / 1024, a.mark, rss.get("last", -1) / 1024, a.rounds,
           rss.get("finished", -1) / 1024))
    print("teacher's stop: %s; the server exited with status %d" % (stop, code))
    for p in problems[:5]:
        print("  problem: " + p)
    print("RESULT requests=%d not_2xx=%d finished=%d students=%d rss_mark_kb=%d rss_last_kb=%d rss_end_kb=%d exit=%d seconds=%.1f" %
          (len(records), len(bad), finished, a.students, rss.get("mark", -1), rss.get("last", -1),
           rss.get("finished", -1), code, span))
    return 0 if ok and not bad and finished == a.students and code == 0 else 1


# stopped by timeout or Ctrl-C: the server goes too
SERVER = []
signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
try:
    status = main()
finally:
    for p in SERVER:
        if p.poll() is None:
            p.kill()
            p.wait()
sys.exit(status)
