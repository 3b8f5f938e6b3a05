"""Every error is JSON with a request id, and a bug is a logged JSON 500, never plain text."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient

from service.http.routes.deps import get_store

from .fakes import AUTH, FakeTagger, client_for

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(tmp_path, tagger=FakeTagger(), max_body_bytes=2000) as client:
        yield client


def _assert_error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) <= {"detail", "problems", "request_id"}
    assert body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Internal Server Error" not in response.text
    assert "Traceback" not in response.text
    return body


def test_a_failing_route_is_a_json_500_with_the_request_id_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    def boom() -> None:
        raise RuntimeError("kaboom inside a route")

    client.app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
    with caplog.at_level(logging.ERROR, logger="service.http.errors"):
        response = client.get("/boom", headers={"X-Request-ID": "trace-42"})
    body = _assert_error(response, 500)
    assert body["request_id"] == "trace-42"
    assert "trace-42" in body["detail"]
    assert "kaboom" not in response.text  # the exception stays in the log
    (record,) = [r for r in caplog.records if "trace-42" in r.getMessage()]
    assert record.exc_info is not None and "kaboom inside a route" in str(record.exc_info[1])
    assert "GET /boom" in record.getMessage()


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [("GET", "/annotations", {}), ("POST", "/annotations", {"json": [{"id": "a", "text": "x"}]})],
)
def test_a_failing_dependency_is_a_json_500(
    client: TestClient, method: str, path: str, kwargs: dict
) -> None:
    def broken_store() -> None:
        raise OSError("disk on fire")

    client.app.dependency_overrides[get_store] = broken_store  # type: ignore[attr-defined]
    _assert_error(client.request(method, path, headers=AUTH, **kwargs), 500)
    assert client.get("/health").status_code == 200  # the service carries on


def test_without_the_test_client_raising_the_server_still_answers_json(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as plain:
        app = plain.app

        def boom() -> None:
            raise ZeroDivisionError

        app.add_api_route("/boom", boom)  # type: ignore[attr-defined]
        with TestClient(app, raise_server_exceptions=False) as client:
            body = _assert_error(client.get("/boom"), 500)
            assert GENERATED.fullmatch(body["request_id"])


def test_request_ids_are_echoed_when_sane_and_generated_otherwise(client: TestClient) -> None:
    fresh = client.get("/health")
    assert GENERATED.fullmatch(fresh.headers["x-request-id"])
    assert client.get("/health").headers["x-request-id"] != fresh.headers["x-request-id"]
    for sane in ("abc", "4bf92f35-77b3-4f2e-9d2c-0e6f7a1b2c3d", "Root=1-5759e988/x.y:z+w"):
        assert client.get("/health", headers={"X-Request-ID": sane}).headers["x-request-id"] == sane
    for odd in (b"has space", b"x" * 129, b"<script>", b"-starts-with-dash", "é".encode()):
        got = client.get("/health", headers={"X-Request-ID": odd}).headers["x-request-id"]
        assert GENERATED.fullmatch(got), (odd, got)


def test_every_kind_of_error_carries_the_request_id(client: TestClient) -> None:
    rid = {"X-Request-ID": "rid-1"}
    cases = [
        (client.get("/nope", headers=rid), 404),
        (client.get("/extract", headers=rid), 405),
        (client.post("/annotations", json=[], headers=rid), 401),
        (client.post("/annotations", json=[], headers=rid | {"Authorization": "Bearer x"}), 403),
        (client.post("/extract", json={"text": ""}, headers=rid), 422),
        (client.post("/extract", json={"text": "y" * 3000}, headers=rid), 413),
        (client.post("/extract", content=b'{"text": "\xff"}', headers=rid), 400),
        (client.get("/retrain/unknown", headers=rid), 404),
        (client.get("/annotations?cursor=%21", headers=rid | AUTH), 400),
    ]
    for response, status in cases:
        assert _assert_error(response, status)["request_id"] == "rid-1"


def test_timeout_and_no_model_errors_carry_the_request_id(tmp_path: Path) -> None:
    with client_for(tmp_path / "a", tagger=FakeTagger(delay=1.0), request_timeout_s=0.2) as client:
        _assert_error(client.post("/extract", json={"text": "Aleppo"}), 504)
    with client_for(tmp_path / "b") as client:
        _assert_error(client.post("/extract", json={"text": "Aleppo"}), 503)
        health = client.get("/health", headers={"X-Request-ID": "h-1"})
        assert health.status_code == 503
        assert health.json()["request_id"] == "h-1" == health.headers["x-request-id"]


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/annotations", "GET, POST"),
        ("DELETE", "/annotations", "GET, POST"),
        ("PATCH", "/retrain/some-job", "DELETE, GET"),
        ("PUT", "/annotations/some-id", "DELETE"),
        ("GET", "/annotations/some-id", "DELETE"),
        ("DELETE", "/annotations/some-id/versions", "GET"),
        ("GET", "/annotations/some-id/restore", "POST"),
        ("GET", "/extract", "POST"),
        ("POST", "/health", "GET"),
    ],
)
def test_a_405_allows_every_method_of_the_path(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path, headers=AUTH)
    _assert_error(response, 405)
    assert response.headers["allow"] == allow


def test_a_message_echoing_a_lone_surrogate_is_still_answered(client: TestClient) -> None:
    def echo() -> None:
        raise HTTPException(status_code=400, detail="bad value '\ud800'")

    client.app.add_api_route("/echo", echo)  # type: ignore[attr-defined]
    body = _assert_error(client.get("/echo"), 400)
    assert body["detail"] == "bad value '\\ud800'"
