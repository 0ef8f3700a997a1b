"""Canonical form of an HTML fragment, for deciding whether two fragments are "the same".

This is the project's own implementation of the normalisation described in
`design.md` ("How fidelity is measured"); it must give the same verdict as the
shared yardstick (`tests/test_normalize.py` checks that on real corpus fragments).

Two fragments are the same when they normalise to the same string:

- the fragment is parsed with a tolerant HTML parser (BeautifulSoup, `html.parser`);
- comments are dropped;
- entities are decoded, and text is re-escaped only for `&`, `<`, `>`;
- each text node has its whitespace runs folded to one space, except inside
  `<pre>`, `<textarea>`, `<script>` and `<style>`;
- whitespace next to a block-level start or end tag is dropped, except inside `<pre>`
  (whose content, and its own tags, are left as they are);
- attributes are sorted by name, their values whitespace-folded and written in double quotes;
- void elements are written as a start tag only.

`loose=True` also ignores `<span>` markup inside `<pre>`-like elements (keeping the text), so
that two syntax highlighters that split tokens differently still compare equal.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Literal

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import Comment, NavigableString, Tag

__all__ = ["BLOCK_TAGS", "VOID_TAGS", "normalize"]

# Tags next to which whitespace is not rendered (for comparison purposes).
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "img",
        "li",
        "main",
        "math",
        "nav",
        "ol",
        "p",
        "pre",
        "script",
        "section",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "video",
    ]
)
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose text keeps its whitespace.
_VERBATIM_TAGS = frozenset({"pre", "textarea", "script", "style"})

_WHITESPACE = re.compile(r"\s+")
_LEADING_WORD = re.compile(r"\w+")

Kind = Literal["text", "fixed", "block", "inline"]


@dataclass(slots=True)
class _Piece:
    """One piece of the serialised fragment.

    `text` pieces may lose whitespace at their edges next to `block` pieces;
    `fixed` pieces (anything inside `<pre>`) and `inline` tags are never touched.
    """

    kind: Kind
    value: str


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_block(name: str) -> bool:
    """Block-level for whitespace purposes: the tag name's leading word is a block tag."""
    match = _LEADING_WORD.match(name)
    return match is not None and match.group() in BLOCK_TAGS


def _attribute_text(tag: Tag) -> str:
    parts = []
    for name in sorted(tag.attrs):
        value = tag.attrs[name]
        if isinstance(value, list):
            value = " ".join(value)
        value = _WHITESPACE.sub(" ", str(value)).strip()
        parts.append(f' {name}="{value}"')
    return "".join(parts)


class _Serializer:
    """Walks a parsed fragment and collects `_Piece`s."""

    def __init__(self, *, loose: bool) -> None:
        self.loose = loose
        self.pieces: list[_Piece] = []

    def visit_children(self, node: Tag, *, verbatim: bool, in_pre: bool) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.add_text(str(child), verbatim=verbatim, in_pre=in_pre)
            elif isinstance(child, Tag):
                self.visit_tag(child, verbatim=verbatim, in_pre=in_pre)

    def add_text(self, text: str, *, verbatim: bool, in_pre: bool) -> None:
        if not verbatim:
            text = _WHITESPACE.sub(" ", text)
        self.pieces.append(_Piece("fixed" if in_pre else "text", _escape(text)))

    def visit_tag(self, tag: Tag, *, verbatim: bool, in_pre: bool) -> None:
        name = tag.name.lower()
        if self.loose and verbatim and name == "span":
            self.visit_children(tag, verbatim=verbatim, in_pre=in_pre)
            return
        inner_pre = in_pre or name == "pre"
        kind: Kind = "fixed" if inner_pre else ("block" if _is_block(name) else "inline")
        self.pieces.append(_Piece(kind, f"<{name}{_attribute_text(tag)}>"))
        if name in VOID_TAGS:
            return
        inner_verbatim = verbatim or name in _VERBATIM_TAGS
        self.visit_children(tag, verbatim=inner_verbatim, in_pre=inner_pre)
        self.pieces.append(_Piece(kind, f"</{name}>"))


def _merge_text(pieces: list[_Piece]) -> list[_Piece]:
    """Join consecutive `text` pieces so edge whitespace is handled per run."""
    merged: list[_Piece] = []
    for piece in pieces:
        if piece.kind == "text" and merged and merged[-1].kind == "text":
            merged[-1] = _Piece("text", merged[-1].value + piece.value)
        else:
            merged.append(piece)
    return merged


def _join(pieces: list[_Piece]) -> str:
    """Serialise, dropping whitespace of text runs where they touch a block tag."""
    out: list[str] = []
    for i, piece in enumerate(pieces):
        value = piece.value
        if piece.kind == "text":
            if i > 0 and pieces[i - 1].kind == "block":
                value = value.lstrip()
            if i + 1 < len(pieces) and pieces[i + 1].kind == "block":
                value = value.rstrip()
        out.append(value)
    return "".join(out)


def normalize(html: str, loose: bool = False) -> str:
    """Return the canonical form of an HTML fragment (see the module docstring)."""
    with warnings.catch_warnings():
        # bs4 guesses about the input (looks like XML, like a file name); a fragment is a fragment.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    serializer = _Serializer(loose=loose)
    serializer.visit_children(soup, verbatim=False, in_pre=False)
    return _join(_merge_text(serializer.pieces)).strip()
