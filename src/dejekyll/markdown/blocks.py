"""kramdown 2.4 + GFM block parser, producing a kramdown-like element tree.

:class:`BlockParser` puts together the rules of :mod:`.block_base` (driver), :mod:`.block_lists`,
:mod:`.block_tables`, :mod:`.block_html` and the simpler rules below, in kramdown-GFM's order.
The engine turns each ``raw_text`` element of the result into a markdown-it ``inline`` token.
"""

from __future__ import annotations

import re
from typing import Any

from . import patterns as pat
from .block_base import MAX_DEPTH, RUBY_WS, Element, ParseWarning
from .block_html import HtmlRules
from .block_lists import ListRules
from .block_tables import TableRules
from .inline_options import FORBIDDEN as FORBIDDEN_OPTIONS
from .inline_options import KNOWN as KNOWN_OPTIONS
from .inline_options import OptionError, parse_option

_FENCE_CLOSERS = {c: re.compile(rf"^ {{0,3}}{re.escape(c)}{{3}}", re.MULTILINE) for c in "`~"}
"""A line that could close a fence of that character (a necessary condition)."""


# The closing run of ``#`` an ATX header drops: GFM's after a space or tab, kramdown's
# any unescaped one.
_GFM_ATX_CLOSE = re.compile(r"[\t ]#+\Z")
_KD_ATX_CLOSE = re.compile(r"(?<!\\)#+\Z")


class BlockParser(ListRules, TableRules, HtmlRules):
    """Parse Markdown source into an element tree the way kramdown's GFM parser does."""

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(options)
        self._parsers = [
            (pat.BLANK_LINE, self.parse_blank_line),
            (pat.INDENT, self.parse_codeblock),
            (
                pat.FENCED_CODEBLOCK_START if self.gfm else pat.KD_FENCED_CODEBLOCK_START,
                self.parse_codeblock_fenced,
            ),
            (pat.BLOCKQUOTE_START, self.parse_blockquote),
            (
                pat.ATX_HEADER_START if self.gfm else pat.KD_ATX_HEADER_START,
                self.parse_atx_header
                if self.paragraph_end_quirk
                else self.parse_kramdown_atx_header,
            ),
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

    def _fence_may_close(self) -> bool:
        """Whether a later line could close a fence opened here (else the fence regex,
        backtracking over every shorter fence, would search the rest of the text for
        each one: quadratic on a long run of backticks)."""
        src, pos = self.src, self.pos
        start = pos + len(src[pos : pos + 4]) - len(src[pos : pos + 4].lstrip(" "))
        char = src[start : start + 1]
        if char not in ("`", "~"):
            return True
        line_end = src.find("\n", start)
        if line_end < 0:
            return False
        return _FENCE_CLOSERS[char].search(src, line_end + 1) is not None

    def parse_codeblock_fenced(self) -> bool:
        """GFM fenced code block."""
        fence = pat.FENCED_CODEBLOCK_MATCH if self.gfm else pat.KD_FENCED_CODEBLOCK_MATCH
        if not self._fence_may_close():
            return False
        m = fence.match(self.src, self.pos)
        if not m:
            return False
        self.pos = m.end()
        el = self.new_block_el("codeblock", m.group(5), fenced=True)
        lang = (m.group(3) or "").strip(RUBY_WS)
        if lang:
            el.options["lang"] = lang
            el.attr["class"] = f"language-{m.group(4)}"
        self.tree.children.append(el)
        return True

    def parse_blockquote(self) -> bool:
        """Blockquote: lines up to a lazy end, ``>`` stripped, parsed recursively."""
        if self.depth > MAX_DEPTH:
            return False
        start_line = self.current_line()
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
        self.parse_blocks(el, result, start_line)
        return True

    def _header_contents(self, text: str) -> tuple[str, str | None]:
        text = text.rstrip(RUBY_WS)
        m = pat.HEADER_ID.search(text)
        if m:
            return text[: m.start()].rstrip(RUBY_WS), m.group(1)
        return text, None

    def _add_header(self, level: int, text: str, id_: str | None, end: int) -> None:
        line = self.current_line()
        self.pos = end
        el = self.new_block_el("header", level=level, raw_text=text)
        el.children.append(Element("raw_text", text, options={"line": line}))
        if id_:
            el.attr["id"] = id_
        self.tree.children.append(el)

    def parse_atx_header(self) -> bool:
        """ATX header (GFM: space required after the ``#``; paragraph_end quirk)."""
        m = pat.ATX_HEADER_START.match(self.src, self.pos)
        assert m is not None
        return self._atx_header(m, _GFM_ATX_CLOSE)

    def parse_kramdown_atx_header(self) -> bool:
        """kramdown's ATX header rule (after a block boundary): the plain kramdown parser's,
        and GFM's without the paragraph_end quirk (whose start pattern needs a space)."""
        if not self.after_block_boundary():
            return False
        start = pat.ATX_HEADER_START if self.gfm else pat.KD_ATX_HEADER_START
        m = start.match(self.src, self.pos)
        assert m is not None
        return self._atx_header(m, _KD_ATX_CLOSE)

    def _atx_header(self, m: re.Match[str], closing: re.Pattern[str]) -> bool:
        """An ATX header from its start match, less its closing ``#`` run (none if empty)."""
        text, id_ = self._header_contents(m.group(2))
        stripped = closing.sub("", text)
        if stripped != text:
            text = stripped.rstrip(RUBY_WS)
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
        paragraph_end = pat.PARAGRAPH_END_GFM if self.paragraph_end_quirk else pat.KD_PARAGRAPH_END
        while pos < n and not paragraph_end.match(src, pos):
            m = pat.PARAGRAPH_MATCH.match(src, pos)
            assert m is not None
            pos = m.end()
        line = self.line_at(start)
        self.pos = pos
        result = src[start:pos].rstrip(RUBY_WS)
        children = self.tree.children
        if children and children[-1].type == "p":
            para = children[-1]
            if para.children and para.children[-1].type == "raw_text":
                joiner = "  \n" if src[max(0, start - 3) : start] == "  \n" else "\n"
                para.children[-1].value += joiner + result
            else:
                self.add_text(result, para, line=line)
        else:
            para = self.new_block_el("p")
            children.append(para)
            self.add_text(result.lstrip(RUBY_WS), para, line=line)
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
                self.new_block_el("math", m.group(2).strip(RUBY_WS), category="block")
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
        start_line = self.current_line()
        line_end = self.src.find("\n", m.end())
        line_end = len(self.src) if line_end < 0 else line_end + 1
        end = self._code_match_end(line_end)
        body = self.src[m.end() : end]
        self.pos = end
        el = Element("footnote_def", options={"name": m.group(1)})
        self.parse_blocks(el, pat.INDENT_ALL.sub("", body), start_line)
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
        eob = self.new_block_el("eob", "link_def")
        self.tree.children.append(eob)
        self.link_defs[link_id] = (url, m.group(5))
        self.link_eobs[link_id] = eob
        return True

    def parse_abbrev_definition(self) -> bool:
        """``*[ABBR]: Expansion``."""
        m = pat.ABBREV_DEFINITION_START.match(self.src, self.pos)
        assert m is not None
        self.pos = m.end()
        eob = self.new_block_el("eob", "abbrev_def")
        self.tree.children.append(eob)
        self.abbrevs[m.group(1)] = m.group(2).strip(RUBY_WS)
        self.abbrev_eobs[m.group(1)] = eob
        return True

    # ------------------------------------------------------------------ extensions, IAL, ALD

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

    def link_definitions(self) -> dict[str, tuple[str, str | None, dict[str, str]]]:
        """Link definitions as (url, title, attributes from IALs) (after :meth:`parse`)."""
        return {
            key: (url, title, dict(self.link_eobs[key].attr))
            for key, (url, title) in self.link_defs.items()
        }

    def abbrev_attrs(self) -> dict[str, dict[str, str]]:
        """The attributes IALs gave each abbreviation definition (after :meth:`parse`)."""
        return {name: dict(eob.attr) for name, eob in self.abbrev_eobs.items() if eob.attr}


__all__ = ["BlockParser", "Element", "ParseWarning"]
