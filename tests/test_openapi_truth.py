"""The OpenAPI document tells the truth: which operations need the token (checked by calling
each without one), every status code the tests observe, ``ErrorBody`` for every error,
``minLength`` where the code requires it."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.http.routes.deps import get_store

from .fakes import AUTH, FakeTagger, FixedScoreToolkit, client_for, service_settings

HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
ALWAYS = {  # the operations that ask for the token whatever CONFLICT_IE_PROTECT_READS says
    "post /annotations", "get /annotations", "post /retrain", "delete /retrain/{job_id}",
    "delete /annotations/{doc_id}", "get /annotations/{doc_id}/versions",
    "post /annotations/{doc_id}/restore", "get /annotation-summaries",
    "get /annotation-events.csv",
}


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def _call_without_token(client: TestClient, method: str, path: str, operation: dict) -> int:
    url = path.replace("{job_id}", "no-such-job").replace("{doc_id}", "no-such-doc")
    body = {"json": {}} if "requestBody" in operation else {}
    return client.request(method.upper(), url, **body).status_code


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, {*ALWAYS}),
        ({"protect_reads": True}, {*ALWAYS, "post /extract", "post /extract/batch",
                                   "post /suggest", "get /model", "get /retrain/{job_id}",
                                   "post /events"}),
        ({"api_token": None}, {*ALWAYS}),
    ],
    ids=["default", "protect-reads", "no-token-configured"],
)
def test_security_requirements_match_what_each_route_enforces(
    tmp_path: Path, overrides: dict, expected: set[str]
) -> None:
    refused = 403 if overrides.get("api_token", "set") is None else 401
    with client_for(tmp_path, tagger=FakeTagger(), **overrides) as client:
        doc = client.get("/openapi.json").json()
        assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
        secured = set()
        for method, path, operation in _operations(doc):
            status = _call_without_token(client, method, path, operation)
            documented = "security" in operation
            if documented:
                assert operation["security"] == [{"HTTPBearer": []}]
                secured.add(f"{method} {path}")
                assert status == refused, (method, path, status)
                assert {"401", "403"} <= set(operation["responses"])
            else:
                assert status not in (401, 403), (method, path, status)
                assert not {"401", "403"} & set(operation["responses"]), (method, path)
    assert secured == expected
    assert {"get /health"}.isdisjoint(secured)


def _documented(doc: dict, method: str, path: str) -> set[int]:
    return {int(code) for code in doc["paths"][path][method]["responses"]}


def _probes(client: TestClient, gate: threading.Event) -> list[tuple[str, str, int]]:
    """(method, schema path, observed status) for requests that reach every code."""
    seen: list[tuple[str, str, int]] = []

    def hit(method: str, path: str, url: str | None = None, **kwargs: Any) -> Any:
        response = client.request(method.upper(), url or path, **kwargs)
        seen.append((method, path, response.status_code))
        return response

    big = {"json": {"text": "y" * 3000}}
    hit("post", "/extract", json={"text": "Rebels shelled Aleppo."})
    hit("post", "/extract", json={"text": ""})
    hit("post", "/extract", **big)
    hit("post", "/extract", content=b'{"text": "\xff"}')
    hit("post", "/extract/batch", json={"articles": [{"text": "Aleppo"}]})
    hit("post", "/extract/batch", json={"articles": [{"text": "a"}] * 5})
    hit("post", "/extract/batch", json={"articles": []})
    hit("post", "/extract/batch", content=b"[" * 100 + b"]" * 100)
    hit("get", "/health")
    hit("get", "/model")
    hit("post", "/annotations", json=[{"id": "a", "text": "Aleppo."}], headers=AUTH)
    hit("post", "/annotations", json=[{"id": "a", "text": ""}], headers=AUTH)
    hit("post", "/annotations", json=[])
    hit("post", "/annotations", json=[], headers={"Authorization": "Bearer wrong"})
    hit("post", "/annotations", content=b"\xff", headers=AUTH)
    hit("post", "/annotations", headers=AUTH, **big)
    hit("get", "/annotations", headers=AUTH)
    hit("get", "/annotations")
    hit("get", "/annotations", url="/annotations?limit=0", headers=AUTH)
    hit("get", "/annotations", url="/annotations?cursor=%21", headers=AUTH)
    hit("post", "/annotations", content=b"[]", headers=AUTH | {"Content-Type": "text/plain"})
    hit("post", "/annotations", json=[{"id": "b", "text": "Aleppo."}] * 5, headers=AUTH)
    hit("post", "/annotations", json=[{"id": "b", "text": "Aleppo, again."}], headers=AUTH)
    for doc in ("b", "missing"):
        hit("get", "/annotations/{doc_id}/versions", url=f"/annotations/{doc}/versions",
            headers=AUTH)
        hit("post", "/annotations/{doc_id}/restore", url=f"/annotations/{doc}/restore",
            headers=AUTH)
        hit("delete", "/annotations/{doc_id}", url=f"/annotations/{doc}", headers=AUTH)
    hit("delete", "/annotations/{doc_id}", url="/annotations/%01", headers=AUTH)
    job = hit("post", "/retrain", headers=AUTH).json()["id"]
    hit("post", "/retrain", headers=AUTH)  # 409: one is running
    hit("post", "/retrain")
    hit("post", "/retrain", content=b"\xff", headers=AUTH | {"Content-Type": "application/json"})
    hit("get", "/retrain/{job_id}", url="/retrain/missing")
    hit("get", "/retrain/{job_id}", url=f"/retrain/{job}")
    hit("delete", "/retrain/{job_id}", url="/retrain/missing", headers=AUTH)
    hit("delete", "/retrain/{job_id}", url=f"/retrain/{job}", headers=AUTH)
    gate.set()
    client.app.state.retrainer.wait(10)  # type: ignore[attr-defined]
    hit("delete", "/retrain/{job_id}", url=f"/retrain/{job}", headers=AUTH)  # 409: finished
    return seen


def test_every_observed_status_code_is_documented(tmp_path: Path) -> None:
    gate = threading.Event()
    settings = service_settings(tmp_path)
    kit = FixedScoreToolkit(settings.models_dir, gate=gate).toolkit()
    observed: list[tuple[str, str, int]] = []
    with client_for(tmp_path, tagger=FakeTagger(), toolkit=kit, max_body_bytes=2000,
                    max_batch=4, max_json_depth=32, max_annotation_documents=4) as client:
        doc = client.get("/openapi.json").json()
        observed += _probes(client, gate)

        def broken() -> None:
            raise RuntimeError("bug")

        client.app.dependency_overrides[get_store] = broken  # type: ignore[attr-defined]
        response = client.get("/annotations", headers=AUTH)
        observed.append(("get", "/annotations", response.status_code))
    with client_for(tmp_path / "nomodel") as client:  # 503 without a model
        for method, path in (("get", "/health"), ("get", "/model"), ("post", "/extract")):
            kwargs = {"json": {"text": "Aleppo"}} if method == "post" else {}
            observed.append((method, path, client.request(method, path, **kwargs).status_code))
    with client_for(tmp_path / "slow", tagger=FakeTagger(delay=1.0),
                    request_timeout_s=0.2) as client:
        status = client.post("/extract", json={"text": "Aleppo"}).status_code
        observed.append(("post", "/extract", status))
    with client_for(tmp_path / "cap", tagger=FakeTagger(), retrain_max_documents=1) as client:
        observed.append(("post", "/retrain", client.post("/retrain", headers=AUTH).status_code))
    with client_for(tmp_path / "guess", tagger=FakeTagger(), auth_max_failures=1) as client:
        for _ in range(2):
            status = client.post("/retrain", headers={"Authorization": "Bearer x"}).status_code
            observed.append(("post", "/retrain", status))
    undocumented = [(m, p, s) for m, p, s in observed if s not in _documented(doc, m, p)]
    assert undocumented == []
    codes = {s for _, _, s in observed}
    assert {200, 201, 202, 400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503, 504} <= codes


def test_no_operation_documents_a_code_it_cannot_answer(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        doc = client.get("/openapi.json").json()
    assert "422" not in doc["paths"]["/health"]["get"]["responses"]
    assert "422" not in doc["paths"]["/retrain/{job_id}"]["get"]["responses"]  # any str id
    assert "503" not in doc["paths"]["/annotations"]["get"]["responses"]
    assert "400" not in doc["paths"]["/health"]["get"]["responses"]


def test_every_error_response_is_error_body_and_every_response_has_the_request_id(
    tmp_path: Path,
) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        doc = client.get("/openapi.json").json()
    error_body = doc["components"]["schemas"]["ErrorBody"]
    assert set(error_body["required"]) == {"detail", "request_id"}
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    for method, path, operation in _operations(doc):
        for code, response in operation["responses"].items():
            assert "X-Request-ID" in response["headers"], (method, path, code)
            if int(code) < 400:
                continue
            schema = response["content"]["application/json"]["schema"]
            expected = "Unavailable" if (path, code) == ("/health", "503") else "ErrorBody"
            assert schema == {"$ref": f"#/components/schemas/{expected}"}, (method, path, code)
            assert response["description"]


def test_min_length_where_the_code_requires_it(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        schemas = client.get("/openapi.json").json()["components"]["schemas"]
    article = schemas["Article"]["properties"]
    assert article["text"]["minLength"] == 1
    assert article["text"]["pattern"] == r"\S"  # not only whitespace
    article_id = next(s for s in article["id"]["anyOf"] if s.get("type") == "string")
    assert (article_id["minLength"], article_id["maxLength"]) == (1, 200)
    document = schemas["Document"]["properties"]
    assert document["text"]["minLength"] == 1 and document["text"]["pattern"] == r"\S"
    assert (document["id"]["minLength"], document["id"]["maxLength"]) == (1, 200)
    assert schemas["Batch"]["properties"]["articles"]["minItems"] == 1


def test_broken_seed_files_on_the_server_are_a_documented_503_not_a_422(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad.jsonl").write_text('{"id": "s1", "text": ""}\n', encoding="utf-8")
    with client_for(tmp_path, tagger=FakeTagger(), annotations_dir=seeds) as client:
        doc = client.get("/openapi.json").json()
        response = client.post("/retrain", headers=AUTH)
    assert response.status_code == 503, response.text
    assert "seed annotations do not validate" in response.json()["detail"]
    assert str(seeds) not in response.text
    assert 503 in _documented(doc, "post", "/retrain")


def test_the_schema_states_what_the_server_enforces(tmp_path: Path) -> None:
    with client_for(tmp_path, tagger=FakeTagger(), max_text_chars=500, max_batch=3,
                    max_suggest=7, max_annotation_documents=9, max_annotation_chars=800,
                    max_annotation_spans=11) as client:
        doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    suggest = schemas["SuggestArticle"]
    assert "id" in suggest["required"]  # /suggest refuses an article without one
    assert suggest["properties"]["id"]["minLength"] == 1
    assert schemas["SuggestRequest"]["properties"]["articles"]["items"] == {
        "$ref": "#/components/schemas/SuggestArticle"}
    assert schemas["SuggestRequest"]["properties"]["articles"]["maxItems"] == 7
    assert schemas["Article"]["properties"]["text"]["maxLength"] == 500
    assert schemas["Batch"]["properties"]["articles"]["maxItems"] == 3
    assert schemas["Document"]["properties"]["text"]["maxLength"] == 800
    assert schemas["Document"]["properties"]["spans"]["maxItems"] == 11
    body = doc["paths"]["/annotations"]["post"]["requestBody"]["content"]
    array = body["application/json"]["schema"]["anyOf"][0]
    assert (array["minItems"], array["maxItems"]) == (1, 9)
    assert set(body) == {"application/json", "application/x-ndjson", "application/jsonl",
                         "application/json-lines"}
    assert {"413", "415", "422"} <= set(doc["paths"]["/annotations"]["post"]["responses"])
    (cursor,) = [p for p in doc["paths"]["/annotations"]["get"]["parameters"]
                 if p["name"] == "cursor"]
    header = doc["paths"]["/annotations"]["get"]["responses"]["200"]["headers"]["X-Next-Cursor"]
    assert cursor["schema"]["pattern"] == header["schema"]["pattern"] == "^[A-Za-z0-9_-]+$"


@pytest.mark.parametrize(
    ("value", "valid"),
    [("1900-01-01", True), ("2100-12-31", True), ("2024-02-29", True), ("1899-12-31", False),
     ("2101-01-01", False), ("20240101", False), ("2024-13-01", False), ("2024-00-10", False),
     ("2024-01-32", False), ("2024-1-01", False)],
)
def test_the_published_pattern_is_the_range_the_server_takes(
    tmp_path: Path, value: str, valid: bool
) -> None:
    with client_for(tmp_path, tagger=FakeTagger()) as client:
        doc = client.get("/openapi.json").json()
        accepted = client.post("/extract", json={"text": "Aleppo", "published": value})
    published = doc["components"]["schemas"]["Article"]["properties"]["published"]["anyOf"][0]
    assert bool(re.search(published["pattern"], value)) is valid
    assert (accepted.status_code == 200) is valid, accepted.text
