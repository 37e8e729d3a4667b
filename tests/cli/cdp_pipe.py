# SPDX-License-Identifier: GPL-3.0-or-later
# cdp_pipe.py: drive a headless Chromium through the DevTools protocol over
# --remote-debugging-pipe, with the Python standard library alone (no
# network, no package). Chromium reads commands on its fd 3 and writes
# replies and events on its fd 4, each message JSON ended by a NUL byte.
# Every call has a time limit; close() ends the browser's whole process group.
# Used by tests/cli/test_classroom_page.sh:
#   b = Browser("chromium", profile_dir); s = b.open(url)
#   b.eval(s, "document.title"); b.wait(s, "expr", 30); b.screenshot(s, "x.png")
#   b.close()
import base64
import fcntl
import json
import os
import signal
import subprocess
import threading
import time


class CDPError(Exception):
    pass


class Browser:
    def __init__(self, binary, profile, timeout=60, width=1100, height=900, log=None, pidfile=None):
        self.timeout = timeout
        self.next_id = 0
        self.replies = {}
        self.cond = threading.Condition()
        self.dead = False
        # our ends and the browser's, the latter moved to fd 3 and 4 in the child
        cmd_r, cmd_w = os.pipe()
        rep_r, rep_w = os.pipe()
        hi_r = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
        hi_w = fcntl.fcntl(rep_w, fcntl.F_DUPFD, 10)
        os.close(cmd_r)
        os.close(rep_w)

        # (our own ends are not inherited: os.pipe's descriptors close on exec;
        # close_fds stays off, else it would close 3 and 4 after child())
        def child():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-sync", "--disable-background-networking",
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows", "--disable-dev-shm-usage",
                "--window-size=%d,%d" % (width, height), "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log or subprocess.DEVNULL,
                                     stderr=log or subprocess.DEVNULL, close_fds=False,
                                     preexec_fn=child, start_new_session=True)
        os.close(hi_r)
        os.close(hi_w)
        if pidfile:
            # the browser leads its own process group: a caller's clean-up can end it all
            with open(pidfile, "w") as f:
                f.write("%d\n" % self.proc.pid)
        self.wfd = cmd_w
        self.rfd = rep_r
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self.rfd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                with self.cond:
                    self.dead = True
                    self.cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                msg, buf = buf.split(b"\0", 1)
                try:
                    m = json.loads(msg)
                except ValueError:
                    continue
                if "id" in m:
                    with self.cond:
                        self.replies[m["id"]] = m
                        self.cond.notify_all()

    def call(self, method, params=None, session=None, timeout=None):
        """Send a command; its result, or CDPError on an error or after the time limit."""
        self.next_id += 1
        i = self.next_id
        m = {"id": i, "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        data = json.dumps(m).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.wfd, data):]
        except OSError as e:
            raise CDPError("%s: the browser is gone (%s)" % (method, e))
        end = time.monotonic() + (timeout or self.timeout)
        with self.cond:
            while i not in self.replies:
                left = end - time.monotonic()
                if left <= 0:
                    raise CDPError("%s: no answer in %s s" % (method, timeout or self.timeout))
                if self.dead:
                    raise CDPError("%s: the browser exited" % method)
                self.cond.wait(min(left, 0.5))
            r = self.replies.pop(i)
        if "error" in r:
            raise CDPError("%s: %s" % (method, r["error"].get("message")))
        return r.get("result", {})

    def open(self, url):
        """A new tab on URL; its session id (flat mode)."""
        t = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = self.call("Target.attachToTarget", {"targetId": t, "flatten": True})["sessionId"]
        self.call("Page.enable", session=s)
        self.call("Runtime.enable", session=s)
        self.call("Page.navigate", {"url": url}, session=s)
        return s

    def eval(self, session, expr, timeout=None):
        """The value of a JavaScript expression in the page (promises awaited)."""
        r = self.call("Runtime.evaluate", {"expression": expr, "awaitPromise": True, "returnByValue": True},
                      session=session, timeout=timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise CDPError("evaluate %r: %s" % (expr[:80], d.get("exception", {}).get("description") or d.get("text")))
        return r.get("result", {}).get("value")

    def wait(self, session, expr, timeout=60, every=0.25):
        """Poll EXPR until it is truthy: its value, or None after TIMEOUT seconds."""
        end = time.monotonic() + timeout
        while True:
            try:
                v = self.eval(session, expr, timeout=max(5, min(30, end - time.monotonic())))
            except CDPError:
                v = None
            if v:
                return v
            if time.monotonic() >= end:
                return None
            time.sleep(every)

    def screenshot(self, session, path):
        """A PNG of the whole page, below the fold too."""
        m = self.call("Page.getLayoutMetrics", session=session)
        size = m.get("cssContentSize") or m.get("contentSize")
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        r = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                      session=session, timeout=60)
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except CDPError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        # the browser's helpers (renderer, zygote) are in its process group
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
