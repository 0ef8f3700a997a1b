"""A lossless tokenizer for HTML fragments: the pieces join back to the very same text.

The clean stage's options (new ``baseurl``, pretty or minified whitespace) change a few
bytes of a fragment and must leave every other byte alone, which a parse-and-reserialise
cannot promise.  So they work on these tokens: text, start tags (with the span of each
attribute value), end tags, comments, other markup (``<!DOCTYPE>``, ``<![CDATA[``) and the
raw text of the elements whose content is not markup (``<script>``, ``<style>``,
``<textarea>``, ``<iframe>`` …).  A ``<`` that starts no tag is text, as for a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["text", "start", "end", "comment", "other", "raw"]

RAW_TEXT_TAGS = frozenset(
    {"script", "style", "textarea", "title", "iframe", "xmp", "noembed", "noframes"}
)
"""Elements whose content is text up to their end tag (HTML's raw text and RCDATA)."""

_NAME = r"[A-Za-z][^\s/>]*+"
_VALUE = r"""(?:"[^"]*+"|'[^']*+'|[^\s>]*+)"""
_ATTRIBUTE = re.compile(
    r"(?P<name>[^\s/>][^\s/>=]*)(?:\s*=\s*(?P<value>" + _VALUE + r"))?", re.DOTALL
)
_START = re.compile(
    r"<(?P<name>"
    + _NAME
    + r")(?P<attrs>(?>\s+|/(?!>)|[^\s/>][^\s/>=]*+(?:\s*=\s*"
    + _VALUE
    + r")?)*+)/?>",
    re.DOTALL,
)
_END = re.compile(r"</(?P<name>" + _NAME + r")[^>]*>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_OTHER = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*(?:>|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute of a start tag; ``value`` is as written (quotes removed, not decoded)."""

    name: str
    value: str | None
    start: int
    """Where the value (inside its quotes) starts in the tag's text; -1 without a value."""
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of a fragment: ``text`` is exactly its characters in the fragment."""

    kind: TokenKind
    text: str
    name: str = ""
    """The lower-case tag name of a start or end tag, or of a raw text's element."""

    def attributes(self) -> list[Attribute]:
        """A start tag's attributes, in order (empty for any other token)."""
        if self.kind != "start":
            return []
        match = _START.match(self.text)
        if match is None:  # pragma: no cover - a start token always matches
            return []
        found = []
        for attr in _ATTRIBUTE.finditer(self.text, match.start("attrs"), match.end("attrs")):
            raw = attr.group("value")
            if raw is None:
                found.append(Attribute(attr.group("name").lower(), None, -1, -1))
                continue
            start, end = attr.span("value")
            if raw[:1] in ('"', "'"):
                start, end = start + 1, end - 1
            found.append(Attribute(attr.group("name").lower(), self.text[start:end], start, end))
        return found


def tokenize(html: str) -> list[Token]:
    """The fragment's tokens; ``"".join(t.text for t in tokenize(html)) == html``."""
    return list(_tokens(html))


def _tokens(html: str) -> Iterator[Token]:
    position = 0
    text_from = 0
    size = len(html)
    last_close = html.rfind(">")  # no tag starts after it (a linear scan, not a quadratic one)
    while True:
        position = html.find("<", position)
        if position < 0:
            break
        token = _markup_at(html, position, tags=position < last_close)
        if token is None:
            position += 1
            continue
        if text_from < position:
            yield Token("text", html[text_from:position])
        yield token
        position += len(token.text)
        if token.kind == "start" and token.name in RAW_TEXT_TAGS:
            closer = re.compile(r"</" + re.escape(token.name) + r"[\s/>]", re.IGNORECASE)
            found = closer.search(html, position)
            raw_end = found.start() if found else size
            if position < raw_end:
                yield Token("raw", html[position:raw_end], token.name)
            position = raw_end
        text_from = position
    if text_from < size:
        yield Token("text", html[text_from:])


def _markup_at(html: str, position: int, *, tags: bool) -> Token | None:
    """The tag, comment or declaration starting at ``position`` (a ``<``), if any.

    Without ``tags`` (no ``>`` follows) only an unclosed comment or declaration can start.
    """
    following = html[position + 1 : position + 2]
    if following == "!" or following == "?":
        for pattern, kind in ((_COMMENT, "comment"), (_OTHER, "other")):
            match = pattern.match(html, position)
            if match:
                return Token(kind, match.group())  # type: ignore[arg-type]
        return None
    if not tags:
        return None
    if following == "/":
        match = _END.match(html, position)
        return Token("end", match.group(), match.group("name").lower()) if match else None
    match = _START.match(html, position)
    return Token("start", match.group(), match.group("name").lower()) if match else None


def is_void(name: str) -> bool:
    """Whether an element has no content and no end tag (``<br>``, ``<img>`` …)."""
    return name in _VOID


_VOID = frozenset(
    {
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
        "param",
        "source",
        "track",
        "wbr",
    }
)
