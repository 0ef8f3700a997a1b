"""Pretty-printed or minified fragments: whitespace changes only where HTML ignores it.

Both work on the lossless tokens of :mod:`dejekyll.htmltokens` and only ever touch
white space: around the tags of block elements (``<p>``, ``<li>``, ``<table>`` …), where a
browser does not render it, and, for minifying, runs of white space inside text, which a
browser shows as one space.  Nothing inside ``<pre>`` or in the raw text of
``<script>``, ``<style>``, ``<textarea>`` is changed, no tag or comment is rewritten, and
``&nbsp;`` is not white space.  The fragment's DOM is the same, whitespace aside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .htmltokens import Token, is_void, tokenize

BLOCK_ELEMENTS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
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
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
"""Elements next to whose tags white space is not rendered (nor a line box started).

``<pre>`` is not one here: the white space around it is left alone, as the project's
normalisation leaves it.
"""

_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_LINE_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\n\r\f]*")
_INDENT = "  "


@dataclass(slots=True)
class _Run:
    """The tokens between two block tags; ``fixed`` ones (in ``<pre>``) are never changed."""

    tokens: list[Token] = field(default_factory=list)
    fixed: list[bool] = field(default_factory=list)
    open_end: bool = False
    """The fragment ends here inside an unclosed element: its last white space is kept."""

    def add(self, token: Token, *, fixed: bool) -> None:
        self.tokens.append(token)
        self.fixed.append(fixed)

    def texts(self, *, indent: str | None = None) -> list[str]:
        """The run's pieces, its edges stripped of white space.

        Without ``indent`` (minifying) each run of white space becomes one space; with it,
        each run holding a line break becomes ``indent``.
        """
        out = [
            t.text if t.kind != "text" or f else _fold(t.text, indent)
            for t, f in zip(self.tokens, self.fixed, strict=True)
        ]
        self._strip(out, range(len(out)), str.lstrip)
        if not self.open_end:
            self._strip(out, range(len(out) - 1, -1, -1), str.rstrip)
        return out

    def _strip(self, out: list[str], order: range, strip: object) -> None:
        for i in order:
            token = self.tokens[i]
            if token.kind == "comment":
                continue
            if token.kind != "text" or self.fixed[i]:
                return
            out[i] = strip(out[i])  # type: ignore[operator]
            if out[i]:
                return


def _fold(text: str, indent: str | None) -> str:
    if indent is None:
        return _WHITESPACE.sub(" ", text)
    return _LINE_BREAK.sub(indent, text)


def _pieces(html: str) -> Iterator[tuple[Token | None, _Run]]:
    """Each block tag with the run of tokens before it; the last run comes with None."""
    run = _Run()
    in_pre = 0
    open_elements: list[str] = []
    for token in tokenize(html):
        # An end tag is a boundary only if it closes the innermost element: one closing
        # nothing, or also an unclosed <em> inside, has no white space next to it.
        loose_end = token.kind == "end" and open_elements[-1:] != [token.name]
        _track(open_elements, token)
        if loose_end:
            run.add(token, fixed=bool(in_pre))
        elif token.kind in ("start", "end") and token.name == "pre":
            in_pre = in_pre + 1 if token.kind == "start" else max(in_pre - 1, 0)
            run.add(token, fixed=True)
        elif in_pre:
            run.add(token, fixed=True)
        elif token.kind in ("start", "end") and token.name in BLOCK_ELEMENTS:
            yield token, run
            run = _Run()
        else:
            run.add(token, fixed=False)
    run.open_end = bool(open_elements)
    yield None, run


def _track(open_elements: list[str], token: Token) -> None:
    """Keep the stack of open elements (an end tag closes up to its element, if open)."""
    if token.kind == "start" and not is_void(token.name) and not token.text.endswith("/>"):
        open_elements.append(token.name)
    elif token.kind == "end" and token.name in open_elements:
        while open_elements.pop() != token.name:
            pass


def minify(html: str) -> str:
    """The fragment without the white space a browser ignores (runs folded to one space)."""
    out: list[str] = []
    for block, run in _pieces(html):
        out.extend(run.texts())
        if block is not None:
            out.append(block.text)
    return "".join(out)


def pretty(html: str) -> str:
    """The fragment with each block tag on a line of its own, indented by nesting.

    A block holding only inline content stays on one line (``<p>Some <em>text</em></p>``).
    """
    pieces = list(_pieces(html))
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(pieces):
        block, run = pieces[i]
        _append(out, run, depth)
        if block is None:
            break
        following, inner = pieces[i + 1]
        if (
            block.kind == "start"
            and following is not None
            and following.kind == "end"
            and following.name == block.name
        ):
            # <p>inline only</p>: one line.
            _newline(out)
            out.append(_INDENT * depth + block.text)
            out.append("".join(inner.texts(indent="\n" + _INDENT * (depth + 1))))
            out.append(following.text + "\n")
            i += 2
            continue
        if block.kind == "end":
            depth = max(depth - 1, 0)
        _newline(out)
        out.append(_INDENT * depth + block.text + "\n")
        if block.kind == "start" and not is_void(block.name) and not block.text.endswith("/>"):
            depth += 1
        i += 1
    return "".join(out)


def _append(out: list[str], run: _Run, depth: int) -> None:
    """A run of inline content on lines of its own."""
    content = "".join(run.texts(indent="\n" + _INDENT * depth))
    if not content:
        return
    out.append(_INDENT * depth + content if _line_start(out) else content)
    if not run.fixed[-1] and run.tokens[-1].kind != "raw" and not run.open_end:
        out.append("\n")  # (not inside <pre>, nor inside an unclosed <script>, <iframe> …)


def _newline(out: list[str]) -> None:
    if out and not _line_start(out):
        out.append("\n")


def _line_start(out: list[str]) -> bool:
    return bool(out) and out[-1].endswith("\n")
