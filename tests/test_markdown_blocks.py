"""Block-level kramdown-GFM behaviour of the Markdown stage.

Expected outputs are the Jekyll oracle's (``scripts/regen_block_goldens.py`` writes
``tests/fixtures/markdown_blocks/cases.json``).  Besides the normalised comparison, the output
must have kramdown's exact shape (indentation, blank lines) for these cases.  A bounded
property test checks that arbitrary Markdown/HTML mixes convert without internal failure and
give balanced HTML, and a few pathological inputs check that the block rules stay linear.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from normalize import normalize

from dejekyll.markdown import block_base, convert_markdown, render_markdown
from dejekyll.markdown.html import VOID_ELEMENTS, escape_text, parse_tag, serialize_start_tag

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "fixtures/markdown_blocks/cases.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_block_case(case: dict[str, Any]) -> None:
    got = render_markdown(case["input"], case.get("options"))
    assert normalize(got) == normalize(case["expected"])


_NO_CODE = [c for c in CASES if "```" not in c["input"] and "    " not in c["input"]]


@pytest.mark.parametrize("case", _NO_CODE, ids=[c["name"] for c in _NO_CODE])
def test_block_case_exact_shape(case: dict[str, Any]) -> None:
    # Jekyll drops the blank lines that follow the front matter, hence the outer strip.
    got = render_markdown(case["input"], case.get("options"))
    assert got.strip("\n") == case["expected"].strip("\n")


# ---------------------------------------------------------------- HTML helpers


def test_parse_tag_requires_word_characters_in_unquoted_values() -> None:
    assert parse_tag("<img src=a.png>", 0) is None
    tag = parse_tag("<DIV Class='a' hidden data-x=1>", 0)
    assert tag is not None
    assert tag.name == "div"
    assert tag.attrs == (("class", "a"), ("hidden", None), ("data-x", "1"))
    assert serialize_start_tag(tag.name, tag.attrs, False) == '<div class="a" hidden="" data-x="1">'


def test_parse_tag_duplicate_attribute_keeps_first_position_last_value() -> None:
    tag = parse_tag('<a href="x" title=t href="y">', 0)
    assert tag is not None
    assert tag.attrs == (("href", "y"), ("title", "t"))


def test_escape_text_keeps_entities() -> None:
    assert escape_text('AT&T &amp; &#169; a < b > c "q"') == (
        'AT&amp;T &amp; &#169; a &lt; b &gt; c "q"'
    )


# ---------------------------------------------------------------- robustness

_PIECES = st.sampled_from(
    [
        "text",
        "*em*",
        "<div>",
        "</div>",
        '<div markdown="1">',
        "<span>",
        "</span>",
        "<p>",
        "</p>",
        "<!--",
        "-->",
        "<table>",
        "<td markdown='1'>",
        "</td>",
        "<pre>",
        "<br>",
        "<x-y>",
        "> ",
        "- ",
        "1. ",
        "    ",
        "\t",
        "# ",
        "| a |",
        "|---|",
        "```",
        "$$",
        ": ",
        "[^1]",
        "[^1]: ",
        "{: .c}",
        "{:toc}",
        "^",
        "&amp;",
        "&",
        "<",
        '"',
        "\n",
        "\n\n",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")
# Comments are copied verbatim (and may hold tags); script/style bodies, copied verbatim too,
# are left out of the generated inputs.
_SKIP = re.compile(r"<!--.*?-->", re.DOTALL)


def _balanced(html: str) -> bool:
    stack: list[str] = []
    for m in _TAG.finditer(_SKIP.sub("", html)):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if name in VOID_ELEMENTS or selfclosing:
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


_MATH_WITH_IAL = re.compile(r"\$\$[^\n]*<[^\n]*\$\$\{:")


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_random_mix_converts_without_failure_and_balanced(text: str) -> None:
    result = convert_markdown(text)
    assert not [d for d in result.diagnostics if d.level == "error"]
    # kramdown writes inline math that carries an IAL (`$$x$${: .c}`) unescaped, as
    # `<span class="c">$x$</span>`: a "<" in that math opens a tag in Jekyll's output too
    # (oracle golden soup:1352), and we reproduce it. Balance is checked everywhere else.
    if not _MATH_WITH_IAL.search(text):
        assert _balanced(result.html), result.html


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000 + "\n",
        ">" * 50_000 + " x\n",
        "".join("  " * i + "- x\n" for i in range(600)),
        "<div>" * 5_000 + "x" + "</div>" * 5_000 + "\n",
        '<div markdown="1">\n' * 1_000 + "x\n" + "</div>\n" * 1_000,
        "- a\n" + "b\n" * 20_000,
        "<div " + "a=b " * 20_000 + "\n",
    ],
    ids=["long-line", "deep-quote", "deep-list", "deep-html", "deep-md-html", "lazy", "attrs"],
)
def test_pathological_inputs_stay_fast(text: str) -> None:
    start = time.perf_counter()
    result = convert_markdown(text)
    assert time.perf_counter() - start < 20
    assert not [d for d in result.diagnostics if d.level == "error"]


# ---------------------------------------------------------------- diagnostics


def test_unclosed_element_is_reported_at_its_start_line() -> None:
    text = "para\n\n- item\n\n  <div>\n  swallowed\n\n# Heading\n"
    result = convert_markdown(text, source="page.md", line_offset=10)
    assert [(d.level, d.source, d.line, d.kind) for d in result.diagnostics] == [
        ("warning", "page.md", 15, "html")
    ]
    assert "div" in result.diagnostics[0].message


def test_well_formed_input_has_no_diagnostics() -> None:
    text = '<div markdown="1">\n# Title\n\n- a\n- b\n</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    assert convert_markdown(text).diagnostics == ()


def test_options_argument_types_config_strings() -> None:
    html = render_markdown("* toc\n{:toc}\n\n# A\n## B\n### C\n", {"toc_levels": "2..3"})
    assert 'href="#a"' not in html
    assert 'href="#b"' in html
    assert 'href="#c"' in html


# --- the first-character filter of the block loop ------------------------------------------


@pytest.mark.parametrize(
    "start",
    list(block_base._FIRST_CHARS),
    ids=[p.pattern[:24] for p in block_base._FIRST_CHARS],
)
def test_block_start_patterns_begin_with_their_listed_characters(start: re.Pattern[str]) -> None:
    """Whatever text a block start pattern matches begins with one of its listed characters."""
    first = block_base._FIRST_CHARS[start]
    anchored = re.compile(rf"\A(?:{start.pattern})", start.flags)

    @settings(max_examples=400, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_regex(anchored))
    def check(text: str) -> None:
        assert start.match(text) is not None
        assert text[0] in first, (start.pattern, text)

    check()
