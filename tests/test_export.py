"""The onnx-int8 backend: export, check against torch, and serving without torch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model.errors import ModelLoadError
from model.tagging.tagger import ONNX_FILE, Tagger
from tests.tiny_model import TINY_DOCS
from training.export import export_onnx

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exported(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = Path(shutil.copytree(tiny_model_dir, tmp_path_factory.mktemp("onnx") / "m"))
    export_onnx(directory, check={"tiny": list(TINY_DOCS)})
    return directory


def test_export_writes_the_int8_graph_and_records_the_check(exported: Path) -> None:
    assert (exported / ONNX_FILE).stat().st_size > 0
    record = json.loads((exported / "tagger.json").read_text())["backends"]["onnx-int8"]
    check = record["check"]["tiny"]
    assert check["documents"] == len(TINY_DOCS)
    assert record["passed"] == (check["onnx_int8"] >= check["torch"] - record["tolerance"])


def test_both_backends_find_the_same_spans(exported: Path) -> None:
    torch_tagger = Tagger.load(exported, backend="torch")
    onnx_tagger = Tagger.load(exported, backend="onnx-int8")
    assert onnx_tagger.backend == "onnx-int8"
    texts = [d.text for d in TINY_DOCS]
    ours = [[s.key for s in spans] for spans in onnx_tagger.predict_many(texts)]
    assert ours == [[s.key for s in spans] for spans in torch_tagger.predict_many(texts)]


def test_auto_serves_onnx_only_when_it_passed(exported: Path, tmp_path: Path) -> None:
    spec = json.loads((exported / "tagger.json").read_text())
    assert Tagger.load(exported).backend == ("onnx-int8" if spec["backends"]["onnx-int8"]
                                             ["passed"] else "torch")
    failed = Path(shutil.copytree(exported, tmp_path / "failed"))
    spec["backends"]["onnx-int8"]["passed"] = False
    (failed / "tagger.json").write_text(json.dumps(spec))
    assert Tagger.load(failed).backend == "torch"
    (failed / ONNX_FILE).unlink()
    with pytest.raises(ModelLoadError, match=r"no model\.int8\.onnx"):
        Tagger.load(failed, backend="onnx-int8")


def test_layer_norm_and_gelu_stay_unfused_in_the_file_and_once_loaded(
    exported: Path, tmp_path: Path
) -> None:
    import onnx
    import onnxruntime as ort

    from model.tagging.onnx_backend import UNFUSED, session_options

    slower = {"SkipLayerNormalization", "BiasGelu"}  # ONNX Runtime's fused CPU kernels
    ops = {n.op_type for n in onnx.load(str(exported / ONNX_FILE)).graph.node}
    assert {"QAttention", "LayerNormalization", "Gelu"} <= ops
    assert not ops & slower
    options = session_options(1)
    options.optimized_model_filepath = str(tmp_path / "as-loaded.onnx")
    ort.InferenceSession(str(exported / ONNX_FILE), options, providers=["CPUExecutionProvider"],
                         disabled_optimizers=list(UNFUSED))
    loaded = {n.op_type for n in onnx.load(options.optimized_model_filepath).graph.node}
    assert "LayerNormalization" in loaded
    assert not loaded & slower


def test_the_onnx_backend_imports_no_torch(exported: Path) -> None:
    code = (
        "import sys; from model import Extractor; "
        f"e = Extractor.load({str(exported)!r}, backend='onnx-int8'); "
        "e.extract('Rebels attacked Idlib on Monday.'); "
        "sys.exit(int('torch' in sys.modules or 'transformers' in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_a_failed_check_tries_the_next_quantization(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import onnx

    from training import export

    directory = Path(shutil.copytree(exported, tmp_path / "strict"))
    monkeypatch.setattr(export, "TOLERANCE", -1.0)  # no graph can pass
    record = export_onnx(directory, check={"tiny": list(TINY_DOCS)})
    assert record["passed"] is False
    assert record["quantization"] == export.QUANTIZATIONS[-1][0]
    graph = onnx.load(str(directory / ONNX_FILE)).graph
    kept = [n for n in graph.node if export.FFN_OUTPUT.search(n.name)]
    assert kept and all(n.op_type == "MatMul" for n in kept)
    assert Tagger.load(directory).backend == "torch"


@pytest.mark.parametrize("float_layers", [0, 1, 2])
def test_quantization_keeps_the_first_layers_feed_forward_output_in_float(
    exported: Path, tmp_path: Path, float_layers: int
) -> None:
    import onnx

    from training import export

    torch_tagger = Tagger.load(exported, backend="torch")
    fused = export.fused_graph(torch_tagger.runner.network, tmp_path)
    tagger = export.quantized_tagger(torch_tagger, fused, tmp_path / "q.onnx",
                                     float_share=float_layers / 2)  # the tiny encoder: 2 layers
    assert tagger.backend == "onnx-int8"
    graph = onnx.load(str(tmp_path / "q.onnx")).graph
    float_ffn = sorted(int(m.group(1)) for n in graph.node
                       if n.op_type == "MatMul" and (m := export.FFN_OUTPUT.search(n.name)))
    assert float_ffn == list(range(float_layers))
    assert sum(n.op_type == "MatMul" for n in graph.node) == float_layers


def test_rowwise_quantization_replaces_the_float_projections(exported: Path,
                                                             tmp_path: Path) -> None:
    import onnx

    from training import export

    torch_tagger = Tagger.load(exported, backend="torch")
    fused = export.fused_graph(torch_tagger.runner.network, tmp_path)
    tagger = export.quantized_tagger(torch_tagger, fused, tmp_path / "q.onnx",
                                     float_share=0.5, rowwise=True)  # layer 0 of the two
    graph = onnx.load(str(tmp_path / "q.onnx")).graph
    assert not any(n.op_type == "MatMul" for n in graph.node)
    rowwise = [n.name for n in graph.node if n.op_type == "MatMulIntegerToFloat"]
    assert len(rowwise) == 1 and export.FFN_OUTPUT.search(rowwise[0].split("_rowwise")[0])
    assert "/layer.0/" in rowwise[0]
    texts = [d.text for d in TINY_DOCS]
    ours = [[s.key for s in spans] for spans in tagger.predict_many(texts)]
    assert ours == [[s.key for s in spans] for spans in torch_tagger.predict_many(texts)]


def test_an_encoder_without_gelu_skips_the_per_row_graph(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    import onnx

    from training import export

    directory = Path(shutil.copytree(tiny_model_dir, tmp_path / "relu"))
    config = json.loads((directory / "config.json").read_text())
    (directory / "config.json").write_text(json.dumps(config | {"hidden_act": "relu"}))
    monkeypatch.setattr(export, "TOLERANCE", -1.0)  # every graph is tried
    with caplog.at_level(logging.INFO, logger="training.export"):
        record = export_onnx(directory, check={"tiny": list(TINY_DOCS)})
    rowwise = next(d for d, _, per_row in export.QUANTIZATIONS if per_row)
    assert any(f"({rowwise}): skipped" in r.getMessage() for r in caplog.records)
    assert record["quantization"] == export.QUANTIZATIONS[-1][0]  # the ladder went on
    graph = onnx.load(str(directory / ONNX_FILE)).graph
    assert sum(n.op_type == "MatMul" for n in graph.node) == 2  # all-float projections
    assert not list(directory.glob("*.float.onnx"))


def test_the_extractor_names_its_backend(exported: Path) -> None:
    from model.extractor import Extractor

    assert Extractor.load(exported, backend="onnx-int8").backend == "onnx-int8"
    assert Extractor.load(exported, backend="torch").backend == "torch"


def test_export_keeps_onnx_runtime_tool_chatter_out_of_the_log(
    tiny_model_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    directory = Path(shutil.copytree(tiny_model_dir, tmp_path / "m"))
    with caplog.at_level(logging.INFO):
        export_onnx(directory, check={"tiny": list(TINY_DOCS)})
    names = {record.name for record in caplog.records if record.levelno < logging.WARNING}
    assert "training.export" in names  # our own records stay
    assert names <= {"training.export", "model.tagging.tagger"}, names  # fusion warnings pass
    assert logging.root.manager.disable == logging.NOTSET  # logging works again afterwards


@pytest.mark.parametrize("share", [-0.5, 1.5])
def test_a_float_share_outside_0_and_1_is_refused(exported: Path, tmp_path: Path,
                                                  share: float) -> None:
    from training import export

    torch_tagger = Tagger.load(exported, backend="torch")
    with pytest.raises(ValueError, match="float_share"):
        export.quantized_tagger(torch_tagger, tmp_path / "none.onnx", tmp_path / "q.onnx",
                                float_share=share)


def test_a_corrupt_graph_is_a_model_load_error(exported: Path, tmp_path: Path) -> None:
    broken = Path(shutil.copytree(exported, tmp_path / "broken"))
    (broken / ONNX_FILE).write_bytes(b"not an onnx graph")
    with pytest.raises(ModelLoadError, match="ONNX Runtime cannot load it"):
        Tagger.load(broken, backend="onnx-int8")


def test_a_texts_scores_do_not_depend_on_the_texts_sent_with_it(exported: Path) -> None:
    # the int8 graph scales each batch's activations as one tensor: texts are never batched
    # together, so an article's spans are the same alone, in a batch file or over HTTP
    tagger = Tagger.load(exported, backend="onnx-int8")
    text = TINY_DOCS[0].text
    others = [d.text * 3 for d in TINY_DOCS[1:]] + ["ZZZ 999 ### " * 40]
    alone = tagger.window_scores([tagger.encode(text)])[0]
    for companion in others:
        batched = tagger.window_scores([tagger.encode(companion), tagger.encode(text)])[1]
        assert all(np.array_equal(a, b) for a, b in zip(alone, batched, strict=True))
