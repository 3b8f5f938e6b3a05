"""The process's one model, behind a reference that is swapped atomically.

A request reads ``ModelHolder.loaded`` once, at its start, and uses that object to the end:
a retrain that promotes a new model replaces the reference (one assignment, atomic in
CPython), so requests in flight finish on the old model and later ones get the new one.
No lock sits on the request path.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from model.errors import ModelLoadError
from model.extractor import Extractor

log = logging.getLogger(__name__)

ExtractorLoader = Callable[[Path], Extractor]


@dataclass(frozen=True)
class LoadedModel:
    """An extractor in service, with where it came from."""

    extractor: Extractor
    path: Path | None = None
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def version(self) -> str:
        return self.extractor.version


class ModelHolder:
    """Holds the current model, or why there is none."""

    def __init__(self) -> None:
        self._loaded: LoadedModel | None = None
        self.problem: str = "no model loaded yet"

    @property
    def loaded(self) -> LoadedModel | None:
        """The model to use for one whole request (read it once)."""
        return self._loaded

    def swap(self, extractor: Extractor, path: Path | None = None) -> LoadedModel | None:
        """Put ``extractor`` in service; return the model it replaces."""
        old, self._loaded = self._loaded, LoadedModel(extractor=extractor, path=path)
        log.info("model %s in service (was %s)", extractor.version, old.version if old else None)
        return old

    def load(self, path: Path, loader: ExtractorLoader) -> None:
        """Load the model at ``path`` into service; on failure, say why in ``problem``."""
        if not path.exists():
            self.problem = (
                f"no model at {path}: train one with `conflict-ie train` and restart, "
                "or POST /retrain"
            )
            log.warning("%s", self.problem)
            return
        try:
            extractor = loader(path)
        except ModelLoadError as exc:
            self.problem = f"model at {path} cannot be loaded: {exc}"
            log.error("%s", self.problem)
            return
        self.swap(extractor, path.resolve())
