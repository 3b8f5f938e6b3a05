"""Bounded load test of the HTTP service on this machine (loopback addresses only).

N concurrent clients post the seed articles to ``POST /extract`` for a fixed time and the
script reports requests/s, p50/p99 latency and errors. ``--during-retrain`` first starts a
retrain (``POST /retrain``, needs the token) and measures until it finishes, so the figures
show what users see while a model trains and swaps in.

    .venv/bin/python bench/load.py --start-server                      # 8 clients, 20 s
    .venv/bin/python bench/load.py --start-server --during-retrain     # while retraining
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --clients 4 --seconds 10
    .venv/bin/python bench/load.py --start-server --sweep 1,4,8 --words 400 \
        --baseline /work/baseline --baseline-models /work/baseline/models

With ``--start-server`` it runs ``conflict-ie serve`` on a free loopback port (with the
environment's ``CONFLICT_IE_*`` settings, a throwaway data folder, and a random token) and
stops it afterwards. ``--sweep`` measures one client count after another on one article of
about ``--words`` words, and the server's peak resident memory (VmHWM); ``--baseline DIR``
runs the server of another checkout of the project (its own models folder) beside it, the two
taking turns in ``--rounds`` rounds at each client count (so that a slow spell of a shared
host falls on both), and prints the ratios. Nothing is sent anywhere but 127.0.0.1 /
localhost / ::1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cpu import describe  # noqa: E402

from service.retrain.manager import FINISHED  # noqa: E402

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_SECONDS = 900  # no run lasts longer, retrain or not
MAX_CLIENTS = 64


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)

    def report(self, seconds: float) -> dict[str, object]:
        ok = sorted(self.latencies)
        errors = sum(n for status, n in self.statuses.items() if status != "200")
        return {
            "requests": sum(self.statuses.values()),
            "seconds": round(seconds, 1),
            "requests_per_s": round(sum(self.statuses.values()) / seconds, 2),
            "p50_ms": round(1000 * statistics.median(ok), 1) if ok else None,
            "p99_ms": round(1000 * ok[min(len(ok) - 1, int(0.99 * len(ok)))], 1) if ok else None,
            "errors": errors,
            "statuses": dict(self.statuses),
        }


def seed_texts() -> list[str]:
    lines = (ROOT / "annotations" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def article_of(words: int) -> str:
    """The first ``words`` words of the seed articles, cut at a sentence end near there."""
    text = "\n".join(seed_texts())
    tokens = text.split(" ")
    cut = " ".join(tokens[:words])
    end = cut.rfind(". ")
    return cut[: end + 1] if end > len(cut) // 2 else cut


async def client_loop(
    http: httpx.AsyncClient, texts: list[str], offset: int, stop: asyncio.Event, tally: Tally
) -> None:
    i = offset
    while not stop.is_set():
        body = {"text": texts[i % len(texts)], "id": str(i)}
        started = time.perf_counter()
        try:
            response = await http.post("/extract", json=body)
            status = str(response.status_code)
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        if status == "200":
            tally.latencies.append(time.perf_counter() - started)
        tally.statuses[status] += 1
        i += 1


async def run_load(
    args: argparse.Namespace, url: str, token: str | None, texts: list[str] | None = None
) -> dict[str, object]:
    texts = texts or seed_texts()
    tally = Tally()
    seconds, final, health = await measure(args, url, token, texts, tally)
    result = tally.report(seconds) | {"clients": args.clients, "model_after": health.get("model")}
    if args.during_retrain:
        keys = ("id", "state", "message", "old_version", "new_version")
        result["retrain"] = {k: final.get(k) for k in keys}
    return result


async def measure(
    args: argparse.Namespace, url: str, token: str | None, texts: list[str], tally: Tally
) -> tuple[float, dict, dict]:
    """``args.clients`` clients post ``texts`` for ``args.seconds`` (or until a retrain started
    with ``args.during_retrain`` ends), adding to ``tally``; returns the seconds measured, the
    retrain's last report and the server's ``/health`` afterwards."""
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=args.clients)
    timeout = httpx.Timeout(120.0)
    # Control requests (retrain, polling, health) get their own client: the load clients keep
    # every pooled connection busy and would starve them.
    async with (
        httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http,
        httpx.AsyncClient(base_url=url, timeout=timeout) as control,
    ):
        job = None
        if args.during_retrain:
            auth = {"Authorization": f"Bearer {token}"}
            started = await control.post("/retrain", headers=auth)
            started.raise_for_status()
            job = started.json()["id"]
        began = time.perf_counter()
        tasks = [
            asyncio.create_task(client_loop(http, texts, n, stop, tally))
            for n in range(args.clients)
        ]
        final = await wait_until_done(control, job, args.seconds)
        stop.set()
        await asyncio.gather(*tasks)
        seconds = time.perf_counter() - began
        health = (await control.get("/health")).json()
    return seconds, final, health


async def wait_until_done(control: httpx.AsyncClient, job: str | None, seconds: float) -> dict:
    """Sleep ``seconds``; with a retrain job, until it finishes (at most ``MAX_SECONDS``)."""
    deadline = time.monotonic() + (MAX_SECONDS if job else seconds)
    report: dict = {}
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        if job is not None:
            report = (await control.get(f"/retrain/{job}")).json()
            if report.get("state") in FINISHED:
                break
    return report


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def local_server(
    token: str, extra_env: dict[str, str] | None = None, checkout: Path = ROOT
) -> Iterator[tuple[str, int]]:
    """``conflict-ie serve`` of ``checkout`` on a free loopback port with a throwaway data
    folder; yields its URL and process id.

    ``extra_env``: more ``CONFLICT_IE_*`` settings for the server.
    """
    port = free_port()
    data = tempfile.mkdtemp(prefix="conflict-ie-bench-")
    env = os.environ | (extra_env or {}) | {
        "CONFLICT_IE_HOST": "127.0.0.1",
        "CONFLICT_IE_PORT": str(port),
        "CONFLICT_IE_API_TOKEN": token,
        "CONFLICT_IE_DATA_DIR": data,
    }
    cli = [sys.executable, "-m", "service", "serve"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    server = subprocess.Popen(cli, cwd=checkout, env=env, **quiet)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                raise SystemExit("the server exited; is there a model in models/current?")
            time.sleep(0.5)
        else:
            raise SystemExit("the server did not become healthy in 120 s")
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data, ignore_errors=True)


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set size (``VmHWM``), in MB; None off Linux."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def sweep(args: argparse.Namespace) -> dict[str, object]:
    """Each client count in turn on one article, then each server's peak RSS.

    With ``--baseline``, both servers run side by side and each client count is measured in
    ``--rounds`` rounds of ``--seconds / --rounds``, the two servers taking turns (which goes
    first alternates), so that a slow spell of a shared host falls on both alike.
    """
    text = article_of(args.words)
    servers = {"new": (ROOT, None)}
    if args.baseline:
        servers["baseline"] = (args.baseline, args.baseline_models)
    out: dict[str, dict[str, object]] = {
        name: {"checkout": str(checkout), "article_words": len(text.split())}
        for name, (checkout, _) in servers.items()
    }
    token = secrets.token_urlsafe(16)
    with ExitStack() as stack:
        urls, pids = {}, {}
        for name, (checkout, models) in servers.items():
            env = {"CONFLICT_IE_MODELS_DIR": str(models)} if models else {}
            urls[name], pids[name] = stack.enter_context(local_server(token, env, checkout))
            httpx.post(f"{urls[name]}/extract", json={"text": text}, timeout=60)  # warm
        rounds = args.rounds if len(servers) > 1 else 1
        turn = argparse.Namespace(**vars(args) | {"seconds": args.seconds / rounds})
        for clients in args.sweep:
            turn.clients = clients
            tallies = {name: Tally() for name in servers}
            seconds = dict.fromkeys(servers, 0.0)
            for number in range(rounds):
                order = list(servers) if number % 2 == 0 else list(servers)[::-1]
                for name in order:
                    run = measure(turn, urls[name], token, [text], tallies[name])
                    seconds[name] += asyncio.run(run)[0]
            for name in servers:
                out[name][f"clients_{clients}"] = tallies[name].report(seconds[name]) | {
                    "clients": clients, "rounds": rounds}
        for name in servers:
            out[name]["peak_rss_mb"] = peak_rss_mb(pids[name])
    return out


def ratios(new: dict[str, object], old: dict[str, object], counts: list[int]) -> dict:
    def rate(run: dict[str, object], n: int) -> float:
        return float(run[f"clients_{n}"]["requests_per_s"])  # type: ignore[index]

    return {f"req_per_s_ratio_{n}_clients": round(rate(new, n) / rate(old, n), 2) for n in counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a loopback URL")
    parser.add_argument("--start-server", action="store_true", help="run conflict-ie serve")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--during-retrain", action="store_true")
    parser.add_argument("--sweep", type=lambda v: [int(x) for x in v.split(",")],
                        help="client counts to measure in turn, e.g. 1,4,8 (with --start-server)")
    parser.add_argument("--words", type=int, default=400, help="article length for --sweep")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure alike")
    parser.add_argument("--baseline-models", type=Path, help="that checkout's models folder")
    parser.add_argument("--rounds", type=int, default=4,
                        help="with --baseline: turns each server takes at each client count")
    args = parser.parse_args()
    if args.sweep:
        if not args.start_server:
            parser.error("--sweep needs --start-server")
        if args.rounds < 1 or args.words < 1:
            parser.error("--rounds and --words must be 1 or more")
        result: dict[str, object] = sweep(args) | {"int8_kernels": describe()}
        if args.baseline:
            new, old = result["new"], result["baseline"]
            result["ratios"] = ratios(new, old, args.sweep)  # type: ignore[arg-type]
        print(json.dumps(result, indent=2))
        return 0
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--clients 1..{MAX_CLIENTS}, --seconds up to {MAX_SECONDS}")
    token = os.environ.get("CONFLICT_IE_API_TOKEN")
    if args.start_server:
        token = secrets.token_urlsafe(16)
        with local_server(token) as (url, _):
            result = asyncio.run(run_load(args, url, token))
    else:
        if urlsplit(args.url).hostname not in LOOPBACK:
            parser.error(f"--url must be a loopback address ({', '.join(sorted(LOOPBACK))})")
        if args.during_retrain and not token:
            parser.error("--during-retrain needs CONFLICT_IE_API_TOKEN (the server's token)")
        result = asyncio.run(run_load(args, args.url, token))
    print(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
