"""Counts of people the tagger did not mark, found next to a casualty verb: a fallback.

The tagger learns CASUALTY spans from annotated articles and still misses some, most often a
single victim (``A teacher was killed``) or a bare number after a verb (``killing 13 and
wounding 25``). This finder reads three shapes around the verbs of ``casualties.py`` and keeps
a candidate only when ``parse_quantity`` reads a count in it and no span of the article
overlaps it:

- passive: ``<count> (was|were|are|is|has been|have been) [adverb] killed|wounded|...``;
- governed: ``killing|killed|wounding|kidnapped|... <count>`` up to the next comma, clause word or
  stop;
- shot dead: ``shot <count> dead`` (``shot a civilian dead``);
- into custody: ``took <count> into custody``;
- elliptical: ``<number> killed|wounded|dead|taken prisoner`` (``12 wounded``);
- toll: ``the death toll ... rose to|stood at <count>``, ``bringing the toll to <count>``;
- one person named by a role: ``A member of the council was shot dead``, ``gunmen killed the
  deputy commander of the station``;
- bodies: ``the bodies of a father and his two sons were found``; people burned alive.

Its spans carry no score; the events read from them take the kind rule's prior alone as their
confidence. Years, clock times and numbers glued to units are never counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.events.casualties import (
    COUNT_QUALIFIERS,
    HARM_VERBS,
    HELD_TOLL,
    INTENT_BEFORE,
    NOT_INCLUDED,
    NUMBER_WORDS,
    OF_THE_WOUNDED,
    REPEATED_FIGURES,
    THE_ATTACKER,
    TO_DEATH,
    TO_DEATH_VERBS,
    TOLL_RISE,
    TOLL_TO,
    TOLL_WORDS,
    counts_things,
    one_person,
    parse_quantity,
)
from model.types import Span

_CARDINAL = (r"\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
             r"forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens|scores|hundreds")
_NUMBER_WORD = rf"(?:{_CARDINAL}|several|many|multiple|numerous|a|an|another)"
_TOLL_NUMBER = rf"(?:{_CARDINAL})"  # a toll is a number: not "a", "several"
_QUALIFIER = rf"(?:{COUNT_QUALIFIERS}\s+)?"
# A count and up to five words of who was counted, ending before the verb.
# Not "no one was injured", "not one was hurt", nor the object of a preposition ("a lawmaker
# from a regional parliament was killed"): the words just before a subject (``_negated``).
_NOT = re.compile(r"\b(?:no|not|from|of|in|at|with|for|by)\s$", re.I)
_PASSIVE = re.compile(
    rf"(?<![\w-])(?P<np>{_QUALIFIER}{_NUMBER_WORD}\b(?:[\s-]+(?!(?:was|were|is|are|has|have|"
    rf"had|and|or|who|which)\b)[\w'’-]+){{0,5}}?)"
    r"(?:\s*,\s*(?:most|many|some|all|several|none|one|two|three) of them [^,.;:]{1,40},)?"
    rf"\s+(?:was|were|is|are|has been|have been|"
    rf"had been)\s+(?:left\s+)?(?:\w+ly\s+|all\s+|later\s+)?(?:{HARM_VERBS}|found dead)\b",
    re.IGNORECASE)
# Words that end a governed count ("injured 146 over two days").
_AFTER_COUNT = (r"(?:and|or|in|at|on|near|while|when|after|as|during|with|including|from|by|who|to|"
                r"which|before|outside|inside|but|over|across|throughout|since|overnight|"
                r"yesterday|today|last)")
_GOVERNED = re.compile(
    rf"\b{HARM_VERBS}\s+(?P<np>{_QUALIFIER}{_NUMBER_WORD}\b(?:[\s-]+(?!{_AFTER_COUNT}\b)"
    rf"[\w'’/-]+){{0,5}}?)(?=\s*[,.;:)]|\s+{_AFTER_COUNT}\b|\s*\(|\s*$)",  # "Boko Haram/ISWAP"
    re.IGNORECASE)
_ELLIPTICAL = re.compile(
    rf"(?<![\w-])(?P<np>{_QUALIFIER}(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozens|hundreds)|(?<=\band\s)another)"
    r"\s+(?:others?\s+)?(?:(?:critically|seriously|severely|badly|slightly|lightly)\s+)?"
    r"(?:killed|dead|wounded|injured|taken prisoner)\b(?!\s+(?:\d|at least\b|an?\b|one\b|two\b|"
    r"three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b))",  # not "another [bomb] killed 2"
    re.IGNORECASE)  # "... dead and [another] wounded"
# A toll that rose or stood at a number: ``the death toll ... rose to 23``.
# The dead named by their bodies: "the decapitated bodies of a father and his two sons were
# found", "the bodies of seven peasants"; people burned alive.
_BODIES = re.compile(
    r"\b(?:bodies|body|corpses?|remains)\s+of\s+(?P<np>(?:a|an|one|the|\d[\d,]*|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|"
    rf"{COUNT_QUALIFIERS})\b(?:[\s-]+(?!(?:were|was|are|is|have|has|had|who|which|that|in|at|"
    r"on|near|lying|found|from|\w+ed|\w+ly)\b)[\w'’-]+){0,6}?)(?=\s+(?:were|was|have|has|had|"
    r"who|which|that|in|at|on|near|lying|found|from|\w+ed|\w+ly)\b|\s*[,.;:])", re.IGNORECASE)
# Some of the wounded who died later: "one of the wounded, a corporal, died this morning".
_WOUNDED_DIED = re.compile(
    rf"(?<![\w-])(?P<np>{_NUMBER_WORD} {OF_THE_WOUNDED}"
    r"(?: (?!later|had|have|has|died|succumbed)[\w'’-]+)?)(?:\s*,[^,.;:]{1,40},)?\s+"
    r"(?:later\s+|subsequently\s+|also\s+|had\s+|have\s+|has\s+)?(?:died|succumbed)\b",
    re.IGNORECASE)
# An attacker left out of a toll told: "The figure does not include the bomber, who was also
# killed"; a suicide bomber is dead without saying so ("... does not include the bomber." in a
# story of a suicide bombing).
_NOT_INCLUDED = re.compile(
    rf"{NOT_INCLUDED}(?P<np>{THE_ATTACKER})\b"
    r"(?P<dead>(?=[^.;]{0,30}\b(?:killed|dead|died)\b))?", re.IGNORECASE)
_SUICIDE = re.compile(r"\bsuicide\s+(?:bomb|attack|car|truck|vest)", re.IGNORECASE)


def _count_between(verbs: str, closing: str, stop: str, words: int) -> re.Pattern[str]:
    """A count (``np``) between a verb and the words that close it, up to ``words`` more words
    after its number, none of them ``stop``."""
    return re.compile(
        rf"\b(?:{verbs})\s+(?P<np>{_QUALIFIER}{_NUMBER_WORD}\b"
        rf"(?:[\s-]+(?!{stop})[\w'’-]+){{0,{words}}}?)\s+{closing}\b", re.IGNORECASE)


# "shot a civilian dead", "shot two policemen dead": the count between the verb and "dead".
_SHOT_DEAD = _count_between(r"shot|shooting|shoots|gunned", r"(?:down\s+)?dead",
                            r"dead\b|down\b", 4)
# "beat a man to death", "hacked two farmers to death": the count between the verb and "to death".
_TO_DEATH = _count_between(TO_DEATH_VERBS, r"to\s+death", r"to\b", 4)
# "took a weapons facilitator and two of his associates into custody".
_INTO_CUSTODY = _count_between(r"took|taken|taking|take|takes", r"into\s+(?:\w+\s+)?custody",
                               r"into\b", 12)
# The toll of people held: "the number detained during the dispersal had reached 61".
_HELD = re.compile(rf"{HELD_TOLL}[^.;]{{0,60}}?\b{TOLL_TO}"
                   rf"(?P<np>{_QUALIFIER}(?:\d[\d,]*|{_NUMBER_WORD}))\b", re.IGNORECASE)
_ALIVE = re.compile(r"\bburn(?:ed|t|ing)\s+(?P<np>[\w'’-]+(?:\s+[\w'’-]+){0,2}?)\s+alive\b", re.I)
_TOLL = re.compile(
    rf"\b{TOLL_WORDS}\b(?:[^.;]{{0,100}}?\b(?:{TOLL_RISE}|stood|stands|is|was|now|at)\s+"
    r"(?:to\s+|at\s+)?|(?:\s+(?:among|of)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?\s+to\s+)"
    rf"(?P<np>{_QUALIFIER}{_TOLL_NUMBER})\b", re.IGNORECASE)  # "the death toll among the
# security forces to 22" (a toll is a number: "the death toll from the bombing at a market" is not
# "a")
# One person named by a role, as the subject of a passive ("A member of the local council was
# shot dead", "The head of the district's police was killed", "A soldier, Sepoy Ali Khan, 24,
# was martyred", "His bodyguard, a police agent, was wounded") or the object of a harm verb
# ("gunmen shot and killed the deputy commander of the station"): the span is the noun phrase
# up to its head, which must name a person (``one_person``).
_KILLING = rf"(?:{HARM_VERBS}|found dead|{TO_DEATH}|shot)"
_ROLE = (r"(?:[Aa]n?|[Tt]he|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir)\s+"
         r"(?:(?:[\w'’-]+|(?:[A-Za-z]\.){1,3}|[A-Z][a-z]{0,3}\.|\([A-Z]{2,6}\))\s+){0,5}?[\w'’-]+"
         r"(?:\s+and\s+(?:his|her|their|a|an|one)\s+[\w'’-]+)?")
_ROLE_PASSIVE = re.compile(
    rf"(?<![\w-])(?P<np>{_ROLE})"
    r"(?:\s+(?:of|from|in|at|with|for|identified as|named|belonging to|working for|known as|"
    r"who|\w+ing|\w+ed\s+by|hit\s+by|struck\s+by|caught\s+in)\b"
    r"[^.;:!?]{0,120}?|,\s+(?:who|together with|along with)\b[^.;:!?]{0,80}?,"
    r"|,\s+(?:(?-i:[A-Z])|(?:a|an|the)\s)[^.;:!?]{0,80}?,"
    r"(?=\s+(?:was|is|has been|had been)\s|\s+(?:later\s+|subsequently\s+)?died\b))?,?\s+"
    rf"(?:(?:was|is|were|are|has been|had been|have been)\s+(?:\w+ly\s+|also\s+)?{_KILLING}|"
    r"(?:sustained|suffered|received)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}(?:wounds?|injur(?:y|ies))|"
    r"(?:was|is)\s+(?:being\s+)?treated\s+for\s+(?:[\w-]+\s+){0,2}(?:injuries|wounds)|"
    r"(?:later\s+|subsequently\s+|also\s+)?died|fell\s+(?:heroically|in\s+(?:combat|action|"
    r"battle)))\b")
# One person named, then described: "Mullah Abdul, a senior Taliban leader, was killed", "killed
# Abu Bakr, an al-Qaeda operative, and two other insurgents", "confirmed the death of Qari Zia";
# or named with a title before: "Attorney General Roberto Garcia Alvarado was killed".
_NAME = r"(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
# the span: the name, an age maybe ("Ananta Bijoy Das, 30, a blogger"), and its apposition
_APPOSITION = r"(?:,\s+\d{1,3})?,\s+(?:a|an|the)\s+[^,;.()]{2,60}"
_NAMED_START = re.compile(  # tried at clause starts only (``_clause_starts``)
    rf"(?P<np>{_NAME}{_APPOSITION}),\s+(?:(?:was|has been|had been)\s+(?:\w+ly\s+)?{_KILLING}|"
    r"fell\s+(?:heroically|in\s+(?:combat|action|battle)))\b"
    rf"|(?P<np4>(?-i:(?:[A-Z][\w'’-]*\s+){{0,2}}(?:[a-z][\w'’-]*\s+){{0,4}}"
    rf"(?!(?:The|A|An|This|That|One)\b)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,5}}))"
    rf"(?:,\s+\d{{1,3}},)?\s+(?:was|is|has been|had been)\s+(?:\w+ly\s+)?{_KILLING}\b",
    re.IGNORECASE)
# The objects below are read right after a harm verb (``_HARM_AT``), found once per text.
_HARM_AT = re.compile(
    rf"\b(?:{HARM_VERBS}|{TO_DEATH}|shot)\s+"
    rf"|\b(?:{TO_DEATH_VERBS})\s+(?=(?:him|her)\s+to\s+death\b)", re.I)  # "beat him to death"
_NAMED_OBJECT = re.compile(
    rf"(?P<np2>{_NAME}{_APPOSITION})(?=,|\s+and\b)"
    rf"|(?P<np5>{_NAME}\s+and\s+(?:his|her|their)\s+[\w'’-]+)", re.IGNORECASE)
_DEATH_OF = re.compile(
    rf"\b(?:confirm|announc|report|verifi)\w*\s+the\s+death\s+of\s+"
    rf"(?P<np3>{_NAME}(?:{_APPOSITION}(?=,))?)", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"(?:[.;:!?\]]|[-–—])\s+|\n\s*|\b(?:regret to (?:report|announce|"
                             r"inform)|reported|announced|confirmed|said) that\s+", re.I)
# One person by a role word and a name: "kidnapped businessman Jose Lopez", "killed journalist
# Ali Hassan" (the role word must name a person: ``one_person``).
_ROLE_NAMED = re.compile(
    r"(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,2}(?P<role>[a-z][\w'’-]*)"
    r"\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_AND_ONE_MORE = (  # "and his driver", then "and a police officer"
    re.compile(r"\s+and\s+(?P<np>(?:his|her|their|a|an)\s+(?P<noun>[\w'’-]+))"),
    re.compile(r"\s+and\s+(?P<np>(?:his|her|their|a|an)\s+[\w'’-]+\s+(?P<noun>[\w'’-]+))"))
# One person more in a list after a count, the list ending in "and": "killing two soldiers, a
# border policeman, and a security guard".
_LIST_ONE = re.compile(r",\s+(?P<np>(?:a|an|one)\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>[\w'’-]+))"
                       r"(?=,|\s+and\b)")
_LIST_LAST = re.compile(r",?\s+and\s+(?P<np>(?:a|an|one|his|her|their|the)(?:\s+[\w'’-]+){1,4})")
# "[TEXT] The mayor", "reported that a child died"
_CLAUSE_START = re.compile(r"(?:^|[.;:!?,\]]\s|[-–—]\s|\b(?:and|that)\s|\n)$")
# The object: the article and up to four words; the span ends at the first person noun.
_ROLE_OBJECT = re.compile(r"(?P<np>(?:the|a|an|his|her|their)(?:\s+[\w'’-]+){1,4})",
                          re.IGNORECASE)
# One person as a pronoun object ("killing her", "shot him dead"), or left dead or killed
# ("left a person dead", "left an Army lieutenant killed").
_PRONOUN_OBJECT = re.compile(r"(?P<np>him|her)\b(?!\s+(?:to(?!\s+death\b)|into|for|with|of)\b)",
                             re.IGNORECASE)
# The attacker killed, told by a pronoun ("killed five people ... before he was shot dead by
# police") or by himself ("blew himself up", "killing himself and five others").
_PRONOUN_SUBJECT = re.compile(r"(?<![\w-])(?P<np>he|she)\s+(?:was|had been)\s+(?:\w+ly\s+)?"
                              r"(?:shot dead|shot and killed|killed|gunned down)\b", re.I)
_SELF = re.compile(r"\b(?:blew|blowing|blown)\s+(?P<np>himself|herself)\s+up\b"
                   r"|\b(?:killing|killed)\s+(?P<np2>himself|herself)\b", re.I)
# Soldiers named with a note in brackets before the words that say they fell: "Sepoy X (age 24
# years, resident of District Karak) and Lance Naik Y (...), having fought gallantly, embraced
# shahadat".
_FELL = re.compile(r"\b(?:(?:embraced|attained)\s+(?:shahadat|martyrdom)|laid\s+down\s+"
                   r"(?:his|their)\s+"
                   r"lives?)\b", re.I)
_NAMED_NOTE = re.compile(r"(?P<np>(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,5}))\s*"
                         r"\([^()]{2,80}\)")
_LEFT = re.compile(r"\b(?:left|leaving)\s+(?P<np>(?:a|an|one)\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+|"
                   r"him|her)\s+(?:shot\s+)?(?:dead|killed|wounded|injured)\b", re.IGNORECASE)
_NOT_PEOPLE = re.compile(
    r"^\D*(?:1[89]\d\d|20\d\d)\b|\d\s*(?:am|pm|a\.m\.|p\.m\.|km|kilometres|kilometers|miles|"
    r"metres|meters|percent|%|hours|minutes|days|weeks|months|years)\b|\d:\d",
    re.IGNORECASE)
_MAX_WORDS = 7
# The words of a report before the person it tells of: "a spokesman said [a woman] was held".
_REPORTED = re.compile(r"(?:.*\s)?(?:said|says|told|added|stated|reported|confirmed)\s+"
                       r"(?:that\s+)?(?=(?:a|an|the|one)\s)", re.I)


# A count written in words and again in figures, as releases do: "four (4) others were wounded".
_FIGURES = re.compile(rf"\s{REPEATED_FIGURES}(?=\s+(?:others?|more|of|were|was|are|is|had|have|has|"
                      r"killed|wounded|injured|dead|died)\b)", re.I)  # not "two (2) cadres of
# the proscribed PLA", which the patterns read as the count before the brackets
_WORD_BEFORE = re.compile(rf"\b(?:{NUMBER_WORDS})$", re.I)


def _figures_blanked(text: str) -> str:
    """``text`` with the figures after a count in words blanked (same length, so offsets hold):
    the finder's patterns then read "four (4) others were wounded" as "four others ...".

    >>> _figures_blanked("four (4) others were wounded, 2 (two) killed")
    'four     others were wounded, 2 (two) killed'
    """
    if "(" not in text:
        return text
    return _FIGURES.sub(lambda m: " " * len(m.group()) if _WORD_BEFORE.search(
        text, max(0, m.start() - 12), m.start()) else m.group(), text)


def with_found_casualties(
    text: str, spans: Sequence[Span], *, blocked: Sequence[Span] = ()
) -> list[Span]:
    """``spans`` and the counts the finder adds; an ACTOR span inside a found count gives way
    to it (people counted as casualties are inside the CASUALTY span, ``LABELS.md``). Nothing
    is added over a ``blocked`` span (one the caller dropped as too unsure).

    >>> text = "A village defence volunteer was shot dead."
    >>> actor = Span(start=2, end=27, label="ACTOR")
    >>> [(text[s.start:s.end], s.label) for s in with_found_casualties(text, [actor])]
    [('A village defence volunteer', 'CASUALTY')]
    """
    spans = [part for s in _joined_partitives(text, spans) for part in _split_listed(text, s)]
    kept = [s for s in spans if s.label != "ACTOR"]
    view = _figures_blanked(case_view(text, spans))
    found = find_casualty_spans(view, [*kept, *blocked])
    unread = [s for s in kept if s.label == "CASUALTY" and not _count(text[s.start:s.end])]
    if unread:  # a span with no count ("senior Taliban") gives way to the person found there
        readable = [s for s in kept if s not in unread]
        more = [f for u in unread for f in _found_around(view, u, [*readable, *blocked])
                if f.start <= u.start and u.end <= f.end]
        kept = [s for s in kept if not any(f.start <= s.start and s.end <= f.end for f in more)]
        found = sorted([*more, *(f for f in found if not _overlaps(
            f.start, f.end, [(m.start, m.end) for m in more]))], key=lambda f: f.start)
    actors = [s for s in spans if s.label == "ACTOR"
              and not any(f.start <= s.start and s.end <= f.end for f in found)]
    found = [f for f in found if not _overlaps(f.start, f.end, [(a.start, a.end) for a in actors])]
    return sorted([*kept, *actors, *found], key=lambda s: (s.start, s.end))


def _found_around(text: str, span: Span, taken: Sequence[Span]) -> list[Span]:
    """``find_casualty_spans`` over the sentence around ``span`` alone (offsets into ``text``)."""
    start = max(text.rfind(". ", 0, span.start) + 2, text.rfind("\n", 0, span.start) + 1, 0)
    ends = [i for i in (text.find(". ", span.end), text.find("\n", span.end)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    inside = [s.model_copy(update={"start": s.start - start, "end": s.end - start})
              for s in taken if start <= s.start and s.end <= end]
    return [f.model_copy(update={"start": f.start + start, "end": f.end + start})
            for f in find_casualty_spans(text[start:end], inside)]


_ENDS_OF = re.compile(r"\s+of$", re.I)  # "[FOUR OF] THEM", "[ONE OF] THE [ATTACKERS]"
_PARTITIVE_GAP = re.compile(r"\s+(?:the\s+|his\s+|her\s+|their\s+)?$", re.I)


def _joined_partitives(text: str, spans: Sequence[Span]) -> list[Span]:
    """A partitive the tagger cut in two as one span: ``[ONE OF] THE [ATTACKERS]``.

    >>> text = "ONE OF THE ATTACKERS WAS KILLED"
    >>> cut = [Span(start=0, end=6, label="CASUALTY"), Span(start=11, end=20, label="CASUALTY")]
    >>> [text[s.start:s.end] for s in _joined_partitives(text, cut)]
    ['ONE OF THE ATTACKERS']
    >>> text = "NINE PEOPLE WERE WOUNDED, FOUR OF THEM SERIOUSLY"
    >>> [text[s.start:s.end] for s in _joined_partitives(text, [Span(start=26, end=33,
    ...                                                               label="CASUALTY")])]
    ['FOUR']
    """
    joined: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        ends_of = span.label == "CASUALTY" and _ENDS_OF.search(text, span.start, span.end)
        if ends_of and re.match(r"\s+them\b", text[span.end:], re.I):
            span = span.model_copy(update={"end": ends_of.start()})  # "[FOUR OF] THEM": four
        last = joined[-1] if joined else None
        if (last is not None and last.label == span.label == "CASUALTY" and last.end <= span.start
                and _ENDS_OF.search(text, last.start, last.end)
                and _PARTITIVE_GAP.fullmatch(" " + text[last.end:span.start])):
            joined[-1] = last.model_copy(update={"end": span.end, "score": min(
                (x for x in (last.score, span.score) if x is not None), default=None)})
            continue
        joined.append(span)
    return joined


# Two counts the tagger read as one span: "killing [five, wounding eleven], and kidnapping ...".
_LISTED_VERB = re.compile(rf"(?:,\s+(?:and\s+)?|\s+and\s+){HARM_VERBS}\s+", re.I)


def _split_listed(text: str, span: Span) -> list[Span]:
    """A CASUALTY span that holds a harm verb between two counts, as the two counts.

    >>> text = "killing five, wounding eleven, and kidnapping eight soldiers"
    >>> [text[s.start:s.end] for s in _split_listed(text, Span(start=8, end=29, label="CASUALTY"))]
    ['five', 'eleven']
    """
    if span.label != "CASUALTY":
        return [span]
    m = _LISTED_VERB.search(text, span.start, span.end)
    if m is None or m.start() == span.start or m.end() >= span.end:
        return [span]
    if not (_count(text[span.start : m.start()]) and _count(text[m.end() : span.end])):
        return [span]
    return [span.model_copy(update={"end": m.start()}),
            span.model_copy(update={"start": m.end()})]


_CAPITALS = 0.8  # a text whose letters are this share capitals or more is written in capitals
_LOWER, _UPPER = re.compile(r"[a-z]"), re.compile(r"[A-Z]")  # ASCII letters: enough to judge


def case_view(text: str, spans: Sequence[Span]) -> str:
    """A text written in capitals (``UNIDENTIFIED GUNMEN MURDERED TRADE UNION LEADER JUAN
    PEREZ``, as old wire copy is) as the finder's patterns read names: lower case but for the
    tagged names (ACTOR and LOCATION spans). Other texts as they are. Offsets do not move.

    >>> text = "GUNMEN MURDERED TRADE UNION LEADER JUAN PEREZ."
    >>> case_view(text, [Span(start=35, end=45, label="ACTOR")])
    'gunmen murdered trade union leader JUAN PEREZ.'
    """
    lower = len(_LOWER.findall(text))
    if lower > (1 - _CAPITALS) * (lower + len(_UPPER.findall(text))) or not _UPPER.search(text):
        return text
    view = list(text.lower())
    if len(view) != len(text):  # a letter whose lower case is longer: read the text as it is
        return text
    for span in spans:
        if span.label in ("ACTOR", "LOCATION"):
            view[span.start : span.end] = text[span.start : span.end]
    return "".join(view)


# The words (lower case) without one of which a pattern cannot match: a text with none is not
# scanned with it.
_NEEDED: dict[re.Pattern[str], tuple[str, ...]] = {
    _SHOT_DEAD: ("shot", "shoot", "gunned"),
    _TO_DEATH: ("death",),
    _INTO_CUSTODY: ("custody",),
    _TOLL: ("toll", "number of", "total"),
    _HELD: ("number",),
    _BODIES: ("bod", "corpse", "remains"),
    _ALIVE: ("alive",),
    _WOUNDED_DIED: ("died", "succumbed"),
    _NOT_INCLUDED: ("include",),
}


def find_casualty_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """CASUALTY spans for counts next to a casualty verb that overlap no span of ``spans``.

    >>> text = "A teacher was killed and 12 wounded when a bomb exploded, killing two more."
    >>> [text[s.start:s.end] for s in find_casualty_spans(text, [])]
    ['A teacher', '12', 'two more']
    >>> text = ("The Burundian environment minister was shot dead; gunmen tried to kill a judge. "
    ...         "A police spokesman said a woman was arrested.")
    >>> [text[s.start:s.end] for s in find_casualty_spans(text, [Span(start=4, end=13,
    ...                                                              label="LOCATION")])]
    ['environment minister', 'a woman']
    """
    taken = sorted((s.start, s.end) for s in spans)
    found: list[Span] = []
    # People named by a role first: "a mother and her daughter" is one span, not "a mother";
    # then one more person after a count ("killing two adults and an infant").
    more = [span for s in spans if s.label == "CASUALTY" for span in _more_people(text, s.end)]
    more += [span for s in spans if s.label == "CASUALTY"
             if (span := _person_before(text, s.start)) is not None]
    people = [(s.start, s.end) for s in spans if s.label == "CASUALTY"]
    places = [(s.start, s.end) for s in spans if s.label == "LOCATION"]
    for start, end in [*_roles(text, taken, people), *more]:
        start = _after_places(text, start, end, taken, places)
        if not _overlaps(start, end, taken):
            taken.append((start, end))
            found.append(Span(start=start, end=end, label="CASUALTY"))
    folded = text.lower()  # the rarer patterns run only where their words are
    # The attacker who blew himself up, not after a toll the sentence told first ("seven people
    # were killed after a bomber blew himself up": who is counted is unclear).
    for match in _SELF.finditer(text) if "self" in folded else ():
        start, end = match.span("np" if match["np"] else "np2")
        if not _overlaps(start, end, taken) and not (
                match["np"] and _named_before(text, start, people)):
            taken.append((start, end))
            found.append(Span(start=start, end=end, label="CASUALTY"))
    # The soldiers named in the sentence before the words that say they fell, as one span: the
    # names are counted one by one.
    fell_words = any(w in folded for w in ("shahadat", "martyrdom", "laid down"))
    for fell in _FELL.finditer(text) if fell_words else ():
        named = [m for m in _NAMED_NOTE.finditer(text, _sentence_start(text, fell.start()),
                                                 fell.start())
                 if one_person(m["np"])]
        if named and not any(_overlaps(*m.span("np"), taken) for m in named):
            taken.append((named[0].start(), named[-1].end()))
            found.append(Span(start=named[0].start(), end=named[-1].end(), label="CASUALTY"))
    for match in _PRONOUN_SUBJECT.finditer(text):  # not a person the sentence counted already
        start, end = match.span("np")
        if not _overlaps(start, end, taken) and not _one_counted_before(text, start, spans):
            taken.append((start, end))
            found.append(Span(start=start, end=end, label="CASUALTY"))
    for pattern in (_PASSIVE, _GOVERNED, _SHOT_DEAD, _TO_DEATH, _INTO_CUSTODY, _ELLIPTICAL, _TOLL,
                    _HELD, _BODIES, _ALIVE, _WOUNDED_DIED, _NOT_INCLUDED):
        needed = _NEEDED.get(pattern)
        if needed is not None and not any(word in folded for word in needed):
            continue  # none of the words it cannot match without
        for match in pattern.finditer(text):
            start, end = match.span("np")
            if pattern is _PASSIVE and (said := _REPORTED.match(text, start, end)):
                start = said.end()  # "A police spokesman said [a woman] was arrested"
            surface = text[start:end]
            if pattern is _NOT_INCLUDED and match["dead"] is None and not (
                    match["who"].lower() == "bomber" and _SUICIDE.search(text, 0, start)):
                continue
            if pattern in (_BODIES, _ALIVE, _NOT_INCLUDED, _INTO_CUSTODY):  # a long list
                quantity = parse_quantity(surface, people=True)
                if quantity is None or quantity.min is None or _overlaps(start, end, taken):
                    continue
                taken.append((start, end))
                found.append(Span(start=start, end=end, label="CASUALTY"))
                continue
            if not _count(surface) or _overlaps(start, end, taken) or (
                    pattern in (_PASSIVE, _ELLIPTICAL) and _negated(text, start)) or (
                    pattern in (_GOVERNED, _SHOT_DEAD, _TO_DEATH)
                    and _meant(text, match.start())):
                continue
            taken.append((start, end))
            found.append(Span(start=start, end=end, label="CASUALTY"))
    return sorted(found, key=lambda s: s.start)


def _roles(text: str, taken: Sequence[tuple[int, int]] = (),
           people: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The offsets of people named by a role, as the subject of a passive harm verb or the
    object of an active one (``_ROLE_PASSIVE``, ``_ROLE_OBJECT``)."""
    found: list[tuple[int, int]] = []
    harmed = [m.end() for m in _HARM_AT.finditer(text)  # where a harm verb's object opens
              if not _meant(text, m.start())]

    def after_harm(pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return [m for at in harmed if (m := pattern.match(text, at))]

    opening = (_NAMED_START.match(text, at) for at in _clause_starts(text))
    for match in [*filter(None, opening), *after_harm(_NAMED_OBJECT),
                  *_DEATH_OF.finditer(text)]:
        group = next(g for g in ("np", "np2", "np3", "np4", "np5") if match.groupdict().get(g))
        name = re.split(r",|\s+and\s+", match[group])[0]
        if one_person(name) if group != "np4" else _titled_name(name):
            start, end = match.span(group)
            found.append((start, end) if not _overlaps(start, end, taken)
                         else (start, start + len(name)))
    for match in after_harm(_ROLE_NAMED):
        if one_person("a " + match["role"]) and not _overlaps(*match.span("np"), found):
            found.append(match.span("np"))
    for pattern in (_ROLE_PASSIVE, _ROLE_OBJECT, _PRONOUN_OBJECT, _LEFT):
        objects = pattern in (_ROLE_OBJECT, _PRONOUN_OBJECT)
        for match in (after_harm(pattern) if objects else pattern.finditer(text)):
            start, end = match.span("np")
            if pattern is _ROLE_PASSIVE and _negated(text, start):
                continue
            if pattern is _PRONOUN_OBJECT:  # the person a sentence named already is no other
                if not _named_before(text, start, [*people, *found]):
                    pair = _one_more(text, end)  # "killing [him and his bodyguard]": two
                    found.append((start, pair[1] if pair and not _overlaps(*pair, taken)
                                  else end))
                continue
            if pattern is _ROLE_OBJECT:
                end = _first_person(text, start, end)
                pair = _one_more(text, end) if end is not None else None
                if pair:  # "a mother and her daughter"
                    end = pair[1]
            elif pattern is _LEFT:
                pass
            elif not _CLAUSE_START.search(text[max(0, start - 5) : start]):
                continue  # the subject opens its sentence or clause
            elif text[:start].endswith(", ") and text[end : end + 1] == ",":
                continue  # "Al-Quaety, a photographer, died": the named person again
            elif said := _REPORTED.match(text, start, end):
                start = said.end()  # "A police spokesman said [a woman] was arrested"
            if end is not None and one_person(text[start:end]) and not _overlaps(
                    start, end, found):
                found.append((start, end))
                if pattern is _ROLE_PASSIVE and (described := _OF_PHRASE.match(text, end)) and (
                        pair := _one_more(text, described.end())):
                    found.append(pair)  # "an agronomist of a project and his driver were ..."
    return found


_GROUP_WORDS = re.compile(
    r"\b(?:army|police|forces?|military|taliban|rebels?|government|ministry|party|front|group|"
    r"brigade|battalion|council|committee|command|state|islamic|movement|agency|office)\b", re.I)


def _negated(text: str, start: int) -> bool:
    """Whether a subject at ``start`` follows "no", "not" or a preposition (``_NOT``)."""
    return bool(_NOT.search(text, max(0, start - 6), start))


def _after_places(text: str, start: int, end: int, taken: Sequence[tuple[int, int]],
                  places: Sequence[tuple[int, int]]) -> int:
    """Where a person named by a role starts once a place word that opens it is left out ("The
    [Burundian] environmental minister Emmanuel Niyonkuru": the minister, and Burundi the
    place); ``start`` where no place opens it or the rest names no one."""
    inside = [(a, b) for a, b in taken if a < end and start < b]
    if not inside or any(p not in places or p[1] >= end for p in inside):
        return start
    rest = max(b for _, b in inside)
    rest += len(text[rest:end]) - len(text[rest:end].lstrip())
    return rest if one_person(text[rest:end]) else start


def _meant(text: str, at: int) -> bool:
    """Whether the harm verb at ``at`` is one meant or failed ("tried to kill")."""
    return bool(INTENT_BEFORE.search(text, max(0, at - 40), at))


def _clause_starts(text: str) -> list[int]:
    """Where a sentence or clause may open: the text's start, after end punctuation, a dash or a
    bracket and its space, and after a line break."""
    return [0, *(m.end() for m in _CLAUSE_OPENING.finditer(text))]


def _one_counted_before(text: str, at: int, spans: Sequence[Span]) -> bool:
    """Whether one person is counted earlier in the sentence ``at`` is in or the one before:
    the person a pronoun stands for ("A policeman was wounded. He was killed ...")."""
    opening = _sentence_start(text, max(_sentence_start(text, at) - 1, 0))
    for span in spans:
        if span.label == "CASUALTY" and opening <= span.start < at:
            quantity = parse_quantity(text[span.start : span.end], people=True)
            if quantity is None or quantity.min == 1:
                return True
    return False


def _named_before(text: str, at: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a count or person lies earlier in the sentence that ``at`` is in ("An army man was
    killed ... and shot him": him is the man)."""
    opening = _sentence_start(text, at)
    return any(opening <= a < at for a, _ in spans)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence ``at`` lies in begins, by its full stop or line break (a quick reading
    for the finder's patterns; ``sentences.split_sentences`` is the full one)."""
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1


def _titled_name(text: str) -> bool:
    """Whether ``text`` is one person by title and name: ``Attorney General Roberto Garcia
    Alvarado``, ``human rights activist Jane Doe``, a full name of two words or more; not a
    group's name (``the Islamic State``, ``Police``).

    >>> _titled_name("Human rights activist Jane Doe"), _titled_name("Army General Staff")
    (True, False)
    >>> _titled_name("liberal party senator JOSE MEJIA"), _titled_name("the party Islamic State")
    (True, False)
    """
    words = text.split()
    size = next((i for i, w in enumerate(reversed(words)) if not w[:1].isupper()), len(words))
    titles = words[: len(words) - size]
    if not size or _GROUP_WORDS.search(" ".join(words[len(words) - size:])):
        return False
    if titles and one_person("a " + titles[-1]):
        return True  # "LIBERAL PARTY SENATOR JOSE ANTONIO MEJIA RUEDA": a party's senator
    return size >= 2 and not titles and not _GROUP_WORDS.search(text)


# One person named at a clause's start before "and" and the counted people: "[A CARABINERO
# CORPORAL] AND [A PASSERBY] WERE KILLED" (the tagger read only the second).
_ONE_BEFORE_AND = re.compile(
    r"(?:^|[.;:!?\]]\s+|\n\s*|\s[-–—]{1,2}\s+|\b(?:that|when|after)\s+)"
    r"(?P<np>(?:an?|one)\s+(?:[\w'’-]+\s+){0,2}?"
    r"[\w'’-]+)\s+and\s+$", re.I)


def _person_before(text: str, start: int) -> tuple[int, int] | None:
    """The offsets of one person named right before ``start`` and "and", if any."""
    window = max(0, start - 60)
    match = _ONE_BEFORE_AND.search(text, window, start)
    if match is None or not one_person(match["np"]):
        return None
    return match.start("np"), match.end("np")


def _more_people(text: str, end: int) -> list[tuple[int, int]]:
    """People listed one by one after a count that ends at ``end``: "and an infant", ", a border
    policeman, and a security guard". Each must be a person; the list must end in "and"."""
    found: list[tuple[int, int]] = []
    while (item := _LIST_ONE.match(text, end)) and one_person("a " + item["noun"]):
        found.append(item.span("np"))
        end = item.end()
    if not found:
        described = _OF_PHRASE.match(text, end)  # "AN AGRONOMIST [OF A CROP SUBSTITUTION
        pair = _one_more(text, end) or (  # PROJECT] AND HIS DRIVER"
            _one_more(text, described.end()) if described else None)
        return [pair] if pair else []
    last = _LIST_LAST.match(text, end)
    stop = _first_person(text, *last.span("np")) if last else None
    return [*found, (last.start("np"), stop)] if last and stop else []


_OF_PHRASE = re.compile(r"\s+of\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
                        r"(?=\s+and\s+(?:his|her|their)\b)", re.I)


def _one_more(text: str, end: int) -> tuple[int, int] | None:
    """The offsets of one more person named after ``end`` ("and her daughter", "and a police
    officer"), if any."""
    for pattern in _AND_ONE_MORE:
        if (pair := pattern.match(text, end)) and one_person("a " + pair["noun"]):
            return pair.span("np")
    return None


def _first_person(text: str, start: int, end: int) -> int | None:
    """The end of the shortest run of words from ``start`` that ends in a person noun, and the
    person nouns right after it ("a Colombian soldier", not "a Colombian")."""
    found = None
    for word in re.finditer(r"[\w'’-]+", text[start:end]):
        if word.start() and one_person("a " + word.group(0)) and (
                found is None or text[start + found : start + word.start()].strip() == ""):
            found = word.end()
            continue
        if found is not None:
            break
    return start + found if found is not None else None


def _count(surface: str) -> bool:
    if len(surface.split()) > _MAX_WORDS or _NOT_PEOPLE.search(surface):
        return False
    quantity = parse_quantity(surface)
    return quantity is not None and not counts_things(quantity.rest, "")  # "a sniffer dog"


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in taken)
