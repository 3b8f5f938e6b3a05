"""What the review page asks of the API: events from given spans (``POST /events``), the
overwrite guard (``replace=false``), who saved each version (``X-Annotator``), the list of
saved annotations and the events CSV. Bad input gets a clear 4xx, never a 500."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from model.events import extract_events
from model.events.coded import gold_event
from model.types import Document, Span
from service.store import AnnotationStore

from .fakes import AUTH, FakeTagger, client_for

TEXT = "Russian warplanes struck Aleppo on Sunday, killing 7 civilians."
SPANS = [
    {"start": 0, "end": 7, "label": "ACTOR"},
    {"start": 25, "end": 31, "label": "LOCATION"},
    {"start": 35, "end": 41, "label": "DATE"},
    {"start": 51, "end": 62, "label": "CASUALTY"},
]


def test_events_are_assembled_from_the_spans_sent(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        answer = client.post("/events", json={"text": TEXT, "spans": SPANS,
                                              "published": "2024-12-02"})
        assert answer.status_code == 200
        body = answer.json()
        spans = [Span(**s) for s in SPANS]
        expected = extract_events(TEXT, spans, published=__import__("datetime").date(2024, 12, 2))
        assert [e["sub_event_type"] for e in body["events"]] == [
            e.sub_event_type for e in expected]
        assert body["published"] == "2024-12-02" and body["published_from"] == "input"
        (coded,) = body["coded"]
        assert coded == gold_event(expected[0], spans).model_dump(mode="json")
        assert (coded["actor1"], coded["location"], coded["date_span"]) == ([0, 7], [25, 31],
                                                                             [35, 41])
        assert (coded["fatalities"], coded["casualty_spans"]) == (7, [[51, 62]])
        # without the casualty span the count still shows, but grounds in no span
        fewer = client.post("/events", json={"text": TEXT, "spans": SPANS[:3]}).json()
        assert fewer["coded"][0]["casualty_spans"] == []
        # The coded row is valid in the annotation format with those spans.
        Document(id="d", text=TEXT, spans=tuple(spans), events=(coded,))


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ({"text": TEXT, "spans": [{"start": 0, "end": 99, "label": "ACTOR"}]}, 422,
         "past the text's length"),
        ({"text": TEXT, "spans": [{"start": 0, "end": 7, "label": "ACTOR"},
                                  {"start": 3, "end": 10, "label": "DATE"}]}, 422, "overlap"),
        ({"text": TEXT, "spans": [{"start": 0, "end": 7, "label": "WEAPON"}]}, 422, "label"),
        ({"text": TEXT, "spans": "no"}, 422, "spans"),
        ({"text": "  ", "spans": []}, 422, "text"),
        ({"text": TEXT, "spans": [], "published": "2024-13-01"}, 422, "not a date"),
        ({"text": TEXT, "spans": [], "extra": 1}, 422, "extra"),
        ({"text": "x" * 600, "spans": []}, 413, "CONFLICT_IE_MAX_TEXT_CHARS"),
    ],
)
def test_bad_event_requests_are_told_why(
    tmp_path: Path, body: dict, status: int, says: str
) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_text_chars=500) as client:
        answer = client.post("/events", json=body)
        assert answer.status_code == status
        text = str(answer.json())
        assert says.lower() in text.lower(), text


def test_too_many_spans_is_413(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_annotation_spans=2) as client:
        answer = client.post("/events", json={"text": TEXT, "spans": SPANS})
        assert answer.status_code == 413
        assert "CONFLICT_IE_MAX_ANNOTATION_SPANS" in answer.json()["detail"]


def _doc(spans: list[dict], doc_id: str = "a1") -> dict:
    return {"id": doc_id, "text": TEXT, "spans": spans}


def test_the_overwrite_guard_and_who_saved_each_version(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        ana = AUTH | {"X-Annotator": "Ana"}
        assert client.post("/annotations?replace=false", json=[_doc(SPANS)],
                           headers=ana).status_code == 201
        # the same content again is no overwrite
        assert client.post("/annotations?replace=false", json=[_doc(SPANS)],
                           headers=AUTH).status_code == 201
        refused = client.post("/annotations?replace=false",
                              json=[_doc(SPANS[:2]), _doc(SPANS, "b1")], headers=AUTH)
        assert refused.status_code == 409
        assert "'a1'" in refused.json()["detail"] and "replace=true" in refused.json()["detail"]
        assert client.get("/annotations/b1/versions", headers=AUTH).status_code == 404  # none
        assert client.post("/annotations", json=[_doc(SPANS[:2])], headers=AUTH).status_code == 201
        versions = client.get("/annotations/a1/versions", headers=AUTH).json()["versions"]
        assert [(v["version"], v["saved_by"], len(v["document"]["spans"])) for v in versions] == [
            (2, "api-token", 2), (1, "Ana", 4)]
        restored = client.post("/annotations/a1/restore", headers=ana).json()["versions"]
        assert [(v["version"], v["saved_by"]) for v in restored][:2] == [
            (3, "Ana"), (2, "api-token")]
        zoe = client.post("/annotations", json=[_doc(SPANS, "z1")],
                          headers=AUTH | {"X-Annotator": "Zo%C3%AB"})
        assert zoe.status_code == 201
        assert client.get("/annotations/z1/versions", headers=AUTH).json()["versions"][0][
            "saved_by"] == "Zoë"
        for bad in ("", "a\x01b", "x" * 101, "%FF", "a%01b", "%20"):
            answer = client.post("/annotations", json=[_doc(SPANS)],
                                 headers=AUTH | {"X-Annotator": bad})
            assert answer.status_code == 422, bad
            assert "X-Annotator" in str(answer.json())
        assert client.post("/annotations?replace=maybe", json=[_doc(SPANS)],
                           headers=AUTH).status_code == 422


def test_the_summary_lists_the_newest_first_without_texts(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        assert client.get("/annotation-summaries").status_code == 401
        coded = _doc(SPANS, "b1") | {"events": []}
        client.post("/annotations", json=[_doc(SPANS)], headers=AUTH | {"X-Annotator": "Ana"})
        client.post("/annotations", json=[coded], headers=AUTH)
        body = client.get("/annotation-summaries", headers=AUTH).json()
        assert body["total"] == 2
        assert [(a["id"], a["spans"], a["events"], a["saved_by"], a["version"])
                for a in body["annotations"]] == [("b1", 4, 0, "api-token", 1),
                                                  ("a1", 4, None, "Ana", 1)]
        assert TEXT not in str(body)
        assert len(client.get("/annotation-summaries?limit=1", headers=AUTH).json()[
            "annotations"]) == 1
        for bad in ("0", "1001", "x"):
            assert client.get(f"/annotation-summaries?limit={bad}",
                              headers=AUTH).status_code == 422


def test_the_events_csv_holds_coded_rows_and_assembled_ones(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        assert client.get("/annotation-events.csv").status_code == 401
        coded = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                 "date": "2024-12-01", "time_precision": 1, "date_span": [35, 41],
                 "actor1": [0, 7], "location": [25, 31], "country": "Syria",
                 "admin1": "Aleppo", "fatalities": 9, "casualty_spans": [[51, 62]]}
        client.post("/annotations", json=[_doc(SPANS, "coded") | {"events": [coded]},
                                          _doc(SPANS, "spans-only")], headers=AUTH)
        answer = client.get("/annotation-events.csv", headers=AUTH)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
        rows = {r["source"]: r for r in csv.DictReader(io.StringIO(answer.text))}
        assert rows["coded"]["fatalities"] == "9"  # the analyst's count, not the model's 7
        assert rows["coded"]["actor1"] == "Russian forces" and rows["coded"]["iso"] == "760"
        assert rows["spans-only"]["fatalities"] == "7"
        assert rows["spans-only"]["sub_event_type"] == "Air/drone strike"


def test_a_store_from_before_saved_by_opens_and_records_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, body TEXT NOT NULL, "
                     "created_at TEXT NOT NULL, updated_at TEXT NOT NULL)")
        conn.execute("CREATE TABLE versions (id TEXT NOT NULL, version INTEGER NOT NULL, "
                     "body TEXT NOT NULL, stored_at TEXT NOT NULL, PRIMARY KEY (id, version))")
        conn.execute("INSERT INTO documents VALUES ('old', ?, '2024-01-01T00:00:00.000+00:00', "
                     "'2024-01-01T00:00:00.000+00:00')",
                     ('{"id": "old", "text": "Shelling in Aleppo."}',))
    store = AnnotationStore(path)
    store.put([Document(id="old", text="Shelling in Idlib.")], saved_by="Ana")
    assert [(v.version, v.saved_by) for v in store.versions("old")] == [(2, "Ana"), (1, None)]
    assert [(s.id, s.saved_by, s.events) for s in store.summaries(limit=5)] == [
        ("old", "Ana", None)]
