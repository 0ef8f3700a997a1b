"""List and definition list rules of the kramdown block parser (``parser/kramdown/list.rb``,
with kramdown-parser-gfm's task lists)."""

from __future__ import annotations

import re

from . import patterns as pat
from .block_base import MAX_DEPTH, Element, ParserBase

_TAB_LEAD = re.compile(r"( *)(\t+)")


class ListRules(ParserBase):
    """``parse_list`` and ``parse_definition_list``."""

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
                line = self.current_line()
                self.pos = m.end()
                lst.options.setdefault("first_list_marker", m.group(1).strip())
                item = Element("li", options={"line": line})
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
        if self.gfm:
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
            line = int(it.options.get("line", 0)) or None
            for chunk in it.value:
                text = "".join(chunk)
                self.parse_blocks(temp, text, line)
                if line is not None:
                    line += text.count("\n")
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
        first_line = para.children[0].options.get("line") if para.children else None
        for index, term in enumerate(first_text.split("\n")):
            dt = Element("dt")
            term = self._item_ial(term, dt)
            dt.options["raw_text"] = term
            line = None if first_line is None else first_line + index
            dt.children.append(Element("raw_text", term, options={"line": line}))
            deflist.children.append(dt)
        # the paragraph's IAL replaces any pending block IAL the list took
        deflist.options.pop("ial", None)
        if para.options.get("ial"):
            deflist.options["ial"] = para.options["ial"]
        self._scan_definitions(deflist, first_as_para)
        last: Element | None = None
        for it in deflist.children:
            if it.type == "dt":
                continue
            self.parse_blocks(it, "".join(it.value), int(it.options.get("line", 0)) or None)
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
                line = self.current_line()
                self.pos = m.end()
                item = Element("dd", options={"first_as_para": first_as_para, "line": line})
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
