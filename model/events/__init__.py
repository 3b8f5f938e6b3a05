"""The event wing: article text + spans -> ``Event`` rows, as pure functions.

``assembly`` builds events clause by clause; each normalizer has its own module (``dates``,
``casualties``, ``actors``, ``locations``); ``triggers`` and ``sentences`` find where events
are; ``roles`` assigns actor1/actor2; ``merge`` joins clause events of one incident;
``table`` writes ACLED-like CSV rows.
"""

from __future__ import annotations

from model.events.assembly import extract_events
from model.events.dates import find_published
from model.events.table import events_to_csv

__all__ = ["events_to_csv", "extract_events", "find_published"]
