"""``Tagger``: text -> scored spans, on a torch or an int8 ONNX Runtime backend.

A model directory is self-contained; loading needs neither the network nor the base-model
package::

    config.json          the encoder's BertConfig
    model.safetensors    encoder + shape embedding + head weights (the torch backend)
    model.int8.onnx      the same network, fused and quantized (the onnx-int8 backend)
    tokenizer.json ...   the fast tokenizer
    tagger.json          label map (id2label), head config, word shapes, inference config,
                         and the backends that passed their accuracy check
    meta.json            how it was trained: base model, data hash, config, metrics, date

The tagger is backend-agnostic: texts are cut into windows (``encoding``), a ``Runner`` turns
padded windows into logits, and the per-word probabilities are decoded into spans
(``viterbi``). ``backend="auto"`` takes ``onnx-int8`` when the model has it and it passed its
check against torch (``training.export``), else torch; the ONNX path imports no torch.

>>> tagger = Tagger.load("models/current")  # doctest: +SKIP
>>> [(s.text, s.label) for s in tagger.predict("Rebels shelled Aleppo.")]  # doctest: +SKIP
[('Rebels', 'ACTOR'), ('Aleppo', 'LOCATION')]
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from model.decode import word_offsets
from model.errors import CancelFlag, Cancelled, ModelLoadError
from model.labels import ID2TAG
from model.tagging import META_FILE, TAGGER_FILE
from model.tagging.encoding import (
    SHAPES,
    Encoded,
    FastTokenizer,
    InferenceConfig,
    encode_text,
    merge_window_probs,
)
from model.tagging.viterbi import decode_spans
from model.types import Span

log = logging.getLogger(__name__)

Backend = Literal["auto", "torch", "onnx-int8"]
BACKENDS: tuple[str, ...] = ("auto", "torch", "onnx-int8")
ONNX_FILE = "model.int8.onnx"
_SPECIAL_DEFAULTS = {"cls_token": "[CLS]", "sep_token": "[SEP]", "pad_token": "[PAD]"}


class Runner(Protocol):
    """Padded windows in, logits ``[batch, tokens, tags]`` out (numpy, float32).

    ``batch_size``: how many windows it takes at once (the tagger's default).
    """

    name: str
    batch_size: int

    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, shape_ids: np.ndarray
    ) -> np.ndarray: ...


class Tagger:
    """Marks ACTOR, LOCATION, DATE and CASUALTY spans in raw text."""

    def __init__(
        self,
        runner: Runner,
        tokenizer: FastTokenizer,
        inference: InferenceConfig,
        *,
        meta: dict[str, Any] | None = None,
        version: str = "unsaved",
        batch_size: int | None = None,
    ) -> None:
        self.runner = runner
        self.tokenizer = tokenizer
        self.inference = inference
        self.meta: dict[str, Any] = dict(meta or {})
        self.version = version
        self.batch_size = batch_size or runner.batch_size

    @property
    def backend(self) -> str:
        return self.runner.name

    @classmethod
    def load(
        cls, path: str | Path, *, backend: Backend = "auto", device: str = "cpu",
        threads: int | None = None,
    ) -> Tagger:
        """Load a model directory, checking its label map against ``model.labels``.

        Args:
            path: the model directory.
            backend: ``torch``, ``onnx-int8`` or ``auto`` (see the module docstring).
            device: torch device (the onnx-int8 backend runs on the CPU).
            threads: CPU threads of the backend; ``None`` leaves the library's default.

        Raises:
            ModelLoadError: the directory is missing or incomplete, its labels differ, or the
                asked backend is not there.
        """
        directory = Path(path)
        if not (directory / TAGGER_FILE).is_file():
            raise ModelLoadError(f"{directory}: not a model directory (no {TAGGER_FILE})")
        if backend not in BACKENDS:
            raise ModelLoadError(f"backend {backend!r}; expected one of {list(BACKENDS)}")
        try:
            spec = json.loads((directory / TAGGER_FILE).read_text(encoding="utf-8"))
            _check_labels(directory, spec.get("id2label", {}))
            _check_shapes(directory, spec.get("shapes", []))
            inference = InferenceConfig(**spec["inference"])
            chosen = _choose_backend(directory, spec, backend)
            runner = _runner(directory, spec, chosen, device=device, threads=threads)
            tokenizer = load_tokenizer(directory)
            meta_path = directory / META_FILE
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        except ModelLoadError:
            raise
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise ModelLoadError(f"{directory}: cannot load model: {exc}") from exc
        version = directory.resolve().name
        log.info("loaded tagger %s from %s (%s backend)", version, directory, chosen)
        return cls(runner, tokenizer, inference, meta=meta, version=version)

    def predict(self, text: str) -> list[Span]:
        """Spans found in ``text``, sorted by offset (each with its ``text`` and ``score``)."""
        return self.predict_many([text])[0]

    def predict_many(
        self, texts: Sequence[str], *, cancel: CancelFlag | None = None
    ) -> list[list[Span]]:
        """Spans for each text; each text's windows run apart from the others' (``window_scores``).

        Raises:
            Cancelled: ``cancel`` was set; it is checked between batches of windows.
        """
        return [spans for spans, _ in self.predict_with_probabilities(texts, cancel=cancel)]

    def predict_with_probabilities(
        self, texts: Sequence[str], *, cancel: CancelFlag | None = None
    ) -> list[tuple[list[Span], np.ndarray]]:
        """Each text's spans and its words' calibrated tag probabilities ``[words, tags]``."""
        encoded = [self.encode(text) for text in texts]
        scores = self.window_scores(encoded, cancel=cancel)
        out = []
        for text, enc, text_scores in zip(texts, encoded, scores, strict=True):
            probs = merge_window_probs(enc, text_scores, temperature=self.inference.temperature)
            out.append((decode_spans(probs, enc.words, text, self.inference), probs))
        return out

    def encode(self, text: str) -> Encoded:
        return encode_text(
            self.tokenizer,
            text,
            word_offsets(text),
            max_length=self.inference.max_length,
            stride=self.inference.stride,
            layout=self.inference.layout,
        )

    def window_scores(
        self, encoded: Sequence[Encoded], *, cancel: CancelFlag | None = None
    ) -> list[list[np.ndarray]]:
        """Logits ``[position, tag]`` of every window of every encoded text.

        Each text's windows are padded together, ``batch_size`` at a time, and never with
        another text's: the int8 backend scales a batch's activations as one tensor, so a text's
        spans would otherwise depend on the texts sent with it.
        """
        out: list[list[np.ndarray]] = [[np.empty(0)] * len(enc.windows) for enc in encoded]
        chunks = [[(t, w) for w in range(lo, min(lo + self.batch_size, len(enc.windows)))]
                  for t, enc in enumerate(encoded)
                  for lo in range(0, len(enc.windows), self.batch_size)]
        for chunk in chunks:
            if cancel is not None and cancel.is_set():
                raise Cancelled("prediction cancelled")
            windows = [encoded[t].windows[w] for t, w in chunk]
            ids, mask, shapes = pad_windows(
                [w.input_ids for w in windows],
                [w.shape_ids for w in windows],
                pad_id=self.tokenizer.pad_token_id,
            )
            logits = self.runner(ids, mask, shapes)
            for (t, w), window, row in zip(chunk, windows, logits, strict=True):
                out[t][w] = row[: len(window.input_ids)]
        return out


def pad_windows(
    input_ids: Sequence[Sequence[int]], shape_ids: Sequence[Sequence[int]], *, pad_id: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Right-pad windows into ``input_ids``, ``attention_mask`` and ``shape_ids`` (int64).

    >>> ids, mask, shapes = pad_windows([(1, 2, 3), (4,)], [(0, 1, 0), (0,)], pad_id=0)
    >>> ids.tolist(), mask.tolist()
    ([[1, 2, 3], [4, 0, 0]], [[1, 1, 1], [1, 0, 0]])
    """
    width = max(len(ids) for ids in input_ids)
    ids = np.full((len(input_ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(input_ids), width), dtype=np.int64)
    shapes = np.zeros((len(input_ids), width), dtype=np.int64)
    for row, (tokens, shape) in enumerate(zip(input_ids, shape_ids, strict=True)):
        ids[row, : len(tokens)] = tokens
        mask[row, : len(tokens)] = 1
        shapes[row, : len(shape)] = shape
    return ids, mask, shapes


class WordPieces:
    """The model's fast tokenizer through the ``tokenizers`` library alone (no transformers).

    Callable like a transformers fast tokenizer for what ``encode_text`` asks of it.
    """

    def __init__(self, tokenizer: Any, *, cls_token_id: int, sep_token_id: int,
                 pad_token_id: int) -> None:
        self._tokenizer = tokenizer
        self.cls_token_id, self.sep_token_id = cls_token_id, sep_token_id
        self.pad_token_id = pad_token_id

    def __call__(self, text: str, **kwargs: Any) -> dict[str, Any]:
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        return {"input_ids": encoding.ids, "offset_mapping": encoding.offsets}


def load_tokenizer(directory: Path) -> WordPieces:
    """The ``tokenizer.json`` of a model directory, truncation and padding off."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    config = json.loads((directory / "tokenizer_config.json").read_text(encoding="utf-8"))

    def token_id(name: str) -> int:
        value = config.get(name, _SPECIAL_DEFAULTS[name])
        token = value["content"] if isinstance(value, dict) else value
        found = tokenizer.token_to_id(token)
        if found is None:
            raise ModelLoadError(f"{directory}: special token {token!r} is not in the vocabulary")
        return int(found)

    return WordPieces(tokenizer, cls_token_id=token_id("cls_token"),
                      sep_token_id=token_id("sep_token"), pad_token_id=token_id("pad_token"))


def _choose_backend(directory: Path, spec: dict[str, Any], backend: Backend) -> str:
    onnx = spec.get("backends", {}).get("onnx-int8", {})
    present = (directory / onnx.get("file", ONNX_FILE)).is_file()
    if backend == "onnx-int8" and not present:
        raise ModelLoadError(f"{directory}: no {ONNX_FILE} (the onnx-int8 backend)")
    if backend == "auto":
        return "onnx-int8" if present and onnx.get("passed") else "torch"
    return backend


def _runner(directory: Path, spec: dict[str, Any], backend: str, *, device: str,
            threads: int | None) -> Runner:
    if backend == "onnx-int8":
        from model.tagging.onnx_backend import OnnxRunner

        return OnnxRunner.load(directory / ONNX_FILE, threads=threads)
    from model.tagging.torch_backend import TorchRunner

    return TorchRunner.load(directory, spec, device=device, threads=threads)


def _check_labels(directory: Path, id2label: dict[str, str]) -> None:
    saved = [id2label[k] for k in sorted(id2label, key=int)] if id2label else []
    expected = list(ID2TAG.values())
    if saved != expected:
        raise ModelLoadError(
            f"{directory}: label map {saved} does not match the project's labels {expected}"
        )


def _check_shapes(directory: Path, shapes: list[str]) -> None:
    if shapes != list(SHAPES):
        raise ModelLoadError(
            f"{directory}: word shapes {shapes} do not match the project's {list(SHAPES)}"
        )
