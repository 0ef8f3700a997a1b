"""What kramdown does to the span tree after parsing: abbreviations, then GFM hard line breaks.

``Parser::Kramdown#replace_abbreviations`` turns abbreviation occurrences inside text elements into
``abbreviation`` elements (not inside raw-model HTML); ``Parser::GFM#update_elements`` then splits
text containing a backslash-newline into text and ``br`` elements, never looking inside HTML
elements.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .patterns import AW
from .tree import El


@dataclass(frozen=True, slots=True)
class AbbrevPatterns:
    """Compiled abbreviation patterns (see :func:`abbreviation_patterns`)."""

    anywhere: re.Pattern[str]
    bounded: re.Pattern[str]
    at_start: re.Pattern[str]


__all__ = [
    "AbbrevPatterns",
    "abbreviation_patterns",
    "finalize",
    "hard_line_breaks",
    "replace_abbreviations",
]

_NON_WORD = r"[^A-Za-z0-9_]"


def finalize(el: El) -> None:
    """Join the pending pieces of every text element under ``el``."""
    for child in el.children:
        if child.kind == "text":
            child.text()
        elif child.children:
            finalize(child)


def abbreviation_patterns(abbrevs: Mapping[str, str]) -> AbbrevPatterns:
    """The patterns of ``replace_abbreviations`` for the abbreviations ``abbrevs``.

    ``anywhere`` matches any abbreviation (longest first); ``bounded`` finds the position where an
    abbreviation starts after a non-word character or at a line start (kramdown's
    ``(?=(?:\\W|^)abbr(?!\\w))``); ``at_start`` is the same check at the scan position, where
    Ruby's ``^`` also matches because the scanner treats that position as the string start.
    """
    names = sorted(abbrevs, key=len, reverse=True)
    union = "|".join(re.escape(n) for n in names)
    return AbbrevPatterns(
        anywhere=re.compile(f"(?:{union})"),
        bounded=re.compile(rf"(?=(?:{_NON_WORD}|(?<=\n))(?:{union})(?!{AW}))"),
        at_start=re.compile(rf"(?=(?:{_NON_WORD})?(?:{union})(?!{AW}))"),
    )


def _split_abbreviations(text: str, pats: AbbrevPatterns) -> list[El]:
    """Split ``text`` into text and abbreviation elements (the ``strscan`` loop of kramdown)."""
    result: list[El] = []
    pos = 0
    n = len(text)
    while pos <= n:
        found = pats.at_start.match(text, pos) or pats.bounded.search(text, pos)
        if found is None:
            break
        start = found.start()
        m = pats.anywhere.match(text, start) or pats.anywhere.match(text, start + 1)
        if m is None:  # pragma: no cover - the lookahead guarantees a match
            break
        result.append(El("text", text[pos : m.start()]))
        result.append(El("abbreviation", m.group()))
        pos = m.end()
    result.append(El("text", text[pos:]))
    return result


def replace_abbreviations(el: El, pats: AbbrevPatterns) -> None:
    """Replace abbreviations in the text elements under ``el`` (not in raw-model HTML)."""
    out: list[El] = []
    changed = False
    for child in el.children:
        if child.kind == "text" and el.options.get("content_model") != "raw":
            value = child.text()
            if pats.anywhere.search(value):
                out.extend(_split_abbreviations(value, pats))
                changed = True
                continue
            out.append(child)
        else:
            replace_abbreviations(child, pats)
            out.append(child)
    if changed:
        el.children = out


def hard_line_breaks(el: El, block: bool = True, marker: str = "\\\n") -> None:
    """GFM: split text holding ``marker`` into text and ``br`` (``update_elements``).

    ``marker`` is ``\\`` + newline, or a bare newline with ``hard_wrap``.
    """
    out: list[El] = []
    changed = False
    last = el.children[-1] if el.children else None
    for child in el.children:
        if child.kind == "text" and marker in child.text():
            out.extend(_split_breaks(child.text(), block and child is last, marker))
            changed = True
        elif child.kind == "html_element":
            out.append(child)
        else:
            if child.children:
                hard_line_breaks(child, False, marker)
            out.append(child)
    if changed:
        el.children = out


def _split_breaks(value: str, at_block_end: bool, marker: str) -> list[El]:
    lines = value.split(marker)
    omit_trailing = lines[-1] == "" and at_block_end
    result: list[El] = []
    count = len(lines)
    for index, line in enumerate(lines):
        result.append(El("text", line if index == 0 else f"\n{line}"))
        if index < count - 2 or (index == count - 2 and not omit_trailing):
            result.append(El("br"))
    return result
