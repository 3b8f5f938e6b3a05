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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from model import ranking
from model.errors import CancelFlag, Cancelled, InputError, ModelLoadError
from model.events import extract_events, find_published
from model.ranking import Suggestion
from model.types import Article, Extraction, ModelRef, Span

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


def resolve_published(
    article: Article,
) -> tuple[dt.date | None, Literal["input", "dateline"] | None]:
    """The publication date relative dates resolve against, and where it came from.

    >>> resolve_published(Article(text="Title\\n27 October, 2015\\nBody."))
    (datetime.date(2015, 10, 27), 'dateline')
    >>> resolve_published(Article(text="No date here."))
    (None, None)
    """
    if article.published is not None:
        return article.published, "input"
    found = find_published(article.text)
    return (found, "dateline") if found is not None else (None, None)


class Extractor:
    """Marks spans with a ``SpanPredictor`` and assembles each article's events."""

    def __init__(self, predictor: SpanPredictor) -> None:
        self.predictor = predictor

    @classmethod
    def load(
        cls, path: str | Path, *, backend: str = "auto", device: str = "cpu",
        threads: int | None = None,
    ) -> Extractor:
        """Load the model directory at ``path`` (``models/current`` in the service).

        ``backend``: ``auto`` (the int8 ONNX graph when it passed its check, else torch),
        ``torch`` or ``onnx-int8``; ``threads``: CPU threads of the backend.

        Raises:
            ModelLoadError: no model there, or one that does not load; the message says how to
                make one.
        """
        directory = Path(path)
        if not directory.exists():
            raise ModelLoadError(f"no model at {directory}: train one with `conflict-ie train`")
        from model.tagging.tagger import Tagger  # a backend loads here, not at import

        return cls(Tagger.load(directory, backend=backend, device=device,  # type: ignore[arg-type]
                               threads=threads))

    @property
    def version(self) -> str:
        return self.predictor.version

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

    def extract(self, article: Article | str) -> Extraction:
        """Spans and events of one article (a plain string is an article without metadata)."""
        return self.extract_many([article])[0]

    def extract_many(
        self, articles: Sequence[Article | str], *, cancel: CancelFlag | None = None
    ) -> list[Extraction]:
        """Spans and events of each article; windows of all articles are tagged together.

        CPU-bound: the service calls it from its inference thread. ``cancel`` is checked
        between batches of windows and between articles.

        Raises:
            Cancelled: ``cancel`` was set before the work was done.
        """
        items = [a if isinstance(a, Article) else Article(text=a) for a in articles]
        found = self.predictor.predict_many([a.text for a in items], cancel=cancel)
        model = ModelRef(version=self.version)
        results = []
        for article, spans in zip(items, found, strict=True):
            if cancel is not None and cancel.is_set():
                raise Cancelled("extraction cancelled")
            results.append(_assemble(article, spans, model))
        return results


def _assemble(article: Article, spans: Sequence[Span], model: ModelRef) -> Extraction:
    published, source = resolve_published(article)
    events = extract_events(article.text, spans, published=published)
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    return Extraction(
        id=article.id,
        published=published,
        published_from=source,
        spans=tuple(s.model_copy(update={"text": article.text[s.start : s.end]}) for s in ordered),
        events=tuple(events),
        model=model,
    )
