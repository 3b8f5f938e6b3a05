"""Domain exceptions. The service maps these to 4xx responses in one handler."""

from __future__ import annotations


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
