"""Military press releases and wire datelines: where the release was issued is not where its
news happened; a dateline without a year takes the given date's; detentions, captures, and
people named then described. Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.assembly import extract_events
from model.events.casualty_finder import find_casualty_spans
from model.events.datelines import dateline_place, find_dateline
from model.events.dates import read_publication
from model.types import Event
from tests.test_event_reading import A, C, D, L, read, spans_in

RELEASED = dt.date(2011, 10, 13)


def extract(text: str, *marks: tuple[str, str]) -> list[Event]:
    """Events of a text whose dateline gives its publication date."""
    return extract_events(text, spans_in(text, *marks))


def test_the_dateline_city_is_not_the_event_place() -> None:
    text = ("KABUL, Afghanistan - An Afghan-led force arrested an insurgent leader in Kunduz "
            "province today. The leader coordinated attacks against Afghan forces.")
    (event,) = read(text, (L, "KABUL"), (L, "Afghanistan"), (A, "Afghan-led force"),
                    (L, "Kunduz province"), (D, "today"), (A, "Afghan forces"),
                    published=RELEASED)
    assert event.sub_event_type == "Arrests"  # "coordinated attacks" describes the leader
    assert event.locations[0].admin1 == "Kunduz"
    assert event.detained == 1


def test_a_region_is_not_narrowed_to_the_dateline_city() -> None:
    text = ("KABUL, Afghanistan (Oct. 13, 2011) - An International Security Assistance Force "
            "service member died following an improvised explosive device attack in southern "
            "Afghanistan today.")
    (event,) = read(text, (L, "KABUL"), (L, "Afghanistan"), (D, "Oct. 13, 2011"),
                    (L, "southern Afghanistan"), (D, "today"), published=RELEASED)
    assert event.fatalities == 1  # a service member, named by a long role
    assert (event.locations[0].text, event.locations[0].admin1) == ("southern Afghanistan", None)


def test_the_dateline_is_the_place_when_the_article_names_no_other() -> None:
    text = "MOGADISHU, Oct 2 (Reuters) - A car bomb exploded near a hotel, killing 7 people."
    (event,) = read(text, (L, "MOGADISHU"), (D, "Oct 2"), (C, "7 people"),
                    published=dt.date(2011, 10, 2))
    assert event.locations[0].admin1 == "Banaadir"


def test_a_dateline_without_a_year_takes_the_given_dates() -> None:
    text = ("KABUL, Afghanistan (Sept. 14) - A security force detained two suspected insurgents "
            "in Sabari district, Khost province, yesterday.")
    assert find_dateline(text) is None  # no year anywhere in the text
    found = find_dateline(text, dt.date(2011, 9, 15))
    assert found is not None and found[0] == dt.date(2011, 9, 14)
    assert read_publication(text, dt.date(2011, 9, 15)).dateline == found[1:]
    assert find_dateline(text, dt.date(2011, 3, 1)) is None  # months away: no year to trust
    (event,) = read(text, (L, "KABUL"), (L, "Afghanistan"), (D, "Sept. 14"),
                    (A, "security force"), (C, "two suspected insurgents"),
                    (L, "Sabari district"), (L, "Khost province"), (D, "yesterday"),
                    published=dt.date(2011, 9, 14))
    assert event.date.date_start == dt.date(2011, 9, 13)  # yesterday, not the dateline's day
    assert (event.locations[0].admin1, event.detained) == ("Khost", 2)


def test_dateline_places() -> None:
    for text, place in [("KABUL, Afghanistan (Sept. 14) - A force", "KABUL, Afghanistan"),
                        ("MOGADISHU, Oct 2 (Reuters) - A car bomb", "MOGADISHU"),
                        ("Headline\nKIEV (Reuters) - Two servicemen", "KIEV"),
                        ("LASHKAR GAH, Afghanistan - Police found", "LASHKAR GAH, Afghanistan")]:
        found = dateline_place(text)
        assert found is not None and text[found[0]:found[1]] == place
    for text in ("Rebels entered Aleppo - the army said - on Friday.",
                 "Gunmen Kill 12 - BBC News\nBody."):
        assert dateline_place(text) is None


def test_nobody_hurt_is_no_count() -> None:
    text = "No shots were fired and no one was injured. Not one was hurt."
    assert find_casualty_spans(text, []) == []


def test_a_threat_of_what_would_happen_is_no_event() -> None:
    assert read("The Taliban said on Monday they would attack foreign troops if they did not "
                "leave.", (A, "Taliban"), (D, "Monday"), (A, "foreign troops")) == []


def test_capturing_people_is_an_arrest_seizing_goods_no_capture_of_ground() -> None:
    (event,) = read("Colombian troops captured a FARC dissident commander in Cauca department "
                    "on Monday.", (A, "Colombian troops"), (L, "Cauca department"),
                    (D, "Monday"))
    assert (event.sub_event_type, event.detained) == ("Arrests", 1)
    (event,) = read("Afghan and coalition forces detained a Taliban facilitator in Zharay "
                    "district, Kandahar province, and seized 50 kilograms of opium. Two other "
                    "suspects were also detained.", (A, "Afghan and coalition forces"),
                    (L, "Zharay district"), (L, "Kandahar province"),
                    (C, "Two other suspects"), published=RELEASED)
    assert (event.sub_event_type, event.detained) == ("Arrests", 3)  # soldiers' arrest, drugs


def test_people_named_then_described() -> None:
    (event,) = read("Mullah Abdul, a senior Taliban leader, was killed in a precision air strike "
                    "in Helmand province.", (L, "Helmand province"), published=RELEASED)
    assert (event.sub_event_type, event.fatalities) == ("Air/drone strike", 1)
    (event,) = read("An Afghan and coalition security force killed Abu Bakr, a senior al-Qaeda "
                    "operative, and two other insurgents in Kunar province.",
                    (A, "Afghan and coalition security force"), (C, "two other insurgents"),
                    (L, "Kunar province"), published=RELEASED)
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 3)
    (event,) = read("Afghan and coalition forces confirmed the death of Qari Zia, a Taliban "
                    "commander, during an operation in Paktiya province's Zurmat district.",
                    (A, "Afghan and coalition forces"), (L, "Paktiya province"),
                    (L, "Zurmat district"), published=RELEASED)
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 1)


def test_insurgents_planting_a_bomb_fought_no_explosion() -> None:
    (event,) = read("Coalition forces killed several insurgents who were attempting to plant an "
                    "improvised explosive device in Uruzgan province yesterday.",
                    (A, "Coalition forces"), (C, "several insurgents"),
                    (L, "Uruzgan province"), (D, "yesterday"), published=RELEASED)
    assert event.sub_event_type == "Armed clash"


def test_a_wire_dateline_with_a_two_digit_year_and_an_agency() -> None:
    text = ("SAN SALVADOR, 12 JAN 90 (ACAN-EFE) -- [TEXT] URBAN GUERRILLAS TODAY ATTACKED A "
            "NATIONAL POLICE POST IN SOYAPANGO, KILLING TWO POLICEMEN.")
    assert find_dateline(text)[0] == dt.date(1990, 1, 12)
    (event,) = extract(text, (L, "SAN SALVADOR"), (D, "12 JAN 90"), (A, "ACAN-EFE"),
                       (A, "URBAN GUERRILLAS"), (L, "SOYAPANGO"), (C, "TWO POLICEMEN"))
    assert event.date.date_start == dt.date(1990, 1, 12)  # TODAY, from the dateline
    assert event.locations[0].text == "SOYAPANGO"
    assert [a.text for a in event.actors if a.role] == ["URBAN GUERRILLAS"]  # not the agency
    assert event.fatalities == 2


def test_a_role_word_and_a_name_is_one_person() -> None:
    (event,) = read("Unidentified individuals kidnapped businessman Jose Lopez yesterday in San "
                    "Pedro Sula.", (A, "Jose Lopez"), (D, "yesterday"), (L, "San Pedro Sula"),
                    published=RELEASED)
    assert (event.sub_event_type, event.detained) == ("Abduction/forced disappearance", 1)
    (event,) = read("Shining Path rebels dynamited two electricity towers in Huancayo last "
                    "night.", (A, "Shining Path rebels"), (L, "Huancayo"), (D, "last night"),
                    published=RELEASED)
    assert event.sub_event_type == "Remote explosive/landmine/IED"


def test_a_headline_above_a_date_line_keeps_its_place() -> None:
    text = ("Opposition candidate holds major rally in Minsk\nMonday, August 3, 2020\n"
            "Tens of thousands of people attended.")
    (event,) = extract(text, (L, "Minsk"), (D, "Monday, August 3, 2020"))
    assert (event.sub_event_type, event.locations[0].text) == ("Peaceful protest", "Minsk")


def test_an_old_wire_dateline_with_notes_in_brackets() -> None:
    text = ("TST-0001\n\nSAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE] [TEXT] "
            "TERRORISTS KIDNAPPED ABOUT 50 PEASANTS IN SAN MIGUEL DEPARTMENT YESTERDAY.")
    assert find_dateline(text)[0] == dt.date(1990, 1, 3)  # no agency: the year is enough
    (event,) = extract(text, (L, "SAN SALVADOR"), (D, "3 JAN 90"), (A, "ARMED FORCES"),
                       (A, "TERRORISTS"), (C, "ABOUT 50 PEASANTS"),
                       (L, "SAN MIGUEL DEPARTMENT"), (D, "YESTERDAY"))
    assert [a.text for a in event.actors if a.role == "actor1"] == ["TERRORISTS"]
    assert (event.date.date_start, event.detained) == (dt.date(1990, 1, 2), 50)
    assert event.locations[0].admin1 == "San Miguel"


def test_text_in_capitals_is_read_like_any_other() -> None:
    text = ("GUATEMALA CITY, 22 FEB 90 (DPA) -- [TEXT] UNIDENTIFIED GUNMEN MURDERED TRADE UNION "
            "LEADER JUAN PEREZ LAST NIGHT IN ESCUINTLA. TWO U.S. MISSIONARIES WERE SHOT DEAD "
            "TODAY BY MEMBERS OF A LEFTIST GROUP IN ESCUINTLA.")
    first, second = extract(text, (L, "GUATEMALA CITY"), (D, "22 FEB 90"), (A, "JUAN PEREZ"),
                            (D, "LAST NIGHT"), (L, "ESCUINTLA"), (C, "TWO U.S. MISSIONARIES"),
                            (D, "TODAY"), (A, "LEFTIST GROUP"), (L, "ESCUINTLA"))
    assert first.fatalities == 1  # a role and a name in capitals is one person
    assert (first.date.date_start, second.date.date_start) == (dt.date(1990, 2, 21),
                                                               dt.date(1990, 2, 22))
    (event,) = read("TWO U.S. MORMON MISSIONARIES WERE SHOT DEAD TODAY BY MEMBERS OF A LEFTIST "
                    "GROUP IN LA PAZ.", (C, "TWO"), (A, "U.S. MORMON MISSIONARIES"),
                    (D, "TODAY"), (A, "LEFTIST GROUP"), (L, "LA PAZ"))
    assert event.actor("actor1").text == "LEFTIST GROUP"  # the agent after "today by members of"


def test_reactions_and_laws_are_no_incidents() -> None:
    assert read("SAN SALVADOR, 18 JAN 90 (ACAN-EFE) -- ARCHBISHOP RIVERA Y DAMAS TODAY CONDEMNED "
                "THE MURDER OF THE SIX JESUIT PRIESTS AND DEMANDED THAT THOSE RESPONSIBLE BE "
                "PUNISHED.", (L, "SAN SALVADOR"), (D, "TODAY"),
                published=dt.date(1990, 1, 18)) == []
    assert read("The Honduran Congress today approved a law that increases penalties for "
                "terrorist crimes, including kidnapping and bombings.", (D, "today")) == []
    (event,) = read("The UN condemned the attack, which killed 12 people in Mopti on Sunday.",
                    (A, "UN"), (C, "12 people"), (L, "Mopti"), (D, "Sunday"))
    assert event.fatalities == 12  # a reaction that tells of the harm keeps it


def test_people_held_and_weapons_seized_is_an_arrest() -> None:
    (event,) = read("An Afghan and coalition security force detained several suspected "
                    "insurgents in Kandahar province yesterday. The security force also seized a "
                    "cache of weapons.", (A, "Afghan and coalition security force"),
                    (C, "several suspected insurgents"), (L, "Kandahar province"),
                    (D, "yesterday"), published=RELEASED)
    assert (event.sub_event_type, event.detained) == ("Arrests", 10)


def test_taken_into_custody_is_an_arrest() -> None:
    (event,) = read("Afghan and coalition forces took two suspected insurgents into custody "
                    "during an operation in Paktika province yesterday.",
                    (A, "Afghan and coalition forces"), (C, "two suspected insurgents"),
                    (L, "Paktika province"), (D, "yesterday"), published=RELEASED)
    assert (event.sub_event_type, event.detained) == ("Arrests", 2)
