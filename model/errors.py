"""Domain exceptions. The service maps these to 4xx responses in one handler."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class ConflictIEError(Exception):
    """Base class of every error this project raises on purpose."""


class AnnotationError(ConflictIEError):
    """Annotation data is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        shown = "\n".join(self.problems[:20])
        more = f"\n... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(f"{len(self.problems)} annotation problem(s):\n{shown}{more}")


class ModelLoadError(ConflictIEError):
    """A model directory is missing, incomplete, or does not match the project's labels."""


class InputError(ConflictIEError):
    """User input (text, date, option) cannot be processed."""


class Cancelled(ConflictIEError):
    """The caller gave up (its cancel flag was set) before the work finished."""


class CancelFlag(Protocol):
    """What a long computation polls to know its caller gave up (``threading.Event`` is one)."""

    def is_set(self) -> bool: ...


def error_messages(errors: Sequence[Mapping[str, Any]]) -> list[str]:
    """One readable line per pydantic validation error (``ValidationError.errors()``).

    ``where: message``, with the offending value shown short (never raw bytes) except for
    missing fields and the project's own checks, whose messages already name it. Used for
    annotation files, CLI options and HTTP requests alike.

    >>> error_messages([{"type": "missing", "loc": ("body", "text"), "msg": "Field required"}])
    ['body.text: Field required']
    >>> error_messages([{"type": "int_type", "loc": ("start",), "msg": "Input should be a "
    ...                  "valid integer", "input": "x"}])
    ["start: Input should be a valid integer (got 'x')"]
    """
    messages: list[str] = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        where = ".".join(str(part) for part in loc)
        kind = error.get("type", "")
        value = error.get("input")
        if kind == "json_invalid":
            reason = error.get("ctx", {}).get("error", "")
            at = f" (at character {loc[-1]})" if loc and isinstance(loc[-1], int) else ""
            messages.append(f"body is not valid JSON: {reason}{at}")
            continue
        if isinstance(value, bytes | bytearray) and where == "body":
            messages.append("body must be JSON, sent with 'Content-Type: application/json'")
            continue
        if kind == "string_unicode":
            messages.append(f"{where}: invalid Unicode (lone surrogate)")
            continue
        text = str(error.get("msg", "invalid")).removeprefix("Value error, ")
        shown = "" if kind in ("missing", "value_error") else f" (got {_short(value)})"
        for line in text.splitlines():
            messages.append(f"{where}: {line}{shown}" if where else f"{line}{shown}")
    return messages


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} chars)"
