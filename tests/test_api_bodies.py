"""Unreadable bodies (not UTF-8, JSON nested 50,000 deep) get a 400 that says what is wrong,
on ``/extract`` (parsed by FastAPI) and ``/annotations`` (parsed by the route), never a 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.http.bodies import StrictJSONRoute, check_json_text, json_depth
from service.http.errors import BodyError
from service.http.openapi import api_routes

from .fakes import AUTH, FakeTagger, client_for

DEEP = 50_000
ROUTES = [
    ("/extract", "application/json"),
    ("/extract/batch", "application/json"),
    ("/annotations", "application/json"),
    ("/annotations", "application/x-ndjson"),
    ("/annotations", "application/json; charset=utf-8"),
    ("/extract", None),  # no Content-Type: FastAPI reads JSON
]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path, tagger=FakeTagger(), max_json_depth=32) as client:
        yield client


def _post(client: TestClient, path: str, body: bytes, content_type: str | None):  # type: ignore[no-untyped-def]
    headers = dict(AUTH) | ({"Content-Type": content_type} if content_type else {})
    return client.post(path, content=body, headers=headers)


def _assert_400(response, message: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert message in detail, detail
    assert "error parsing the body" not in detail


@pytest.mark.parametrize(("path", "content_type"), ROUTES)
def test_invalid_utf8_names_the_byte_and_its_offset(
    client: TestClient, path: str, content_type: str | None
) -> None:
    body = b'{"text": "Shelling in Aleppo \xe9t\xe9"}'
    _assert_400(_post(client, path, body, content_type),
                "body is not UTF-8: bad byte 0xe9 at offset 29")


@pytest.mark.parametrize(("path", "content_type"), ROUTES)
@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_json_50000_deep_is_400_not_a_recursion_error(
    client: TestClient, path: str, content_type: str | None, opener: str
) -> None:
    closer = "]" if opener == "[" else "}"
    body = (opener * DEEP + "1" + closer * DEEP).encode()
    _assert_400(_post(client, path, body, content_type),
                f"JSON nested deeper than 32 levels ({DEEP}; CONFLICT_IE_MAX_JSON_DEPTH)")


def test_deep_jsonl_line_is_caught_and_depth_resets_per_line(client: TestClient) -> None:
    shallow = b"\n".join([b'{"id": "a", "text": "x", "meta": {"k": [[1]]}}'] * 40)
    response = _post(client, "/annotations", shallow, "application/x-ndjson")
    assert response.status_code == 422  # 40 lines of depth 4 are fine; duplicate ids are not
    deep = shallow + b"\n" + b"[" * 40 + b"]" * 40
    _assert_400(_post(client, "/annotations", deep, "application/x-ndjson"), "deeper than 32")


def test_brackets_inside_strings_do_not_count(client: TestClient) -> None:
    text = "Shelling in Aleppo " + "[{" * 500
    response = client.post("/extract", json={"text": text})
    assert response.status_code == 200, response.text


def test_nesting_up_to_the_limit_is_accepted(client: TestClient) -> None:
    meta = 1
    for _ in range(29):  # list -> document -> meta -> 29 levels = 32
        meta = {"k": meta}
    document = {"id": "deep", "text": "Aleppo.", "meta": {"extra": meta}}
    assert client.post("/annotations", json=[document], headers=AUTH).status_code == 201
    document["meta"] = {"extra": {"k": meta}}
    _assert_400(client.post("/annotations", json=[document], headers=AUTH), "deeper than 32")


def test_other_content_types_on_extract_still_say_send_json(client: TestClient) -> None:
    response = _post(client, "/extract", b"\xff\xfe binary", "application/octet-stream")
    assert response.status_code == 422
    assert "body must be JSON" in response.json()["detail"]


@pytest.mark.parametrize(
    ("text", "lines", "depth"),
    [
        ("", False, 0),
        ("1", False, 0),
        ('{"a": "]]]]"}', False, 1),
        ('"\\"[[[["', False, 0),  # an escaped quote does not end the string
        ("[[]]\n[[[]]]", True, 3),
        ("[[]]\n[[[]]]", False, 3),
        ("[\n[\n[]\n]\n]", False, 3),  # JSON: newlines are whitespace
    ],
)
def test_json_depth(text: str, lines: bool, depth: int) -> None:
    assert json_depth(text, lines=lines) == depth


def test_check_json_text_returns_the_text_or_raises() -> None:
    assert check_json_text(b"[[1]]", max_depth=2) == "[[1]]"
    with pytest.raises(BodyError, match="deeper than 1 levels"):
        check_json_text(b"[[1]]", max_depth=1)


@pytest.mark.parametrize(
    ("path", "body", "reason"),
    [
        ("/extract", b'{"text": "Aleppo", "k": ' + b"9" * 5000 + b"}",
         "integer of 5000 digits is too long (at most 4300) (at character 24)"),
        ("/extract", b'{"text": "Aleppo", "published": NaN}',
         "NaN is not valid JSON (numbers must be finite) (at character 32)"),
        ("/extract/batch", b'{"articles": [{"text": "Aleppo"}], "x": -Infinity}',
         "-Infinity is not valid JSON (numbers must be finite) (at character 40)"),
        ("/suggest", b'{"articles": [{"id": "a", "text": "Aleppo"}], "top": 1e400}',
         "number 1e400 is out of range (numbers must be finite) (at character 53)"),
    ],
)
def test_every_json_body_is_read_strictly(
    client: TestClient, path: str, body: bytes, reason: str
) -> None:
    response = _post(client, path, body, "application/json")
    assert response.status_code == 422, response.text
    assert response.json()["problems"] == [f"body is not valid JSON: {reason}"]


def test_every_route_with_a_json_body_reads_it_strictly(client: TestClient) -> None:
    """A new router that forgets ``route_class=StrictJSONRoute`` fails here."""
    routes = [getattr(r, "original_route", r) for r in api_routes(client.app)]  # type: ignore[arg-type]
    with_body = [r for r in routes if r.body_field is not None]
    assert {r.path for r in with_body} >= {"/extract", "/extract/batch", "/suggest"}
    assert all(isinstance(r, StrictJSONRoute) for r in with_body), [
        r.path for r in with_body if not isinstance(r, StrictJSONRoute)]
