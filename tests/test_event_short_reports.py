"""Short incident reports of the kind wire services and incident lists write: counts the
tagger ran together or cut short, a verb with a count of its own after the span, people who
were only in a vehicle or a crowd, who the counted were, people shot dead without a span, ages,
captives, and a place spelt unlike the gazetteer's where the article names no country. Spans
are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.casualties import counts_things, kind_rule
from model.events.locations import geocode
from model.events.span_cuts import cut_spans
from model.events.triggers import is_cumulative, not_event_reason
from model.types import Span
from tests.test_event_reading import C, D, L, read

PUBLISHED = dt.date(2019, 5, 6)


def counts(text: str, *marks: tuple[str, str]) -> tuple[int, int, int]:
    events = [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]
    return (sum(e.fatalities for e in events), sum(e.injured for e in events),
            sum(e.detained for e in events))


def test_a_span_across_a_sentence_end_is_cut_and_an_age_is_no_count() -> None:
    text = ("Mortars hit a school, killing two boys, aged eight and nine. 14 pupils were "
            "wounded.")
    assert counts(text, (C, "two boys"), (C, "nine. 14 pupils")) == (2, 14, 0)


def test_two_counts_joined_in_one_span_keep_their_own_verbs() -> None:
    text = "A grenade killed 1 and 5 others were injured at a bus stop in Mombasa."
    assert counts(text, (C, "1 and 5 others"), (L, "Mombasa")) == (1, 5, 0)
    spans = cut_spans(text, [Span(start=17, end=31, label="CASUALTY")], [(0, len(text))])
    assert [text[s.start:s.end] for s in spans] == ["1", "5 others"]


def test_at_least_split_from_its_at_is_still_the_killing_verbs_count() -> None:
    text = "Artillery fire killed at least nine people and injured twelve more in Idlib."
    assert counts(text, (C, "least nine people"), (C, "twelve more"), (L, "Idlib")) == (9, 12, 0)


def test_a_verb_right_after_the_span_that_has_its_own_count() -> None:
    assert counts("Blast in Kirkuk kills 3 policemen wounds 7 others.", (L, "Kirkuk"),
                  (C, "3 policemen"), (C, "7 others")) == (3, 7, 0)
    assert counts("A roadside bomb left at least 4 soldiers dead and injured 2 in Gao.",
                  (C, "at least 4 soldiers"), (C, "2"), (L, "Gao")) == (4, 2, 0)
    assert kind_rule("5 civilians", "a truck bomb exploded, killing 3 guards and ",
                     " and injuring 20 others.") == ("killed", "near_cue")


def test_people_in_a_vehicle_or_a_stadium_and_things_counted_are_not_harmed() -> None:
    text = ("Gunmen fired on a minibus with nine passengers near Bunia, killing three men and "
            "wounding two others.")
    assert counts(text, (C, "nine passengers"), (L, "Bunia"), (C, "three men"),
                  (C, "two others")) == (3, 2, 0)
    text = ("Two bombs went off in a stadium with some 800 people in Jos, killing 4 and "
            "wounding 19.")
    assert counts(text, (C, "800 people"), (L, "Jos"), (C, "4"), (C, "19")) == (4, 19, 0)
    assert counts_things("", " Nigerian army convoys, killing 11")
    assert counts_things("rebel", " attack on the town")
    assert not counts_things("rebels", " attack the town")


def test_who_the_counted_were_adds_nobody() -> None:
    text = ("Two car bombs killed 5 people and wounded 30 in Basra. Nine of the injured were "
            "policemen and one of the dead was a girl.")
    assert counts(text, (C, "5 people"), (C, "30"), (L, "Basra"), (C, "Nine of the injured"),
                  (C, "one of the dead")) == (5, 30, 0)
    text = ("A suicide bomber killed eight and wounded four in Kabul. The eight killed were "
            "guards, along with two wounded drivers and two more guards.")
    assert counts(text, (C, "eight"), (C, "four"), (L, "Kabul"), (C, "eight killed"),
                  (C, "two wounded drivers"), (C, "two more guards")) == (8, 4, 0)


def test_shot_dead_fatally_and_crucified_are_killings() -> None:
    assert counts("Gunmen shot a teacher dead in Marawi on Monday.", (L, "Marawi"),
                  (D, "Monday")) == (1, 0, 0)
    assert counts("Attackers fatally shot two rangers in Yala on Monday.", (C, "two rangers"),
                  (L, "Yala"), (D, "Monday")) == (2, 0, 0)
    assert kind_rule("A guard", "", " was fatally wounded in the raid.")[0] == "killed"
    assert kind_rule("Two men", "", " were crucified in the square.")[0] == "killed"


def test_people_left_captive_are_detained() -> None:
    text = ("Militants overran an outpost in Menaka, leaving 9 soldiers killed and 12 others "
            "captive.")
    assert counts(text, (L, "Menaka"), (C, "9 soldiers"), (C, "12 others")) == (9, 0, 12)


def test_an_insurgency_ridden_province_and_the_eve_of_an_anniversary() -> None:
    assert not is_cumulative("A gunman killed 16 guards in the insurgency ridden province of "
                             "Helmand.")
    assert is_cumulative("More than 1,000 people were killed in the insurgency.")
    assert not_event_reason("A car bomb killed seven people in Baghdad days ahead of the "
                            "anniversary of the invasion.") is None
    assert not_event_reason("Crowds marked the anniversary of the massacre.") == "anniversary"


def test_a_spelling_unlike_the_gazetteers_is_taken_where_nothing_else_is_placed() -> None:
    assert geocode("Ingushetia") is None
    assert geocode("Ingushetia", alone=True).country_code == "RU"
    (event,) = read("Two policemen were killed in a car bombing in Ingushetia.",
                    (C, "Two policemen"), (L, "Ingushetia"), published=PUBLISHED)
    assert event.locations[0].country_code == "RU"
    # a place the article does place keeps a loose spelling out of another country
    (event,) = read("A bomb exploded in the southeast of Baghdad in al-Za'faraniya, killing "
                    "21 people.", (L, "Baghdad"), (L, "al-Za'faraniya"), (C, "21 people"),
                    published=PUBLISHED)
    assert {loc.country_code for loc in event.locations} <= {"IQ", None}


def test_the_verb_of_the_sentence_not_of_a_relative_clause_or_a_participle() -> None:
    assert kind_rule("Six drivers", "", " who were abducted near Kidal were shot dead by "
                     "gunmen.")[0] == "killed"
    assert kind_rule("Two engineers", "", " working for a mining firm were kidnapped in Kaduna "
                     "and later shot dead.")[0] == "killed"
    assert kind_rule("three aid workers", "Gunmen have killed ",
                     " abducted in Darfur last week.")[0] == "killed"
    assert kind_rule("three aid workers", "", " abducted in Darfur were freed.")[0] == (
        "detained")


def test_people_a_sentence_harmed_all_told_by_a_pronoun() -> None:
    assert kind_rule("two farmers", "Gunmen opened fire on ",
                     " near Mopti, killing them both.") == ("killed", "near_cue")
    assert kind_rule("Gunmen", "", " opened fire on two farmers near Mopti, killing them "
                     "both.")[1] == "not_harmed"
    assert counts("Gunmen opened fire on three traders in Mopti, killing all of them.",
                  (C, "three traders"), (L, "Mopti")) == (3, 0, 0)


def test_a_count_and_its_breakdown_in_one_span_and_rockets_fired_into_a_town() -> None:
    text = ("Two soldiers were killed and 9 (5 soldiers and 4 civilians) were injured in an "
            "attack on a camp in Ber.")
    assert counts(text, (C, "Two soldiers"), (C, "9 (5 soldiers and 4 civilians"),
                  (L, "Ber")) == (2, 9, 0)
    assert counts_things("", " rockets into a market")


def test_a_road_between_two_towns_and_who_the_dead_were_keep_one_incident() -> None:
    text = "A bomb hit a bus on the road between Baghdad and Kirkuk killing two and injuring 14."
    (event,) = read(text, (L, "Baghdad"), (L, "Kirkuk"), (C, "two"), (C, "14"),
                    published=PUBLISHED)
    assert (event.fatalities, event.injured) == (2, 14)
    text = ("Four guards of a security firm were killed and fifteen wounded when a rocket hit the "
            "firm's compound in Iraq. The four dead were of Nepalese origin.")
    (event,) = read(text, (C, "Four guards"), (C, "fifteen"), (L, "Iraq"), (C, "four dead"),
                    (L, "Nepalese"), published=PUBLISHED)
    assert (event.fatalities, event.injured, event.locations[0].country_code) == (4, 15, "IQ")


def test_the_blasts_told_again_with_a_quarter_of_their_own_stay_one_incident() -> None:
    text = ("Suicide bombers struck in Homs, killing at least 32. The blasts, one from a car bomb "
            "and another from a suicide vest, hit the Zahra district.")
    (event,) = read(text, (L, "Homs"), (C, "at least 32"), (L, "Zahra district"),
                    published=PUBLISHED)
    assert (event.fatalities, event.locations[0].admin1) == (32, "Homs")


def test_a_headline_naming_the_provinces_town_joins_the_leads_incident() -> None:
    text = ("Gunmen kill 5 police in attack on Mopti checkpoint\n\n"
            "At least 5 policemen were killed when gunmen attacked a checkpoint in the town of "
            "Djenne on Thursday.")
    events = read(text, (C, "5 police"), (L, "Mopti"), (C, "At least 5 policemen"),
                  (L, "Djenne"), (D, "Thursday"), published=PUBLISHED)
    assert [(e.fatalities, e.locations[0].admin1) for e in events] == [(5, "Mopti")]
