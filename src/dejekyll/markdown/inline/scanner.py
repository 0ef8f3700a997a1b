"""A ``StringScanner`` for the span parser, with memoised searches.

kramdown walks its source with Ruby's ``StringScanner``; this class offers the same operations on
a Python string without ever copying the remaining text.  Searches are memoised per pattern: once
a pattern is known not to occur after position ``p`` (or to occur first at ``q``), any later search
from a position in that range is answered at once, which keeps the parser linear when it retries
constructs that fail (an unclosed ``**``, ``[`` or ``` `` ``` repeated along a long line).
"""

from __future__ import annotations

import re
from typing import Any, Protocol

__all__ = ["Scanner", "Searcher"]


class Searcher(Protocol):
    """What :meth:`Scanner.search` needs: a compiled pattern, or an object searching as one."""

    def search(self, string: str, pos: int = ..., /) -> re.Match[str] | None:
        """The first match at or after ``pos``."""


class Scanner:
    """Scan ``string`` from ``pos``; ``m`` is the last successful match (``None`` after a miss)."""

    __slots__ = ("_found", "_missing", "m", "memo", "pos", "string")

    def __init__(self, string: str) -> None:
        self.string = string
        self.pos = 0
        self.m: re.Match[str] | None = None
        self._missing: dict[Searcher, int] = {}
        self._found: dict[Searcher, tuple[int, re.Match[str]]] = {}
        self.memo: dict[str, Any] = {}
        """Facts about ``string`` computed once for the whole parse (see ``closers``)."""

    def eos(self) -> bool:
        """Whether the whole string has been consumed."""
        return self.pos >= len(self.string)

    def check(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        """Match ``rx`` at the current position without advancing."""
        self.m = rx.match(self.string, self.pos)
        return self.m

    def scan(self, rx: re.Pattern[str]) -> str | None:
        """Match ``rx`` at the current position and advance past it."""
        m = self.m = rx.match(self.string, self.pos)
        if m is None:
            return None
        self.pos = m.end()
        return m.group()

    def search(self, rx: Searcher, pos: int | None = None) -> re.Match[str] | None:
        """The first match of ``rx`` at or after ``pos`` (memoised; does not move or set ``m``)."""
        start = self.pos if pos is None else pos
        found = self._found.get(rx)
        if found is not None and found[0] <= start <= found[1].start():
            return found[1]
        missing = self._missing.get(rx)
        if missing is not None and start >= missing:
            return None
        m = rx.search(self.string, start)
        if m is None:
            self._missing[rx] = start
        else:
            self._found[rx] = (start, m)
        return m

    def scan_until(self, rx: Searcher) -> str | None:
        """Search ``rx`` from the current position; return the text up to the match end."""
        m = self.m = self.search(rx)
        if m is None:
            return None
        result = self.string[self.pos : m.end()]
        self.pos = m.end()
        return result

    def group(self, index: int) -> str | None:
        """Group ``index`` of the last match (``None`` if unmatched)."""
        return None if self.m is None else self.m.group(index)

    def pre_char(self) -> str:
        """The character before the start of the last match (``""`` at the string start)."""
        start = self.m.start() if self.m is not None else self.pos
        return self.string[start - 1] if start > 0 else ""

    def getch(self) -> str:
        """Consume and return one character."""
        ch = self.string[self.pos]
        self.pos += 1
        self.m = None
        return ch

    def rest(self) -> str:
        """The unconsumed text."""
        return self.string[self.pos :]

    def terminate(self) -> None:
        """Consume everything."""
        self.pos = len(self.string)
