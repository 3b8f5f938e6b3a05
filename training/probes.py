"""The probe files of ``bench/probes/``: invented reports with a coder's answer for each.

One reader for the format (``bench/probes/README.md``), shared by the scorer
(``bench/probes.py``) and the event filter's fit (``training/event_filter.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from model.errors import InputError

REQUIRED = ("text", "published", "incident", "style")
ANSWER = ("country", "admin1", "killed", "injured", "detained", "event_type", "date", "events")
COUNT_KEYS = ("killed", "injured", "detained")


def read_probes(path: Path) -> list[dict[str, Any]]:
    """The probes of one file.

    Raises:
        InputError: naming the file and the probe when one is not readable (no file, no JSON
            list, a field missing, a date that is no ISO date, a count that is no count).
    """
    try:
        probes = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: cannot read probes: {exc}") from None
    if not isinstance(probes, list):
        raise InputError(f"{path}: a JSON list of probes is expected")
    for i, probe in enumerate(probes):
        missing = [k for k in REQUIRED if not isinstance(probe, dict) or k not in probe]
        if missing:
            raise InputError(f"{path}: probe {i} lacks {', '.join(missing)}")
        try:
            dt.date.fromisoformat(probe["published"])
        except (TypeError, ValueError):
            raise InputError(f"{path}: probe {i}: published is no ISO date") from None
        if probe["incident"]:
            missing = [k for k in ANSWER if k not in probe]
            if missing:
                raise InputError(f"{path}: probe {i} reports an incident but lacks "
                                 f"{', '.join(missing)}")
            bad = [k for k in COUNT_KEYS
                   if probe[k] is not None and (not isinstance(probe[k], int) or probe[k] < 0)]
            if bad:
                raise InputError(f"{path}: probe {i}: {', '.join(bad)} must be a count >= 0 "
                                 "or null")
    return probes
