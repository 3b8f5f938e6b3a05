"""The OpenAPI document, made to tell the truth about each operation.

FastAPI marks every operation that reads the ``Authorization`` header as secured, whether or
not it asks for the token, and lists only the responses a route declares. Here the document is
derived from the dependencies that do the enforcing:

- ``security`` only where the route asks for the token: it depends on ``require_token``, or on
  ``require_read_access`` while ``CONFLICT_IE_PROTECT_READS`` is on; those get 401 and 403.
- every status code the route can answer: 500 (any bug) and 504 (the request time limit)
  everywhere; 400 and 413 on methods that carry a body (the JSON check and the size limit run
  before routing); 422 with a request body or a parameter that can be invalid; 503 where the
  route needs the model; plus what the route declares itself (404, 409, ...).
- every error's body is ``ErrorBody`` (``/health``'s 503 keeps its own model), and every
  response documents the ``X-Request-ID`` header; 429 (too many wrong tokens from one
  address) wherever the token is asked for, with its ``Retry-After`` header.
- the limits the running settings set, where JSON Schema can say them: the longest text, the
  most articles or documents, the most spans (``bounds``); past them the server answers 413.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic.json_schema import models_json_schema

from model.types import Document
from service.http.bodies import BODY_METHODS
from service.http.errors import REQUEST_ID_HEADER, ErrorBody
from service.http.routes.deps import current_model, require_read_access, require_token
from service.settings import Settings

SECURITY_SCHEME = "HTTPBearer"
ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
DESCRIPTIONS = {
    "400": "The body is not UTF-8 or nests deeper than CONFLICT_IE_MAX_JSON_DEPTH.",
    "401": "No bearer token: send 'Authorization: Bearer <token>'.",
    "403": "Wrong token, or no token configured on the server (CONFLICT_IE_API_TOKEN unset).",
    "404": "Not found.",
    "413": "Body over CONFLICT_IE_MAX_BODY_BYTES, or an article or batch over its limit.",
    "415": "A content type the operation does not read.",
    "422": "Invalid input; every problem is named.",
    "429": "Too many wrong tokens from this client address lately; retry after Retry-After "
    "seconds (CONFLICT_IE_AUTH_MAX_FAILURES within CONFLICT_IE_AUTH_FAILURE_WINDOW_S).",
    "500": "Unexpected error, logged with the request id.",
    "503": "No model is loaded.",
    "504": "No response within CONFLICT_IE_REQUEST_TIMEOUT_S.",
}
_REQUEST_ID = {
    "description": "This request's id: the client's X-Request-ID when sane, else a new one.",
    "schema": {"type": "string"},
}
_RETRY_AFTER = {
    "description": "Seconds until this address may send the token again.",
    "schema": {"type": "integer", "minimum": 1},
}


def build_openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    """The OpenAPI document of ``app`` as configured by ``settings``."""
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    _, defs = models_json_schema(
        [(Document, "validation"), (ErrorBody, "serialization")],
        ref_template="#/components/schemas/{model}",
    )
    for name, definition in defs.get("$defs", {}).items():
        components.setdefault(name, definition)
    for route in api_routes(app):
        for method in route.methods:
            operation = schema["paths"][route.path_format][method.lower()]
            _document(operation, route, settings)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    bounds(schema, settings)
    return schema


def bounds(schema: dict[str, Any], settings: Settings) -> None:
    """Write the limits of ``settings`` that JSON Schema can state into ``schema``."""
    components = schema["components"]["schemas"]
    limits = [
        ("Article", "text", "maxLength", settings.max_text_chars),
        ("SuggestArticle", "text", "maxLength", settings.max_text_chars),
        ("Batch", "articles", "maxItems", settings.max_batch),
        ("SuggestRequest", "articles", "maxItems", settings.max_suggest),
        ("Document", "text", "maxLength", settings.max_annotation_chars),
        ("Document", "spans", "maxItems", settings.max_annotation_spans),
    ]
    for component, field, keyword, value in limits:
        prop = components.get(component, {}).get("properties", {}).get(field)
        if prop is not None:
            prop[keyword] = value
    post = schema["paths"].get("/annotations", {}).get("post", {})
    body = post.get("requestBody", {}).get("content", {}).get("application/json", {})
    for shape in body.get("schema", {}).get("anyOf", []):
        if shape.get("type") == "array":
            shape["maxItems"] = settings.max_annotation_documents


def api_routes(app: FastAPI) -> Iterator[APIRoute]:
    """The API routes of the schema, router prefixes and dependencies included.

    FastAPI from 0.160 keeps included routers as such and walks them with
    ``iter_route_contexts`` (a context reads like the combined ``APIRoute``); before, the
    app's routes are the combined ``APIRoute`` objects.
    """
    contexts = getattr(routing, "iter_route_contexts", None)
    for route in contexts(app.routes) if contexts is not None else app.routes:
        original = getattr(route, "original_route", route)
        if isinstance(original, APIRoute) and route.include_in_schema:
            yield route


def needs_token(route: APIRoute, settings: Settings) -> bool:
    """Whether ``route`` asks for the bearer token under ``settings``."""
    calls = set(_calls(route.dependant))
    return require_token in calls or (require_read_access in calls and settings.protect_reads)


def status_codes(route: APIRoute, settings: Settings) -> set[str]:
    """Every status code ``route`` can answer with an error under ``settings``."""
    codes = {"500", "504"} | {str(code) for code in route.responses if _is_error(code)}
    if route.methods & BODY_METHODS:  # any body: the size limit and the JSON check apply
        codes |= {"400", "413"}
    if route.body_field is not None or "requestBody" in (route.openapi_extra or {}):
        codes.add("422")
    params = [*route.dependant.query_params, *route.dependant.path_params]
    if any(_may_be_invalid(param) for param in params):
        codes.add("422")
    if needs_token(route, settings):
        codes |= {"401", "403", "429"}
    if current_model in set(_calls(route.dependant)):
        codes.add("503")
    return codes


def _may_be_invalid(param: Any) -> bool:
    """Whether a parameter can fail validation (422): not a bare string, or constrained."""
    info = param.field_info
    return info.annotation is not str or bool(info.metadata)


def _is_error(code: int | str) -> bool:
    return str(code).isdigit() and int(code) >= 400


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def _document(operation: dict[str, Any], route: APIRoute, settings: Settings) -> None:
    if needs_token(route, settings):
        operation["security"] = [{SECURITY_SCHEME: []}]
    else:
        operation.pop("security", None)
    responses = operation.setdefault("responses", {})
    codes = status_codes(route, settings)
    for code in list(responses):
        if _is_error(code) and code not in codes:
            del responses[code]  # e.g. FastAPI's 422 on a route that cannot answer it
    for code in sorted(codes):
        response = responses.setdefault(code, {})
        if not response.get("description") or response["description"] in (
            "Validation Error", "Additional Response"
        ):
            response["description"] = DESCRIPTIONS.get(code, "Error.")
        content = response.setdefault("content", {})
        json_content = content.setdefault("application/json", {})
        schema = json_content.get("schema", {})
        if not schema or schema.get("$ref", "").endswith("/HTTPValidationError"):
            json_content["schema"] = ERROR_REF
    for response in responses.values():
        response.setdefault("headers", {})[REQUEST_ID_HEADER] = _REQUEST_ID
    if "429" in responses:
        responses["429"]["headers"]["Retry-After"] = _RETRY_AFTER
