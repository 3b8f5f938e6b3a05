"""Smoke check of a serving install (docker/install-serve.sh), as the image would run it.

    VENV/bin/python docker/smoke.py [MODELS_DIR]

Run by the serving environment's Python, it checks that torch and transformers are not
installed and that the HTTP app imports on the onnx-int8 backend. Given a models folder
(``conflict-ie package DEST --current`` writes one), it then runs the Dockerfile's own ``CMD``
on a free port other than 8000, waits until the Dockerfile's own ``HEALTHCHECK`` command
passes, extracts one article, and stops the server with SIGTERM (as ``docker stop`` does),
which must end it cleanly (exit 0) within the graceful-shutdown time. Exits non-zero on any
failure. Standard library only: it runs where only the serving dependencies are.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
TEXT = "Rebels attacked Idlib on Monday. Russian warplanes struck Hama."
log = logging.getLogger("smoke")


def dockerfile_commands(text: str) -> tuple[list[str], list[str]]:
    """The last stage's ``CMD`` and ``HEALTHCHECK ... CMD`` argument lists (JSON form).

    >>> dockerfile_commands('HEALTHCHECK --interval=5s \\\\\\n CMD ["a", "b"]\\nCMD ["c"]\\n')
    (['c'], ['a', 'b'])
    """
    joined = text.replace("\\\n", " ")
    cmd = health = None
    for line in joined.splitlines():
        words = line.strip()
        if words.startswith("FROM "):
            cmd = health = None
        elif words.startswith("CMD "):
            cmd = json.loads(words[len("CMD "):])
        elif words.startswith("HEALTHCHECK "):
            health = json.loads(words[words.index(" CMD ") + len(" CMD "):])
    if not isinstance(cmd, list) or not isinstance(health, list):
        raise SystemExit(f"{DOCKERFILE}: no CMD or HEALTHCHECK in JSON form in its last stage")
    return cmd, health


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    return port if port != 8000 else free_port()


def check_imports() -> None:
    present = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is not None]
    if present:
        raise SystemExit(f"the serving install holds {', '.join(present)}")
    os.environ["CONFLICT_IE_BACKEND"] = "onnx-int8"
    from service.http.app import create_app
    from service.settings import Settings

    create_app(Settings(backend="onnx-int8"))
    log.info("serving install: no torch, no transformers; the app imports")


def serve_and_stop(models: Path) -> None:
    cmd, health = dockerfile_commands(DOCKERFILE.read_text(encoding="utf-8"))
    port = free_port()
    bin_dir = str(Path(sys.executable).parent)
    with tempfile.TemporaryDirectory(prefix="conflict-ie-smoke-") as data:
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
               "CONFLICT_IE_HOST": "127.0.0.1", "CONFLICT_IE_PORT": str(port),
               "CONFLICT_IE_BACKEND": "onnx-int8", "CONFLICT_IE_MODELS_DIR": str(models),
               "CONFLICT_IE_DATA_DIR": data}
        log.info("CMD %s on port %d", shlex.join(cmd), port)
        output = Path(data) / "server.log"
        with output.open("wb") as sink:
            server = subprocess.Popen(cmd, env=env, cwd=data, stdout=sink,
                                      stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while subprocess.run(health, env=env, capture_output=True).returncode != 0:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"HEALTHCHECK {shlex.join(health)} never passed")
                time.sleep(0.5)
            log.info("HEALTHCHECK passed")
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/extract", data=json.dumps({"text": TEXT}).encode(),
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                body = json.load(response)
            if not isinstance(body.get("spans"), list) or not body.get("model"):
                raise SystemExit(f"/extract answered {body}")
            log.info("/extract: %d spans from model %s", len(body["spans"]),
                     body["model"].get("version"))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                code = server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
                raise SystemExit("the server did not stop within 40 s of SIGTERM") from None
            finally:
                printed = output.read_text(encoding="utf-8", errors="replace")
                sys.stderr.write(printed)
    # uvicorn shuts down, then re-raises the signal it caught: exit 0 or "killed by SIGTERM"
    # (143 in a container), after its shutdown completed.
    if code not in (0, -signal.SIGTERM) or "Application shutdown complete" not in printed:
        raise SystemExit(f"the server exited {code} on SIGTERM without a clean shutdown")
    log.info("SIGTERM: the server shut down cleanly (exit %d)", code)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="smoke: %(message)s")
    check_imports()
    if len(sys.argv) > 1:
        serve_and_stop(Path(sys.argv[1]).resolve())


if __name__ == "__main__":
    main()
