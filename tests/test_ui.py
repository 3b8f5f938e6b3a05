"""The review page at ``/ui``: served as it should be, and driven in a real headless Chromium
(selenium): paste, extract, check the highlighted spans and the event table, drag-select a word
to add a span, refuse an overlap, change a label with the keyboard, delete a span, save with
the write token, and find exactly the corrected spans in the store.

The browser test needs Debian's ``chromium`` and ``chromium-driver`` (``make browser``); without
them it is skipped, saying so. ``CONFLICT_IE_UPDATE_SCREENSHOT=1`` also writes its screenshot to
``docs/review-page.png`` (the README's).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from model.extractor import Extractor
from model.labels import LABEL_COLORS, LABELS
from model.types import Article, Event
from service.http.app import create_app

from .fakes import (
    AUTH,
    ROOT,
    TOKEN,
    FakeTagger,
    FixedScoreToolkit,
    ScoredTagger,
    client_for,
    service_settings,
)

CHROMIUM, CHROMEDRIVER = "chromium", "chromedriver"
BROWSER_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--window-size=1440,640",
)
SCORES = {"ACTOR": 0.62, "LOCATION": 0.91, "DATE": 0.97, "CASUALTY": 0.45}
TEXT = (
    "Russian warplanes struck Aleppo on Sunday, killing 7 civilians.\n"
    "The rebels shelled Hama on Monday, a spokesman for Aleppo Today said."
)
PUBLISHED = "2024-12-02"
CORRECTED = [("Russian", "ACTOR"), ("Aleppo", "LOCATION"), ("Sunday", "DATE"),
             ("7 civilians", "CASUALTY"), ("rebels", "ACTOR"), ("Hama", "LOCATION"),
             ("Monday", "DATE")]


# --- the page as served (no browser needed) ---------------------------------------------------


class _Inputs(HTMLParser):
    """Ids of the page's form fields and the ``for`` of its labels."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []
        self.labelled: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("input", "textarea", "select"):
            self.fields.append(found.get("id") or "")
        if tag == "label":
            self.labelled.add(found.get("for") or "")
        if tag == "script":
            self.scripts.append(found)


def test_the_page_is_served_with_its_assets_and_a_strict_policy(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        page = client.get("/ui")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        parsed = _Inputs()
        parsed.feed(page.text)
        assert parsed.fields and set(parsed.fields) <= parsed.labelled  # every field labelled
        assert [s.get("src") for s in parsed.scripts] == ["/ui/static/review.js"]
        assert TOKEN not in page.text
        script = client.get("/ui/static/review.js")
        assert script.headers["content-type"].startswith("text/javascript")
        assert "sessionStorage" in script.text
        assert client.get("/ui/static/review.css").headers["content-type"].startswith("text/css")
        for name in ("review.html", "..%2Fapp.py", "missing.js"):
            assert client.get(f"/ui/static/{name}").status_code == 404
        config = client.get("/ui/config.json").json()
        assert config == {"labels": list(LABELS), "colors": LABEL_COLORS}
        assert len(set(config["colors"].values())) == len(LABELS)
        assert "/ui" not in client.get("/openapi.json").json()["paths"]


# --- in a real browser -------------------------------------------------------------------------


def browser_missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    missing = [name for name in (CHROMIUM, CHROMEDRIVER) if shutil.which(name) is None]
    if missing:
        return (f"{' and '.join(missing)} not found: install Debian's chromium and "
                "chromium-driver with `make browser` (as root)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed: pip install -e '.[dev]'"
    return None


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    """The app (scored fake tagger, fake retrain toolkit) served by uvicorn on loopback."""
    settings = service_settings(tmp_path)
    app = create_app(settings, extractor=Extractor(ScoredTagger(SCORES)),
                     toolkit=FixedScoreToolkit(settings.models_dir).toolkit())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which(CHROMIUM) or CHROMIUM
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which(CHROMEDRIVER) or CHROMEDRIVER)
    chrome = webdriver.Chrome(service=service, options=options)
    chrome.set_page_load_timeout(30)
    try:
        yield chrome
    finally:
        chrome.quit()


_WORD_BOX = """
const [word, nth] = arguments;  // the box of the nth occurrence of word in #doc-text
const walker = document.createTreeWalker(document.getElementById('doc-text'),
                                         NodeFilter.SHOW_TEXT);
let node, seen = 0;
while ((node = walker.nextNode())) {
  for (let i = node.data.indexOf(word); i >= 0; i = node.data.indexOf(word, i + 1)) {
    if (seen++ === nth) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + word.length);
      const box = range.getBoundingClientRect();
      return [box.left, box.top, box.right, box.bottom];
    }
  }
}
return null;
"""


class Page:
    """The review page, in words a reviewer would use."""

    def __init__(self, driver: Any) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver, self.by = driver, By
        self.wait = WebDriverWait(driver, 15)

    def el(self, element_id: str) -> Any:
        return self.driver.find_element(self.by.ID, element_id)

    def fill(self, element_id: str, value: str) -> None:
        field = self.el(element_id)
        field.clear()
        field.send_keys(value)

    def spans(self) -> list[tuple[str, str, str | None]]:
        marks = self.driver.find_elements(self.by.CSS_SELECTOR, "#doc-text .span")
        return [(m.text, m.get_attribute("data-label"), m.get_attribute("data-score"))
                for m in marks]

    def span(self, surface: str, nth: int = 0) -> Any:
        marks = self.driver.find_elements(self.by.CSS_SELECTOR, "#doc-text .span")
        return [m for m in marks if m.text == surface][nth]

    def status(self, element_id: str, contains: str) -> str:
        self.wait.until(lambda _: contains in self.el(element_id).text)
        return self.el(element_id).text

    def drag_across(self, word: str, last: str | None = None, *, inner: float = 0.3) -> None:
        """Press the mouse inside ``word``, release it inside ``last`` (or the same word),
        short of their edges: the page must snap the selection to whole words."""
        from selenium.webdriver.common.action_chains import ActionChains

        left, top, right, bottom = self.driver.execute_script(_WORD_BOX, word, 0)
        x0, y0 = left + (right - left) * inner, (top + bottom) / 2
        left, top, right, bottom = self.driver.execute_script(_WORD_BOX, last or word, 0)
        x1, y1 = right - (right - left) * inner, (top + bottom) / 2
        actions = ActionChains(self.driver)
        pointer = actions.w3c_actions.pointer_action
        pointer.move_to_location(int(x0), int(y0))
        pointer.pointer_down()
        pointer.move_to_location(int(x1), int(y1))
        pointer.pointer_up()
        actions.perform()

    def table(self) -> list[list[str]]:
        rows = self.driver.find_elements(self.by.CSS_SELECTOR, "#events tbody tr")
        return [[td.text for td in r.find_elements(self.by.TAG_NAME, "td")] for r in rows]


def expected_rows(events: Sequence[Event]) -> list[list[str]]:
    """The event table as the page should show it: date, type, actors, location, fatalities."""
    rows = []
    for event in events:
        date = event.date
        shown = "" if date is None else (
            date.text if date.date_start is None else date.date_start.isoformat()
            if date.date_start == date.date_end
            else f"{date.date_start.isoformat()} – {date.date_end.isoformat()}")
        actor1, actor2 = (event.actor(role) for role in ("actor1", "actor2"))
        rows.append([
            shown,
            "\n".join(t for t in (event.event_type, event.sub_event_type) if t),
            actor1.name if actor1 else "",
            actor2.name if actor2 else "",
            event.locations[0].name if event.locations else "",
            str(event.fatalities),
        ])
    return rows


def test_review_page_in_a_browser(driver: Any, base_url: str, tmp_path: Path) -> None:
    page = Page(driver)
    driver.get(f"{base_url}/ui")
    page.wait.until(lambda d: len(d.find_elements(page.by.CSS_SELECTOR, "#legend li")) == 4)
    legend = driver.find_elements(page.by.CSS_SELECTOR, "#legend li")
    assert [li.text for li in legend] == list(LABELS)
    assert len({li.value_of_css_property("background-color") for li in legend}) == 4

    # Paste, extract: spans highlighted by label with their scores, the event table beside.
    page.fill("article-text", TEXT)
    page.fill("published", PUBLISHED)
    page.fill("article-id", "ui-article-1")
    page.el("extract-button").click()
    page.status("extract-status", "7 span(s)")
    assert page.spans() == [
        ("Russian", "ACTOR", "0.62"), ("Aleppo", "LOCATION", "0.91"), ("Sunday", "DATE", "0.97"),
        ("7 civilians", "CASUALTY", "0.45"), ("rebels", "ACTOR", "0.62"),
        ("Monday", "DATE", "0.97"), ("Aleppo", "LOCATION", "0.91")]
    colours = {page.span(s).value_of_css_property("background-color"): label
               for s, label in (("Russian", "A"), ("Aleppo", "L"), ("Sunday", "D"),
                                ("7 civilians", "C"))}
    assert len(colours) == 4
    article = Article(text=TEXT, published=dt.date.fromisoformat(PUBLISHED))
    events = Extractor(ScoredTagger(SCORES)).extract(article).events
    assert events and page.table() == expected_rows(events)
    assert any(row[4] == "Aleppo" and row[5] == "7" for row in page.table())

    # Drag across the middle of "Hama": the selection snaps to the word; mark it LOCATION.
    page.drag_across("Hama")
    page.wait.until(lambda _: page.el("add-bar").is_displayed())
    assert page.el("add-text").text == "Hama"
    page.el("add-LOCATION").click()
    page.status("review-status", "Added LOCATION")
    assert ("Hama", "LOCATION", None) in page.spans()

    # A selection over a span is refused.
    page.drag_across("for", "Today")
    assert "overlaps the LOCATION span" in page.status("review-status", "overlaps")
    assert not page.el("add-bar").is_displayed() and len(page.spans()) == 8

    # Keyboard: open "rebels", make it a LOCATION, then back to ACTOR.
    from selenium.webdriver.common.keys import Keys

    for label in ("LOCATION", "ACTOR"):
        page.span("rebels").send_keys(Keys.ENTER)
        page.wait.until(lambda _: page.el("span-bar").is_displayed())
        page.el(f"relabel-{label}").send_keys(Keys.ENTER)
        page.status("review-status", f"→ {label}")
    assert ("rebels", "ACTOR", None) in page.spans()  # the model's score no longer applies

    # Click the outlet "Aleppo Today" and delete its span.
    page.span("Aleppo", 1).click()
    page.wait.until(lambda _: page.el("span-bar").is_displayed())
    page.el("span-delete").click()
    page.status("review-status", "Deleted LOCATION")
    assert [(s, label) for s, label, _ in page.spans()] == CORRECTED

    # Saving: no token -> the server's refusal; a bad date -> its problems list; then saved.
    page.el("save-button").click()
    assert "missing bearer token" in page.status("save-status", "Not saved")
    page.fill("token", TOKEN)
    page.fill("published", "2024-13-01")
    page.el("save-button").click()
    page.wait.until(lambda _: page.el("problems").text)
    assert "meta.published: '2024-13-01' is not a date" in page.el("problems").text
    page.fill("published", PUBLISHED)
    page.el("save-button").click()
    assert "with 7 span(s)" in page.status("save-status", "Saved")
    assert page.el("problems").text == ""
    assert driver.execute_script("return sessionStorage.getItem('conflict-ie-token')") == TOKEN
    assert TOKEN not in driver.page_source

    stored = httpx.get(f"{base_url}/annotations", headers=AUTH).text.splitlines()
    assert len(stored) == 1
    doc = httpx.Response(200, content=stored[0]).json()
    assert (doc["id"], doc["text"], doc["meta"]) == ("ui-article-1", TEXT, {"published": PUBLISHED})
    assert [(s["text"], s["label"]) for s in doc["spans"]] == CORRECTED
    assert all(TEXT[s["start"]:s["end"]] == s["text"] for s in doc["spans"])

    screenshot = tmp_path / "review-page.png"
    assert driver.save_screenshot(str(screenshot))
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("CONFLICT_IE_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(screenshot, ROOT / "docs" / "review-page.png")

    # A next article gets an id and date of its own, never the previous one's.
    page.fill("article-id", "")
    page.fill("published", "")
    page.fill("article-text", "Idlib\n27 October, 2015\nRussian jets struck Idlib.")
    page.el("extract-button").click()
    page.wait.until(lambda _: page.el("published").get_attribute("value") == "2015-10-27")
    first_id = page.el("article-id").get_attribute("value")
    assert first_id.startswith("ui-") and len(first_id) == 11
    page.fill("article-text", "Rebels shelled Idlib on Monday.")
    page.el("extract-button").click()
    page.wait.until(lambda _: page.el("published").get_attribute("value") == "")
    assert page.el("article-id").get_attribute("value") not in ("", first_id)
