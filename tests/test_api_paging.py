"""``GET /annotations``: private (the token, always), paged with an opaque cursor, streamed;
and what ``POST /annotations`` refuses (empty text, control characters in ids)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .fakes import AUTH, FakeTagger, client_for


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        yield client


def _doc(doc_id: str) -> dict:
    return {"id": doc_id, "text": f"Shelling in Aleppo, report {doc_id}.", "spans": []}


def _post(client: TestClient, ids: list[str]) -> None:
    response = client.post("/annotations", json=[_doc(i) for i in ids], headers=AUTH)
    assert response.status_code == 201, response.text


def _pages(client: TestClient, limit: int, between: list[list[str]] | None = None) -> list[list]:
    """Every page's ids, following X-Next-Cursor; ``between[k]`` is posted after page k."""
    pages, cursor = [], None
    while True:
        params: dict[str, str | int] = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        response = client.get("/annotations", params=params, headers=AUTH)
        assert response.status_code == 200, response.text
        assert "content-length" not in response.headers  # streamed, not built in memory
        pages.append([json.loads(line)["id"] for line in response.text.splitlines()])
        cursor = response.headers.get("x-next-cursor")
        if cursor is None:
            assert "link" not in response.headers
            return pages
        assert response.headers["link"] == (
            f'</annotations?limit={limit}&cursor={cursor}>; rel="next"'
        )
        if between and len(pages) <= len(between):
            _post(client, between[len(pages) - 1])


def test_reading_annotations_needs_the_token(client: TestClient) -> None:
    _post(client, ["private-1"])
    missing = client.get("/annotations")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "private-1" not in missing.text
    wrong = client.get("/annotations", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403
    assert client.get("/annotations", headers=AUTH).status_code == 200


def test_250_documents_come_once_each_in_order_over_pages(client: TestClient) -> None:
    # Later posts get smaller ids: the order is by storage time first, then by id.
    batches = [[f"{chr(ord('z') - b)}-{i:03d}" for i in range(50)] for b in range(5)]
    for batch in batches:
        _post(client, batch)
        time.sleep(0.005)  # created_at has millisecond resolution
    pages = _pages(client, limit=100)
    assert [len(p) for p in pages] == [100, 100, 50]
    assert [i for page in pages for i in page] == [i for batch in batches for i in batch]


def test_paging_goes_on_while_documents_are_stored_and_replaced(client: TestClient) -> None:
    first = [f"d{i:03d}" for i in range(250)]
    _post(client, first)
    time.sleep(0.005)
    # After page 1: a new document and a replaced one (keeps its place); after page 2: more.
    pages = _pages(client, limit=100, between=[["new-1", "d010"], ["new-2"]])
    seen = [i for page in pages for i in page]
    assert seen == [*first, "new-1", "new-2"]
    assert len(seen) == len(set(seen))


def test_the_default_page_and_the_largest(client: TestClient) -> None:
    ids = [f"d{i:04d}" for i in range(1001)]
    _post(client, ids[:1000])  # CONFLICT_IE_MAX_ANNOTATION_DOCUMENTS a request
    _post(client, ids[1000:])
    default = client.get("/annotations", headers=AUTH)
    assert len(default.text.splitlines()) == 100
    largest = client.get("/annotations", params={"limit": 1000}, headers=AUTH)
    assert len(largest.text.splitlines()) == 1000
    assert "x-next-cursor" in largest.headers
    rest = client.get("/annotations", params={"cursor": largest.headers["x-next-cursor"]},
                      headers=AUTH)
    assert rest.text.splitlines() == [json.dumps(_doc("d1000") | {"meta": {}})]
    assert "x-next-cursor" not in rest.headers


def test_an_empty_store_is_one_empty_page(client: TestClient) -> None:
    response = client.get("/annotations", headers=AUTH)
    assert (response.status_code, response.text) == (200, "")
    assert "x-next-cursor" not in response.headers


@pytest.mark.parametrize("limit", ["0", "-1", "1001", "x", "1.5"])
def test_limit_out_of_bounds_is_422(client: TestClient, limit: str) -> None:
    response = client.get("/annotations", params={"limit": limit}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["problems"][0].startswith("query.limit:")


@pytest.mark.parametrize(
    "cursor",
    [
        "!!!",
        "bm90IGpzb24",  # "not json"
        base64.urlsafe_b64encode(b'["2024-12-02T10:00:00+00:00"]').decode(),
        base64.urlsafe_b64encode(b'["yesterday", "d1"]').decode(),
        base64.urlsafe_b64encode(b'[1, 2]').decode(),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_bad_cursor_is_400_and_says_what_to_send(client: TestClient, cursor: str) -> None:
    response = client.get("/annotations", params={"cursor": cursor}, headers=AUTH)
    assert response.status_code == 400
    assert "is not valid: pass the X-Next-Cursor header" in response.json()["detail"]


def test_an_overlong_cursor_is_422(client: TestClient) -> None:
    response = client.get("/annotations", params={"cursor": "A" * 3000}, headers=AUTH)
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"id": "e1", "text": ""}, "text: String should have at least 1 character"),
        ({"id": "e2", "text": " \n\t "}, "text: text is empty"),
        ({"id": "", "text": "Aleppo"}, "id: String should have at least 1 character"),
        ({"id": "a\x00b", "text": "Aleppo"}, "id: String should match pattern"),
        ({"id": "line\nbreak", "text": "Aleppo"}, "id: String should match pattern"),
        ({"id": "tab\there", "text": "Aleppo"}, "id: String should match pattern"),
        ({"id": "del\x7f", "text": "Aleppo"}, "id: String should match pattern"),
        ({"id": "x" * 201, "text": "Aleppo"}, "id: String should have at most 200 characters"),
    ],
)
def test_annotations_with_empty_text_or_control_characters_in_ids_are_422(
    client: TestClient, document: dict, message: str
) -> None:
    response = client.post("/annotations", json=[document], headers=AUTH)
    assert response.status_code == 422, response.text
    assert any(message in p for p in response.json()["problems"]), response.json()
    assert client.get("/annotations", headers=AUTH).text == ""  # nothing stored


def _cursor(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


@pytest.mark.parametrize(
    "raw",
    [
        b'["2024-12-02T10:00:00.000+00:00", "\\ud800"]',  # decodes to a lone surrogate
        b'["2024-12-02T10:00:00.000+00:00", "\\udc00x"]',
        b"[" * 1500,  # as deep as the longest cursor allows: RecursionError before
        b'[["2024-12-02T10:00:00.000+00:00"], "d1"]',
        b'{"2024-12-02T10:00:00.000+00:00": 1, "d1": 2}',
        b'["2024-12-02T10:00:00.000+00:00", "d1", "more"]',
        b'["2024-12-02T10:00:00.000+00:00",NaN]',
        b'["2024-12-02T10:00:00.000+00:00","d1"]',  # not as this service writes it
    ],
)
def test_a_forged_cursor_is_400_not_500(client: TestClient, raw: bytes) -> None:
    _post(client, ["d1", "d2"])
    response = client.get("/annotations", params={"cursor": _cursor(raw)}, headers=AUTH)
    assert response.status_code == 400, response.text
    assert "is not valid: pass the X-Next-Cursor header" in response.json()["detail"]


def test_an_issued_cursor_with_padding_or_other_letters_is_400(client: TestClient) -> None:
    _post(client, ["d1", "d2", "d3"])
    cursor = client.get("/annotations", params={"limit": 1}, headers=AUTH).headers[
        "x-next-cursor"]
    assert client.get("/annotations", params={"cursor": cursor}, headers=AUTH).status_code == 200
    for bad in (cursor + "==", cursor.replace("-", "+").replace("_", "/") + "+/"):
        response = client.get("/annotations", params={"cursor": bad}, headers=AUTH)
        assert response.status_code == 400, (bad, response.text)
