"""The process's one model, behind a reference that is swapped atomically.

A request reads ``ModelHolder.loaded`` once, at its start, and uses that object to the end:
a retrain that promotes a new model replaces the reference (one assignment, atomic in
CPython), so requests in flight finish on the old model and later ones get the new one.
No lock sits on the request path.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from model.errors import ModelLoadError
from model.types import Span

log = logging.getLogger(__name__)


class TaggerLike(Protocol):
    """What the service needs of ``model.tagger.Tagger`` (tests pass a fake)."""

    version: str
    meta: Mapping[str, Any]

    def predict_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """Spans of each text, sorted by offset, each with its ``text`` filled."""
        ...


TaggerLoader = Callable[[Path], TaggerLike]


@dataclass(frozen=True)
class LoadedModel:
    """A tagger in service, with where it came from."""

    tagger: TaggerLike
    path: Path | None = None
    loaded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def version(self) -> str:
        return self.tagger.version


class ModelHolder:
    """Holds the current model, or why there is none."""

    def __init__(self) -> None:
        self._loaded: LoadedModel | None = None
        self.problem: str = "no model loaded yet"

    @property
    def loaded(self) -> LoadedModel | None:
        """The model to use for one whole request (read it once)."""
        return self._loaded

    def swap(self, tagger: TaggerLike, path: Path | None = None) -> LoadedModel | None:
        """Put ``tagger`` in service; return the model it replaces."""
        old, self._loaded = self._loaded, LoadedModel(tagger=tagger, path=path)
        log.info("model %s in service (was %s)", tagger.version, old.version if old else None)
        return old

    def load(self, path: Path, loader: TaggerLoader) -> None:
        """Load the model at ``path`` into service; on failure, say why in ``problem``."""
        if not path.exists():
            self.problem = (
                f"no model at {path}: train one with `conflict-ie train` and restart, "
                "or POST /retrain"
            )
            log.warning("%s", self.problem)
            return
        try:
            tagger = loader(path)
        except ModelLoadError as exc:
            self.problem = f"model at {path} cannot be loaded: {exc}"
            log.error("%s", self.problem)
            return
        self.swap(tagger, path.resolve())
