"""Casualty normalization: quantities (ACLED's vague-number coding), kinds read from context,
subsets, and inputs that must be refused."""

from __future__ import annotations

import pytest

from model.events.casualties import (
    casualty_kind,
    conservative_count,
    is_subset,
    parse_quantity,
)

OPEN = None


@pytest.mark.parametrize(
    ("text", "low", "high", "approx", "qualifier", "rest"),
    [
        # the seed articles' CASUALTY spans
        ("over 450 fighters and civilians", 451, OPEN, False, "over", "fighters and civilians"),
        ("215 Syrian and foreign opposition fighters", 215, 215, False, None,
         "syrian and foreign opposition fighters"),
        ("143 regime forces", 143, 143, False, None, "regime forces"),
        ("Nearly 100 civilians", OPEN, 99, True, "nearly", "civilians"),
        ("29 children", 29, 29, False, None, "children"),
        ("hundreds of people", 100, OPEN, True, "hundreds", "people"),
        ("More than 300,000 people", 300_001, OPEN, False, "more than", "people"),
        ("at least 7 deaths", 7, OPEN, False, "at least", "deaths"),
        ("dozens of injuries", 12, OPEN, True, "dozens", "injuries"),
        ("dozens of soldiers", 12, OPEN, True, "dozens", "soldiers"),
        ("number of pro-regime militants", 10, OPEN, True, "number of", "pro-regime militants"),
        ("a number of pro-regime militants", 10, OPEN, True, "a number of", "pro-regime militants"),
        ("over 300 casualties", 301, OPEN, False, "over", "casualties"),
        ("at least 327 lives", 327, OPEN, False, "at least", "lives"),
        ("44 civilians", 44, 44, False, None, "civilians"),
        ("over 80 people", 81, OPEN, False, "over", "people"),
        # vague plurals: one of the unit (ACLED: tens 10, dozens 12, hundreds 100)
        ("tens of civilians", 10, OPEN, True, "tens", "civilians"),
        ("scores of people", 20, OPEN, True, "scores", "people"),
        ("thousands of people", 1000, OPEN, True, "thousands", "people"),
        ("tens of thousands of people", 10_000, OPEN, True, "tens of thousands", "people"),
        ("hundreds of thousands of Syrians", 100_000, OPEN, True, "hundreds of thousands",
         "syrians"),
        ("at least dozens of people", 12, OPEN, True, "at least", "people"),
        # VAGUE_COUNTS: the rule written once for coders and reader
        ("several soldiers", 10, OPEN, True, "several", "soldiers"),
        ("a few civilians", 3, OPEN, True, "a few", "civilians"),
        ("many civilians", 10, OPEN, True, "many", "civilians"),
        ("multiple people", 10, OPEN, True, "multiple", "people"),
        ("civilians", 10, OPEN, True, "plural", "civilians"),
        ("Palestinian protesters", 10, OPEN, True, "plural", "palestinian protesters"),
        # number words and digits
        ("seven civilians", 7, 7, False, None, "civilians"),
        ("twenty-five soldiers", 25, 25, False, None, "soldiers"),
        ("two hundred and fifty people", 250, 250, False, None, "people"),
        ("a dozen fighters", 12, 12, False, None, "fighters"),
        ("two dozen fighters", 24, 24, False, None, "fighters"),
        ("three million people", 3_000_000, 3_000_000, False, None, "people"),
        ("1.5 million people", 1_500_000, 1_500_000, False, None, "people"),
        ("a civilian", 1, 1, False, None, "civilian"),
        ("one soldier", 1, 1, False, None, "soldier"),
        # qualifiers
        ("no fewer than 12 people", 12, OPEN, False, "no fewer than", "people"),
        ("almost 50 people", OPEN, 49, True, "almost", "people"),
        ("up to 10 people", OPEN, 10, False, "up to", "people"),
        ("as many as 10 people", OPEN, 10, False, "as many as", "people"),
        ("about 40 people", 40, 40, True, "about", "people"),
        ("some 40 people", 40, 40, True, "some", "people"),
        ("between 10 and 15 people", 10, 15, False, "between", "people"),
        ("10-15 people", 10, 15, False, "between", "people"),
        ("At\u00a0least 7 deaths", 7, OPEN, False, "at least", "deaths"),
    ],
)
def test_parse_quantity(
    text: str, low: int | None, high: int | None, approx: bool, qualifier: str | None, rest: str
) -> None:
    quantity = parse_quantity(text)
    assert quantity is not None, text
    assert (quantity.min, quantity.max, quantity.approx) == (low, high, approx)
    assert (quantity.qualifier, quantity.rest) == (qualifier, rest)


@pytest.mark.parametrize(
    "text", ["", "   ", "the dead", "heavy losses", "Aleppo", "the wounded", "the guard",
             "over civilians", "at least"],
)
def test_parse_quantity_refuses(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("span", "before", "after", "kind"),
    [
        # seed sentences
        ("at least 7 deaths", "the attack resulted in ", " and dozens of injuries.", "killed"),
        ("dozens of injuries", "resulted in at least 7 deaths and ", ".", "injured"),
        ("over 300 casualties", "Conflict escalates in Aleppo, ", " reported", "killed_or_injured"),
        ("at least 327 lives", "The escalating conflict has claimed ", ", including 44.",
         "killed"),
        ("44 civilians", "has claimed at least 327 lives, including ", ".", "killed"),
        ("over 450 fighters and civilians", "The Observatory said ",
         " had been killed since the rebels began", "killed"),
        ("143 regime forces",
         "The dead include 215 Syrian and foreign opposition fighters - including some who "
         "carried out suicide bomb attacks - and ", ".", "killed"),
        ("dozens of soldiers", "regained several towns, with ",
         " losing their lives in the assault", "killed"),
        ("hundreds of people", "The regime assault has killed ", " in east Aleppo", "killed"),
        ("29 children", "in west Aleppo, where ", " were among those killed", "killed"),
        # beyond the seeds
        ("12 people", "", " were wounded in the blast", "injured"),
        ("12 people", "Shelling killed or wounded ", ".", "killed_or_injured"),
        ("12 people", "", " were killed and 30 wounded", "killed"),
        ("12 people", "", " were displaced", "killed_or_injured"),  # no cue at all
    ],
)
def test_casualty_kind(span: str, before: str, after: str, kind: str) -> None:
    assert casualty_kind(span, before, after)[0] == kind


def test_casualty_kind_prior_orders_cues() -> None:
    own = casualty_kind("7 deaths", "", "")[1]
    near = casualty_kind("7 people", "", " were killed")[1]
    none = casualty_kind("7 people", "", " fled")[1]
    assert own > near > none


@pytest.mark.parametrize(
    ("before", "after", "subset"),
    [
        ("has claimed at least 327 lives, including ", ".", True),
        ("in west Aleppo, where ", " were among those killed", True),
        ("killed 20 people, among them ", ".", True),
        ("The dead include ", " and 143 regime forces.", False),
        ("The Observatory said ", " had been killed", False),
    ],
)
def test_is_subset(before: str, after: str, subset: bool) -> None:
    assert is_subset(before, after) is subset


@pytest.mark.parametrize(
    ("low", "high", "count"), [(451, None, 451), (None, 99, 99), (12, None, 12), (None, None, 0),
                               (10, 15, 10)],
)
def test_conservative_count(low: int | None, high: int | None, count: int) -> None:
    assert conservative_count(low, high) == count
