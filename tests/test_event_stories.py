"""Full stories and releases read whole: a toll told after a second incident's lead joins the
incident told last, "the same shootout" names the incident before, a toll that leaves the bomber
out, a dateline below a headline, an arrest on suspicion of preparing an attack, where people
were taken afterwards, people taken prisoner and a count in the setting of other news. Spans are
marked by hand, so these test the reader alone (``bench/probes/zj.json`` holds whole reports of
these kinds)."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.assembly import _ELSEWHERE_BEFORE
from model.events.datelines import find_dateline
from model.events.merge import _SAME_INCIDENT
from model.events.triggers import is_cumulative
from tests.test_event_phrase_grid import read as read_on
from tests.test_event_reading import A, C, D, L

PUBLISHED = dt.date(2021, 6, 14)  # a Monday


def test_a_toll_joins_the_incident_told_last() -> None:
    """The lead tells two incidents; the paragraph on the first one goes on with its toll, which
    is the first incident's, not the second's, begun last."""
    text = ("Armed men attacked a village in Mali's Mopti region on Saturday, killing dozens of "
            "residents. A day later, across the border in Burkina Faso, an army convoy was "
            "ambushed.\n\nThe assailants opened fire on residents in Sevare, in Mopti. Houses were "
            "set alight. On Sunday the toll rose to 31.\n\nIn Burkina Faso, gunmen ambushed the "
            "convoy near Markoye, in the Sahel region. Seven soldiers were killed.")
    events = read_on(text, (A, "Armed men"), (L, "Mopti region"), (D, "Saturday"),
                     (C, "dozens of residents"), (L, "Burkina Faso"), (L, "Sevare, in Mopti"),
                     (D, "On Sunday"), (C, "31"), (A, "gunmen"), (L, "Markoye"),
                     (L, "Sahel region"), (C, "Seven soldiers"), published=PUBLISHED)
    assert [(e.locations[0].country_code, e.fatalities) for e in events] == [("ML", 31),
                                                                             ("BF", 7)]


def test_the_same_shootout_names_the_incident_told_before() -> None:
    """"in the same shootout" joins the incident before whatever place its sentence names."""
    said = "The Tajik side said one of its servicemen was killed in the same shootout."
    assert _SAME_INCIDENT.search(said)
    assert not _SAME_INCIDENT.search("The same troops attacked a village on Friday.")


def test_a_toll_that_leaves_out_the_bomber_counts_him_once() -> None:
    """The first figure, the toll that replaced it and the bomber it leaves out: twelve."""
    text = ("A suicide bomber drove a minibus into a checkpoint in Afgooye on Thursday. Police "
            "initially said nine people were killed. By Friday the toll rose to eleven, police "
            "said, adding that the figure did not include the bomber.")
    events = read_on(text, (L, "Afgooye"), (D, "Thursday"), (C, "nine people"), (C, "eleven"),
                     (C, "the bomber"), published=PUBLISHED)
    assert [e.fatalities for e in events] == [12]


def test_a_dateline_below_a_headline_is_the_release_date() -> None:
    """A place in capitals, a comma, a full date and a dash open a line under the headline."""
    text = ("PRESS STATEMENT\nRef: NPS/PR/2022/088\n\nTHREE SUSPECTS ARRESTED IN LAMU COUNTY\n\n"
            "LAMU, 20 September 2022 -- Three suspects were yesterday taken into custody.")
    assert find_dateline(text)[0] == dt.date(2022, 9, 20)
    assert find_dateline("Gunmen kill 31\n\nMopti, 12 June 2021 - Gunmen attacked") is None


def test_an_arrest_on_suspicion_of_preparing_an_attack_is_an_arrest() -> None:
    """The attack being prepared is no attack, and a court that supervised the operation makes
    it no trial."""
    text = ("Agents of the National Police, in an operation supervised by the Central Court, "
            "yesterday arrested two men in Barcelona on suspicion of preparing an attack.")
    events = read_on(text, (A, "Agents of the National Police"), (D, "yesterday"),
                     (C, "two men"), (L, "Barcelona"), published=dt.date(2019, 11, 26))
    assert [(e.sub_event_type, e.detained, str(e.date.date_start)) for e in events] == [
        ("Arrests", 2, "2019-11-25")]


def test_where_people_were_taken_is_no_place_of_the_incident() -> None:
    """A camp or hospital people were taken to afterwards, up to five words on."""
    text = "All four suspects have been taken to the Ingkayutthaboriharn Camp in "
    assert _ELSEWHERE_BEFORE.search(text)
    assert not _ELSEWHERE_BEFORE.search("Gunmen attacked the Ingkayutthaboriharn Camp in ")


def test_people_taken_prisoner_in_a_list_are_held() -> None:
    """A release's tally: "2 taken prisoner" counts, with no span of the tagger's."""
    text = ("Boko Haram terrorists attacked an army position on the island of Kaiga-Kindjiria on "
            "Thursday. On the enemy side: 17 terrorists neutralised, 2 taken prisoner, 4 canoes "
            "destroyed.")
    events = read_on(text, (A, "Boko Haram terrorists"), (L, "Kaiga-Kindjiria"),
                     (D, "Thursday"), (C, "17 terrorists"), published=dt.date(2022, 3, 25))
    assert [(e.fatalities, e.detained) for e in events] == [(17, 2)]


def test_one_of_the_wounded_in_critical_condition_is_no_more_wounded() -> None:
    text = ("THREE SOLDIERS WERE WOUNDED LAST NIGHT WHEN A LANDMINE EXPLODED NEAR CROSSMAGLEN. "
            "THE THREE WOUNDED SOLDIERS WERE FLOWN TO A BELFAST HOSPITAL, WHERE ONE OF THEM IS "
            "SAID TO BE IN A CRITICAL CONDITION.")
    events = read_on(text, (C, "THREE SOLDIERS"), (D, "LAST NIGHT"), (L, "CROSSMAGLEN"),
                     (C, "THE THREE WOUNDED SOLDIERS"), (L, "BELFAST"), (C, "ONE"),
                     published=dt.date(1988, 10, 3))
    assert [e.injured for e in events] == [3]


def test_a_toll_before_the_setting_of_other_news_is_the_news() -> None:
    """"two weeks after Afghan security forces took control" is the setting; the dead before it
    are the incident's."""
    text = ("A suicide bomber blew up his car at the office of the provincial police chief in "
            "Lashkar Gah. Nine police and a child were killed in the incident two weeks after "
            "Afghan security forces took control of security in the province.")
    events = read_on(text, (L, "Lashkar Gah"), (C, "Nine police and a child"),
                     (A, "Afghan security forces"), published=dt.date(2011, 7, 31))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Suicide bomb", 10)]


def test_passengers_marched_into_the_forest_are_no_march() -> None:
    text = ("Gunmen stopped a bus near Gedo on Saturday and marched most of its passengers into "
            "the forest.")
    events = read_on(text, (A, "Gunmen"), (L, "Gedo"), (D, "Saturday"),
                     published=dt.date(2023, 7, 10))
    assert "Peaceful protest" not in [e.sub_event_type for e in events]


def test_a_politician_attacked_for_his_remarks_is_no_attack() -> None:
    """"attacked Trump for the ... comment": words, not violence; a checkpoint attacked "for the
    second time" stays an attack."""
    said = ('After Biden attacked Trump for the alleged "losers" and "suckers" comment reported '
            "in The Atlantic, Trump hit back.")
    assert read_on(said, (L, "The Atlantic"), published=PUBLISHED) == []
    shot = "Gunmen attacked a checkpoint for the second time in Kunduz on Monday."
    events = read_on(shot, (A, "Gunmen"), (L, "Kunduz"), (D, "Monday"), published=PUBLISHED)
    assert len(events) == 1


@pytest.mark.parametrize("text", [
    "Botswana's elephants hold steady as the poaching battle shifts to the Okavango Delta.",
    "She has been attacked in the press, in the courts and on social media in Tunis for years.",
    "Researchers say engineered immune cells can find and attack pancreatic tumours in mice.",
    "Opposition parties launched a fierce attack on the government in New Delhi on Tuesday.",
    "Opposition members in New Delhi fired back that the proposal was an assault on the powers "
    "of the states.",
    "Members clashed repeatedly over the cost of the scheme in New Delhi on Tuesday.",
    'He accused the government of "ambushing" state governments in New Delhi on Tuesday.',
])
def test_words_of_violence_in_other_senses_are_no_event(text: str) -> None:
    """General news that uses the words of violence for words, cells or a campaign."""
    place = next(p for p in ("Okavango Delta", "Tunis", "New Delhi", "mice") if p in text)
    assert read_on(text, (L, place), published=PUBLISHED) == []


def test_a_murder_over_a_debt_and_its_arrest_are_no_event() -> None:
    """A private quarrel, with no armed group or army: ordinary crime."""
    text = ("Chiang Mai man charged with murder of friend over unpaid debt\n\n"
            "Police said a friend who owed him money was found stabbed to death in Chiang Mai on "
            "Tuesday. He was arrested on Wednesday in Lamphun province.")
    events = read_on(text, (L, "Chiang Mai"), (D, "Tuesday"), (D, "Wednesday"),
                     (L, "Lamphun province"), published=dt.date(2022, 6, 9))
    assert events == []



def test_fans_fighting_after_a_derby_in_a_match_report_are_a_riot() -> None:
    """A coach's "battle ahead" is no clash, a stadium named after a day is no day, and a
    headline whose derby "ends in violence" tells of real violence."""
    text = ("Belouizdad close in on title as Algiers derby ends in violence\n\n"
            '"We are not champions yet. There is still a battle ahead," their coach said. The '
            "derby at the 5 July Stadium in Algiers produced few chances.\n\nAfter the final "
            "whistle on Saturday, hundreds of supporters fought each other in the streets, "
            "throwing stones and flares. Police said 40 people had been arrested.")
    events = read_on(text, (D, "5 July"), (L, "Algiers"), (D, "Saturday"),
                     (C, "hundreds of supporters"), (C, "40 people"),
                     published=dt.date(2022, 4, 10))
    assert [(e.event_type, e.detained, str(e.date.date_start)) for e in events] == [
        ("Riots", 40, "2022-04-09")]


def test_a_release_lists_each_operation_as_its_own_event() -> None:
    """Paragraphs that open with their district or province are operations of their own: a
    district no gazetteer knows still sets its paragraph apart, a clause with no place takes its
    paragraph's opening one, and "one (1) pressure-plate IED" found is a device."""
    text = ("KABUL, Afghanistan (Jan. 12, 2011) - An Afghan and coalition security force detained "
            "three (3) suspected insurgents in Bala Buluk district yesterday.\n\n"
            "In Bakwa district, the force killed one (1) insurgent who fired on the patrol.\n\n"
            "In Herat province, a combined force searched a compound in Shindand district. The "
            "force detained two suspected insurgents.\n\n"
            "Khan Abad district: Afghan police found and destroyed one (1) pressure-plate IED.")
    events = read_on(text, (L, "Bala Buluk district"), (D, "yesterday"), (L, "Bakwa district"),
                     (C, "one (1) insurgent"), (L, "Herat province"), (L, "Shindand district"),
                     (C, "two suspected insurgents"), (L, "Khan Abad district"),
                     published=dt.date(2011, 1, 12))
    assert [e.sub_event_type for e in events] == [
        "Arrests", "Armed clash", "Arrests", "Disrupted weapons use"]


def test_salah_al_din_is_named_as_acled_names_it() -> None:
    from model.events.locations import geocode

    place = geocode("Salah ad Din province")
    assert place is not None and place.admin1 == "Salah al-Din"


def test_a_release_lead_that_sums_its_operations_is_a_tally() -> None:
    """The lead sums the operations told below it; men arrested with grenades threw none."""
    lead = ("Afghan and coalition forces conducted operations in three western and northern "
            "provinces last night, killing a Taliban commander and detaining three insurgents.")
    assert is_cumulative(lead)
    text = "Gujranwala: Two (2) terrorists arrested with hand grenades on Monday."
    events = read_on(text, (L, "Gujranwala"), (C, "Two (2) terrorists"), (D, "Monday"),
                     published=dt.date(2020, 6, 30))
    assert [(e.sub_event_type, e.detained) for e in events] == [("Arrests", 2)]


def test_two_of_the_wounded_counted_after_them_who_died_are_no_longer_wounded() -> None:
    text = ("Gunmen attacked a village near Bandiagara on Saturday. On Sunday the toll rose to 31 "
            "after two of the fourteen people wounded in the attack died in hospital.")
    events = read_on(text, (A, "Gunmen"), (L, "Bandiagara"), (D, "Saturday"), (D, "On Sunday"),
                     (C, "31"), (C, "two"), (C, "fourteen people"), published=PUBLISHED)
    assert [(e.fatalities, e.injured) for e in events] == [(31, 12)]


@pytest.mark.parametrize(("text", "place", "want"), [
    ("Trump stirred controversy during an interview and again at a rally in Pennsylvania.",
     "Pennsylvania", []),
    ("He announced the change on television and again in a rally in Ankara on Friday.",
     "Ankara", []),
    ("Ghana's presidential rivals trade attacks in battle for Central Region", "Central Region",
     []),
    ("Thousands of opposition supporters took part in a rally in Nairobi on Sunday.", "Nairobi",
     ["Peaceful protest"]),
    ("Thousands of opposition supporters held a rally in Nairobi on Sunday.", "Nairobi",
     ["Peaceful protest"]),
])
def test_a_politician_at_a_rally_is_no_protest(text: str, place: str, want: list[str]) -> None:
    """A candidate speaking "at a rally" and rivals who "trade attacks" tell of a campaign; people
    who take part in or hold a rally protest."""
    marks = [(L, place), *([(D, day)] if (day := next(
        (d for d in ("Sunday", "Friday") if d in text), None)) else [])]
    events = read_on(text, *marks, published=PUBLISHED)
    assert [e.sub_event_type for e in events] == want
