"""Actor normalization: the alias table, coordinations, the keyword fallback, refusals."""

from __future__ import annotations

import pytest

from model.events.actors import canonical_actors, fold

GOV = ("Syrian government forces", "state forces", 1)
REBELS = ("Syrian rebels", "rebel group", 2)
HTS = ("Hayat Tahrir al-Sham", "rebel group", 2)
IS = ("Islamic State", "rebel group", 2)
RUSSIA = ("Russian forces", "external/other forces", 8)


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("regime", GOV), ("the regime", GOV), ("Syrian army", GOV), ("Assad government", GOV),
        ("Damascus", GOV), ("Bashar al-Assad", GOV), ("Bashar al Assad", GOV), ("Assad", GOV),
        ("Syrian\u00a0regime\u00a0troops", GOV), ("Regime forces", GOV), ("Syria", GOV),
        ("government", GOV), ("army", GOV),
        ("HTS", HTS), ("Hayat Tahrir al-Sham", HTS), ("Hayat Tahrir al Sham", HTS),
        ("IS", IS), ("IS\u00a0militants", IS), ("Islamic State group fighters", IS),
        ("Rebels", REBELS), ("rebel", REBELS), ("Syrian opposition", REBELS),
        ("Terrorists", REBELS), ("opposition fighters", REBELS),
        ("Russian warplanes", RUSSIA), ("Russian war planes", RUSSIA), ("Russia", RUSSIA),
        ("Iranian-backed militias", ("Iranian-backed militias", "political militia", 3)),
        ("Iran‑backed militias", ("Iranian-backed militias", "political militia", 3)),
        ("Hezbollah", ("Hezbollah", "political militia", 3)),
        ("Israeli", ("Israeli forces", "external/other forces", 8)),
        ("al-Qaeda", ("al-Qaeda", "rebel group", 2)),
        ("Assad's", GOV),
        ("“friendly forces”", ("Syrian pro-government militias", "political militia", 3)),
    ],
)
def test_alias_table(surface: str, expected: tuple[str, str, int]) -> None:
    (actor,) = canonical_actors(surface)
    assert (actor.name, actor.actor_type, actor.inter) == expected
    assert actor.known


@pytest.mark.parametrize(
    ("surface", "names"),
    [
        ("Syrian and Russian forces", [GOV[0], RUSSIA[0]]),
        ("Russian and Syrian warplanes", [RUSSIA[0], GOV[0]]),
        ("The Russian and Syrian air forces", [RUSSIA[0], GOV[0]]),
        ("Russia and Iran", [RUSSIA[0], "Iranian forces"]),
    ],
)
def test_coordination_yields_one_actor_per_conjunct(surface: str, names: list[str]) -> None:
    assert [a.name for a in canonical_actors(surface)] == names


@pytest.mark.parametrize(
    ("surface", "name", "actor_type"),
    [
        ("Kurdish militia", "Kurdish militia", "political militia"),
        ("the Free Syrian Army rebels", "Free Syrian Army rebels", "rebel group"),
        ("Iraqi troops", "Iraqi troops", "state forces"),
        ("forces", "forces", None),
        ("miltiants", "miltiants", None),  # a typo in seed 002 stays as written
        ("Lebanon's", "Lebanon", None),
        ("Syrian and Martian forces", "Syrian and Martian forces", None),  # one unknown conjunct
    ],
)
def test_unknown_names_keep_their_surface_text(
    surface: str, name: str, actor_type: str | None
) -> None:
    (actor,) = canonical_actors(surface)
    assert (actor.name, actor.actor_type, actor.known) == (name, actor_type, False)
    assert actor.prior < 0.9


@pytest.mark.parametrize("surface", ["", "   ", "123", "--", "'s"])
def test_refused(surface: str) -> None:
    assert canonical_actors(surface) == ()


def test_fold() -> None:
    assert fold("  The\u00a0Syrian  Regime’s ") == "syrian regime"
    assert fold("Iran‑backed") == "iran-backed"


def test_a_generic_alias_names_the_syrian_actor_only_in_an_article_about_syria() -> None:
    assert canonical_actors("the army", ("SY",))[0].name == "Syrian government forces"
    assert canonical_actors("the army")[0].name == "Syrian government forces"  # no place known
    army = canonical_actors("the army", ("ML", "FR"))[0]
    assert (army.name, army.actor_type, army.known) == ("army", "state forces", False)
    assert canonical_actors("insurgents", ("AF",))[0].name == "insurgents"
    assert canonical_actors("Syrian army", ("ML",))[0].name == "Syrian government forces"
