"""CASUALTY spans -> ``{kind, min, max, approx, qualifier}``.

Quantities (no number library reads "dozens" the ACLED way, so this is written here):

- digits (``300,000``, ``1.5 million``) and number words (``seven``, ``twenty-five``,
  ``two hundred``, ``a dozen`` = 12, ``three million``);
- ACLED's conservative reading of vague plurals: one of the unit, ``approx``:
  ``tens`` 10, ``dozens`` 12, ``scores`` 20, ``hundreds`` 100, ``thousands`` 1,000,
  ``tens of thousands`` 10,000, ``hundreds of thousands`` 100,000;
- counts without a number follow ``VAGUE_COUNTS``, the one rule that coders follow too:
  ``a few`` 3; ``several``, ``a number of``, ``some``, ``many``, ``multiple``, ``numerous`` 10;
  a plural noun alone (``civilians``) ``PLURAL_COUNT``; all ``approx``;
- ``at least N`` / ``no fewer than N``: ``min`` N. ``over N`` / ``more than N``: ``min`` N + 1
  (strictly more: "over 450" has ``min`` 451), ``max`` open.
- ``nearly N`` / ``almost N`` / ``fewer than N``: ``max`` N - 1, ``min`` open, ``approx``;
  ``up to N`` / ``as many as N``: ``max`` N. ``about N`` / ``some N``: ``min = max = N``, approx.
- ``between N and M`` / ``N-M`` / ``N to M``: ``min`` N, ``max`` M.

``conservative_count`` is what fatalities add up: ``min``, else ``max``, else 0.
Kind is read from the span's own words (``deaths``, ``injuries``, ``casualties``), else from the
nearest cue in its sentence (``were killed``, ``killing``, ``The dead include``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.types import CasualtyKind

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "both": 2,
}
_SCALES = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000,
           "billion": 1_000_000_000}
# The one rule for counts written without a number, for coders (annotations/GUIDELINES.md,
# "Counts") and for the reader alike. tens/dozens/scores/hundreds/thousands: ACLED's published
# rule; "a few" 3; the words for an unknown plural 10 (ACLED's code for an unknown plural);
# a plural noun alone ("civilians were killed") PLURAL_COUNT; a singular alone 1.
VAGUE_COUNTS: dict[str, int] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "millions": 1_000_000,
    "a few": 3, "few": 3,
    "several": 10, "a number of": 10, "number of": 10, "some": 10, "many": 10,
    "numerous": 10, "multiple": 10,
}
PLURAL_COUNT = 10
# Number words, and the figures releases repeat after them in brackets ("twenty-four (24)
# terrorists", "four (4) others"): shared with the span cuts and the casualty finder.
NUMBER_WORDS = "|".join(sorted((w for w in (*_UNITS, *_SCALES) if len(w) > 2 and w != "both"),
                               key=len, reverse=True))
REPEATED_FIGURES = r"\(\d[\d,]*\)"
_COLLECTIVE = re.compile(r"^(?:an?\s+)?(?:group|total|team|band|unit|family|party) of\s+(?=\S)")
_AGE = re.compile(r"^-?\s*(?:years?|months?|weeks?|days?)[- ]old\b")
SINGULAR = "singular"  # the qualifier of one person named without a number ("the guard")
PLURAL = "plural"  # the qualifier of a plural noun alone ("civilians"), counted PLURAL_COUNT
# "Mullah Abdul, a senior Taliban leader", "Ananta Bijoy Das, 30, a blogger", "COMPANERO ISMAEL,
# A PLATOON CHIEF"
_APPOSED = re.compile(
    r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}(?:,\s+\d{1,3})?,\s+(?i:a|an|the)\s+[^,]+$")
_COORDINATION = re.compile(r"\s*(?<!\d),(?!\d)\s*(?:and\s+)?|\s+and\s+", re.I)  # not "250,000"
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "da",
                             "la", "le", "du", "of", "the"})
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|an|bin|ibn|abu)-", re.I)
_MAX_NAME_WORDS = 6
# A singular noun for a person, the last word of a span without a number ("the guard").
_PERSON_NOUN = re.compile(
    r"^(?:\w*(?:man|woman)|boy|girl|child|person|individual|victim|guard|soldier|officer|"
    r"journalist|mayor|civilian|suspect|attacker|assailant|worker|student|teacher|resident|"
    r"driver|member|leader|commander|militant|fighter|protester|protestor|bomber|teenager|"
    r"official|doctor|nurse|priest|imam|judge|politician|activist|pilot|passenger|citizen|"
    r"national|hostage|wife|husband|son|daughter|mother|father|brother|sister|head|chief|"
    r"senator|governor|deputy|[\w-]*commander|elder|cleric|\w+maker|lawyer|reporter|justice|"
    r"magistrate|"
    r"photographer|farmer|shopkeeper|trader|herder|ranger|minister|council+or|legislator|"
    r"candidate|engineer|contractor|employee|volunteer|monk|pastor|bishop|sheikh|chieftain|"
    r"informant|director|principal|inspector|constable|sergeant|captain|lieutenant|colonel|"
    r"corporal|major|private|schoolgirl|schoolboy|pedestrian|shepherd|villager|youth|baby|"
    r"infant|toddler|boss|chairperson|insurgent|rebel|"
    r"combatant|guerrilla|recruit|cadet|trooper|marine|sailor|worshipper|pilgrim|refugee|"
    r"migrant|prisoner|detainee|inmate|contractor|peacekeeper|\w*guard|jawan|body|him|her|"
    r"facilitator|operative|financier|emir|courier|sniper|smuggler|trafficker|mullah|planner|"
    r"recruiter|general|attorney|president|prosecutor|secretary|ambassador|consul|writer|poet|"
    r"author|singer|actor|actress|blogger|cartoonist|novelist|scholar|professor|lecturer|"
    r"businessman|businesswoman|chairman|cameraman|trader|vendor|mechanic|tailor|assistant|aide|"
    r"companion|friend|colleague|relative|nephew|niece|cousin|uncle|aunt|grandson|granddaughter|"
    r"grandfather|grandmother|neighbou?r|passer-?by|bystander|"
    r"\w{3,}(?:ian|ist))$")
# A plural noun for people, the last word of a span without a number ("civilians").
_PLURAL_NOUN = re.compile(
    r"^(?!(?:over|under|about|around|nearly|almost|up|at|more|less|fewer)\b)[\w\s'-]*\b"
    r"(?:\w+(?:ians|ers|ists|ants|ents|ors|ees|iers|ists)|people|police|policemen|children|"
    r"men|women|personnel|staff|troops|others|persons|hostages|militias|soldiers|civilians|"
    r"guards|rebels|officials|students|villagers|residents|members|worshippers|pilgrims)$")
_VAGUE = {k: VAGUE_COUNTS[k] for k in ("tens", "dozens", "scores", "hundreds", "thousands",
                                        "millions")}
_PLURAL = tuple(sorted((k for k in VAGUE_COUNTS if k not in _VAGUE), key=len, reverse=True))
_AT_LEAST = ("at least", "no fewer than", "no less than", "a minimum of", "not less than")
_OVER = ("more than", "over", "upwards of", "in excess of", "above", "greater than")
_UNDER = ("nearly", "almost", "close to", "just under", "fewer than", "less than", "under")
_UP_TO = ("up to", "as many as", "at most", "a maximum of", "no more than")
_ABOUT = ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated",
          "approx.", "circa", "nearly about")
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_QUANTITY = re.compile(
    rf"^(?:{_NUMBER}(?:\s+(?:{'|'.join(_SCALES)}))?|(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?|$))+)",
)

_BARE_COUNT_COMMA = re.compile(rf"^({_NUMBER}|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*),\s")
_PART_WORDS = frozenset({"most", "all", "none", "the rest", "the others", "most of them",
                        "all of them", "many of them", "some of them"})
_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"})
_NOBODY = re.compile(r"no\s+(?!fewer\b|less\b|more\b)|none\b|nobody\b")  # "no soldier"
_TOLL_NOUN = re.compile(r"the\s+(?:number|toll|tally|count) of\s")

KILLED = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|dying|lives|life|bodies|fatalit(?:y|ies)|slain|"
    r"massacred|executed|perished|death toll|(?:beheaded|decapitated|crucified)|assassinated|"
    r"murdered|gunned down|martyred|"
    r"behead(?:s|ing)?|decapitat(?:es|ing)|execut(?:es|ing)|"  # the present
    r"assassinat(?:es|ing)|slaughter(?:s|ed|ing)?|guns? down|gunning down|"  # of news briefs
    r"(?:fatally|mortally) (?:shot|stabbed|wounded|injured|hit|struck)|"
    r"die|dies|butchered|slit the throats?|burn(?:ed|t) alive|beheadings?|heads? cut off|"
    r"lynched|to death|neutrali[sz](?:e|es|ed|ing)|eliminat(?:ed|ing)|succumbed|found dead|"
    r"sent to hell|liquidat(?:ed|ing)|m[oa]wn down|mow(?:ed|ing|s)? down|"
    r"(?:embraced|attained|achieved) (?:shahadat|martyrdom)|"
    r"laid down (?:his|her|their) li(?:fe|ves)|"
    r"fell (?:heroically|in (?:combat|action|battle)|with honou?r|on the field of honou?r|"
    r"with (?:their |his )?arms in (?:hand|their hands)|"
    r"in the line of duty|as martyrs?)|paid the (?:supreme|ultimate) price|"
    r"made the (?:supreme|ultimate) sacrifice)\b", re.I)
INJURED = re.compile(r"(?<!fatally )(?<!mortally )\b(?:injur(?:e|es|ed|ies|y|ing|ied|id)|"
                     r"wound(?:s|ed|ing)?|hurt(?:ing)?|maimed|"
                     r"(?:badly|severely|seriously|critically) burn(?:ed|t)|"
                     r"suffered (?:\w+ )?burns|"
                     r"shot in the (?:legs?|arms?|shoulders?|foot|feet|hands?|thighs?|knees?)|"
                     r"treated (?:in|at|by) (?:a |the )?(?:\w+ )?hospitals?|hospitali[sz]ed)\b",
                     re.I)
BOTH = re.compile(r"\bcasualt(?:y|ies)\b", re.I)
DETAINED = re.compile(
    r"\b(?:arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|detention|apprehen(?:d|ded|ding|ds|sion)|"
    r"nab(?:s|bed|bing)?|kidnap(?:ped|ping|s)?|seiz(?:ed|ing)|"
    r"abduct(?:ed|ing|s|ion)?|captur(?:e|es|ed|ing)|taken (?:hostage|captive|prisoner)|captive|"
    r"held (?:hostage|captive)|hostages?|in(?:to)? custody|rounded up|hijacked|took away|"
    r"taken away|carried off|carr(?:y|ies|ying) off|led away|carried away|"
    r"snatch(?:ed|ing)|whisk(?:ed|ing) away|hauled in|forcibly disappeared|held incommunicado|"
    r"picked up by (?:the )?(?:police|security forces|soldiers|troops)|"
    r"taken into the (?:forest|bush|jungle|hills|mountains)|"
    r"(?:took|taking|take)\s+(?:[\w-]+\s+){1,4}(?:prisoner|hostage|captive))\b", re.I)
# "hostage" naming who a person is, not what was done ("taken hostage", "held hostage").
_HOSTAGE_NOUN = re.compile(r"(?<!taken )(?<!held )(?<!took )\bhostages?\b", re.I)
# The count as the subject of a passive cue right after it: "ten others are injured", "seven
# more injured", "another was critically wounded".
_PASSIVE = re.compile(
    r"^\s*(?:(?:are|were|was|is|have|has|had|been|being|also|reportedly|later|critically|either|"
    r"seriously|severely|slightly|badly|fatally|mortally|lightly|left)\s+)*"
    r"(?:(?:sustained|suffered|received)(?:\s+(?:serious|minor|severe|critical|gunshot|shrapnel|"
    r"head|multiple|burn|bullet|stab|life-threatening|light|varying degrees of|various degrees "
    r"of))*\s+)?(?P<cue>kill(?:ed)?|dead|died|die|dies|injur(?:ed|ies|y)|wounded|wounds|hurt|"
    r"arrested|detained|apprehended|kidnapped|abducted|"
    r"captured|captive|neutrali[sz]ed|eliminated|sent to hell|liquidated|mown down|mowed down|"
    r"snatched|whisked away|forcibly disappeared|held incommunicado|"
    r"taken hostage|taken away|taken into custody|led away|carried off|carried away)\b", re.I)
# A count's first word: digits or a number word (shared by the rules below).
COUNT_WORD = (r"(?:\d[\d,]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
              r"\w+teen|twenty|thirty|forty|fifty|dozens|scores|hundreds)\b)")
_AUXILIARY = re.compile(r"\s*(?:are|were|was|is|have|has|had|been|being)\b", re.I)
# A count right after a verb: the verb governs it ("wounds 6 others", "and injured 3").
_COUNT_NEXT = re.compile(r"\s+(?:(?:at least|more than|over|some|about|around|another|"
                         rf"a further)\s+)?{COUNT_WORD}", re.I)
# The people counted as the subject of an active verb of violence with an object after it
# ("Armed men stormed a village", "Two men on a motorcycle shot dead a teacher", "five gunmen
# opened fire at a police station"): who did it, not who was hurt. Up to eight words may stand
# between them, none a verb's auxiliary or a clause word. "Two soldiers killed in an ambush"
# (a headline's passive) is not one.
# The verbs of a killing told with "to death" ("hacked to death", "beat a man to death"); shared
# with the finder.
TO_DEATH_VERBS = (r"hacked|hacking|stabbed|stabbing|beaten|beat|beating|burned|burnt|bludgeoned|"
                  r"clubbed|stoned|stoning|kicked|tortured|strangled|lynched")
TO_DEATH = rf"(?:{TO_DEATH_VERBS}) to death"
_AGENT_FILLER = (r"(?:\s+(?!(?:were|was|are|is|have|has|had|been|being|who|which|that|and|or|"
                 r"when|after|as|while|before|killed|wounded|injured|died|dead)\b)"
                 r"(?:armed\s+with\s+[\w'’-]+\s+and\s+[\w'’-]+|[\w'’-]+|\([\w'’ -]{1,40}\))"
                 r"|,\s+[\w'’-]{2,12}(?=,))"  # "... FORCES OF COLOMBIA, FARC, ATTACKED"
                 r"{0,10}?,?")  # "A COLUMN OF SOME 40 TERRORISTS ARMED WITH RIFLES AND MACHETES"
_AGENT_AFTER = re.compile(
    rf"^{_AGENT_FILLER}\s+(?:(?:stormed|attacked|ambushed|raided|killed|shot dead|shot and killed|"
    r"shot|abducted|kidnapped|bombed|seized|captured|overran|torched|burned|looted|beheaded|"
    r"executed|fired|launched|planted|detonated|threw|hurled|set off|blew up|targeted|"
    r"assassinated|murdered|slaughtered|lynched|massacred|"
    rf"{TO_DEATH}|hacked|"
    r"assaulted|stabbed|shelled|rammed|staged|carried out|mounted|conducted|entered|surrounded|"
    r"invaded|infiltrated|besieged|struck|stopped)(?:\s+and\s+(?:killed|shot dead|wounded|injured|"
    r"abducted|"
    r"kidnapped))?\s+(?!(?:in|by|on|at|as|after|when|during|near|while|overnight|yesterday|"
    r"today|and|or|early|late|last|this|dead|to|from|for|with)\b)(?=[\w\"'])|"
    r"opened (?:heavy )?(?:gun)?fire\b|fired (?:on|at|upon)\b|arrived\b|descended on\b|"
    r"burst into\b|broke into\b|(?-i:said|says|told)\b)",  # "[Police] in Borno State said": the
    re.I)  # source (lower case: not "Sufi leader Said Afandi")
_UNIT = re.compile(r"\b(?:regiment|battalions?|brigades?|division|corps|infantry|rifles|squadron|"
                   r"artillery|gang|cartel)$", re.I)  # "the [400 Mawozo gang]": a name
# Nouns of things, not people, that a number may count ("two vehicles", "Two explosions").
_THING_NOUNS = (r"(?:explosions?|convoys?|blasts?|bombs?|bombings|attacks?|rockets?|missiles?|"
                r"projectiles?|"
                r"shells?|mortars?|grenades?|drones?|vehicles?|cars?|buses|trucks?|buildings?|"
                r"houses?|homes?|shops|stores|schools|churches|mosques|weapons|guns|rifles|tanks|"
                r"villages?|towns?|times|days|hours|weeks|months|years|incidents|locations|sites|"
                r"checkpoints|check ?posts?|posts|outposts|positions|animals?|cattle|livestock|"
                r"(?:police )?stations|offices|bars|restaurants|hotels|markets|hospitals|bases|"
                r"explosives|(?:explosive )?devices|IEDs|mines|landmines|"
                r"camps|compounds|prisons|banks|bridges|factories|"
                r"goats?|cows?|sheep|camels?|dogs?|horses?|donkeys?|mules?|cats?|buffalo(?:es)?|"
                r"oxen|pigs?|chickens?|poultry|motorbikes?|motorcycles?|bicycles?|boats?|"
                r"aircraft|helicopters?|planes?|rounds|magazines|phones?|pistols?|bullets?)")
_THINGS = re.compile(rf"\b{_THING_NOUNS}$", re.I)
_UNIT_AFTER = re.compile(r"\s+(?:(?-i:RR|Bn|Bde|BSF|CRPF)|battalion|brigade|regiment|division|"
                         r"corps|squadron|(?:light )?infantry|rashtriya rifles|assam rifles)\b"
                         r"(?!\s+(?:members?|personnel|jawans?|men|soldiers|troopers?|troops|"
                         r"officers?|commandos?)\b)", re.I)  # "Two BSF members": people
_RATE = re.compile(r"\s*(?:[\w-]+\s+){0,2}per\s+(?:\d|capita\b|one\b|a\s+(?:hundred|thousand))",
                   re.I)
# A bare number that counts things: the noun heads the phrase after it, up to two words on.
_COUNTS_THINGS = re.compile(
    rf"^\s+(?:(?:separate|different)\s+|(?:[\w-]+\s+){{0,2}}{_THING_NOUNS}\b"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:were|was|are|is|had|have|hit|struck|exploded|went|in|at|on|"
    r"near|of|and|caused|targeting|targeted|that|which|killed|wounded|injured|rocked|against|"
    r"across|during|since|per|this|last|so|into|onto|towards?|"
    r"destroyed|burned|burnt|belonging|fired|launched|kill|kills|wound|wounds|explode|explodes|"
    r"hit|hits|strike|strikes|rock|rocks|\w+ed)\b))", re.I)
# Held, then killed: "was kidnapped and later executed", "abducted a teenager and later shot
# him dead" (the verb before the count is ``_TAKING``).
_THEN_KILLED = (r"and\s+(?:later\s+|then\s+|subsequently\s+)?"
                r"(?:killed|executed|shot(?: dead)?|beheaded|murdered)")
_TAKEN_THEN_KILLED = re.compile(
    r"^\s*(?:was|were|is|are)\s+(?:kidnapped|abducted|taken hostage|seized|captured|tortured)\s+"
    rf"(?:[^.;:]{{0,40}}?\s)?{_THEN_KILLED}\b", re.I)
_TAKING = re.compile(r"\b(?:kidnap(?:ped|s)?|abduct(?:ed|s)?|seiz(?:ed|es)|captur(?:ed|es))\s+$",
                     re.I)
_THEN_KILLED_THEM = re.compile(rf"^\s+(?:[\w'’-]+\s+){{0,6}}?{_THEN_KILLED}\s+(?:him|her|them)\b",
                               re.I)
_APPOSITION = re.compile(
    r"^(?:\s*,\s*(?:including|among them|mostly|most of them|all of them)\b[^.;:()]{0,80}?,"
    r"|\s*,\s*(?:many|some|several|half) of them\b[^.;:()]{0,160}?,"
    r"|\s*,?\s+(?:including|among them|mostly|most of them|all of them)\b[^.;:(),]{0,80}?)"
    r"(?=\s+(?:were|was|are|is|have|has|had|wounded|injured|killed|hurt|arrested|detained)\b)",
    re.I)
# A participle with its agent between the count and its verb: "[the person] kidnapped by the
# gunmen was found dead".
_REDUCED_RELATIVE = re.compile(
    r"^\s+\w+ed\s+by\s+(?:[\w'’-]+\s+){1,5}?(?=(?:was|were|is|are|has|have|had)\s)|"
    r"^\s+(?:working|living|travell?ing|serving|employed|stationed|deployed|based)\s+(?:for|at|in|"
    r"with|on|as)\s+(?:[\w'’-]+\s+){1,6}?(?=(?:was|were)\s)|"  # "[Three engineers] working for
    # a telecom firm were kidnapped"
    r"^\s*,?\s+who\s+(?:were|was|had been|have been)\s+[^.;]{1,80}?,?(?=\s+(?:were|was|have been|"
    r"had been|has been)\s+(?:\w+ly\s+|later\s+|then\s+|also\s+)?(?:shot|killed|found|"
    r"executed|beheaded|murdered)\b)", re.I)  # "[Eight policemen] who were kidnapped on the road
# were shot dead": the verb of the sentence, not of the relative clause
# People the sentence harmed all, told by a pronoun after the verb that did not harm them:
# "opened fire on [two civilians], killing them both".
_THEM_ALL = re.compile(r"^[^.;]{0,80}?,?\s+(?:and\s+)?(?P<cue>kill(?:ing|ed)|wound(?:ing|ed)|"
                       r"injur(?:ing|ed)|shooting dead|shot dead)\s+(?:them\s+(?:both|all)|"
                       r"(?:all|both)\s+of\s+them)\b", re.I)
# The count as the object of a verb that harmed nobody ("to disperse hundreds of protesters"),
# or the agent of a passive ("killed by a number of gunmen"). Those freed were held before:
# "rescued [seven abducted women]" counts nobody held (``_FREED_BEFORE``).
_FREED = r"rescu(?:e|ed|ing)|releas(?:e|ed|ing)|fre(?:e|ed|eing)"
_NOT_HARMED_BEFORE = re.compile(
    r"\b(?:cars?|bus(?:es)?|minibus(?:es)?|vehicles?|vans?|trucks?|taxis?|jeeps?|boats?|trains?|"
    r"planes?|aircraft|helicopters?|convoys?|stadiums?|halls?|venues?|rooms?|crowds?|"
    r"gatherings?)\s+(?:carrying|with|transporting|of|packed with|holding)\s+"
    r"(?:about\s+|some\s+|around\s+|nearly\s+|at least\s+)?$|"  # "a car with [seven passengers]"
    rf"\b(?:dispers(?:e|ed|ing)|evacuat(?:e|ed|ing)|{_FREED}|"
    r"displac(?:e|ed|ing))\s+(?:the\s+|about\s+|some\s+|around\s+|nearly\s+)?$|"
    r"\bby\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:(?:column|group|band|unit|gang|squad|team|force|contingent|commando) of\s+)?"
    r"(?:about|around|approximately|some|at least|nearly|over|more than)?\s*$|"
    r"\bfir(?:e|ed|ing)\s+(?:(?!killing\b|wounding\b)[\w-]+,?\s+){0,8}?(?:on|at|upon|into)\s+"
    r"(?:the\s+|a\s+crowd\s+of\s+)?$|"  # "fired tear gas and live bullets at [hundreds]"
    r"\b(?:clash(?:ed|es|ing)|fought|engaged|battl(?:ed|es|ing)|exchanged fire)\s+with\s+"
    r"(?:(?:a\s+)?(?:group|band|column) of\s+)?(?:some|about|around|an estimated|approximately|"
    r"nearly|over|more than)?\s*$|"
    r"\b(?:clash(?:es|ed)?|fighting|fought|battles?|feud)\s+(?:[\w-]+\s+){0,4}?between\s+"
    r"(?:the\s+)?$|"  # "clashes broke out on Tuesday between [2 rival armed groups]", not
    # "detained between [20] and 30"
    r"\bbetween\s+(?:[\w'’-]+\s+){1,8}and\s+(?:an?\s+|the\s+)?"
    r"(?:(?:group|band|column|unit|squad|contingent) of\s+)?(?:some|about|around|an estimated|"
    r"approximately|nearly|over|more than)?\s*$", re.I)  # "clashed with [some 20 Abu Sayyaf
    # members]", "a clash between troops and a column of [some 60 guerrillas]": who fought, not
    # who was hurt
_TAKING_WITH = re.compile(r"\b(?:taking|took|take|takes)\s+$", re.I)
_WITH_THEM = re.compile(r"\s*(?:away\s+)?with (?:them|him|her)\b", re.I)
_FREED_BEFORE = re.compile(rf"\b(?:{_FREED}|liberat(?:e|ed|ing))\s+(?:the\s+)?$", re.I)
# The count as the subject of a verb that harmed nobody ("several others are reported
# missing"): no kind can be read, and it is counted nowhere.
_NOT_HARMED = re.compile(
    r"^\s*(?:(?:are|were|was|is|have|has|had|been|being|went|gone|also|still|reportedly|"
    r"reported|said to be|believed|left|remain|remained)\s+)*(?:missing|unaccounted|displaced|"
    r"evacuated|rescued|released|freed|safe|unharmed|fled|fleeing|flee|escaped|escaping|"
    r"surrender(?:ed|ing|s)?|identified from|sought|"
    r"attended|attend|gathered|marched|rallied|joined|mourned|took part|turned out|"
    r"demonstrated|protested|voted|signed|"
    r"(?:angry|angered|outraged|incensed|enraged|protesting|mourning|grieving) (?:over|at|by|"
    r"about|against)?\s*(?:the )?(?:killings?|deaths?|murders?|shooting|arrests?))\b", re.I)
# The verbs that harm or take people, in every form, and the words that qualify a count: shared
# with the casualty finder (``casualty_finder.py``).
HARM_VERBS = (r"(?:shot dead|shot and killed|shooting dead|shooting and killing|taken hostage|"
              r"shoots? dead|shoots? and kills?|"
              r"fatally (?:shot|stabbed|shooting|stabbing)|decapitated|crucified|"
              r"taken (?:captive|prisoner|away|into the (?:forest|bush|jungle|hills|mountains))|"
              r"kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|"
              r"injur(?:ed|ing|es|ied)?|hurt|arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|"
              r"apprehend(?:ed|ing|s)?|nab(?:s|bed|bing)?|"
              r"kidnap(?:ped|ping|s)?|abduct(?:ed|ing|s)?|captur(?:e|ed|ing|es)|executed|"
              r"massacred|beheaded|slaughtered|slit the throats? of|gunned down|assassinated|"
              r"murdered|slain|lynched|martyred|butchered|neutrali[sz](?:e|es|ed|ing)|"
              r"(?:cost|claimed|took) the lives of|"
              r"eliminat(?:ed|ing)|carr(?:ied|ying) (?:off|away)|liquidat(?:ed|ing)|"
              r"mow(?:ed|ing) down|snatch(?:ed|ing)|whisk(?:ed|ing) away|hauled in)")
# A harm verb that tells what someone meant or failed to do ("attempted to kill the ambassador",
# "threatened to kidnap"): nobody was harmed by it. Shared with the casualty finder.
INTENT_BEFORE = re.compile(
    r"\b(?:attempt(?:ed|ing|s)?|tr(?:y|ies|ied|ying)|plot(?:ted|ting|s)?|plan(?:ned|ning|s)?|"
    r"sought|seek(?:s|ing)?|threaten(?:ed|ing|s)?|vow(?:ed|ing|s)?|fail(?:ed|ing|s)?|"
    r"intend(?:ed|ing|s)?|want(?:ed|s)?|aim(?:ed|ing|s)?|bid|attempts?|plots?|plans?|"
    r"conspir(?:ed|acy|ing)|order(?:ed|s)?\s+\w+|urg(?:ed|es|ing)\s+\w+)\s+to\s+$", re.I)
# An incident's toll named: "the death toll", "the number of dead", "the number of soldiers
# killed"; and the verbs a toll goes up by. Shared with the finder, assembly and merging.
TOLL_WORDS = (r"(?:(?P<what>death\s+|casualty\s+)?toll|number of (?:the\s+)?(?:dead|deaths|"
              r"fatalities|victims|(?:[\w-]+\s+)?killed)"
              r"|(?:(?<=bringing the )|(?<=brought the )|(?<=raising the ))total)")  # "FOUR MORE
# BODIES WERE LATER FOUND ..., BRINGING THE TOTAL TO 19"
TOLL_RISE = (r"(?:rose|risen|rises|climbed|climbs|reached|reaches|jumped|jumps|increased|"
             r"increases|"
             r"revised(?:\s+up(?:wards?)?)?(?=\s+to\b))")  # "revised to", not "revised for"
# The words before a count that make it an incident's toll: "the toll rose to six", "bringing
# the death toll to 10", "put the toll at 34" (shared with event assembly).
TOLL_BEFORE = re.compile(
    rf"\b{TOLL_WORDS}\b[^.;]{{0,100}}?\b(?:{TOLL_RISE}|stood|stands|now|to|at)\s+"
    r"(?:to\s+|at\s+)?$", re.I)
COUNT_QUALIFIERS = (r"(?:at least|more than|over|nearly|almost|some|about|around|up to|"
                    r"as many as|another|an estimated|all|a further)")
# A cue verb that governs the count after it: "killing 4 people", "wounding at least 9 others".
_GOVERNING = re.compile(
    rf"\b(?P<cue>{HARM_VERBS})[\"”’']?\s+(?:(?:himself|herself)\s+and\s+)?"
    r"(?:(?:the|all|all the|all of the|a|an)\s+)?"
    rf"(?:{COUNT_QUALIFIERS}\s+|at\s+)?$", re.I)  # also '"neutralised" at [least 24]
# The count is the second object of a verb whose first object has a count of its own, and the
# next verb has its own count: "killing 7 bodyguards and [5 civilians] and injuring 15 others".
_CONJOINED_OBJECT = re.compile(
    rf"\b(?P<cue>{HARM_VERBS})\s+(?:{COUNT_QUALIFIERS}\s+)?(?:{COUNT_WORD}|(?:an?|the)\s)"
    r"[^,;.:()]{0,40}?(?:,\s*|\s+and\s+)$", re.I)  # also "killing a lieutenant and [five men]"
_NEXT_VERB_COUNT = re.compile(
    r"\s*,?\s+(?:and|while|as well as)\s+(?:also\s+)?(?:kill|wound|injur|hurt|arrest|detain|"
    rf"abduct|kidnap|captur)\w*(?:{_COUNT_NEXT.pattern}|\s+(?:several|many)\b)", re.I)
_SUBSET_BEFORE = re.compile(
    r"(?:including|among them|of whom|of them|among whom)\s*$|"
    r"\bamong the (?:dead|victims|killed|wounded|injured)\s+(?:were|are|was|is)\b[^.;:]{0,80}$|"
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty)\s+(?:dead|victims|killed|wounded|injured)\s+(?:included|include|"
    r"includes|were|are)\b(?:(?!,\s+and\b)[^.;:]){0,80}$|"
    r"\b(?:including|among them|among whom)\s+(?:\d[\d,]*|an?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
    r"forty|fifty|several|dozens|hundreds)\b[^.;:()\-–—]{0,50}?(?:,\s*|\s+)and\s+"
    r"(?:his\s+|her\s+|their\s+)?$|"
    r"\b(?:including|among them|among whom)\s+(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,2}$|"
    r"\b(?:including|among them|among whom)\s+(?:an?|the|one)\s+[^.;:()\-–—]{0,50}?\s+and\s+"
    r"(?:his\s+|her\s+|their\s+)?$|"
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten)\s+(?:dead|victims|people|"
    r"persons|bodies)\s*,\s*(?:[^,.;:]{0,40}\s+and\s+)?(?:an?\s+|the\s+)?$|"
    r"\b(?:were|was|been)\s+identified\s+as\b[^.;:]{0,80}$|"  # the people counted, named
    r"\b(?:members?|relatives|residents|each|all|most|some|many)\s+of\s+(?:the\s+|his\s+|her\s+|"
    r"their\s+)?$|"
    r"\([^()]{0,80}$|\bamong\s+(?:the|those)\s+$", re.I)  # "Among the [15] executed were"
# A breakdown after a colon: "Nine fighters died ...: [five ELN guerrillas] and four ..."
_COLON_BREAKDOWN = re.compile(
    r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty)\b[^.;:]{0,140}:\s*(?:[^.;:]{0,60}?(?:,\s*|\s+and\s+))?$", re.I)
# A breakdown between dashes: "killed 12 people - [eight militia fighters] and [four civilians]
# caught in the crossfire - residents said" (the closing dash is looked for after the count).
_DASH_BREAKDOWN = re.compile(
    rf"\b(?:{COUNT_WORD}|{NUMBER_WORDS})[^.;:\-–—]{{0,40}}?\s[-–—]\s+"
    r"(?:[^.;:\-–—]{0,60}?(?:,\s*|\s+and\s+))?(?:an?\s+|the\s+)?$", re.I)
_DASH_CLOSES = re.compile(r"^[^.;:()\-–—]{0,80}\s[-–—](?:\s|$)")
# The count is the first of two subjects of one passive: "[three other guards] and one security
# official were slightly injured".
_OR_CUE = re.compile(r"\s+(?P<conj>or|and)\s+(?:\w+ly\s+)?(?P<cue>kill(?:ed)?|dead|died|injured|"
                     r"wounded|hurt|arrested|detained|kidnapped|abducted|captured)\b", re.I)
_CLAUSE_END = re.compile(r"(?:^|[.;:!?,]|\b(?:and|while|but|whereas|as|when|after))\s*$", re.I)
_SHARED_SUBJECT = re.compile(r"^\s*,?\s+and\s+(?:[\w'’-]+\s+){1,6}?(?=(?:were|are|sustained|"
                             r"suffered|received)\s)", re.I)  # "5 others and a member sustained"
# A harm verb of another kind joined to the one that governs the count: "killing and injuring".
_MIXED_BEFORE = re.compile(r"\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing))\s+and\s+$", re.I)
# The count's verb after a relative clause about it: "..., who were injured in an attack on
# Tuesday, have succumbed to their injuries".
# The wounded a partitive counts, between it and its verb: "[FOUR OF THE] 9 WOUNDED SOLDIERS
# LATER DIED", "[one of] the wounded died".
_WOUNDED_AFTER_OF = re.compile(r"\s*(?:the\s+)?(?:[\d,]+\s+|[a-z]+\s+)?(?:wounded|injured)"
                               r"(?:\s+(?!was|were|later|had|have|has|died)[a-z]+)?\b(?=\s|,)",
                               re.I)
# A short description set off by commas before the verb: "one of the wounded, a corporal, died".
_DESCRIBED = re.compile(r"^\s*,\s+(?:a|an|the)\s+[^,.;:()]{1,40},(?=\s+(?:later\s+|since\s+)?"
                        r"(?:died|succumbed|was|were|had|has)\b)", re.I)
# A toll of the wounded told after the death toll: "and the number of wounded to 32".
WOUNDED_TOLL = (r"\b(?:number of (?:the\s+)?(?:wounded|injured)|(?:wounded|injured|injury)\s+"
                r"(?:toll|count|figure)|the\s+(?:wounded|injured)(?=\s+at\b))\b")  # shared with
# event assembly (a toll's update); "put the number of dead at 15 and the wounded at [30]"
# The toll of people held: "the number detained during the dispersal had reached [61]", "the
# number of people abducted rose to [16]" (shared with the finder and with event assembly).
HELD_TOLL = (r"\bnumber (?:of (?:the\s+)?(?:people\s+|those\s+|men\s+|protesters\s+|"
             r"demonstrators\s+|passengers\s+)?)?(?:detained|arrested|held|abducted|kidnapped|taken|"
             r"seized|captured|missing)\b")
# How a toll comes to its count: "rose to", "reached", "stood at", "to" (shared with the finder).
TOLL_TO = rf"(?:{TOLL_RISE}\s+(?:to\s+|at\s+)?|(?:(?:stood|stands|now)\s+)?(?:to|at)\s+)"
# The wounded told by where they lie: "[five officers] remain in hospital", "[12] were in a
# critical condition", "[nineteen people] were being treated".
_IN_HOSPITAL_AFTER = re.compile(
    r"\s+(?:(?:are|were|is|was|remain(?:s|ed)?|lay|lie|lies|stay(?:s|ed)?)\s+(?:still\s+|left\s+)?|"
    r"(?:have|has|had)\s+been\s+)(?:in\s+(?:a\s+|the\s+)?(?:\w+\s+)?hospitals?|"
    r"(?:taken|rushed|admitted|airlifted|evacuated)\s+to\s+(?:a\s+|the\s+)?(?:\w+\s+)?hospitals?|"
    r"in\s+(?:an?\s+)?(?:critical|serious|stable|grave|satisfactory)\s+condition|"
    r"in\s+intensive\s+care|being\s+treated|receiving\s+(?:medical\s+)?(?:treatment|care)|"
    r"under\s+(?:medical\s+)?(?:care|treatment)|hospitali[sz]ed)\b", re.I)
_TO_HOSPITAL_AFTER = re.compile(
    r"\s+(?:(?:being|were|was|are|is|have\s+been|has\s+been|had\s+been)\s+)?(?:(?:taken|rushed|"
    r"transported|sent|admitted|evacuated|airlifted|brought|carried)\s+)?to\s+(?:the\s+|a\s+|"
    r"local\s+|nearby\s+)?(?:[\w-]+\s+)?hospitals?\b", re.I)
_SCARE_QUOTES = re.compile(r"[\"“”]")
_PICKED_UP = re.compile(r"\bpicked up\b", re.I)  # people held, beside DETAINED's words
_HELD_TOLL_BEFORE = re.compile(rf"{HELD_TOLL}[^.;]{{0,60}}?\b{TOLL_TO}$", re.I)
_WOUNDED_TOLL_BEFORE = re.compile(
    rf"{WOUNDED_TOLL}[^.;]{{0,40}}?\b(?:{TOLL_RISE}\s+|stood\s+|"
    r"stands\s+|now\s+)?(?:to|at)\s+$", re.I)
_SUCCUMBED = re.compile(r"^\s*,\s+(?:who|which)\b[^.;]{0,160}?,\s+(?:have|has|had)\s+"
                        r"(?:since\s+|later\s+)?(?:succumbed|died)\b"
                        r"|^\s+who\s+(?:was|were|had\s+been)\s+(?:\w+\s+)?"
                        r"(?:wounded|injured|hurt)\b[^.;,]{0,100}?\s+(?:later\s+|then\s+)?"
                        r"(?:succumbed|died)\b",
                        re.I)  # "A soldier who was wounded in Sunday's ambush succumbed"
_BODIES_OF = re.compile(r"\b(?:bodies|body|corpses?|remains)\s+of\s+(?:[^.;,]{0,40}\s)?$", re.I)
_BURNED = re.compile(r"\bburn(?:ed|t|ing)\s+$", re.I)
_WOUNDED_ADJECTIVE = re.compile(r"(?:the\s+|a\s+|an\s+)?(?:wounded|injured)\s+\w", re.I)
# Some of the wounded, named by the partitive (shared with the finder and with merging): "of the
# wounded", "OF THE 9 WOUNDED", "of the injured".
OF_THE_WOUNDED = r"of the (?:[\d,]+ |[a-z]+ )?(?:[a-z]+ )?(?:wounded|injured)"  # "Of the 11 people
# injured ..., two later died"
# A toll that leaves someone out (shared with the finder and with merging): "The figure does
# not include [the bomber]": one more dead.
NOT_INCLUDED = (r"\b(?:figure|toll|tally|number|count)s?(?:\s+of\s+[\d,]+)?\s+(?:does|did|do)\s+"
                r"not\s+include\s+")  # also "the figure of 16 did not include the bomber"
_NOT_INCLUDED_BEFORE = re.compile(rf"{NOT_INCLUDED}$", re.I)
# The one attacker named by "the": "the bomber", "the suicide bomber", "the lone gunman" (shared
# with the finder, which finds him after NOT_INCLUDED, and merging, which adds him told later).
THE_ATTACKER = (r"the\s+(?:suicide\s+|female\s+|lone\s+)?"
                r"(?P<who>bomber|attacker|gunman|assailant)")
_PARTITIVE_OF = re.compile(r"\bof (?:the|those|these)\s+(?:[\d,]+\s+|[a-z]+\s+)?(?:wounded|injured|"
                           r"hostages?)\b", re.I)  # "FOUR OF THE 9 WOUNDED SOLDIERS [DIED]"
# Some of the counted, then who they were (not what was done to them): "[Seventeen of the
# injured] were police officers", "[one of the dead] was a child".
_PARTITIVE_STATE = re.compile(r"\bof (?:the|those|these)\s+(?:[\d,]+\s+|[a-z]+\s+)?(wounded|"
                              r"injured|dead|killed)$", re.I)
WHO_THEY_WERE = re.compile(r"\s+(?:were|are|was|is|included|include)\b(?!\s+(?:later\s+|also\s+|"
                            r"then\s+|subsequently\s+)?(?:killed|dead|died|wounded|injured|hurt|"
                            r"shot|executed|arrested|detained)\b)", re.I)
_OPENING_WORD = re.compile(r"\s*[\w'’-]+,\s*")  # "Sadly, ", "However, ": the sentence's own
# "Of the 27 wounded, [nine] had gunshot wounds": part of the count told first
_OF_THE_COUNTED = re.compile(r"(?:^|[.;:]\s+)of the (?:[\d,]+|[a-z]+) (?:dead|wounded|injured|"
                             r"killed|detained|arrested|victims)\s*,\s*$", re.I)
# "[Four] of the six wounded were policemen": who some of the counted were, not a harm
_OF_THE_COUNTED_STATE = re.compile(
    r"\s*of\s+the\s+(?:[\d,]+\s+|[a-z]+\s+)?(?:dead|wounded|injured|victims|killed)\s+(?:were|are|was|is)"
    r"\b(?!\s+(?:later\s+|also\s+|then\s+)?(?:killed|dead|died|wounded|injured|hurt)\b)", re.I)
_SUBSET_AFTER = re.compile(r"^\s*(?:were|are|was|is)\s+(?:also\s+)?among\b", re.I)
# A count of the people just counted, set off by a comma: "50 wounded, [several] of them critically"
_OF_THEM = re.compile(r"^\s*of\s+(?:them|those|whom)\b", re.I)
# "[four] of them were in serious condition", "[two] of them children", "[ONE] OF THEM IS SAID TO
# BE IN A CRITICAL CONDITION": a state, not a harm
_OF_THEM_STATE = re.compile(
    r"^\s*(?:of\s+)?(?:them|those|whom)\s+(?:were|are|was|is)\s+(?:still\s+)?"
    r"(?:(?:said|reported|believed|thought)\s+to\s+be\s+)?"
    r"(?:in\s+(?:a\s+)?(?:serious|critical|stable|grave)|children|women|minors|civilians|"
    r"soldiers|policemen|police officers|teenagers|students)\b", re.I)

# Priors, chosen by hand, not measured: how often the kind read from each kind of cue is right
# (event assembly multiplies them by the span's score, ``model.events.confidence``).
KIND_PRIORS: dict[str, float] = {
    "own_words": 0.95,  # the span says it: "7 deaths", "dozens of injuries"
    "near_cue": 0.85,  # the nearest cue within NEAR_CUE_CHARS: "7 civilians were killed"
    "both_cues": 0.8,  # killed and injured cues side by side: killed_or_injured
    "mixed_cue": 0.8,  # one subject, two kinds: "were killed and wounded", "captured or wounded"
    "far_cue": 0.7,  # the nearest cue is further away in the sentence
    "no_cue": 0.3,  # nothing says what happened: killed_or_injured by default
    "not_harmed": 0.3,  # who did it ("Armed men stormed"), or people not harmed ("displaced")
}
NEAR_CUE_CHARS = 40  # a cue at most this many characters from the span is "near"
NO_QUANTITY_PRIOR = 0.2  # a CASUALTY span with no count that can be read ("civilians")


@dataclass(frozen=True)
class Quantity:
    """A count read from text: ``min``/``max`` (``None`` = open), whether approximate."""

    min: int | None
    max: int | None
    approx: bool
    qualifier: str | None
    rest: str  # the words after the quantity: the victims noun phrase


def _number(text: str) -> int | None:
    """Digits or number words as an int; ``None`` if ``text`` is not a number."""
    text = text.strip().lower().replace("-", " ")
    digits = re.fullmatch(rf"({_NUMBER})(?:\s+({'|'.join(_SCALES)}))?", text)
    if digits:
        value = float(digits.group(1).replace(",", ""))
        return round(value * _SCALES.get(digits.group(2) or "", 1))
    total = current = 0
    seen = False
    for word in text.split():
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_quantity(text: str, *, people: bool = False) -> Quantity | None:
    """Read the quantity at the start of a CASUALTY span; ``None`` if it has none (refused).

    With ``people`` (the text is a tagged CASUALTY span, known to name people), a span of
    coordinated counts is their sum and one person named without a number counts 1:

    >>> parse_quantity("man and two women", people=True).min
    3
    >>> parse_quantity("a photo- and videojournalist", people=True).min
    1
    >>> parse_quantity("Pawel Adamowicz", people=True).min, parse_quantity("the guard") is None
    (1, True)
    >>> parse_quantity("14-year-old Palestinian boy", people=True).min  # an age, one person
    1
    >>> parse_quantity("Sepoy Ali Khan (age 24) and Naik Zia Shah (age 29)", people=True).min
    2

    >>> parse_quantity("over 450 fighters and civilians")
    Quantity(min=451, max=None, approx=False, qualifier='over', rest='fighters and civilians')
    >>> parse_quantity("dozens of injuries")
    Quantity(min=12, max=None, approx=True, qualifier='dozens', rest='injuries')
    >>> parse_quantity("several civilians").min, parse_quantity("civilians").min
    (10, 10)
    >>> parse_quantity("another").min, parse_quantity("another 12 people").min
    (1, 12)
    >>> parse_quantity("all 12 occupants").min, parse_quantity("an additional 25").min
    (12, 25)
    >>> parse_quantity("At least two women and a girl", people=True).min
    3
    >>> parse_quantity("250,000 people", people=True).min
    250000
    >>> parse_quantity("a commander of militants").min, parse_quantity("leaders of rebels").min
    (1, 10)
    >>> parse_quantity("The four soldiers").min, parse_quantity("other two alive").min
    (4, 2)
    >>> parse_quantity("eleven, military officers").min  # "wounding eleven, military officers said"
    11
    >>> parse_quantity("the number of people") is None  # "... killed rose to 27"
    True
    >>> parse_quantity("a number of people").min  # vague
    10
    >>> parse_quantity("no soldier", people=True) is None, parse_quantity("no fewer than 9").min
    (True, 9)
    >>> parse_quantity("third", people=True).min  # "two were killed and a third abducted"
    1
    """
    if people and "(" in text:  # "Sepoy X (age 24 years, ...) and Lance Naik Y (...)"
        text = re.sub(r"\s*\([^()]*\)", "", text)
    key = " ".join(text.lower().split()).strip(" .,;:").lstrip("-–—•*· ")  # "- 11 fighters"
    if people and key in ("himself", "herself", "he", "she"):
        return Quantity(1, 1, False, SINGULAR, key)  # "blew himself up": the attacker
    if key.startswith("least "):  # a span that lost its "at"
        key = "at " + key
    if (m := _BARE_COUNT_COMMA.match(key)):
        key = m[1]  # "wounding [eleven, military officers] said": the tagger ran on
    if key in _PART_WORDS:
        return None  # "MOST WERE KILLED": a part of a count told already, not a person's name
    if _NOBODY.match(key):
        return None  # "no soldier was hurt": nobody
    if _TOLL_NOUN.match(key):
        return None  # "the number of people killed ... rose to 27": the count comes after
    key = _COLLECTIVE.sub("", key)  # "a group of 17 recruits", "a total of eight people"
    if key.startswith("the ") and _starts_with_count(key[4:]):
        key = key[4:]  # "The four soldiers were killed": four
    if (m := re.match(r"(?:the\s+)?other\s+", key)) and _starts_with_count(key[m.end():]):
        key = key[m.end():]  # "captured the other two alive": two
    if (m := re.match(r"(?:all|all of the|all the)\s+", key)) and _starts_with_count(key[m.end():]):
        key = key[m.end():]  # "killing all 12 occupants"
    key = re.sub(r"^(?:an?\s+)?(?:additional|further)\s+(?=\S)", "", key)  # "an additional 25"
    if people and key in _ORDINALS:  # "two soldiers were killed and a [third] abducted"
        return Quantity(1, 1, False, "another", "")
    if key == "another" or key.startswith("another "):
        rest = key.removeprefix("another").strip()
        if not rest or not _starts_with_count(rest):
            return Quantity(1, 1, False, "another", rest)
        key = rest
    qualifier = None
    for group in (_AT_LEAST, _OVER, _UNDER, _UP_TO, _ABOUT):
        for phrase in sorted(group, key=len, reverse=True):
            if key.startswith(phrase + " ") and _starts_with_count(key[len(phrase) + 1:]):
                qualifier, key = phrase, key[len(phrase) + 1:]
                break
        if qualifier:
            break
    vague = _vague(key)
    if vague is not None and qualifier is not None:
        return Quantity(vague.min, None, True, qualifier, vague.rest)
    if vague is not None:
        return vague
    between = re.match(
        rf"^(?:between\s+)?({_NUMBER}|\w+)\s*(?:-|to|and)\s*({_NUMBER}|\w+)\s+(.*)$", key
    )
    if between and qualifier is None:
        low, high = _number(between.group(1)), _number(between.group(2))
        if low is not None and high is not None and low < high:
            return Quantity(low, high, False, "between", between.group(3))
    if people and (summed := _coordinated(key if qualifier else text)) is not None:
        return summed if qualifier is None else _qualified(summed.min or 0, qualifier, summed.rest)
    match = _QUANTITY.match(key)
    if not match:
        head = key.partition(" of ")[0].split()  # "a commander of militants": one commander
        if qualifier is None and " of " in key and head and _PERSON_NOUN.search(head[-1]):
            return Quantity(1, 1, False, SINGULAR, key)
        if qualifier is None and _PLURAL_NOUN.search(key):
            return Quantity(PLURAL_COUNT, None, True, PLURAL, key)
        if people and qualifier is None and one_person(text):
            return Quantity(1, 1, False, SINGULAR, key)
        return None
    value = _number(match.group(0))
    if value is None:
        return None
    rest = key[match.end():].strip().removeprefix("of ").strip()
    if _AGE.match(rest):  # "a 14-year-old boy" is counted by its article; "14-year-old" alone
        return Quantity(1, 1, False, None, rest) if people else None  # is one person's age
    return _qualified(value, qualifier, rest)


def _coordinated(text: str) -> Quantity | None:
    """The sum of ``A and B`` (``a man and two women``) when every part is an exact count."""
    if _APPOSED.match(text):  # "Mullah Abdul, a senior Taliban leader": one person, described
        return Quantity(1, 1, False, SINGULAR, text.split(",", 1)[1].strip())
    parts = [p for p in _COORDINATION.split(text.strip(" .,;:")) if p.strip()]
    if len(parts) < 2 or any(p.rstrip().endswith("-") for p in parts):
        return None  # "a photo- and videojournalist" is one person
    read = [parse_quantity(p, people=True) for p in parts]
    if any(q is None or q.approx or q.min is None or q.min != q.max for q in read):
        return None
    total = sum(q.min for q in read if q is not None and q.min is not None)
    return Quantity(total, total, False, None, " and ".join(q.rest for q in read if q))


def one_person(text: str) -> bool:
    """Whether a span without a number names one person: a name, or a singular person noun.

    >>> one_person("Nabil Hasan al-Quaety"), one_person("the guard"), one_person("toll")
    (True, True, False)
    >>> one_person("businessman Jose Lopez"), one_person("an Iraqi Policeman")
    (True, True)
    >>> one_person("police sub-inspector")
    True
    >>> one_person("UNION LEADER CRISTOBAL ERAZO"), one_person("TWO UNION LEADERS")
    (True, False)
    """
    words = re.findall(r"[\w'-]+", text)
    if not words:
        return False
    name = next((i for i, w in enumerate(reversed(words)) if not w[:1].isupper()), len(words))
    if 0 < name < len(words) and _PERSON_NOUN.search(words[len(words) - name - 1].lower()):
        return True  # "businessman Jose Lopez", "Human rights activist Jane Doe"
    if text.isupper() and len(words) > 1:  # in capitals the name's start is hidden: the last
        nouns = [i for i, w in enumerate(words) if _PERSON_NOUN.search(w.lower())]  # title
        name_words = [w for w in words[nouns[-1] + 1:] if w.lower() not in _NAME_PARTICLES] \
            if nouns else []
        if 0 < len(name_words) <= _MAX_NAME_WORDS - 2:
            return True  # "BANANA WORKERS' UNION LEADER CRISTOBAL ERAZO MEJIA"
    names = [_PARTICLE_PREFIX.sub("", w) for w in words if w.lower() not in _NAME_PARTICLES]
    if names and all(w[:1].isupper() for w in names) and len(words) <= _MAX_NAME_WORDS:
        if len(words) == 1 and re.search(r"(?:ed|ing|ly)$", words[0]):
            return False  # "Suspected", "Reportedly": a word capitalised at a sentence start
        return not _PLURAL_NOUN.search(text.lower())
    last = words[-1].lower()  # "sub-inspector", "ex-soldier": the last part names the person
    return bool(_PERSON_NOUN.search(last) or _PERSON_NOUN.search(last.rsplit("-", 1)[-1]))


def _starts_with_count(text: str) -> bool:
    return bool(_QUANTITY.match(text)) or _vague(text) is not None


def _vague(key: str) -> Quantity | None:
    match = re.match(r"^(?:(tens|hundreds) of )?(tens|dozens|scores|hundreds|thousands|millions)"
                     r"(?: of)?\b\s*(.*)$", key)
    if match:
        outer, unit, rest = match.groups()
        value = _VAGUE[unit] * (_VAGUE[outer] if outer else 1)
        return Quantity(value, None, True, f"{outer} of {unit}" if outer else unit, rest)
    for phrase in _PLURAL:
        if key == phrase:
            return Quantity(VAGUE_COUNTS[phrase], None, True, phrase, "")
        if key.startswith(phrase + " "):
            return Quantity(VAGUE_COUNTS[phrase], None, True, phrase,
                            key[len(phrase) + 1:].removeprefix("of "))
    return None


def _qualified(value: int, qualifier: str | None, rest: str) -> Quantity:
    if qualifier in _AT_LEAST:
        return Quantity(value, None, False, qualifier, rest)
    if qualifier in _OVER:
        return Quantity(value + 1, None, False, qualifier, rest)
    if qualifier in _UNDER:
        return Quantity(None, max(value - 1, 0), True, qualifier, rest)
    if qualifier in _UP_TO:
        return Quantity(None, value, False, qualifier, rest)
    if qualifier in _ABOUT:
        return Quantity(value, value, True, qualifier, rest)
    return Quantity(value, value, False, None, rest)


def number_words(value: int) -> list[str]:
    """The number words that write ``value`` alone ("twelve"; "a" and "an" left out).

    >>> number_words(12), number_words(21)
    (['twelve'], [])
    """
    return [w for w, v in _UNITS.items() if v == value and w not in ("a", "an")]


def conservative_count(minimum: int | None, maximum: int | None) -> int:
    """The count ACLED-style fatalities add: ``min``, else ``max``, else 0.

    >>> conservative_count(451, None), conservative_count(None, 99), conservative_count(None, None)
    (451, 99, 0)
    """
    if minimum is not None:
        return minimum
    return maximum if maximum is not None else 0


def casualty_kind(span_text: str, before: str, after: str) -> tuple[CasualtyKind, float]:
    """What happened to the people counted, from the span and its sentence around it, with the
    prior of the cue it was read from (``KIND_PRIORS``; ``kind_rule`` names the cue).

    ``before`` / ``after`` are the sentence text left and right of the span.

    >>> casualty_kind("at least 7 deaths", "resulted in ", " and dozens of injuries.")
    ('killed', 0.95)
    >>> casualty_kind("over 80 people", "They say ", ", mostly civilians, have been killed")
    ('killed', 0.85)
    >>> casualty_kind("120 people", "", " were displaced")
    ('killed_or_injured', 0.3)
    >>> casualty_kind("4 people", "Shelling hit a market, killing ", " and wounding 9 others.")
    ('killed', 0.85)
    >>> casualty_kind("30 students", "killing one guard and kidnapping ", ".")
    ('detained', 0.85)
    >>> casualty_kind("ten others", "A police officer is killed and ", " are injured.")
    ('injured', 0.85)
    >>> casualty_kind("several others", "Four people are killed and ", " are reported missing.")
    ('killed_or_injured', 0.3)
    >>> casualty_kind("hundreds of protesters", "Police fired tear gas to disperse ", " and "
    ...               "arrested 25 people.")
    ('killed_or_injured', 0.3)
    >>> casualty_kind("Armed men", "", " stormed a village, killing 23 villagers.")  # who did it
    ('killed_or_injured', 0.3)
    >>> casualty_kind("12", "The death toll from the bombing rose to ", " as hospitals treated "
    ...               "dozens of wounded.")[0]
    'killed'
    >>> casualty_kind("both soldiers", "A bomb hit the patrol, killing and injuring ", ".")[0]
    'killed_or_injured'
    >>> casualty_kind("Three soldiers", "", ", who were heavily injured in a PKK attack on "
    ...               "Tuesday, have succumbed to their injuries at hospital.")[0]
    'killed'
    >>> casualty_kind("The wounded insurgent", "", " was detained and treated.")[0]
    'detained'
    >>> casualty_kind("two judges", "The gunmen tried to kill ", ".")  # meant, not done
    ('killed_or_injured', 0.3)
    >>> casualty_kind("at least eight officers", "A policeman shot dead ", ", burned their bodies")
    ('killed', 0.85)
    >>> casualty_kind("Two soldiers", "", " killed in an ambush.")[0]
    'killed'
    >>> casualty_kind("three other guards", "A guard was killed and ", " and one official were "
    ...               "slightly injured.")[0]
    'injured'
    >>> casualty_kind("15 others", "One person was killed while ", ", including three policemen "
    ...               "were seriously injured")[0]
    'injured'
    >>> casualty_kind("thousands of villagers", "12 people have been killed, with ", " fleeing")[0]
    'killed_or_injured'
    >>> casualty_kind("17 others", "20 policemen were killed and ", " were either captured or "
    ...               "wounded.")[0]
    'killed_or_injured'
    >>> casualty_kind("Six Peshmerga", "", " were killed and wounded by a bomb.")[0]
    'killed_or_injured'
    >>> casualty_kind("at least 18 people", "A bomb killed ", " including 8 civilians and 10 "
    ...               "soldiers and another 27 people were wounded.")[0]
    'killed'
    """
    kind, rule = kind_rule(span_text, before, after)
    return kind, KIND_PRIORS[rule]


_BARE_COUNT = re.compile(rf"(?:(?:over|more than|about|some|nearly|almost|at least)\s+)?"
                         rf"(?:{COUNT_WORD}|an?\s+(?:hundred|thousand|dozen))", re.I)
_PEOPLE_AFTER = re.compile(r"^\s+(?:people|persons|men|women|children|guests|residents|"
                           r"civilians|passengers)\b", re.I)


# Some of the wounded counted, who died later: "[two] of the fourteen people wounded in the attack
# died in hospital".
DIED_LATER = r"(?:died|dies|succumbed|succumbs)"  # shared with merging
_OF_THE_WOUNDED_DIED = re.compile(r"\s+of\s+(?:the|those|these)\s+(?:[\w,-]+\s+){0,2}?"
                                  rf"(?:wounded|injured)\b[^.;]{{0,60}}?\b{DIED_LATER}\b",
                                  re.I)


def kind_rule(span_text: str, before: str, after: str) -> tuple[CasualtyKind, str]:
    """``casualty_kind`` with the name of the rule that read it (a key of ``KIND_PRIORS``).

    >>> kind_rule("Armed men", "", " stormed a village, killing 23 villagers.")
    ('killed_or_injured', 'not_harmed')
    >>> kind_rule("TWO SOLDIERS", "WE TOOK ", " PRISONER.")
    ('detained', 'near_cue')
    >>> kind_rule("5 civilians", "a car bomb exploded, killing 7 bodyguards and ",
    ...           " and injuring 15 others.")
    ('killed', 'near_cue')
    >>> kind_rule("over a hundred", "Police said ", " people attended the party, four of whom "
    ...           "were injured.")
    ('killed_or_injured', 'not_harmed')
    >>> kind_rule("three people", "A man stabbed ", " to death at a market.")
    ('killed', 'near_cue')
    """
    after = re.sub(r"^['’]s\b", "", after, flags=re.I)  # "[SOME 40 NEW PEOPLE]'S ARMY REBELS
    # AMBUSHED": the name goes on past the span
    after = _SCARE_QUOTES.sub("", after)  # 'nineteen "terrorists" had been "neutralised"': the
    # words quoted are still the verb
    held = _PASSIVE.match(after)  # "The wounded insurgent was detained": what was done to him
    if _WOUNDED_ADJECTIVE.match(span_text) and held and _kind_in(held["cue"]) == "detained":
        return "detained", "near_cue"
    if _FREED_BEFORE.search(before):  # "rescued [seven abducted women]": taken before, now free
        return "killed_or_injured", "not_harmed"
    if _TAKING_WITH.search(before) and _WITH_THEM.match(after):
        return "detained", "near_cue"  # "withdrew, taking [four peasants] with them"
    if re.search(r"\b(?:took|taking|take|takes)\s+$", before, re.I) and re.match(
            r"\s+(?:prisoners?|hostages?|captives?)\b", after, re.I):
        return "detained", "near_cue"  # "WE TOOK [TWO SOLDIERS] PRISONER"
    if span_text.lower() in ("himself", "herself") and re.search(r"\bblew\s+$|\bblowing\s+$",
                                                                 before, re.I):
        return "killed", "near_cue"  # "A suicide bomber blew [himself] up"
    if _NOT_INCLUDED_BEFORE.search(before) and not _kind_in(span_text):
        return "killed", "near_cue"  # "The figure does not include [the bomber]"
    told = _PARTITIVE_STATE.search(span_text)
    if told and WHO_THEY_WERE.match(after):  # "[Seventeen of the injured] were police officers"
        return _kind_in(told[1]) or "killed_or_injured", "own_words"
    if _OF_THE_WOUNDED_DIED.match(after):
        return "killed", "near_cue"  # "[two] of the fourteen people wounded ... died"
    own = (None if _PARTITIVE_OF.search(span_text)  # "One of the wounded [died]": the verb says
           else _kind_in(_HOSTAGE_NOUN.sub("", span_text)))  # "A teenage hostage was executed"
    if own is not None:
        return own, "own_words"
    after = re.sub(r"^\s*\([^()]*\)", "", after)  # "9 (5 soldiers and 4 civilians) were hurt"
    if re.search(r"\bof(?:\s+the)?$", span_text, re.I) and (
            wounded := _WOUNDED_AFTER_OF.match(after)):
        after = after[wounded.end():]  # "[FOUR OF THE] 9 WOUNDED SOLDIERS LATER DIED": the verb
    after = _DESCRIBED.sub("", after)  # "one of the wounded, a corporal, died"
    listed = after
    after = _APPOSITION.sub("", after)  # "ten people, including five policemen, were injured"
    after = _REDUCED_RELATIVE.sub("", after)  # "the person kidnapped by the gunmen was found dead"
    toll = TOLL_BEFORE.search(before)
    wounded_toll = _WOUNDED_TOLL_BEFORE.search(before)
    if wounded_toll and (toll is None or wounded_toll.start() > toll.start()):
        return "injured", "near_cue"  # "the death toll had risen to 17 ... and the number of
        # wounded to [32]"
    if _HELD_TOLL_BEFORE.search(before) and not toll:
        return "detained", "near_cue"  # "bringing the number of people abducted to [16]"
    if (toll and re.match(r"total\b", toll.group(0), re.I)
            and (DETAINED.search(before, 0, toll.start())
                 or _PICKED_UP.search(before, 0, toll.start()))
            and not KILLED.search(before, 0, toll.start())):
        return "detained", "near_cue"  # "17 more were picked up ..., bringing the total to [58]"
    if toll and (toll["what"] or "").strip().lower() != "casualty":
        return "killed", "near_cue"  # "the death toll ... rose to 12", "bringing the toll to 7"
    governing = _GOVERNING.search(before)
    if governing and INTENT_BEFORE.search(before, 0, governing.start("cue")):
        return "killed_or_injured", "not_harmed"  # "attempted to kill 5 people"
    joined = _SHARED_SUBJECT.match(after)  # "157 soldiers and police officers were left missing"
    if _BARE_COUNT.fullmatch(span_text.strip()):  # "[over a hundred] people attended": the noun
        after = _PEOPLE_AFTER.sub("", after, count=1)  # the span left out is no cue
    if (_NOT_HARMED.match(after) or _NOT_HARMED_BEFORE.search(before)
            or (joined and _NOT_HARMED.match(after[joined.end():]))
            or (not governing and _AGENT_AFTER.match(after))):  # "shot dead eight officers,
        if (_NOT_HARMED_BEFORE.search(before) and (all_of := _THEM_ALL.match(after))
                and (kind := _kind_in(all_of["cue"]))):
            return kind, "near_cue"  # "opened fire on [two civilians], killing them both"
        return "killed_or_injured", "not_harmed"  # burned their bodies": the object, no agent
    if _TAKEN_THEN_KILLED.match(after) or (_TAKING.search(before)
                                            and _THEN_KILLED_THEM.match(after)):
        return "killed", "near_cue"  # "was kidnapped and later executed", "abducted a teenager
        # and later shot him dead"
    if _SUCCUMBED.match(after):  # "Three soldiers, who were injured ..., have succumbed"
        return "killed", "near_cue"
    if _TO_HOSPITAL_AFTER.match(after):  # "killing four people and sending [42] to the hospital",
        return "injured", "near_cue"  # "[12 other people] being transported to hospital"
    if _BODIES_OF.search(before) or (_BURNED.search(before) and re.match(r"\s+alive\b", after)):
        return "killed", "near_cue"  # "the bodies of [seven peasants]", "burned [eight] alive"
    passive = None if re.search(r"(?:\band|\bor|,)\s*$", span_text) else _PASSIVE.match(after)
    if passive and governing and not _AUXILIARY.match(passive.group(0)):
        passive = None  # "has killed [two citizens] kidnapped last month": a participle that
        # tells what was done to them before; the verb before the count is its own
    if passive and governing and _COUNT_NEXT.match(after, passive.end()):
        passive = None  # "kills [2 children] wounds 6 others": the verb after has its own count
    if passive and governing and after != listed and not _PASSIVE.match(listed):
        passive = None  # "killed [at least 18 people] including 8 civilians ... and another 27
        # people were wounded": the verb before the count is its own
    if passive:  # "killed 10 and| wounded 20": the verb after the span is not its own
        kind = _kind_in(passive.group("cue"))
        if kind == "injured" and re.search(r"\b(?:fatally|mortally)\s", passive.group(0), re.I):
            kind = "killed"  # "was fatally wounded"
        other = _OR_CUE.match(after, passive.end())
        if other and _COUNT_NEXT.match(after, other.end()):
            other = None  # "left [4 fighters] dead and injured 3": the second verb's own count
        second = _kind_in(other.group("cue")) if other else None
        if kind is not None and second not in (None, kind) and (
                other.group("conj").lower() == "or" or {kind, second} == {"killed", "injured"}):
            return "killed_or_injured", "mixed_cue"  # "were either captured or wounded", "were
            # killed and wounded"
        if kind is not None:
            return kind, "near_cue"
    shared = (None if governing or not _CLAUSE_END.search(before)
              else _SHARED_SUBJECT.match(after))
    if shared and (passive := _PASSIVE.match(after[shared.end() :])):
        kind = _kind_in(passive.group("cue"))  # "three guards and one official were injured"
        if kind is not None:
            return kind, "near_cue"
    conjoined = None if governing else _CONJOINED_OBJECT.search(before)
    if conjoined and _NEXT_VERB_COUNT.match(after):  # "killing 7 bodyguards and [5 civilians]
        kind = _kind_in(conjoined["cue"])  # and injuring 15 others": the first verb's object
        if kind is not None:
            return kind, "near_cue"
    if re.match(r"\s+to\s+death\b", after, re.I):
        return "killed", "near_cue"  # "stabbed [three people] to death", "beat [a man] to death"
    if not governing and _IN_HOSPITAL_AFTER.match(after):
        return "injured", "near_cue"  # "Three militants were killed, and [five officers] remain
        # in hospital": the state after the count is its own
    if governing and _MIXED_BEFORE.search(before, 0, governing.start()):
        return "killed_or_injured", "mixed_cue"  # "killing and injuring both soldiers"
    if governing and not re.search(r"\b(?:or|and/or)\s+$", before[: governing.start()]):
        kind = _kind_in(governing.group("cue"))
        if kind is not None:
            return kind, "near_cue"
    cues: list[tuple[int, CasualtyKind]] = []
    for pattern, kind in ((BOTH, "killed_or_injured"), (KILLED, "killed"), (INJURED, "injured"),
                          (DETAINED, "detained")):
        cues += [(m.start(), kind) for m in pattern.finditer(after)]  # type: ignore[misc]
        cues += [(len(before) - m.end(), kind) for m in pattern.finditer(before)]  # type: ignore[misc]
    if not cues:
        return "killed_or_injured", "no_cue"
    distance, kind = min(cues, key=lambda cue: cue[0])
    if kind == "detained":
        return kind, "near_cue" if distance <= NEAR_CUE_CHARS else "far_cue"
    both = {k for d, k in cues if d <= distance + 12}
    if {"killed", "injured"} <= both:
        return "killed_or_injured", "both_cues"
    return kind, "near_cue" if distance <= NEAR_CUE_CHARS else "far_cue"


def counts_things(rest: str, after: str) -> bool:
    """Whether a count counts things, not people: ``rest`` is the words of its span after the
    number (``Quantity.rest``), ``after`` the text after the span. "Two explosions", "three
    times", "two vehicles", a unit's number ("13 Sikh Light Infantry").

    >>> counts_things("", " explosions caused by car bombs"), counts_things("", " others")
    (True, False)
    >>> counts_things("sikh light infantry", " was"), counts_things("soldiers", "")
    (True, False)
    >>> counts_things("", " bomb disposal experts were killed")  # the noun is "experts"
    False
    >>> counts_things("", " children herding goats")  # people, then what they did
    False
    >>> counts_things("children herding goats", ""), counts_things("", " over two days")
    (False, False)
    >>> counts_things("", " ATTACKS AGAINST PUBLIC AND PRIVATE PROPERTY")
    True
    >>> counts_things("", " murders per 100,000 inhabitants")  # a rate
    True
    >>> counts_things("", " RR apprehended two terrorist associates")  # 29 Rashtriya Rifles
    True
    >>> counts_things("", " of homes ablaze"), counts_things("", " of civilians")
    (True, False)
    >>> counts_things("head", " of cattle were taken")
    True
    >>> counts_things("", " Egyptian military convoys, killing 18")
    True
    >>> counts_things("separatist militant", " attack in the Nduga Regency")
    True
    >>> counts_things("", " (12) motorcycles and a logistics depot")
    True
    """
    if not rest:
        after = re.sub(rf"^\s*{REPEATED_FIGURES}", "", after)  # "destroyed [twelve] (12)
        # motorcycles"
    if not rest and re.match(r"\s*(?:%|per ?cent\b)", after):
        return True  # "58% of the casualties"
    if _RATE.match(f" {rest} {after}" if rest else after):
        return True  # "a rate of 23 murders per 100,000 inhabitants"
    if not rest and re.match(rf"\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?{_THING_NOUNS}\b", after, re.I):
        return True  # "setting [dozens] of homes ablaze"
    if not rest and _UNIT_AFTER.match(after):
        return True  # "Baramulla Police along with 29 RR": a unit's number
    if rest.lower() == "head" and re.match(rf"\s+of\s+{_THING_NOUNS}\b", after, re.I):
        return True  # "[about 300 head] of cattle"
    if _ATTRIBUTIVE.match(after) and not _PLURAL_NOUN.search(rest.lower()):
        return True  # "in a [separatist militant] attack": the words name no one harmed
    first = re.match(r"\s*([\w'’-]+)", rest or after)
    things = None if rest else _COUNTS_THINGS.match(after)
    if (things and first and not _PREPOSITION.fullmatch(first[1])
            and not any(_PLURAL_NOUN.search(w.lower()) for w in things[0].split()[:-1])):
        return True  # "three Egyptian military convoys": not "three children herding goats"
    if first and (_people_word(first[1]) or _PREPOSITION.fullmatch(first[1])):
        return False  # "three children herding goats", "injured 146 over two days"
    if _UNIT.search(rest) or _THINGS.search(rest):
        return True
    return not rest and bool(_COUNTS_THINGS.match(after))


# A head noun right after the span: the span is its modifier ("a separatist militant attack").
_ATTRIBUTIVE = re.compile(r"\s+(?:attacks?|bombings?|raids?|assaults?|ambush(?:es)?|offensives?|"
                          r"groups?|organi[sz]ations?|cells?|camps?|hideouts?|bases?|"
                          r"strongholds?|outfits?|networks?|movements?|insurgency)\b", re.I)
_PREPOSITION = re.compile(r"(?:over|in|at|on|during|for|across|since|after|before|near|from)",
                          re.I)


def _people_word(word: str) -> bool:
    word = word.lower()
    return bool(_PLURAL_NOUN.search(word) or _PERSON_NOUN.search(word))


def _kind_in(text: str) -> CasualtyKind | None:
    if DETAINED.search(text) and not KILLED.search(text):
        return "detained"
    killed, injured = KILLED.search(text), INJURED.search(text)
    if BOTH.search(text) or (killed and injured):
        return "killed_or_injured"
    return "killed" if killed else "injured" if injured else None


# The people a partitive counts from, told unharmed: "over a hundred people attended the party,
# [four] of whom were injured" (the four are the harmed, not part of a harmed count).
_UNHARMED_GROUP = re.compile(
    rf"\b(?:{COUNT_WORD}|hundred|thousand|dozen)\s+(?:[\w-]+\s+){{0,2}}?(?:attended|gathered|"
    r"were (?:on board|inside|present)|were travelling|lived|live|work(?:ed)?)\b[^.;:]*,\s*$",
    re.I)


def is_subset(before: str, after: str) -> bool:
    """Whether a count is part of another in its sentence ('including 44 civilians').

    >>> is_subset("claimed at least 327 lives, including ", "."), is_subset("", " were among")
    (True, True)
    >>> is_subset("19 people, including eight police officers and ", ""), is_subset("9 (5 and ", "")
    (True, True)
    >>> is_subset("Two army men, including an ", ", were killed")
    True
    >>> is_subset("Four villagers, among them a ", ", were killed")  # "12-year-old boy"
    True
    >>> is_subset("THE KIDNAPPED MEN WERE IDENTIFIED AS CARLOS RESTREPO, A COLOMBIAN, AND ", "")
    True
    >>> is_subset("Four people, including a mother and her ", ", were killed")  # "two children"
    True
    >>> is_subset("An air strike killed seven members of ", " family")  # "one family"
    True
    >>> is_subset("The 12 dead included three women and ", ".")  # "a traffic policeman"
    True
    >>> is_subset("THE TWO DEAD, A MAN AND ", ", HAVE NOT YET BEEN IDENTIFIED")  # "A WOMAN"
    True
    >>> is_subset("KILLING 14 PEASANTS, AMONG THEM THE COMMUNITY'S MAYOR AND ", ".")
    True
    >>> is_subset("Nine fighters died in clashes on Saturday: ", " ELN guerrillas and four")
    True
    >>> is_subset("50 others were wounded, ", " of them critically")  # "several"
    True
    >>> is_subset("pursued the attackers and killed ", " of them")  # "two": a count of its own
    False
    >>> is_subset("the 17 wounded had been treated, and ", " of them were in serious condition")
    True
    >>> is_subset("over a hundred people attended the party, ", " of whom were injured")  # "four"
    False
    >>> is_subset("killed 12 people - ", " and four civilians caught in the crossfire - residents")
    True
    >>> is_subset("killed 5 soldiers - ", " were wounded, officials said.")  # "three others"
    False
    >>> is_subset("Two people, a ", " and a police officer, were killed")  # "young man"
    True
    """
    return bool(_SUBSET_BEFORE.search(before) or _SUBSET_AFTER.match(after)
                or (re.search(r",\s*$", before) and _OF_THEM.match(after)
                    and not _OPENING_WORD.fullmatch(before)  # not "Sadly, [one] of them"
                    and not _UNHARMED_GROUP.search(before))
                or _OF_THE_COUNTED.search(before)
                or _OF_THE_COUNTED_STATE.match(after)
                or _OF_THEM_STATE.match(after)
                or (":" in before and _COLON_BREAKDOWN.search(before))
                or (bool(_DASH_BREAKDOWN.search(before)) and bool(_DASH_CLOSES.match(after))))
