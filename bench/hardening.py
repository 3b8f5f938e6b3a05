"""Repeatable attack runs against the service; each prints counts that must be 0.

    .venv/bin/python bench/hardening.py                        # all three parts, defaults
    .venv/bin/python bench/hardening.py --parts fuzz --fuzz-cases 2000
    .venv/bin/python bench/hardening.py --parts kill --kill-runs 3 --kill-after 5
    .venv/bin/python bench/hardening.py --parts retrain --retrain-seconds 600

Parts:

- ``fuzz``: schemathesis generates valid and invalid requests for every operation of the
  OpenAPI schema (``--fuzz-cases`` per operation and mode) and calls the app in-process, with
  the fake tagger of ``tests/fakes.py`` (no model needed). Counts 5xx answers and answers whose
  status code the schema does not document.
- ``kill``: starts ``conflict-ie serve`` as a subprocess on a throwaway data folder (no model),
  posts annotations from ``--writers`` threads, ``SIGKILL``s the server after ``--kill-after``
  seconds, restarts it on the same folder and counts documents answered 201 but not stored
  (``--kill-runs`` rounds).
- ``retrain``: needs a trained model (``<models_dir>/current``, default ``models/current``;
  skipped with a message otherwise). Starts the real server on a throwaway models folder that
  links the current model (promotion cannot touch the real one) with
  ``CONFLICT_IE_RETRAIN_MAX_EPOCHS=1``, starts a retrain and posts the seed articles to
  ``/extract`` from ``--clients`` clients until it ends; a retrain still running after
  ``--retrain-seconds`` is cancelled. Counts failed requests.

Every part is bounded in time; everything runs on 127.0.0.1 only. Exit status 0 when every
count is 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import load  # noqa: E402  (bench/load.py: the load clients and the server runner)

from service.retrain.manager import FINISHED  # noqa: E402

MAX_SECONDS = 900  # no part waits longer


# --- fuzz ---------------------------------------------------------------------------------


def run_fuzz(cases: int) -> dict[str, Any]:
    """Schemathesis over every operation, positive and negative, in-process."""
    import schemathesis
    from schemathesis.generation import GenerationMode

    from model.extractor import Extractor
    from service.http.app import create_app
    from tests.fakes import FakeTagger, FixedScoreToolkit, service_settings

    tally: Counter[str] = Counter()
    undocumented: Counter[str] = Counter()
    impossible: list[str] = []
    with tempfile.TemporaryDirectory(prefix="conflict-ie-fuzz-") as tmp:
        config = service_settings(Path(tmp), max_batch=4)
        app = create_app(config, extractor=Extractor(FakeTagger()),
                         toolkit=FixedScoreToolkit(config.models_dir).toolkit())
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if not _fuzz_operation(operation, mode, cases, tally, undocumented):
                    impossible.append(f"{mode.value} {operation.label}")
    return {
        "requests": sum(tally.values()),
        "no_request_possible": impossible,
        "by_class": dict(tally),
        "server_errors": tally["5xx"],
        "undocumented_status": sum(undocumented.values()),
        "undocumented": dict(undocumented),
    }


def _fuzz_operation(operation: Any, mode: Any, cases: int, tally: Counter[str],
                    undocumented: Counter[str]) -> bool:
    """Up to ``cases`` generated requests to one operation, each answer counted; ``False``
    when no request of that mode exists. Hypothesis stops early when out of distinct inputs.
    """
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable

    from tests.fakes import AUTH

    documented = {int(code) for code in operation.definition.raw.get("responses", {})}

    @settings(max_examples=cases, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: schemathesis.Case) -> None:
        status = case.call(headers=AUTH).status_code
        tally[f"{status // 100}xx"] += 1
        if status not in documented:
            undocumented[f"{case.method} {case.path} {status}"] += 1

    try:
        call()
    except Unsatisfiable:  # nothing to make invalid (negative mode of GET /health)
        return False
    return True


# --- kill -9 durability --------------------------------------------------------------------


@contextmanager
def served(data_dir: Path, token: str, log: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``conflict-ie serve`` on a free port, no model, the annotation store in ``data_dir``."""
    port = load.free_port()
    models = data_dir / "no-models"
    models.mkdir(exist_ok=True)
    env = os.environ | {
        "CONFLICT_IE_HOST": "127.0.0.1", "CONFLICT_IE_PORT": str(port),
        "CONFLICT_IE_API_TOKEN": token, "CONFLICT_IE_DATA_DIR": str(data_dir),
        "CONFLICT_IE_MODELS_DIR": str(models),
    }
    with log.open("ab") as out:
        server = subprocess.Popen([sys.executable, "-m", "service", "serve"], cwd=ROOT,
                                  env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, server)
        yield url, server
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(30)


def _wait_ready(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    """Until the server answers anything (503 without a model is fine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            httpx.get(f"{url}/health", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer in {seconds:g} s")


def _writer(url: str, token: str, name: str, batch: int, acked: set[str],
            stop: threading.Event, lock: threading.Lock) -> None:
    """Post batches of new documents until the server dies; remember what was answered 201."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, timeout=30) as http:
        for seq in range(10**9):
            if stop.is_set():
                return
            ids = [f"{name}-{seq:06d}-{k}" for k in range(batch)]
            docs = [{"id": i, "text": f"Shelling in Aleppo killed 3 civilians ({i}).",
                     "spans": [{"start": 12, "end": 18, "label": "LOCATION"}]} for i in ids]
            try:
                response = http.post("/annotations", json=docs, headers=auth)
            except httpx.HTTPError:
                return  # the server is gone: this batch was never acknowledged
            if response.status_code == 201:
                with lock:
                    acked.update(ids)


def _stored_ids(url: str, token: str) -> set[str]:
    """Every stored id, page by page."""
    ids: set[str] = set()
    cursor: str | None = None
    with httpx.Client(base_url=url, timeout=60) as http:
        while True:
            params: dict[str, Any] = {"limit": 1000} | ({"cursor": cursor} if cursor else {})
            response = http.get("/annotations", params=params,
                                headers={"Authorization": f"Bearer {token}"})
            response.raise_for_status()
            ids.update(json.loads(line)["id"] for line in response.text.splitlines())
            cursor = response.headers.get("x-next-cursor")
            if cursor is None:
                return ids


def run_kill(runs: int, writers: int, batch: int, kill_after: float) -> dict[str, Any]:
    """``runs`` rounds of write, SIGKILL, restart, count acknowledged-but-lost documents."""
    token = secrets.token_urlsafe(16)
    rounds = []
    with tempfile.TemporaryDirectory(prefix="conflict-ie-kill-") as tmp:
        data, log = Path(tmp), Path(tmp) / "server.log"
        for run in range(runs):
            acked: set[str] = set()
            lock, stop = threading.Lock(), threading.Event()
            with served(data, token, log) as (url, server):
                threads = [threading.Thread(target=_writer, args=(
                    url, token, f"r{run}-w{w}", batch, acked, stop, lock)) for w in range(writers)]
                for thread in threads:
                    thread.start()
                time.sleep(kill_after)
                os.kill(server.pid, signal.SIGKILL)
                server.wait(30)
                stop.set()
                for thread in threads:
                    thread.join(60)
            with served(data, token, log) as (url, _):
                stored = _stored_ids(url, token)
            mine = {i for i in stored if i.startswith(f"r{run}-")}
            rounds.append({"acknowledged": len(acked), "stored": len(mine),
                           "lost": len(acked - stored),
                           "stored_unacknowledged": len(mine - acked)})
    return {"rounds": rounds, "acknowledged": sum(r["acknowledged"] for r in rounds),
            "lost": sum(r["lost"] for r in rounds)}


# --- retrain under load --------------------------------------------------------------------


def _throwaway_models(models_dir: Path, into: Path) -> None:
    """A models folder whose ``current`` (and general-stage checkpoints) link the real ones."""
    (into / "current").symlink_to((models_dir / "current").resolve())
    for base in models_dir.glob("base-*"):
        (into / base.name).symlink_to(base.resolve())


def run_retrain(models_dir: Path, clients: int, seconds: float) -> dict[str, Any]:
    """Load on ``/extract`` while a 1-epoch retrain trains, judges and maybe swaps models."""
    if not (models_dir / "current").exists():
        return {"skipped": f"no trained model at {models_dir / 'current'}: "
                           "run `conflict-ie train` first"}
    token = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="conflict-ie-retrain-") as tmp:
        _throwaway_models(models_dir, Path(tmp))
        env = {"CONFLICT_IE_MODELS_DIR": tmp,
               "CONFLICT_IE_RETRAIN_MAX_EPOCHS": os.environ.get(
                   "CONFLICT_IE_RETRAIN_MAX_EPOCHS", "1")}
        with load.local_server(token, extra_env=env) as (url, _):
            return asyncio.run(_load_during_retrain(url, token, clients, seconds))


async def _load_during_retrain(url: str, token: str, clients: int,
                               seconds: float) -> dict[str, Any]:
    texts, tally, stop = load.seed_texts(), load.Tally(), asyncio.Event()
    auth = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=clients),
                          timeout=120) as http,
        httpx.AsyncClient(base_url=url, timeout=120) as control,
    ):
        started = await control.post("/retrain", headers=auth)
        started.raise_for_status()
        job = started.json()["id"]
        began = time.perf_counter()
        tasks = [asyncio.create_task(load.client_loop(http, texts, n, stop, tally))
                 for n in range(clients)]
        report = await _wait_job(control, job, min(seconds, MAX_SECONDS))
        cancelled = report.get("state") not in FINISHED
        if cancelled:
            await control.delete(f"/retrain/{job}", headers=auth)
            report = await _wait_job(control, job, 60)
        stop.set()
        await asyncio.gather(*tasks)
        result = tally.report(time.perf_counter() - began)
    keys = ("state", "message", "old_version", "new_version")
    return result | {"retrain": {k: report.get(k) for k in keys},
                     "cancelled_at_budget": cancelled}


async def _wait_job(control: httpx.AsyncClient, job: str, seconds: float) -> dict[str, Any]:
    """The job's report once it has finished, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    report: dict[str, Any] = {}
    while time.monotonic() < deadline:
        report = (await control.get(f"/retrain/{job}")).json()
        if report.get("state") in FINISHED:
            break
        await asyncio.sleep(0.5)
    return report


# --- main ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="fuzz,kill,retrain",
                        help="comma-separated: fuzz, kill, retrain (default: all)")
    parser.add_argument("--fuzz-cases", type=int, default=100,
                        help="cases per operation and mode (positive, negative)")
    parser.add_argument("--kill-runs", type=int, default=2)
    parser.add_argument("--kill-after", type=float, default=4.0,
                        help="seconds of writing before SIGKILL")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--batch", type=int, default=8, help="documents per POST")
    parser.add_argument("--models-dir", type=Path, default=ROOT / "models")
    parser.add_argument("--clients", type=int, default=4, help="load clients during retrain")
    parser.add_argument("--retrain-seconds", type=float, default=300,
                        help="cancel the retrain after this long")
    args = parser.parse_args()
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    if not parts <= {"fuzz", "kill", "retrain"}:
        parser.error(f"unknown part(s): {sorted(parts - {'fuzz', 'kill', 'retrain'})}")
    if not (1 <= args.fuzz_cases <= 100_000 and 1 <= args.kill_runs <= 20
            and 0 < args.kill_after <= 120 and 1 <= args.writers <= 32
            and 1 <= args.clients <= load.MAX_CLIENTS
            and 0 < args.retrain_seconds <= MAX_SECONDS):
        parser.error("a bound is out of range (see --help)")
    failures = 0
    if "fuzz" in parts:
        fuzz = run_fuzz(args.fuzz_cases)
        print(json.dumps({"fuzz": fuzz}, indent=2), flush=True)
        failures += fuzz["server_errors"] + fuzz["undocumented_status"]
    if "kill" in parts:
        kill = run_kill(args.kill_runs, args.writers, args.batch, args.kill_after)
        print(json.dumps({"kill": kill}, indent=2), flush=True)
        failures += kill["lost"]
    if "retrain" in parts:
        retrain = run_retrain(args.models_dir, args.clients, args.retrain_seconds)
        print(json.dumps({"retrain": retrain}, indent=2), flush=True)
        failures += int(retrain.get("errors", 0))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
