"""Strict JSON: what every request body of the API is read with.

Python's ``json`` module accepts more than JSON and fails on some of what it accepts:

- ``NaN``, ``Infinity`` and ``-Infinity`` are read as floats (they are not JSON, and a strict
  reader of an export chokes on them), and so is ``1e999`` (as ``inf``);
- an integer of more than 4,300 digits raises a plain ``ValueError`` (Python's limit on
  integer string conversion), not ``JSONDecodeError``;
- a ``\\ud800`` escape with no partner gives a string that cannot be encoded as UTF-8 (the
  database write, and the response that echoes it, fail later).

``loads_strict`` refuses the first two as ``JSONDecodeError`` naming the position, so every
caller already handling bad JSON answers them the same way; ``unicode_problems`` names every
string or key holding a lone surrogate, by its path in the value (the document models check
their own fields; this covers free-form parts such as ``meta``).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_INT_DIGITS = 4300  # Python's own limit on int(str); longer integers are refused
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_CONSTANTS = {"NaN": "NaN", "Infinity": "Infinity", "-Infinity": "-Infinity"}


class _Refused(ValueError):
    """Raised by the parser hooks; ``loads_strict`` turns it into ``JSONDecodeError``."""

    def __init__(self, message: str, token: str) -> None:
        super().__init__(message)
        self.token = token


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not valid JSON (numbers must be finite)", _CONSTANTS[name])


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(f"number {literal[:40]} is out of range (numbers must be finite)", literal)
    return value


def _integer(literal: str) -> int:
    digits = len(literal) - literal.startswith("-")
    if digits > MAX_INT_DIGITS:
        raise _Refused(f"integer of {digits} digits is too long (at most {MAX_INT_DIGITS})",
                       literal)
    return int(literal)


def loads_strict(text: str) -> Any:
    """``json.loads`` that refuses non-finite numbers and over-long integers.

    Raises:
        json.JSONDecodeError: bad JSON, or one of those numbers (its message and position).

    >>> loads_strict('{"k": [1, 2.5, "NaN"]}')
    {'k': [1, 2.5, 'NaN']}
    >>> try:
    ...     loads_strict('{"k": NaN}')
    ... except json.JSONDecodeError as exc:
    ...     print(exc.msg, "at", exc.pos)
    NaN is not valid JSON (numbers must be finite) at 6
    """
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_finite, parse_int=_integer)
    except _Refused as exc:
        raise json.JSONDecodeError(str(exc), text, _position(text, exc.token)) from None


def _position(text: str, token: str) -> int:
    """Where ``token`` first stands outside a string in ``text`` (0 if, oddly, nowhere)."""
    masked = _STRING.sub(lambda m: " " * len(m.group()), text)
    found = re.search(rf"(?<![\w.+-]){re.escape(token)}(?![\w.])", masked)
    return found.start() if found else 0


def unicode_problems(value: Any, where: str = "") -> list[str]:
    """Every string and key in ``value`` that is not valid Unicode (a lone surrogate), by path.

    >>> unicode_problems({"meta": {"source": "ok", "k": ["x", "\\ud800"]}})
    ['meta.k.1: invalid Unicode (lone surrogate) at position 0']
    >>> unicode_problems({"\\udc00": 1}, "meta")
    ["meta: key '\\\\udc00' is invalid Unicode (lone surrogate)"]
    """
    problems: list[str] = []
    stack: list[tuple[str, Any]] = [(where, value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            position = _surrogate_at(item)
            if position is not None:
                problems.append(f"{path}: invalid Unicode (lone surrogate) at position {position}")
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                if _surrogate_at(key) is not None:
                    problems.append(f"{path}: key {key!r} is invalid Unicode (lone surrogate)")
                stack.append((f"{path}.{key}" if path else str(key), child))
        elif isinstance(item, list):
            stack.extend((f"{path}.{n}" if path else str(n), child)
                         for n, child in reversed(list(enumerate(item))))
    return [p.encode("utf-8", "backslashreplace").decode("utf-8") for p in problems]


def _surrogate_at(text: str) -> int | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None
