"""Regular expressions of kramdown 2.4's block parsers (with the GFM parser's substitutions).

Ruby's ``StringScanner`` treats the scan position as the start of the string, so the leading
``^`` of kramdown's start patterns is dropped here: every pattern is used with
``pattern.match(src, pos)``.  Ruby's ``\\w``/``\\s`` are ASCII-only, hence ``re.ASCII`` where
kramdown relies on them; Ruby's ``\\Z`` (end, or before a final newline) is ``(?=\\n?\\Z)``.
"""

from __future__ import annotations

import re

from .html import SPAN_ELEMENTS

_A = re.ASCII
_NCNAME = r"[^\W\d][-\w.]*"
# Tag names use Unicode letters ([[:alpha:]]) even though the patterns are ASCII-compiled.
UNAME = rf"(?u:(?:{_NCNAME}:)?{_NCNAME})"
RUBY_Z = r"(?=\n?\Z)"

OPT_SPACE = r" {0,3}"
BLANK_LINE_S = r"[ \t\r\f\v\n]*\n"
BLANK_LINE = re.compile(BLANK_LINE_S, _A)
EOB_MARKER_S = r"\^[ \t\r\f\v\n]*?\n"
EOB_MARKER = re.compile(EOB_MARKER_S, _A)

ALD_ID_NAME = r"\w[\w-]*"
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
IAL_BLOCK_S = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}[ \t\r\f\v\n]*?\n"
IAL_BLOCK_START_S = rf"{OPT_SPACE}{IAL_BLOCK_S}"
IAL_BLOCK_START = re.compile(IAL_BLOCK_START_S, _A)
ALD_START = re.compile(rf"{OPT_SPACE}\{{:({ALD_ID_NAME}):({ALD_ANY_CHARS}+)\}}\s*?\n", _A)
EXT_START_S = rf"\{{::(\w+)(?:\s({ALD_ANY_CHARS}*?)|)(/)?\}}"
EXT_STOP_ANY_S = rf"\{{:/({ALD_ID_NAME})?\}}"
EXT_BLOCK_START = re.compile(rf"{OPT_SPACE}(?:{EXT_START_S}|{EXT_STOP_ANY_S})\s*?\n", _A)
BLOCK_EXTENSIONS_START = re.compile(rf"{OPT_SPACE}\{{:", _A)

_LAZY_SPANS = "|".join(sorted(SPAN_ELEMENTS | {"script"}, key=len, reverse=True))
LAZY_END_HTML_START_S = rf"<(?!(?:{_LAZY_SPANS})\b){UNAME}"
LAZY_END_HTML_STOP_S = rf"</(?!(?:{_LAZY_SPANS})\b){UNAME}\s*>"
LAZY_END_S = (
    rf"(?:{BLANK_LINE_S}|{IAL_BLOCK_START_S}|{EOB_MARKER_S}"
    rf"|{OPT_SPACE}{LAZY_END_HTML_STOP_S}|{OPT_SPACE}{LAZY_END_HTML_START_S}|\n?\Z)"
)
LAZY_END = re.compile(LAZY_END_S, _A)
HTML_LINE_START = re.compile(
    rf"(?:{IAL_BLOCK_START_S}|{EOB_MARKER_S}"
    rf"|{OPT_SPACE}{LAZY_END_HTML_STOP_S}|{OPT_SPACE}{LAZY_END_HTML_START_S})",
    _A,
)

PATTERN_TAIL = r"[\t| ][^\n]*\n"
LIST_START_UL = re.compile(rf"({OPT_SPACE}[+*-])({PATTERN_TAIL})", _A)
LIST_START_OL = re.compile(rf"({OPT_SPACE}\d+\.)({PATTERN_TAIL})", _A)
LIST_START_S = rf"(?:{OPT_SPACE}[+*-]{PATTERN_TAIL}|{OPT_SPACE}\d+\.{PATTERN_TAIL})"
LIST_START = re.compile(LIST_START_S, _A)
DEFINITION_LIST_START_S = rf"({OPT_SPACE}:)({PATTERN_TAIL})"
DEFINITION_LIST_START = re.compile(DEFINITION_LIST_START_S, _A)
LIST_ITEM_IAL = re.compile(rf"\s*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}})\s*", _A)
LIST_ITEM_IAL_CHECK = re.compile(
    rf"(?:\s*(?:\{{:(?!(?:{ALD_ID_NAME})?:|/)({ALD_ANY_CHARS}+)\}})\s*)?\s*\n", _A
)

ATX_HEADER_START_S = r"(#{1,6})[\t ]+([^\n]*)\n"
ATX_HEADER_START = re.compile(ATX_HEADER_START_S, _A)
SETEXT_HEADER_START = re.compile(r" {0,3}([^ \t\n][^\n]*)\n([-=])[-=]*[ \t\r\f\v]*\n", _A)
HEADER_ID = re.compile(r"[\t ]\{#((?u:(?:[^\W\d]|[:_])[-\w.:\u00b7]*))\}\Z", _A)
BLOCKQUOTE_START_S = rf"{OPT_SPACE}> ?"
BLOCKQUOTE_START = re.compile(BLOCKQUOTE_START_S, _A)
BLOCKQUOTE_STRIP = re.compile(rf"^{BLOCKQUOTE_START_S}", re.MULTILINE | _A)
FENCED_CODEBLOCK_START_S = r" {0,3}[~`]{3,}"
FENCED_CODEBLOCK_START = re.compile(FENCED_CODEBLOCK_START_S, _A)
FENCED_CODEBLOCK_MATCH = re.compile(
    r" {0,3}(([~`]){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^ {0,3}\1\2*\s*?\n",
    re.DOTALL | re.MULTILINE | _A,
)
# The plain kramdown parser (Jekyll ``kramdown: {input: kramdown}``) differs from GFM here.
# kramdown's ``[^ \t]`` also matches a newline: "#" alone takes the next line as its text
KD_ATX_HEADER_START = re.compile(r"(#{1,6})[\t ]*([^ \t][^\n]*)\n", _A)
KD_FENCED_CODEBLOCK_START = re.compile(r"~{3,}", _A)
KD_FENCED_CODEBLOCK_MATCH = re.compile(
    r"((~){3,})\s*?((\S+?)(?:\?\S*)?)?\s*?\n(.*?)^\1\2*\s*?\n", re.DOTALL | re.MULTILINE | _A
)
KD_PARAGRAPH_END = re.compile(rf"{LAZY_END_S}|{DEFINITION_LIST_START_S}", _A)
HR_START = re.compile(r" {0,3}([*\-_])[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n", _A)
INDENT = re.compile(r"(?:\t| {4})", _A)
INDENT_ALL = re.compile(r"^(?:\t| {4})", re.MULTILINE | _A)
CODE_LINE = re.compile(r"(?:\t| {4})[ \t]*\S[^\n]*\n", _A)
NONBLANK_LINE = re.compile(r"[ \t]*\S[^\n]*\n", _A)
PARAGRAPH_START = re.compile(rf"{OPT_SPACE}[^ \t\n][^\n]*\n", _A)
PARAGRAPH_MATCH = re.compile(r"[^\n]*\n|[^\n]+\Z", _A)
PARAGRAPH_END_GFM = re.compile(
    rf"{LAZY_END_S}|{LIST_START_S}|{ATX_HEADER_START_S}|{DEFINITION_LIST_START_S}"
    rf"|{BLOCKQUOTE_START_S}|{FENCED_CODEBLOCK_START_S}",
    _A,
)
HTML_BLOCK_START = re.compile(rf"{OPT_SPACE}<(?:{UNAME}|!--|/)", _A)
BLOCK_MATH_START = re.compile(r" {0,3}(\\)?\$\$(.*?)\$\$(\s*?\n)?", re.DOTALL | _A)
BLOCK_BOUNDARY = re.compile(rf"(?:{BLANK_LINE_S}|{EOB_MARKER_S}|{IAL_BLOCK_START_S}|\n?\Z)", _A)

TABLE_PIPE_CHECK_S = r"(?:\||[^\n]*?[^\\\n]\|)"
TABLE_LINE = re.compile(rf"{TABLE_PIPE_CHECK_S}[^\n]*\n", _A)
TABLE_START = re.compile(rf"{OPT_SPACE}(?=\S){TABLE_PIPE_CHECK_S}[^\n]*\n", _A)
TABLE_SEP_LINE = re.compile(r"([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n", _A)
TABLE_HSEP_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?", _A)
TABLE_FSEP_LINE = re.compile(r"[+|: \t=]*?=[+|: \t=]*?[ \t]*\n", _A)
TABLE_ROW_LINE = re.compile(r"([^\n]*?)[ \t]*\n", _A)
TABLE_PIPE_LINE = re.compile(TABLE_PIPE_CHECK_S, _A)

FOOTNOTE_DEFINITION_START = re.compile(rf"{OPT_SPACE}\[\^({ALD_ID_NAME})\]:", _A)
LINK_DEFINITION_START = re.compile(
    rf"{OPT_SPACE}\[([^\n\]]+)\]:[ \t]*(?:<([^\n]*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])([^\n]+?)\4)?[ \t]*?\n",
    _A,
)
ABBREV_DEFINITION_START = re.compile(rf"{OPT_SPACE}\*\[([^\n]+?)\]:([^\n]*?)\n", _A)

ALD_TYPE_ANY = re.compile(
    rf"(?:\A|\s)(?:({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\x02])*?)\2"
    rf"|({ALD_ID_NAME})"
    r"|((?:#[A-Za-z][\w:-]*|\.[^\s.#]+)+))(?=\s|\Z)",
    _A,
)
ALD_TYPE_ID_OR_CLASS = re.compile(r"#([A-Za-z][\w:-]*)|\.([^\s.#]+)", _A)

HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL | _A)
HTML_INSTRUCTION = re.compile(r"<\?(.*?)\?>", re.DOTALL | _A)
HTML_RAW_START = re.compile(rf"<(?:{UNAME}|/|!--|\?)", _A)
TRAILING_WHITESPACE = re.compile(r"[ \t]*\n", _A)
HTML_TAG_CLOSE = re.compile(rf"</({UNAME})\s*>", _A)
