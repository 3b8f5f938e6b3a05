"""ACLED's rarer sub-event types, as the type grid (``bench/type_grid.py``) writes them: a place
taken or handed over without a fight, a base set up, graves found, a crowd that kills, force
against a march, a truce brokered, a bomb workshop found; and the sides that decide a change of
territory (a group named in the group table is no state force, "Mozambican forces" are one).
Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from model.events.actors import canonical_actors
from tests.test_event_phrase_grid import read as read_on
from tests.test_event_reading import A, C, D, L

PUBLISHED = dt.date(2024, 3, 20)  # a Wednesday


def types(text: str, *marks: tuple[str, str]) -> list[tuple[str | None, str | None]]:
    """The (type, sub-event type) of each event of ``text``, published on a Wednesday."""
    return [(e.event_type, e.sub_event_type)
            for e in read_on(text, *marks, published=PUBLISHED)]


@pytest.mark.parametrize(("text", "marks", "want"), [
    ("M23 rebels set up an administrative headquarters in Bunagana on Monday.",
     ((A, "M23 rebels"), (L, "Bunagana"), (D, "Monday")),
     ("Strategic developments", "Headquarters or base established")),
    ("Investigators uncovered a mass grave with around 440 bodies outside Izium on Thursday.",
     ((L, "Izium"), (D, "Thursday")), ("Strategic developments", "Other")),
    ("A crowd accused a factory manager of blasphemy and killed him in Sialkot on Friday.",
     ((L, "Sialkot"), (D, "Friday")), ("Riots", "Mob violence")),
    ("Community members set upon and killed a suspected housebreaker in Diepsloot on Tuesday.",
     ((L, "Diepsloot"), (D, "Tuesday")), ("Riots", "Mob violence")),
    ("Taliban fighters captured the district headquarters of Yamgan on Friday after a battle "
     "with Afghan security forces.",
     ((A, "Taliban fighters"), (L, "Yamgan"), (D, "Friday"), (A, "Afghan security forces")),
     ("Battles", "Non-state actor overtakes territory")),
    ("Mozambican and Rwandan forces recaptured the port town of Mocimboa da Praia on Sunday.",
     ((A, "Mozambican and Rwandan forces"), (L, "Mocimboa da Praia"), (D, "Sunday")),
     ("Battles", "Government regains territory")),
    ("The Arakan Army overran the last junta base in Paletwa on Sunday.",
     ((A, "Arakan Army"), (L, "Paletwa"), (D, "Sunday")),
     ("Battles", "Non-state actor overtakes territory")),
    ("Ukrainian troops entered Kherson without a fight on Friday after Russian forces withdrew.",
     ((A, "Ukrainian troops"), (L, "Kherson"), (D, "Friday"), (A, "Russian forces")),
     ("Strategic developments", "Non-violent transfer of territory")),
    ("Riot police in Minsk detained dozens of women taking part in a peaceful Saturday march.",
     ((A, "Riot police"), (L, "Minsk"), (C, "dozens of women"), (D, "Saturday")),
     ("Protests", "Protest with intervention")),
    ("Garment workers formed a human chain along the highway in Savar on Sunday.",
     ((A, "Garment workers"), (L, "Savar"), (D, "Sunday")), ("Protests", "Peaceful protest")),
    ("Security forces fired live ammunition at worshippers protesting in Zahedan on Friday.",
     ((A, "Security forces"), (L, "Zahedan"), (D, "Friday")),
     ("Protests", "Excessive force against protesters")),
    ("Protesters ransacked and set fire to a UN warehouse in Goma on Tuesday.",
     ((A, "Protesters"), (L, "Goma"), (D, "Tuesday")), ("Riots", "Violent demonstration")),
    ("Elders brokered a truce between two clans in Mandera on Tuesday, ending weeks of reprisal "
     "attacks.", ((A, "Elders"), (L, "Mandera"), (D, "Tuesday")),
     ("Strategic developments", "Agreement")),
    ("Army engineers defused a pressure-cooker bomb found by a roadside in Pulwama on Wednesday.",
     ((A, "Army engineers"), (L, "Pulwama"), (D, "Wednesday")),
     ("Strategic developments", "Disrupted weapons use")),
    ("Nigerian troops uncovered and destroyed a bomb-making workshop near Malam Fatori on "
     "Monday.", ((A, "Nigerian troops"), (L, "Malam Fatori"), (D, "Monday")),
     ("Strategic developments", "Disrupted weapons use")),
    ("An attacker drove an explosives-laden vehicle into the gate of the airbase in Baledogle on "
     "Friday before detonating it.", ((L, "Baledogle"), (D, "Friday")),
     ("Explosions/Remote violence", "Suicide bomb")),
    ("Military aircraft hit a crowded market in Kabkabiya on Saturday, killing dozens of "
     "shoppers.", ((L, "Kabkabiya"), (D, "Saturday"), (C, "dozens of shoppers")),
     ("Explosions/Remote violence", "Air/drone strike")),
    ("A grenade thrown over the wall of a police station in Cotabato City exploded early "
     "Tuesday.", ((L, "Cotabato City"), (D, "Tuesday")), ("Explosions/Remote violence", "Grenade")),
    ("Ethiopian security forces held four journalists in Addis Ababa on Thursday.",
     ((A, "Ethiopian security forces"), (C, "four journalists"), (L, "Addis Ababa"),
      (D, "Thursday")), ("Strategic developments", "Arrests")),
    ("RSF fighters broke into a food warehouse in Nyala on Sunday and carted away the stocks.",
     ((A, "RSF fighters"), (L, "Nyala"), (D, "Sunday")),
     ("Strategic developments", "Looting/property destruction")),
    ("Russian troops dropped grenades filled with chloropicrin on trenches near Bakhmut on "
     "Thursday.", ((A, "Russian troops"), (L, "Bakhmut"), (D, "Thursday")),
     ("Explosions/Remote violence", "Chemical weapon")),
    # the second coder's grid (bench/phrases/types_second.json) writes them otherwise
    ("Arakan Army fighters and junta troops traded heavy fire around an outpost in Kyauktaw on "
     "Tuesday.", ((A, "Arakan Army fighters"), (A, "junta troops"), (L, "Kyauktaw"),
                  (D, "Tuesday")), ("Battles", "Armed clash")),
    ("Sudanese army troops drove the Rapid Support Forces out of Sinja on Saturday.",
     ((A, "Sudanese army troops"), (A, "Rapid Support Forces"), (L, "Sinja"), (D, "Saturday")),
     ("Battles", "Government regains territory")),
    ("The Malian Armed Forces said on Thursday that they had reclaimed Anefis from rebels.",
     ((A, "Malian Armed Forces"), (D, "Thursday"), (L, "Anefis"), (A, "rebels")),
     ("Battles", "Government regains territory")),
    ("The Rapid Support Forces said on Thursday that its fighters had taken the town of Al-Nuhud.",
     ((A, "Rapid Support Forces"), (D, "Thursday"), (L, "Al-Nuhud")),
     ("Battles", "Non-state actor overtakes territory")),
    ("A Russian attack drone slammed into an apartment block in Odesa on Thursday, killing two "
     "residents.", ((L, "Odesa"), (D, "Thursday"), (C, "two residents")),
     ("Explosions/Remote violence", "Air/drone strike")),
    ("A man wearing an explosives vest detonated himself inside a tea shop in Baidoa on Saturday, "
     "killing nine people.", ((L, "Baidoa"), (D, "Saturday"), (C, "nine people")),
     ("Explosions/Remote violence", "Suicide bomb")),
    ("A student was forcibly disappeared after security personnel seized him from a hostel in "
     "Turbat on Tuesday.", ((A, "security personnel"), (L, "Turbat"), (D, "Tuesday")),
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Police dispersed students who had blocked a bridge in Novi Sad on Saturday, detaining 12 of "
     "them.", ((A, "Police"), (L, "Novi Sad"), (D, "Saturday"), (C, "12 of them")),
     ("Protests", "Protest with intervention")),
    ("Security forces fired live rounds at worshippers marching after Friday prayers in Zahedan, "
     "killing at least five.", ((A, "Security forces"), (L, "Zahedan"), (C, "at least five")),
     ("Protests", "Excessive force against protesters")),
    ("Left-wing demonstrators attacked police with bottles and fireworks in Leipzig on Sunday.",
     ((A, "Left-wing demonstrators"), (A, "police"), (L, "Leipzig"), (D, "Sunday")),
     ("Riots", "Violent demonstration")),
    ("Residents in Khayelitsha beat two suspected thieves to death on Sunday.",
     ((L, "Khayelitsha"), (C, "two suspected thieves"), (D, "Sunday")), ("Riots", "Mob violence")),
    ("Villagers in San Juan Sacatepequez set alight two men accused of stealing a motorbike on "
     "Thursday.", ((L, "San Juan Sacatepequez"), (C, "two men"), (D, "Thursday")),
     ("Riots", "Mob violence")),
    ("Security operatives picked up four opposition organisers in Kampala on Monday.",
     ((A, "Security operatives"), (C, "four opposition organisers"), (L, "Kampala"),
      (D, "Monday")), ("Strategic developments", "Arrests")),
    ("The Kenyan-led mission set up a forward operating base in Pont-Sonde on Saturday.",
     ((L, "Pont-Sonde"), (D, "Saturday")),
     ("Strategic developments", "Headquarters or base established")),
    ("Israeli settlers uprooted about 200 olive trees in Turmus Ayya on Saturday.",
     ((A, "Israeli settlers"), (L, "Turmus Ayya"), (D, "Saturday")),
     ("Strategic developments", "Looting/property destruction")),
    ("French forces handed over their base in Abeche to the Chadian army on Friday.",
     ((A, "French forces"), (L, "Abeche"), (A, "Chadian army"), (D, "Friday")),
     ("Strategic developments", "Non-violent transfer of territory")),
])
def test_sub_type(text: str, marks: tuple[tuple[str, str], ...],
                  want: tuple[str, str]) -> None:
    assert want in types(text, *marks)


def test_passive_headline_is_an_arrest_not_a_place_taken() -> None:
    """A verb that takes an object has none ("captured alive in"): the people named before it
    were captured, by nobody the headline names; they are no side that took a town."""
    text = "Four PKK terrorists captured alive in Diyarbakir\n\nGendarmerie units held them."
    got = types(text, (C, "Four PKK terrorists"), (L, "Diyarbakir"), (A, "Gendarmerie units"))
    assert ("Strategic developments", "Arrests") in got
    assert not any(sub and "territory" in sub for _, sub in got)


def test_a_town_seized_before_is_no_incident_of_its_own() -> None:
    """"seized by" names who holds the town, not people seized by them; and a town the verb
    describes was taken before the news."""
    text = ("Ten people were killed and six others wounded in a roadside bomb explosion while "
            "fleeing their homes in a town seized by Islamic State militants in Kirkuk.")
    got = types(text, (C, "Ten people"), (C, "six others"), (A, "Islamic State militants"),
                (L, "Kirkuk"))
    assert got == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize(("text", "marks"), [
    # the crowd is where the bomb went off, not who killed
    ("A bomb exploded in a crowd and killed five people in Kano on Monday.",
     ((L, "Kano"), (C, "five people"), (D, "Monday"))),
    # the residents told of it; the gunmen beat them
    ("Residents said gunmen beat two farmers to death in Kaduna on Sunday.",
     ((A, "gunmen"), (C, "two farmers"), (L, "Kaduna"), (D, "Sunday"))),
    # "no arrests": a protest nobody intervened in
    ("Members of the Wet'suwet'en Nation blocked a logging road near Houston on Thursday in "
     "protest against pipeline work; the RCMP said there were no arrests.",
     ((L, "Houston"), (D, "Thursday"), (A, "RCMP"))),
    # a camp for the displaced is no armed group's base
    ("Aid agencies set up a camp for the displaced in Goma on Monday as rebels advanced.",
     ((A, "Aid agencies"), (L, "Goma"), (D, "Monday"), (A, "rebels"))),
])
def test_not_these_sub_types(text: str, marks: tuple[tuple[str, str], ...]) -> None:
    got = types(text, *marks)
    assert ("Riots", "Mob violence") not in got
    assert ("Strategic developments", "Headquarters or base established") not in got
    assert ("Protests", "Protest with intervention") not in got


@pytest.mark.parametrize(("surface", "want"), [
    ("Arakan Army", "rebel group"),  # the group table: no army of a state
    ("Taliban fighters", "rebel group"),
    ("the Tatmadaw", "state forces"),
    ("Mozambican forces", "state forces"),
    ("Mozambican and Rwandan forces", "state forces"),
    ("Malian Armed Forces", "state forces"),  # the services' words between
    ("Mozambican Defence and Security Forces", "state forces"),
    ("Syrian Democratic Forces", "rebel group"),  # the name of a movement
    ("Myanmar National Democratic Alliance Army", "rebel group"),
    ("Hayat Tahrir al-Sham fighters", "rebel group"),  # a known group, then its members' word
    ("New People's Army", "rebel group"),  # the group table, apostrophe and all
    ("People's Liberation Army", "state forces"),
])
def test_actor_types(surface: str, want: str | None) -> None:
    assert canonical_actors(surface)[0].actor_type == want


def test_a_date_run_on_into_other_news_keeps_its_day() -> None:
    """The tagger's "[Monday, days after]" is Monday: the time of other news is cut off."""
    text = ("M23 rebels set up an administrative headquarters in Bunagana on Monday, days after "
            "Congolese troops withdrew.")
    events = read_on(text, (A, "M23 rebels"), (L, "Bunagana"), (D, "Monday, days after"),
                     (A, "Congolese troops"), published=PUBLISHED)
    assert [e.date.date_start for e in events if e.date] == [dt.date(2024, 3, 18)]


@pytest.mark.parametrize("text", [
    "In Goma, a crowd accused a man of theft and beat him to death on Tuesday.",
    "Villagers caught a suspected thief in Kisumu on Tuesday and hacked him to death.",
])
def test_a_person_beaten_to_death_by_a_pronoun_is_dead(text: str) -> None:
    """"beat him to death": the person the pronoun names is killed, as in "shot him dead"."""
    place = "Goma" if "Goma" in text else "Kisumu"
    events = read_on(text, (L, place), (D, "Tuesday"), published=PUBLISHED)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Mob violence", 1)]


def test_an_arrest_over_criticism_of_the_war_is_no_running_total() -> None:
    """"criticising the war" names the war the posts were about, not a war's tally."""
    text = ("Russian police detained a woman in Yekaterinburg on Wednesday over social media posts "
            "criticising the war in Ukraine.")
    events = read_on(text, (A, "Russian police"), (C, "a woman"), (L, "Yekaterinburg"),
                     (D, "Wednesday"), published=PUBLISHED)
    assert [(e.sub_event_type, e.detained, e.cumulative) for e in events] == [
        ("Arrests", 1, False)]
