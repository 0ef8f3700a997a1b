"""Inline (span-level) Markdown: dejekyll's output equals kramdown's, plus robustness checks.

The golden cases in ``tests/fixtures/markdown_inline/*.md`` come from the Jekyll oracle
(``scripts/regen_inline_goldens.py``); they are compared byte for byte.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.utils import read_fixture_file

from dejekyll.markdown import convert_markdown, render_markdown
from dejekyll.markdown.inline import configure, parse_inline, toc_tokens

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "markdown_inline"


def _settings(path: Path) -> dict[str, Any] | None:
    """The kramdown settings of a fixture file (``<stem>.json`` beside it), if any."""
    sidecar = path.with_suffix(".json")
    return json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else None


def _cases(with_settings: bool = True) -> list[object]:
    params: list[object] = []
    for path in sorted(FIXTURES.glob("*.md")):
        settings = _settings(path)
        if settings is not None and not with_settings:
            continue
        for line, title, source, expected in read_fixture_file(path):
            case_id = f"{path.stem}:{line + 1}:{title}"
            params.append(pytest.param(source, expected, settings, id=case_id))
    return params


@pytest.mark.parametrize(("source", "expected", "settings"), _cases())
def test_oracle_golden(source: str, expected: str, settings: dict[str, Any] | None) -> None:
    assert render_markdown(source, settings) == expected


def _single_paragraph_cases() -> list[object]:
    """Golden cases that are one paragraph of one line with no definitions."""
    params: list[object] = []
    for param in _cases(with_settings=False):
        source, expected, _ = param.values  # type: ignore[attr-defined]
        if "\n" in source.rstrip("\n") or "{:" in source or "$$" in source:
            continue
        if source.rstrip("\n") != source.strip():  # CommonMark trims Unicode spaces, kramdown not
            continue
        if (
            expected.startswith("<p>")
            and expected.count("<p>") == 1
            and expected.endswith("</p>\n")
        ):
            params.append(pytest.param(source, expected, id=param.id))  # type: ignore[attr-defined]
    return params


@pytest.mark.parametrize(("source", "expected"), _single_paragraph_cases())
def test_configure_on_plain_commonmark(source: str, expected: str) -> None:
    """``configure`` alone turns a CommonMark MarkdownIt into kramdown for span text."""
    md = MarkdownIt("commonmark")
    configure(md)
    assert md.render(source) == expected


def test_footnote_numbering_in_render_order() -> None:
    env: dict[str, object] = {"kd_footnote_defs": {"a": 1, "b": 2}}
    md = MarkdownIt("commonmark")
    configure(md)
    md.render("x[^b] y[^a] z[^b]", env)
    assert env["kd_footnote_order"] == ["b", "a"]
    assert env["kd_footnote_repeats"] == {"b": 1, "a": 0}


def test_toc_tokens_unwrap_markdown_links_only() -> None:
    env = {"kd_footnote_defs": {"1": 1}}
    tokens = parse_inline('A [link](u)[^1] <a href="x">h</a>', env)
    kinds = [tok.type for tok in toc_tokens(tokens)]
    assert "kd_footnote_ref" not in kinds
    assert "kd_link_open" not in kinds
    assert kinds.count("kd_html_open") == 1


def test_span_warnings_with_lines() -> None:
    env: dict[str, Any] = {}
    parse_inline("a <div>x</div>\nb <span>open", env, line=7)
    assert env["kd_inline_warnings"] == [
        ("Found block HTML tag 'div' in span-level text", 7),
        ("Found invalidly used HTML closing tag for 'div'", 7),
        ("Found no end tag for 'span' - auto-closing it", 8),
    ]


_ALPHABET = st.sampled_from(
    [*"ab *_`~[]()!<>/&;#'\"\\{}:.-$^=|\n\t ", "<span>", "</span>", "<div>", "<!--", "-->"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_inline_parsing_never_raises(text: str) -> None:
    env = {
        "kd_footnote_defs": {"1": 1},
        "kd_abbrevs": {"ab": "x"},
        "kd_link_defs": {"a": ("u", None)},
    }
    tokens = parse_inline(text, env)
    md = MarkdownIt("commonmark")
    configure(md)
    assert isinstance(md.renderer.renderInline(tokens, md.options, env), str)


@pytest.mark.parametrize(
    "unit",
    [
        "*a ",
        "_a _b x_y ",
        "**a ",
        "[a ",
        "[[a] ",
        "``a ",
        "<span>a ",
        "<!-- a ",
        "~~a ",
        "$$a ",
        "\"a' ",
        '<a href="x ',
        "{::comment} ",
        "&amp;-- ",
    ],
)
def test_long_line_stays_linear(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    start = time.perf_counter()
    parse_inline(text, {})
    assert time.perf_counter() - start < 20


def test_span_warnings_name_the_line_of_their_text() -> None:
    text = (
        "para <span>open\n"  # 1
        "\n"
        "# head <span>open\n"  # 3
        "\n"
        "| a | b |\n"
        "|---|---|\n"
        "| 1 | x <span>open |\n"  # 7
        "\n"
        "* item\n"
        "* item <span>open\n"  # 10
        "\n"
        "term <span>open\n"  # 12
        ": definition\n"
        "\n"
        "one\n"
        "two [undefined][ref]\n"  # 16: the second line of a paragraph
    )
    result = convert_markdown(text, source="p.md", line_offset=2)
    found = sorted((d.line, d.message) for d in result.diagnostics)
    lines = [line for line, _ in found]
    assert lines == [3, 5, 9, 12, 14, 18], found
    assert all(d.source == "p.md" and d.level == "warning" for d in result.diagnostics)
    assert "'ref'" in found[-1][1]
