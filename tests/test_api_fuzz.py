"""Property-based fuzz of every operation in the OpenAPI schema: no input gets a 5xx.

Schemathesis generates valid and invalid requests (bodies, types, sizes) from the schema and
calls the app in-process (its lifespan included); the only check is that the service never
answers with a server error. The app is built at import because schemathesis parametrizes at
collection (its fixture-based loader does not work with this pytest).
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from model.extractor import Extractor
from service.app import create_app

from .fakes import AUTH, FakeTagger, FixedScoreToolkit, service_settings

_TMP = tempfile.mkdtemp(prefix="conflict-ie-fuzz-")
atexit.register(shutil.rmtree, _TMP, True)
_APP = create_app(
    service_settings(Path(_TMP), max_batch=4),
    extractor=Extractor(FakeTagger()),
    toolkit=FixedScoreToolkit().toolkit(),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", _APP)
# No 5xx, and every answer is one the schema documents: its status code, content type,
# body schema and headers (X-Request-ID on every response).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@schemathesis.serializer("application/x-ndjson")
def _jsonl(ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    """JSONL bodies of ``/annotations`` (its schema says: a string), any text, even bad UTF-8."""
    text = value if isinstance(value, str) else json.dumps(value)
    return text.encode("utf-8", "surrogatepass")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_gets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=AUTH, checks=CHECKS)
