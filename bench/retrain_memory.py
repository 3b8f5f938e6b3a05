"""Does the server's memory grow across retrains? Resident memory after each of N retrains.

Starts ``conflict-ie serve`` on a free loopback port with a throwaway models folder holding
the current model (promotion cannot touch ``models/``) and a throwaway data folder, forces
promotion (``CONFLICT_IE_PROMOTION_TOLERANCE=1``, so every retrain swaps a new model in, the
worst case for memory), runs ``--retrains`` retrains one after another with
``CONFLICT_IE_RETRAIN_MAX_EPOCHS`` (default 1: memory, not quality, is measured), posts a few
``/extract`` requests after each, and prints the server's resident set size (VmRSS) after each
retrain and the ratio of the last to the first.

    .venv/bin/python bench/retrain_memory.py --retrains 5
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from load import local_server, seed_texts  # noqa: E402

from service.retrain.manager import FINISHED  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError("no VmRSS")


def retrain(client: httpx.Client, token: str, timeout: float) -> dict:
    auth = {"Authorization": f"Bearer {token}"}
    job = client.post("/retrain", headers=auth).json()["id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = client.get(f"/retrain/{job}").json()
        if report["state"] in FINISHED:
            return report
        time.sleep(2)
    raise SystemExit(f"retrain {job} did not finish in {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retrains", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current")
    args = parser.parse_args()
    models = Path(tempfile.mkdtemp(prefix="conflict-ie-mem-"))
    source = args.model.resolve()
    shutil.copytree(source, models / source.name, symlinks=True)
    for base in source.parent.glob("base-*"):  # the cached general stage, so it is reused
        shutil.copytree(base, models / base.name)
    (models / "current").symlink_to(source.name)
    token = secrets.token_urlsafe(16)
    env = {"CONFLICT_IE_MODELS_DIR": str(models), "CONFLICT_IE_PROMOTION_TOLERANCE": "1",
           "CONFLICT_IE_RETRAIN_MAX_EPOCHS": str(args.epochs)}
    text = seed_texts()[0]
    sizes = []
    try:
        with local_server(token, env) as (url, pid), httpx.Client(base_url=url,
                                                                   timeout=120) as client:
            client.post("/extract", json={"text": text})
            print(f"after start: {rss_mb(pid)} MB", flush=True)
            for number in range(1, args.retrains + 1):
                report = retrain(client, token, timeout=1800)
                for _ in range(3):
                    assert client.post("/extract", json={"text": text}).status_code == 200
                sizes.append(rss_mb(pid))
                backend = client.get("/model").json()["backend"]
                print(f"retrain {number}: {report['state']} ({report['new_version']}, served on "
                      f"{backend}); server RSS {sizes[-1]} MB", flush=True)
    finally:
        shutil.rmtree(models, ignore_errors=True)
    print(json.dumps({"rss_mb_after_each": sizes,
                      "last_over_first": round(sizes[-1] / sizes[0], 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
