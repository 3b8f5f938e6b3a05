"""One stored annotation over HTTP: ``DELETE /annotations/{id}``, its previous versions and
restoring one, all behind the token, ids with any character percent-encoded."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from .fakes import AUTH, FakeTagger, client_for


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path, tagger=FakeTagger(), annotation_versions=3) as client:
        yield client


def _doc(doc_id: str, tail: str = "") -> dict:
    text = f"Rebels shelled Aleppo{tail}."
    return {"id": doc_id, "text": text, "spans": [{"start": 15, "end": 21, "label": "LOCATION"}]}


def _post(client: TestClient, *docs: dict) -> None:
    response = client.post("/annotations", json=list(docs), headers=AUTH)
    assert response.status_code == 201, response.text


def _url(doc_id: str, rest: str = "") -> str:
    return f"/annotations/{quote(doc_id, safe='').replace('.', '%2E')}{rest}"


def _texts(client: TestClient, doc_id: str) -> list[tuple[int, bool, str]]:
    response = client.get(_url(doc_id, "/versions"), headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == doc_id
    return [(v["version"], v["current"], v["document"]["text"]) for v in body["versions"]]


def _exported(client: TestClient) -> dict[str, str]:
    lines = client.get("/annotations", headers=AUTH).text.splitlines()
    return {d["id"]: d["text"] for d in map(json.loads, lines)}


def test_an_overwritten_annotation_can_be_seen_and_restored(client: TestClient) -> None:
    _post(client, _doc("a"))
    _post(client, _doc("a", " again"))
    assert _texts(client, "a") == [(2, True, "Rebels shelled Aleppo again."),
                                   (1, False, "Rebels shelled Aleppo.")]
    restored = client.post(_url("a", "/restore"), headers=AUTH)  # default: the newest previous
    assert restored.status_code == 200, restored.text
    assert [v["version"] for v in restored.json()["versions"]] == [3, 2, 1]
    assert _exported(client) == {"a": "Rebels shelled Aleppo."}
    undo = client.post(_url("a", "/restore"), params={"version": 2}, headers=AUTH)
    assert undo.status_code == 200
    assert _exported(client) == {"a": "Rebels shelled Aleppo again."}
    assert _texts(client, "a")[0] == (4, True, "Rebels shelled Aleppo again.")


def test_only_the_newest_previous_versions_are_kept(client: TestClient) -> None:
    for n in range(6):
        _post(client, _doc("a", f" {n}"))
    assert [v for v, _, _ in _texts(client, "a")] == [6, 5, 4, 3]  # the current + 3 kept
    gone = client.post(_url("a", "/restore"), params={"version": 2}, headers=AUTH)
    assert gone.status_code == 404
    assert "previous versions kept: 5, 4, 3" in gone.json()["detail"]


def test_posting_the_same_document_again_makes_no_version(client: TestClient) -> None:
    _post(client, _doc("a"))
    _post(client, _doc("a"))
    assert _texts(client, "a") == [(1, True, "Rebels shelled Aleppo.")]
    nothing = client.post(_url("a", "/restore"), headers=AUTH)
    assert nothing.status_code == 404
    assert nothing.json()["detail"] == (
        "annotation 'a' has no previous version to restore (previous versions kept: none)")


def test_delete_removes_an_annotation_for_good(client: TestClient) -> None:
    _post(client, _doc("a"), _doc("b"))
    _post(client, _doc("a", " again"))
    response = client.delete(_url("a"), headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"deleted": "a", "total": 1}
    assert _exported(client) == {"b": "Rebels shelled Aleppo."}
    assert client.get(_url("a", "/versions"), headers=AUTH).status_code == 404
    again = client.delete(_url("a"), headers=AUTH)
    assert again.status_code == 404
    assert again.json()["detail"] == "no stored annotation has the id 'a'"


@pytest.mark.parametrize("doc_id", ["a/b", "x/versions", "with space", "50%", "é?#&", "..", "."])
def test_any_id_is_one_percent_encoded_segment(client: TestClient, doc_id: str) -> None:
    """Dots too, sent as %2E so that no client reads them as a dot segment."""
    _post(client, _doc(doc_id), _doc("x"))
    _post(client, _doc(doc_id, " again"))
    assert [v for v, _, _ in _texts(client, doc_id)] == [2, 1]
    assert client.post(_url(doc_id, "/restore"), headers=AUTH).status_code == 200
    assert client.delete(_url(doc_id), headers=AUTH).status_code == 200
    assert set(_exported(client)) == {"x"}


@pytest.mark.parametrize(
    ("method", "rest"), [("DELETE", ""), ("GET", "/versions"), ("POST", "/restore")]
)
def test_each_needs_the_token(client: TestClient, method: str, rest: str) -> None:
    _post(client, _doc("a"))
    assert client.request(method, _url("a", rest)).status_code == 401
    wrong = client.request(method, _url("a", rest), headers={"Authorization": "Bearer no"})
    assert wrong.status_code == 403
    assert _exported(client) == {"a": "Rebels shelled Aleppo."}


def test_unknown_ids_and_versions_are_404_and_bad_ones_422(client: TestClient) -> None:
    _post(client, _doc("a"))
    assert client.get(_url("zzz", "/versions"), headers=AUTH).status_code == 404
    assert client.post(_url("zzz", "/restore"), headers=AUTH).status_code == 404
    missing = client.post(_url("a", "/restore"), params={"version": 7}, headers=AUTH)
    assert missing.status_code == 404
    assert "has no version 7 to restore" in missing.json()["detail"]
    for bad in ("0", "-1", "x"):
        response = client.post(_url("a", "/restore"), params={"version": bad}, headers=AUTH)
        assert response.status_code == 422
    assert client.delete(_url("a\x01b"), headers=AUTH).status_code == 422
    assert client.delete(_url("x" * 201), headers=AUTH).status_code == 422


def test_a_version_stored_under_looser_rules_is_not_restored(
    client: TestClient, tmp_path: Path
) -> None:
    _post(client, _doc("a"))
    _post(client, _doc("a", " again"))
    old = json.dumps(_doc("a") | {"meta": {"published": "20240101"}})  # valid before issue 28
    with sqlite3.connect(tmp_path / "data" / "annotations.sqlite3") as conn:
        conn.execute("UPDATE versions SET body = ? WHERE id = 'a' AND version = 1", (old,))
    response = client.post(_url("a", "/restore"), headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["problems"] == [
        "version 1: meta.published: '20240101' is not a date 'YYYY-MM-DD'"]
    assert _exported(client) == {"a": "Rebels shelled Aleppo again."}
