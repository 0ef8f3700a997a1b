"""Turn the span tree into markdown-it tokens, and read header-id text back from them.

Token types (all prefixed ``kd_``; rendered by :mod:`.render`):

``kd_text`` (``content``), ``kd_entity`` (``meta``: ``code``, ``original``, ``name``),
``kd_smart_quote`` and ``kd_typographic`` (``meta["kind"]``: ``ldquo``, ``mdash``,
``laquo_space`` …), ``kd_code_inline`` (``content``, ``attrs``), ``kd_em_open``/``_close``,
``kd_strong_open``/``_close``, ``kd_link_open``/``_close`` and ``kd_image`` (``attrs``),
``kd_html_open``/``_close`` and ``kd_html_void`` (``tag``, ``attrs``), ``kd_br``, ``kd_math``
(``content``, ``attrs``), ``kd_footnote_ref`` (``meta["name"]``), ``kd_html_comment``,
``kd_comment``, ``kd_raw`` (``content``; ``meta["type"]``) and ``kd_abbr`` (``content``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from ..html import VOID_ELEMENTS
from .entities import entity_char
from .tree import El

__all__ = ["TYPOGRAPHIC_TEXT", "SpanToken", "header_text_for_id", "quote_char", "to_tokens"]

# The characters kramdown writes for typographic symbols (``Converter::Html::TYPOGRAPHIC_SYMS``).
TYPOGRAPHIC_TEXT = {
    "mdash": "\u2014",
    "ndash": "\u2013",
    "hellip": "\u2026",
    "laquo_space": "\u00ab\u00a0",
    "raquo_space": "\u00a0\u00bb",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
}
_QUOTES = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}


def quote_char(kind: str) -> str:
    """The default character of a smart quote kind (``lsquo`` …)."""
    return _QUOTES.get(kind, "")


class SpanToken:
    """One span token: the fields of a markdown-it ``Token`` the ``kd_*`` render rules read.

    markdown-it's renderer accepts it in place of its own ``Token`` (it only looks at
    ``type``); building these is several times cheaper, and a page holds many thousands.
    """

    __slots__ = ("attrs", "content", "meta", "nesting", "tag", "type")

    def __init__(
        self, kind: str, nesting: Literal[-1, 0, 1] = 0, content: str = "", tag: str = ""
    ) -> None:
        self.type = kind
        self.tag = tag
        self.nesting = nesting
        self.content = content
        self.attrs: dict[str, str] = {}
        self.meta: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"SpanToken({self.type!r}, content={self.content!r}, attrs={self.attrs!r})"


def to_tokens(root: El) -> list[SpanToken]:
    """Flatten the children of ``root`` into markdown-it tokens."""
    out: list[SpanToken] = []
    for child in root.children:
        _emit(child, out)
    return out


def _emit(el: El, out: list[SpanToken]) -> None:
    kind = el.kind
    if kind == "text":
        value = el.text()
        if value:
            out.append(SpanToken("kd_text", content=value))
    elif kind in ("em", "strong", "a", "html_element"):
        _emit_container(el, out)
    else:
        out.append(_leaf(el))


def _emit_container(el: El, out: list[SpanToken]) -> None:
    kind = el.kind
    if kind == "html_element":
        name = str(el.value)
        if not el.children and name in VOID_ELEMENTS:
            tok = SpanToken("kd_html_void", tag=name)
            tok.attrs = dict(el.attr)
            out.append(tok)
            return
        prefix, tag = "kd_html", name
    else:
        prefix, tag = ("kd_link", "a") if kind == "a" else (f"kd_{kind}", kind)
    opener = SpanToken(f"{prefix}_open", 1, tag=tag)
    opener.attrs = dict(el.attr)
    out.append(opener)
    for child in el.children:
        _emit(child, out)
    out.append(SpanToken(f"{prefix}_close", -1, tag=tag))


def _leaf(el: El) -> SpanToken:
    kind = el.kind
    if kind == "entity":
        code = int(el.value)
        char = entity_char(code)
        tok = SpanToken("kd_entity", content=char or "")
        tok.meta = {"code": code, "original": el.options.get("original"), "name": None}
        tok.meta["name"] = el.options.get("name")
        return tok
    if kind in ("smart_quote", "typographic_sym"):
        tok = SpanToken("kd_smart_quote" if kind == "smart_quote" else "kd_typographic")
        tok.meta = {"kind": el.value}
        return tok
    if kind == "codespan":
        tok = SpanToken("kd_code_inline", content=str(el.value), tag="code")
    elif kind == "img":
        tok = SpanToken("kd_image", tag="img")
    elif kind == "br":
        tok = SpanToken("kd_br", tag="br")
    elif kind == "math":
        tok = SpanToken("kd_math", content=str(el.value))
    elif kind == "footnote":
        tok = SpanToken("kd_footnote_ref")
        tok.meta = {"name": el.value}
    elif kind == "xml_comment":
        tok = SpanToken("kd_html_comment", content=str(el.value))
    elif kind == "comment":
        tok = SpanToken("kd_comment", content=str(el.value))
    elif kind == "raw":
        tok = SpanToken("kd_raw", content=str(el.value))
        tok.meta = {"type": el.options.get("type", [])}
    elif kind == "abbreviation":
        tok = SpanToken("kd_abbr", content=str(el.value), tag="abbr")
    else:  # pragma: no cover - every element kind is handled above
        tok = SpanToken("kd_text", content="")
    tok.attrs = dict(el.attr)
    return tok


def header_text_for_id(children: Sequence[SpanToken]) -> str:
    """The text kramdown-parser-gfm builds a header id from (``update_raw_text``).

    Text, code-span and math source, entity characters, smart quotes and typographic symbols as
    Unicode characters, and the text inside inline HTML and links; images, footnote markers and
    comments add nothing.
    """
    parts: list[str] = []
    for tok in children:
        kind = tok.type
        if kind in ("kd_text", "kd_code_inline", "kd_math", "kd_entity", "kd_abbr"):
            parts.append(tok.content)
        elif kind == "kd_smart_quote":
            parts.append(quote_char(str(tok.meta.get("kind", ""))))
        elif kind == "kd_typographic":
            parts.append(TYPOGRAPHIC_TEXT.get(str(tok.meta.get("kind", "")), ""))
        elif kind in ("text", "code_inline"):
            parts.append(tok.content)
    return "".join(parts)
