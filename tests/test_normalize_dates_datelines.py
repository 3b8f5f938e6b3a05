"""Publication dates from datelines (``model.events.datelines``): every wire and press-release
form, years read from a release number, the header or the text's other dates, and never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events import extract_events
from model.events.datelines import YEAR_FROM_TEXT_DAYS, find_dateline
from model.events.dates import find_published, find_published_span
from model.types import Span

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "CITY, Country (Month D, YYYY) -"
        ("KABUL, Afghanistan (March 12, 2012) – Afghan forces detained two.", D(2012, 3, 12)),
        ("SOUTHWEST ASIA (Jan. 5, 2017) — Coalition forces struck ISIS.", D(2017, 1, 5)),
        ("Baghdad, Iraq (5 January 2017) -- Coalition forces struck.", D(2017, 1, 5)),
        ("Strikes\nCAMP LEATHERNECK, Helmand province, Afghanistan (Sept. 3, 2012) - A patrol",
         D(2012, 9, 3)),
        # "(Month D)": the year from a release number, the header above, or a near date
        ("Forces detain insurgents\nRELEASE NO. 20120312-01\nKABUL, Afghanistan (March 12) - "
         "An Afghan and coalition force detained two.", D(2012, 3, 12)),
        ("KABUL, Afghanistan (March 12) - Forces detained two.\nRelease Number: 20120312-01",
         D(2012, 3, 12)),
        ("Release No. 20130102-05\nKABUL, Afghanistan (Dec. 31) - Forces", D(2012, 12, 31)),
        ("Release #20121230-05\nKABUL, Afghanistan (Jan. 2) - Forces", D(2013, 1, 2)),
        ("ISAF Joint Command\n2012\nKABUL, Afghanistan (March 12) - Forces", D(2012, 3, 12)),
        ("KABUL, Afghanistan (March 12) - Forces struck on March 10, 2012 in Helmand.",
         D(2012, 3, 12)),
        ("Title\nNews\nMOSUL, Iraq (Oct 17) - Iraqi forces advanced. Posted October 2016",
         D(2016, 10, 17)),
        ("LASHKAR GAH, Afghanistan (Feb. 29) - RELEASE NO. 20120301-02", D(2012, 2, 29)),
        # a wire dateline with dashes, also below a release's header line; a date with dots
        ("NEWS RELEASE\nBAGHDAD, Iraq — Nov. 3, 2017 — Iraqi forces struck.", D(2017, 11, 3)),
        ("FOR IMMEDIATE RELEASE\nKYIV, Ukraine, 18.07.2023 — Shelling hit.", D(2023, 7, 18)),
        # a place and a bar before a full date
        ("By Staff Reporter\nBAQUBA | Tuesday, 14 May 2019\nGunmen killed five.", D(2019, 5, 14)),
        # "CITY, Mon D (Agency) -": the year from the text's other dates
        ("BEIRUT, Dec 1 (Reuters) - Rebels pressed on after the offensive began on Nov. 27, 2024.",
         D(2024, 12, 1)),
        ("BEIRUT, Jan 3 (Reuters) - The group said on December 30, 2023 that it had withdrawn.",
         D(2024, 1, 3)),
        ("Headline\nKABUL, 3 Jan (AFP) - Officials said that on 2024-01-02 ten were killed.",
         D(2024, 1, 3)),
        ("BEIRUT, Dec 1, 2024 (Reuters) - Rebels advanced.", D(2024, 12, 1)),
        # date lines
        ("Headline\nMonday, January 4, 2021\nBody", D(2021, 1, 4)),
        ("Headline\nFriday, 27 November 2015 10:15 GMT\nBody", D(2015, 11, 27)),
        ("Headline\nWed, 27 Nov 2024\nBody", D(2024, 11, 27)),
        ("Headline\n27 October, 2015\nBody", D(2015, 10, 27)),
        ("Headline\n2024-11-28\nBody", D(2024, 11, 28)),
        ("Headline\n  2024-11-28T10:15:00Z\nBody", D(2024, 11, 28)),
        ("Headline\nUpdated: 2024-11-28 10:15\nBody", D(2024, 11, 28)),
        ("Headline\n\n3\n4\n5\n6\n7\n8\n9\n10\n11\n2024-11-28\nBody", D(2024, 11, 28)),  # line 12
    ],
)
def test_dateline_forms(text: str, expected: dt.date) -> None:
    assert find_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT (Reuters) - Rebels advanced on Dec 1, 2024.",  # "CITY (Agency) -": no date
        "BEIRUT, Dec 1 (Reuters) - Rebels advanced.",  # no year anywhere
        "BEIRUT, Dec 1 (Reuters) - The war that began in March 2011 goes on.",  # months away
        "KABUL, Afghanistan (March 12) - Forces, fighting here since 2001, struck.",  # body year
        "Header 2011\n2012\nKABUL, Afghanistan (March 12) - Forces",  # the header disagrees
        "KABUL, Afghanistan (Feb. 30) - Forces. 2012",  # no such day
        "LASHKAR GAH, Afghanistan (Feb. 29) - RELEASE NO. 20130301-02",  # not a leap year
        "BEIRUT, Jun 1 (AP) - Polls on May 30, 2023 and again on June 3, 2024.",  # a tie
        "Headline\nMarch 2011\nBody",  # not a day
        "The attack (March 12) - the third this year - killed 4. 2012",  # not a place
        "Headline\nWashington, Jan. 5, 2017 - Strikes.",  # off the first line, no capitals
        "Rebels, on Jan. 5, 2017 - took the town.",
        "Headline\n\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n2024-11-28\nBody",  # past line 12
        "",
    ],
)
def test_no_year_or_no_date_is_none(text: str) -> None:
    assert find_published(text) is None


def test_the_nearest_text_date_decides_and_only_within_the_limit() -> None:
    near = "BEIRUT, Dec 1 (Reuters) - Fighting since June 2022; shelling on Nov. 28, 2024."
    assert find_published(near) == D(2024, 12, 1)
    limit = D(2024, 12, 1) + dt.timedelta(days=YEAR_FROM_TEXT_DAYS)
    at = f"BEIRUT, Dec 1 (Reuters) - Talks set for {limit:%B} {limit.day}, {limit.year}."
    past = f"BEIRUT, Dec 1 (Reuters) - Talks set for {limit:%B} {limit.day + 1}, {limit.year}."
    assert find_published(at) == D(2024, 12, 1)
    assert find_published(past) is None


def test_the_span_is_the_date_text() -> None:
    text = "Title\nRELEASE NO. 20120312-01\nKABUL, Afghanistan (March 12) - Forces"
    found = find_published_span(text)
    assert found is not None and text[found[1]:found[2]] == "March 12"
    text = "Title\nMonday, January 4, 2021\nBody"
    found = find_dateline(text)
    assert found is not None and text[found[1]:found[2]] == "Monday, January 4, 2021"


def test_a_weekday_that_disagrees_is_logged_and_the_date_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("INFO", logger="model.events.datelines"):
        assert find_published("Headline\nMonday, January 4, 2019\nBody") == D(2019, 1, 4)
    assert "is a Friday" in caplog.text


def test_relative_dates_resolve_against_a_press_release_dateline() -> None:
    """The whole chain: no publication date given, the dateline gives it, and "overnight",
    "yesterday" and a weekday are read against it."""
    text = ("RELEASE NO. 20120312-01\nKABUL, Afghanistan (March 12) - Insurgents attacked a "
            "checkpoint in Kandahar overnight, killing 2 policemen. On Saturday, insurgents "
            "ambushed a patrol in Helmand.")
    spans = []
    for label, surface in [("ACTOR", "Insurgents"), ("LOCATION", "Kandahar"),
                           ("DATE", "overnight"), ("CASUALTY", "2 policemen"),
                           ("DATE", "On Saturday"), ("LOCATION", "Helmand")]:
        start = text.index(surface)
        spans.append(Span(start=start, end=start + len(surface), label=label))
    events = extract_events(text, spans)
    dates = sorted(str(e.date.date_start) for e in events if e.date and e.date.date_start)
    assert dates == ["2012-03-10", "2012-03-11"]  # Saturday; the night of 11 into 12 March


def test_the_extractor_reads_each_dateline_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Extractor`` reads an article's dateline once and hands the result to assembly, which
    does not read it again: with a dateline, without one, and with a date given (where it is
    read for where the release date lies, which dates no incident)."""
    from model.events import dates
    from model.extractor import Extractor
    from model.types import Article
    from tests.fakes import FakeTagger

    read: list[str] = []
    real = dates.find_dateline

    def counted(text: str, reference: dt.date | None = None) -> tuple[dt.date, int, int] | None:
        read.append(text)
        return real(text, reference)

    monkeypatch.setattr(dates, "find_dateline", counted)
    wire = "WASHINGTON, Jan. 5, 2017 - Russian warplanes struck Aleppo on Sunday."
    plain = "Russian warplanes struck Aleppo on Sunday, killing 7 civilians."
    given = Article(text=plain, published=D(2024, 12, 2))
    results = Extractor(FakeTagger()).extract_many([wire, plain, given])
    assert read == [wire, plain, plain]  # once each
    assert [(r.published, r.published_from) for r in results] == [
        (D(2017, 1, 5), "dateline"), (None, None), (D(2024, 12, 2), "input")]
    assert [str(e.date.date_start) for e in results[0].events if e.date] == ["2017-01-01"]
