"""Convert GUM and wikigold named-entity data into the project's annotation format.

Two public corpora give out-of-domain (transfer) training data for ACTOR, LOCATION and
DATE. Neither marks CASUALTY, and wikigold has no DATE, so every document records in
``meta.labels`` which labels it annotates; nothing is machine-marked.

Stages, one module each:

* :mod:`~training.transfer.conllu`, :mod:`~training.transfer.brackets`: GUM's
  ``dep/*.conllu`` -> words with offsets into the rebuilt text, and entity mentions from
  the CorefUD ``Entity=`` brackets;
* :mod:`~training.transfer.names`: which ACTOR/LOCATION mentions are named and which words
  spell the name (GUM's Wikipedia link, else the head's name dependents), without a
  person's titles; :mod:`~training.transfer.dates`: which ``time`` mentions place an event;
* :mod:`~training.transfer.gum`: mentions -> flat spans (outermost first) -> ``Document``;
* :mod:`~training.transfer.wikigold`: IO-tagged CoNLL tokens -> natural text and spans;
* :mod:`~training.transfer.boundaries`: the ``LABELS.md`` edge fixes both corpora get
  (direction words kept in a LOCATION, an abbreviation's period kept in its span);
* :mod:`~training.transfer.split`, :mod:`~training.transfer.cli`: output files, the dev
  split, and ``python -m training.transfer --gum-dir DIR --wikigold FILE --out DIR``.

Shared word lists and the label mapping are in :mod:`~training.transfer.mapping`, the
licence rules in :mod:`~training.transfer.licences`.
"""

from __future__ import annotations

from training.transfer.cli import main
from training.transfer.gum import gum_document
from training.transfer.split import convert_gum, convert_wikigold
from training.transfer.wikigold import wikigold_document

__all__ = ["convert_gum", "convert_wikigold", "gum_document", "main", "wikigold_document"]
