"""The review page at ``/ui``: served as it should be, and driven in a real headless Chromium
(selenium) as an analyst works: spans marked, resized, relabelled and deleted with the mouse and
with the keyboard alone, the events table recomputed from corrected spans, its evidence shown, a
field corrected and an event marked wrong and saved with the annotation, unsaved work guarded
(re-extract, leaving, overwriting a stored id), saved annotations reopened with their versions,
a queue of ten articles ranked and worked through with Next/Skip/Done, export, and a retrain
started and followed to its verdict.

The browser tests need Debian's ``chromium`` and ``chromium-driver`` (``make browser``); without
them they are skipped, saying so. ``CONFLICT_IE_UPDATE_SCREENSHOT=1`` also writes the queue
test's screenshot to ``docs/review-page.png`` (the README's).
"""

from __future__ import annotations

import datetime as dt
import json
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
from model.taxonomy import SUB_EVENT_TYPES
from model.types import Article, Event
from service.http.app import create_app
from service.http.routes.ui import SCRIPTS

from .fakes import (
    AUTH,
    ROOT,
    TOKEN,
    FakeTagger,
    FixedScoreToolkit,
    RankingScoredTagger,
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
        assert [(s.get("src"), s.get("type")) for s in parsed.scripts] == [
            ("/ui/static/review.js", "module")]
        assert TOKEN not in page.text
        for name in SCRIPTS:  # the modules the page imports, served as scripts
            script = client.get(f"/ui/static/{name}")
            assert script.headers["content-type"].startswith("text/javascript"), name
            assert "http:" not in script.text and "https:" not in script.text  # nothing outside
        assert "sessionStorage" in client.get("/ui/static/api.js").text
        assert client.get("/ui/static/review.css").headers["content-type"].startswith("text/css")
        for name in ("review.html", "..%2Fapp.py", "missing.js"):
            assert client.get(f"/ui/static/{name}").status_code == 404
        config = client.get("/ui/config.json").json()
        assert config == {"labels": list(LABELS), "colors": LABEL_COLORS,
                          "event_types": {k: list(v) for k, v in SUB_EVENT_TYPES.items()}}
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
    app = create_app(settings, extractor=Extractor(RankingScoredTagger(SCORES)),
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
    options.add_experimental_option("prefs", {
        "download.default_directory": str(tmp_path / "downloads"),
        "download.prompt_for_download": False,
    })
    for flag in (*BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    service = Service(executable_path=shutil.which(CHROMEDRIVER) or CHROMEDRIVER)
    chrome = webdriver.Chrome(service=service, options=options)
    chrome.set_page_load_timeout(30)
    chrome.execute_cdp_cmd("Page.setDownloadBehavior", {
        "behavior": "allow", "downloadPath": str(tmp_path / "downloads")})
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

    def open(self, base_url: str) -> None:
        self.driver.get(f"{base_url}/ui")
        self.wait.until(lambda d: d.find_element(self.by.TAG_NAME, "body")
                        .get_attribute("data-ready") == "true")
        self.wait.until(lambda d: len(d.find_elements(self.by.CSS_SELECTOR, "#legend li")) == 4)

    def extract(self, text: str, *, published: str = "", doc_id: str = "") -> None:
        self.fill("article-text", text)
        self.fill("published", published)
        self.fill("article-id", doc_id)
        before = self.el("events").get_attribute("data-recomputed")
        self.el("extract-button").click()
        self.wait.until(lambda _: self.el("events").get_attribute("data-recomputed") != before)

    def keys(self, *keys: str) -> None:
        """Send keys to the element that has the focus (as a person typing)."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(*keys).perform()

    def chord(self, modifier: str, *keys: str) -> None:
        """Keys pressed while ``modifier`` is held."""
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).key_down(modifier).send_keys(*keys).key_up(modifier).perform()

    def focused(self) -> str:
        return self.driver.switch_to.active_element.get_attribute("id") or ""

    def focus_text(self) -> None:
        """Focus the text as Tab does (a click might land on a span and open it)."""
        self.driver.execute_script("document.getElementById('doc-text').focus()")
        self.wait.until(lambda _: self.focused() == "doc-text")

    def cursor(self) -> str:
        return self.el("cursor-status").text

    def recomputed(self) -> int:
        return int(self.el("events").get_attribute("data-recomputed") or 0)

    def confirm_shows(self, contains: str) -> str:
        self.wait.until(lambda _: self.el("confirm-bar").is_displayed())
        text = self.el("confirm-text").text
        assert contains in text, text
        return text

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
        """The events table without its last column (the Edit and Wrong buttons)."""
        rows = self.driver.find_elements(self.by.CSS_SELECTOR, "#events tbody tr")
        return [[td.text for td in r.find_elements(self.by.TAG_NAME, "td")][:-1] for r in rows]

    def stored(self, base_url: str) -> dict[str, dict[str, Any]]:
        lines = httpx.get(f"{base_url}/annotations", headers=AUTH).text.splitlines()
        docs = [httpx.Response(200, content=line).json() for line in lines]
        return {d["id"]: d for d in docs}


def summary_rows(events: Sequence[Event]) -> list[list[str]]:
    """What the table shows of assembled events: id, type, actor 1's name, the counts."""
    rows = []
    for number, event in enumerate(events, start=1):
        actor1 = event.actor("actor1")
        rows.append([f"E{number}",
                     "\n".join(t for t in (event.event_type, event.sub_event_type) if t),
                     actor1.name if actor1 else "",
                     str(event.fatalities), str(event.injured), str(event.detained)])
    return rows


def shown_rows(page: Page) -> list[list[str]]:
    return [[r[0].split()[0], r[2], r[3].split(" (“")[0], *r[6:9]] for r in page.table()]


def test_spans_by_mouse_and_keyboard_recompute_the_events(driver: Any, base_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    page = Page(driver)
    page.open(base_url)
    legend = driver.find_elements(page.by.CSS_SELECTOR, "#legend li")
    assert [li.text for li in legend] == [f"{n} {label}" for n, label in enumerate(LABELS, 1)]
    assert len({li.value_of_css_property("background-color") for li in legend}) == 4
    assert len({li.value_of_css_property("border-bottom-style") for li in legend}) == 4

    # Extract: spans highlighted by label with their scores and initials, the events beside.
    page.extract(TEXT, published=PUBLISHED, doc_id="ui-article-1")
    assert page.spans() == [
        ("Russian", "ACTOR", "0.62"), ("Aleppo", "LOCATION", "0.91"), ("Sunday", "DATE", "0.97"),
        ("7 civilians", "CASUALTY", "0.45"), ("rebels", "ACTOR", "0.62"),
        ("Monday", "DATE", "0.97"), ("Aleppo", "LOCATION", "0.91")]
    assert page.span("Aleppo").get_attribute("data-tag") == "L 0.91"
    article = Article(text=TEXT, published=dt.date.fromisoformat(PUBLISHED))
    events = Extractor(ScoredTagger(SCORES)).extract(article).events
    assert events and shown_rows(page) == summary_rows(events)
    assert page.table()[0][1] == "2024-12-01 (day)"
    assert "Aleppo — Aleppo, Syria" in page.table()[1][5]  # "Aleppo Today", an outlet

    # The table stays readable from 800 to 1,400 px: nothing scrolls out of view.
    for width in (800, 1100, 1400):
        driver.set_window_size(width, 1000)
        assert driver.execute_script(
            "const t = document.getElementById('events');"
            "const panel = t.parentElement.getBoundingClientRect();"
            "const cells = [...t.querySelectorAll('th, td, td button')];"
            "return t.scrollWidth <= t.parentElement.clientWidth + 1"
            " && cells.every(c => c.getBoundingClientRect().right <= panel.right + 1)"
            " && document.documentElement.scrollWidth"
            " <= document.documentElement.clientWidth"), width
    driver.set_window_size(1440, 640)

    # The text is one Tab stop: from the Extract button, Tab lands in it; nothing inside takes
    # the focus.
    page.el("extract-button").send_keys(Keys.TAB)
    assert page.focused() == "doc-text"
    assert driver.execute_script(
        "return document.querySelectorAll('#doc-text [tabindex], #doc-text button').length") == 0

    # Keyboard only: to "Hama" word by word, 2 marks it LOCATION; the events are recomputed
    # and the shelling is now placed in Hama.
    seen = page.recomputed()
    page.keys(*[Keys.ARROW_RIGHT] * 12)
    assert page.cursor() == "“Hama”"
    page.keys("2")
    page.status("review-status", "Added LOCATION “Hama”")
    assert ("Hama", "LOCATION", None) in page.spans()
    assert page.span("Hama").get_attribute("data-tag") == "L"
    page.wait.until(lambda _: page.recomputed() > seen)
    assert page.table()[1][5].startswith("Hama")

    # Shift+arrows select words; 1 marks them ACTOR; [ ] move the end, Shift+] the start.
    page.keys(*[Keys.ARROW_RIGHT] * 5)  # on, Monday, a, spokesman, for
    page.chord(Keys.SHIFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT)
    assert page.cursor() == "Selected “a spokesman for”: press 1–4 to mark it."
    page.keys("1")
    assert ("a spokesman for", "ACTOR", None) in page.spans()
    page.keys("[")
    page.status("review-status", "ACTOR span now “a spokesman”")
    page.keys("[", "]")
    page.status("review-status", "ACTOR span now “a spokesman”")
    page.chord(Keys.SHIFT, "]")
    page.status("review-status", "ACTOR span now “spokesman”")
    assert "in the ACTOR span “spokesman”" in page.cursor()

    # Delete removes it and the focus stays in the text; Ctrl+Z brings it back; Delete again.
    page.keys(Keys.DELETE)
    page.status("review-status", "Deleted ACTOR “spokesman”")
    assert page.focused() == "doc-text"
    page.chord(Keys.CONTROL, "z")
    page.status("review-status", "Undone")
    assert ("spokesman", "ACTOR", None) in page.spans()
    page.keys(Keys.DELETE)

    # ↑ ↓ jump from span to span; a number relabels the span under the cursor.
    page.keys(Keys.ARROW_UP, Keys.ARROW_UP, Keys.ARROW_UP)
    assert "in the ACTOR span “rebels”" in page.cursor()
    page.keys("2")
    page.status("review-status", "“rebels”: ACTOR → LOCATION")
    page.keys("1")
    page.status("review-status", "“rebels”: LOCATION → ACTOR")
    assert ("rebels", "ACTOR", None) in page.spans()  # the model's score no longer applies

    # The mouse: a drag across the middle of a word snaps to it; over a span it is refused;
    # a click opens a span, whose Delete leaves the focus in the text.
    page.drag_across("warplanes")
    page.wait.until(lambda _: page.el("add-bar").is_displayed())
    assert page.el("add-text").text == "warplanes"
    page.el("add-cancel").click()
    assert page.focused() == "doc-text"
    page.drag_across("for", "Today")
    assert "overlaps the LOCATION span" in page.status("review-status", "overlaps")
    assert not page.el("add-bar").is_displayed()
    page.span("Aleppo", 1).click()
    page.wait.until(lambda _: page.el("span-bar").is_displayed())
    page.el("span-delete").click()
    page.status("review-status", "Deleted LOCATION")
    assert page.focused() == "doc-text"
    assert [(s, label) for s, label, _ in page.spans()] == [*CORRECTED[:5], ("Hama", "LOCATION"),
                                                            ("Monday", "DATE")]

    # Save: no token -> the server's refusal; a bad date -> its problems; then saved (Ctrl+S).
    page.el("save-button").click()
    assert "missing bearer token" in page.status("save-status", "Not saved")
    page.fill("token", TOKEN)
    page.fill("published", "2024-13-01")
    page.el("save-button").click()
    page.wait.until(lambda _: page.el("problems").text)
    assert "meta.published: '2024-13-01' is not a date" in page.el("problems").text
    page.fill("published", PUBLISHED)
    page.chord(Keys.CONTROL, "s")
    assert "with 7 span(s)" in page.status("save-status", "Saved")
    assert driver.execute_script("return sessionStorage.getItem('conflict-ie-token')") == TOKEN
    assert TOKEN not in driver.page_source
    doc = page.stored(base_url)["ui-article-1"]
    assert (doc["text"], doc["meta"], "events" in doc) == (TEXT, {"published": PUBLISHED}, False)
    assert [(s["text"], s["label"]) for s in doc["spans"]] == [
        *CORRECTED[:5], ("Hama", "LOCATION"), ("Monday", "DATE")]
    assert all(TEXT[s["start"]:s["end"]] == s["text"] for s in doc["spans"])

    # A next article gets an id and date of its own, never the previous one's.
    page.extract("Idlib\n27 October, 2015\nRussian jets struck Idlib.")
    assert page.el("published").get_attribute("value") == "2015-10-27"
    first_id = page.el("article-id").get_attribute("value")
    assert first_id.startswith("ui-") and len(first_id) == 11
    page.fill("article-text", "Rebels shelled Idlib on Monday.")
    page.el("extract-button").click()
    page.wait.until(lambda _: page.el("published").get_attribute("value") == "")
    assert page.el("article-id").get_attribute("value") not in ("", first_id)


def _leaving_is_guarded(driver: Any) -> bool:
    return bool(driver.execute_script(
        "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e);"
        "return e.defaultPrevented;"))


def test_nothing_is_lost_by_accident(driver: Any, base_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    two = [{"start": 0, "end": 7, "label": "ACTOR"}, {"start": 25, "end": 31, "label": "LOCATION"}]
    httpx.post(f"{base_url}/annotations", headers=AUTH | {"X-Annotator": "Bob"},
               json=[{"id": "ui-article-1", "text": TEXT, "spans": two}]).raise_for_status()
    page = Page(driver)
    page.open(base_url)
    page.fill("token", TOKEN)
    page.fill("annotator", "Zoë")
    page.extract(TEXT, published=PUBLISHED, doc_id="ui-article-1")
    assert not _leaving_is_guarded(driver)

    # An unsaved correction: leaving asks, extracting again asks (Cancel keeps the work).
    page.focus_text()
    page.keys(Keys.HOME, Keys.DELETE)
    page.status("review-status", "Deleted ACTOR “Russian”")
    assert _leaving_is_guarded(driver)
    page.el("extract-button").click()
    page.confirm_shows("Extracting again drops your unsaved changes")
    page.el("confirm-no").click()
    assert not page.el("confirm-bar").is_displayed() and len(page.spans()) == 6

    # Saving over a stored id asks first, saying what is stored; Cancel stores nothing.
    page.el("save-button").click()
    page.confirm_shows("“ui-article-1” is already stored (version 1, 2 span(s), saved by Bob")
    page.el("confirm-no").click()
    page.status("save-status", "Not saved: “ui-article-1” is already stored")
    assert len(page.stored(base_url)["ui-article-1"]["spans"]) == 2
    page.el("save-button").click()
    page.confirm_shows("Replace it with yours (6 span(s))?")
    page.el("confirm-yes").click()
    page.status("save-status", "Saved “ui-article-1” with 6 span(s)")
    assert not _leaving_is_guarded(driver)
    versions = httpx.get(f"{base_url}/annotations/ui-article-1/versions", headers=AUTH).json()
    assert [(v["version"], v["saved_by"], len(v["document"]["spans"]))
            for v in versions["versions"]] == [(2, "Zoë", 6), (1, "Bob", 2)]
    # Saving again what the page opened or saved asks nothing.
    page.focus_text()
    page.keys(Keys.END, "1")
    page.status("review-status", "Added ACTOR “said”")
    page.el("save-button").click()
    page.status("save-status", "with 7 span(s)")

    # After a reload: the saved list, open one, its versions, a previous one loaded.
    driver.refresh()
    page.wait.until(lambda d: d.find_element(page.by.TAG_NAME, "body")
                    .get_attribute("data-ready") == "true")
    page.wait.until(lambda _: page.el("saved-list").text)  # listed at once: the token is kept
    assert "ui-article-1" in page.el("saved-list").text and "v3 · 7 span(s)" in page.el(
        "saved-list").text
    driver.find_element(page.by.CSS_SELECTOR, "#saved-list button").click()
    page.status("extract-status", "Opened “ui-article-1” version 3")
    assert len(page.spans()) == 7 and all(score is None for _, _, score in page.spans())
    options = driver.find_elements(page.by.CSS_SELECTOR, "#version-select option")
    assert [o.text.split(" · ")[:2] for o in options] == [["v3 (current)", "Zoë"], ["v2", "Zoë"],
                                                          ["v1", "Bob"]]
    from selenium.webdriver.support.ui import Select

    Select(page.el("version-select")).select_by_value("1")
    page.status("extract-status", "version 1 (a previous one: save to make it current)")
    assert [s for s, _, _ in page.spans()] == ["Russian", "Aleppo"]
    page.fill("open-id", "no-such-doc")
    page.el("open-button").click()
    page.status("extract-status", "Could not open “no-such-doc”: no stored annotation")


def test_an_event_is_checked_corrected_and_saved(driver: Any, base_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    page = Page(driver)
    page.open(base_url)
    page.fill("token", TOKEN)
    page.extract(TEXT, published=PUBLISHED, doc_id="ui-events")

    # A row shows its evidence: its words outlined, its sentence shaded.
    driver.find_element(page.by.CSS_SELECTOR, "#events tbody tr:first-child button.link").click()
    evidence = driver.execute_script(
        "return [...document.querySelectorAll('#doc-text .evidence')].map(e => e.textContent)")
    assert evidence == ["Russian", "warplanes struck", "Aleppo", "Sunday", "7 civilians"]
    assert "Russian warplanes" in driver.execute_script(
        "return [...document.querySelectorAll('#doc-text .context')]"
        ".map(e => e.textContent).join('')")
    assert "E1 comes from" in page.el("events-status").text

    # Correct E1's count of the dead; mark E2 wrong.
    page.el("event-edit-0").click()
    page.wait.until(lambda _: page.el("event-editor").is_displayed())
    assert page.focused() == "ev-type"
    assert page.el("ev-killed").get_attribute("value") == "7"
    page.fill("ev-killed", "-2")
    page.el("ev-apply").click()
    page.status("editor-status", "whole numbers")
    page.fill("ev-killed", "12")
    page.fill("ev-note", "at least 12 per the ministry")
    page.el("ev-killed").send_keys(Keys.ENTER)
    page.status("events-status", "E1 corrected")
    assert page.focused() == "event-edit-0"
    assert page.table()[0][6] == "12" and "corrected" in page.table()[0][0]
    page.el("event-wrong-1").click()
    assert "status-wrong" in driver.find_element(
        page.by.CSS_SELECTOR, "#events tbody tr:nth-child(2)").get_attribute("class")
    assert page.el("save-events").is_selected()

    # The spans change: the corrected table is not silently replaced.
    seen = page.recomputed()
    page.focus_text()
    page.keys(Keys.END, "3")  # "said" as a DATE, by mistake
    page.status("events-status", "The spans changed since the table was made")
    assert page.recomputed() == seen and page.el("events-recompute").is_displayed()
    page.chord(Keys.CONTROL, "z")
    page.status("review-status", "Undone")

    page.el("save-button").click()
    page.status("save-status", "Saved “ui-events” with 7 span(s) and 1 event(s)")
    doc = page.stored(base_url)["ui-events"]
    (event,) = doc["events"]
    assert (event["fatalities"], event["note"], event["casualty_spans"]) == (
        12, "at least 12 per the ministry", [[51, 62]])
    assert (event["actor1"], event["location"], event["sub_event_type"]) == (
        [0, 7], [25, 31], "Air/drone strike")
    assert doc["meta"]["events_marked_wrong"] == [{
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "sentence": [64, 133]}]

    # Opened again, the table is the saved one; recomputing makes the model's again.
    page.fill("open-id", "ui-events")
    page.el("open-button").click()
    page.status("extract-status", "Opened “ui-events”")
    assert [r[6] for r in page.table()] == ["12"] and "saved" in page.table()[0][0]
    page.el("events-recompute").click()
    page.status("events-status", "Recomputed from your 7 span(s): 2 event(s)")
    assert [r[6] for r in page.table()] == ["7", "0"]


def _downloaded(folder: Path, name: str) -> str:
    deadline = time.monotonic() + 10
    while not (folder / name).exists():
        assert time.monotonic() < deadline, f"{name} was not downloaded"
        time.sleep(0.05)
    return (folder / name).read_text(encoding="utf-8")


ARTICLES = [  # the fake marks the fewest words in the first: it ranks first
    "Russian warplanes struck Aleppo on Sunday, killing 7 civilians.",
    "The regime shelled Idlib on Monday.",
    "Rebels entered Syria last month.",
    "Clashes near Aleppo.",
    "The rebels retreated on Sunday.",
    "Russian jets flew over Idlib on Monday, killing 3 civilians.",
    "A car bomb exploded in Aleppo.",
    "The regime arrested 4 civilians in Idlib last month.",
    "Protesters gathered on Monday.",
    "Rebels and the regime fought in Syria on Sunday, killing 9 civilians.",
]


def test_a_queue_of_ten_articles_export_and_retrain(
    driver: Any, base_url: str, tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    page = Page(driver)
    page.open(base_url)
    page.el("retrain-button").click()  # without the token: refused, saying why
    page.status("retrain-status", "Not started: missing bearer token")
    page.fill("token", TOKEN)
    page.fill("annotator", "Ana")

    # A CSV file (quoted fields may hold commas and line breaks), in the order given.
    page.el("batch-rank").click()
    table = tmp_path / "batch.csv"
    table.write_text('id,published,text\nc1,2024-12-02,"Rebels shelled Idlib,\nkilling 3 '
                     'civilians."\nc2,,Russian jets struck Aleppo.\n', encoding="utf-8")
    page.el("batch-file").send_keys(str(table))
    page.el("batch-load").click()
    page.status("batch-status", "2 article(s) queued, in the given order")
    page.wait.until(lambda _: page.el("article-text").get_attribute("value")
                    == "Rebels shelled Idlib,\nkilling 3 civilians.")
    assert [b.text.split()[0] for b in driver.find_elements(
        page.by.CSS_SELECTOR, "#queue-list button")] == ["c1", "c2"]
    assert page.el("published").get_attribute("value") == "2024-12-02"

    # Articles pasted with --- between them.
    driver.execute_script("document.getElementById('batch').open = true")
    page.fill("batch-text", "\n---\n".join(ARTICLES[:2]))
    page.el("batch-load").click()
    page.status("batch-status", "2 article(s) queued, in the given order")
    page.wait.until(lambda _: page.el("article-text").get_attribute("value") == ARTICLES[0])
    page.status("queue-progress", "0 of 2 done")

    # Ten as JSONL (ids and dates), ranked: the article the model is least sure of first.
    driver.execute_script("document.getElementById('batch').open = true")
    page.el("batch-rank").click()
    lines = [json.dumps({"id": f"article-{n:02d}", "text": text, "published": PUBLISHED})
             for n, text in enumerate(ARTICLES, start=1)]
    page.fill("batch-text", "\n".join(lines))
    page.el("batch-load").click()
    page.status("batch-status", "10 article(s) queued, ranked by fake-1")
    items = driver.find_elements(page.by.CSS_SELECTOR, "#queue-list button")
    assert len(items) == 10
    fewest = min(ARTICLES, key=lambda text: len(ScoredTagger(SCORES).predict_many([text])[0]))
    page.wait.until(lambda _: page.el("article-text").get_attribute("value") == fewest
                    and page.focused() == "doc-text")
    assert page.el("published").get_attribute("value") == PUBLISHED

    # Skip the first; then all the others with the keyboard: mark a word, Ctrl+Enter.
    page.el("queue-skip").click()
    for done in range(1, 10):
        page.wait.until(lambda _, n=done: f"{n - 1} of 10 done" in page.el("queue-progress").text
                        and page.focused() == "doc-text" and page.el("doc-text").text)
        queued = page.el("article-id").get_attribute("value")
        page.keys(Keys.END, "4")
        page.chord(Keys.CONTROL, Keys.ENTER)
        page.wait.until(lambda _, q=queued: q in page.stored(base_url))
    page.status("queue-progress", "Queue finished: 9 of 10 done · 1 skipped · 0 to do")
    skipped = driver.find_element(page.by.CSS_SELECTOR, "#queue-list li.q-skipped button")
    skipped.click()
    page.wait.until(lambda _: page.el("article-text").get_attribute("value") == fewest)
    page.chord(Keys.CONTROL, Keys.ENTER)
    page.status("queue-progress", "10 of 10 done · 0 skipped")
    assert len(page.stored(base_url)) == 10
    assert all(d["spans"] for d in page.stored(base_url).values())

    # A reload keeps the queue and its statuses.
    driver.refresh()
    page.wait.until(lambda _: "10 of 10 done" in page.el("queue-progress").text)
    assert len(driver.find_elements(page.by.CSS_SELECTOR, "#queue-list li.q-done")) == 10

    # Export: the JSONL of every saved document and the ACLED-style CSV of their events.
    downloads = tmp_path / "downloads"
    page.el("export-jsonl").click()
    page.status("export-status", "annotations.jsonl: 10 document(s)")
    exported = _downloaded(downloads, "annotations.jsonl").splitlines()
    assert sorted(json.loads(line)["id"] for line in exported) == sorted(page.stored(base_url))
    page.el("export-csv").click()
    page.status("export-status", "events.csv")
    table = _downloaded(downloads, "events.csv")
    assert table.startswith("event_date,year,time_precision,disorder_type,event_type")
    assert {row.split(",")[0] for row in table.splitlines()[1:]}  # rows under the header

    # Retrain from the page: followed to the gate's verdict with its F1 per label.
    page.el("retrain-button").click()
    verdict = page.status("retrain-status", "Promoted")
    assert "Trained on" in verdict
    metrics = driver.find_elements(page.by.CSS_SELECTOR, "#retrain-metrics tbody tr")
    assert len(metrics) == 4 and page.el("retrain-progress").get_attribute("value") == "1"

    # The screenshot of the docs: the queue, an article, its events with E1's evidence.
    # A done article opens as it was saved.
    first = next(b for b in driver.find_elements(page.by.CSS_SELECTOR, "#queue-list button")
                 if b.get_attribute("title") == ARTICLES[0])
    first.click()
    page.status("extract-status", "Opened “")
    saved = page.stored(base_url)[page.el("article-id").get_attribute("value")]
    assert [(s, label) for s, label, _ in page.spans()] == [
        (ARTICLES[0][s["start"]:s["end"]], s["label"]) for s in saved["spans"]]
    page.wait.until(lambda _: page.table()[0][0].startswith("E1"))
    driver.find_element(page.by.CSS_SELECTOR, "#events tbody button.link").click()
    driver.set_window_size(1400, 1000)
    driver.execute_script("window.scrollTo(0, 0)")
    screenshot = tmp_path / "review-page.png"
    assert driver.save_screenshot(str(screenshot))
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("CONFLICT_IE_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(screenshot, ROOT / "docs" / "review-page.png")
