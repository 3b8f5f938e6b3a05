"""GUM and wikigold conversion (``training.transfer``) on small inline samples."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from model.decode import word_offsets
from model.types import Document, Span
from training.corpus import check_files
from training.transfer.boundaries import EdgeFixes, fix_edges, with_direction, with_period
from training.transfer.brackets import entity_events
from training.transfer.cli import main
from training.transfer.conllu import read_gum
from training.transfer.dates import is_placeable_time
from training.transfer.gum import convert_gum_document, gum_document
from training.transfer.licences import gum_keep
from training.transfer.wikigold import (
    convert_wikigold_document,
    detokenize,
    io_spans,
    read_wikigold,
    wikigold_document,
)


def conllu(*lines: str) -> str:
    """Build CoNLL-U text: comments as given, word lines from space-separated columns.

    A word line lists ``id form upos xpos head deprel misc``; lemma, feats and deps are
    ``_``.
    """
    out = []
    for line in lines:
        if not line or line.startswith("#"):
            out.append(line)
            continue
        ids, form, upos, xpos, head, deprel, misc = line.split()
        out.append("\t".join([ids, form, "_", upos, xpos, "_", head, deprel, "_", misc]))
    return "\n".join(out) + "\n\n"


def header(doc_id: str, genre: str = "news") -> list[str]:
    return [
        f"# newdoc id = {doc_id}",
        "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity",
        "# meta::author = Wikinews",
        "# meta::dateCreated = 2015-09-12",
        f"# meta::genre = {genre}",
        "# meta::sourceURL = https://en.wikinews.org/wiki/Sample",
        "# meta::title = Sample",
    ]


# Sentence 1: a title before a nested name, a place and a weekday.
# Sentence 2 (same paragraph): a generic head, a duration, and a place inside an unnamed one.
# Sentence 3 (new paragraph): an organisation holding a place (nested), and "last week".
NEWS = conllu(
    *header("GUM_news_sample"),
    "# newpar",
    "# sent_id = GUM_news_sample-1",
    "# text = Syrian President Bashar al-Assad visited Aleppo on Thursday.",
    "1 Syrian ADJ JJ 2 amod Entity=(1-person-new-sssss-cf1-3-coref",
    "2 President PROPN NNP 3 compound _",
    "3 Bashar PROPN NNP 7 nsubj _",
    "4 al PROPN NNP 3 flat SpaceAfter=No",
    "5 - PUNCT HYPH 6 punct SpaceAfter=No",
    "6 Assad PROPN NNP 4 flat Entity=1)",
    "7 visited VERB VBD 0 root _",
    "8 Aleppo PROPN NNP 7 obj Entity=(2-place-new-sssss-cf1-1-coref)",
    "9 on ADP IN 10 case _",
    "10 Thursday PROPN NNP 7 obl Entity=(3-time-new-sssss-cf1-1-sgl)|SpaceAfter=No",
    "11 . PUNCT . 7 punct _",
    "",
    "# sent_id = GUM_news_sample-2",
    "# text = The rebels held the city of Idlib for five years.",
    "1 The DET DT 2 det Entity=(4-person-new-sssss-cf1-2-coref",
    "2 rebels NOUN NNS 3 nsubj Entity=4)",
    "3 held VERB VBD 0 root _",
    "4 the DET DT 5 det Entity=(5-place-new-sssss-cf1-2-coref",
    "5 city NOUN NN 3 obj _",
    "6 of ADP IN 7 case _",
    "7 Idlib PROPN NNP 5 nmod Entity=(2-place-new-sssss-cf1-1-coref)5)",
    "8 for ADP IN 10 case _",
    "9 five NUM CD 10 nummod Entity=(6-time-new-sssss-cf1-2-sgl",
    "10 years NOUN NNS 3 obl Entity=6)|SpaceAfter=No",
    "11 . PUNCT . 3 punct _",
    "",
    "# newpar",
    "# sent_id = GUM_news_sample-3",
    "# text = The University of Portsmouth grew last week.",
    "1 The DET DT 2 det Entity=(7-organization-new-sssss-cf1-2-coref",
    "2 University PROPN NNP 5 nsubj _",
    "3 of ADP IN 4 case _",
    "4 Portsmouth PROPN NNP 2 nmod Entity=(8-place-new-sssss-cf1-1-coref)7)",
    "5 grew VERB VBD 0 root _",
    "6 last ADJ JJ 7 amod Entity=(9-time-new-sssss-cf1-2-sgl",
    "7 week NOUN NN 5 obl:tmod Entity=9)|SpaceAfter=No",
    "8 . PUNCT . 5 punct _",
)

NEWS_TEXT = (
    "Syrian President Bashar al-Assad visited Aleppo on Thursday. "
    "The rebels held the city of Idlib for five years.\n"
    "The University of Portsmouth grew last week."
)


def spans_of(doc: Document) -> list[tuple[str, str]]:
    return [(doc.span_text(s), s.label) for s in doc.spans]


def test_gum_text_is_rebuilt_with_spaces_and_paragraphs():
    gum, text = read_gum(NEWS)
    assert text == NEWS_TEXT
    assert gum.doc_id == "GUM_news_sample"
    assert gum.meta["genre"] == "news"
    assert [s.new_paragraph for s in gum.sentences] == [True, False, True]
    for sentence in gum.sentences:
        first, last = sentence.tokens[0], sentence.tokens[-1]
        assert text[first.start : last.end] == sentence.text


def test_gum_nested_brackets_give_every_mention():
    gum, _ = read_gum(NEWS)
    found = [(m.first, m.last, m.entity_type) for m in gum.sentences[2].mentions]
    assert sorted(found) == [(1, 4, "organization"), (4, 4, "place"), (6, 7, "time")]


def test_gum_document_maps_names_titles_nesting_and_dates():
    doc = gum_document(NEWS)
    assert doc.id == "gum_news_sample"
    assert spans_of(doc) == [
        ("Bashar al-Assad", "ACTOR"),  # title and adjective dropped
        ("Aleppo", "LOCATION"),
        ("Thursday", "DATE"),
        ("Idlib", "LOCATION"),  # "the city of Idlib" is not named; its place is
        ("University of Portsmouth", "ACTOR"),  # outermost kept, inner place dropped
        ("last week", "DATE"),
    ]  # "The rebels" (common noun) and "five years" (duration) are left out


def test_gum_meta_records_source_licence_and_labels():
    meta = gum_document(NEWS).meta.model_dump(mode="json")
    assert meta["source"] == "GUM news"
    assert meta["license"] == "CC BY 2.5"
    assert meta["labels"] == ["ACTOR", "LOCATION", "DATE"]
    assert meta["published"] == "2015-09-12"
    assert meta["gum_id"] == "GUM_news_sample"


def test_multiword_token_words_get_their_own_offsets():
    text = conllu(
        *header("GUM_academic_art", "academic"),
        "# newpar",
        "# text = Zurbarán’s paintings",
        "1-2 Zurbarán’s _ _ _ _ _",
        "1 Zurbarán PROPN NNP 3 nmod:poss "
        "Entity=(1-person-new-sssss-cf1-1-coref-Francisco_de_Zurbarán)",
        "2 ’s PART POS 1 case _",
        "3 paintings NOUN NNS 0 root _",
    )
    doc = gum_document(text)
    assert doc.text == "Zurbarán’s paintings"
    assert spans_of(doc) == [("Zurbarán", "ACTOR")]


def one_sentence(*rows: str) -> str:
    return conllu(*header("GUM_news_one"), "# newpar", *rows)


def test_role_noun_with_flat_name_gives_the_name():
    doc = gum_document(
        one_sentence(
            "1 director NOUN NN 5 nsubj Entity=(1-person-new-sssss-cf1-1-coref",
            "2 General PROPN NNP 1 flat _",
            "3 Suleiman PROPN NNP 1 flat _",
            "4 Amr PROPN NNP 1 flat Entity=1)",
            "5 spoke VERB VBD 0 root _",
        )
    )
    assert spans_of(doc) == [("Suleiman Amr", "ACTOR")]


def test_coordinated_names_in_one_mention_each_get_a_span():
    doc = gum_document(
        one_sentence(
            "1 Rueda PROPN NNP 7 nsubj Entity=(1-person-new-sssss-cf1-1-sgl|SpaceAfter=No",
            "2 , PUNCT , 3 punct _",
            "3 Checa PROPN NNP 1 conj SpaceAfter=No",
            "4 , PUNCT , 6 punct _",
            "5 and CCONJ CC 6 cc _",
            "6 Combita PROPN NNP 1 conj Entity=1)",
            "7 wrote VERB VBD 0 root _",
        )
    )
    assert doc.text == "Rueda, Checa, and Combita wrote"
    assert spans_of(doc) == [("Rueda", "ACTOR"), ("Checa", "ACTOR"), ("Combita", "ACTOR")]


ARMY = (
    "1 Korean PROPN NNP 2 compound Entity=(1-organization-new-sssss-cf1-4-coref{identity}",
    "2 People PROPN NNP 4 nmod:poss SpaceAfter=No",
    "3 's PART POS 2 case _",
    "4 Army PROPN NNP 5 nsubj Entity=1)",
    "5 attacked VERB VBD 0 root _",
)


@pytest.mark.parametrize(
    ("identity", "expected"),
    [("-Korean_People's_Army", "Korean People's Army"), ("", "Army")],
)
def test_wikipedia_identity_keeps_a_name_whole(identity, expected):
    rows = [ARMY[0].format(identity=identity), *ARMY[1:]]
    doc = gum_document(one_sentence(*rows))
    assert spans_of(doc) == [(expected, "ACTOR")]


def test_title_alone_is_not_a_name():
    doc = gum_document(
        one_sentence(
            "1 Mr. PROPN NNP 2 compound Entity=(1-person-new-sssss-cf1-2-coref",
            "2 President PROPN NNP 3 nsubj Entity=1)",
            "3 spoke VERB VBD 0 root _",
        )
    )
    assert doc.spans == ()


@pytest.mark.parametrize(
    "text",
    [
        "Thursday, February 23, 2006",
        "July",
        "2015",
        "mid-2012",
        "the 1990s",
        "'90s",
        "yesterday afternoon",
        "tonight",
        "last month",
        "next year",
        "this week",
        "two days ago",
        "earlier this week",
        "the following day",
        "recent weeks",
        "the 19th century",
        "347 AD",
    ],
)
def test_placeable_times_are_dates(text):
    assert is_placeable_time(text)


@pytest.mark.parametrize(
    "text",
    ["five years", "for months", "two hours", "now", "then", "currently", "her 80s", "may"],
)
def test_durations_and_vague_times_are_not_dates(text):
    assert not is_placeable_time(text)


def test_entity_brackets_parse_types_ids_and_identity():
    brackets = list(entity_events("(4-time-new-sssss-cf1-1-sgl)3)(5-place-giv-s-c-1-x-Lodz"))
    assert [(b.kind, b.eid, b.entity_type, b.identity) for b in brackets] == [
        ("single", "4", "time", None),
        ("close", "3", "", None),
        ("open", "5", "place", "Lodz"),
    ]


@pytest.mark.parametrize(
    ("doc_id", "kept"),
    [
        ("GUM_news_iodine", True),
        ("GUM_interview_peres", True),
        ("GUM_academic_art", True),
        ("GUM_court_loan", True),
        ("GUM_bio_byron", True),
        ("GUM_voyage_york", True),
        ("GUM_whow_joke", False),
        ("GUM_reddit_pandas", False),
        ("GUM_fiction_beast", False),
        ("GUM_conversation_risk", False),
        ("GENTLE_legal_abortion", False),
        ("GUM_court_carpet", False),
        ("GUM_court_insanity", False),
        ("GUM_academic_eegimaa", False),
    ],
)
def test_only_permissively_licensed_documents_are_kept(doc_id, kept):
    assert gum_keep(doc_id) is kept


# ---------------------------------------------------------------------------------------------
# wikigold
# ---------------------------------------------------------------------------------------------

WIKIGOLD = """010 I-MISC
is O
the O
album O
from O
The I-ORG
Mad I-ORG
Capsule I-ORG
Markets I-ORG
, O
the O
players O
' O
union O
in O
" O
Los I-LOC
Angeles I-LOC
" O
. O

President I-PER
Lincoln I-PER
visited O
( O
Ohio I-LOC
) O
. O
-DOCSTART- O

Second O
doc O
. O
-DOCSTART- O

"""


def test_wikigold_is_split_into_documents_and_sentences():
    docs = read_wikigold(WIKIGOLD)
    assert [len(d.sentences) for d in docs] == [2, 1]
    assert docs[0].sentences[1][0] == ("President", "I-PER")


def test_wikigold_is_detokenized_with_exact_span_offsets():
    first, second = (
        wikigold_document(d, n) for n, d in enumerate(read_wikigold(WIKIGOLD), start=1)
    )
    assert first.text == (
        "010 is the album from The Mad Capsule Markets, the players' union in "
        '"Los Angeles". President Lincoln visited (Ohio).'
    )
    assert spans_of(first) == [
        ("Mad Capsule Markets", "ACTOR"),  # MISC dropped, leading "The" dropped
        ("Los Angeles", "LOCATION"),
        ("Lincoln", "ACTOR"),  # title dropped
        ("Ohio", "LOCATION"),
    ]
    assert (first.id, second.id, second.text, second.spans) == (
        "wikigold_0001",
        "wikigold_0002",
        "Second doc.",
        (),
    )
    meta = first.meta.model_dump(mode="json")
    assert (meta["source"], meta["license"], meta["labels"]) == (
        "wikigold",
        "CC BY 4.0",
        ["ACTOR", "LOCATION"],
    )


def test_detokenize_offsets_point_at_each_token():
    tokens = ["He", "said", '"', "it", "'s", "(", "US", ")", '"', "."]
    text, offsets = detokenize(tokens)
    assert text == 'He said "it\'s (US)".'
    assert [text[a:b] for a, b in offsets] == tokens


def test_io_runs_split_on_type_change_only():
    assert io_spans(["I-ORG", "I-PER", "I-PER", "O", "I-LOC"]) == [
        (0, 1, "ORG"),
        (1, 3, "PER"),
        (4, 5, "LOC"),
    ]


# ---------------------------------------------------------------------------------------------
# LABELS.md edges: direction words in a LOCATION, an abbreviation's period
# ---------------------------------------------------------------------------------------------

# Sentence 1: a direction word inside the mention ("northern Syria", GUM's name rule drops
# it), one just outside it ("east" + mention "Aleppo"), an article before a direction word.
# Sentence 2 starts with a place right after sentence 1's last word "north": not joined.
# Sentence 3: a hyphenated direction ("south - eastern", no spaces) and "U.S" + ".".
DIRECTIONS = conllu(
    *header("GUM_voyage_directions", "voyage"),
    "# newpar",
    "# text = Clashes in northern Syria, east Aleppo and the eastern Caribbean moved north",
    "1 Clashes NOUN NNS 13 nsubj _",
    "2 in ADP IN 4 case _",
    "3 northern ADJ JJ 4 amod Entity=(1-place-new-sssss-cf1-2-coref-Syria",
    "4 Syria PROPN NNP 1 nmod Entity=1)|SpaceAfter=No",
    "5 , PUNCT , 7 punct _",
    "6 east ADJ JJ 7 amod _",
    "7 Aleppo PROPN NNP 4 conj Entity=(2-place-new-sssss-cf1-1-coref)",
    "8 and CCONJ CC 11 cc _",
    "9 the DET DT 11 det Entity=(3-place-new-sssss-cf1-3-coref",
    "10 eastern ADJ JJ 11 amod _",
    "11 Caribbean PROPN NNP 4 conj Entity=3)",
    "12 moved VERB VBD 0 root _",
    "13 north ADV RB 12 advmod _",
    "",
    "# text = Turkey closed the border",
    "1 Turkey PROPN NNP 2 nsubj Entity=(4-place-new-sssss-cf1-1-coref)",
    "2 closed VERB VBD 0 root _",
    "3 the DET DT 4 det _",
    "4 border NOUN NN 2 obj _",
    "",
    "# newpar",
    "# text = Trains from south-eastern Scotland reach the U.S.",
    "1 Trains NOUN NNS 7 nsubj _",
    "2 from ADP IN 6 case _",
    "3 south ADV RB 5 compound Entity=(5-place-new-sssss-cf1-4-coref-Scotland|SpaceAfter=No",
    "4 - PUNCT HYPH 5 punct SpaceAfter=No",
    "5 eastern ADJ JJ 6 amod _",
    "6 Scotland PROPN NNP 1 nmod Entity=5)",
    "7 reach VERB VBP 0 root _",
    "8 the DET DT 9 det Entity=(6-place-new-sssss-cf1-2-coref-United_States",
    "9 U.S PROPN NNP 7 obj Entity=6)|SpaceAfter=No",
    "10 . PUNCT . 7 punct _",
)


def test_gum_location_keeps_direction_words_and_abbreviation_period():
    doc = gum_document(DIRECTIONS)
    assert spans_of(doc) == [
        ("northern Syria", "LOCATION"),  # inside the mention
        ("east Aleppo", "LOCATION"),  # just before the mention
        ("eastern Caribbean", "LOCATION"),  # the article stays out
        ("Turkey", "LOCATION"),  # "north" ends the sentence before
        ("south-eastern Scotland", "LOCATION"),
        ("U.S.", "LOCATION"),  # the period the source split off
    ]
    tokens = word_offsets(doc.text)
    starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
    assert all(s.start in starts and s.end in ends for s in doc.spans)


def test_edge_fixes_are_counted():
    _, fixes = convert_gum_document(DIRECTIONS)
    assert fixes == EdgeFixes(directions=4, periods=1)
    assert fixes + EdgeFixes(directions=1) == EdgeFixes(directions=5, periods=1)


@pytest.mark.parametrize(
    ("text", "start", "label", "expected"),
    [
        ("in northern Syria", 12, "LOCATION", "northern Syria"),
        ("in Northwest Syria", 13, "LOCATION", "Northwest Syria"),
        ("in North-East Ohio", 14, "LOCATION", "North-East Ohio"),
        ("in north east Ohio", 14, "LOCATION", "north east Ohio"),
        ("the central Iran", 12, "LOCATION", "central Iran"),
        ("in upper Egypt", 9, "LOCATION", "upper Egypt"),
        ("a pro-western Syria", 14, "LOCATION", "Syria"),  # part of a hyphenated word
        ("went north\nSyria", 11, "LOCATION", "Syria"),  # across a line break
        ("in northern Syria", 12, "ACTOR", "Syria"),  # only places
        ("in the north of Syria", 16, "LOCATION", "Syria"),  # not adjacent
        ("northerly Syria", 10, "LOCATION", "Syria"),  # not a listed direction word
    ],
)
def test_direction_words_join_a_location(text, start, label, expected):
    span = with_direction(text, Span(start=start, end=len(text), label=label))
    assert text[span.start : span.end] == expected


def test_direction_word_is_not_taken_from_the_previous_span():
    text = "in Jersey North Carolina"  # "North" already belongs to an earlier span
    spans = [Span(start=3, end=15, label="LOCATION"), Span(start=16, end=24, label="LOCATION")]
    fixed, fixes = fix_edges(text, spans)
    assert fixed == spans and fixes == EdgeFixes()


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("in the U.K. Then", 10, "U.K."),
        ("by Acme Pty Ltd.", 15, "Acme Pty Ltd."),
        ("since Jan. 5", 9, "Jan."),
        ("paid Acme Co.", 12, "Acme Co."),  # at the end of the text
        ("the U.S.-backed", 7, "U.S"),  # a hyphenated word follows: left alone
        ("visited Iraq.", 12, "Iraq"),  # not an abbreviation
        ("hosted by LL Cool J. The", 19, "LL Cool J"),  # an initial is not listed
    ],
)
def test_abbreviation_takes_its_period(text, end, expected):
    start = text.index(expected)
    span = with_period(text, Span(start=start, end=end, label="ACTOR"))
    assert text[span.start : span.end] == expected


WIKIGOLD_ABBREVIATIONS = """Times I-ORG
in O
the O
U.K I-LOC
. O

Nicholson I-ORG
Pty I-ORG
Ltd I-ORG
. O

hosted O
by O
LL I-PER
Cool I-PER
J I-PER
. O

in O
southern O
Mongolia I-LOC
. O
-DOCSTART- O
"""


def test_wikigold_gets_the_same_edge_fixes():
    (raw,) = read_wikigold(WIKIGOLD_ABBREVIATIONS)
    doc, fixes = convert_wikigold_document(raw, 1)
    assert doc.text == (
        "Times in the U.K. Nicholson Pty Ltd. hosted by LL Cool J. in southern Mongolia."
    )
    assert spans_of(doc) == [
        ("Times", "ACTOR"),
        ("U.K.", "LOCATION"),
        ("Nicholson Pty Ltd.", "ACTOR"),
        ("LL Cool J", "ACTOR"),  # an initial: not a listed abbreviation
        ("southern Mongolia", "LOCATION"),
    ]
    assert fixes == EdgeFixes(directions=1, periods=2)


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

TRAINING_FILES = ("gum_cc_by.jsonl", "gum_cc_by_sa.jsonl", "wikigold.jsonl")
DEV_FILES = ("dev/gum_news_dev.jsonl", "dev/wikigold_dev.jsonl")


def write_gum(folder: Path, doc_id: str, genre: str) -> None:
    text = NEWS.replace("GUM_news_sample", doc_id).replace("genre = news", f"genre = {genre}")
    (folder / f"{doc_id}.conllu").write_text(text, encoding="utf-8")


@pytest.fixture
def sources(tmp_path: Path) -> list[str]:
    """Arguments naming a small GUM folder (8 news, 1 bio, 1 whow) and a 12-document wikigold."""
    dep = tmp_path / "gum" / "dep"
    dep.mkdir(parents=True)
    for name in "abcdefgh":
        write_gum(dep, f"GUM_news_{name}", "news")
    write_gum(dep, "GUM_bio_x", "bio")
    write_gum(dep, "GUM_whow_y", "whow")
    wikigold = tmp_path / "wikigold.conll.txt"
    wikigold.write_text(WIKIGOLD * 6, encoding="utf-8")
    return ["--gum-dir", str(tmp_path / "gum"), "--wikigold", str(wikigold)]


def file_ids(out: Path) -> dict[str, list[str]]:
    return {
        name: [json.loads(line)["id"] for line in (out / name).read_text().splitlines()]
        for name in TRAINING_FILES + DEV_FILES
    }


def test_main_writes_valid_files_with_a_disjoint_dev_split(tmp_path, sources):
    out = tmp_path / "external"
    assert main([*sources, "--out", str(out)]) == 0

    docs, problems = check_files([out], recursive=True)
    assert problems == []
    ids = file_ids(out)
    assert ids["dev/gum_news_dev.jsonl"] == ["gum_news_d", "gum_news_h"]
    assert ids["gum_cc_by.jsonl"] == [f"gum_news_{n}" for n in "abcefg"]
    assert ids["gum_cc_by_sa.jsonl"] == ["gum_bio_x"]
    assert ids["dev/wikigold_dev.jsonl"] == ["wikigold_0010"]
    assert ids["wikigold.jsonl"] == [f"wikigold_{n:04d}" for n in range(1, 13) if n != 10]
    training = {i for name in TRAINING_FILES for i in ids[name]}
    dev = {i for name in DEV_FILES for i in ids[name]}
    assert not training & dev
    assert len(docs) == len(training) + len(dev) == 9 + 12
    sa = json.loads((out / "gum_cc_by_sa.jsonl").read_text())
    assert sa["meta"]["license"] == "CC BY-SA 3.0"


def test_main_is_deterministic(tmp_path, sources):
    first, second = tmp_path / "one", tmp_path / "two"
    assert main([*sources, "--out", str(first)]) == main([*sources, "--out", str(second)]) == 0
    names = sorted(p.relative_to(first) for p in first.rglob("*.jsonl"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*.jsonl"))
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_main_logs_what_the_edge_fixes_changed(tmp_path, caplog):
    (tmp_path / "GUM_voyage_directions.conllu").write_text(DIRECTIONS, encoding="utf-8")
    wikigold = tmp_path / "wikigold.conll.txt"
    wikigold.write_text(WIKIGOLD_ABBREVIATIONS, encoding="utf-8")
    args = ["--gum-dir", str(tmp_path), "--wikigold", str(wikigold), "--out", str(tmp_path)]
    with caplog.at_level(logging.INFO, logger="training.transfer"):
        assert main(args) == 0
    assert (
        "GUM: direction words added to 4 LOCATION span(s), abbreviation periods to 1 span(s)"
        in caplog.text
    )
    assert (
        "wikigold: direction words added to 1 LOCATION span(s), abbreviation periods to 2 span(s)"
        in caplog.text
    )


def test_main_needs_an_input(capsys):
    with pytest.raises(SystemExit):
        main(["--out", "x"])
