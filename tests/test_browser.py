"""The HTML plan page in a real headless Chromium, driven over the DevTools protocol.

No browser is downloaded and no PyPI package is needed: Debian's ``chromium`` is started with
``--remote-debugging-pipe`` and spoken to with NUL-separated JSON on file descriptors 3 and 4.
The page is opened from disk (``file://``); the test checks there are no console errors or
exceptions, that no request leaves ``file:``/``data:``, that every session's chart has drawn
boxes (non-zero bounding boxes of its ``rect`` elements), that hostile names render as text,
and that print media has no dark backgrounds. Screenshots at a desktop and a phone width, and
a PDF print, are saved under ``test-artifacts/browser/`` for people to look at.

Without Chromium the tests skip, except under ``CI=true`` where a missing browser fails.
Set ``PACEPLAN_CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_html_plans import PACES, hostile_plan, mile_plan

from paceplan.model import Plan
from paceplan.writers.html import write_html

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "browser"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio"]
TIMEOUT_S = 30.0


def find_chromium() -> str | None:
    explicit = os.environ.get("PACEPLAN_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "/usr/bin/chromium"):
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    pass


class Browser:
    """A headless Chromium on a DevTools pipe: ``call`` a method, collect events."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_fds() -> None:  # runs in the child: Chromium reads fd 3 and writes fd 4
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.stderr_path = profile / "chromium-stderr.txt"
        with open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(
                [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                preexec_fn=wire_fds, pass_fds=(3, 4))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("timed out waiting for Chromium")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise CDPError(f"Chromium closed the pipe; see {self.stderr_path}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT_S
        for i, event in enumerate(self.events):
            if event.get("method") == method and event.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (CDPError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass


class Tab:
    """One page target with Runtime, Log, Network and Page events on."""

    def __init__(self, browser: Browser, width: int, height: int, *, mobile: bool = False) -> None:
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.browser.call(method, params, self.session)

    def open(self, url: str) -> None:
        self.call("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CDPError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, error log entries and dialogs seen so far."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
                found.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
        return found

    def requested_urls(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.browser.events
                if e.get("sessionId") == self.session and e.get("method") == "Network.requestWillBeSent"]

    def screenshot(self, path: Path, *, max_height: int = 6000) -> bytes:
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1}
        data = base64.b64decode(self.call("Page.captureScreenshot",
                                          {"format": "png", "clip": clip, "captureBeyondViewport": True})["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    binary = find_chromium()
    if binary is None:
        reason = "Chromium not found (install Debian's chromium, or set PACEPLAN_CHROMIUM)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI=true requires the browser tests to run")
        pytest.skip(reason)
    profile = Path(tempfile.mkdtemp(prefix="paceplan-chromium-", dir=tmp_path_factory.getbasetemp()))
    b = Browser(binary, profile)
    try:
        b.call("Browser.getVersion")
        yield b
    finally:
        b.close()


@pytest.fixture(scope="module")
def mile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "plan.html"
    write_html(mile_plan(), path, paces=PACES, subtitle="Paces for a 6:00 mile (VDOT 48.4)")
    return path


def _page(name: str, folder: Path) -> tuple[Path, Plan]:
    """A hand-built sample plan, or the shipped 8-week plan through the real build passes."""
    path = folder / f"{name}.html"
    if name == "sample":
        plan = mile_plan()
        write_html(plan, path, paces=PACES, subtitle="Paces for a 6:00 mile (VDOT 48.4)")
        return path, plan
    from test_html_build import compiled_mile_plan, page_plan

    compiled = compiled_mile_plan()  # skips while the plan pieces are missing
    plan = page_plan(compiled)
    write_html(plan, path, paces=compiled.table, subtitle=f"Paces for {compiled.runner.describe()}",
               units="mi" if compiled.plan_file.units == "imperial" else "km")
    return path, plan


CHART_BOXES_JS = """
Array.from(document.querySelectorAll('figure.chart svg')).map(svg => {
  const boxes = Array.from(svg.querySelectorAll('rect.bar')).map(r => r.getBoundingClientRect());
  const card = svg.closest('article');
  return {
    id: card.querySelector('h4').id,
    bars: boxes.length,
    drawn: boxes.filter(b => b.width > 0 && b.height > 0).length,
    svgWidth: svg.getBoundingClientRect().width,
    svgHeight: svg.getBoundingClientRect().height,
    label: svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' ')
  };
})
"""


@pytest.mark.parametrize("page", ["sample", "mile-8wk"])
@pytest.mark.parametrize(("name", "width", "height", "mobile"), [
    ("desktop", 1400, 900, False),
    ("phone", 390, 844, True),
])
def test_the_plan_page_renders_every_chart(browser: Browser, tmp_path: Path, page: str, name: str, width: int,
                                           height: int, mobile: bool) -> None:
    path, plan = _page(page, tmp_path)
    tab = Tab(browser, width, height, mobile=mobile)
    tab.open(path.as_uri())
    charts = tab.js(CHART_BOXES_JS)
    runs = sum(1 for w in plan.weeks for d in w.days for s in d.sessions if s.workout is not None)
    assert len(charts) == runs > 0
    for chart in charts:
        assert chart["bars"] > 0, chart
        assert chart["drawn"] == chart["bars"], chart
        assert chart["svgWidth"] > 50 and chart["svgHeight"] > 10, chart
        assert chart["label"].startswith("Chart of "), chart
    # The week grid is seven columns on a desktop and a single column (a list) on a phone.
    columns = tab.js("getComputedStyle(document.querySelector('.days')).display")
    lefts = tab.js("new Set(Array.from(document.querySelectorAll('#week-1 .day')).map(d => Math.round(d.getBoundingClientRect().left))).size")
    if mobile:
        assert columns == "block" and lefts == 1
        assert tab.js("document.documentElement.scrollWidth") <= width  # nothing runs off the side
    else:
        assert columns == "grid" and lefts == 7
    assert tab.problems() == []
    assert all(u.startswith(("file:", "data:")) for u in tab.requested_urls()), tab.requested_urls()
    png = tab.screenshot(ARTIFACTS / f"{page}-{name}.png")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_print_media_is_light_and_keeps_weeks_whole(browser: Browser, mile_page: Path) -> None:
    tab = Tab(browser, 1123, 794)
    tab.open(mile_page.as_uri())
    tab.call("Emulation.setEmulatedMedia", {"media": "print"})
    styles = tab.js("""(() => {
      const bg = el => getComputedStyle(el).backgroundColor;
      return {body: bg(document.body), week: bg(document.querySelector('.week')),
              breakInside: getComputedStyle(document.querySelector('.week')).breakInside,
              nav: getComputedStyle(document.querySelector('.week-nav')).display};
    })()""")
    assert styles["body"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert styles["week"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert styles["breakInside"] == "avoid"
    assert styles["nav"] == "none"
    pdf = base64.b64decode(tab.call("Page.printToPDF", {"landscape": True, "printBackground": False,
                                                        "paperWidth": 11.69, "paperHeight": 8.27})["data"])
    assert pdf.startswith(b"%PDF")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "sample-print-a4.pdf").write_bytes(pdf)
    assert tab.problems() == []


def test_hostile_text_renders_as_text(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "evil.html"
    write_html(hostile_plan(), page)
    tab = Tab(browser, 1200, 800)
    tab.open(page.as_uri())
    seen = tab.js("""({
      h1: document.querySelector('h1').textContent,
      title: document.title,
      scripts: document.scripts.length,
      images: document.images.length,
      bodyShown: getComputedStyle(document.body).display,
      step: document.querySelector('.steps li').textContent
    })""")
    assert seen["h1"] == seen["title"] == "<script>alert(1)</script>"
    assert seen["scripts"] == 0 and seen["images"] == 0
    assert seen["bodyShown"] == "block"
    assert "<img src=x onerror=alert(2)>" in seen["step"] and "a & b </li></ol>" in seen["step"]
    assert tab.problems() == []
