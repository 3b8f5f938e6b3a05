"""``/annotations`` and the bearer token: validation as in ``validate``, storage, export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from training.corpus import check_files

from .fakes import AUTH, FakeTagger, client_for

GOOD = {
    "id": "n1",
    "text": "Rebels shelled Aleppo on Monday.",
    "spans": [
        {"start": 0, "end": 6, "label": "ACTOR"},
        {"start": 15, "end": 21, "label": "LOCATION", "text": "Aleppo"},
    ],
    "meta": {"published": "2024-12-02", "source": "test"},
}
BAD_LINES = [
    '{"id": "b1", "text": "in Aleppo", "spans": [{"start": 2, "end": 9, "label": "LOC"}]}',
    '{"id": "b2", "text": "in Aleppo", "spans": [{"start": 3, "end": 9, "label": "LOCATION",'
    ' "text": "Alepo"}, {"start": 5, "end": 20, "label": "DATE"}]}',
    "{not json",
    json.dumps(GOOD),
    json.dumps(GOOD),
]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        yield client


def test_store_then_export_round_trip(client: TestClient) -> None:
    second = GOOD | {"id": "n2", "spans": []}
    response = client.post("/annotations", json=[GOOD, second], headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json() == {"stored": 2, "ids": ["n1", "n2"], "total": 2}
    export = client.get("/annotations", headers=AUTH)
    assert export.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in export.text.splitlines()]
    assert [d["id"] for d in lines] == ["n1", "n2"]
    assert lines[0]["spans"][1] == GOOD["spans"][1]
    assert lines[0]["meta"] == GOOD["meta"]


def test_jsonl_body_and_upsert_by_id(client: TestClient) -> None:
    jsonl = json.dumps(GOOD) + "\n\n"
    headers = AUTH | {"Content-Type": "application/x-ndjson"}
    assert client.post("/annotations", content=jsonl, headers=headers).status_code == 201
    changed = GOOD | {"spans": GOOD["spans"][:1]}
    again = client.post("/annotations", json=changed, headers=AUTH)  # one object is fine too
    assert again.json() == {"stored": 1, "ids": ["n1"], "total": 1}
    (stored,) = client.get("/annotations", headers=AUTH).text.splitlines()
    assert len(json.loads(stored)["spans"]) == 1


def test_every_problem_is_named_as_validate_names_it(client: TestClient, tmp_path: Path) -> None:
    headers = AUTH | {"Content-Type": "application/x-ndjson"}
    response = client.post("/annotations", content="\n".join(BAD_LINES), headers=headers)
    assert response.status_code == 422
    problems = response.json()["problems"]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    _, expected = check_files([path])  # what `conflict-ie validate` prints
    named = [f"line {p.line}: {p.message.replace(f'{path}:', 'line ')}" for p in expected]
    assert problems == named
    assert len(problems) >= 5
    assert any("duplicate id 'n1'" in p for p in problems)
    # all or nothing: the good one is not stored
    assert client.get("/annotations", headers=AUTH).text == ""


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"json": []}, "the body holds no document"),
        ({"json": [5]}, "document 1: expected a JSON object, got int"),
        ({"content": b"[{"}, "bad JSON"),
        ({"json": [GOOD | {"text": 7}]}, "document 1: text: Input should be a valid string"),
        ({"content": b'{"id": "\\ud800", "text": "x"}'}, "id: invalid Unicode (lone surrogate)"),
    ],
)
def test_bad_annotation_bodies_are_422(client: TestClient, kwargs: dict, message: str) -> None:
    kwargs = {"headers": AUTH | {"Content-Type": "application/json"}} | kwargs
    kwargs["headers"] = AUTH | kwargs["headers"]
    response = client.post("/annotations", **kwargs)
    assert response.status_code == 422, response.text
    assert any(message in p for p in response.json()["problems"]), response.json()


def test_token_endpoints_are_disabled_without_a_configured_token(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), api_token=None) as client:
        for method, path in (("POST", "/annotations"), ("POST", "/retrain"),
                             ("GET", "/annotations"), ("DELETE", "/retrain/x")):
            response = client.request(method, path, json=[GOOD], headers=AUTH)
            assert response.status_code == 403
            assert "disabled" in response.json()["detail"]
            assert "CONFLICT_IE_API_TOKEN" in response.json()["detail"]
        assert client.get("/model").status_code == 200  # other reads stay open


def test_missing_token_is_401_and_wrong_token_403(client: TestClient) -> None:
    for path in ("/annotations", "/retrain"):
        missing = client.post(path, json=[GOOD])
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"] == "Bearer"
        wrong = client.post(path, json=[GOOD], headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403
        assert wrong.json()["detail"] == "invalid bearer token"
        basic = client.post(path, json=[GOOD], headers={"Authorization": "Basic dTpw"})
        assert basic.status_code == 401


def test_reads_can_be_protected_but_health_stays_open(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), protect_reads=True) as client:
        assert client.get("/annotations").status_code == 401
        assert client.get("/annotations", headers=AUTH).status_code == 200
        assert client.post("/extract", json={"text": "Aleppo"}).status_code == 401
        assert client.get("/health").status_code == 200


def test_jsonl_lines_split_on_newlines_only(client: TestClient) -> None:
    odd = GOOD | {"id": "odd", "text": GOOD["text"] + "\u2028Next\u00a0line."}
    body = json.dumps(odd, ensure_ascii=False).encode("utf-8")
    headers = AUTH | {"Content-Type": "application/x-ndjson"}
    response = client.post("/annotations", content=body + b"\r\n", headers=headers)
    assert response.status_code == 201, response.text
    assert json.loads(client.get("/annotations", headers=AUTH).text)["text"] == odd["text"]


JSONL = AUTH | {"Content-Type": "application/x-ndjson"}
JSON = AUTH | {"Content-Type": "application/json"}
SURROGATE_META = [
    b'{"id": "s1", "text": "Aleppo.", "meta": {"source": "\\ud800"}}',
    b'{"id": "s1", "text": "Aleppo.", "meta": {"notes": ["ok", {"by": "x\\udc00"}]}}',
    b'{"id": "s1", "text": "Aleppo.", "meta": {"\\ud83d": 1}}',
]


@pytest.mark.parametrize("line", SURROGATE_META)
@pytest.mark.parametrize("headers", [JSON, JSONL], ids=["json", "jsonl"])
def test_a_lone_surrogate_in_meta_is_422_naming_where(
    client: TestClient, line: bytes, headers: dict
) -> None:
    response = client.post("/annotations", content=line, headers=headers)
    assert response.status_code == 422, response.text
    (problem,) = response.json()["problems"]
    unit = "line" if headers is JSONL else "document"
    assert problem.startswith(f"{unit} 1: meta"), problem
    assert "invalid Unicode (lone surrogate)" in problem
    assert client.get("/annotations", headers=AUTH).text == ""


def test_a_valid_surrogate_pair_in_meta_is_stored_as_the_character(client: TestClient) -> None:
    line = b'{"id": "e1", "text": "Aleppo.", "meta": {"source": "\\ud83d\\ude00 news"}}'
    assert client.post("/annotations", content=line, headers=JSON).status_code == 201
    assert json.loads(client.get("/annotations", headers=AUTH).text)["meta"]["source"] == (
        "\U0001f600 news"
    )


@pytest.mark.parametrize("headers", [JSON, JSONL], ids=["json", "jsonl"])
def test_an_integer_of_5000_digits_is_422_not_500(client: TestClient, headers: dict) -> None:
    line = b'{"id": "big", "text": "Aleppo.", "meta": {"n": ' + b"7" * 5000 + b"}}"
    response = client.post("/annotations", content=line, headers=headers)
    assert response.status_code == 422, response.text
    (problem,) = response.json()["problems"]
    assert "bad JSON: integer of 5000 digits is too long (at most 4300)" in problem
    assert problem.endswith("column 48" if headers is JSONL else "line 1 column 48")


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("NaN", "NaN is not valid JSON (numbers must be finite)"),
        ("Infinity", "Infinity is not valid JSON (numbers must be finite)"),
        ("-Infinity", "-Infinity is not valid JSON (numbers must be finite)"),
        ("1e999", "number 1e999 is out of range (numbers must be finite)"),
        ("-2.5E+400", "number -2.5E+400 is out of range (numbers must be finite)"),
    ],
)
@pytest.mark.parametrize("headers", [JSON, JSONL], ids=["json", "jsonl"])
def test_non_finite_numbers_in_meta_are_refused(
    client: TestClient, headers: dict, number: str, reason: str
) -> None:
    line = f'{{"id": "n1", "text": "Aleppo.", "meta": {{"score": {number}}}}}'.encode()
    response = client.post("/annotations", content=line, headers=headers)
    assert response.status_code == 422, response.text
    assert any(reason in p for p in response.json()["problems"]), response.json()
    assert client.get("/annotations", headers=AUTH).text == ""  # nothing stored, nothing exported


def test_numbers_inside_strings_and_ordinary_numbers_pass(client: TestClient) -> None:
    meta = {"note": "NaN Infinity 1e999", "score": 0.25, "count": 10**30, "tiny": 1e-300}
    response = client.post("/annotations", json=[GOOD | {"meta": meta}], headers=AUTH)
    assert response.status_code == 201, response.text
    assert json.loads(client.get("/annotations", headers=AUTH).text)["meta"] == meta


@pytest.mark.parametrize(
    "content_type",
    ["application/xml", "text/plain", "application/x-www-form-urlencoded", None,
     "application/problem+json", "application/json; charset=latin-1", "multipart/form-data"],
)
def test_other_content_types_are_415(client: TestClient, content_type: str | None) -> None:
    headers = dict(AUTH) | ({"Content-Type": content_type} if content_type else {})
    response = client.post("/annotations", content=json.dumps([GOOD]).encode(), headers=headers)
    assert response.status_code == 415, response.text
    assert "send annotations as application/json" in response.json()["detail"]
    assert client.get("/annotations", headers=AUTH).text == ""


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", [GOOD]),
        ("Application/JSON; charset=UTF-8", GOOD),
        ("application/x-ndjson", GOOD),
        ("application/jsonl", GOOD),
        ("application/json-lines; charset=utf-8", GOOD),
    ],
)
def test_json_and_jsonl_types_are_read(client: TestClient, content_type: str, body: object) -> None:
    response = client.post("/annotations", content=json.dumps(body).encode(),
                           headers=AUTH | {"Content-Type": content_type})
    assert response.status_code == 201, response.text


def test_the_token_is_asked_before_the_content_type(client: TestClient) -> None:
    response = client.post("/annotations", content=b"<x/>",
                           headers={"Content-Type": "application/xml"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "published",
    ["20240101", "2024-1-01", "2024-01-1", "2024-W01-1", "2024-001", "2024-01-01T00:00",
     "2024-01-01 ", " 2024-01-01", "２０２４-01-01", "2024/01/01", "2024-02-30"],
)
def test_published_is_exactly_yyyy_mm_dd(client: TestClient, published: str) -> None:
    document = GOOD | {"meta": {"published": published}}
    response = client.post("/annotations", json=[document], headers=AUTH)
    assert response.status_code == 422, response.text
    (problem,) = response.json()["problems"]
    assert problem == f"document 1: meta.published: {published!r} is not a date 'YYYY-MM-DD'"
    extract = client.post("/extract", json={"text": "Aleppo.", "published": published})
    assert extract.status_code == 422, extract.text
    assert "is not a date 'YYYY-MM-DD'" in extract.json()["detail"]


def test_published_in_range_at_both_ends(client: TestClient) -> None:
    for day in ("1900-01-01", "2100-12-31"):
        document = GOOD | {"meta": {"published": day}}
        assert client.post("/annotations", json=[document], headers=AUTH).status_code == 201
    response = client.post("/annotations", json=[GOOD | {"meta": {"published": "2101-01-01"}}],
                           headers=AUTH)
    assert response.status_code == 422
