"""``Extractor``: text in, grounded events out. The one object that does the product's job.

The API routes, the command line, evaluation, retraining and batch jobs all call it; none of
them assembles the pipeline (tagger, publication date, event assembly) itself.

>>> extractor = Extractor.load("models/current")  # doctest: +SKIP
>>> result = extractor.extract("Rebels shelled Aleppo on Sunday.")  # doctest: +SKIP
>>> [(s.text, s.label) for s in result.spans][:2]  # doctest: +SKIP
[('Rebels', 'ACTOR'), ('Aleppo', 'LOCATION')]
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from model import ranking
from model.errors import CancelFlag, Cancelled, InputError, ModelLoadError
from model.events import extract_events
from model.events.dates import read_publication
from model.ranking import Suggestion
from model.types import Article, Event, Extraction, ModelRef, Span

log = logging.getLogger(__name__)

WARM_UP_TEXT = "Russian warplanes struck Aleppo on Sunday, killing at least 7 civilians."


@runtime_checkable
class SpanPredictor(Protocol):
    """Something that marks spans in texts: the tagger, or a fake of it in tests.

    ``predict_many`` returns, per text, its spans sorted by offset with ``text`` (and, from a
    model, ``score``) filled; it may stop early with ``model.errors.Cancelled`` once
    ``cancel`` is set.
    """

    version: str
    meta: Mapping[str, Any]

    def predict_many(
        self, texts: Sequence[str], *, cancel: CancelFlag | None = None
    ) -> list[list[Span]]: ...


class Extractor:
    """Marks spans with a ``SpanPredictor`` and assembles each article's events.

    ``min_score``: the default of ``extract_many``'s (None: keep every span and event).
    """

    def __init__(self, predictor: SpanPredictor, *, min_score: float | None = None) -> None:
        check_min_score(min_score)
        self.predictor = predictor
        self.min_score = min_score

    @classmethod
    def load(
        cls, path: str | Path, *, backend: str = "auto", device: str = "cpu",
        threads: int | None = None, min_score: float | None = None,
    ) -> Extractor:
        """Load the model directory at ``path`` (``models/current`` in the service).

        ``backend``: ``auto`` (the int8 ONNX graph when it passed its check, else torch),
        ``torch`` or ``onnx-int8``; ``threads``: CPU threads of the backend; ``min_score``: the
        extractor's default (see ``extract_many``).

        Raises:
            ModelLoadError: no model there, or one that does not load; the message says how to
                make one.
        """
        directory = Path(path)
        if not directory.exists():
            raise ModelLoadError(f"no model at {directory}: train one with `conflict-ie train`")
        from model.tagging.tagger import Tagger  # a backend loads here, not at import

        check_min_score(min_score)
        return cls(Tagger.load(directory, backend=backend, device=device,  # type: ignore[arg-type]
                               threads=threads), min_score=min_score)

    @property
    def version(self) -> str:
        return self.predictor.version

    @property
    def backend(self) -> str | None:
        """The tagger's backend (``torch``, ``onnx-int8``); None for a predictor without one."""
        backend = getattr(self.predictor, "backend", None)
        return backend if isinstance(backend, str) else None

    @property
    def meta(self) -> Mapping[str, Any]:
        return self.predictor.meta

    def warm_up(self) -> None:
        """Run one extraction so lazy resources (gazetteer, date parser) load before traffic."""
        self.extract(Article(text=WARM_UP_TEXT, published=dt.date(2024, 12, 1)))

    def predict_many(
        self, texts: Sequence[str], *, cancel: CancelFlag | None = None
    ) -> list[list[Span]]:
        """Spans only (what evaluation scores): the ``SpanPredictor`` protocol."""
        return self.predictor.predict_many(texts, cancel=cancel)

    def rank(self, articles: Sequence[Article], *, top: int | None = None) -> list[Suggestion]:
        """Unannotated articles in the order to annotate them (``model.ranking``).

        Raises:
            InputError: the model cannot give word probabilities, or articles lack ids.
        """
        analyze = getattr(self.predictor, "predict_with_probabilities", None)
        if analyze is None:
            raise InputError("this model gives no word probabilities: it cannot rank")
        missing = [n for n, a in enumerate(articles, start=1) if a.id is None]
        if missing:
            raise InputError(f"articles {missing[:10]} have no id: ranking needs one each")
        found = analyze([a.text for a in articles])
        return ranking.rank([str(a.id) for a in articles], [a.text for a in articles],
                            [ranking.word_uncertainty(p) for _, p in found],
                            [spans for spans, _ in found], top=top)

    def extract(self, article: Article | str, *, min_score: float | None = None) -> Extraction:
        """Spans and events of one article (a plain string is an article without metadata).

        ``min_score``: as in ``extract_many``.
        """
        return self.extract_many([article], min_score=min_score)[0]

    def extract_many(
        self,
        articles: Sequence[Article | str],
        *,
        min_score: float | None = None,
        cancel: CancelFlag | None = None,
    ) -> list[Extraction]:
        """Spans and events of each article; windows of all articles are tagged together.

        ``min_score`` (0 to 1; None: the extractor's ``min_score``): spans the model scores
        below it are dropped before events are assembled (spans without a score are kept), then
        events whose ``confidence`` is below it; the kept events are numbered ``E1``, ``E2``,
        ... again and ``Extraction.spans`` are the kept spans. CPU-bound: the service calls it
        from its inference thread. ``cancel`` is checked between batches of windows and between
        articles.

        Raises:
            InputError: ``min_score`` is not a number from 0 to 1.
            Cancelled: ``cancel`` was set before the work was done.
        """
        check_min_score(min_score)
        min_score = self.min_score if min_score is None else min_score
        items = [a if isinstance(a, Article) else Article(text=a) for a in articles]
        found = self.predictor.predict_many([a.text for a in items], cancel=cancel)
        model = ModelRef(version=self.version)
        results = []
        for article, spans in zip(items, found, strict=True):
            if cancel is not None and cancel.is_set():
                raise Cancelled("extraction cancelled")
            results.append(_assemble(article, spans, model, min_score=min_score))
        return results


def check_min_score(min_score: float | None) -> None:
    """Refuse a ``min_score`` that is not ``None`` or a number from 0 to 1.

    >>> check_min_score(0.5), check_min_score(None)
    (None, None)
    >>> check_min_score(1.5)
    Traceback (most recent call last):
    ...
    model.errors.InputError: min_score 1.5 is not a number from 0 to 1
    """
    if min_score is None:
        return
    number = isinstance(min_score, int | float) and not isinstance(min_score, bool)
    if not number or math.isnan(min_score) or not 0.0 <= min_score <= 1.0:
        raise InputError(f"min_score {min_score!r} is not a number from 0 to 1")


def kept_spans(spans: Sequence[Span], min_score: float | None) -> list[Span]:
    """The spans scored ``min_score`` or more, and those without a score.

    >>> spans = [Span(start=0, end=1, label="DATE", score=0.2),
    ...          Span(start=2, end=3, label="DATE", score=0.8), Span(start=4, end=5, label="DATE")]
    >>> [s.start for s in kept_spans(spans, 0.5)], len(kept_spans(spans, None))
    ([2, 4], 3)
    """
    if min_score is None:
        return list(spans)
    return [s for s in spans if s.score is None or s.score >= min_score]


def confident_events(events: Sequence[Event], min_score: float | None) -> list[Event]:
    """The events whose ``confidence`` is ``min_score`` or more, numbered ``E1``, ``E2``, ..."""
    if min_score is None:
        return list(events)
    kept = [e for e in events if e.confidence >= min_score]
    return [e.model_copy(update={"id": f"E{i}"}) for i, e in enumerate(kept, start=1)]


def _assemble(
    article: Article, spans: Sequence[Span], model: ModelRef, *, min_score: float | None
) -> Extraction:
    publication = read_publication(article.text, article.published)  # once per article
    kept = kept_spans(spans, min_score)
    kept_keys = {s.key for s in kept}
    dropped = [s for s in spans if s.key not in kept_keys]
    events = confident_events(
        extract_events(article.text, kept, published=publication, dropped=dropped), min_score)
    spans = kept
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    return Extraction(
        id=article.id,
        published=publication.date,
        published_from=publication.source,
        spans=tuple(_with_text(s, article.text) for s in ordered),
        events=tuple(events),
        model=model,
    )


def _with_text(span: Span, text: str) -> Span:
    """``span`` with its text copied from ``text`` (spans are frozen: one that has it is kept)."""
    piece = text[span.start : span.end]
    return span if span.text == piece else span.model_copy(update={"text": piece})
