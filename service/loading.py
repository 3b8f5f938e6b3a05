"""One way to load the model: every entry point calls ``load_extractor``.

The HTTP service (at start and when a retrain promotes a model), ``conflict-ie extract``,
``batch`` (in each worker), ``rank``, ``preannotate`` and ``evaluate`` load through it, so all
honour the same settings: ``CONFLICT_IE_BACKEND``, ``CONFLICT_IE_DEVICE``,
``CONFLICT_IE_INFERENCE_THREADS`` and ``CONFLICT_IE_MIN_SCORE``. A command's own option
(``--device``, ``--threads``, ``--min-score``) replaces its setting.

>>> options = LoadOptions.from_settings(Settings(backend="torch"), threads=1)
>>> (options.backend, options.device, options.threads, options.min_score)
('torch', 'cpu', 1, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from model.events.event_filter import event_filter
from model.events.kind_model import kind_model
from model.extractor import Extractor
from service.settings import Settings, get_settings

Backend = Literal["auto", "torch", "onnx-int8"]


@dataclass(frozen=True)
class LoadOptions:
    """How to load a model: backend, torch device, CPU threads and the default min score.

    Plain values, so they travel to batch workers (Ray actors) as they are.
    """

    backend: Backend = "auto"
    device: str = "cpu"
    threads: int | None = None
    min_score: float | None = None

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        backend: Backend | None = None,
        device: str | None = None,
        threads: int | None = None,
        min_score: float | None = None,
    ) -> LoadOptions:
        """The options ``settings`` (default: the environment's) set; an argument that is not
        None replaces its setting."""
        settings = settings or get_settings()
        return cls(
            backend=backend or settings.backend,
            device=device or settings.device,
            threads=threads or settings.inference_threads,
            min_score=settings.min_score if min_score is None else min_score,
        )


def load_extractor(path: str | Path, options: LoadOptions | None = None) -> Extractor:
    """The model at ``path``, loaded as ``options`` say (default: from the environment's
    settings).

    Raises:
        ModelLoadError: no model there, or one that does not load, or an event filter or kind
            model setting that names no fitted file (the message says why).
    """
    options = options or LoadOptions.from_settings()
    event_filter()  # a CONFLICT_IE_EVENT_FILTER or CONFLICT_IE_KIND_MODEL that names no fitted
    kind_model()  # file fails here, not on the first article
    return Extractor.load(path, backend=options.backend, device=options.device,
                          threads=options.threads, min_score=options.min_score)
