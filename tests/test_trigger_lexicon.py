"""The trigger lexicon as read from ``triggers.json``: the traits of its entries, and its
case-blind patterns searched as lower-case patterns over lower-case text."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

import model.events.triggers as triggers
from tests.test_trigger_gate import _sentences


def _raw() -> dict:
    return json.loads(resources.files("model").joinpath("data/triggers.json")
                      .read_text(encoding="utf-8"))


def test_traits_name_entries_of_the_lexicon() -> None:
    ids = {e.id for e in triggers.lexicon().entries}
    for trait in triggers.TRAITS:
        assert triggers.lexemes_with(trait) <= ids
    assert "killing" in triggers.lexemes_with("generic")
    assert "sexual_violence" in triggers.lexemes_with("many_senses")
    assert "suicide_bomb" not in triggers.lexemes_with("generic")


def test_an_unknown_trait_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown traits"):
        triggers._traits({"id": "attack", "traits": ["generc"]})
    with pytest.raises(ValueError, match="no trait"):
        triggers.lexemes_with("generc")


def test_lower_case_patterns_find_what_case_blind_ones_do() -> None:
    raw, lex = _raw(), triggers.lexicon()
    blind = re.compile("|".join(f"(?:{p})" for p in raw["ignore_before"].values()), re.I)
    windows = [s[max(0, i - 60):i] for s in _sentences() for i in range(0, len(s), 7)]
    assert [bool(lex.ignore_before.search(w.lower())) for w in windows] == [
        bool(blind.search(w)) for w in windows]
    assert any(blind.search(w) for w in windows)  # the windows do hold such words
    sentences = _sentences()
    cumulative = [triggers.is_cumulative(s) for s in sentences]
    assert any(cumulative)
    told = [triggers.told_as_total(s) for s in sentences]
    assert cumulative == [
        not any(re.search(p, s, re.I) for p in raw["one_incident_toll"])
        and any(re.search(p, s, re.I) for p in raw["cumulative"]) for s in told]
