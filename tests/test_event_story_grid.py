"""Readings the story and modality grids (``bench/story_grid.py``, ``bench/modality_grid.py``)
found missing: the dead of both sides told in two clauses, breakdowns between dashes, a toll
updated inside one sentence, the words military releases use, an incident told as the time of
something else ("The warning came a day after ..."), and the news that tells of violence without
an incident of its own (a forecast, a denied rumour, an arms deal, a memorial). Spans are marked
by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from model.types import Event
from tests.test_event_phrase_grid import read as read_on
from tests.test_event_reading import A, C, D, L

PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday


def read(text: str, *marks: tuple[str, str]) -> list[Event]:
    """The events of ``text`` read with the spans ``marks`` (in any order), published on a
    Wednesday."""
    return read_on(text, *marks, published=PUBLISHED)


def totals(text: str, *marks: tuple[str, str]) -> tuple[int, int, int]:
    events = read(text, *marks)
    assert len(events) == 1, [e.sub_event_type for e in events]
    return events[0].fatalities, events[0].injured, events[0].detained


@pytest.mark.parametrize(("text", "marks", "want"), [
    ("Islamic State militants attacked an army post in Diyala province on Sunday, killing five "
     "soldiers and wounding three; two attackers were killed, security sources said.",
     ((A, "Islamic State militants"), (L, "Diyala province"), (D, "Sunday"),
      (C, "five soldiers"), (C, "three; two attackers")), (7, 3, 0)),  # a span across ";"
    ("Fighting between militiamen and troops in Merawi in the Amhara region on Monday killed 12 "
     "people - eight militia fighters and four civilians caught in the crossfire - residents "
     "said.", ((L, "Merawi"), (L, "Amhara region"), (D, "Monday"), (C, "12 people"),
               (C, "eight militia fighters"), (C, "four civilians")), (12, 0, 0)),
    ("Two people, a young man and a police officer, were killed on Monday when youths clashed "
     "with police in Conakry.", ((C, "Two people"), (C, "young man"), (C, "police officer"),
                                 (D, "Monday"), (L, "Conakry")), (2, 0, 0)),
    ("An air strike hit a monastery in Sagaing region on Sunday. Fourteen (14) civilians were "
     "killed, among them five students and a monk, and twenty (20) others were wounded.",
     ((L, "Sagaing region"), (D, "Sunday"), (C, "Fourteen (14) civilians"),
      (C, "five students"), (C, "twenty (20) others")), (14, 20, 0)),
    ("On Sunday, Daesh gangs attacked an army post in Diyala province. Our heroic forces killed "
     "two (2) terrorists. Five (5) of our fighters were martyred and three (3) were wounded.",
     ((D, "Sunday"), (L, "Diyala province"), (C, "two (2) terrorists"), (C, "Five"),
      (C, "three (3)")), (7, 3, 0)),  # "of our": the release's own side
    ("On Monday a suicide bomber detonated a vest at the market in Konduga, Borno State. "
     "Eighteen (18) persons lost their lives, while forty-two (42) others sustained varying "
     "degrees of injury. The suicide bomber also died at the scene.",
     ((D, "Monday"), (L, "Konduga"), (L, "Borno State"), (C, "Eighteen (18) persons"),
      (C, "forty-two")), (19, 42, 0)),
    ("On Monday a bomb exploded at a market in Maiduguri. Six people, including the bomber, were "
     "killed. The bomber was killed instantly, police said.",
     ((D, "Monday"), (L, "Maiduguri"), (C, "Six people")), (6, 0, 0)),
    ("On Tuesday jihadists ambushed a patrol near Tera, Tillaberi region. Regrettably, fourteen "
     "(14) soldiers and five (5) volunteers fell with arms in hand.",
     ((D, "Tuesday"), (L, "Tera"), (L, "Tillaberi region"), (C, "fourteen (14) soldiers"),
      (C, "five (5) volunteers")), (19, 0, 0)),
    ("On Tuesday Maoists opened fire on a patrol near Basaguda, Bijapur district. One (1) jawan "
     "attained martyrdom and two (2) jawans sustained injuries.",
     ((D, "Tuesday"), (L, "Basaguda"), (L, "Bijapur district"), (C, "One (1) jawan"),
      (C, "two (2) jawans")), (1, 2, 0)),
    ("On Tuesday terrorists ambushed a patrol near Tera, Tillaberi region. The ambush cost the "
     "lives of fifteen (15) of our soldiers.",
     ((D, "Tuesday"), (L, "Tera"), (L, "Tillaberi region")), (15, 0, 0)),
    ("On Monday gunmen opened fire in a bar in Celaya, Guanajuato. Six (6) people died and five "
     "(5) people remain under medical care.",
     ((D, "Monday"), (L, "Celaya"), (L, "Guanajuato"), (C, "Six (6) people"),
      (C, "five (5) people")), (6, 5, 0)),
    ("On Monday troops clashed with rebels near Himamaylan, Negros Occidental. Two (2) rebels "
     "were killed and one (1) was apprehended at the encounter site.",
     ((D, "Monday"), (L, "Himamaylan"), (L, "Negros Occidental"), (C, "Two (2) rebels"),
      (C, "one (1)")), (2, 0, 1)),
    ("Rescuers said on Monday that four people had been killed when air strikes hit the market "
     "in Ariha, Idlib province. By Tuesday the toll had risen to seven, and they said two of the "
     "wounded had died in hospital, bringing the number of dead to nine.",
     ((D, "Monday"), (C, "four people"), (L, "Ariha"), (L, "Idlib province"), (D, "Tuesday"),
      (C, "seven"), (C, "two of the wounded"), (C, "nine")), (9, 0, 0)),
    ("On Tuesday jihadists ambushed a patrol near Tera, Tillaberi region, killing 15 soldiers. "
     "The ministry said 20 attackers had also been killed, bringing the total number of dead to "
     "35.", ((D, "Tuesday"), (L, "Tera"), (L, "Tillaberi region"), (C, "15 soldiers"),
             (C, "20 attackers"), (C, "35")), (35, 0, 0)),
    ("Police fired rubber bullets, tear gas and live rounds at thousands of garment workers "
     "protesting in Gazipur on Monday, killing two workers.",
     ((A, "Police"), (C, "thousands of garment workers"), (L, "Gazipur"), (D, "Monday"),
      (C, "two workers")), (2, 0, 0)),
    ("Police in Borno State said on Monday that a suicide bomber had killed seven people at the "
     "market in Konduga.", ((C, "Police"), (L, "Borno State"), (D, "Monday"),
                            (C, "seven people"), (L, "Konduga")), (7, 0, 0)),
    ("In Tripoli, clashes broke out on Tuesday between 2 rival armed groups in the Souq "
     "al-Jumaa district, killing 2 fighters.", ((L, "Tripoli"), (D, "Tuesday"),
                                               (C, "2 rival armed groups"), (C, "2 fighters")),
     (2, 0, 0)),
])
def test_counts_told_over_clauses_and_in_release_words(
        text: str, marks: tuple[tuple[str, str], ...], want: tuple[int, int, int]) -> None:
    assert totals(text, *marks) == want


def test_arrests_in_raids_across_a_citys_districts_are_one_event() -> None:
    text = ("Turkish police detained 31 suspected Islamic State members in dawn raids across nine "
            "districts of Istanbul on Tuesday; no one was killed or injured, police said.")
    events = read(text, (A, "Turkish police"), (C, "31 suspected"), (L, "Istanbul"),
                  (D, "Tuesday"), (C, "no one"))
    assert [(e.sub_event_type, e.detained) for e in events] == [("Arrests", 31)]


@pytest.mark.parametrize(("text", "marks", "want"), [
    ("Ukraine's air force warned on Wednesday that Russia was preparing another mass strike. The "
     "warning came a day after a Russian drone hit a building in Kharkiv on Tuesday evening, "
     "killing 3 people and injuring 8.",
     ((D, "Wednesday"), (A, "Russian"), (L, "Kharkiv"), (D, "Tuesday"), (C, "3 people"),
      (C, "8")), (3, 8, 0)),
    ("Iraq's interior ministry on Tuesday announced a reward for information about the militants "
     "who carried out a 2023 attack in Diyala province that killed 11 people. Hours later, a "
     "roadside bomb struck an army vehicle near Muqdadiya, killing 2 soldiers.",
     ((D, "Tuesday"), (D, "2023"), (L, "Diyala province"), (C, "11 people"),
      (L, "Muqdadiya"), (C, "2 soldiers")), (2, 0, 0)),
    ("Days after Boko Haram fighters left letters in a market warning villagers to leave, gunmen "
     "stormed the village of Kwatara in Borno State on Tuesday night, killing 9 farmers.",
     ((A, "Boko Haram fighters"), (A, "gunmen"), (L, "Kwatara"), (L, "Borno State"),
      (D, "Tuesday night"), (C, "9 farmers")), (9, 0, 0)),
    ("Fans in a bar in Celaya were cheering on Monday night as the striker \"executed\" a "
     "penalty, when gunmen burst in and opened fire, killing 4 people.",
     ((L, "Celaya"), (D, "Monday night"), (A, "gunmen"), (C, "4 people")), (4, 0, 0)),
])
def test_an_incident_told_beside_news_of_no_incident(
        text: str, marks: tuple[tuple[str, str], ...], want: tuple[int, int, int]) -> None:
    assert totals(text, *marks) == want


def test_youths_with_barricades_and_burned_tyres_riot() -> None:
    text = ("A court on Tuesday sentenced 3 men over a killing during protests in 2022. Hours "
            "after the verdict, youths in Conakry set up barricades, burned tyres and stoned "
            "police vehicles; 1 person was killed.")
    events = read(text, (D, "Tuesday"), (D, "2022"), (L, "Conakry"), (C, "1 person"))
    assert [(e.event_type, e.fatalities) for e in events] == [("Riots", 1)]


@pytest.mark.parametrize(("text", "marks"), [
    ("Kenyan security analysts predict that cattle raids in Baringo will intensify and could "
     "claim dozens of lives.", ((L, "Baringo"), (C, "dozens"))),
    ("Kenyan police dismiss social media reports of an al-Shabaab attack on a school in Garissa "
     "as false, saying no shots were fired.", ((A, "al-Shabaab"), (L, "Garissa"))),
    ("A video that claimed to show a mob beating 3 men to death in Uttar Pradesh this week is "
     "old footage, fact-checkers said on Tuesday.",
     ((C, "3 men"), (L, "Uttar Pradesh"), (D, "Tuesday"))),
    ("The talks stalled on Tuesday over the rebels' demand for the release of 200 of their "
     "detained members in Oromia.", ((D, "Tuesday"), (C, "200"), (L, "Oromia"))),
    ("Indian army units staged a large firepower exercise in Rajasthan on Tuesday, with tanks "
     "and attack helicopters destroying enemy bunkers.", ((L, "Rajasthan"), (D, "Tuesday"))),
    ("Nigeria has signed a $1 billion deal with a European manufacturer for 24 attack "
     "helicopters to fight Boko Haram, the ministry said on Tuesday.",
     ((L, "Nigeria"), (A, "Boko Haram"), (D, "Tuesday"))),
    ("Church leaders in Plateau State held a memorial service on Sunday for nearly 200 villagers "
     "killed in attacks on Christmas Eve in Bokkos.",
     ((L, "Plateau State"), (D, "Sunday"), (C, "nearly 200 villagers"), (D, "Christmas Eve"),
      (L, "Bokkos"))),
    ("A fast bowler fired a barrage of bouncers at Eden Gardens in Kolkata on Tuesday, leaving 3 "
     "batsmen bruised as his side massacred the visitors by 9 wickets.",
     ((L, "Kolkata"), (D, "Tuesday"), (C, "3 batsmen"))),
    ("A novel retelling the 2014 disappearance of 43 students in Guerrero state has topped "
     "Mexico's bestseller lists.", ((D, "2014"), (C, "43 students"), (L, "Guerrero state"))),
])
def test_news_of_violence_without_an_incident_of_its_own(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert read(text, *marks) == []


def test_a_release_headed_by_its_state_places_an_ambiguous_region_there() -> None:
    text = ("REPUBLIC OF CAMEROON\nMINISTRY OF DEFENCE\nPRESS RELEASE\n\n1. On Monday 18 March "
            "2024, armed secessionists stopped a bus on the Bamenda-Bali road, North-West "
            "region, and kidnapped eleven (11) passengers.")
    events = read(text, (D, "Monday 18 March 2024"), (L, "North-West region"),
                  (C, "eleven (11) passengers"))
    assert [(e.locations[0].country_code, e.detained) for e in events] == [("CM", 11)]


def test_a_drone_that_hit_a_building_is_a_drone_strike() -> None:
    text = "A Russian drone hit a residential building in Kharkiv on Tuesday, killing 3 people."
    events = read(text, (A, "Russian"), (L, "Kharkiv"), (D, "Tuesday"), (C, "3 people"))
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 3)]
