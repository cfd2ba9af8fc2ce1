"""A small Chrome DevTools Protocol driver over Chromium's --remote-debugging-pipe, with
Python's standard library only: open a page, click, type, press keys, read the DOM, take
screenshots, accept dialogs, collect downloads, and record every console error, uncaught
exception and refused load (a Content-Security-Policy refusal is logged as an error).

The pipe protocol: Chromium reads JSON commands from fd 3 and writes JSON replies and events on
fd 4, each message ended by a NUL byte.
"""

import base64
import json
import os
import queue
import subprocess
import tempfile
import threading

# How long any one step may take before the test fails, in seconds: generous, because two
# shared cores may be busy; a step that succeeds returns at once.
STEP_TIMEOUT = 30


class BrowserError(Exception):
    """A command failed, or a wait ran out."""


class Browser:
    """One headless Chromium, with one page at a time attached."""

    def __init__(self, width=1280, height=900):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        self._profile = tempfile.TemporaryDirectory(prefix="console-cdp-")
        # fds 3 and 4 in the child, as --remote-debugging-pipe expects.
        def to_fds():
            # Copies first: either pipe end may itself be fd 3 or 4.
            reads, writes = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self._process = subprocess.Popen(
            [
                "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--remote-debugging-pipe", f"--window-size={width},{height}",
                f"--user-data-dir={self._profile.name}", "--no-first-run",
                "--disable-extensions", "about:blank",
            ],
            preexec_fn=to_fds,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies = {}
        self._events = queue.Queue()
        self._session = None
        self.errors = []
        self.downloads = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # ---- The wire ----------------------------------------------------------------------

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                self._dispatch(json.loads(raw))

    def _dispatch(self, message):
        if "id" in message:
            with self._lock:
                waiter = self._replies.pop(message["id"], None)
            if waiter:
                waiter.put(message)
            return
        method = message.get("method")
        params = message.get("params", {})
        if method == "Page.javascriptDialogOpening":
            # A confirm() is answered yes; any other dialog is an error (the console opens none).
            if params.get("type") != "confirm":
                self.errors.append(f"unexpected {params.get('type')}: {params.get('message')}")
            self._send("Page.handleJavaScriptDialog", {"accept": True}, message.get("sessionId"))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            self.errors.append("uncaught: " + str(text))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = [a.get("value", a.get("description", "")) for a in params.get("args", [])]
            self.errors.append("console.error: " + " ".join(map(str, args)))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            where = entry.get("url", "") + (":%s" % entry["lineNumber"] if "lineNumber" in entry else "")
            self.errors.append("log: " + entry["text"] + (" (" + where + ")" if where else ""))
        elif method == "Browser.downloadWillBegin":
            self.downloads[params["guid"]] = params["suggestedFilename"]
        elif method == "Browser.downloadProgress" and params.get("state") == "completed":
            self._events.put(message)
        elif method == "Page.loadEventFired":
            self._events.put(message)

    def _send(self, method, params, session):
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            reply = queue.Queue(maxsize=1)
            self._replies[ident] = reply
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        return reply

    def command(self, method, params=None, browser_level=False, timeout=STEP_TIMEOUT):
        """Sends one command (to the attached page unless `browser_level`) and returns its
        result."""
        session = None if browser_level else self._session
        reply = self._send(method, params, session)
        try:
            message = reply.get(timeout=timeout)
        except queue.Empty:
            raise BrowserError(f"{method}: no reply in {STEP_TIMEOUT} s") from None
        if "error" in message:
            raise BrowserError(f"{method}: {message['error'].get('message')}")
        return message.get("result", {})

    # ---- Pages -------------------------------------------------------------------------

    def open(self, url):
        """Opens `url` in a new tab and waits for it to load."""
        target = self.command("Target.createTarget", {"url": "about:blank"}, browser_level=True)
        attached = self.command(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
            browser_level=True,
        )
        self._session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.command(domain + ".enable")
        self.navigate(url)

    def navigate(self, url):
        """Loads `url` in the current tab, waiting until its document has loaded."""
        self.command("Page.navigate", {"url": url})
        self._next_event("Page.loadEventFired")

    def _next_event(self, method):
        while True:
            try:
                message = self._events.get(timeout=STEP_TIMEOUT)
            except queue.Empty:
                raise BrowserError(f"no {method} in {STEP_TIMEOUT} s") from None
            if message["method"] == method:
                return message["params"]

    def evaluate(self, expression, timeout=STEP_TIMEOUT):
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.command(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"evaluating {expression!r}: {text}")
        return result["result"].get("value")

    def wait(self, condition, timeout=STEP_TIMEOUT):
        """Waits until the JavaScript expression `condition` is truthy, re-checking whenever
        the DOM changes (a MutationObserver in the page, not a sleep loop)."""
        script = """new Promise((resolve) => {
            const check = () => { try { return Boolean(%s); } catch (e) { return false; } };
            if (check()) return resolve(true);
            const observer = new MutationObserver(() => {
                if (check()) { observer.disconnect(); clearTimeout(timer); resolve(true); }
            });
            observer.observe(document, { subtree: true, childList: true, attributes: true,
                characterData: true });
            const timer = setTimeout(() => { observer.disconnect(); resolve(check()); }, %d);
        })""" % (condition, int(timeout * 1000))
        if not self.evaluate(script, timeout=timeout + 10):
            raise BrowserError(f"timed out waiting for: {condition}")

    def wait_for(self, selector, text=None):
        """Waits for an element matching `selector` (containing `text`, if given)."""
        found = f"document.querySelector({json.dumps(selector)})"
        if text is not None:
            found = (
                f"[...document.querySelectorAll({json.dumps(selector)})]"
                f".some((e) => e.textContent.includes({json.dumps(text)}))"
            )
        self.wait(found)

    def text(self, selector):
        """The text of the first element matching `selector`."""
        return self.evaluate(
            f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent"
        )

    def count(self, selector):
        """How many elements match `selector`."""
        return self.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")

    # ---- Input, as a user gives it --------------------------------------------------------

    def _element_centre(self, selector, text):
        pick = f"document.querySelector({json.dumps(selector)})"
        if text is not None:
            pick = (
                f"[...document.querySelectorAll({json.dumps(selector)})]"
                f".find((e) => e.textContent.includes({json.dumps(text)}))"
            )
        return self.evaluate(f"""(() => {{
            const e = {pick};
            if (!e) return null;
            e.scrollIntoView({{ block: 'center', inline: 'center' }});
            // The first box: a link wrapped over two lines has an empty corner.
            const r = e.getClientRects()[0] || e.getBoundingClientRect();
            return {{ x: r.left + Math.min(r.width / 2, 20), y: r.top + Math.min(r.height / 2, 12) }};
        }})()""")

    def settled(self):
        """Waits until the page is not busy (no element says aria-busy="true")."""
        self.wait("!document.querySelector('[aria-busy=true]')")

    def click(self, selector, text=None):
        """Clicks (mouse down and up) the first element matching `selector` (and containing
        `text`), after waiting for it and for the page to settle."""
        self.wait_for(selector, text)
        self.settled()
        point = self._element_centre(selector, text)
        if point is None:
            raise BrowserError(f"nothing to click at {selector} {text or ''}")
        for kind in ("mousePressed", "mouseReleased"):
            self.command(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": point["x"], "y": point["y"], "button": "left", "clickCount": 1},
            )

    def fill(self, selector, text):
        """Replaces the value of the input or textarea `selector` by typing `text` into it."""
        self.wait_for(selector)
        self.settled()
        self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.focus(); e.select(); })()"
        )
        self.command("Input.insertText", {"text": text})

    def select(self, selector, value):
        """Chooses `value` in the <select> `selector`, as picking it with the keyboard does."""
        self.wait_for(selector)
        self.settled()
        self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            f" e.focus(); e.value = {json.dumps(value)};"
            " e.dispatchEvent(new Event('change', { bubbles: true })); })()"
        )

    def press(self, key, code=None):
        """Presses and releases one key (`Enter`, `Tab`, ...) on the focused element."""
        params = {"key": key, "code": code or key}
        if key == "Enter":
            params.update(text="\r", windowsVirtualKeyCode=13)
        if key == "Tab":
            params.update(windowsVirtualKeyCode=9)
        self.command("Input.dispatchKeyEvent", dict(params, type="keyDown"))
        self.command("Input.dispatchKeyEvent", dict(params, type="keyUp"))

    def viewport(self, width, height):
        """Resizes the page's viewport, as a smaller window would."""
        self.command(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    # ---- Output ------------------------------------------------------------------------

    def screenshot(self, path, full_page=True):
        """Saves a PNG of the page (the whole scrollable page unless `full_page` is false)."""
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            size = self.evaluate(
                "({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight })"
            )
            params["clip"] = {"x": 0, "y": 0, "width": size["w"], "height": size["h"], "scale": 1}
        data = self.command("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def allow_downloads(self, directory):
        """Saves downloads into `directory`, under their suggested names."""
        self.command(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": directory, "eventsEnabled": True},
            browser_level=True,
        )

    def wait_download(self):
        """Waits for the next download to complete; returns its file name."""
        return self.downloads[self._next_event("Browser.downloadProgress")["guid"]]

    def close(self):
        """Ends the browser."""
        try:
            self._send("Browser.close", {}, None)
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        self._profile.cleanup()
