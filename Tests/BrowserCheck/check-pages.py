#!/usr/bin/env python3
"""Opens every page of the book in headless Chromium and checks what a reader would see.

    python3 Tests/BrowserCheck/check-pages.py [FIGURES_FOLDER] [--screenshots DIR]

For Figures/index.html and every Figures/chapterN/index.html, at 1280 and 390 pixels wide, it fails
when an image does not load (its natural width is 0), a link between pages or to a section points
nowhere, the page logs an error or throws, the page scrolls sideways on a phone, headings skip a
level, or `lang` is missing; and it writes a full-page screenshot of each page at each width.
It speaks the DevTools protocol over a WebSocket with the standard library only. Exit status 0 when
every page passed, 1 when one did not, 2 when Chromium cannot be started.
"""

import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

WIDTHS = (1280, 390)


class WebSocket:
    """The client half of RFC 6455, enough for the DevTools protocol: text frames, ping, close."""

    def __init__(self, url):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
                   f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("the browser closed the connection during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"WebSocket handshake refused: {head[:200]!r}")

    def send(self, text):
        data = text.encode()
        header = bytearray([0x81])
        if len(data) < 126:
            header.append(0x80 | len(data))
        elif len(data) < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack(">H", len(data))
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", len(data))
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
        self.sock.sendall(bytes(header) + mask + masked)

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise ConnectionError("the browser closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(length)
            if mask:
                payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
            if opcode == 0x8:
                raise ConnectionError("the browser closed the connection")
            if opcode == 0x9:
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Browser:
    """One headless Chromium with one page, driven through the DevTools protocol."""

    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="book-pages-")
        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
             f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            if line.startswith("DevTools listening on "):
                url = line.split(" ", 3)[3].strip()
                break
        if not url:
            self.close()
            raise RuntimeError("Chromium did not print its DevTools address")
        # Keep reading what Chromium logs, so a full pipe never blocks it.
        threading.Thread(target=lambda: [None for _ in self.process.stderr], daemon=True).start()
        self.socket = WebSocket(url)
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=True)

    def call(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return message
            self.events.append(json.loads(self.socket.receive()))
        raise TimeoutError(f"no {event} within {seconds} s")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating the page's facts failed: {result['exceptionDetails']}")
        return result["result"]["value"]

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


FACTS = """JSON.stringify({
  lang: document.documentElement.lang,
  images: Array.from(document.images).map(i => ({src: i.getAttribute('src'), alt: i.alt,
                                                  width: i.naturalWidth, complete: i.complete})),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href')),
  ids: Array.from(document.querySelectorAll('[id]')).map(e => e.id),
  headings: Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => Number(h.tagName[1])),
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  height: document.documentElement.scrollHeight,
  scripts: document.scripts.length,
  external: Array.from(document.querySelectorAll('link[href],script[src],img[src]'))
    .map(e => e.getAttribute('href') || e.getAttribute('src')).filter(u => /^[a-z]+:/i.test(u))
})"""


def check_page(browser, path, width, shots, folder):
    """Loads `path` at `width`; returns (problems, facts) and writes its screenshot."""
    problems = []
    browser.events = [e for e in browser.events if e.get("method") not in
                      ("Log.entryAdded", "Runtime.exceptionThrown", "Runtime.consoleAPICalled")]
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}, session=True)
    browser.call("Page.navigate", {"url": "file://" + path}, session=True)
    browser.wait_for("Page.loadEventFired")
    time.sleep(0.2)
    facts = json.loads(browser.evaluate(FACTS))
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            problems.append(f"logged an error: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"threw: {params.get('exceptionDetails', {}).get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append(f"console error: {params.get('args')}")
    if not facts["lang"]:
        problems.append("the html element has no lang")
    for image in facts["images"]:
        if not image["complete"] or image["width"] == 0:
            problems.append(f"image {image['src']} did not load (natural width {image['width']})")
        if not image["alt"]:
            problems.append(f"image {image['src']} has no alt text")
    previous = 0
    for level in facts["headings"]:
        if level > previous + 1:
            problems.append(f"headings skip from h{previous} to h{level}")
            break
        previous = level
    if facts["headings"][:1] != [1]:
        problems.append("the first heading is not an h1")
    if facts["scripts"]:
        problems.append(f"{facts['scripts']} scripts on a page that must need none")
    for url in facts["external"]:
        problems.append(f"loads an external resource: {url}")
    if facts["scrollWidth"] > facts["clientWidth"] + 1:
        problems.append(f"scrolls sideways at {width} px: content {facts['scrollWidth']} px wide")
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": min(max(facts["height"], 600), 16000), "deviceScaleFactor": 1,
                  "mobile": width < 600}, session=True)
    time.sleep(0.1)
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session=True)
    name = os.path.relpath(path, folder).replace(os.sep, "-").replace("-index.html", "").replace("index.html", "book")
    with open(os.path.join(shots, f"{name}-{width}.png"), "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    return problems, facts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="Figures", help="the book's folder (default Figures)")
    parser.add_argument("--screenshots", default=".build/page-screenshots", help="where screenshots go")
    parser.add_argument("--chromium", default=None, help="the Chromium executable (default: found on PATH)")
    options = parser.parse_args()
    folder = os.path.abspath(options.folder)
    executable = options.chromium or shutil.which("chromium") or shutil.which("chromium-browser") \
        or shutil.which("google-chrome")
    if not executable:
        print("check-pages: Chromium not found; install it (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    pages = [os.path.join(folder, "index.html")] + sorted(
        os.path.join(folder, name, "index.html") for name in os.listdir(folder)
        if os.path.isfile(os.path.join(folder, name, "index.html")))
    if not os.path.isfile(pages[0]):
        print(f"check-pages: {pages[0]} is missing; run `swift run regenerate` first", file=sys.stderr)
        return 1
    os.makedirs(options.screenshots, exist_ok=True)
    try:
        browser = Browser(executable)
    except Exception as error:  # noqa: BLE001 - any start-up failure is reported the same way
        print(f"check-pages: cannot start Chromium: {error}", file=sys.stderr)
        return 2
    failures = 0
    facts_by_page = {}
    try:
        for path in pages:
            for width in WIDTHS:
                problems, facts = check_page(browser, path, width, options.screenshots, folder)
                facts_by_page[path] = facts
                for problem in problems:
                    print(f"✗ {os.path.relpath(path)} at {width} px: {problem}")
                failures += len(problems)
        # Links: every file they name exists, and every #fragment names an element of its page.
        for path, facts in facts_by_page.items():
            for href in sorted(set(facts["links"])):
                if re_external(href):
                    continue
                target, _, fragment = href.partition("#")
                target_path = os.path.normpath(os.path.join(os.path.dirname(path), target)) if target else path
                if not os.path.isfile(target_path):
                    print(f"✗ {os.path.relpath(path)}: link {href} points to a missing file")
                    failures += 1
                elif fragment and fragment not in facts_by_page.get(target_path, {}).get("ids", []):
                    print(f"✗ {os.path.relpath(path)}: link {href} points to a missing section")
                    failures += 1
    finally:
        browser.close()
    for path in pages:
        print(f"{'✓' if failures == 0 else '·'} {os.path.relpath(path)}")
    print(f"screenshots in {options.screenshots}/ ({len(pages) * len(WIDTHS)} files)")
    if failures:
        print(f"✗ {failures} problems")
        return 1
    print(f"✓ {len(pages)} pages loaded at {' and '.join(map(str, WIDTHS))} px with every image, link and heading in order")
    return 0


def re_external(href):
    """Whether `href` leaves the book (http:, https:, mailto:)."""
    return href.split(":", 1)[0].lower() in ("http", "https", "mailto") and ":" in href


if __name__ == "__main__":
    sys.exit(main())
