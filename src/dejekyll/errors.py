"""One error root, carrying the place in the input it is about."""

from __future__ import annotations

from typing import Any

from .records import format_location


class DejekyllError(Exception):
    """Something in the input that stops a page (or the build) from converting.

    The location (``path``, ``line``, ``column``) is kept apart from the message,
    and ``str()`` gives the compiler-style ``path:line:column: message``.
    """

    kind = "general"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def location(self) -> str:
        """``path:line:column`` as far as it is known."""
        return format_location(self.path, self.line, self.column)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.path, self.line, self.column))


def _rebuild(
    cls: type[DejekyllError], message: str, path: str | None, line: int | None, column: int | None
) -> DejekyllError:
    return cls(message, path=path, line=line, column=column)


class ConfigError(DejekyllError):
    """``_config.yml`` or the command line is unusable: the build cannot start."""

    kind = "config"


class FrontMatterError(DejekyllError):
    """Front matter Jekyll would reject (not a mapping, say)."""

    kind = "yaml"


class DateError(DejekyllError):
    """A date Jekyll cannot parse (``InvalidDateError``)."""

    kind = "date"


class PermalinkError(DejekyllError):
    """A permalink Jekyll would reject (empty, unknown placeholder)."""

    kind = "permalink"


class LiquidError(DejekyllError):
    """A Liquid template error in a page, include or layout."""

    kind = "liquid"


def error_class(kind: str) -> type[DejekyllError]:
    """The error class for a diagnostic's ``kind`` (the root when none is narrower)."""
    for cls in (ConfigError, FrontMatterError, DateError, PermalinkError, LiquidError):
        if cls.kind == kind:
            return cls
    return DejekyllError
