"""The README and docs/ hold together: every relative link resolves, and the README stays short.

Cheap and offline: it reads the Markdown files only. A link's target must exist relative to the
file that holds it; a link with a ``#fragment`` into a Markdown file must name one of that file's
headings, as GitHub spells heading anchors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAX_README_LINES = 300

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def markdown_files() -> list[Path]:
    return [README, *sorted((ROOT / "docs").glob("*.md"))]


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """The file's lines outside fenced code blocks, numbered from 1."""
    lines, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def links(path: Path) -> list[tuple[int, str]]:
    """Every link and image target outside code blocks, with its line (a link may wrap)."""
    kept = dict(prose_lines(path))
    total = len(path.read_text(encoding="utf-8").splitlines())
    text = "\n".join(kept.get(number, "") for number in range(1, total + 1))
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in LINK.finditer(text)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"`|\*\*|\*|_(?=\W)|(?<=\W)_", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for _, line in prose_lines(path):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken_links(path: Path) -> list[str]:
    problems = []
    for number, target in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        file_part, _, fragment = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        where = f"{path.relative_to(ROOT)}:{number}: {target}"
        if not resolved.exists():
            problems.append(f"{where} (no such file)")
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            problems.append(f"{where} (no heading #{fragment} in {resolved.name})")
    return problems


def test_slug_follows_github() -> None:
    assert slug("Where the file lives, and when it is built") == (
        "where-the-file-lives-and-when-it-is-built"
    )
    assert slug("Example (seed article 001, gold spans, published 2024-12-02)") == (
        "example-seed-article-001-gold-spans-published-2024-12-02"
    )
    assert slug("The `even` layout") == "the-even-layout"


def test_checker_finds_a_broken_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    (tmp_path / "a.md").write_text(
        "# Top\n\n[ok](b.md#part) [gone](c.md) [bad](b.md#nowhere)\n[wrapped\nlink](d.png)\n"
    )
    (tmp_path / "b.md").write_text("## Part\n\n```\n[in code](ignored.md)\n```\n")
    problems = broken_links(tmp_path / "a.md")
    assert problems == [
        "a.md:3: c.md (no such file)",
        "a.md:3: b.md#nowhere (no heading #nowhere in b.md)",
        "a.md:5: d.png (no such file)",
    ]
    assert broken_links(tmp_path / "b.md") == []


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: p.name)
def test_relative_links_resolve(path: Path) -> None:
    assert broken_links(path) == []


def test_readme_is_short() -> None:
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_README_LINES, f"README.md has {lines} lines; at most {MAX_README_LINES}"


def test_every_docs_page_is_linked_from_the_readme() -> None:
    linked = {Path(target.partition("#")[0]).name for _, target in links(README)}
    missing = [p.name for p in sorted((ROOT / "docs").glob("*.md")) if p.name not in linked]
    assert missing == []
