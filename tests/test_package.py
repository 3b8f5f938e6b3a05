"""``conflict-ie package``: a self-contained serving copy of a model, checked to load."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from model.errors import ModelLoadError
from model.extractor import Extractor
from service.cli import main
from service.http.app import create_app
from service.settings import Settings
from tests.tiny_model import TINY_DOCS
from training.export import export_onnx
from training.package import PACKAGE_FILE, package_model, verify_package

ROOT = Path(__file__).resolve().parent.parent
SERVING_FILES = {"tagger.json", "meta.json", "tokenizer.json", "tokenizer_config.json",
                 "model.int8.onnx", PACKAGE_FILE}


@pytest.fixture(scope="module")
def exported(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model with its onnx-int8 graph (it passes its check on the tiny texts)."""
    directory = Path(shutil.copytree(tiny_model_dir, tmp_path_factory.mktemp("pkg") / "tiny-v1"))
    assert export_onnx(directory, check={"tiny": list(TINY_DOCS)})["passed"]
    return directory


def test_package_holds_the_serving_files_only_and_serves(exported: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dist"
    assert main(["package", str(dest), "--model", str(exported), "--current"]) == 0
    package = dest / exported.name
    assert {p.name for p in package.iterdir()} == SERVING_FILES  # no safetensors, no config
    assert (dest / "current").resolve() == package.resolve()
    manifest = verify_package(package)
    assert manifest["version"] == exported.name
    assert manifest["backends"] == ["onnx-int8"]
    assert set(manifest["files"]) == SERVING_FILES - {PACKAGE_FILE}
    for name in ("tagger.json", "meta.json", "model.int8.onnx"):
        assert (package / name).read_bytes() == (exported / name).read_bytes()

    settings = Settings(models_dir=dest, data_dir=tmp_path / "data", backend="onnx-int8")
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        found = client.post("/extract", json={"text": TINY_DOCS[1].text}).json()
    assert health["status"] == "ok" and health["model"] == exported.name
    assert found["model"]["version"] == exported.name
    expected = Extractor.load(exported, backend="onnx-int8").extract(TINY_DOCS[1].text)
    assert [(s["start"], s["end"], s["label"]) for s in found["spans"]] == [
        (s.start, s.end, s.label) for s in expected.spans]


def test_a_package_loads_with_torch_and_transformers_unimportable(
    exported: Path, tmp_path: Path
) -> None:
    package = package_model(exported, tmp_path)
    code = (
        "import sys; sys.modules.update(torch=None, transformers=None, safetensors=None); "
        "from model import Extractor; "
        f"e = Extractor.load({str(package)!r}); "  # auto: the onnx-int8 graph, nothing else
        "r = e.extract('Rebels attacked Idlib on Monday.'); "
        "sys.exit(0 if e.backend == 'onnx-int8' and r.model.version == 'tiny-v1' else 1)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_with_torch_carries_the_torch_weights(exported: Path, tmp_path: Path) -> None:
    package = package_model(exported, tmp_path, with_torch=True)
    assert {p.name for p in package.iterdir()} == SERVING_FILES | {"model.safetensors",
                                                                    "config.json"}
    assert verify_package(package)["backends"] == ["onnx-int8", "torch"]
    assert Extractor.load(package, backend="torch").backend == "torch"


def test_a_model_without_a_passed_onnx_graph_needs_with_torch(
    tiny_model_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert main(["package", str(tmp_path), "--model", str(tiny_model_dir)]) == 2
    assert "no onnx-int8 graph that passed its check" in caplog.text
    assert not any(tmp_path.iterdir())
    package = package_model(tiny_model_dir, tmp_path, with_torch=True)
    assert verify_package(package)["backends"] == ["torch"]


def test_an_existing_package_is_replaced_only_with_force(exported: Path, tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    package_model(exported, tmp_path)
    assert main(["package", str(tmp_path), "--model", str(exported)]) == 2
    assert "pass --force" in caplog.text
    assert main(["package", str(tmp_path), "--model", str(exported), "--force"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [exported.name]  # no staging left


def test_a_package_packaged_again_is_checked_against_its_manifest(
    exported: Path, tmp_path: Path
) -> None:
    package = package_model(exported, tmp_path / "a")
    assert package_model(package, tmp_path / "b").name == exported.name
    (package / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelLoadError, match=r"tokenizer\.json is missing or differs"):
        package_model(package, tmp_path / "c")


def test_a_package_that_does_not_load_is_not_written(exported: Path, tmp_path: Path) -> None:
    broken = Path(shutil.copytree(exported, tmp_path / "broken"))
    (broken / "model.int8.onnx").write_bytes(b"not an onnx graph")
    with pytest.raises(ModelLoadError):
        package_model(broken, tmp_path / "dist")
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_not_a_model_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not a model directory"):
        package_model(tmp_path, tmp_path / "dist")
    meta = tmp_path / "m"
    meta.mkdir()
    (meta / "tagger.json").write_text(json.dumps({"backends": {}}), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="no onnx-int8 graph"):
        package_model(meta, tmp_path / "dist")
