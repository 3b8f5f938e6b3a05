"""The openings gate before the trigger lexicon's scans drops no match (``events/openings``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import model.events.triggers as triggers
from model.events.openings import openings, word_openings

PROBES = Path(__file__).resolve().parent.parent / "bench" / "probes"


def _sentences() -> list[str]:
    found: list[str] = []
    for name in ("a.json", "b.json", "c.json", "g.json"):
        for report in json.loads((PROBES / name).read_text(encoding="utf-8")):
            found += [s for s in re.split(r"(?<=[.!?])\s+|\n+", report["text"]) if s.strip()]
    return found


def test_gated_matches_are_the_ungated_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [*_sentences(), "İstanbul: a bombing killed 3", "ﬁre was opened on troops"]
    gated = [triggers.find_triggers(s) for s in sentences]
    monkeypatch.setattr(triggers, "word_openings", lambda text: None)
    assert [triggers.find_triggers(s) for s in sentences] == gated
    assert sum(map(len, gated)) > 500  # the sentences do hold triggers


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:shot dead|gunned down)\b", {"sho", "gun"}),
    (r"\b(?:IEDs?|land ?mines?)\b", {"ied", "lan"}),
    (r"\b(?:(?<!not )agreed|rap(?:e|ed))\b", {"agr", "rap"}),
    (r"\b(?:in custody|is now)\b", {"in ", "is "}),
    (r"\b(?:[a-c]x|z{0,2}q)\b", {"ax", "bx", "cx", "q", "zq", "zzq"}),
])
def test_openings_lists_every_start(pattern: str, expected: set[str]) -> None:
    assert openings(pattern) == expected


@pytest.mark.parametrize("pattern", [r"\b(?:\w+ attack)\b", r"\b(?:.x)\b", r"(?:-ed)", r"[^a]bc"])
def test_no_gate_where_the_openings_cannot_be_listed(pattern: str) -> None:
    assert openings(pattern) is None


def test_word_openings_are_word_starts_only() -> None:
    heads = word_openings("two were killed, a skilled man")
    assert {"k", "ki", "kil", "two", "a", "a s"} <= heads
    assert "ill" not in heads and "kil" in heads
