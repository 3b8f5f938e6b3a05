"""Tolls told in several places and by side, people named rather than counted, attackers who
died, arrests in the words of South Asian releases, clock times in capitals, transcripts whose
dateline follows a "[TEXT]" tag, and sentences that say they tell another incident. Spans are
marked by hand, so these test the reader alone."""

from __future__ import annotations

import datetime as dt

from model.events.assembly import extract_events
from model.events.datelines import dateline_end, dateline_place
from tests.test_event_reading import A, C, D, L, read, spans_in

PUBLISHED = dt.date(2024, 7, 22)  # a Monday


def test_a_victim_named_with_a_title_in_capitals_counts_one() -> None:
    text = ("SAN PEDRO SULA, 26 JAN 88 (RADIO NORTE) -- [TEXT] BANANA WORKERS' UNION LEADER "
            "CRISTOBAL ERAZO MEJIA WAS MURDERED THIS MORNING IN LA LIMA, CORTES DEPARTMENT, BY "
            "MEN TRAVELING IN A CAR.")
    (event,) = read(text, (L, "SAN PEDRO SULA"), (A, "CRISTOBAL ERAZO MEJIA"),
                    (D, "THIS MORNING"), (L, "CORTES DEPARTMENT"),
                    published=dt.date(1988, 1, 26))
    assert event.fatalities == 1


def test_a_party_senator_kidnapped_is_one_detained() -> None:
    (event,) = read("VALLEDUPAR, 9 MAR 88 (RADIO CARIBE) -- [TEXT] LIBERAL PARTY SENATOR JOSE "
                    "ANTONIO MEJIA RUEDA WAS KIDNAPPED LAST NIGHT IN CESAR DEPARTMENT.",
                    (L, "VALLEDUPAR"), (A, "JOSE ANTONIO MEJIA RUEDA"), (D, "LAST NIGHT"),
                    (L, "CESAR DEPARTMENT"), published=dt.date(1988, 3, 9))
    assert event.detained == 1


def test_a_child_among_the_dead_and_a_driver_treated_for_injuries() -> None:
    (event,) = read("Four villagers, among them a 12-year-old boy, were killed when their tractor "
                    "struck a landmine near Namtu on Sunday. The tractor's driver was being "
                    "treated for leg injuries.", (C, "Four villagers"), (C, "12-year-old boy"),
                    (L, "Namtu"), (D, "Sunday"), published=PUBLISHED)
    assert (event.fatalities, event.injured) == (4, 1)


def test_an_attacker_killed_is_added_to_a_later_toll_of_soldiers() -> None:
    text = ("AT LEAST FOUR SOLDIERS WERE KILLED AND SIX WOUNDED WHEN GUERRILLAS AMBUSHED AN ARMY "
            "PATROL LATE TUESDAY NEAR LAS BARRANCAS. ONE OF THE ATTACKERS WAS KILLED WHEN THE "
            "TROOPS RETURNED FIRE. THE DEFENSE MINISTRY THIS AFTERNOON RAISED THE TOLL TO SIX "
            "SOLDIERS DEAD, AFTER TWO OF THE WOUNDED DIED.")
    # the tagger cut "ONE OF THE ATTACKERS" in two, and "FOUR OF THEM" below after "OF"
    (event,) = read(text, (C, "AT LEAST FOUR SOLDIERS"), (C, "SIX WOUNDED"),
                    (D, "LATE TUESDAY"), (L, "LAS BARRANCAS"), (C, "ONE OF"), (C, "ATTACKERS"),
                    (D, "THIS AFTERNOON"), (C, "SIX SOLDIERS"),
                    published=dt.date(1991, 8, 15))
    assert event.fatalities == 7


def test_one_sides_losses_raised_keep_the_other_sides_dead() -> None:
    text = ("FIVE SOLDIERS AND AT LEAST 12 TERRORISTS WERE KILLED IN HEAVY FIGHTING YESTERDAY "
            "NEAR SAN JOSE LAS FLORES, CHALATENANGO DEPARTMENT. IN A SECOND COMMUNIQUE, COPREFA "
            "RAISED THE ARMY'S LOSSES TO SEVEN DEAD AND 11 WOUNDED, ALL OF WHOM WERE EVACUATED "
            "BY HELICOPTER TO SAN SALVADOR.")
    (event,) = read(text, (C, "FIVE SOLDIERS"), (C, "AT LEAST 12 TERRORISTS"),
                    (D, "YESTERDAY"), (L, "SAN JOSE LAS FLORES"), (L, "CHALATENANGO DEPARTMENT"),
                    (C, "SEVEN DEAD"), (C, "11"), (L, "SAN SALVADOR"),
                    published=dt.date(1989, 5, 22))
    assert (event.fatalities, event.injured) == (19, 11)


def test_the_wounded_counted_again_in_part_after_a_cut_partitive() -> None:
    text = ("A CARABINERO AND A PASSERBY WERE KILLED AND NINE PEOPLE WERE WOUNDED, FOUR OF THEM "
            "SERIOUSLY, WHEN A CAR BOMB EXPLODED AT 1940 LAST NIGHT IN SANTIAGO.")
    (event,) = read(text, (C, "A CARABINERO AND A PASSERBY"), (C, "NINE PEOPLE"),
                    (C, "FOUR OF"), (D, "1940"), (D, "LAST NIGHT"), (L, "SANTIAGO"),
                    published=dt.date(1987, 11, 19))
    assert (event.fatalities, event.injured) == (2, 9)
    assert event.date.date_start == dt.date(1987, 11, 18)  # 1940 is the time, not the year


def test_a_suicide_bomber_who_blew_himself_up_is_among_the_dead() -> None:
    (event,) = read("A suicide bomber blew himself up at a checkpoint in Mogadishu on Monday, "
                    "killing two soldiers.", (A, "suicide bomber"), (L, "Mogadishu"),
                    (D, "Monday"), (C, "two soldiers"), published=PUBLISHED)
    assert event.fatalities == 3
    (event,) = read("At least seven people were killed after a suicide bomber blew himself up at "
                    "a funeral in Nazran on Monday.", (C, "At least seven people"),
                    (L, "Nazran"), (D, "Monday"), published=PUBLISHED)
    assert event.fatalities == 7  # the toll told first: whether it counts him is unsaid


def test_killing_himself_and_others() -> None:
    (event,) = read("A suicide bomber blew himself up outside a training centre in Kabul on "
                    "Thursday, killing himself and five others and wounding 14.",
                    (L, "Kabul"), (D, "Thursday"), (C, "five others"), (C, "14"),
                    published=PUBLISHED)
    assert (event.fatalities, event.injured) == (6, 14)


def test_a_gunman_shot_dead_after_his_attack() -> None:
    (event,) = read("A gunman killed five people at a mosque in Kano on Friday before he was shot "
                    "dead by police.", (A, "gunman"), (C, "five people"), (L, "Kano"),
                    (D, "Friday"), (A, "police"), published=PUBLISHED)
    assert event.fatalities == 6
    (event,) = read("A policeman was wounded in Kano on Friday. He was killed by a second bomb.",
                    (C, "A policeman"), (L, "Kano"), (D, "Friday"), published=PUBLISHED)
    assert event.fatalities <= 1  # "He" is the policeman counted already


def test_apprehended_suspects_are_detained() -> None:
    (event,) = read("Security forces apprehended four suspected terrorists near Shabqadar, "
                    "Charsadda District, on Friday night.", (A, "Security forces"),
                    (C, "four suspected terrorists"), (L, "Shabqadar"), (L, "Charsadda District"),
                    (D, "Friday night"), published=PUBLISHED)
    assert (event.sub_event_type, event.detained) == ("Arrests", 4)


def test_bodies_found_the_next_day_and_a_total_brought_up() -> None:
    text = ("NINETEEN PEASANTS WERE MASSACRED LATE SATURDAY IN THE VILLAGE OF CHIXOCOL, QUICHE "
            "DEPARTMENT. FIREMEN WHO REACHED THE VILLAGE YESTERDAY MORNING SAID THEY FOUND THE "
            "BODIES OF AT LEAST 15 PEOPLE. FOUR MORE BODIES WERE LATER FOUND IN A CORNFIELD, "
            "BRINGING THE TOTAL TO 19.")
    (event,) = read(text, (C, "NINETEEN PEASANTS"), (D, "LATE SATURDAY"), (L, "CHIXOCOL"),
                    (L, "QUICHE DEPARTMENT"), (D, "YESTERDAY MORNING"),
                    (C, "AT LEAST 15 PEOPLE"), (C, "FOUR MORE"), published=dt.date(1988, 9, 12))
    assert event.fatalities == 19
    assert event.date.date_start == dt.date(1988, 9, 10)


def test_the_people_held_named_again_are_no_more() -> None:
    text = ("GUERRILLAS YESTERDAY KIDNAPPED THREE ENGINEERS NEAR SARAVENA, ARAUCA. THE KIDNAPPED "
            "MEN WERE IDENTIFIED AS CARLOS RESTREPO, A COLOMBIAN, AND TWO FOREIGNERS. THE ELN, "
            "WHICH HAS REPEATEDLY BOMBED THE PIPELINE, DEMANDS THAT OIL COMPANIES LEAVE.")
    events = read(text, (D, "YESTERDAY"), (C, "THREE ENGINEERS"), (L, "SARAVENA"),
                  (L, "ARAUCA"), (A, "CARLOS RESTREPO"), (C, "TWO"), (A, "ELN"),
                  published=dt.date(1986, 10, 9))
    assert [(e.sub_event_type, e.detained) for e in events] == [
        ("Abduction/forced disappearance", 3)]


def test_a_separate_incident_and_a_toll_told_on_another_day() -> None:
    text = ("Artillery shells slammed into a market in Omdurman on Wednesday, killing 15 people "
            "and wounding 40. The health ministry on Thursday put the toll at 19 dead and 43 "
            "wounded in the Khartoum area. Separately, two soldiers were killed when their "
            "vehicle struck a landmine in Omdurman on Wednesday.")
    events = read(text, (L, "Omdurman"), (D, "Wednesday"), (C, "15 people"), (C, "40"),
                  (D, "Thursday"), (C, "19"), (C, "43"), (L, "Khartoum"), (C, "two soldiers"),
                  (L, "Omdurman"), (D, "Wednesday"), published=dt.date(2024, 6, 6))
    assert [(e.fatalities, e.injured) for e in events] == [(19, 43), (2, 0)]


def test_a_border_named_does_not_split_an_incident() -> None:
    text = ("Jihadist fighters attacked a military camp in central Mali on Wednesday, killing "
            "nine soldiers. The assault on the camp at Boulkessi, near the border with Burkina "
            "Faso, began at dawn. Fifteen soldiers were wounded.")
    events = read(text, (A, "Jihadist fighters"), (L, "Mali"), (D, "Wednesday"),
                  (C, "nine soldiers"), (L, "Boulkessi"), (L, "Burkina Faso"),
                  (C, "Fifteen soldiers"), published=dt.date(2022, 9, 8))
    assert [(e.fatalities, e.injured) for e in events] == [(9, 15)]


def test_a_dateline_after_a_transcript_tag() -> None:
    text = ("[TEXT] DAVAO CITY, 15 JAN 86 (SOUTHERN ISLES RADIO) -- A VILLAGE CHIEF WAS SHOT "
            "DEAD IN THIS CITY, POLICE SAID TODAY.")
    start, end = dateline_place(text)
    assert text[start:end] == "DAVAO CITY"
    assert text[dateline_end(text):].startswith(" -- A VILLAGE") or text[
        dateline_end(text):].lstrip(" -").startswith("A VILLAGE")
    events = extract_events(text, spans_in(text, (L, "DAVAO CITY"), (D, "15 JAN 86"),
                                           (D, "TODAY")), published=dt.date(1986, 1, 15))
    assert [e.date.date_start for e in events] == [dt.date(1986, 1, 15)]


def test_what_a_group_has_repeatedly_done_is_no_incident() -> None:
    assert read("The men, who had been fighting government forces in Herat for several years, "
                "received certificates on Monday.", (L, "Herat"), (D, "Monday"),
                published=PUBLISHED) == []
    assert read("THE ELN, WHICH HAS REPEATEDLY BOMBED THE PIPELINE IN ARAUCA, DEMANDS THAT OIL "
                "COMPANIES LEAVE.", (A, "ELN"), (L, "ARAUCA"), published=PUBLISHED) == []


def test_a_monthly_summary_and_its_heaviest_fighting_are_running_totals() -> None:
    text = ("THE ARMED FORCES SAID TODAY THAT 156 REBELS AND 61 SOLDIERS WERE KILLED IN CLASHES "
            "DURING THE MONTH OF NOVEMBER. THE SPOKESMAN SAID THE HEAVIEST FIGHTING TOOK PLACE "
            "IN THE BICOL REGION AND SAMAR.")
    events = read(text, (D, "TODAY"), (C, "156 REBELS"), (C, "61 SOLDIERS"),
                  (L, "BICOL REGION"), (L, "SAMAR"), published=dt.date(1987, 12, 2))
    assert events == []


def test_counts_of_attacks_and_rates_are_no_people() -> None:
    text = ("THERE WERE 2,010 ATTACKS AGAINST PUBLIC AND PRIVATE PROPERTY IN PERU LAST YEAR. "
            "Official figures showed a rate of 23 murders per 100,000 inhabitants in Guerrero.")
    events = extract_events(text, spans_in(text, (C, "2,010"), (L, "PERU"), (D, "LAST YEAR"),
                                           (C, "23"), (L, "Guerrero")), published=PUBLISHED,
                            keep_excluded=True)
    assert all(e.fatalities == 0 and e.detained == 0 for e in events)


def test_a_ceasefire_not_to_be_signed_is_no_agreement() -> None:
    assert read("A rebel spokesman said the insurgents will not sign a ceasefire before the talks "
                "in Mexico City end.", (L, "Mexico City"), published=PUBLISHED) == []


def test_soldiers_named_before_they_embraced_shahadat() -> None:
    text = ("Troops killed four terrorists in an exchange of fire in Lakki Marwat District on "
            "Thursday. During the exchange of fire, Sepoy Naveed Akhtar (age 24 years, resident "
            "of District Karak) and Lance Naik Shahid Khan (age 29 years, resident of District "
            "Bannu), having fought gallantly, embraced shahadat.")
    (event,) = read(text, (A, "Troops"), (C, "four terrorists"), (L, "Lakki Marwat District"),
                    (D, "Thursday"), (L, "District Karak"), (L, "District Bannu"),
                    published=PUBLISHED)
    assert event.fatalities == 6


def test_a_countrys_forces_place_a_county_of_that_country() -> None:
    text = ("KENYA DEFENCE FORCES\n\nSoldiers yesterday repulsed an attack by al-Shabaab militants "
            "on their base at Baure, Lamu County, killing five militants.")
    (event,) = read(text, (A, "KENYA DEFENCE FORCES"), (D, "yesterday"),
                    (A, "al-Shabaab militants"), (L, "Baure"), (L, "Lamu County"),
                    (C, "five militants"), published=PUBLISHED)
    assert (event.locations[0].country_code, event.locations[0].admin1) == ("KE", "Lamu")


def test_a_police_station_stormed_with_a_toll_raised_later() -> None:
    text = ("Militants stormed a police station in Dera Ismail Khan district late Thursday, "
            "killing six policemen before four of the attackers were shot dead. Two of the "
            "wounded officers died in hospital early on Friday, raising the police death toll "
            "to eight.")
    (event,) = read(text, (A, "Militants"), (L, "Dera Ismail Khan district"),
                    (D, "late Thursday"), (C, "six policemen"), (C, "four of the attackers"),
                    (C, "Two of the wounded officers"), (D, "Friday"), (C, "eight"),
                    published=dt.date(2023, 10, 27))
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 12)


def test_planning_to_carry_out_attacks_is_no_attack() -> None:
    (event,) = read("Commandos arrested two facilitators in Sabari district of Khost province on "
                    "Tuesday. The men sheltered fighters who came to carry out attacks on Afghan "
                    "forces.", (A, "Commandos"), (C, "two facilitators"), (L, "Sabari district"),
                    (L, "Khost province"), (D, "Tuesday"), published=PUBLISHED)
    assert (event.sub_event_type, event.detained) == ("Arrests", 2)


def test_one_district_named_abroad_does_not_outvote_the_articles_country() -> None:
    text = ("Al Shabaab militants attacked an army base in the central Hiiraan region on "
            "Saturday. Hundreds of fighters assaulted the base outside the town of Moqokori in "
            "Mahas district. Fifteen soldiers were taken to hospital in Beledweyne. In June a "
            "bombing in Mogadishu killed nine people in Somalia.")
    events = read(text, (A, "Al Shabaab militants"), (L, "Hiiraan"), (D, "Saturday"),
                  (L, "Moqokori"), (L, "Mahas district"), (C, "Fifteen soldiers"),
                  (L, "Beledweyne"), (D, "June"), (L, "Mogadishu"), (C, "nine people"),
                  (L, "Somalia"), published=dt.date(2024, 9, 8))
    assert {loc.country_code for e in events for loc in e.locations} <= {"SO", None}


def test_troops_neutralise_terrorists_of_a_group_with_a_slash() -> None:
    (event,) = read("Troops on Friday neutralised six Boko Haram/ISWAP terrorists at Ngoshe in "
                    "Gwoza Local Government Area of Borno State.", (A, "Troops"), (D, "Friday"),
                    (L, "Ngoshe"), (L, "Borno State"), published=PUBLISHED)
    assert event.fatalities == 6


def test_a_truck_that_ran_over_a_mine_told_in_a_broadcasts_report() -> None:
    text = ("[EDITORIAL REPORT] RADIO PLANALTO IN PORTUGUESE AT 1900 GMT ON 9 AUGUST 1994 CARRIES "
            "A REPORT ON A MINE EXPLOSION IN BIE PROVINCE.\n\n[TEXT] NINE PEOPLE DIED AND FOURTEEN "
            "OTHERS WERE INJURED ON SATURDAY WHEN A TRUCK RAN OVER AN ANTI-TANK MINE ON THE ROAD "
            "BETWEEN KUITO AND CAMACUPA.")
    (event,) = read(text, (D, "1900"), (D, "9 AUGUST 1994"), (L, "BIE PROVINCE"),
                    (C, "NINE PEOPLE"), (C, "FOURTEEN OTHERS"), (D, "SATURDAY"), (L, "KUITO"),
                    (L, "CAMACUPA"), published=dt.date(1994, 8, 9))
    assert (event.sub_event_type, event.fatalities, event.injured) == (
        "Remote explosive/landmine/IED", 9, 14)
    assert event.date.date_start == dt.date(1994, 8, 6)


def test_attackers_armed_with_rifles_and_machetes_are_not_the_dead() -> None:
    (event,) = read("A COLUMN OF SOME 40 TERRORISTS ARMED WITH RIFLES AND MACHETES KILLED FOURTEEN "
                    "PEASANTS IN CCOCHAPAMPA ON SUNDAY NIGHT.", (C, "40 TERRORISTS"),
                    (C, "FOURTEEN PEASANTS"), (L, "CCOCHAPAMPA"), (D, "SUNDAY NIGHT"),
                    published=dt.date(1989, 3, 14))
    assert event.fatalities == 14


def test_a_funeral_or_a_visit_weeks_after_an_attack_is_no_news() -> None:
    text = ("Mourners bury victims of last week's raid\n"
            "MORA, Cameroon (Newswire) - Hundreds of mourners gathered in Mora on Saturday to bury "
            "nine villagers killed in a Boko Haram raid last week. The victims were killed when "
            "militants attacked the village of Djibrilli on the night of Oct. 4.")
    assert read(text, (L, "MORA"), (L, "Cameroon"), (L, "Mora"), (D, "Saturday"),
                (C, "nine villagers"), (A, "Boko Haram"), (D, "last week"), (L, "Djibrilli"),
                (D, "night of Oct. 4"), published=dt.date(2024, 10, 12)) == []
    text = ("Minister visits base where 23 soldiers died\n"
            "N'DJAMENA, Feb 18 (Newswire) - Chad's defence minister on Tuesday visited an army "
            "base in Lac province where 23 soldiers were killed in a Boko Haram attack three weeks "
            "ago. Militants overran part of the camp on the night of Jan. 27.")
    assert read(text, (L, "N'DJAMENA"), (D, "Tuesday"), (L, "Lac province"), (C, "23 soldiers"),
                (A, "Boko Haram"), (D, "three weeks ago"), (D, "night of Jan. 27"),
                published=dt.date(2025, 2, 18)) == []


def test_where_people_were_going_is_not_where_it_happened() -> None:
    text = ("Six policemen were killed when guerrillas ambushed their jeep yesterday in Kapalong, "
            "Davao del Norte. The victims were on their way to the provincial capital of Tagum "
            "when the rebels opened fire. The policemen fired back, killing two of the attackers.")
    (event,) = read(text, (C, "Six policemen"), (D, "yesterday"), (L, "Kapalong"),
                    (L, "Davao del Norte"), (L, "Tagum"), (C, "two of the attackers"),
                    published=dt.date(1987, 8, 17))
    assert event.fatalities == 8
    assert "Tagum" not in [loc.text for loc in event.locations]
    (event,) = read("Four rockets were fired from Egypt towards Eilat on Monday.", (L, "Egypt"),
                    (L, "Eilat"), (D, "Monday"), published=PUBLISHED)
    assert event.locations[0].text == "Eilat"  # the target, not where they came from


def test_a_units_number_and_a_possible_attack() -> None:
    (event,) = read("Baramulla Police along with 29 RR apprehended two terrorist associates in "
                    "Baramulla district yesterday.", (A, "Baramulla Police"), (C, "29"),
                    (C, "two terrorist associates"), (L, "Baramulla district"),
                    (D, "yesterday"), published=PUBLISHED)
    assert event.detained == 2
    (event,) = read("Two BSF members were killed in an ambush in Kanker district on Monday.",
                    (C, "Two BSF members"), (L, "Kanker district"), (D, "Monday"),
                    published=PUBLISHED)
    assert event.fatalities == 2
    assert read("Security has been enhanced in Lamu County following reports of a possible "
                "attack by al-Shabaab.", (L, "Lamu County"), (A, "al-Shabaab"),
                published=PUBLISHED) == []


def test_a_person_described_and_his_driver_were_kidnapped() -> None:
    (event,) = read("An agronomist of a crop substitution project and his driver, who were "
                    "kidnapped last Thursday in the Chapare region, have been freed.",
                    (D, "last Thursday"), (L, "Chapare region"), published=PUBLISHED)
    assert event.detained == 2


def test_women_rescued_from_their_abductors_are_no_abduction() -> None:
    (event,) = read("Troops on Tuesday neutralised 12 Boko Haram terrorists and rescued seven "
                    "abducted women during an encounter along the Damboa-Biu road in Borno "
                    "State.", (A, "Troops"), (D, "Tuesday"), (C, "12 Boko Haram terrorists"),
                    (L, "Damboa-Biu road"), (L, "Borno State"), published=PUBLISHED)
    assert (event.sub_event_type, event.fatalities, event.detained) == ("Armed clash", 12, 0)


def test_residents_killed_and_attackers_killed_fighting_back() -> None:
    text = ("Gang members stormed the town of Cabaret late on Monday, killing at least 12 people "
            "and setting dozens of homes ablaze. Residents fought back and killed two of the "
            "attackers. On Wednesday a rights group said the number of residents killed had "
            "risen to 16.")
    (event,) = read(text, (A, "Gang members"), (L, "Cabaret"), (D, "late on Monday"),
                    (C, "at least 12 people"), (C, "dozens"), (C, "two of the attackers"),
                    (D, "Wednesday"), (C, "16"), published=dt.date(2025, 1, 22))
    assert event.fatalities == 18


def test_kinds_of_harm_named_and_a_years_tally_are_no_incident() -> None:
    assert read("Pro-government forces were blamed for about 18 percent of the casualties in "
                "Parwan, largely from air strikes and search operations.", (L, "Parwan"),
                published=PUBLISHED) == []
    assert read("Tinkara in Mopti saw one of the deadliest attacks of the conflict.",
                (L, "Tinkara"), (L, "Mopti"), published=PUBLISHED) == []
    assert read("Militant attacks in Pakistan killed 1,524 people in 2023, a think tank said on "
                "Tuesday. Suicide bombings alone killed 329 people, it said.", (L, "Pakistan"),
                (C, "1,524 people"), (D, "2023"), (D, "Tuesday"), (C, "329 people"),
                published=dt.date(2024, 1, 2)) == []


def test_an_incident_dated_next_week_has_not_happened() -> None:
    # no word of intent here: the date alone says it is still to come
    assert read("Police and militants clash in Srinagar next week.", (A, "Police"),
                (L, "Srinagar"), (D, "next week"), published=PUBLISHED) == []
    (event,) = read("Police and militants clashed in Srinagar last week.", (A, "Police"),
                    (L, "Srinagar"), (D, "last week"), published=PUBLISHED)
    assert event.excluded is None


def test_a_claim_said_to_be_unverified_and_men_who_arrived_are_no_counts() -> None:
    text = ("Militants attacked an army camp in Ansongo on Thursday, killing 10 soldiers. An "
            "Islamic State group claimed the attack on Friday, saying its fighters had killed 30 "
            "soldiers. The claim could not be independently verified.")
    events = read(text, (A, "Militants"), (L, "Ansongo"), (D, "Thursday"), (C, "10 soldiers"),
                  (D, "Friday"), (C, "30 soldiers"), published=dt.date(2024, 4, 26))
    assert max(e.fatalities for e in events) == 10
    (event,) = read("Relatives said about 20 men arrived in two trucks in Santa Elena on Wednesday "
                    "and took away seven peasants.", (C, "about 20 men"), (L, "Santa Elena"),
                    (D, "Wednesday"), (C, "seven peasants"), published=PUBLISHED)
    assert event.detained == 7


def test_people_taken_prisoner_into_the_forest_or_captured_alive_are_held() -> None:
    (event,) = read("WE AMBUSHED AN ARMY PATROL NEAR ARCATAO ON SUNDAY AND TOOK TWO SOLDIERS "
                    "PRISONER.", (L, "ARCATAO"), (D, "SUNDAY"), (C, "TWO SOLDIERS"),
                    published=dt.date(1985, 3, 5))
    assert event.detained == 2
    (event,) = read("Rebels attacked Kighuli on Saturday, and at least 20 people, most of them "
                    "young men, were taken into the forest by the attackers.", (A, "Rebels"),
                    (L, "Kighuli"), (D, "Saturday"), published=PUBLISHED)
    assert event.detained == 20
    (event,) = read("Security forces killed five militants in Bannu on Tuesday and captured the "
                    "other two alive.", (A, "Security forces"), (C, "five militants"),
                    (L, "Bannu"), (D, "Tuesday"), (C, "other two alive"), published=PUBLISHED)
    assert (event.fatalities, event.detained) == (5, 2)
