"""The span-level regular expressions of kramdown 2.4 and kramdown-parser-gfm 1.1, for Python.

Ruby's ``\\w``, ``\\s`` and ``\\d`` are ASCII-only while ``[[:alpha:]]``, ``[[:alnum:]]`` and
``\\p{Word}`` are Unicode, so the ASCII classes are spelled out below.  Every pattern is used with
``match``/``search`` from the scanner position; none relies on ``^`` at that position.
"""

from __future__ import annotations

import re
from functools import cache

from .unicode_classes import ALNUM as RUBY_ALNUM_CLASS
from .unicode_classes import ALPHA as RUBY_ALPHA_CLASS
from .unicode_classes import WORD as RUBY_WORD_CLASS

WS = r"[ \t\n\v\f\r]"
NWS = r"[^ \t\n\v\f\r]"
AW = r"[A-Za-z0-9_]"
ALD_ID_NAME = r"[A-Za-z0-9_][A-Za-z0-9_-]*"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"


@cache
def unicode_class(chars: str) -> re.Pattern[str]:
    """``[chars]`` compiled when first needed: a class of thousands of Unicode ranges takes
    Python's compiler about 15 ms, and most texts only ever ask about ASCII characters."""
    return re.compile(f"[{chars}]")


def ruby_alpha(ch: str) -> bool:
    """Onigmo's ``[[:alpha:]]`` for one character."""
    if ch.isascii():
        return ch.isalpha()
    return unicode_class(RUBY_ALPHA_CLASS).match(ch) is not None


def ruby_alnum(ch: str) -> bool:
    """Onigmo's ``[[:alnum:]]`` for one character (``²`` and viramas are not)."""
    if ch.isascii():
        return ch.isalnum()
    return unicode_class(RUBY_ALNUM_CLASS).match(ch) is not None


EMPHASIS_START = re.compile(r"\*\*?|__?")
CODESPAN_DELIMITER = re.compile(r"`+")
# kramdown's AUTOLINK_START is ``<((mailto|https?|ftps?):.+?|ACHARS+?@ACHARS+?)>``.
ACHARS = f"[{RUBY_ALNUM_CLASS}_.\\-]"
AUTOLINK_EMAIL_SOURCE = rf"<({ACHARS}+?@{ACHARS}+?)>"
# Dispatch tries this, then ``closers.autolink_at`` matches the rest exactly (the lazy ``.+?``
# would rescan the line per ``<``).  Before an ``@`` it takes any run of characters that are
# not spaces, ``<``, ``>`` or ``@`` (a superset of ACHARS, whose Unicode class is costly to
# compile): the exact match decides.
AUTOLINK_PREFIX = re.compile(r"<(?=(?:mailto|https?|ftps?):|[^ \t\n\v\f\r<>@]+?@)")
HTML_SPAN_START = re.compile(r"<(?:[^\W\d][-\w.]*|!--|/)")
FOOTNOTE_MARKER_START = re.compile(rf"\[\^({ALD_ID_NAME})\]")
LINK_START = re.compile(r"!?\[(?=[^^])")
SMART_QUOTES_START = re.compile(r"[^\\]?[\"']")
INLINE_MATH_START = re.compile(r"\$\$(.*?)\$\$", re.DOTALL)
SPAN_EXTENSIONS_START = re.compile(r"\{:")
HTML_ENTITY = re.compile(r"&([A-Za-z0-9_:][\-A-Za-z0-9_.:]*);|&#([0-9]+);|&#x([0-9a-fA-F]+);")
TYPOGRAPHIC_SYMS = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
LINE_BREAK = re.compile(r"(  |\\\\)(?=\n)")
ESCAPED_CHARS_GFM = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])")
ESCAPED_CHARS = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-])")
# GFM's STRIKETHROUGH_MATCH ``~~(?!\s|~).*?[^\s~]~~`` is split in two: the opening here, the
# first closing after it searched separately (memoised, so unclosed runs stay linear).
STRIKETHROUGH_OPEN = re.compile(rf"~~(?!{WS}|~)")
STRIKETHROUGH_CLOSE = re.compile(r"[^ \t\n\v\f\r~]~~")

# The span-start strings kramdown joins into one regexp (``span_start`` of each parser).
SPAN_START_STRINGS: dict[str, str] = {
    "emphasis": r"\*|_",
    "codespan": r"`",
    "autolink": r"<",
    "span_html": r"<",
    "footnote_marker": r"\[",
    "link": r"!?\[",
    "smart_quotes": r"[^\\]?[\"']",
    "inline_math": r"\$",
    "span_extensions": r"\{:",
    "html_entity": r"&",
    "typographic_syms": r"--|\.\.\.|(?:\\| )?(?:<<|>>)",
    "line_break": r"(?:  |\\\\)(?=\n)",
    "escaped_chars": r"\\",
    "strikethrough": r"~~",
}

# Emphasis and strong closing delimiters that kramdown's stop condition can accept: not after
# whitespace, an ``em`` delimiter not the start of a ``**`` pair, ``_`` not before an alnum.
# (The alnum condition on ``_`` is left to the accept check: Python's classes differ from Ruby's.)
EMPHASIS_CLOSERS: dict[tuple[str, str], re.Pattern[str]] = {
    ("*", "em"): re.compile(rf"(?<!{WS})\*(?!\*(?!\*))"),
    ("**", "strong"): re.compile(rf"(?<!{WS})\*\*"),
    ("_", "em"): re.compile(rf"(?<!{WS})_(?!_(?!_))"),
    ("__", "strong"): re.compile(rf"(?<!{WS})__"),
}
EMPHASIS_STOPS: dict[str, re.Pattern[str]] = {
    d: re.compile(re.escape(d)) for d in ("*", "**", "_", "__")
}
EM_DOUBLE: dict[str, re.Pattern[str]] = {
    "*": re.compile(r"\*\*(?!\*)"),
    "_": re.compile(r"__(?!_)"),
}

LINK_BRACKET_STOP = re.compile(r"(\])|!?\[")
LINK_PAREN_STOP = re.compile(rf"(\()|(\))|{WS}(?=['\"])")
LINK_INLINE_ID = re.compile(r"[ \t\n\v\f\r]*?\[([^\]]+)?\]")
LINK_INLINE_TITLE = re.compile(rf"{WS}*?([\"'])(.+?)\1{WS}*?\)", re.DOTALL)
LINK_ANGLE_URL = re.compile(r"\(<(.*?)>")
OPEN_PAREN = re.compile(r"\(")
CLOSE_PAREN = re.compile(r"\)")
CLOSE_BRACKET = re.compile(r"\]")
WS1 = re.compile(WS)

# Onigmo's word character for ``\b``/``\B`` (letters, marks, numbers, ``_``).
RUBY_WORD = f"[{RUBY_WORD_CLASS}]"

# kramdown's second rule is ``(["'])(?=[[:punct:]](?!\.\.)\B)``: after ``_`` (a word
# character) ``\B`` wants a word character next, after any other punctuation a non-word one.
SQ_PUNCT_NOT_WORD = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^`{|}~]"
SQ_CLOSE = r"[^ \\\t\r\n\[{(\-]"
Source = tuple[str, int]
"""A regular expression not yet compiled: its source and flags."""

# (pattern, substitutions): an int substitution adds that group as text, a name adds a quote.
# Only their union is compiled (the classes in rules 2 and 8 are costly to compile).
SQ_RULES: tuple[tuple[Source, tuple[int | str, ...]], ...] = (
    ((rf"([\"'])(?=[_*]{{1,2}}{NWS})", 0), ("lquote1",)),
    ((rf"([\"'])(?=_(?={RUBY_WORD})|{SQ_PUNCT_NOT_WORD}(?!\.\.)(?!{RUBY_WORD}))", 0), ("rquote1",)),
    ((rf"({WS}?)\"'(?={AW})", 0), (1, "ldquo", "lsquo")),
    ((rf"({WS}?)'\"(?={AW})", 0), (1, "lsquo", "ldquo")),
    ((rf"({WS}?)'(?=[0-9][0-9]s)", 0), (1, "rsquo")),
    ((rf"({WS})(['\"])(?={AW})", 0), (1, "lquote2")),
    ((rf"({SQ_CLOSE})(['\"])", 0), (1, "rquote2")),
    ((rf"([\"'])(?={WS}|s(?!{RUBY_WORD})|$)", re.MULTILINE), ("rquote1",)),
    ((r"(.?)'", re.DOTALL), (1, "lsquo")),
    ((r"(.?)\"", re.DOTALL), (1, "ldquo")),
)


def source_of(rx: re.Pattern[str]) -> Source:
    """A compiled pattern's source and flags."""
    return rx.pattern, rx.flags


def _scoped(source: str, flags: int) -> str:
    """``source`` with its DOTALL/MULTILINE flags made local (for use inside a union)."""
    local = ("s" if flags & re.DOTALL else "") + ("m" if flags & re.MULTILINE else "")
    return f"(?{local}:{source})" if local else f"(?:{source})"


def first_match_union(
    patterns: tuple[Source, ...],
) -> tuple[re.Pattern[str], dict[int, tuple[int, int]]]:
    """One pattern trying ``patterns`` in order at a position (as Ruby's ``find`` over them).

    Returns the union and a map from the outer group index of each alternative (the match's
    ``lastindex``) to (its position in ``patterns``, the offset of its own groups).
    """
    parts = [f"(?P<_{i}>{_scoped(*pattern)})" for i, pattern in enumerate(patterns)]
    union = re.compile("|".join(parts))
    outer = [union.groupindex[f"_{i}"] for i in range(len(patterns))]
    return union, {group: (i, group) for i, group in enumerate(outer)}


SQ_UNION, SQ_UNION_INDEX = first_match_union(tuple(rule for rule, _ in SQ_RULES))

EXT_START_S = rf"\{{::({AW}+)(?:{WS}({ALD_ANY_CHARS}*?)|)(/)?\}}"
EXT_SPAN_START = re.compile(rf"{EXT_START_S}|\{{:/({ALD_ID_NAME})?\}}")
IAL_SPAN_START = re.compile(rf"\{{:({ALD_ANY_CHARS}+)\}}")

# parse_attribute_list
ALD_TYPE_ANY = re.compile(
    rf"(?:\A|{WS})(?:({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\x02])*?)\2"
    rf"|({ALD_ID_NAME})"
    rf"|((?:#[A-Za-z][A-Za-z0-9_:-]*|\.[^ \t\n\v\f\r.#]+)+))(?={WS}|\n?\Z)"
)
ALD_TYPE_ID_OR_CLASS = re.compile(r"#([A-Za-z][A-Za-z0-9_:-]*)|\.([^ \t\n\v\f\r.#]+)")

HTML_COMMENT_END = re.compile(r"-->")
NEWLINES = re.compile(r"\n+")
WHITESPACE_RUN = re.compile(r"[ \t\n\v\f\r]+")
