"""The span-level regular expressions of kramdown 2.4 and kramdown-parser-gfm 1.1, for Python.

Ruby's ``\\w``, ``\\s`` and ``\\d`` are ASCII-only while ``[[:alpha:]]``, ``[[:alnum:]]`` and
``\\p{Word}`` are Unicode, so the ASCII classes are spelled out below.  Every pattern is used with
``match``/``search`` from the scanner position; none relies on ``^`` at that position.
"""

from __future__ import annotations

import re

from .unicode_classes import ALNUM as RUBY_ALNUM_CLASS
from .unicode_classes import ALPHA as RUBY_ALPHA_CLASS
from .unicode_classes import WORD as RUBY_WORD_CLASS

WS = r"[ \t\n\v\f\r]"
NWS = r"[^ \t\n\v\f\r]"
AW = r"[A-Za-z0-9_]"
ALD_ID_NAME = r"[A-Za-z0-9_][A-Za-z0-9_-]*"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"


_RUBY_ALPHA = re.compile(f"[{RUBY_ALPHA_CLASS}]")
_RUBY_ALNUM = re.compile(f"[{RUBY_ALNUM_CLASS}]")


def ruby_alpha(ch: str) -> bool:
    """Onigmo's ``[[:alpha:]]`` for one character."""
    return _RUBY_ALPHA.match(ch) is not None


def ruby_alnum(ch: str) -> bool:
    """Onigmo's ``[[:alnum:]]`` for one character (``²`` and viramas are not)."""
    return _RUBY_ALNUM.match(ch) is not None


EMPHASIS_START = re.compile(r"\*\*?|__?")
CODESPAN_DELIMITER = re.compile(r"`+")
ACHARS = f"[{RUBY_ALNUM_CLASS}_.\\-]"
AUTOLINK_START = re.compile(rf"<((mailto|https?|ftps?):.+?|{ACHARS}+?@{ACHARS}+?)>")
# What AUTOLINK_START needs before its closing ``>``: dispatch tries this, then
# ``closers.autolink_at`` finds the ``>`` (the lazy ``.+?`` would rescan the line per ``<``).
AUTOLINK_PREFIX = re.compile(rf"<(?=(?:mailto|https?|ftps?):|{ACHARS}+?@)")
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
NOT_WORD_BOUNDARY = rf"(?:(?<={RUBY_WORD})(?={RUBY_WORD})|(?<!{RUBY_WORD})(?!{RUBY_WORD}))"

SQ_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
SQ_CLOSE = r"[^ \\\t\r\n\[{(\-]"
# (pattern, substitutions): an int substitution adds that group as text, a name adds a quote.
SQ_RULES: tuple[tuple[re.Pattern[str], tuple[int | str, ...]], ...] = (
    (re.compile(rf"([\"'])(?=[_*]{{1,2}}{NWS})"), ("lquote1",)),
    (re.compile(rf"([\"'])(?={SQ_PUNCT}(?!\.\.){NOT_WORD_BOUNDARY})"), ("rquote1",)),
    (re.compile(rf"({WS}?)\"'(?={AW})"), (1, "ldquo", "lsquo")),
    (re.compile(rf"({WS}?)'\"(?={AW})"), (1, "lsquo", "ldquo")),
    (re.compile(rf"({WS}?)'(?=[0-9][0-9]s)"), (1, "rsquo")),
    (re.compile(rf"({WS})(['\"])(?={AW})"), (1, "lquote2")),
    (re.compile(rf"({SQ_CLOSE})(['\"])"), (1, "rquote2")),
    (re.compile(rf"([\"'])(?={WS}|s(?!{RUBY_WORD})|$)", re.MULTILINE), ("rquote1",)),
    (re.compile(r"(.?)'", re.DOTALL), (1, "lsquo")),
    (re.compile(r"(.?)\"", re.DOTALL), (1, "ldquo")),
)


def _scoped(rx: re.Pattern[str]) -> str:
    """``rx``'s source with its DOTALL/MULTILINE flags made local (for use inside a union)."""
    flags = ("s" if rx.flags & re.DOTALL else "") + ("m" if rx.flags & re.MULTILINE else "")
    return f"(?{flags}:{rx.pattern})" if flags else f"(?:{rx.pattern})"


def first_match_union(
    patterns: tuple[re.Pattern[str], ...],
) -> tuple[re.Pattern[str], dict[int, tuple[int, int]]]:
    """One pattern trying ``patterns`` in order at a position (as Ruby's ``find`` over them).

    Returns the union and a map from the outer group index of each alternative (the match's
    ``lastindex``) to (its position in ``patterns``, the offset of its own groups).
    """
    parts: list[str] = []
    index: dict[int, tuple[int, int]] = {}
    group = 1
    for i, rx in enumerate(patterns):
        parts.append(f"({_scoped(rx)})")
        index[group] = (i, group)
        group += 1 + rx.groups
    return re.compile("|".join(parts)), index


SQ_UNION, SQ_UNION_INDEX = first_match_union(tuple(rx for rx, _ in SQ_RULES))

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
