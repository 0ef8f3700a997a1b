"""kramdown 2.4 + GFM block parser, producing a kramdown-like element tree.

The parser follows kramdown's design: a scanner over the source tries each block parser in
kramdown's order at the current position (``Parser::Kramdown#parse_blocks``).  Text that needs
span parsing is left in ``raw_text`` elements; the engine turns each of them into a markdown-it
``inline`` token so that the inline rules process it.  Container nesting is bounded by
``MAX_DEPTH`` so that pathological inputs cannot exhaust the Python stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import patterns as pat
from .html import (
    KNOWN_ELEMENTS,
    SPAN_ELEMENTS,
    VOID_ELEMENTS,
    markdown_content_model,
    parse_tag,
)
from .inline_options import FORBIDDEN as FORBIDDEN_OPTIONS
from .inline_options import KNOWN as KNOWN_OPTIONS
from .inline_options import OptionError, parse_option

MAX_DEPTH = 40
_RUBY_WS = " \t\n\v\f\r\x00"  # what Ruby's String#strip removes
_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}
_SPLIT_CODE = re.compile(r"(<code[^\n]*?>[^\n]*?</code>)")
_TAB_LEAD = re.compile(r"( *)(\t+)")


@dataclass(eq=False)
class Element:
    """A node of the kramdown element tree (``Kramdown::Element``)."""

    type: str
    value: Any = None
    attr: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    children: list[Element] = field(default_factory=list)


class StopBlockParsingError(Exception):
    """Raised when the close tag of the enclosing ``markdown="block"`` element is found."""


@dataclass(frozen=True)
class ParseWarning:
    """A problem found while parsing (kramdown prints these as warnings).

    ``line`` counts lines of the text being parsed when the warning was raised (the document
    itself, or the body of a list item or blockquote).
    """

    message: str
    line: int


class BlockParser:
    """Parse Markdown source into an element tree the way kramdown's GFM parser does."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
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
        self.warnings: list[ParseWarning] = []
        self._parsers = [
            (pat.BLANK_LINE, self.parse_blank_line),
            (pat.INDENT, self.parse_codeblock),
            (pat.FENCED_CODEBLOCK_START, self.parse_codeblock_fenced),
            (pat.BLOCKQUOTE_START, self.parse_blockquote),
            (pat.ATX_HEADER_START, self.parse_atx_header),
            (pat.HR_START, self.parse_horizontal_rule),
            (pat.LIST_START, self.parse_list),
            (pat.DEFINITION_LIST_START, self.parse_definition_list),
            (pat.HTML_BLOCK_START, self.parse_block_html),
            (pat.SETEXT_HEADER_START, self.parse_setext_header),
            (pat.BLOCK_MATH_START, self.parse_block_math),
            (pat.TABLE_START, self.parse_table),
            (pat.FOOTNOTE_DEFINITION_START, self.parse_footnote_definition),
            (pat.LINK_DEFINITION_START, self.parse_link_definition),
            (pat.ABBREV_DEFINITION_START, self.parse_abbrev_definition),
            (pat.BLOCK_EXTENSIONS_START, self.parse_block_extensions),
            (pat.EOB_MARKER, self.parse_eob_marker),
            (pat.PARAGRAPH_START, self.parse_paragraph),
        ]

    # ------------------------------------------------------------------ driver

    def parse(self, text: str) -> Element:
        """Parse the whole document and return the root element."""
        root = Element("root")
        source = text.replace("\r\n", "\n").replace("\r", "\n")
        source = source.removesuffix("\n") + "\n"
        self.parse_blocks(root, source)
        self.update_tree(root)
        for fn in self.footnotes.values():
            self.update_tree(fn)
        return root

    def warn(self, message: str) -> None:
        """Record a warning at the current position."""
        line = self.src.count("\n", 0, self.pos) + 1
        self.warnings.append(ParseWarning(message, line))

    def parse_blocks(self, el: Element, text: str | None = None) -> bool:
        """Parse blocks into ``el`` (from ``text``, or from the current scanner when ``None``).

        Returns True when parsing stopped at the close tag of the enclosing HTML element.
        """
        saved = (self.tree, self.src, self.pos, self.block_ial)
        self.tree, self.block_ial = el, None
        if text is not None:
            self.src, self.pos = text, 0
        self.depth += 1
        found = False
        try:
            self._block_loop()
        except StopBlockParsingError:
            found = True
        finally:
            self.depth -= 1
            src, pos = self.src, self.pos
            self.tree, self.src, self.pos, self.block_ial = saved
            if text is None:
                self.src, self.pos = src, pos
        return found

    def _block_loop(self) -> None:
        src = self.src
        n = len(src)
        while self.pos < n:
            for start_re, method in self._parsers:
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

    @staticmethod
    def add_text(text: str, tree: Element, type_: str = "raw_text") -> None:
        """Append ``text`` to the last child of ``tree`` if it has ``type_``, else add a child."""
        if tree.children and tree.children[-1].type == type_:
            tree.children[-1].value += text
        elif text:
            tree.children.append(Element(type_, text))

    # ------------------------------------------------------------------ simple blocks

    def parse_blank_line(self) -> bool:
        """Blank lines (merged into one ``blank`` element)."""
        m = pat.BLANK_LINE.match(self.src, self.pos)
        assert m is not None
        self.pos = m.end()
        children = self.tree.children
        if children and children[-1].type == "blank":
            children[-1].value += m.group()
        else:
            children.append(self.new_block_el("blank", m.group()))
        return True

    def parse_eob_marker(self) -> bool:
        """The end-of-block marker ``^``."""
        m = pat.EOB_MARKER.match(self.src, self.pos)
        assert m is not None
        self.pos = m.end()
        self.tree.children.append(self.new_block_el("eob"))
        return True

    def parse_horizontal_rule(self) -> bool:
        """``***``, ``---``, ``___``."""
        m = pat.HR_START.match(self.src, self.pos)
        assert m is not None
        self.pos = m.end()
        self.tree.children.append(self.new_block_el("hr"))
        return True

    def _code_match_end(self, pos: int) -> int:
        """End of kramdown's ``CODEBLOCK_MATCH`` at ``pos`` (matched line by line)."""
        src = self.src
        while True:
            start = pos
            b = pat.BLANK_LINE.match(src, pos)
            if b:
                pos = b.end()
            m = pat.CODE_LINE.match(src, pos)
            if not m:
                return start
            while m:
                pos = m.end()
                m = pat.CODE_LINE.match(src, pos)
            while not pat.HTML_LINE_START.match(src, pos):
                m = pat.NONBLANK_LINE.match(src, pos)
                if not m:
                    break
                pos = m.end()

    def parse_codeblock(self) -> bool:
        """Indented code block (with kramdown's lazy continuation lines)."""
        end = self._code_match_end(self.pos)
        if end == self.pos:
            return False
        data = self.src[self.pos : end]
        self.pos = end
        data = re.sub(r"\n( {0,3}\S)", r" \1", data, flags=re.ASCII)
        data = pat.INDENT_ALL.sub("", data)
        self.tree.children.append(self.new_block_el("codeblock", data))
        return True

    def parse_codeblock_fenced(self) -> bool:
        """GFM fenced code block."""
        m = pat.FENCED_CODEBLOCK_MATCH.match(self.src, self.pos)
        if not m:
            return False
        self.pos = m.end()
        el = self.new_block_el("codeblock", m.group(5), fenced=True)
        lang = (m.group(3) or "").strip(_RUBY_WS)
        if lang:
            el.options["lang"] = lang
            el.attr["class"] = f"language-{m.group(4)}"
        self.tree.children.append(el)
        return True

    def parse_blockquote(self) -> bool:
        """Blockquote: lines up to a lazy end, ``>`` stripped, parsed recursively."""
        if self.depth > MAX_DEPTH:
            return False
        src = self.src
        pos = self.pos
        m = pat.PARAGRAPH_MATCH.match(src, pos)
        assert m is not None
        pos = m.end()
        while pos < len(src) and not pat.LAZY_END.match(src, pos):
            m = pat.PARAGRAPH_MATCH.match(src, pos)
            assert m is not None
            pos = m.end()
        result = pat.BLOCKQUOTE_STRIP.sub("", src[self.pos : pos])
        self.pos = pos
        el = self.new_block_el("blockquote")
        self.tree.children.append(el)
        self.parse_blocks(el, result)
        return True

    def _header_contents(self, text: str) -> tuple[str, str | None]:
        text = text.rstrip(_RUBY_WS)
        m = pat.HEADER_ID.search(text)
        if m:
            return text[: m.start()].rstrip(_RUBY_WS), m.group(1)
        return text, None

    def _add_header(self, level: int, text: str, id_: str | None, end: int) -> None:
        self.pos = end
        el = self.new_block_el("header", level=level, raw_text=text)
        el.children.append(Element("raw_text", text))
        if id_:
            el.attr["id"] = id_
        self.tree.children.append(el)

    def parse_atx_header(self) -> bool:
        """ATX header (GFM: space required after the ``#``; paragraph_end quirk)."""
        m = pat.ATX_HEADER_START.match(self.src, self.pos)
        assert m is not None
        text, id_ = self._header_contents(m.group(2))
        stripped = re.sub(r"[\t ]#+\Z", "", text)
        if stripped != text:
            text = stripped.rstrip(_RUBY_WS)
        if not text:
            return False
        self._add_header(len(m.group(1)), text, id_, m.end())
        return True

    def parse_setext_header(self) -> bool:
        """Setext header (``===``/``---`` underline) after a block boundary."""
        if not self.after_block_boundary():
            return False
        m = pat.SETEXT_HEADER_START.match(self.src, self.pos)
        assert m is not None
        text, id_ = self._header_contents(m.group(1))
        if not text:
            return False
        self._add_header(2 if m.group(2) == "-" else 1, text, id_, m.end())
        return True

    def parse_paragraph(self) -> bool:
        """Paragraph, ended by kramdown-GFM's PARAGRAPH_END (the paragraph_end quirk)."""
        src = self.src
        start = self.pos
        m = pat.PARAGRAPH_MATCH.match(src, start)
        assert m is not None
        pos = m.end()
        n = len(src)
        while pos < n and not pat.PARAGRAPH_END_GFM.match(src, pos):
            m = pat.PARAGRAPH_MATCH.match(src, pos)
            assert m is not None
            pos = m.end()
        self.pos = pos
        result = src[start:pos].rstrip(_RUBY_WS)
        children = self.tree.children
        if children and children[-1].type == "p":
            para = children[-1]
            if para.children and para.children[-1].type == "raw_text":
                joiner = "  \n" if src[max(0, start - 3) : start] == "  \n" else "\n"
                para.children[-1].value += joiner + result
            else:
                self.add_text(result, para)
        else:
            para = self.new_block_el("p")
            children.append(para)
            self.add_text(result.lstrip(_RUBY_WS), para)
        return True

    def parse_block_math(self) -> bool:
        """``$$ … $$`` standing alone as a block."""
        m = pat.BLOCK_MATH_START.match(self.src, self.pos)
        assert m is not None
        if not self.after_block_boundary():
            return False
        if m.group(1):
            if m.group(3):
                bs = re.compile(r" {0,3}\\").match(self.src, self.pos)
                if bs:
                    self.pos = bs.end()
            return False
        saved = self.pos
        self.pos = m.end()
        if self.before_block_boundary():
            self.tree.children.append(
                self.new_block_el("math", m.group(2).strip(_RUBY_WS), category="block")
            )
            return True
        self.pos = saved
        return False

    # ------------------------------------------------------------------ definitions

    def parse_footnote_definition(self) -> bool:
        """``[^name]: text`` with 4-space-indented continuation."""
        m = pat.FOOTNOTE_DEFINITION_START.match(self.src, self.pos)
        assert m is not None
        if self.depth > MAX_DEPTH:
            return False
        line_end = self.src.find("\n", m.end())
        line_end = len(self.src) if line_end < 0 else line_end + 1
        end = self._code_match_end(line_end)
        body = self.src[m.end() : end]
        self.pos = end
        el = Element("footnote_def", options={"name": m.group(1)})
        self.parse_blocks(el, pat.INDENT_ALL.sub("", body))
        self.tree.children.append(self.new_block_el("eob", "footnote_def"))
        self.footnotes[m.group(1)] = el
        return True

    def parse_link_definition(self) -> bool:
        """``[id]: url "title"``."""
        m = pat.LINK_DEFINITION_START.match(self.src, self.pos)
        assert m is not None
        if m.group(3) and re.search(r"[ \t]+[\"']", m.group(3)):
            return False
        self.pos = m.end()
        link_id = re.sub(r"\s+", " ", m.group(1), flags=re.ASCII).lower()
        url = m.group(2) if m.group(2) is not None else m.group(3)
        self.tree.children.append(self.new_block_el("eob", "link_def"))
        self.link_defs[link_id] = (url, m.group(5))
        return True

    def parse_abbrev_definition(self) -> bool:
        """``*[ABBR]: Expansion``."""
        m = pat.ABBREV_DEFINITION_START.match(self.src, self.pos)
        assert m is not None
        self.pos = m.end()
        eob = self.new_block_el("eob", "abbrev_def")
        self.tree.children.append(eob)
        self.abbrevs[m.group(1)] = m.group(2).strip(_RUBY_WS)
        self.abbrev_eobs[m.group(1)] = eob
        return True

    # ------------------------------------------------------------------ extensions, IAL, ALD

    def parse_attribute_list(self, text: str, opts: dict[str, Any]) -> None:
        """kramdown ``parse_attribute_list``: ids, classes, key=value pairs and ALD refs."""
        if not text.strip(_RUBY_WS) or text.strip(_RUBY_WS) == ":":
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

    def parse_block_extensions(self) -> bool:
        """ALD definitions, block IALs and ``{::ext}`` block extensions."""
        src = self.src
        m = pat.ALD_START.match(src, self.pos)
        if m:
            self.pos = m.end()
            self.parse_attribute_list(m.group(2), self.alds.setdefault(m.group(1), {}))
            self.tree.children.append(self.new_block_el("eob", "ald"))
            return True
        m = pat.EXT_BLOCK_START.match(src, self.pos)
        if m:
            return self._parse_extension(m)
        m = pat.IAL_BLOCK_START.match(src, self.pos)
        if m:
            self.pos = m.end()
            children = self.tree.children
            last = children[-1] if children else None
            if (
                last is not None
                and last.type != "blank"
                and (last.type != "eob" or last.value in ("link_def", "abbrev_def", "footnote_def"))
            ):
                self.parse_attribute_list(m.group(1), last.options.setdefault("ial", {}))
                if not pat.IAL_BLOCK_START.match(src, self.pos):
                    children.append(self.new_block_el("eob", "ial"))
            else:
                if self.block_ial is None:
                    self.block_ial = {}
                self.parse_attribute_list(m.group(1), self.block_ial)
            return True
        return False

    def _parse_extension(self, m: re.Match[str]) -> bool:
        saved = self.pos
        if m.group(4) is not None or m.group(0).strip() == "{:/}":
            self.warn("Invalid extension stop tag")
            return False
        ext = m.group(1)
        opts: dict[str, Any] = {}
        self.parse_attribute_list(m.group(2) or "", opts)
        self.pos = m.end()
        body: str | None = None
        if not m.group(3):
            stop = re.compile(
                rf"^ {{0,3}}\{{:/(?:{re.escape(ext)})?\}}\s*?\n", re.MULTILINE | re.ASCII
            )
            sm = stop.search(self.src, self.pos)
            if not sm:
                self.warn(f"No stop tag for extension '{ext}' found")
                self.pos = saved
                return False
            body = self.src[self.pos : sm.start()].removesuffix("\n")
            self.pos = sm.end()
        if ext == "comment":
            if body is not None:
                self.tree.children.append(Element("comment", body, options={"category": "block"}))
            return True
        if ext == "nomarkdown":
            if body is not None:
                types = str(opts.get("type", "")).split()
                self.tree.children.append(
                    Element("raw", body, options={"category": "block", "type": types})
                )
            return True
        if ext == "options":
            self._set_options(opts)
            self.tree.children.append(self.new_block_el("eob", "extension"))
            return True
        self.warn(f"Invalid extension with name '{ext}'")
        self.pos = saved
        return False

    def _set_options(self, opts: dict[str, Any]) -> None:
        """``{::options …/}``: change kramdown options for the rest of the document."""
        for key, value in opts.items():
            if not isinstance(value, str):
                continue
            if key not in KNOWN_OPTIONS:
                self.warn(f"Unknown kramdown option '{key}'")
                continue
            if key in FORBIDDEN_OPTIONS:
                self.warn(f"Option {key} may not be set inline")
                continue
            try:
                self.options[key] = parse_option(key, value)
            except OptionError:
                continue

    # ------------------------------------------------------------------ lists

    def _first_list_line(
        self, indentation: int, content: str
    ) -> tuple[str, int, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        if pat.LIST_ITEM_IAL_CHECK.match(content):
            indentation = 4
        else:
            while re.match(r" *\t", content):
                lead = len(content) - len(content.lstrip(" "))
                temp = lead + indentation
                tm = _TAB_LEAD.match(content)
                assert tm is not None
                spaces = " " * (4 - (temp % 4) + (len(tm.group(2)) - 1) * 4)
                content = tm.group(1) + spaces + content[tm.end() :]
            indentation += len(content) - len(content.lstrip(" "))
        content = re.sub(r"\A\s*", "", content, flags=re.ASCII)
        return (content, indentation, *_list_line_patterns(indentation))

    def parse_list(self) -> bool:
        """Bullet and ordered lists (kramdown's indentation rules)."""
        if self.depth > MAX_DEPTH:
            return False
        src = self.src
        is_ul = pat.LIST_START_UL.match(src, self.pos) is not None
        type_ = "ul" if is_ul else "ol"
        list_start_re = pat.LIST_START_UL if is_ul else pat.LIST_START_OL
        lst = self.new_block_el(type_)
        item: Element | None = None
        content_re = lazy_re = indent_re = None
        indentation = 0
        eob_found = nested_list_found = last_is_blank = False
        n = len(src)
        while self.pos < n:
            pos = self.pos
            if last_is_blank and pat.HR_START.match(src, pos):
                break
            m = pat.EOB_MARKER.match(src, pos)
            if m:
                self.pos = m.end()
                eob_found = True
                break
            m = list_start_re.match(src, pos)
            if m:
                self.pos = m.end()
                lst.options.setdefault("first_list_marker", m.group(1).strip())
                item = Element("li")
                value, indentation, content_re, lazy_re, indent_re = self._first_list_line(
                    len(m.group(1)), m.group(2)
                )
                lst.children.append(item)
                value = self._item_ial(value, item)
                list_start_re = _fetch_pattern(type_, indentation)
                nested_list_found = pat.LIST_START.match(value) is not None
                last_is_blank = False
                item.value = [[value]]
                continue
            assert item is not None and content_re and lazy_re and indent_re
            m = content_re.match(src, pos) or (None if last_is_blank else lazy_re.match(src, pos))
            if m:
                self.pos = m.end()
                result = _expand_leading_tabs(m.group())
                im = indent_re.match(result)
                if im:
                    result = result[im.end() :]
                if not nested_list_found and im and pat.LIST_START.match(result):
                    item.value.append([])
                    nested_list_found = True
                elif nested_list_found and not im and pat.LIST_START.match(result):
                    result = " " * (indentation + 4) + result
                item.value[-1].append(result)
                last_is_blank = False
                continue
            m = pat.BLANK_LINE.match(src, pos)
            if m:
                self.pos = m.end()
                nested_list_found = True
                last_is_blank = True
                item.value[-1].append(m.group())
                continue
            break
        self.tree.children.append(lst)
        last = self._parse_list_items(lst, eob_found)
        if last is not None and not eob_found:
            self.tree.children.append(last)
        self._task_list(lst)
        return True

    def _item_ial(self, value: str, item: Element) -> str:
        im = pat.LIST_ITEM_IAL.match(value)
        if im:
            self.parse_attribute_list(im.group(1), item.options.setdefault("ial", {}))
            value = value[: im.start()] + value[im.end() :]
        return value

    def _parse_list_items(self, lst: Element, eob_found: bool) -> Element | None:
        last: Element | None = None
        items = lst.children
        for it in items:
            temp = Element("temp")
            saved = (self.src, self.pos)
            for chunk in it.value:
                self.parse_blocks(temp, "".join(chunk))
            self.src, self.pos = saved
            it.children = temp.children
            it.value = None
            kids = it.children
            if not kids:
                continue
            if (
                kids[0].type == "p"
                and len(kids) >= 2
                and kids[1].type == "eob"
                and kids[0].options.get("ial")
            ):
                del kids[1]
            if kids[0].type == "p" and (
                (
                    len(kids) < 2
                    or kids[1].type != "blank"
                    or (it is items[-1] and len(kids) == 2 and not eob_found)
                )
                and (
                    items[-1] is not it
                    or len(items) == 1
                    or any(
                        not c.children
                        or c.children[0].type != "p"
                        or c.children[0].options.get("transparent")
                        for c in items[:-1]
                    )
                )
            ):
                if len(kids) > 1 and kids[1].type != "blank":
                    _append_to_first_text(kids[0], "\n")
                kids[0].options["transparent"] = True
            last = kids.pop() if kids[-1].type == "blank" else None
        return last

    @staticmethod
    def _task_list(lst: Element) -> None:
        is_tasklist = False
        for li in lst.children:
            kids = li.children
            if not kids or kids[0].type != "p" or not kids[0].children:
                continue
            first = kids[0].children[0]
            if first.type == "raw_text":
                value, count = re.subn(
                    r"\A\s*\[ \]\s+", _BOX_UNCHECKED, first.value, flags=re.ASCII
                )
                value, count2 = re.subn(r"\A\s*\[[xX]\]\s+", _BOX_CHECKED, value, flags=re.ASCII)
                first.value = value
                is_tasklist = is_tasklist or bool(count or count2)
            if is_tasklist:
                li.attr["class"] = "task-list-item"
        if is_tasklist:
            lst.attr["class"] = "task-list"

    def parse_definition_list(self) -> bool:
        """Definition lists: a paragraph followed by ``: definition`` lines."""
        children = self.tree.children
        if self.depth > MAX_DEPTH or not children:
            return False
        if (len(children) == 1 and children[-1].type != "p") or (
            len(children) >= 2
            and children[-1].type != "p"
            and (
                children[-1].type != "blank"
                or children[-1].value != "\n"
                or children[-2].type != "p"
            )
        ):
            return False
        first_as_para = False
        deflist = self.new_block_el("dl")
        para = children.pop()
        if para.type == "blank":
            para = children.pop()
            first_as_para = True
        first_text = para.children[0].value if para.children else ""
        for term in first_text.split("\n"):
            dt = Element("dt")
            term = self._item_ial(term, dt)
            dt.options["raw_text"] = term
            dt.children.append(Element("raw_text", term))
            deflist.children.append(dt)
        if para.options.get("ial"):
            deflist.options["ial"] = para.options["ial"]
        self._scan_definitions(deflist, first_as_para)
        last: Element | None = None
        for it in deflist.children:
            if it.type == "dt":
                continue
            self.parse_blocks(it, "".join(it.value))
            it.value = None
            kids = it.children
            if not kids:
                continue
            last = kids.pop() if kids[-1].type == "blank" else None
            if kids and kids[0].type == "p" and not it.options.pop("first_as_para", False):
                if len(kids) > 1:
                    _append_to_first_text(kids[0], "\n")
                kids[0].options["transparent"] = True
        children = self.tree.children
        if children and children[-1].type == "dl":
            children[-1].children.extend(deflist.children)
        elif len(children) >= 2 and children[-1].type == "blank" and children[-2].type == "dl":
            children.pop()
            children[-1].children.extend(deflist.children)
        else:
            children.append(deflist)
        if last is not None:
            children.append(last)
        return True

    def _scan_definitions(self, deflist: Element, first_as_para: bool) -> None:
        src = self.src
        item: Element | None = None
        content_re = lazy_re = indent_re = None
        def_start_re: re.Pattern[str] = pat.DEFINITION_LIST_START
        last_is_blank = False
        while self.pos < len(src):
            pos = self.pos
            m = def_start_re.match(src, pos)
            if m:
                self.pos = m.end()
                item = Element("dd", options={"first_as_para": first_as_para})
                value, indentation, content_re, lazy_re, indent_re = self._first_list_line(
                    len(m.group(1)), m.group(2)
                )
                deflist.children.append(item)
                item.value = [self._item_ial(value, item)]
                def_start_re = _fetch_pattern("dl", indentation)
                first_as_para = last_is_blank = False
                continue
            if pat.EOB_MARKER.match(src, pos):
                break
            assert item is not None and content_re and lazy_re and indent_re
            m = content_re.match(src, pos) or (None if last_is_blank else lazy_re.match(src, pos))
            if m:
                self.pos = m.end()
                result = _expand_leading_tabs(m.group())
                im = indent_re.match(result)
                if im:
                    result = result[im.end() :]
                item.value.append(result)
                first_as_para = last_is_blank = False
                continue
            m = pat.BLANK_LINE.match(src, pos)
            if m:
                self.pos = m.end()
                first_as_para = True
                item.value.append(m.group())
                last_is_blank = True
                continue
            break

    # ------------------------------------------------------------------ tables

    def parse_table(self) -> bool:
        """Pipe tables (kramdown ``parse_table``)."""
        if not self.after_block_boundary():
            return False
        src = self.src
        orig_pos = self.pos
        table = self.new_block_el("table", alignment=[])
        line = pat.TABLE_LINE.match(src, self.pos)
        leading_pipe = bool(line and re.match(r"[ \t\r\n\f\v]*\|", line.group()))
        sep = pat.TABLE_SEP_LINE.match(src, self.pos)
        if sep:
            self.pos = sep.end()
        rows: list[Element] = []
        state = {"has_footer": False}
        columns = 0

        def add_container(type_: str, force: bool) -> None:
            nonlocal rows
            if not state["has_footer"] or type_ != "tbody" or force:
                table.children.append(Element(type_, children=rows))
                rows = []

        while self.pos < len(src):
            pos = self.pos
            if not pat.TABLE_LINE.match(src, pos):
                break
            m = pat.TABLE_SEP_LINE.match(src, pos)
            if m:
                self.pos = m.end()
                if not rows:
                    pass
                elif not table.options["alignment"] and not state["has_footer"]:
                    add_container("thead", False)
                    table.options["alignment"] = [
                        _alignment(a.group(1), a.group(2))
                        for a in pat.TABLE_HSEP_ALIGN.finditer(m.group(1))
                    ]
                else:
                    add_container("tbody", False)
                continue
            m = pat.TABLE_FSEP_LINE.match(src, pos)
            if m:
                self.pos = m.end()
                if rows:
                    add_container("tbody", True)
                state["has_footer"] = True
                continue
            m = pat.TABLE_ROW_LINE.match(src, pos)
            if not m:
                break
            self.pos = m.end()
            cells = _split_cells(m.group(1))
            if leading_pipe and cells and not cells[0].strip(_RUBY_WS):
                cells.pop(0)
            if cells and not cells[-1].strip(_RUBY_WS):
                cells.pop()
            row = Element("tr")
            for cell in cells:
                row.children.append(
                    Element("td", children=[Element("raw_text", cell.strip(_RUBY_WS))])
                )
            columns = max(columns, len(cells))
            rows.append(row)
        if not self.before_block_boundary() or not _pipes_ok(src[orig_pos : self.pos - 1]):
            self.pos = orig_pos
            return False
        if rows:
            add_container("tfoot" if state["has_footer"] else "tbody", False)
        if not any(c.type == "tbody" for c in table.children):
            self.warn("Found table without body - ignoring it")
            self.pos = orig_pos
            return False
        for part in table.children:
            for row in part.children:
                row.children.extend(Element("td") for _ in range(columns - len(row.children)))
        align = table.options["alignment"]
        table.options["alignment"] = (align + ["default"] * columns)[:columns]
        self.tree.children.append(table)
        return True

    # ------------------------------------------------------------------ HTML

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
        self.pos = tag.end
        self._handle_start_tag(tag)
        return True

    def _handle_start_tag(self, tag: Any) -> None:
        """kramdown ``handle_html_start_tag`` + ``handle_kramdown_html_tag``."""
        attrs = dict(tag.attrs)
        el = Element(
            "html_element",
            tag.name,
            {k: ("" if v is None else v) for k, v in attrs.items()},
            options={"category": "block"},
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
                self.warn(f"Found no end tag for '{el.value}' - auto-closing it")
        elif model == "span":
            stop = re.compile(rf"</{re.escape(el.value)}\s*>", re.IGNORECASE | re.ASCII)
            sm = stop.search(self.src, self.pos)
            if sm:
                self.add_text(self.src[self.pos : sm.start()], el)
                self.pos = sm.end()
            else:
                self.add_text(self.src[self.pos :], el)
                self.pos = len(self.src)
                self.warn(f"Found no end tag for '{el.value}' - auto-closing it")
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
            self.warn(f"Found no end tag for '{el.value}' - auto-closing it")

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
                        self.warn(f"Found no end tag for '{self.tree.value}' - auto-closing it")
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
            self.pos = tag.end
            return self._raw_start_tag(tag, stack)
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

    def _raw_start_tag(self, tag: Any, stack: list[Element]) -> bool:
        """A start tag inside raw HTML: descend iteratively unless it is special."""
        parent = self.tree
        md = dict(tag.attrs).get("markdown")
        mapped = _MARKDOWN_ATTR.get(md) if md is not None else None
        special = tag.name in ("script", "style") or (
            mapped not in (None, "raw") and self.depth <= MAX_DEPTH
        )
        closed = tag.self_closing or tag.name in VOID_ELEMENTS
        if special or closed:
            self._handle_start_tag(tag)
            return False
        el = Element(
            "html_element",
            tag.name,
            {k: ("" if v is None else v) for k, v in tag.attrs if k != "markdown"},
            options={"category": "block", "content_model": "raw", "is_closed": False},
        )
        parent.children.append(el)
        stack.append(parent)
        self.tree = el
        return False

    # ------------------------------------------------------------------ post-processing

    def update_tree(self, element: Element) -> None:
        """Merge blank runs, drop EOB markers and apply IALs (kramdown ``update_tree``)."""
        work = [element]
        while work:
            el = work.pop()
            new_children: list[Element] = []
            last_blank: Element | None = None
            for child in el.children:
                if child.type == "eob":
                    if child.options.get("ial"):
                        self.update_attr_with_ial(child.attr, child.options["ial"])
                    continue
                if child.type == "blank":
                    if last_blank is not None:
                        last_blank.value += child.value
                        continue
                    last_blank = child
                    new_children.append(child)
                    continue
                last_blank = None
                if child.options.get("ial"):
                    self.update_attr_with_ial(child.attr, child.options["ial"])
                work.append(child)
                new_children.append(child)
            el.children = new_children

    def abbrev_attrs(self) -> dict[str, dict[str, str]]:
        """The attributes IALs gave each abbreviation definition (after :meth:`parse`)."""
        return {name: dict(eob.attr) for name, eob in self.abbrev_eobs.items() if eob.attr}

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


_BOX_UNCHECKED = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
_BOX_CHECKED = (
    '<input type="checkbox" class="task-list-item-checkbox" '
    'disabled="disabled" checked="checked" />'
)
_PATTERN_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _list_line_patterns(
    indentation: int,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cached = _PATTERN_CACHE.get(indentation)
    if cached is None:
        q, r = divmod(indentation, 4)
        content_re = re.compile(
            rf"(?:(?:\t| {{4}}){{{q}}} {{{r}}}|(?:\t| {{4}}){{{q + 1}}})[^\n]*\S[^\n]*\n",
            re.ASCII,
        )
        low = min(indentation, 3)
        lazy_re = re.compile(
            rf"(?! {{0,{low}}}(?:{pat.IAL_BLOCK_S}|{pat.LAZY_END_HTML_STOP_S}"
            rf"|{pat.LAZY_END_HTML_START_S}))[^\n]*\S[^\n]*\n",
            re.ASCII,
        )
        indent_re = re.compile(rf" {{{indentation}}}")
        cached = (content_re, lazy_re, indent_re)
        if len(_PATTERN_CACHE) < 512:
            _PATTERN_CACHE[indentation] = cached
    return cached


def _fetch_pattern(type_: str, indentation: int) -> re.Pattern[str]:
    spaces = {1: "", 2: " {0,1}", 3: " {0,2}"}.get(indentation, " {0,3}")
    marker = {"ul": "[+*-]", "ol": r"\d+\.", "dl": ":"}[type_]
    return re.compile(rf"({spaces}{marker})({pat.PATTERN_TAIL})", re.ASCII)


def _expand_leading_tabs(line: str) -> str:
    """Each leading tab becomes four spaces (kramdown's list continuation lines)."""
    if not line.startswith("\t"):
        return line
    stripped = line.lstrip("\t")
    return "    " * (len(line) - len(stripped)) + stripped


def _append_to_first_text(para: Element, text: str) -> None:
    if para.children and para.children[0].type == "raw_text":
        para.children[0].value += text


def _leading_spaces(src: str, pos: int) -> int:
    count = 0
    while count < 3 and src.startswith(" ", pos + count):
        count += 1
    return count


def _alignment(left: str, right: str) -> str:
    if not left and not right:
        return "default"
    if not right:
        return "left"
    if not left:
        return "right"
    return "center"


def _codespans(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into (is_code, piece) following kramdown's code span scanner."""
    out: list[tuple[bool, str]] = []
    pos = 0
    buf_start = 0
    n = len(text)
    while pos < n:
        tick = text.find("`", pos)
        if tick < 0:
            break
        # an escaped backtick is not a delimiter
        if tick > 0 and text[tick - 1] == "\\":
            pos = tick + 1
            continue
        end = tick
        while end < n and text[end] == "`":
            end += 1
        delim = text[tick:end]
        if (
            len(delim) == 1
            and (tick == 0 or text[tick - 1].isspace())
            and (end < n and text[end].isspace())
        ):
            pos = end
            continue
        close = text.find(delim, end)
        if close < 0:
            pos = end
            continue
        if tick > buf_start:
            out.append((False, text[buf_start:tick]))
        out.append((True, text[tick : close + len(delim)]))
        pos = buf_start = close + len(delim)
    if buf_start < n:
        out.append((False, text[buf_start:]))
    return out


def _split_cells(line: str) -> list[str]:
    """Split a table row into cell texts (pipes inside code spans do not split)."""
    cells: list[str] = []
    for i, part in enumerate(_SPLIT_CODE.split(line)):
        if i % 2:
            if cells:
                cells[-1] += part
            else:
                cells.append(part)
            continue
        for is_code, piece in _codespans(part):
            if is_code:
                if cells:
                    cells[-1] += piece
                else:
                    cells.append(piece)
                continue
            first, *rest = [t.replace("\\|", "|") for t in re.split(r"(?<!\\)\|", piece)]
            if cells:
                cells[-1] += first
            else:
                cells.append(first)
            cells.extend(rest)
    return cells


def _pipes_ok(text: str) -> bool:
    """kramdown's check that every table line has a pipe outside code spans."""
    pipe_on_line = False
    for is_code, piece in _codespans(text):
        lines = _ruby_split_lines(piece.strip("`") if is_code else piece)
        if is_code:
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2 and pipe_on_line:
                pipe_on_line = False
        else:
            if len(lines) > 1 and not pipe_on_line and not pat.TABLE_PIPE_LINE.match(lines[0]):
                break
            pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or bool(
                lines and pat.TABLE_PIPE_LINE.match(lines[-1])
            )
    return pipe_on_line


def _ruby_split_lines(text: str) -> list[str]:
    """Ruby ``text.split("\\n")``: trailing empty fields are dropped."""
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    return lines


__all__ = ["BlockParser", "Element", "ParseWarning"]
