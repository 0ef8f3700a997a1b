"""The span parser's fast search finds exactly where kramdown's union of start patterns does."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dejekyll.markdown.inline import patterns as p
from dejekyll.markdown.inline.search import SpanStarts
from dejekyll.markdown.inline.spans import _PARSER_ORDER, _used_re, span_parsers

_ATOMS = (
    *"ab *_`<[]!\"'$\\{&-.>~\n)\t:",
    *("  \n", "\\\\\n", "...", "--", "<<", " >>", "\\<<", "</span>", "**", "~~", "{:"),
    *("&amp;", "'s", "\\'", '\\"', "![", "x'", "\u00e9"),
)
_STOPS = (
    None,
    re.compile(r"\]"),
    re.compile(r"\)"),
    p.EMPHASIS_CLOSERS[("*", "em")],
    p.EMPHASIS_CLOSERS[("__", "strong")],
    re.compile(r"</span\s*>", re.IGNORECASE),
)
_PARSER_SETS = (
    _PARSER_ORDER,
    span_parsers(hard_wrap=True),
    span_parsers(auto_typographic=False),
    ("span_html",),
    tuple(n for n in _PARSER_ORDER if n != "smart_quotes"),
)


def test_every_span_start_pattern_has_its_fixed_first_form() -> None:
    assert SpanStarts.knows(p.SPAN_START_STRINGS)


@pytest.mark.parametrize("stop", _STOPS, ids=lambda s: "none" if s is None else s.pattern)
@pytest.mark.parametrize("parsers", _PARSER_SETS, ids=lambda n: f"{len(n)}-parsers")
def test_fast_search_finds_the_unions_first_match(
    stop: re.Pattern[str] | None, parsers: tuple[str, ...]
) -> None:
    fast = _used_re(stop, parsers)
    assert isinstance(fast, SpanStarts)
    regex = fast.regex

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(_ATOMS), max_size=14).map("".join), st.data())
    def check(text: str, data: st.DataObject) -> None:
        pos = data.draw(st.integers(0, len(text)))
        expected = regex.search(text, pos)
        found = fast.search(text, pos)
        assert (None if expected is None else expected.span()) == (
            None if found is None else found.span()
        ), (text, pos)

    check()
