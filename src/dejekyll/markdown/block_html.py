"""HTML rules of the kramdown block parser (``parser/kramdown/html.rb``, ``parser/html.rb``).

Block HTML is raw unless a ``markdown`` attribute (or ``parse_block_html``) asks otherwise; raw
content is scanned tag by tag up to the matching close tag, iteratively so that deep nesting
cannot exhaust the stack.
"""

from __future__ import annotations

import re
from typing import Any

from . import patterns as pat
from .block_base import MAX_DEPTH, Element, ParserBase, StopBlockParsingError
from .html import (
    KNOWN_ELEMENTS,
    SPAN_ELEMENTS,
    VOID_ELEMENTS,
    markdown_content_model,
    parse_tag,
)

_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}


class HtmlRules(ParserBase):
    """``parse_block_html`` and the raw HTML scanner."""

    def parse_block_html(self) -> bool:
        """Block-level HTML: comments, start tags of non-span elements, matching close tags."""
        src = self.src
        if src.startswith("<!--", self.pos):
            m = pat.HTML_COMMENT.match(src, self.pos)
            if m:
                self.tree.children.append(
                    Element("xml_comment", m.group(), options={"category": "block"})
                )
                self.pos = m.end()
                tw = pat.TRAILING_WHITESPACE.match(src, self.pos)
                if tw:
                    self.pos = tw.end()
                return True
            return False
        lead = _leading_spaces(src, self.pos)
        start = self.pos + lead
        if src.startswith("</", start):
            cm = pat.HTML_TAG_CLOSE.match(src, start)
            if not cm or cm.group(1).lower() in SPAN_ELEMENTS:
                return False
            name = cm.group(1).lower()
            if self.tree.type == "html_element" and self.tree.value == name:
                self.pos = cm.end()
                raise StopBlockParsingError
            return False
        tag = parse_tag(src, start)
        if tag is None or tag.is_close or tag.name.lower() in SPAN_ELEMENTS:
            return False
        line = self.current_line()
        self.pos = tag.end
        self._handle_start_tag(tag, line)
        return True

    def _handle_start_tag(self, tag: Any, line: int) -> None:
        """kramdown ``handle_html_start_tag`` + ``handle_kramdown_html_tag``."""
        attrs = dict(tag.attrs)
        el = Element(
            "html_element",
            tag.name,
            {k: ("" if v is None else v) for k, v in attrs.items()},
            options={"category": "block", "line": line},
        )
        self.tree.children.append(el)
        closed = tag.self_closing or tag.name in VOID_ELEMENTS
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        parent_raw = (
            self.tree.type == "html_element" and self.tree.options.get("content_model") == "raw"
        )
        if not parent_raw and self.options.get("parse_block_html"):
            model: str = markdown_content_model(tag.name)
        else:
            model = "raw"
        md = el.attr.pop("markdown", None)
        mapped = _MARKDOWN_ATTR.get(md) if md is not None else None
        if mapped is not None:
            model = markdown_content_model(tag.name) if mapped == "default" else mapped
        if tag.name in ("script", "style"):
            self._raw_tag_body(el)
            el.options["content_model"] = model
            el.options["is_closed"] = False
            return
        if model == "block":
            tw = pat.TRAILING_WHITESPACE.match(self.src, self.pos)
            if tw:
                self.pos = tw.end()
        el.options["content_model"] = model
        el.options["is_closed"] = closed
        if closed:
            return
        if model == "block" and self.depth > MAX_DEPTH:
            el.options["content_model"] = "raw"
            self._parse_raw_html(el)
        elif model == "block":
            if not self.parse_blocks(el):
                self.warn(
                    f"Found no end tag for '{el.value}' - auto-closing it", el.options.get("line")
                )
        elif model == "span":
            stop = re.compile(rf"</{re.escape(el.value)}\s*>", re.IGNORECASE | re.ASCII)
            sm = stop.search(self.src, self.pos)
            if sm:
                self.add_text(self.src[self.pos : sm.start()], el)
                self.pos = sm.end()
            else:
                self.add_text(self.src[self.pos :], el)
                self.pos = len(self.src)
                self.warn(
                    f"Found no end tag for '{el.value}' - auto-closing it", el.options.get("line")
                )
        else:
            self._parse_raw_html(el)
        if not parent_raw:
            tw = pat.TRAILING_WHITESPACE.match(self.src, self.pos)
            if tw:
                self.pos = tw.end()

    def _raw_tag_body(self, el: Element) -> None:
        stop = re.compile(rf"</{re.escape(el.value)}\s*>", re.IGNORECASE | re.ASCII)
        sm = stop.search(self.src, self.pos)
        if sm:
            self.add_text(self.src[self.pos : sm.start()], el, "raw")
            self.pos = sm.end()
        else:
            self.add_text(self.src[self.pos :], el, "raw")
            self.pos = len(self.src)
            self.warn(
                f"Found no end tag for '{el.value}' - auto-closing it", el.options.get("line")
            )

    def _parse_raw_html(self, el: Element) -> None:
        """kramdown ``parse_raw_html``: tags up to the matching close tag, text escaped."""
        saved_tree = self.tree
        self.tree = el
        src = self.src
        stack: list[Element] = []
        n = len(src)
        try:
            while self.pos < n:
                m = pat.HTML_RAW_START.search(src, self.pos)
                if not m:
                    self.add_text(src[self.pos :], self.tree, "text")
                    self.pos = n
                    if self.tree.type == "html_element":
                        self.warn(
                            f"Found no end tag for '{self.tree.value}' - auto-closing it",
                            self.tree.options.get("line"),
                        )
                    if not stack:
                        break
                    self.tree = stack.pop()
                    continue
                self.add_text(src[self.pos : m.start()], self.tree, "text")
                self.pos = m.start()
                if self._raw_step(stack):
                    if not stack:
                        break
                    self.tree = stack.pop()
            while stack:
                self.tree = stack.pop()
        finally:
            self.tree = saved_tree

    def _raw_step(self, stack: list[Element]) -> bool:
        """One step of raw HTML parsing at ``<``; True when the current element is closed."""
        src = self.src
        pos = self.pos
        for rx, type_ in ((pat.HTML_COMMENT, "xml_comment"), (pat.HTML_INSTRUCTION, "xml_pi")):
            cm = rx.match(src, pos)
            if cm:
                self.tree.children.append(Element(type_, cm.group(), options={"category": "block"}))
                self.pos = cm.end()
                return False
        tag = parse_tag(src, pos)
        if tag is not None and not tag.is_close:
            line = self.current_line()
            self.pos = tag.end
            return self._raw_start_tag(tag, stack, line)
        cm = pat.HTML_TAG_CLOSE.match(src, pos)
        if cm:
            self.pos = cm.end()
            name = cm.group(1)
            cur = self.tree.value
            if cur == (name.lower() if cur in KNOWN_ELEMENTS else name):
                return True
            self.add_text(cm.group(), self.tree, "text")
            self.warn(f"Found invalidly used HTML closing tag for '{name}'")
            return False
        self.add_text(src[pos], self.tree, "text")
        self.pos = pos + 1
        return False

    def _raw_start_tag(self, tag: Any, stack: list[Element], line: int) -> bool:
        """A start tag inside raw HTML: descend iteratively unless it is special."""
        parent = self.tree
        md = dict(tag.attrs).get("markdown")
        mapped = _MARKDOWN_ATTR.get(md) if md is not None else None
        special = tag.name in ("script", "style") or (
            mapped not in (None, "raw") and self.depth <= MAX_DEPTH
        )
        closed = tag.self_closing or tag.name in VOID_ELEMENTS
        if special or closed:
            self._handle_start_tag(tag, line)
            return False
        el = Element(
            "html_element",
            tag.name,
            {k: ("" if v is None else v) for k, v in tag.attrs if k != "markdown"},
            options={"category": "block", "content_model": "raw", "is_closed": False, "line": line},
        )
        parent.children.append(el)
        stack.append(parent)
        self.tree = el
        return False


def _leading_spaces(src: str, pos: int) -> int:
    count = 0
    while count < 3 and src.startswith(" ", pos + count):
        count += 1
    return count
