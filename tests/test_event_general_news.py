"""General news that uses the words of violence for something else: a death with no sign of
violence told by the police, a thing that "was not stormed", a population that "exploded",
drugs the police "seized". Spans are marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_event_reading import A, C, D, L, read

PUBLISHED = dt.date(2020, 7, 10)


@pytest.mark.parametrize(("text", "marks"), [
    ("The city's former mayor was found dead on a hillside, police reported on Friday. "
     "His body was found near a hiking trail.", ((A, "police"), (L, "hiking trail"))),
    ("Only a few hundred people came to the gates, and the base was not stormed.",
     ((L, "the base"),)),
    ("When the otters vanished, the urchin population then exploded across the bay.",
     ((L, "the bay"),)),
    ("Police seized the substance from the playground on Monday.",
     ((A, "Police"), (L, "the playground"))),
])
def test_no_incident_in_general_news(text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative] == []


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("The bodies of three farmers, shot in the head, were found near Tumaco on Friday.",
     ((C, "three farmers"), (L, "Tumaco")), ("Violence against civilians", "Attack", 3)),
    ("Two soldiers were found dead after gunmen attacked their post in Tillaberi.",
     ((C, "Two soldiers"), (A, "gunmen"), (L, "Tillaberi")), ("Battles", "Armed clash", 2)),
    ("Rebels stormed the town of Kitchanga on Sunday.", ((A, "Rebels"), (L, "Kitchanga")),
     ("Battles", "Armed clash", 0)),
    ("A car bomb exploded outside a police station in Mogadishu on Monday.",
     ((L, "Mogadishu"),), ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0)),
])
def test_the_same_words_still_tell_an_incident(text: str, marks: tuple[tuple[str, str], ...],
                                               expected: tuple[str, str, int]) -> None:
    events = [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == [expected]


@pytest.mark.parametrize(("text", "marks"), [
    # accidents: soldiers killed in a crash, a collision, rescuers after a landslide
    ("Nine soldiers were killed when an army helicopter crashed during a training flight in "
     "Meta on Monday.", ((C, "Nine soldiers"), (L, "Meta"), (D, "Monday"))),
    ("Fourteen people were killed when a lorry collided with a minibus near Gairo on Wednesday.",
     ((C, "Fourteen people"), (L, "Gairo"), (D, "Wednesday"))),
    ("Landslides killed eleven people in Taplejung on Wednesday. Soldiers and members of the "
     "Armed Police Force joined the search.",
     ((C, "eleven people"), (L, "Taplejung"), (D, "Wednesday"), (A, "Soldiers"),
      (A, "Armed Police Force"))),
    # a year's figures
    ("Officers recorded 28 shooting incidents and 14 bombing incidents, down from 37 and 19.",
     ((A, "Officers"),)),
    ("Police made 152 arrests under the Terrorism Act during the period.",
     ((A, "Police"), (C, "152 arrests"))),
    # an exercise
    ("Troops staged a live-fire exercise near the border on Thursday, firing artillery and "
     "rockets at mock targets.", ((A, "Troops"), (L, "the border"), (D, "Thursday"))),
    # an inquiry's findings, and the toll told in the next sentence
    ("The commission's report found that officers had fired into a crowd of traders in "
     "Juliaca. Four men, a woman and a girl were killed.",
     ((A, "officers"), (L, "Juliaca"), (C, "Four men, a woman and a girl"))),
    # the old attack a sentence recalls, and its toll in the next
    ("The attack took place in April 2020, when gunmen stormed a police post in Poso. Two "
     "officers were killed and three others were wounded.",
     ((D, "April 2020"), (A, "gunmen"), (L, "Poso"), (C, "Two officers"), (C, "three others"))),
    # the setting of a story: what an army is doing there
    ("The plane was carrying supplies to a base near the border, where the army is fighting "
     "al-Shabaab militants.", ((L, "the border"), (A, "the army"), (A, "al-Shabaab militants"))),
])
def test_no_incident_in_news_of_accidents_figures_and_inquiries(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    published = dt.date(2022, 3, 10)
    assert [e for e in read(text, *marks, published=published) if not e.cumulative] == []


def test_a_headline_in_the_present_tense_kills() -> None:
    (event,) = read("Gunmen kill 19 villagers in Zamfara", (A, "Gunmen"), (C, "19 villagers"),
                    (L, "Zamfara"), published=PUBLISHED)
    assert (event.event_type, event.sub_event_type, event.fatalities) == (
        "Violence against civilians", "Attack", 19)


def test_what_another_source_says_was_done_separately_is_another_incident() -> None:
    events = read("Gunmen killed nine villagers in Maru on Sunday, police said, and the air "
                  "force said it had separately bombed a camp in Tsafe.",
                  (A, "Gunmen"), (C, "nine villagers"), (L, "Maru"), (D, "Sunday"),
                  (A, "police"), (A, "the air force"), (L, "Tsafe"), published=PUBLISHED)
    assert sorted((e.sub_event_type, e.fatalities) for e in events) == [
        ("Air/drone strike", 0), ("Attack", 9)]


def test_a_toll_after_recalled_incidents_stays_with_the_news() -> None:
    text = ("A car bomb hit a base in Maidan Shahr on Monday. Reuters called it the deadliest "
            "since an assault in Ghazni in August 2018.\n\nA spokesman said the attack had "
            "killed twelve and injured twelve more.")
    events = [e for e in read(text, (L, "Maidan Shahr"), (D, "Monday"), (L, "Ghazni"),
                              (D, "August 2018"), (C, "twelve"), (C, "twelve more"),
                              published=dt.date(2019, 1, 24)) if not e.cumulative]
    assert [(e.fatalities, e.injured) for e in events] == [(12, 12)]


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("Angry residents torch a police post in Kebirigo.", ((A, "Angry residents"),
                                                          (L, "Kebirigo")),
     [("Riots", "Violent demonstration", 0)]),
    ("The bombing came as negotiators held talks in Doha on a possible withdrawal of troops.",
     ((L, "Doha"),), []),
])
def test_riots_ages_and_what_may_happen(text: str, marks: tuple[tuple[str, str], ...],
                                        expected: list[tuple[str, str, int]]) -> None:
    events = [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]
    assert [(e.event_type, e.sub_event_type, e.fatalities) for e in events] == expected


def test_an_age_is_no_count() -> None:
    events = read("Gunmen killed eleven people in Ghani Khel on Monday. The dead included three "
                  "police guards and a boy of about twelve.", (A, "Gunmen"), (C, "eleven people"),
                  (L, "Ghani Khel"), (D, "Monday"), (C, "three police guards"),
                  (C, "about twelve"), published=dt.date(2019, 3, 20))
    assert [e.fatalities for e in events if not e.cumulative] == [11]


@pytest.mark.parametrize(("text", "marks"), [
    ("The Constitutional Tribunal strikes down an emergency decree in Apurimac.",
     ((L, "Apurimac"),)),
    ("The family of an activist who died in custody in Cairo demands an autopsy.",
     ((A, "activist"), (L, "Cairo"))),
    ("A cyclist was killed in Lodz on Wednesday after being hit by a car driven by a police "
     "officer.", ((C, "A cyclist"), (L, "Lodz"), (D, "Wednesday"), (A, "police officer"))),
    ("Nine soldiers were killed when a helicopter went down near Anori on Monday.",
     ((C, "Nine soldiers"), (L, "Anori"), (D, "Monday"))),
    ("Parliament removed provisions that would have allowed police to ban demonstrations in "
     "Accra.", ((A, "police"), (L, "Accra"))),
    ("Officials said gangs were increasingly using extortion, kidnapping and contract killings "
     "in Honduras.", ((A, "gangs"), (L, "Honduras"))),
    ("In past years, confrontations between protesters and police in Apurimac have left people "
     "dead.", ((A, "protesters"), (A, "police"), (L, "Apurimac"))),
    ("An explosion at a fireworks warehouse killed nine people in Puebla on Thursday.",
     ((C, "nine people"), (L, "Puebla"), (D, "Thursday"))),
    ("The report said airstrikes had caused civilian casualties in several incidents in "
     "southern Somalia.", ((L, "southern Somalia"),)),
    ("The Iranian navy test-fires cruise missiles in the Gulf of Oman.",
     ((A, "Iranian navy"), (L, "Gulf of Oman"))),
    ("She said her family lived under suspicion in Daejeon because of her brother's execution.",
     ((L, "Daejeon"),)),
    ("Tickets sold out in Belgrade as fans battle for seats.", ((L, "Belgrade"),)),
    ("Niger has been fighting jihadist insurgencies near Mali for a decade.",
     ((A, "Niger"), (L, "Mali"))),
    ("The bombing, in late September 2019, tore through food stalls in Pekanbaru. Six people "
     "died at the scene.", ((D, "late September 2019"), (L, "Pekanbaru"), (C, "Six people"))),
])
def test_no_incident_in_rulings_deaths_in_custody_crashes_drills_and_settings(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    published = dt.date(2022, 9, 8)
    assert [e for e in read(text, *marks, published=published) if not e.cumulative] == []


def test_a_total_of_people_held_is_held_and_the_latest_toll_is_the_toll() -> None:
    (rally,) = read("Police arrested 41 people at a rally in Gokwe on Saturday. A further 17 were "
                    "picked up in nearby streets, bringing the total to 58.",
                    (A, "Police"), (C, "41 people"), (L, "Gokwe"), (D, "Saturday"),
                    (C, "further 17"), (C, "58"), published=dt.date(2019, 11, 25))
    assert (rally.fatalities, rally.detained) == (0, 58)
    (bus,) = read("Gunmen killed eleven people on a bus near Bibi Nani on Monday. Search teams "
                  "found the bodies of two more men on Tuesday. Two of the wounded died in "
                  "hospital on Tuesday night, bringing the toll to eleven.",
                  (A, "Gunmen"), (C, "eleven people"), (L, "Bibi Nani"), (D, "Monday"),
                  (C, "two more men"), (D, "Tuesday"), (C, "Two of the wounded"),
                  (D, "Tuesday night"), (C, "eleven"), published=dt.date(2023, 11, 8))
    assert bus.fatalities == 11


def test_quoted_words_still_tell_the_dead() -> None:
    (event,) = read('Militants attacked an army post in Tingara on Monday; the ministry said '
                    'eight soldiers had been killed and that nineteen "terrorists" had been '
                    '"neutralised".', (A, "Militants"), (L, "Tingara"), (D, "Monday"),
                    (C, "eight soldiers"), (C, 'nineteen "terrorists'), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (27, 0)


def test_a_toll_of_one_side_or_one_that_leaves_the_bomber_out_is_not_the_total() -> None:
    (post,) = read("Militants attacked a police checkpoint in Lakki Marwat on Tuesday, killing "
                   "four policemen. Three of the attackers were killed in the gunfight. One of the "
                   "wounded constables died on Wednesday, raising the police death toll to five.",
                   (A, "Militants"), (L, "Lakki Marwat"), (D, "Tuesday"), (C, "four policemen"),
                   (C, "Three of the attackers"), (C, "One of the wounded constables"),
                   (D, "Wednesday"), (C, "five"), published=dt.date(2024, 10, 23))
    assert post.fatalities == 8
    (bomb,) = read("A suicide bomber blew himself up at a compound in Ghani Khel on Monday, "
                   "killing eleven people. By Wednesday the toll had risen to eleven, not "
                   "counting the bomber.", (L, "Ghani Khel"), (D, "Monday"),
                   (C, "eleven people"), (D, "Wednesday"), (C, "eleven"),
                   published=dt.date(2019, 3, 20))
    assert bomb.fatalities == 12


@pytest.mark.parametrize(("text", "marks"), [
    ("An apartment building collapses after a gas explosion in Magnitogorsk, killing six.",
     ((L, "Magnitogorsk"), (C, "six"))),
    ("A bus carrying children overturns near Babynino; seven die. Police detained the driver "
     "for questioning.", ((L, "Babynino"), (C, "seven"), (A, "Police"))),
    ("A World War II-era bomber crashed at an airport in Windsor Locks, killing seven people.",
     ((L, "Windsor Locks"), (C, "seven people"))),
    ("Water bombing by aircraft was not allowed over the cathedral in Paris.", ((L, "Paris"),)),
    ("Republican representatives attacked the impeachment inquiry in Washington.",
     ((A, "Republican representatives"), (L, "Washington"))),
    ("Officials in Kerala arrested a man in connection with the death of a pregnant elephant.",
     ((A, "Officials"), (L, "Kerala"), (C, "a man"))),
])
def test_no_incident_in_the_judged_kinds_of_general_news(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative] == []


@pytest.mark.parametrize(("text", "marks"), [
    ("Finland shot down Sweden 4-1 in Helsinki on Sunday to win the Karjala Cup.",
     ((L, "Helsinki"), (D, "Sunday"))),
    ("Rangers stormed to a 4-0 win over Motherwell at Ibrox on Saturday.",
     ((A, "Rangers"), (L, "Ibrox"), (D, "Saturday"))),
    ("Fiji edge Samoa in bruising battle in Suva", ((L, "Suva"),)),
    ("North Korea fired a short-range ballistic missile into the sea on Thursday, its first "
     "such test in a year.", ((A, "North Korea"), (D, "Thursday"))),
    ("Two aid workers held hostage in the Sahel were freed on Wednesday following negotiations "
     "in Niamey.", ((C, "Two aid workers"), (D, "Wednesday"), (L, "Niamey"))),
    ("Opposition parties in Lisbon attacked the package as an assault on property rights.",
     ((A, "Opposition parties"), (L, "Lisbon"))),
    ("A shark attacked a swimmer off Dahab on Tuesday.", ((L, "Dahab"), (D, "Tuesday"))),
    ("A bear attacked four people in a town in Akita on Thursday.",
     ((C, "four people"), (L, "Akita"), (D, "Thursday"))),
    ("A tiger killed a woman collecting leaves in Chandrapur on Monday.",
     ((C, "a woman"), (L, "Chandrapur"), (D, "Monday"))),
    ("Nine soldiers were killed when an army truck plunges off a mountain road in Potosi.",
     ((C, "Nine soldiers"), (L, "Potosi"))),
    ("A military transport plane crash-landed near Shymkent, killing two crew members; there "
     "was no sign of an attack or sabotage.", ((L, "Shymkent"), (C, "two crew members"))),
    ("A household gas explosion destroyed an apartment building in Chelyabinsk, killing six "
     "people.", ((L, "Chelyabinsk"), (C, "six people"))),
    ("An earthquake killed four people in San Marcos; two more were killed by a landslide.",
     ((C, "four people"), (L, "San Marcos"), (C, "two more"))),
    ("Soldiers were deployed to Lusaka as cholera kills 12.",
     ((A, "Soldiers"), (L, "Lusaka"), (C, "12"))),
    ("Soldiers were deployed to help battle a wildfire near Burns Lake on Wednesday.",
     ((A, "Soldiers"), (L, "Burns Lake"), (D, "Wednesday"))),
    ("Poland ordered 48 howitzers that will equip two new artillery battalions.",
     ((A, "Poland"),)),
    ("Special forces staged a mock hostage rescue and demonstrated close-quarters combat "
     "techniques at a military parade in Jakarta.", ((A, "Special forces"), (L, "Jakarta"))),
    ("Two masked men armed with a handgun robbed a bank in Malmo on Tuesday; one fired a shot "
     "into the ceiling.", ((C, "Two masked men"), (L, "Malmo"), (D, "Tuesday"))),
    ("Police arrested three men in Singapore suspected of running an investment scam.",
     ((A, "Police"), (C, "three men"), (L, "Singapore"))),
    ("The UAE's Mars probe blasts off from Tanegashima.", ((L, "Tanegashima"),)),
    ("Health workers were handing out chlorine to households in Lusaka.", ((L, "Lusaka"),)),
    ("Landmines killed 19 people in Cambodia last year, an agency says.",
     ((C, "19 people"), (L, "Cambodia"))),
])
def test_no_incident_in_sport_disasters_disease_animals_crime_and_defence_news(
        text: str, marks: tuple[tuple[str, str], ...]) -> None:
    assert [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative] == []


@pytest.mark.parametrize(("text", "marks", "expected"), [
    ("Hostages were freed on Sunday in a raid on a camp in Zamfara in which two kidnappers were "
     "killed.", ((D, "Sunday"), (L, "Zamfara"), (C, "two kidnappers")), 2),
    ("Thousands demonstrated against the government in Harare on Sunday.",
     ((A, "Thousands"), (L, "Harare"), (D, "Sunday")), 0),
])
def test_the_same_words_in_real_incidents(text: str, marks: tuple[tuple[str, str], ...],
                                          expected: int) -> None:
    events = [e for e in read(text, *marks, published=PUBLISHED) if not e.cumulative]
    assert [e.fatalities for e in events] == [expected]
