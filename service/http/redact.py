"""Responses never show where the server keeps its files.

Messages built deep down (``no model at /srv/models/current``, a failed retrain's exception)
and a model's ``meta.json`` may hold server paths. Before they leave the service, the folders
of the settings become their names in angle brackets (``<models_dir>/current``), the working
and home folders ``.`` and ``~``, and in ``meta`` any other absolute path its last part.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from service.settings import Settings

_ABSOLUTE = re.compile(r"^(?:/|~/|[A-Za-z]:[\\/])")


def _roots(settings: Settings) -> list[tuple[str, str]]:
    """``(absolute folder, replacement)``, longest first so nested folders win."""
    named = {
        "models_dir": settings.models_dir,
        "data_dir": settings.data_dir,
        "annotations_dir": settings.annotations_dir,
        "transfer_dir": settings.transfer_dir,
        "store_path": settings.annotation_store,
    }
    roots: dict[str, str] = {}
    for name, path in named.items():
        for form in {path, path.resolve()}:
            if form.is_absolute() and len(form.parts) > 1:
                roots.setdefault(str(form), f"<{name}>")
    for folder, label in ((Path.cwd(), "."), (Path.home(), "~")):
        if len(folder.parts) > 1:
            roots.setdefault(str(folder), label)
    return sorted(roots.items(), key=lambda item: -len(item[0]))


def redact(text: str, settings: Settings) -> str:
    """``text`` with the server's folders replaced by their setting names.

    >>> s = Settings(models_dir=Path("/srv/ci/models"))
    >>> redact("no model at /srv/ci/models/current", s)
    'no model at <models_dir>/current'
    """
    for root, label in _roots(settings):
        if root in text:  # a whole folder name only: /root is not in /rootless
            text = re.sub(re.escape(root) + r"(?![\w.-])", label, text)
    return text


def redact_meta(value: Any, settings: Settings) -> Any:
    """A copy of a JSON value with every path redacted; an absolute path that is not under a
    known folder becomes its last part.

    >>> redact_meta({"base": "/home/u/encoders/minilm", "n": [1, "ok"]}, Settings())
    {'base': 'minilm', 'n': [1, 'ok']}
    """
    if isinstance(value, str):
        shown = redact(value, settings)
        return re.split(r"[\\/]", shown.rstrip("\\/"))[-1] if _ABSOLUTE.match(shown) else shown
    if isinstance(value, Mapping):
        return {str(k): redact_meta(v, settings) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact_meta(v, settings) for v in value]
    return value
