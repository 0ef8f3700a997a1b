"""Finding where the next span may start, fast.

The span parser scans to the next position where a span parser's start pattern (or
the current stop pattern) matches: kramdown's ``@src.scan_until(/(?=#{regexps})/)``.
As one regular expression, the union of the start patterns is slow to search: the
smart-quote pattern ``[^\\]?["']`` may match at any character (the one before a
quote), so Python's engine tries every alternative at every position of the text.

:class:`SpanStarts` finds the same position in three searches the engine does quickly:
the start patterns rewritten so that each alternative begins with a fixed character
(the engine then skips to those characters), the character before a quote not after a
backslash (the one start that does not begin with a fixed character), and the stop
pattern on its own.  The nearest of the three is where the union matches first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["SpanStarts"]

# Each span parser's start pattern (``patterns.SPAN_START_STRINGS``) as alternatives that
# begin with a fixed character, without the smart quotes' "one character before a quote".
_FIXED_FIRST: dict[str, tuple[str, ...]] = {
    "emphasis": (r"\*", "_"),
    "codespan": ("`",),
    "autolink": ("<",),
    "span_html": ("<",),
    "footnote_marker": (r"\[",),
    "link": (r"!\[", r"\["),
    "smart_quotes": ('"', "'"),
    "inline_math": (r"\$",),
    "span_extensions": (r"\{:",),
    "html_entity": ("&",),
    "typographic_syms": ("--", r"\.\.\.", r"\\<<", r"\\>>", " <<", " >>", "<<", ">>"),
    "line_break": (r"  (?=\n)", r"\\\\(?=\n)"),
    "escaped_chars": (r"\\",),
    "strikethrough": ("~~",),
}
_QUOTE = re.compile("[\"']")


class SpanStarts:
    """``re.compile(f"(?={stop}|{union of the parsers' start patterns})")``, searched fast.

    Offers the pattern's ``search`` and ``match``; matches are the pattern's own.
    """

    __slots__ = ("_fixed", "_quotes", "_stop", "pattern", "regex")

    def __init__(
        self, regex: re.Pattern[str], stop: re.Pattern[str] | None, parsers: Iterable[str]
    ) -> None:
        names = tuple(parsers)
        self.regex = regex
        """The lookahead union itself (what ``match`` and the result come from)."""
        self.pattern = regex.pattern
        alternatives = dict.fromkeys(a for name in names for a in _FIXED_FIRST[name])
        self._fixed = re.compile("|".join(alternatives)) if alternatives else None
        self._quotes = "smart_quotes" in names
        self._stop = stop

    @staticmethod
    def knows(parsers: Iterable[str]) -> bool:
        """Whether every parser's start pattern is known here."""
        return all(name in _FIXED_FIRST for name in parsers)

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """The union's match at ``pos``."""
        return self.regex.match(string, pos)

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        """The union's first match at or after ``pos`` (as ``regex.search`` finds it)."""
        best = len(string) + 1
        if self._stop is not None and (m := self._stop.search(string, pos)) is not None:
            best = m.start()
        if self._fixed is not None:
            # a start before ``best`` needs at most three characters (``...``, "  \n")
            m = self._fixed.search(string, pos, min(len(string), best + 3))
            if m is not None and m.start() < best:
                best = m.start()
        if self._quotes:
            # "x'" matches at x, unless x is a backslash (then at the quote: found above)
            quote = _QUOTE.search(string, pos + 1, best + 1)
            while quote is not None and string[quote.start() - 1] == "\\":
                quote = _QUOTE.search(string, quote.start() + 1, best + 1)
            if quote is not None:
                best = min(best, quote.start() - 1)
        if best > len(string):
            return None
        return self.regex.match(string, best)
