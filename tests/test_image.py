"""The image's invariants, read from the Dockerfile, the lock files, the Makefile and CI.

No Docker engine is needed: CI runs the serve stage's install script itself
(docker/ci-check.sh); these checks keep the rest from drifting.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
Instruction = tuple[str, str]  # (keyword, arguments)


def stages(text: str) -> list[list[Instruction]]:
    """The Dockerfile's stages, each a list of (KEYWORD, arguments), continuations joined."""
    joined = re.sub(r"\\\n", " ", text)
    out: list[list[Instruction]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.upper() == "FROM":
            out.append([])
        out[-1].append((keyword.upper(), rest.strip()))
    return out


def seconds(duration: str) -> float:
    """A Docker duration such as ``90s``, ``2m`` or ``1m30s`` in seconds."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", duration)
    assert parts and "".join(n + u for n, u in parts) == duration, duration
    return sum(float(n) * units[u] for n, u in parts)


def pins(lock: Path) -> dict[str, tuple[str, set[str]]]:
    """``name -> (version, hashes)`` of a hash-pinned requirements file."""
    out: dict[str, tuple[str, set[str]]] = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", lock.read_text(encoding="utf-8")):
        head = re.match(r"([A-Za-z0-9._-]+)==(\S+)", entry)
        if head:
            out[head[1].lower()] = (head[2], set(re.findall(r"--hash=sha256:([0-9a-f]{64})",
                                                            entry)))
    return out


@pytest.fixture(scope="module")
def dockerfile() -> list[list[Instruction]]:
    return stages((ROOT / "Dockerfile").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def serve(dockerfile: list[list[Instruction]]) -> list[Instruction]:
    assert len(dockerfile) >= 2, "a build stage and a serve stage"
    return dockerfile[-1]


def only(stage: list[Instruction], keyword: str) -> str:
    found = [rest for kw, rest in stage if kw == keyword]
    assert len(found) == 1, f"one {keyword} in the serve stage, found {found}"
    return found[0]


def test_cmd_serves_in_exec_form_and_never_trains(serve: list[Instruction]) -> None:
    cmd = json.loads(only(serve, "CMD"))  # JSON (exec) form: the server is PID 1
    assert cmd[:2] == ["conflict-ie", "serve"] and len(cmd) == 2
    for keyword, rest in serve:
        assert "train" not in rest.split(), f"the serve stage trains: {keyword} {rest}"
    assert all(kw != "ENTRYPOINT" for kw, _ in serve)
    assert only(serve, "STOPSIGNAL") == "SIGTERM"


def test_healthcheck_follows_the_port_and_starts_within_minutes(serve: list[Instruction]) -> None:
    options, _, command = only(serve, "HEALTHCHECK").partition(" CMD ")
    argv = json.loads(command)
    assert "CONFLICT_IE_PORT" in " ".join(argv) and "/health" in " ".join(argv)
    flags = dict(opt.lstrip("-").split("=", 1) for opt in shlex.split(options))
    assert 0 < seconds(flags["start-period"]) <= 300
    assert seconds(flags["timeout"]) < seconds(flags["interval"])


def test_the_serve_stage_installs_only_through_the_script(serve: list[Instruction]) -> None:
    runs = [rest for kw, rest in serve if kw == "RUN"]
    assert any(r.startswith("/tmp/install/docker/install-serve.sh ") for r in runs)
    assert not any("pip " in r or "lock.txt" in r for r in runs)
    copied = " ".join(rest for kw, rest in serve if kw == "COPY")
    assert "requirements/serve.lock" in copied and "lock.txt" not in copied


def test_the_serve_stage_runs_as_a_user_on_onnx_with_the_model_inside(
    serve: list[Instruction],
) -> None:
    assert only(serve, "USER") not in ("root", "0")
    keywords = [kw for kw, _ in serve]
    assert keywords.index("USER") < keywords.index("CMD")
    env = " ".join(rest for kw, rest in serve if kw == "ENV")
    assert "CONFLICT_IE_BACKEND=onnx-int8" in env
    assert "CONFLICT_IE_MODELS_DIR=/srv/models" in env
    assert any(kw == "COPY" and rest.startswith("--from=build /pkg/ /srv/models")
               for kw, rest in serve)
    assert "/srv/models" not in only(serve, "VOLUME")  # the model is the image's, not a volume


def test_the_build_stage_installs_the_lock_and_packages_the_model(
    dockerfile: list[list[Instruction]],
) -> None:
    runs = " ".join(rest for stage in dockerfile[:-1] for kw, rest in stage if kw == "RUN")
    assert "requirements/install.sh /opt/build/bin/python requirements/lock.txt" in runs
    assert "conflict-ie package /pkg" in runs


def test_the_smoke_check_reads_the_same_commands(serve: list[Instruction]) -> None:
    spec = importlib.util.spec_from_file_location("smoke", ROOT / "docker" / "smoke.py")
    assert spec is not None and spec.loader is not None
    smoke = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(smoke)
    cmd, health = smoke.dockerfile_commands((ROOT / "Dockerfile").read_text(encoding="utf-8"))
    assert cmd == json.loads(only(serve, "CMD"))
    assert health == json.loads(only(serve, "HEALTHCHECK").partition(" CMD ")[2])


def test_ci_and_make_install_use_the_lock() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "docker/ci-check.sh" in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "requirements/install.sh $(PY) requirements/lock.txt" in makefile
    install = (ROOT / "requirements" / "install.sh").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps" in install


def test_the_lock_is_cpu_only_and_serve_lock_is_its_subset() -> None:
    full = pins(ROOT / "requirements" / "lock.txt")
    assert full["torch"][0] == "2.13.0+cpu"
    assert not [name for name in full if name.startswith(("nvidia-", "cuda-", "triton"))]
    assert "sentence-transformers" not in full
    serving = pins(ROOT / "requirements" / "serve.lock")
    assert serving and not {"torch", "transformers", "datasets", "ray"} & set(serving)
    for name, (version, hashes) in serving.items():
        assert name in full and full[name][0] == version, name
        assert hashes and hashes <= full[name][1], name
