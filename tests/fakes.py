"""Test doubles for the service: a tagger with the real ``Tagger``'s API and a toolkit.

The fake tagger marks a few fixed words (a regex per label), so API tests run without torch.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from model.errors import Cancelled
from model.extractor import Extractor
from model.types import Document, Span
from service.http.app import create_app
from service.retrain.manager import Toolkit
from service.retrain.worker import RetrainStopped
from service.settings import Settings

WORDS = {
    "ACTOR": r"Russian|rebels?|regime",
    "LOCATION": r"Aleppo|Idlib|Syria",
    "DATE": r"Sunday|Monday|last month",
    "CASUALTY": r"\d+ civilians",
}
_PATTERN = re.compile("|".join(f"(?P<{label}>\\b(?:{rx})\\b)" for label, rx in WORDS.items()))


class FakeTagger:
    """A ``SpanPredictor`` like ``Tagger``: ``version``, ``meta``, ``predict_many``.

    ``gate``: when set, a prediction waits for it (to hold a request in flight);
    ``entered`` is set when a prediction starts. ``delay`` sleeps in every prediction, in
    small steps that poll ``cancel`` as the real tagger does between window batches.
    ``calls`` records the texts of every call.
    """

    def __init__(
        self,
        version: str = "fake-1",
        *,
        meta: Mapping[str, Any] | None = None,
        delay: float = 0.0,
        gate: threading.Event | None = None,
    ) -> None:
        self.version = version
        self.meta: dict[str, Any] = dict(meta or {"metrics": {"note": "fake"}})
        self.delay = delay
        self.gate = gate
        self.entered = threading.Event()
        self.calls: list[list[str]] = []
        self.finished = 0

    def predict_many(self, texts: Sequence[str], *, cancel: Any = None) -> list[list[Span]]:
        self.entered.set()
        self.calls.append(list(texts))
        gate = self.gate
        if gate is not None:
            gate.wait(10)
        deadline = time.monotonic() + self.delay
        while time.monotonic() < deadline:
            if cancel is not None and cancel.is_set():
                raise Cancelled("prediction cancelled")
            time.sleep(0.01)
        self.finished += 1
        return [
            [
                Span(start=m.start(), end=m.end(), label=m.lastgroup, text=m.group())
                for m in _PATTERN.finditer(text)
            ]
            for text in texts
        ]


class ScoredTagger(FakeTagger):
    """The fake tagger with a score per label (a label missing from ``scores``: no score)."""

    def __init__(self, scores: Mapping[str, float], **options: Any) -> None:
        super().__init__(**options)
        self.scores = dict(scores)

    def predict_many(self, texts: Sequence[str], *, cancel: Any = None) -> list[list[Span]]:
        return [[s.model_copy(update={"score": self.scores.get(s.label)}) for s in spans]
                for spans in super().predict_many(texts, cancel=cancel)]


class RankingScoredTagger(ScoredTagger):
    """The scored fake tagger with word probabilities (so ``/suggest`` ranks): an article's
    words are the less certain the fewer of them the fake marks, so the order is known."""

    def predict_with_probabilities(
        self, texts: Sequence[str], *, cancel: Any = None
    ) -> list[tuple[list[Span], Any]]:
        import numpy as np

        out = []
        for text, spans in zip(texts, self.predict_many(texts, cancel=cancel), strict=True):
            words = max(1, len(text.split()))
            sure = min(0.99, 0.5 + 0.1 * len(spans))
            probs = np.full((words, 9), (1 - sure) / 8)
            probs[:, 0] = sure
            out.append((spans, probs))
        return out


class FixedScoreToolkit:
    """A ``Toolkit`` whose trained models score ``new_f1`` and the others ``old_f1``.

    ``train`` writes a marker directory ``trained-<n>`` under the models folder, after
    waiting on ``gate`` (when set, and not cancelled); it raises ``fail`` (when set) instead.
    """

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        old_f1: float = 0.5,
        new_f1: float = 0.5,
        gate: threading.Event | None = None,
        fail: Exception | None = None,
    ) -> None:
        self.models_dir = models_dir
        self.old_f1, self.new_f1 = old_f1, new_f1
        self.gate, self.fail = gate, fail
        self.trained_on: list[list[str]] = []
        self.gated_on: list[list[str]] = []

    def train(self, docs: Sequence[Document], gate_docs: Sequence[Document], progress: Any,
              cancel: threading.Event) -> tuple[Path, dict[str, float]]:
        self.trained_on.append([d.id for d in docs])
        self.gated_on.append([d.id for d in gate_docs])
        progress("training", 0.5)
        while self.gate is not None and not self.gate.wait(0.02):
            if cancel.is_set():
                raise RetrainStopped("cancelled", "cancelled by DELETE /retrain/{id}")
        if self.fail is not None:
            raise self.fail
        assert self.models_dir is not None, "FixedScoreToolkit needs models_dir to train"
        out_dir = self.models_dir / f"trained-{len(self.trained_on)}"
        out_dir.mkdir(parents=True)
        (out_dir / "weights").write_text("fake", encoding="utf-8")
        return out_dir, dict.fromkeys(WORDS, self.new_f1)

    def load(self, path: Path) -> Extractor:
        return Extractor(FakeTagger(version=path.resolve().name, meta={"trained": True}))

    def evaluate(self, extractor: Extractor, docs: Sequence[Document]) -> dict[str, float]:
        f1 = self.new_f1 if extractor.meta.get("trained") else self.old_f1
        return dict.fromkeys(WORDS, f1)

    def toolkit(self) -> Toolkit:
        return Toolkit(train=self.train, load=self.load, evaluate=self.evaluate)


ROOT = Path(__file__).resolve().parent.parent
TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def service_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a test service: seeds from the repo, models and data under ``tmp_path``."""
    values: dict[str, Any] = {
        "annotations_dir": ROOT / "annotations",
        "transfer_dir": ROOT / "annotations" / "external",
        "models_dir": tmp_path / "models",
        "data_dir": tmp_path / "data",
        "api_token": TOKEN,
    }
    return Settings(**(values | overrides))


def client_for(
    tmp_path: Path,
    *,
    tagger: Any = None,
    toolkit: Toolkit | None = None,
    **overrides: Any,
) -> TestClient:
    """A ``TestClient`` over a fresh app (use it as a context manager to run the lifespan).

    ``tagger``: a span predictor (``FakeTagger``) served through a real ``Extractor``.
    """
    settings = service_settings(tmp_path, **overrides)
    app = create_app(
        settings,
        extractor=None if tagger is None else Extractor(tagger),
        toolkit=toolkit or FixedScoreToolkit(settings.models_dir).toolkit(),
    )
    return TestClient(app)
