"""Shared state and driver of the kramdown block parser (``Parser::Kramdown#parse_blocks``).

The parser follows kramdown's design: a scanner over the source tries each block parser in
kramdown's order at the current position.  Text that needs span parsing is left in ``raw_text``
elements.  Container nesting is bounded by ``MAX_DEPTH`` so that pathological inputs cannot
exhaust the Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import patterns as pat

MAX_DEPTH = 40
RUBY_WS = " \t\n\v\f\r\x00"  # what Ruby's String#strip removes


@dataclass(eq=False)
class Element:
    """A node of the kramdown element tree (``Kramdown::Element``)."""

    type: str
    value: Any = None
    attr: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    children: list[Element] = field(default_factory=list)


# The characters each block start pattern can match first (up to three spaces may lead
# most of them); a pattern not listed can start with anything.  Only the parsers whose
# pattern can start with the character at the scan position are tried
# (tests/test_markdown_blocks.py checks these sets against the patterns).
_FIRST_CHARS: dict[re.Pattern[str], str] = {
    pat.BLANK_LINE: " \t\r\f\v\n",
    pat.INDENT: " \t",
    pat.FENCED_CODEBLOCK_START: " ~`",
    pat.KD_FENCED_CODEBLOCK_START: "~",
    pat.BLOCKQUOTE_START: " >",
    pat.ATX_HEADER_START: "#",
    pat.KD_ATX_HEADER_START: "#",
    pat.HR_START: " *-_",
    pat.LIST_START: " +*-0123456789",
    pat.DEFINITION_LIST_START: " :",
    pat.HTML_BLOCK_START: " <",
    pat.BLOCK_MATH_START: " \\$",
    pat.FOOTNOTE_DEFINITION_START: " [",
    pat.LINK_DEFINITION_START: " [",
    pat.ABBREV_DEFINITION_START: " *",
    pat.BLOCK_EXTENSIONS_START: " {",
    pat.EOB_MARKER: "^",
}


class StopBlockParsingError(Exception):
    """Raised when the close tag of the enclosing ``markdown="block"`` element is found."""


@dataclass(frozen=True)
class ParseWarning:
    """A problem found while parsing (kramdown prints these as warnings).

    ``line`` counts lines of the text being parsed when the warning was raised (the document
    itself, or the body of a list item or blockquote); 0 when it is not known.
    """

    message: str
    line: int


def gfm_quirks(options: dict[str, Any]) -> set[str]:
    """The ``gfm_quirks`` option as a set of names (a list or a comma-separated string)."""
    value = options.get("gfm_quirks", ["paragraph_end"])
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return {str(item).strip().lstrip(":") for item in items}


class ParserBase:
    """Parser state, the block loop and the helpers every block rule uses."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        # Jekyll's default input is GFM; ``input: kramdown`` selects the plain kramdown parser
        self.gfm = str(options.get("input", "GFM")).lower() != "kramdown"
        # kramdown-parser-gfm's ``gfm_quirks`` (default ``[paragraph_end]``)
        self.paragraph_end_quirk = self.gfm and "paragraph_end" in gfm_quirks(options)
        self.src = ""
        self.pos = 0
        self.tree = Element("root")
        self.block_ial: dict[str, Any] | None = None
        self.depth = 0
        self.alds: dict[str, dict[str, Any]] = {}
        self.footnotes: dict[str, Element] = {}
        self.link_defs: dict[str, tuple[str, str | None]] = {}
        self.abbrevs: dict[str, str] = {}
        self.abbrev_eobs: dict[str, Element] = {}
        self.link_eobs: dict[str, Element] = {}
        self.warnings: list[ParseWarning] = []
        self._parsers: list[tuple[re.Pattern[str], Callable[[], bool]]] = []
        self._by_char: dict[str, list[tuple[re.Pattern[str], Callable[[], bool]]]] = {}
        self.line_base = 0
        self._line_cache: tuple[int, int, int] = (0, 0, 0)

    def warn(self, message: str, line: int | None = None) -> None:
        """Record a warning at ``line`` (default: the current position)."""
        self.warnings.append(ParseWarning(message, line or self.current_line()))

    def current_line(self) -> int:
        """The document line of the current position (counted incrementally)."""
        return self.line_at(self.pos)

    def line_at(self, where: int) -> int:
        """The document line of position ``where`` of the current text."""
        src_id, pos, count = self._line_cache
        if src_id != id(self.src) or pos > where:
            pos, count = 0, 0
        count += self.src.count("\n", pos, where)
        self._line_cache = (id(self.src), where, count)
        return self.line_base + count + 1

    def parse_blocks(self, el: Element, text: str | None = None, line: int | None = None) -> bool:
        """Parse blocks into ``el`` (from ``text``, or from the current scanner when ``None``).

        ``line`` is the document line where ``text`` starts (for diagnostics).  Returns True when
        parsing stopped at the close tag of the enclosing HTML element.
        """
        saved = (self.tree, self.src, self.pos, self.block_ial, self.line_base)
        self.tree, self.block_ial = el, None
        if text is not None:
            self.line_base = (line if line is not None else self.current_line()) - 1
            self.src, self.pos = text, 0
        self.depth += 1
        found = False
        try:
            self._block_loop()
        except StopBlockParsingError:
            found = True
        finally:
            self.depth -= 1
            src, pos, base = self.src, self.pos, self.line_base
            self.tree, self.src, self.pos, self.block_ial, self.line_base = saved
            if text is None:
                self.src, self.pos, self.line_base = src, pos, base
        return found

    def _candidates(self, char: str) -> list[tuple[re.Pattern[str], Callable[[], bool]]]:
        """The block parsers, in order, whose start pattern can match text starting with ``char``."""
        found = self._by_char.get(char)
        if found is None:
            found = self._by_char[char] = [
                (start_re, method)
                for start_re, method in self._parsers
                if char in _FIRST_CHARS.get(start_re, char)
            ]
        return found

    def _block_loop(self) -> None:
        src = self.src
        n = len(src)
        while self.pos < n:
            for start_re, method in self._candidates(src[self.pos]):
                if start_re.match(src, self.pos) and method():
                    break
            else:
                m = pat.PARAGRAPH_MATCH.match(src, self.pos)
                end = m.end() if m else n
                self.add_text(src[self.pos : end], self.tree)
                self.pos = end
            src = self.src

    def after_block_boundary(self) -> bool:
        """kramdown ``after_block_boundary?``."""
        children = self.tree.children
        if not children:
            return True
        last = children[-1]
        return (
            last.type == "blank"
            or (last.type == "eob" and last.value is None)
            or self.block_ial is not None
        )

    def before_block_boundary(self) -> bool:
        """kramdown ``before_block_boundary?``."""
        return pat.BLOCK_BOUNDARY.match(self.src, self.pos) is not None

    def new_block_el(self, type_: str, value: Any = None, **options: Any) -> Element:
        """Create a block element, attaching the pending block IAL."""
        el = Element(type_, value, options=dict(options))
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        return el

    def add_text(
        self, text: str, tree: Element, type_: str = "raw_text", line: int | None = None
    ) -> None:
        """Append ``text`` to the last child of ``tree`` if it has ``type_``, else add a child.

        A new ``raw_text`` child notes its document ``line`` (default: the current one) for
        the span parser's warnings.
        """
        if tree.children and tree.children[-1].type == type_:
            tree.children[-1].value += text
        elif text:
            el = Element(type_, text)
            if type_ == "raw_text":
                el.options["line"] = self.current_line() if line is None else line
            tree.children.append(el)

    def parse_attribute_list(self, text: str, opts: dict[str, Any]) -> None:
        """kramdown ``parse_attribute_list``: ids, classes, key=value pairs and ALD refs."""
        if not text.strip(RUBY_WS) or text.strip(RUBY_WS) == ":":
            return
        for m in pat.ALD_TYPE_ANY.finditer(text):
            key, sep, val, ref, id_or_class = m.group(1, 2, 3, 4, 5)
            if ref:
                opts.setdefault("refs", []).append(ref)
            elif id_or_class:
                for im in pat.ALD_TYPE_ID_OR_CLASS.finditer(id_or_class):
                    if im.group(2):
                        opts["class"] = f"{opts.get('class', '')} {im.group(2)}".lstrip()
                    else:
                        opts["id"] = im.group(1)
            else:
                opts[key] = re.sub(r"\\(\}|" + re.escape(sep) + ")", r"\1", val)

    def update_attr_with_ial(
        self, attr: dict[str, str], ial: dict[str, Any], depth: int = 0
    ) -> None:
        """Apply an IAL (with its ALD references) to ``attr``."""
        if depth > 16:
            return
        for ref in ial.get("refs", []):
            ald = self.alds.get(ref)
            if ald is not None:
                self.update_attr_with_ial(attr, ald, depth + 1)
        for key, value in ial.items():
            if key == "class":
                attr["class"] = f"{attr.get('class', '')} {value}".lstrip()
            elif key != "refs":
                attr[key] = value
