"""bench/event_reliability.py: a part that is not coded, or data with no coded article, is refused
with a clear error before any model is loaded."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location("event_reliability",
                                               ROOT / "bench" / "event_reliability.py")
assert _SPEC is not None and _SPEC.loader is not None
reliability = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(reliability)


def test_an_unknown_part_is_refused_with_the_parts_there_are(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["event_reliability.py", "--part", "nope",
                                      "--model", "/nonexistent"])
    with pytest.raises(SystemExit) as exit_:
        reliability.main()
    assert exit_.value.code == 2
    assert "no coded part 'nope'" in capsys.readouterr().err


def test_a_folder_with_no_coded_articles_is_refused(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "argv", ["event_reliability.py", "--data", str(tmp_path / "none")])
    with pytest.raises(SystemExit) as exit_:
        reliability.main()
    assert exit_.value.code == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_the_coder_filters_keep_and_drop_articles_by_their_coder() -> None:
    args = reliability.argparse.Namespace(coders="coder10,coder11", other_coders=None)
    assert reliability._kept("coder10", args) and not reliability._kept("coder1", args)
    args = reliability.argparse.Namespace(coders=None, other_coders="coder10")
    assert reliability._kept("coder1", args) and not reliability._kept("coder10", args)
