"""bench/judged.py reads the judged articles or says clearly why it cannot: no model needed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("judged", ROOT / "bench" / "judged.py")
assert _SPEC is not None and _SPEC.loader is not None
judged = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(judged)


def test_the_committed_file_reads_and_a_broken_one_is_refused(tmp_path: Path) -> None:
    articles = judged.read_judged(judged.JUDGED)
    assert len(articles) == 78 and all(a["meta"]["published"] for a in articles)
    broken = tmp_path / "judged.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read judged articles"):
        judged.read_judged(broken)
