"""``serve``: run the HTTP service (one process, one model) with uvicorn."""

from __future__ import annotations

import argparse
import logging

from service.settings import get_settings

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve", help="serve the HTTP API (host/port from CONFLICT_IE_HOST/PORT)"
    )
    serve.add_argument("--host", help="overrides CONFLICT_IE_HOST (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="overrides CONFLICT_IE_PORT (default 8000)")
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Serve until stopped, with the connection limits and timeouts of ``service.http.server``."""
    import uvicorn

    from service.http.app import create_app
    from service.http.server import server_config

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    settings = get_settings().model_copy(update=overrides)
    shown = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    log.info(
        "serving on %s:%d; API docs at http://%s:%d/docs",
        settings.host,
        settings.port,
        shown,
        settings.port,
    )
    server = uvicorn.Server(server_config(create_app(settings), settings))
    server.run()
    return 0 if server.started else 3  # 3: did not start (port taken...), as uvicorn.run
