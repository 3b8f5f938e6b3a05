"""Wrong tokens are rate-limited per client address: past the limit, 429 with Retry-After for
every request of that address that asks for the token (the right one too), until the oldest
counted failure ages out; other addresses are not affected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from .fakes import AUTH, FakeTagger, client_for

WRONG = {"Authorization": "Bearer wrong"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(tmp_path: Path, clock: Clock) -> Iterator[TestClient]:
    with client_for(tmp_path, tagger=FakeTagger(), auth_max_failures=3,
                    auth_failure_window_s=60, protect_reads=True) as client:
        client.app.state.auth_limiter.clock = clock  # type: ignore[attr-defined]
        yield client


def _other(client: TestClient, host: str) -> TestClient:
    return TestClient(client.app, client=(host, 50000))


def test_past_the_limit_a_client_gets_429_with_retry_after(
    client: TestClient, clock: Clock
) -> None:
    for _ in range(3):
        assert client.get("/annotations", headers=WRONG).status_code == 403
        clock.now += 10
    blocked = client.get("/annotations", headers=WRONG)
    assert blocked.status_code == 429, blocked.text
    assert blocked.headers["retry-after"] == "30"  # the first failure ages out at 1060
    assert blocked.json()["detail"] == (
        "too many wrong tokens from this address: try again in 30 s "
        "(CONFLICT_IE_AUTH_MAX_FAILURES, CONFLICT_IE_AUTH_FAILURE_WINDOW_S)")
    for method, path in (("GET", "/annotations"), ("POST", "/retrain"), ("GET", "/model"),
                         ("DELETE", "/annotations/x")):
        response = client.request(method, path, headers=AUTH)  # the right token as well
        assert response.status_code == 429, (method, path)
    assert client.get("/health").status_code == 200  # asks for no token: not limited
    assert _other(client, "10.9.8.7").get("/annotations", headers=AUTH).status_code == 200
    clock.now += 30  # 1060: the first failure is out of the window: one more try
    assert client.get("/annotations", headers=AUTH).status_code == 200


def test_missing_tokens_are_not_counted_and_the_right_one_clears_the_count(
    client: TestClient,
) -> None:
    for _ in range(10):
        assert client.get("/annotations").status_code == 401
    for _ in range(2):
        assert client.get("/annotations", headers=WRONG).status_code == 403
    assert client.get("/annotations", headers=AUTH).status_code == 200
    for _ in range(3):
        assert client.get("/annotations", headers=WRONG).status_code == 403
    assert client.get("/annotations", headers=WRONG).status_code == 429


def test_each_address_has_its_own_count(client: TestClient) -> None:
    guesser, user = _other(client, "192.0.2.1"), _other(client, "192.0.2.2")
    for _ in range(5):
        guesser.post("/retrain", headers=WRONG)
    assert guesser.post("/retrain", headers=AUTH).status_code == 429
    assert user.get("/annotations", headers=AUTH).status_code == 200


def test_the_schema_documents_429_and_retry_after_where_the_token_is_asked(
    client: TestClient,
) -> None:
    doc = client.get("/openapi.json").json()
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            limited = "429" in operation["responses"]
            assert limited == ("security" in operation), (method, path)
            if limited:
                headers = operation["responses"]["429"]["headers"]
                assert headers["Retry-After"]["schema"] == {"type": "integer", "minimum": 1}
