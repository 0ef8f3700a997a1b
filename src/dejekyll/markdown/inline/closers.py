"""Where span constructs end, found without rescanning the rest of the line for every opener.

Several of kramdown's span regexps search forward for a closer with a lazy ``.+?`` (autolinks,
``(<url>)``, link titles, span IALs) and kramdown counts parentheses to the end of the text for
every inline link URL.  A long line with thousands of openers and no closer makes each of these
scans run to the end of the line, which is quadratic.  The functions here give exactly the
matches of those regexps (same end, same groups) but find the closer with the scanner's
memoised searches, or, for parentheses, with one matching pass over the text, so every opener
after the first is answered at once.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from . import patterns as p
from .scanner import Scanner

__all__ = [
    "ExtensionTag",
    "angle_url_at",
    "autolink_at",
    "extension_at",
    "last_link_hazard",
    "link_title_at",
    "paren_url_end",
    "span_ial_at",
]

_WS_CHARS = " \t\n\v\f\r"
_GT_OR_NEWLINE = re.compile(r"[>\n]")
_AUTOLINK_SCHEME = re.compile(r"<(mailto|https?|ftps?):")
_EXT_NAME = re.compile(rf"\{{::({p.AW}+)")
_EXT_STOP_TAG = re.compile(rf"\{{:/({p.ALD_ID_NAME})?\}}")
_UNESCAPED_BRACE = re.compile(r"(?<!\\)\}")
_WS_BEFORE_QUOTE = re.compile(rf"{p.WS}(?=['\"])")
_TITLE_CLOSE = {q: re.compile(rf"{q}{p.WS}*\)") for q in "\"'"}
_PARENS_KEY = "parens"
_HAZARD_KEY = "link_hazard"


def _gt_on_line(src: Scanner, start: int) -> int | None:
    """The first ``>`` at or after ``start`` before the end of its line (``.*?>``)."""
    m = src.search(_GT_OR_NEWLINE, start)
    if m is None or m.group() != ">":
        return None
    return m.start()


@cache
def _autolink_email() -> re.Pattern[str]:
    return re.compile(p.AUTOLINK_EMAIL_SOURCE)  # compiled when first needed: see unicode_class


def autolink_at(src: Scanner, pos: int) -> tuple[int, str, str | None] | None:
    """``AUTOLINK_START`` matched at ``pos``: (end, group 1, group 2), or None."""
    s = src.string
    m = _AUTOLINK_SCHEME.match(s, pos)
    if m is not None:
        # ``(mailto|https?|ftps?):.+?>``: at least one character, then the first ``>`` of the
        # line (the e-mail alternative cannot match after a scheme and its colon).
        body = m.end()
        if body >= len(s) or s[body] == "\n":
            return None
        gt = _gt_on_line(src, body + 1)
        return None if gt is None else (gt + 1, s[pos + 1 : gt], m.group(1))
    m = _autolink_email().match(s, pos)
    return None if m is None else (m.end(), m.group(1), None)


def angle_url_at(src: Scanner, pos: int) -> tuple[int, str] | None:
    """``LINK_ANGLE_URL`` (``\\(<(.*?)>``) matched at ``pos``: (end, group 1), or None."""
    s = src.string
    if not s.startswith("(<", pos):
        return None
    gt = _gt_on_line(src, pos + 2)
    return None if gt is None else (gt + 1, s[pos + 2 : gt])


def span_ial_at(src: Scanner, pos: int) -> tuple[int, str] | None:
    """``IAL_SPAN_START`` (``\\{:((?:\\\\\\}|[^}])+)\\}``) matched at ``pos``: (end, group 1).

    The body's greedy scan stops at the first ``}`` not escaped by a backslash inside the body;
    if there is none, backtracking ends the match at the last (escaped) ``}`` of the text.
    """
    s = src.string
    start = pos + 2
    if not s.startswith("{:", pos) or start >= len(s) or s[start] == "}":
        return None
    brace = src.search(_UNESCAPED_BRACE, start + 1)
    end = brace.start() if brace is not None else s.rfind("}", start + 1)
    return None if end < 0 else (end + 1, s[start:end])


class ExtensionTag(NamedTuple):
    """What ``EXT_SPAN_START`` matched: ``{::name attrs}``, ``{::name /}`` or a stop tag."""

    end: int
    name: str | None
    """Group 1 (None: the stop-tag alternative ``{:/name}``, group 4)."""
    attrs: tuple[int, int] | None
    """Where group 2, the attribute text, lies in the string (None: unmatched)."""
    closed: bool
    """Group 3: the tag closes itself with ``/}``."""


def extension_at(src: Scanner, pos: int) -> ExtensionTag | None:
    """``EXT_SPAN_START`` matched at ``pos``.

    After ``{::name`` and whitespace, the lazy attribute text ends at the first ``}`` not
    escaped by a backslash inside it (``/}`` there closes the tag); if there is none,
    backtracking ends it at the last (escaped) ``}`` of the text.
    """
    s = src.string
    m = _EXT_NAME.match(s, pos)
    if m is None:
        stop = _EXT_STOP_TAG.match(s, pos)
        return None if stop is None else ExtensionTag(stop.end(), None, None, False)
    name, after = m.group(1), m.end()
    if after < len(s) and s[after] in _WS_CHARS:
        start = after + 1
        brace = src.search(_UNESCAPED_BRACE, start)
        end = brace.start() if brace is not None else s.rfind("}", start)
        if end < 0:
            return None
        closed = end > start and s[end - 1] == "/"
        return ExtensionTag(end + 1, name, (start, end - 1 if closed else end), closed)
    if s.startswith("/}", after):
        return ExtensionTag(after + 2, name, None, True)
    if s.startswith("}", after):
        return ExtensionTag(after + 1, name, None, False)
    return None


def _matching_parens(s: str) -> dict[int, int]:
    """Each ``(`` of ``s`` that is closed, mapped to its balancing ``)``."""
    matches: dict[int, int] = {}
    stack: list[int] = []
    for m in re.finditer(r"[()]", s):
        if m.group() == "(":
            stack.append(m.start())
        elif stack:
            matches[stack.pop()] = m.start()
    return matches


def paren_url_end(src: Scanner, pos: int) -> tuple[int, bool]:
    """Where kramdown's parenthesis count for an inline link URL at ``pos`` (a ``(``) stops.

    kramdown scans ``(``, ``)`` and whitespace before a quote from ``pos``, counting brackets,
    and stops at the ``)`` that balances the first ``(``, at whitespace before a quote, or at the
    end of the text (then after the last bracket seen).  Returns the scan position after the
    loop and whether the brackets balanced.
    """
    s = src.string
    parens = src.memo.get(_PARENS_KEY)
    if parens is None:
        parens = src.memo[_PARENS_KEY] = _matching_parens(s)
    close = parens.get(pos)
    quote = src.search(_WS_BEFORE_QUOTE, pos + 1)
    if close is not None and (quote is None or close < quote.start()):
        return close + 1, True
    if quote is not None:
        return quote.end(), False
    return max(s.rfind("("), s.rfind(")")) + 1, False


def link_title_at(src: Scanner, pos: int) -> tuple[int, str] | None:
    """``LINK_INLINE_TITLE`` matched at ``pos``: (end, group 2), or None.

    The quote comes after any whitespace; the title ends at the first same quote (at least one
    character on) followed by optional whitespace and ``)``.
    """
    s = src.string
    start = pos
    while start < len(s) and s[start] in _WS_CHARS:
        start += 1
    if start >= len(s) or s[start] not in "\"'":
        return None
    close = src.search(_TITLE_CLOSE[s[start]], start + 2)
    return None if close is None else (close.end(), s[start + 1 : close.start()])


def last_link_hazard(src: Scanner) -> int:
    """The last position from which a link's text or what follows it can matter (-1: none).

    Such a position is a ``<`` (span HTML, which can warn), a ``[^`` (a footnote marker, which
    can warn) or a ``]`` followed by what ``LINK_INLINE_ID`` or ``OPEN_PAREN`` match (a link
    closing there has a label or a URL).  A link whose text starts after it can only be a
    reference by its own text, and parsing its text gives no warning.  Found once per text.
    """
    last = src.memo.get(_HAZARD_KEY)
    if last is None:
        s = src.string
        last = max(s.rfind("<"), s.rfind("[^"))
        close = s.rfind("]")
        while close > last:
            if p.LINK_INLINE_ID.match(s, close + 1) or p.OPEN_PAREN.match(s, close + 1):
                last = close
                break
            close = s.rfind("]", 0, close)
        src.memo[_HAZARD_KEY] = last
    assert isinstance(last, int)
    return last
