"""The tagger at inference: overfit, round trip, label check, long texts, odd input."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from model.decode import spans_to_tags, word_offsets
from model.errors import ModelLoadError
from model.labels import TAGS
from model.tagging.encoding import (
    Encoded,
    Layout,
    encode_text,
    merge_window_probs,
    window_bounds,
)
from model.tagging.tagger import Tagger
from model.tagging.torch_backend import TorchRunner, save_model
from model.types import Span, span_problems
from tests.tiny_model import TINY_DOCS


@pytest.fixture(scope="module")
def tagger(tiny_model_dir: Path) -> Tagger:
    return Tagger.load(tiny_model_dir)


def test_overfit_tiny_model_recovers_spans_exactly(tagger: Tagger):
    for doc in TINY_DOCS:
        predicted = tagger.predict(doc.text)
        assert [s.key for s in predicted] == [s.key for s in doc.spans]
        assert all(s.text == doc.text[s.start : s.end] for s in predicted)
    assert tagger.predict_many([d.text for d in TINY_DOCS]) == [list(d.spans) for d in TINY_DOCS]


def test_load_exposes_version_and_meta(tagger: Tagger, tiny_model_dir: Path):
    assert tagger.version == tiny_model_dir.name
    assert tagger.meta["labels"] == list(TAGS)
    assert tagger.meta["data"]["documents"] == sorted(d.id for d in TINY_DOCS)


def test_save_load_round_trip_gives_identical_predictions(
    tagger: Tagger, tiny_model_dir: Path, tmp_path: Path
):
    from transformers import AutoTokenizer

    text = " ".join(d.text for d in TINY_DOCS) + " Rebels shelled Hama on Sunday."
    hf_tokenizer = AutoTokenizer.from_pretrained(str(tiny_model_dir))
    saved = save_model(tmp_path / "copy", tagger.runner.network, hf_tokenizer, tagger.inference,
                       tagger.meta)
    copy = Tagger.load(saved)
    assert copy.predict(text) == tagger.predict(text)
    ours, theirs = (t.window_scores([t.encode(text)])[0] for t in (tagger, copy))
    assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True))


def test_label_map_mismatch_names_both_lists(tiny_model_dir: Path, tmp_path: Path):
    broken = Path(shutil.copytree(tiny_model_dir, tmp_path / "broken"))
    spec = json.loads((broken / "tagger.json").read_text())
    spec["id2label"] = {"0": "O", "1": "B-PERSON", "2": "I-PERSON"}
    (broken / "tagger.json").write_text(json.dumps(spec))
    with pytest.raises(ModelLoadError) as err:
        Tagger.load(broken)
    message = str(err.value)
    assert str(broken) in message
    assert "['O', 'B-PERSON', 'I-PERSON']" in message
    assert str(list(TAGS)) in message


@pytest.mark.parametrize(("field", "value"), [("layout", "diagonal"), ("decoder", "beam")])
def test_an_unknown_inference_setting_fails_at_load(
    tiny_model_dir: Path, tmp_path: Path, field: str, value: str
):
    broken = Path(shutil.copytree(tiny_model_dir, tmp_path / "broken"))
    spec = json.loads((broken / "tagger.json").read_text())
    spec["inference"][field] = value
    (broken / "tagger.json").write_text(json.dumps(spec))
    with pytest.raises(ModelLoadError, match=f"inference {field} '{value}'; expected one of"):
        Tagger.load(broken)
    with pytest.raises(ValueError, match="layout 'diagonal'"):
        window_bounds(300, 126, 32, "diagonal")  # type: ignore[arg-type]


def test_missing_or_incomplete_directory_fails_clearly(tiny_model_dir: Path, tmp_path: Path):
    with pytest.raises(ModelLoadError, match="not a model directory"):
        Tagger.load(tmp_path / "nowhere")
    partial = Path(shutil.copytree(tiny_model_dir, tmp_path / "partial"))
    (partial / "model.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="partial"):
        Tagger.load(partial)


class LookupNetwork(torch.nn.Module):
    """A context-free stand-in for the network: each token id always gets the same tag."""

    def __init__(self, table: dict[int, int]) -> None:
        super().__init__()
        self.table = table

    def forward(self, input_ids, attention_mask, shape_ids):
        tags = [[self.table.get(i, 0) for i in row] for row in input_ids.tolist()]
        return torch.nn.functional.one_hot(torch.tensor(tags), len(TAGS)).float()


def test_long_text_is_windowed_merged_and_fully_covered(tagger: Tagger):
    doc, copies = TINY_DOCS[0], 15
    text = " ".join([doc.text] * copies)
    step = len(doc.text) + 1
    expected = [
        (s.start + k * step, s.end + k * step, s.label) for k in range(copies) for s in doc.spans
    ]
    encoded = tagger.encode(text)
    assert len(encoded.windows) > 5
    assert max(len(w.input_ids) for w in encoded.windows) <= tagger.inference.max_length
    opened = {i for w in encoded.windows for i in w.word_index if i >= 0}
    assert opened == set(range(len(encoded.words)))  # nothing truncated
    # Exact end-to-end check of windowing + merging with a context-free network ...
    words = word_offsets(doc.text)
    first_ids = [tagger.tokenizer(doc.text[a:b])["input_ids"][0] for a, b in words]
    tags = spans_to_tags(words, doc.spans)
    table = {first: TAGS.index(tag) for first, tag in zip(first_ids, tags, strict=True)}
    lookup = Tagger(TorchRunner(LookupNetwork(table)), tagger.tokenizer, tagger.inference)
    assert [s.key for s in lookup.predict(text)] == expected
    # ... and the trained model still predicts in the last copy, past many windows.
    last_copy = (copies - 1) * step
    assert any(s.start >= last_copy for s in tagger.predict(text))


@pytest.mark.parametrize("layout", ["even", "flush"])
@pytest.mark.parametrize(("size", "stride"), [(10, 3), (126, 32), (7, 6)])
def test_window_bounds_cover_every_token_with_overlap(layout: Layout, size: int, stride: int):
    for n in range(1, 400):
        bounds = window_bounds(n, size, stride, layout)
        assert bounds[0][0] == 0 and bounds[-1][1] == n
        assert all(0 < b - a <= size for a, b in bounds)
        pairs = itertools.pairwise(bounds)
        assert all(a2 <= b1 - stride and a1 < a2 for (a1, b1), (a2, _) in pairs)


def test_even_windows_are_as_few_and_never_longer_than_flush_ones():
    for n in range(1, 600):
        even, flush = window_bounds(n, 126, 32, "even"), window_bounds(n, 126, 32)
        assert len(even) == len(flush)
        assert len({b - a for a, b in even}) == 1  # one length
        assert sum(b - a for a, b in even) <= sum(b - a for a, b in flush)
    # A 511-piece article: six windows of 112 pieces instead of six of 126.
    assert sum(b - a for a, b in window_bounds(511, 126, 32, "even")) == 6 * 112
    assert sum(b - a for a, b in window_bounds(511, 126, 32)) == 6 * 126


def test_merge_prefers_the_window_where_a_word_is_central(tagger: Tagger):
    text = " ".join([TINY_DOCS[1].text] * 4)
    encoded = encode_text(tagger.tokenizer, text, word_offsets(text), max_length=12, stride=4)
    # Window k votes tag k for every word: each word must take its most central window.
    scores = [
        np.eye(len(TAGS))[[k % len(TAGS)] * len(w.input_ids)] for k, w in enumerate(encoded.windows)
    ]
    tags = merge_window_probs(encoded, scores).argmax(axis=1).tolist()
    for word, tag in enumerate(tags):
        seen = [
            (w.centrality[p], k)
            for k, w in enumerate(encoded.windows)
            for p, i in enumerate(w.word_index)
            if i == word
        ]
        assert tag == max(seen, key=lambda ck: (ck[0], -ck[1]))[1] % len(TAGS)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "Syrian\u00a0army shelled east\u00a0Aleppo on Sunday.",
        "Rebels\u200b attacked Idlib \U0001f525 on Monday, 北京 مدينة حلب Café naïve",
        "\x00\x07 Hama\ufeff",
        "a" * 3000,
    ],
)
def test_odd_input_gives_valid_spans(tagger: Tagger, text: str):
    spans = tagger.predict(text)
    assert span_problems(text, spans) == []
    assert all(isinstance(s, Span) and s.text == text[s.start : s.end] for s in spans)


def test_empty_text_and_batch(tagger: Tagger):
    assert tagger.predict("") == []
    assert tagger.predict_many([]) == []
    assert isinstance(tagger.encode(""), Encoded)
