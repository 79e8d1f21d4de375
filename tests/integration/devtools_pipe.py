"""Headless Chromium driven through the DevTools protocol over a pipe, with the standard library
only (tests/integration/check_explore.py).

Chromium started with --remote-debugging-pipe reads the protocol's commands on its file
descriptor 3 and writes replies and events on 4, each message a JSON object followed by a NUL
byte. Browser.open() starts it with a fresh profile, opens a tab (Target.createTarget) and
attaches to it with a flat session (Target.attachToTarget, flatten: true), so that every
command of the page's domains (Page, Runtime, Input, ...) carries the session's id.

    with Browser(chromium, work_dir) as browser:
        page = browser.open_page()
        page.send("Runtime.enable")
        page.navigate("file:///.../page.html")
        value = page.evaluate("document.title")
        page.events  # every event received so far: {"method": ..., "params": ...}
"""
from __future__ import annotations

import json
import os
import selectors
import shutil
import subprocess
import tempfile
import time


class DevToolsError(Exception):
    """Chromium did not start, did not answer in time, or answered a command with an error."""


class Browser:
    def __init__(self, chromium: str, work: str, width: int = 1200, height: int = 900):
        self.chromium, self.work, self.size = chromium, work, (width, height)
        self.process = None
        self.profile = None
        self._next_id = 0
        self._buffer = b""
        self.events: list[dict] = []  # every event of every session, in order
        self.stderr_path = None

    # ------------------------------------------------------------------------ the process
    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=self.work)
        to_browser_r, to_browser_w = os.pipe()  # Chromium reads commands on its fd 3
        from_browser_r, from_browser_w = os.pipe()  # and writes on its fd 4

        def child_fds():
            # In the child, before exec: copies of the two ends above 9 first (either end may
            # itself be 3 or 4), then onto 3 and 4. dup2 leaves 3 and 4 inheritable; the copies
            # and every other descriptor are closed by Popen (close_fds), which keeps pass_fds.
            import fcntl
            ends = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_r, from_browser_w)]
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self.stderr_path = os.path.join(self.work, "chromium-stderr.log")
        cmd = [self.chromium, "--headless=new", "--no-sandbox", "--remote-debugging-pipe",
               f"--user-data-dir={self.profile}", "--no-first-run", "--disable-gpu",
               "--disable-extensions", "--disable-dev-shm-usage", "--disable-sync",
               "--disable-background-networking", "--disable-component-update",
               "--mute-audio", "--hide-scrollbars", "--font-render-hinting=none",
               f"--window-size={self.size[0]},{self.size[1]}", "about:blank"]
        # 3 and 4 are open here (the pipes took the lowest free descriptors), so Popen can keep
        # them: they are the descriptors the child's 3 and 4 end up as.
        with open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                pass_fds=sorted({3, 4, to_browser_r, from_browser_w}), preexec_fn=child_fds)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._write_fd, self._read_fd = to_browser_w, from_browser_r
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._read_fd, selectors.EVENT_READ)
        self.call("Browser.getVersion", timeout=30)
        return self

    def __exit__(self, *exc):
        try:
            if self.process and self.process.poll() is None:
                try:
                    self.call("Browser.close", timeout=5)
                except DevToolsError:
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (getattr(self, "_write_fd", None), getattr(self, "_read_fd", None)):
                if fd is not None:
                    try:
                        os.close(fd)
                    except OSError:
                        pass
            shutil.rmtree(self.profile, ignore_errors=True)
        return False

    # ---------------------------------------------------------------------- the protocol
    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            written = os.write(self._write_fd, data)
            data = data[written:]

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DevToolsError("Chromium did not answer in time")
            if not self._selector.select(timeout=left):
                continue
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise DevToolsError("Chromium closed the pipe (did it crash? see "
                                    f"{self.stderr_path})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        """Sends a command and waits for its reply; events meanwhile go to self.events."""
        self._next_id += 1
        ident = self._next_id
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._send(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def pump(self, seconds: float) -> None:
        """Reads events for `seconds` (the page runs meanwhile)."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.events.append(self._read_message(deadline))
            except DevToolsError as e:
                if "in time" in str(e):
                    return
                raise

    def open_page(self) -> "Page":
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        return Page(self, session["sessionId"])


class Page:
    """One tab, through its flat session."""

    def __init__(self, browser: Browser, session: str):
        self.browser, self.session = browser, session

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        return self.browser.call(method, params, session=self.session, timeout=timeout)

    @property
    def events(self) -> list[dict]:
        return [e for e in self.browser.events if e.get("sessionId") == self.session]

    def close(self) -> None:
        """Closes the tab (Target.closeTarget)."""
        target = self.send("Target.getTargetInfo")["targetInfo"]["targetId"]
        self.browser.call("Target.closeTarget", {"targetId": target})

    def navigate(self, url: str, timeout: float = 30) -> None:
        """Opens `url` and waits for its load event."""
        self.send("Page.enable")
        seen = len(self.browser.events)
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired"
                      and e.get("sessionId") == self.session
                      for e in self.browser.events[seen:]):
            if time.monotonic() > deadline:
                raise DevToolsError(f"{url} did not finish loading within {timeout} s")
            self.browser.pump(0.05)

    def evaluate(self, expression: str, timeout: float = 30):
        """The value of a JavaScript expression (returned by value, promises awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True},
                           timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise DevToolsError(f"the page threw while evaluating {expression[:80]!r}: {text}")
        return result.get("result", {}).get("value")

    # ---------------------------------------------------------------------- real input
    def mouse(self, kind: str, x: float, y: float, buttons: int = 0, clicks: int = 0) -> None:
        params = {"type": kind, "x": x, "y": y, "button": "left" if kind != "mouseMoved"
                  or buttons else "none", "buttons": buttons, "clickCount": clicks}
        self.send("Input.dispatchMouseEvent", params)

    def drag(self, x0: float, y0: float, x1: float, y1: float, steps: int = 5) -> None:
        """Press at (x0, y0), move to (x1, y1) in `steps`, release: a real drag."""
        self.mouse("mouseMoved", x0, y0)
        self.mouse("mousePressed", x0, y0, buttons=1, clicks=1)
        for k in range(1, steps + 1):
            self.mouse("mouseMoved", x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps,
                       buttons=1)
        self.mouse("mouseReleased", x1, y1, buttons=0, clicks=1)

    def click(self, x: float, y: float) -> None:
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y, buttons=1, clicks=1)
        self.mouse("mouseReleased", x, y, buttons=0, clicks=1)

    KEYS = {"ArrowRight": 39, "ArrowLeft": 37, "ArrowDown": 40, "ArrowUp": 38, "End": 35,
            "Home": 36, "Tab": 9}

    def key(self, name: str) -> None:
        """A key without text (arrows, End, Home), pressed and released."""
        code = self.KEYS[name]
        common = {"key": name, "code": name, "windowsVirtualKeyCode": code,
                  "nativeVirtualKeyCode": code}
        self.send("Input.dispatchKeyEvent", {"type": "rawKeyDown", **common})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **common})

    def screenshot(self, path: str) -> bytes:
        import base64
        data = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        with open(path, "wb") as handle:
            handle.write(data)
        return data
