"""Table rule of the kramdown block parser (``parser/kramdown/table.rb``)."""

from __future__ import annotations

import re

from . import patterns as pat
from .block_base import RUBY_WS, Element, ParserBase
from .html import BLOCK_ELEMENTS, KNOWN_ELEMENTS, VOID_ELEMENTS, parse_tag

_SPLIT_CODE = re.compile(r"(<code[^\n]*?>[^\n]*?</code>)")


class TableRules(ParserBase):
    """``parse_table``."""

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
            row_line = self.line_at(pos)
            self.pos = m.end()
            cells = _split_cells(m.group(1))
            if leading_pipe and cells and not cells[0].strip(RUBY_WS):
                cells.pop(0)
            if cells and not cells[-1].strip(RUBY_WS):
                cells.pop()
            row = Element("tr")
            for cell in cells:
                text = Element("raw_text", cell.strip(RUBY_WS), options={"line": row_line})
                row.children.append(Element("td", children=[text]))
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
        end = tick
        while end < n and text[end] == "`":
            end += 1
        delim = text[tick:end]
        if (
            len(delim) == 1
            and (tick == 0 or text[tick - 1] in _ASCII_WS)
            and (end < n and text[end] in _ASCII_WS)
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
                code = _rebuilt_codespan(piece)
                if cells:
                    cells[-1] += code
                else:
                    cells.append(code)
                continue
            first, *rest = [t.replace("\\|", "|") for t in re.split(r"(?<!\\)\|", piece)]
            if cells:
                cells[-1] += first
            else:
                cells.append(first)
            cells.extend(rest)
    return cells


def _rebuilt_codespan(piece: str) -> str:
    """A code span as kramdown writes it back into a cell: the code between new delimiters
    (one backtick more than the longest run inside, padded with spaces when longer than one)."""
    delim_len = len(piece) - len(piece.lstrip("`"))
    code = piece[delim_len:-delim_len]
    if delim_len > 1:
        code = code.removeprefix(" ").removesuffix(" ")
    runs = re.findall(r"`+", code)
    delim = (max(runs, key=len) if runs else "") + "`"
    pad = " " if len(delim) > 1 else ""
    return f"{delim}{pad}{code}{pad}{delim}"


def _pipes_ok(text: str) -> bool:
    """kramdown's check that every table line has a pipe outside code spans and span HTML."""
    pipe_on_line = False
    for kind, piece in _table_pieces(text):
        is_code = kind == "code"
        lines = _ruby_split_lines(piece)
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


_ASCII_WS = " \t\n\r\f\v"
_SPAN_HTML_START = re.compile(rf"<(?:{pat.UNAME}|!--|/)", re.ASCII)


def _table_pieces(text: str) -> list[tuple[str, str]]:
    """Top-level pieces of ``text`` for the table check, scanned left to right as kramdown's
    code span and span HTML parsers do: ``code`` (the code), ``html`` (the element name; its
    content is hidden), ``comment`` and ``text``."""
    out: list[tuple[str, str]] = []
    pos = start = 0
    n = len(text)
    while pos < n:
        at, kind = _next_span_start(text, pos)
        if at < 0:
            break
        if kind == "`":
            end, code = _codespan_at(text, at)
            if code is not None:
                out.extend((("text", text[start:at]), ("code", code)))
                start = end
            pos = end
            continue
        piece, end = _span_html_at(text, at)
        if piece is not None:
            out.extend((("text", text[start:at]), piece))
            start = end
        pos = end
    out.append(("text", text[start:]))
    merged: list[tuple[str, str]] = []
    for part_kind, value in out:
        if part_kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + value)
        elif value or part_kind != "text":
            merged.append((part_kind, value))
    return merged


def _next_span_start(text: str, pos: int) -> tuple[int, str]:
    tick = text.find("`", pos)
    m = _SPAN_HTML_START.search(text, pos, tick if tick >= 0 else len(text))
    if m is not None:
        return m.start(), "<"
    return tick, "`"


def _codespan_at(text: str, tick: int) -> tuple[int, str | None]:
    """kramdown ``parse_codespan`` at ``tick``: (end, code) or (end of the run, None)."""
    n = len(text)
    end = tick
    while end < n and text[end] == "`":
        end += 1
    delim = text[tick:end]
    if (
        len(delim) == 1
        and (tick == 0 or text[tick - 1] in _ASCII_WS)
        and (end < n and text[end] in _ASCII_WS)
    ):
        return end, None
    close = text.find(delim, end)
    if close < 0:
        return end, None
    return close + len(delim), text[end:close]


def _span_html_at(text: str, at: int) -> tuple[tuple[str, str] | None, int]:
    """kramdown ``parse_span_html`` at ``at``: (piece, end), piece None for plain text."""
    cm = pat.HTML_COMMENT.match(text, at)
    if cm:
        return ("comment", cm.group()), cm.end()
    tag = parse_tag(text, at)
    if tag is None:
        return None, at + 1
    if tag.is_close or tag.name in BLOCK_ELEMENTS:
        return None, tag.end
    closed = tag.self_closing or tag.name in VOID_ELEMENTS
    return ("html", tag.name), (tag.end if closed else _element_end(text, tag.end, tag.name))


def _element_end(text: str, pos: int, name: str) -> int:
    """End of the span HTML element ``name`` whose content starts at ``pos``."""
    flags = re.IGNORECASE if name in KNOWN_ELEMENTS else 0
    stop = re.compile(rf"</{re.escape(name)}\s*>", flags | re.ASCII)
    n = len(text)
    while pos < n:
        m = stop.search(text, pos)
        limit = m.start() if m is not None else n
        at, kind = _next_span_start(text, pos)
        if at < 0 or at >= limit:
            return m.end() if m is not None else n
        if kind == "`":
            pos = _codespan_at(text, at)[0]
        else:
            pos = _span_html_at(text, at)[1]
    return n
