"""kramdown's span-level parser (``Parser::Kramdown#parse_spans`` and its span parsers), in Python.

The parser is a faithful re-implementation of the algorithm of kramdown 2.4 with the changes of
kramdown-parser-gfm 1.1: the text is scanned for the earliest position where any span parser can
start; the parsers are tried there in kramdown's order; nested constructs (emphasis, link text,
span HTML) are parsed recursively until their stop pattern is accepted.  The result is a tree of
:class:`~.tree.El` elements, which :mod:`.post` then post-processes (abbreviations, GFM hard line
breaks) as kramdown does after parsing.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import FrameType
from typing import Any

from .. import html
from . import patterns as p
from .closers import (
    ExtensionTag,
    angle_url_at,
    autolink_at,
    extension_at,
    last_link_hazard,
    link_title_at,
    paren_url_end,
    span_ial_at,
)
from .entities import entity_code_point
from .scanner import Scanner
from .search import SpanStarts
from .tree import El

__all__ = ["SpanContext", "parse_span_text", "span_parsers"]

_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}


@dataclass(slots=True)
class SpanContext:
    """Document-wide data the span parser reads (filled by the block phase)."""

    link_defs: Mapping[str, Any] = field(default_factory=dict)
    footnote_defs: Mapping[str, Any] = field(default_factory=dict)
    alds: Mapping[str, Any] = field(default_factory=dict)
    parse_span_html: bool = True
    parsers: tuple[str, ...] = ()
    """The span parsers in use (empty: all of them); see :func:`span_parsers`."""


_PARSER_ORDER = (
    "emphasis",
    "codespan",
    "autolink",
    "span_html",
    "footnote_marker",
    "link",
    "smart_quotes",
    "inline_math",
    "span_extensions",
    "html_entity",
    "typographic_syms",
    "line_break",
    "escaped_chars",
    "strikethrough",
)
_START_RES: dict[str, re.Pattern[str]] = {
    "emphasis": p.EMPHASIS_START,
    "codespan": p.CODESPAN_DELIMITER,
    "autolink": p.AUTOLINK_PREFIX,
    "span_html": p.HTML_SPAN_START,
    "footnote_marker": p.FOOTNOTE_MARKER_START,
    "link": p.LINK_START,
    "smart_quotes": p.SMART_QUOTES_START,
    "inline_math": p.INLINE_MATH_START,
    "span_extensions": p.SPAN_EXTENSIONS_START,
    "html_entity": p.HTML_ENTITY,
    "typographic_syms": p.TYPOGRAPHIC_SYMS,
    "line_break": p.LINE_BREAK,
    "escaped_chars": p.ESCAPED_CHARS_GFM,
    "strikethrough": p.STRIKETHROUGH_OPEN,
}
_ALL_PARSERS: tuple[str, ...] = _PARSER_ORDER
# Each level of nested spans costs three Python frames.  The nesting allowed is what the
# interpreter's recursion limit leaves room for (about 200 levels with the default limit; Ruby
# goes deeper, so only absurdly nested text differs); deeper openings are kept as text.
_FRAMES_PER_LEVEL = 4  # three per level, one spare
_FRAME_MARGIN = 100
_MIN_NESTING = 8  # levels every parse allows, whatever the recursion limit
_NESTING = frozenset({"emphasis", "link", "span_html", "strikethrough"})
_HTML_ONLY: tuple[str, ...] = ("span_html",)
_STOP_CACHE: dict[tuple[str, tuple[str, ...]], SpanStarts] = {}
_NO_STRIKE_KEY = "no_strikethrough"


_DISPATCH_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], dict[int, str]]] = {}


def _first_parser(src: Scanner, parsers: tuple[str, ...]) -> str | None:
    """The first of ``parsers`` whose start pattern matches at the scan position."""
    cached = _DISPATCH_CACHE.get(parsers)
    if cached is None:
        union, index = p.first_match_union(tuple(p.source_of(_START_RES[n]) for n in parsers))
        names = {outer: parsers[i] for outer, (i, _) in index.items()}
        cached = _DISPATCH_CACHE[parsers] = (union, names)
    m = cached[0].match(src.string, src.pos)
    if m is None or m.lastindex is None:
        return None
    name = cached[1][m.lastindex]
    if name == "autolink" and autolink_at(src, src.pos) is None:
        # Only a prefix of AUTOLINK_START is in the union; without its ``>`` try the next ones.
        rest = parsers[parsers.index(name) + 1 :]
        return _first_parser(src, rest) if rest else None
    return name


def _start_union(parsers: tuple[str, ...]) -> str:
    return "|".join(p.SPAN_START_STRINGS[name] for name in parsers)


def _used_re(stop: re.Pattern[str] | None, parsers: tuple[str, ...]) -> SpanStarts:
    """kramdown's ``/(?=#{stop}|#{span start patterns})/``, searched by :class:`SpanStarts`."""
    key = ("" if stop is None else stop.pattern, parsers)
    rx = _STOP_CACHE.get(key)
    if rx is None:
        union = _start_union(parsers)
        stop_rx = None
        if stop is not None:
            flags = stop.flags & re.IGNORECASE
            stop_part = stop.pattern if not flags else f"(?i:{stop.pattern})"
            union = f"{stop_part}|{union}"
            stop_rx = re.compile(stop_part)
        regex = re.compile(f"(?={union})")
        rx = SpanStarts(regex, stop_rx, parsers)
        if len(_STOP_CACHE) < 4096:  # stop patterns include user-chosen tag names
            _STOP_CACHE[key] = rx
    return rx


def _is_ws(ch: str) -> bool:
    return ch != "" and ch in " \t\n\v\f\r"


class _SpanParser:
    """One parse of one span text (the state kramdown keeps in instance variables)."""

    def __init__(self, text: str, ctx: SpanContext) -> None:
        self.ctx = ctx
        self.src = Scanner(text)
        self.tree: El | None = None
        self.stack: list[El | None] = []
        self.all_parsers = ctx.parsers or _ALL_PARSERS
        self.depth = 0
        self.max_depth = _MIN_NESTING
        self._budget_known = False
        self.offset = 0
        self.warnings: dict[tuple[str, int], None] = {}
        # Keyed by the parent element itself (identity hash; holding it keeps ids from being reused).
        self._em_failed: dict[tuple[str, str, El | None], set[int]] = {}
        self._link_failed: dict[tuple[str, El | None], dict[int, tuple[int, int]]] = {}
        self._link_closed: dict[tuple[str, El | None], dict[int, tuple[int, _Closes]]] = {}
        self._longest_id: int | None = None

    # -- the driver ---------------------------------------------------------------------------

    def warn(self, message: str, pos: int) -> None:
        """Record one of kramdown's warnings at ``pos`` of the current scanner's text."""
        self.warnings.setdefault((message, self.offset + pos), None)

    def add_text(self, text: str, tree: El | None = None) -> None:
        """Append ``text`` to the last text child of ``tree`` or start a new one."""
        target = self.tree if tree is None else tree
        assert target is not None
        children = target.children
        if children and children[-1].kind == "text":
            last = children[-1]
            if last.parts is None:
                last.parts = [str(last.value)]
            last.parts.append(text)
        elif text:
            children.append(El("text", parts=[text]))

    def parse_spans(
        self,
        el: El,
        stop: re.Pattern[str] | None = None,
        parsers: tuple[str, ...] | None = None,
        accept: Callable[[], bool] | None = None,
        on_stop: Callable[[int], bool] | None = None,
    ) -> bool:
        """Parse spans into ``el`` until ``stop`` matches (and ``accept`` agrees).

        ``on_stop`` sees every position where the scan stops; when it returns False the parse is
        known to fail (the failure memos of :meth:`_emphasis_sub` and :meth:`_link_text`) and
        ends at once.
        """
        if parsers is None:
            parsers = self.all_parsers
        self.depth += 1
        if self.tree is not None:
            self.stack.append(self.tree)
            pushed = True
        else:
            pushed = False
        self.tree = el
        src = self.src
        used = _used_re(stop, parsers)
        found = False
        while not src.eos() and not found:
            result = src.scan_until(used)
            if result is None:
                if stop is None:
                    self.add_text(src.rest())
                    src.terminate()
                break
            if on_stop is not None and not on_stop(src.pos):
                break
            self.add_text(result)
            if stop is not None and src.check(stop):
                found = accept() if accept is not None else True
            if found:
                break
            name = _first_parser(src, parsers)
            if name is None or (
                self.depth >= self.max_depth and name in _NESTING and self._at_nesting_limit()
            ):
                self.add_text(src.getch())
            else:
                src.check(_START_RES[name])
                _DISPATCH[name](self)
        self.tree = self.stack.pop() if pushed else None
        self.depth -= 1
        return found

    def _at_nesting_limit(self) -> bool:
        """Whether the recursion limit leaves no room for one more level of nested spans.

        Measured the first time the nesting reaches the floor every parse allows (shallow
        text, nearly all of it, never walks the interpreter's frames).
        """
        if not self._budget_known:
            self._budget_known = True
            self.max_depth = max(_MIN_NESTING, self.depth + _nesting_budget())
        return self.depth >= self.max_depth

    def in_open(self, kinds: tuple[str, ...]) -> bool:
        """Whether the current element or any element on the stack is of one of ``kinds``."""
        if self.tree is not None and self.tree.kind in kinds:
            return True
        return any(t is not None and t.kind in kinds for t in self.stack)

    def append(self, el: El) -> None:
        """Append ``el`` to the current element."""
        assert self.tree is not None
        self.tree.children.append(el)

    # -- emphasis -----------------------------------------------------------------------------

    def parse_emphasis(self) -> None:
        """``*em*``, ``**strong**``, ``_em_``, ``__strong__`` (``emphasis.rb``)."""
        src = self.src
        saved = src.pos
        result = src.scan(p.EMPHASIS_START)
        assert result is not None
        element = "strong" if len(result) == 2 else "em"
        kind = result[0]
        if (
            (kind == "_" and self._alpha_before(saved))
            or src.check(p.WS1)
            or self.in_open((element,))
        ):
            self.add_text(result)
            return
        # Failure memo (see _emphasis_sub): a failed parse of one kind under one parent proves that
        # any later such parse reaching one of its scan stops fails too: from there on both see
        # the same text in the same context and the later one accepts no more closers.  (A stop
        # at ``{:`` is not used: a span IAL there depends on what was parsed before it.)
        found, el, stop = self._emphasis_sub(result, element, kind)
        if not found and element == "strong" and (self.tree is None or self.tree.kind != "em"):
            src.pos = saved + 1
            found, el, stop = self._emphasis_sub(kind, "em", kind)
        if found:
            src.scan(stop)
            self.append(el)
        else:
            src.pos = saved + len(result)
            self.add_text(result)

    def _alpha_before(self, pos: int) -> bool:
        """kramdown's ``pre_match =~ /[[:alpha:]]-?[[:alpha:]]*\\z/`` before ``pos``."""
        s = self.src.string
        if pos > 0 and p.ruby_alpha(s[pos - 1]):
            return True
        return pos > 1 and s[pos - 1] == "-" and p.ruby_alpha(s[pos - 2])

    def _emphasis_sub(self, delim: str, elem: str, kind: str) -> tuple[bool, El, re.Pattern[str]]:
        src = self.src
        el = El(elem)
        stop = p.EMPHASIS_STOPS[delim]
        if src.search(p.EMPHASIS_CLOSERS[(delim, elem)]) is None:
            return False, el, stop

        key = (delim, elem, self.tree)
        failed = self._em_failed.setdefault(key, set())
        seen: list[int] = []

        def on_stop(pos: int) -> bool:
            if pos in failed:
                return False
            if not src.string.startswith("{:", pos):
                seen.append(pos)
            return True

        def accept() -> bool:
            if _is_ws(src.pre_char()):
                return False
            if elem == "em" and p.EM_DOUBLE[kind].match(src.string, src.pos):
                return False
            after = src.pos + len(delim)
            if kind == "_" and after < len(src.string) and p.ruby_alnum(src.string[after]):
                return False
            return bool(el.children)

        found = self.parse_spans(el, stop, None, accept, on_stop)
        if not found:
            failed.update(seen)
        return found, el, stop

    # -- code spans, autolinks, entities, escapes, breaks -------------------------------------

    def parse_codespan(self) -> None:
        """```code``` spans (``codespan.rb``)."""
        src = self.src
        start = src.pos
        result = src.scan(p.CODESPAN_DELIMITER)
        assert result is not None
        simple = len(result) == 1
        if simple and (start == 0 or _is_ws(src.string[start - 1])) and src.check(p.WS1):
            self.add_text(result)
            return
        closer = _codespan_closer(len(result))
        m = src.search(closer)
        if m is None:
            self.add_text(result)
            return
        text = src.string[src.pos : m.start()]
        src.pos = m.end()
        if not simple:
            if text[:1] == " ":
                text = text[1:]
            if text[-1:] == " ":
                text = text[:-1]
        self.append(El("codespan", text, options={"delimiter": result}))

    def parse_autolink(self) -> None:
        """``<https://…>`` and ``<a@b.c>`` (``autolink.rb``)."""
        src = self.src
        found = autolink_at(src, src.pos)
        assert found is not None
        src.pos, target, scheme = found
        href = f"mailto:{target}" if scheme is None else target
        el = El("a", attr={"href": href})
        self.add_text(target.removeprefix("mailto:"), el)
        self.append(el)

    def parse_html_entity(self) -> None:
        """``&name;``, ``&#N;``, ``&#xH;`` (``html_entity.rb``)."""
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        if m.group(1) is not None:
            code = entity_code_point(m.group(1))
        elif m.group(2) is not None:
            code = entity_code_point(int(m.group(2)))
        else:
            code = entity_code_point(int(m.group(3), 16))
        if code is None:
            self.append(El("entity", 38, options={"name": "amp"}))
            self.add_text(m.group()[1:])
        else:
            self.append(El("entity", code, options={"original": m.group()}))

    def parse_typographic_syms(self) -> None:
        """``---``, ``--``, ``...``, ``<<``, ``>>`` (``typographic_symbol.rb``)."""
        src = self.src
        matched = src.scan(p.TYPOGRAPHIC_SYMS)
        assert matched is not None
        if matched in ("\\<<", "\\>>"):
            name, code = ("lt", 60) if matched == "\\<<" else ("gt", 62)
            for _ in range(2):
                self.append(El("entity", code, options={"name": name}))
            return
        kind = _TYPO_KINDS[matched]
        self.append(El("typographic_sym", kind))

    def parse_line_break(self) -> None:
        """Two spaces or ``\\\\`` before a newline (``line_break.rb``)."""
        src = self.src
        src.scan(p.LINE_BREAK)
        self.append(El("br"))

    def parse_escaped_chars(self) -> None:
        """Backslash escapes of the GFM set (``ESCAPED_CHARS_GFM``)."""
        src = self.src
        src.scan(p.ESCAPED_CHARS_GFM)
        ch = src.group(1)
        assert ch is not None
        self.add_text(ch)

    def parse_inline_math(self) -> None:
        """``$$…$$`` inside a paragraph (``math.rb``)."""
        src = self.src
        src.scan(p.INLINE_MATH_START)
        body = src.group(1)
        assert body is not None
        self.append(El("math", body.strip(" \t\n\v\f\r\0"), options={"category": "span"}))

    def parse_strikethrough(self) -> None:
        """``~~del~~`` (``Parser::GFM#parse_strikethrough_gfm``)."""
        src = self.src
        start = src.pos
        close = src.search(p.STRIKETHROUGH_CLOSE, start + 2)
        if close is None:
            self.add_text(src.getch())
            return
        src.pos = close.end()
        el = El("html_element", "del", options={"category": "span"})
        self.append(el)
        saved = (self.src, self.tree, self.stack, self.offset)
        self.src, self.tree, self.stack = Scanner(src.string[start + 2 : close.end() - 2]), None, []
        self.offset += start + 2
        self.parse_spans(el)
        self.src, self.tree, self.stack, self.offset = saved

    # -- smart quotes -------------------------------------------------------------------------

    def parse_smart_quotes(self) -> None:
        """Straight quotes to typographic ones (``smart_quotes.rb``): the first rule that matches."""
        src = self.src
        m = p.SQ_UNION.match(src.string, src.pos)
        if m is None or m.lastindex is None:
            self.add_text(src.getch())
            return
        rule, offset = p.SQ_UNION_INDEX[m.lastindex]
        src.pos = m.end()
        for subst in p.SQ_RULES[rule][1]:
            if isinstance(subst, int):
                self.add_text(m.group(offset + subst) or "")
            else:
                digit = subst[-1]
                group = m.group(offset + int(digit)) if digit.isdigit() else m.group(offset)
                kind = _QUOTE_SUBSTS.get((subst, group or ""), subst)
                self.append(El("smart_quote", kind))

    # -- footnotes, links ---------------------------------------------------------------------

    def parse_footnote_marker(self) -> None:
        """``[^name]`` (``footnote.rb``)."""
        src = self.src
        m = src.m
        assert m is not None
        src.pos = m.end()
        name = m.group(1)
        if name in self.ctx.footnote_defs:
            self.append(El("footnote", name, options={"name": name}))
        else:
            self.warn(f"Footnote definition for '{name}' not found", m.start())
            self.add_text(m.group())

    def parse_link(self) -> None:
        """Inline and reference links and images (``link.rb``)."""
        src = self.src
        start = src.pos
        result = src.scan(p.LINK_START)
        assert result is not None
        cur = src.pos
        link_type = "img" if result.startswith("!") else "a"
        if link_type == "a" and self.in_open(("img", "a")):
            self.add_text(result)
            return
        el = El(link_type)
        if src.search(p.CLOSE_BRACKET) is None:
            src.pos = cur
            self.add_text(result)
            return
        if self._budget_settled() and self._fails_quietly(cur):
            src.pos = cur
            self.add_text(result)
            return
        if not self._link_text(el, link_type, start, cur):
            src.pos = cur
            self.add_text(result)
            return
        alt_text = p.ESCAPED_CHARS.sub(r"\1", src.string[cur : src.pos])
        src.scan(p.LINK_BRACKET_STOP)
        if self._reference_link(el, result, start, cur, alt_text):
            return
        self._inline_link(el, result, cur, alt_text)

    def _budget_settled(self) -> bool:
        """Whether skipping a parse cannot change the nesting budget.

        The budget is measured when a parse first reaches the eighth level, from the frames then
        in use: three a level for emphasis, links and span HTML, two for strikethrough.  Once
        measured, or when the text has no ``~~`` (every eighth level then has the same frames
        under it), skipping a parse that would have measured it changes nothing.
        """
        if self._budget_known:
            return True
        if self.offset:  # inside a strikethrough
            return False
        memo = self.src.memo
        plain = memo.get(_NO_STRIKE_KEY)
        if plain is None:
            plain = memo[_NO_STRIKE_KEY] = "~~" not in self.src.string
        return bool(plain)

    def _fails_quietly(self, cur: int) -> bool:
        """Whether a link whose text starts at ``cur`` is text, found without parsing its text.

        With no hazard (:func:`~.closers.last_link_hazard`) from ``cur`` on, wherever the text
        closes the link is a reference by that text, which fails unless the text is a defined
        link ID, and parsing the text gives no warning; the parse then only leaves the link's
        opening as text.
        """
        src = self.src
        if last_link_hazard(src) >= cur:
            return False
        if not self.ctx.link_defs:
            return True
        if self._longest_id is None:
            self._longest_id = max(map(len, self.ctx.link_defs), default=-1)
        # Past the (longest + 1)th character kept by unescaping and folding (everything but
        # whitespace and backslashes), the text is longer than every defined ID.
        s = src.string
        m = _kept_prefix(self._longest_id + 1).match(s, cur)
        end = len(s) if m is None else m.end()
        close = s.find("]", cur, end)
        while close >= 0:
            link_id = normalize_link_id(p.ESCAPED_CHARS.sub(r"\1", s[cur:close]))
            if link_id in self.ctx.link_defs:
                return False
            close = s.find("]", close + 1, end)
        return True

    def _link_text(self, el: El, link_type: str, start: int, cur: int) -> bool:
        """Parse the bracketed text of a link until its balancing ``]``.

        Failure memo: a failed parse records, at each scan stop, its depth (open brackets minus
        images) and the lowest depth any later bracket reached.  A later parse of this kind under
        this parent reaching such a stop sees the same text from there on, with depths shifted by
        the difference of the two depths there; it can only close where the shifted depth is
        zero, so when the recorded lowest depth is above that target it is known to fail.

        Success memo: a parse that closed records, at each scan stop, its depth there and where
        each later bracket left it.  A later parse reaching such a stop closes where the recorded
        depth equals the difference of the two depths; when what follows that ``]`` makes the
        link fail (:meth:`_link_fails_at`), the parse stops at once as a failure, as kramdown's
        text for it is then just its opening bracket (its warnings were given by the first parse).
        """
        src = self.src
        key = (link_type, self.tree)
        failed = self._link_failed.setdefault(key, {})
        closed = self._link_closed.setdefault(key, {})
        positions: list[int] = []
        before: list[int] = []
        after: list[int | None] = []
        state = {"count": 0, "imgs": 0, "scanned": 0, "predict": 1, "tail": sys.maxsize}

        def depth() -> int:
            children = el.children
            state["imgs"] += sum(1 for c in children[state["scanned"] :] if c.kind == "img")
            state["scanned"] = len(children)
            return 1 + state["count"] - state["imgs"]

        def on_stop(pos: int) -> bool:
            now = depth()
            known = failed.get(pos)
            if known is not None and known[0] > known[1] - now:
                # From here this parse's depths are the recorded ones shifted by the difference.
                state["tail"] = known[0] - (known[1] - now)
                return False
            ends = closed.get(pos) if state["predict"] else None
            if ends is not None:
                close = ends[1].first(ends[0] - now, pos)
                if close is not None:
                    state["predict"] = 0
                    if self._link_fails_at(start, cur, close):
                        state["tail"] = -1  # not a failure of the text: nothing to record
                        return False
            if not src.string.startswith("{:", pos):
                positions.append(pos)
                before.append(now)
                after.append(None)
            return True

        def accept() -> bool:
            state["count"] += -1 if src.group(1) is not None else 1
            now = depth()
            if positions and positions[-1] == src.pos:
                after[-1] = now
            return now == 0

        if self.parse_spans(el, p.LINK_BRACKET_STOP, None, accept, on_stop):
            closes = _Closes(positions, after)
            for pos, depth_before in zip(positions, before, strict=True):
                closed.setdefault(pos, (depth_before, closes))
            return True
        if state["tail"] < 0:
            return False
        lowest = state["tail"]
        for i in range(len(positions) - 1, -1, -1):
            reached = after[i]
            if reached is not None:
                lowest = min(lowest, reached)
            failed[positions[i]] = (lowest, before[i])
        return False

    def _link_fails_at(self, start: int, cur: int, close: int) -> bool:
        """Whether a link whose text closes at the ``]`` at ``close`` is known to fail.

        Only reference links (no ``(`` after the text) are judged; the warning a failed one with
        an explicit label gives is given here.
        """
        s = self.src.string
        m = p.LINK_INLINE_ID.match(s, close + 1)
        if m is None and s.startswith("(", close + 1):
            return False
        label = m.group(1) if m is not None else None
        if label is None:
            if self._longer_than_ids(s, cur, close):
                return True
            link_id = normalize_link_id(p.ESCAPED_CHARS.sub(r"\1", s[cur:close]))
        else:
            link_id = normalize_link_id(label)
        if link_id in self.ctx.link_defs:
            return False
        if label is not None:
            self.warn(f"No link definition for link ID '{link_id}' found", start)
        return True

    def _longer_than_ids(self, s: str, cur: int, close: int) -> bool:
        """Whether the link ID made of ``s[cur:close]`` is longer than every defined one.

        Every character but whitespace and backslashes survives unescaping, whitespace folding
        and downcasing, so counting them in a bounded prefix gives a lower bound on its length.
        """
        if self._longest_id is None:
            self._longest_id = max(map(len, self.ctx.link_defs), default=-1)
        window = s[cur : min(close, cur + 4 * self._longest_id + 8)]
        kept = len(window) - sum(window.count(c) for c in " \t\n\v\f\r\\")
        return kept > self._longest_id

    def _reference_link(self, el: El, result: str, start: int, cur: int, alt_text: str) -> bool:
        src = self.src
        if src.scan(p.LINK_INLINE_ID) is None and src.check(p.OPEN_PAREN) is not None:
            return False
        label = src.group(1) if src.m is not None else None
        link_id = normalize_link_id(label if label is not None else alt_text)
        definition = self.ctx.link_defs.get(link_id)
        if definition is not None:
            url, title, attrs = _unpack_link_def(definition)
            self.add_link(el, url, title, alt_text, attrs)
        else:
            if label is not None:
                self.warn(f"No link definition for link ID '{link_id}' found", start)
            src.pos = cur
            self.add_text(result)
        return True

    def _inline_link(self, el: El, result: str, cur: int, alt_text: str) -> None:
        src = self.src
        angle = angle_url_at(src, src.pos)
        if angle is not None:
            src.pos, url = angle
            if src.scan(p.CLOSE_PAREN) is not None:
                self.add_link(el, url, None, alt_text)
                return
        else:
            end, balanced = paren_url_end(src, src.pos)
            url = src.string[src.pos : end][1:-1].strip(" \t\n\v\f\r\0")
            src.pos = end
            if balanced:
                self.add_link(el, url, None, alt_text)
                return
        title = link_title_at(src, src.pos)
        if title is not None:
            src.pos = title[0]
            self.add_link(el, url, title[1], alt_text)
        else:
            src.pos = cur
            self.add_text(result)

    def add_link(
        self,
        el: El,
        href: str,
        title: str | None,
        alt_text: str,
        ial: Mapping[str, Any] | None = None,
    ) -> None:
        """Finish a link or image element and append it (``add_link``)."""
        if ial:
            update_attr_with_ial(el.attr, ial, self.ctx.alds)
        if el.kind == "a":
            el.attr["href"] = href
        else:
            el.attr["src"] = href
            el.attr["alt"] = alt_text
            el.children.clear()
        if title is not None:
            el.attr["title"] = title
        self.append(el)

    # -- span HTML ----------------------------------------------------------------------------

    def parse_span_html(self) -> None:
        """Span-level HTML tags, comments and stray close tags (``parse_span_html``)."""
        src = self.src
        s, pos = src.string, src.pos
        if s.startswith("<!--", pos):
            end = src.search(p.HTML_COMMENT_END, pos + 4)
            if end is not None:
                src.pos = end.end()
                self.append(El("xml_comment", s[pos : end.end()], options={"category": "span"}))
                return
        close = html.parse_close_tag(s, pos) if s.startswith("</", pos) else None
        if close is not None:
            src.pos = close.end
            self.warn(f"Found invalidly used HTML closing tag for '{close.name}'", pos)
            self.add_text(s[pos : close.end])
            return
        tag = html.parse_tag(s, pos) if not s.startswith("</", pos) else None
        if tag is None:
            self.add_text(src.getch())
            return
        src.pos = tag.end
        if tag.name in html.BLOCK_ELEMENTS:
            self.warn(f"Found block HTML tag '{tag.name}' in span-level text", pos)
            self.add_text(s[pos : tag.end])
            return
        self._open_span_html(tag, pos)

    def _open_span_html(self, tag: html.Tag, pos: int) -> None:
        attrs: dict[str, str] = {}
        for key, value in tag.attrs:
            val = value or ""
            attrs[key] = p.NEWLINES.sub(" ", val) if val else val
        raw_model = html.markdown_content_model(tag.name) == "raw"
        in_raw = self.tree is not None and self.tree.options.get("content_model") == "raw"
        do_parsing = False if raw_model or in_raw else self.ctx.parse_span_html
        mode = _MARKDOWN_ATTR.get(attrs.pop("markdown", "")) if "markdown" in attrs else None
        if mode == "span":
            do_parsing = True
        elif mode == "default":
            do_parsing = not raw_model
        elif mode == "raw":
            do_parsing = False
        el = El(
            "html_element",
            tag.name,
            attrs,
            options={
                "category": "span",
                "content_model": "span" if do_parsing else "raw",
                "is_closed": tag.self_closing,
            },
        )
        self.append(el)
        if tag.self_closing or tag.name in html.VOID_ELEMENTS:
            return
        stop = _close_tag_re(tag.name)
        parsers = None if do_parsing else _HTML_ONLY
        if self.parse_spans(el, stop, parsers):
            self.src.scan(stop)
        else:
            self.warn(f"Found no end tag for '{tag.name}' - auto-closing it", pos)
            self.add_text(self.src.rest(), el)
            self.src.terminate()

    # -- extensions and span IALs -------------------------------------------------------------

    def parse_span_extensions(self) -> None:
        """``{::comment}…{:/}``, ``{::nomarkdown}…{:/}``, ``{::options /}`` and span IALs."""
        src = self.src
        tag = extension_at(src, src.pos)
        if tag is not None:
            self._extension(tag)
        elif (ial := span_ial_at(src, src.pos)) is not None:
            assert self.tree is not None
            last = self.tree.children[-1] if self.tree.children else None
            if last is not None and last.kind != "text":
                src.pos = ial[0]
                attrs: dict[str, Any] = {}
                parse_attribute_list(ial[1], attrs)
                ial = last.options.setdefault("ial", {})
                update_ial_with_ial(ial, attrs)
                update_attr_with_ial(last.attr, attrs, self.ctx.alds)
            else:
                self.add_text(src.getch())
        else:
            self.add_text(src.getch())

    def _extension(self, tag: ExtensionTag) -> None:
        src = self.src
        saved = src.pos
        name = tag.name
        if name not in _EXTENSIONS:
            # A stop tag, or an extension kramdown does not handle: its opening brace is text.
            self.add_text(src.getch())
            return
        src.pos = tag.end
        opts: dict[str, Any] = {}
        if tag.attrs is not None:
            parse_attribute_list(src.string[tag.attrs[0] : tag.attrs[1]], opts)
        body: str | None = None
        if not tag.closed:
            stop = re.compile(rf"\{{:/({re.escape(name)})?\}}")
            found = src.search(stop)
            if found is None:
                src.pos = saved
                self.add_text(src.getch())
                return
            body = src.string[src.pos : found.start()]
            src.pos = found.end()
        if body is None or name == "options":
            return
        if name == "comment":
            self.append(El("comment", body, options={"category": "span"}))
        else:
            kinds = str(opts.get("type", "")).split()
            self.append(El("raw", body, options={"category": "span", "type": kinds}))


_EXTENSIONS = frozenset({"comment", "nomarkdown", "options"})
_TYPO_KINDS = {
    "---": "mdash",
    "--": "ndash",
    "...": "hellip",
    "<< ": "laquo_space",
    " >>": "raquo_space",
    "<<": "laquo",
    ">>": "raquo",
}
_QUOTE_SUBSTS = {
    ("rquote1", '"'): "rdquo",
    ("rquote1", "'"): "rsquo",
    ("rquote2", '"'): "rdquo",
    ("rquote2", "'"): "rsquo",
    ("lquote1", '"'): "ldquo",
    ("lquote1", "'"): "lsquo",
    ("lquote2", '"'): "ldquo",
    ("lquote2", "'"): "lsquo",
}
_CODESPAN_CLOSERS: dict[int, re.Pattern[str]] = {}
_CLOSE_TAG_RES: dict[str, re.Pattern[str]] = {}


def _codespan_closer(length: int) -> re.Pattern[str]:
    rx = _CODESPAN_CLOSERS.get(length)
    if rx is None:
        rx = _CODESPAN_CLOSERS[length] = re.compile("`" * length)
    return rx


def _close_tag_re(name: str) -> re.Pattern[str]:
    rx = _CLOSE_TAG_RES.get(name)
    if rx is None:
        flags = re.IGNORECASE if name in html.KNOWN_ELEMENTS else 0
        rx = re.compile(rf"</{re.escape(name)}[ \t\n\v\f\r]*>", flags)
        if len(_CLOSE_TAG_RES) < 4096:
            _CLOSE_TAG_RES[name] = rx
    return rx


@lru_cache(maxsize=64)
def _kept_prefix(count: int) -> re.Pattern[str]:
    """The shortest text holding ``count`` characters other than whitespace and backslashes."""
    return re.compile(rf"(?:[ \t\n\v\f\r\\]*[^ \t\n\v\f\r\\]){{{count}}}")


class _Closes:
    """Where a link text parse that closed left its depth after each bracket it accepted."""

    __slots__ = ("_at",)

    def __init__(self, positions: list[int], after: list[int | None]) -> None:
        self._at: dict[int, list[int]] = {}
        for pos, depth in zip(positions, after, strict=True):
            if depth is not None:
                self._at.setdefault(depth, []).append(pos)

    def first(self, depth: int, pos: int) -> int | None:
        """The first bracket at or after ``pos`` that left depth ``depth`` (None: none)."""
        found = self._at.get(depth)
        if not found:
            return None
        i = bisect_left(found, pos)
        return found[i] if i < len(found) else None


def normalize_link_id(label: str) -> str:
    """kramdown's ``normalize_link_id``: collapse whitespace runs to one space, downcase."""
    return p.WHITESPACE_RUN.sub(" ", label).lower()


def _unpack_link_def(definition: Any) -> tuple[str, str | None, Mapping[str, Any] | None]:
    url = definition[0]
    title = definition[1] if len(definition) > 1 else None
    attrs = definition[2] if len(definition) > 2 else None
    return str(url), title, attrs


def parse_attribute_list(text: str, opts: dict[str, Any]) -> None:
    """kramdown's ``parse_attribute_list``: fill ``opts`` from an IAL/ALD body."""
    if not text.strip() or text.strip() == ":":
        return
    for m in p.ALD_TYPE_ANY.finditer(text):
        key, sep, val, ref, id_class = m.group(1, 2, 3, 4, 5)
        if ref is not None:
            opts.setdefault("refs", []).append(ref)
        elif id_class is not None:
            for idm in p.ALD_TYPE_ID_OR_CLASS.finditer(id_class):
                if idm.group(2) is not None:
                    opts["class"] = f"{opts.get('class', '')} {idm.group(2)}".lstrip()
                else:
                    opts["id"] = idm.group(1)
        else:
            val = re.sub(rf"\\(\}}|{re.escape(sep)})", r"\1", val)
            opts[key] = val


def update_ial_with_ial(ial: dict[str, Any], opts: Mapping[str, Any]) -> None:
    """kramdown's ``update_ial_with_ial``."""
    if "refs" in opts:
        ial.setdefault("refs", []).extend(opts["refs"])
    for key, value in opts.items():
        if key == "class":
            ial[key] = f"{ial.get(key, '')} {value}".lstrip()
        elif key != "refs":
            ial[key] = value


def update_attr_with_ial(
    attr: dict[str, str], ial: Mapping[str, Any], alds: Mapping[str, Any], depth: int = 0
) -> None:
    """kramdown's ``update_attr_with_ial``: apply ``ial`` and the ALDs it references."""
    for ref in ial.get("refs", ()) if depth < 16 else ():
        ald = alds.get(ref)
        if ald is not None:
            update_attr_with_ial(attr, ald, alds, depth + 1)
    for key, value in ial.items():
        if key == "class":
            attr[key] = f"{attr.get(key, '')} {value}".lstrip()
        elif key != "refs" and isinstance(key, str):
            attr[key] = value


@cache
def span_parsers(*, hard_wrap: bool = False, auto_typographic: bool = True) -> tuple[str, ...]:
    """The span parsers of the GFM parser for these options (``Parser::GFM#initialize``)."""
    drop = set()
    if hard_wrap:
        drop.add("line_break")
    if not auto_typographic:
        drop.add("typographic_syms")
    return tuple(name for name in _PARSER_ORDER if name not in drop)


def _nesting_budget() -> int:
    """How many more levels of nested spans the remaining recursion limit allows."""
    used = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        used += 1
        frame = frame.f_back
    return (sys.getrecursionlimit() - used - _FRAME_MARGIN) // _FRAMES_PER_LEVEL


# The method that parses each span kind (called with the parser).
_DISPATCH: dict[str, Callable[[_SpanParser], None]] = {
    "emphasis": _SpanParser.parse_emphasis,
    "codespan": _SpanParser.parse_codespan,
    "autolink": _SpanParser.parse_autolink,
    "span_html": _SpanParser.parse_span_html,
    "footnote_marker": _SpanParser.parse_footnote_marker,
    "link": _SpanParser.parse_link,
    "smart_quotes": _SpanParser.parse_smart_quotes,
    "inline_math": _SpanParser.parse_inline_math,
    "span_extensions": _SpanParser.parse_span_extensions,
    "html_entity": _SpanParser.parse_html_entity,
    "typographic_syms": _SpanParser.parse_typographic_syms,
    "line_break": _SpanParser.parse_line_break,
    "escaped_chars": _SpanParser.parse_escaped_chars,
    "strikethrough": _SpanParser.parse_strikethrough,
}


def parse_span_text(text: str, ctx: SpanContext) -> tuple[El, list[tuple[str, int]]]:
    """Parse ``text`` as kramdown span-level content.

    Returns the root element and kramdown's warnings as (message, offset in ``text``).
    """
    root = El("raw_text", options={"category": "block"})
    parser = _SpanParser(text, ctx)
    parser.parse_spans(root)
    return root, list(parser.warnings)
