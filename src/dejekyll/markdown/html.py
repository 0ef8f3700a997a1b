"""HTML helpers shared by the block and inline Markdown rules.

These reproduce kramdown 2.4's HTML lexing (``Kramdown::Parser::Html::Constants``) and its
re-serialisation of HTML elements (``Kramdown::Converter::Html#convert_html_element`` and
``Kramdown::Utils::Html#html_attributes``/``escape_html``).  Everything here is linear: tags are
scanned by hand instead of with a backtracking regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BLOCK_ELEMENTS",
    "CONTENT_MODEL_BLOCK",
    "CONTENT_MODEL_RAW",
    "CONTENT_MODEL_SPAN",
    "KNOWN_ELEMENTS",
    "SPAN_ELEMENTS",
    "VOID_ELEMENTS",
    "ContentModel",
    "Tag",
    "escape_attribute",
    "escape_text",
    "html_attributes",
    "markdown_content_model",
    "normalize_tag_name",
    "parse_close_tag",
    "parse_comment",
    "parse_tag",
    "serialize_start_tag",
]

ContentModel = Literal["block", "span", "raw"]

CONTENT_MODEL_BLOCK: frozenset[str] = frozenset(
    [
        "address",
        "applet",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "figcaption",
        "footer",
        "form",
        "header",
        "hgroup",
        "iframe",
        "li",
        "main",
        "map",
        "menu",
        "nav",
        "noscript",
        "object",
        "section",
        "summary",
        "td",
    ]
)
CONTENT_MODEL_SPAN: frozenset[str] = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdo",
        "big",
        "button",
        "cite",
        "caption",
        "del",
        "dfn",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "i",
        "ins",
        "label",
        "legend",
        "optgroup",
        "p",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "th",
        "tt",
    ]
)
CONTENT_MODEL_RAW: frozenset[str] = frozenset(
    ["script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var"]
)
SPAN_ELEMENTS: frozenset[str] = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "big",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "option",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "samp",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
    ]
)
BLOCK_ELEMENTS: frozenset[str] = frozenset(
    [
        "address",
        "article",
        "aside",
        "applet",
        "body",
        "blockquote",
        "caption",
        "col",
        "colgroup",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "head",
        "iframe",
        "legend",
        "menu",
        "li",
        "main",
        "map",
        "nav",
        "ol",
        "optgroup",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
VOID_ELEMENTS: frozenset[str] = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "command",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
KNOWN_ELEMENTS: frozenset[str] = (
    SPAN_ELEMENTS
    | BLOCK_ELEMENTS
    | VOID_ELEMENTS
    | CONTENT_MODEL_BLOCK
    | CONTENT_MODEL_SPAN
    | CONTENT_MODEL_RAW
)

# REXML's UNAME_STR: an optional "prefix:" then [letter or _] followed by [-alnum._]*.
_NCNAME = r"[^\W\d][-\w.]*"
NAME_RE = re.compile(rf"(?:{_NCNAME}:)?{_NCNAME}")
_WORD_RE = re.compile(r"\w+")
_WS = " \t\n\r\f\v"
# REXML's REFERENCE; Ruby's \w and \d are ASCII-only (``&é;`` is not an entity)
_REFERENCE = r"&(?:[\w:][-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)"
_ESCAPE_TEXT_RE = re.compile(rf"{_REFERENCE}|[<>&]", re.ASCII)
_ESCAPE_ATTR_RE = re.compile(rf"{_REFERENCE}|[<>&\"]", re.ASCII)
_ESCAPE_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_CLOSE_RE = re.compile(rf"</({NAME_RE.pattern})[ \t\r\n\f\v]*>")


@dataclass(frozen=True, slots=True)
class Tag:
    """One lexed HTML tag.

    ``name`` is lower-cased when it names a known HTML element (kramdown does the same); ``attrs``
    keeps source order with the last value of a duplicate attribute; a value of ``None`` means the
    attribute had no value.  ``end`` is the index just after ``>``.
    """

    name: str
    attrs: tuple[tuple[str, str | None], ...]
    self_closing: bool
    end: int
    is_close: bool = False


def normalize_tag_name(name: str) -> str:
    """Lower-case ``name`` if it is a known HTML element name, as kramdown does."""
    lower = name.lower()
    return lower if lower in KNOWN_ELEMENTS else name


def markdown_content_model(tag: str) -> ContentModel:
    """The content model kramdown gives ``tag`` for ``markdown="1"`` (``HTML_CONTENT_MODEL``)."""
    if tag in CONTENT_MODEL_BLOCK:
        return "block"
    if tag in CONTENT_MODEL_SPAN:
        return "span"
    return "raw"


def _skip_ws(src: str, pos: int) -> int:
    n = len(src)
    while pos < n and src[pos] in _WS:
        pos += 1
    return pos


def _attribute(src: str, pos: int) -> tuple[str, str | None, int] | None:
    """Match one attribute name with its optional ``= value`` at ``pos``."""
    m = NAME_RE.match(src, pos)
    if m is None:
        return None
    end = m.end()
    eq = _skip_ws(src, end)
    if eq < len(src) and src[eq] == "=":
        vpos = _skip_ws(src, eq + 1)
        if vpos < len(src) and src[vpos] in "\"'":
            close = src.find(src[vpos], vpos + 1)
            if close >= 0:
                return m.group(), src[vpos + 1 : close], close + 1
        else:
            wm = _WORD_RE.match(src, vpos)
            if wm is not None:
                return m.group(), wm.group(), wm.end()
    return m.group(), None, end


def parse_tag(src: str, pos: int) -> Tag | None:
    """Lex an HTML start tag (kramdown ``HTML_TAG_RE``) or close tag at ``src[pos]``.

    Returns ``None`` when there is no tag at ``pos``.  Unquoted attribute values must be word
    characters only (``<img src=a.png>`` is not a tag for kramdown).
    """
    if not src.startswith("<", pos):
        return None
    if src.startswith("</", pos):
        return parse_close_tag(src, pos)
    m = NAME_RE.match(src, pos + 1)
    if m is None:
        return None
    raw_name = m.group()
    i = m.end()
    found: dict[str, str | None] = {}
    n = len(src)
    while True:
        j = _skip_ws(src, i)
        if j < n and src[j] == ">":
            return _make_tag(raw_name, found, False, j + 1)
        if j + 1 < n and src[j] == "/" and src[j + 1] == ">":
            return _make_tag(raw_name, found, True, j + 2)
        if j == i:
            return None
        attr = _attribute(src, j)
        if attr is None:
            return None
        name, value, i = attr
        found[name] = value


def _make_tag(raw_name: str, found: dict[str, str | None], closing: bool, end: int) -> Tag:
    name = normalize_tag_name(raw_name)
    known = name in KNOWN_ELEMENTS
    attrs: dict[str, str | None] = {}
    for key, value in found.items():
        attrs[key.lower() if known else key] = value
    return Tag(name, tuple(attrs.items()), closing, end)


def parse_close_tag(src: str, pos: int) -> Tag | None:
    """Lex a close tag ``</name >`` at ``src[pos]`` (kramdown ``HTML_TAG_CLOSE_RE``)."""
    m = _CLOSE_RE.match(src, pos)
    if m is None:
        return None
    return Tag(normalize_tag_name(m.group(1)), (), False, m.end(), is_close=True)


def parse_comment(src: str, pos: int) -> int | None:
    """End index of an HTML comment ``<!-- … -->`` starting at ``pos``, or ``None``."""
    if not src.startswith("<!--", pos):
        return None
    close = src.find("-->", pos + 4)
    return None if close < 0 else close + 3


def escape_text(text: str) -> str:
    """kramdown ``escape_html(text, :text)``: escape ``<``, ``>`` and ``&`` not starting an entity."""
    if "&" not in text:  # no entity to keep: plain replacements (most text has nothing to do)
        if "<" in text or ">" in text:
            return text.replace("<", "&lt;").replace(">", "&gt;")
        return text
    return _ESCAPE_TEXT_RE.sub(lambda m: _ESCAPE_MAP.get(m.group(), m.group()), text)


def escape_attribute(text: str) -> str:
    """kramdown ``escape_html(text, :attribute)``: like :func:`escape_text`, plus ``"``."""
    if "&" not in text:
        if "<" in text or ">" in text or '"' in text:
            return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        return text
    return _ESCAPE_ATTR_RE.sub(lambda m: _ESCAPE_MAP.get(m.group(), m.group()), text)


def html_attributes(
    attrs: tuple[tuple[str, str | None], ...] | list[tuple[str, str | None]],
) -> str:
    """kramdown ``html_attributes``: `` name="value"`` for each attribute, in order.

    A valueless attribute is written with an empty value; an empty ``id`` is dropped.
    """
    out: list[str] = []
    for key, value in attrs:
        val = "" if value is None else value
        if key == "id" and not val.strip():
            continue
        out.append(f' {key}="{escape_attribute(val)}"')
    return "".join(out)


def serialize_start_tag(
    name: str,
    attrs: tuple[tuple[str, str | None], ...] | list[tuple[str, str | None]],
    self_closing: bool,
) -> str:
    """Write a start tag as kramdown's HTML converter does (``<br />`` for self-closing)."""
    return f"<{name}{html_attributes(attrs)}{' />' if self_closing else '>'}"
