"""The HTTP API with a fake tagger: extraction, health, limits and bad input."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from model.extractor import Extractor
from model.types import Article
from service.http.inference import InferenceWorker

from .fakes import FakeTagger, ScoredTagger, client_for

TEXT = "Russian warplanes struck Aleppo on Sunday, killing 7 civilians."


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(
        tmp_path, tagger=FakeTagger(), max_text_chars=500, max_batch=3, max_body_bytes=4000
    ) as client:
        yield client


def test_extract_returns_spans_events_and_model_version(client: TestClient) -> None:
    response = client.post("/extract", json={"text": TEXT, "id": "a1", "published": "2024-12-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "a1"
    assert body["model"] == {"version": "fake-1"}
    assert (body["published"], body["published_from"]) == ("2024-12-01", "input")
    found = [(s["text"], s["label"]) for s in body["spans"]]
    assert found == [
        ("Russian", "ACTOR"),
        ("Aleppo", "LOCATION"),
        ("Sunday", "DATE"),
        ("7 civilians", "CASUALTY"),
    ]
    assert all(TEXT[s["start"] : s["end"]] == s["text"] for s in body["spans"])
    (event,) = body["events"]
    assert (event["id"], event["sub_event_type"]) == ("E1", "Air/drone strike")
    assert event["date"]["date_start"] == "2024-12-01"  # the Sunday: the publication day
    assert [(p["name"], p["country"]) for p in event["locations"]] == [("Aleppo", "Syria")]
    assert event["fatalities"] == 7
    assert_grounded(TEXT, body["events"])


REPORT = ("BEIRUT, Dec. 2, 2024 - Russian warplanes struck Aleppo on Sunday, killing 7 civilians. "
          "In Idlib, rebels shelled a regime checkpoint on Monday, killing 3 civilians.")


def grounded_fields(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Every field of an event that points into the text: trigger, date, actors, locations,
    casualties, sentences."""
    single = [event[name] for name in ("trigger", "date") if event[name] is not None]
    many = [f for name in ("actors", "locations", "casualties", "sentences") for f in event[name]]
    return single + many


def assert_grounded(text: str, events: list[dict[str, Any]]) -> None:
    """Each grounded field's offsets slice the text to its ``text``."""
    for event in events:
        for field in grounded_fields(event):
            assert text[field["start"] : field["end"]] == field["text"], (event["id"], field)


def test_extract_assembles_each_incident_with_its_fields(client: TestClient) -> None:
    response = client.post("/extract", json={"text": REPORT, "id": "two"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["published"], body["published_from"]) == ("2024-12-02", "dateline")
    strike, shelling = body["events"]
    assert [e["id"] for e in (strike, shelling)] == ["E1", "E2"]
    assert (strike["event_type"], strike["sub_event_type"]) == (
        "Explosions/Remote violence", "Air/drone strike")
    assert (shelling["event_type"], shelling["sub_event_type"]) == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")
    # relative days read against the dateline: the Sunday before, the Monday it is
    assert [(e["date"]["text"], e["date"]["date_start"]) for e in (strike, shelling)] == [
        ("Sunday", "2024-12-01"), ("Monday", "2024-12-02")]
    assert [[(p["text"], p["country"], p["country_code"]) for p in e["locations"]]
            for e in (strike, shelling)] == [[("Aleppo", "Syria", "SY")],
                                             [("Idlib", "Syria", "SY")]]
    assert [(a["name"], a["role"]) for a in strike["actors"]] == [("Russian forces", "actor1")]
    assert [(a["text"], a["role"]) for a in shelling["actors"]] == [
        ("rebels", "actor1"), ("regime", "actor2")]
    assert [(c["text"], c["kind"], c["min"]) for c in strike["casualties"]] == [
        ("7 civilians", "killed", 7)]
    assert (strike["fatalities"], shelling["fatalities"]) == (7, 3)
    assert [s["text"] for s in shelling["sentences"]] == [
        "In Idlib, rebels shelled a regime checkpoint on Monday, killing 3 civilians."]
    assert all(0 <= e["confidence"] <= 1 for e in body["events"])
    assert_grounded(REPORT, body["events"])


def test_batch_keeps_order_and_uses_one_model(client: TestClient) -> None:
    articles = [{"text": "Rebels entered Idlib.", "id": "x"}, {"text": TEXT, "id": "y"}]
    response = client.post("/extract/batch", json={"articles": articles})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["x", "y"]
    assert {r["model"]["version"] for r in results} == {"fake-1"}


def test_health_and_model_info(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok", "model": "fake-1", "detail": None}
    info = client.get("/model").json()
    assert info["version"] == "fake-1"
    assert info["backend"] is None  # the fake tagger has none
    assert info["labels"] == ["ACTOR", "LOCATION", "DATE", "CASUALTY"]
    assert info["metrics"] == {"note": "fake"}
    assert "path" not in info
    assert client.get("/docs").status_code == 200


def test_without_a_model_health_is_503_with_the_reason(tmp_path: Path) -> None:
    with client_for(tmp_path) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert "no model at" in health.json()["detail"]
        assert "conflict-ie train" in health.json()["detail"]
        extract = client.post("/extract", json={"text": TEXT})
        assert extract.status_code == 503
        assert "no model at" in extract.json()["detail"]
        assert client.get("/model").status_code == 503


def test_text_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post("/extract", json={"text": "x" * 501})
    assert response.status_code == 413
    assert "CONFLICT_IE_MAX_TEXT_CHARS" in response.json()["detail"]
    batch = client.post("/extract/batch", json={"articles": [{"text": "ok"}, {"text": "x" * 501}]})
    assert batch.status_code == 413
    assert batch.json()["detail"].startswith("article 2 has 501 characters")


def test_suggest_checks_each_article_as_extract_does(client: TestClient) -> None:
    """One size check for /extract and /suggest: each article at most max_text_chars (500
    here), all of them at most max_request_chars; the 413 names the article and the setting."""
    articles = [{"id": "short", "text": "Rebels entered Idlib."}, {"id": "long", "text": "x" * 501}]
    response = client.post("/suggest", json={"articles": articles})
    assert response.status_code == 413, response.text
    assert response.json()["detail"] == (
        "article 2 ('long') has 501 characters; the limit is 500 (CONFLICT_IE_MAX_TEXT_CHARS)")
    one = client.post("/suggest", json={"articles": [{"id": "long", "text": "x" * 501}]})
    assert one.status_code == 413
    assert one.json()["detail"].startswith("article 'long' has 501 characters")
    extract = client.post("/extract/batch", json={"articles": articles})
    assert extract.status_code == 413
    assert extract.json()["detail"] == response.json()["detail"]  # the same check, word for word
    # within the limit, /suggest goes on to the model (the fake one cannot rank: 503)
    assert client.post("/suggest", json={"articles": articles[:1]}).status_code == 503


def test_suggest_checks_the_characters_of_the_whole_request(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_request_chars=30) as client:
        articles = [{"id": f"a{n}", "text": "Rebels entered Idlib."} for n in range(2)]
        response = client.post("/suggest", json={"articles": articles})
    assert response.status_code == 413
    assert response.json()["detail"] == ("the articles have 42 characters in all; the limit is "
                                         "30 (CONFLICT_IE_MAX_REQUEST_CHARS)")


def test_batch_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post("/extract/batch", json={"articles": [{"text": "a"}] * 4})
    assert response.status_code == 413
    assert "limit is 3 (CONFLICT_IE_MAX_BATCH)" in response.json()["detail"]


def test_body_over_the_limit_is_413_declared_or_streamed(client: TestClient) -> None:
    declared = client.post("/extract", json={"text": "y" * 4000})
    assert declared.status_code == 413
    assert "CONFLICT_IE_MAX_BODY_BYTES" in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        yield b'{"text": "'
        for _ in range(10):
            yield b"z" * 1000
        yield b'"}'

    streamed = client.post(
        "/extract", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413


BAD_INPUT = [
    pytest.param({"content": b"{not json"}, "body is not valid JSON", id="not-json"),
    pytest.param({"json": {"text": 5}}, "body.text: Input should be a valid string", id="int-text"),
    pytest.param({"json": {"text": ""}}, "body.text: String should have at least 1", id="empty"),
    pytest.param({"json": {"text": " \n\t"}}, "body.text: text is empty", id="blank-text"),
    pytest.param({"json": {}}, "body.text: Field required", id="missing-text"),
    pytest.param({"json": [TEXT]}, "body: Input should be a valid dictionary", id="json-list"),
    pytest.param({"json": None}, "body: Field required", id="json-null"),
    pytest.param(
        {"json": {"text": TEXT, "published": "yesterday"}}, "body.published", id="bad-date"
    ),
    pytest.param(
        {"json": {"text": TEXT, "published": 0}}, "body.published: expected a date", id="int-date"
    ),
    pytest.param(
        {"json": {"text": TEXT, "published": "0001-01-01"}}, "is outside 1900-01-01", id="year-1"
    ),
    pytest.param({"json": {"text": TEXT, "id": "a\x00b"}}, "body.id: String should match",
                 id="control-id"),
    pytest.param({"json": {"text": TEXT, "lang": "en"}}, "body.lang: Extra inputs", id="extra"),
    pytest.param(
        {"content": b'{"text": "\\ud800 lone"}'}, "invalid Unicode (lone surrogate)", id="surrogate"
    ),
    pytest.param(
        {
            "content": b"\x00\xff\xfe binary",
            "headers": {"Content-Type": "application/octet-stream"},
        },
        "body must be JSON",
        id="binary",
    ),
    pytest.param(
        {"content": b"\xff\xfe\x00\x01 binary"}, "body is not UTF-8: bad byte 0xff at offset 0",
        id="binary-as-json",
    ),
    pytest.param(
        {"content": b"text=hi", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
        "body must be JSON",
        id="form",
    ),
]


@pytest.mark.parametrize(("request_kwargs", "message"), BAD_INPUT)
def test_bad_input_gets_a_clear_4xx(client: TestClient, request_kwargs: dict, message: str) -> None:
    kwargs = {"headers": {"Content-Type": "application/json"}} | request_kwargs
    response = client.post("/extract", **kwargs)
    assert 400 <= response.status_code < 500, response.text
    body = response.json()
    assert message in body["detail"], body
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text
    assert "error parsing the body" not in response.text


def test_unknown_route_and_method(client: TestClient) -> None:
    assert client.get("/nope").status_code == 404
    assert client.get("/extract").status_code == 405
    assert client.get("/retrain/unknown-id").status_code == 404


def test_slow_request_times_out_with_504(tmp_path: Path) -> None:
    slow = FakeTagger(delay=1.0)
    with client_for(tmp_path, tagger=slow, request_timeout_s=0.2) as client:
        response = client.post("/extract", json={"text": TEXT})
        assert response.status_code == 504
        assert "CONFLICT_IE_REQUEST_TIMEOUT_S" in response.json()["detail"]
        assert client.get("/health").status_code == 200  # the loop stayed responsive


UNSURE_DATE = {"ACTOR": 0.9, "LOCATION": 0.9, "DATE": 0.4, "CASUALTY": 0.9}


def test_min_score_drops_unsure_spans_and_events(tmp_path: Path) -> None:
    article = {"text": TEXT, "published": "2024-12-01"}
    with client_for(tmp_path, tagger=ScoredTagger(UNSURE_DATE)) as client:
        everything = client.post("/extract", json=article).json()
        sure = client.post("/extract", params={"min_score": 0.5}, json=article).json()
        batch = client.post("/extract/batch", params={"min_score": 0.5},
                            json={"articles": [article, article]}).json()["results"]
        none = client.post("/extract", params={"min_score": 1}, json=article).json()
    assert [s["text"] for s in everything["spans"]] == ["Russian", "Aleppo", "Sunday",
                                                        "7 civilians"]
    assert everything["events"][0]["date"]["text"] == "Sunday"
    assert [s["text"] for s in sure["spans"]] == ["Russian", "Aleppo", "7 civilians"]
    assert sure["events"] and sure["events"][0]["date"]["method"] == "published"
    assert batch == [sure, sure]
    assert none["events"] == [] and len(none["spans"]) == 0


@pytest.mark.parametrize("value", ["1.5", "-0.1", "abc", "nan"])
@pytest.mark.parametrize("path", ["/extract", "/extract/batch"])
def test_min_score_outside_0_to_1_is_422(client: TestClient, path: str, value: str) -> None:
    body = {"text": TEXT} if path == "/extract" else {"articles": [{"text": TEXT}]}
    response = client.post(path, params={"min_score": value}, json=body)
    assert response.status_code == 422, response.text
    assert "min_score" in response.text


def test_one_gathering_with_two_min_scores_filters_each_request_its_own_way() -> None:
    tagger = ScoredTagger(UNSURE_DATE)
    extractor = Extractor(tagger)
    worker = InferenceWorker(wait_ms=300)  # all three jobs arrive within one gathering
    article = Article(text=TEXT, published=dt.date(2024, 12, 1))

    async def scenario() -> list:
        return await asyncio.gather(
            worker.run(extractor, [article], min_score=0.5),
            worker.run(extractor, [article]),
            worker.run(extractor, [article], min_score=0.5),
        )

    worker.start()
    try:
        (sure,), (everything,), (sure_again,) = asyncio.run(scenario())
    finally:
        worker.close()
    assert [s.text for s in everything.spans] == ["Russian", "Aleppo", "Sunday", "7 civilians"]
    assert [s.text for s in sure.spans] == ["Russian", "Aleppo", "7 civilians"]
    assert sure_again == sure
    assert worker.batches == 2 and sorted(len(c) for c in tagger.calls) == [1, 2]
