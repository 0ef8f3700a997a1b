"""Markdown golden cases (expected HTML made by the Jekyll oracle) and their known gaps."""

from __future__ import annotations

import importlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

TESTS_DIR = Path(__file__).resolve().parent
MARKDOWN_FIXTURES = TESTS_DIR / "fixtures" / "markdown"
KNOWN_GAPS = TESTS_DIR / "known_gaps.toml"


@dataclass(frozen=True, slots=True)
class MarkdownCase:
    """One case of a Markdown fixture file; `id` is `stem:line:title` (line of its first '.')."""

    id: str
    title: str
    source: str
    expected: str


def markdown_cases() -> list[MarkdownCase]:
    """Every case of `tests/fixtures/markdown/*.md`, in file and line order."""
    cases = []
    for path in sorted(MARKDOWN_FIXTURES.glob("*.md")):
        for line, title, source, expected in read_fixture_file(path):
            cases.append(MarkdownCase(f"{path.stem}:{line + 1}:{title}", title, source, expected))
    return cases


def known_gaps(section: str = "markdown") -> dict[str, str]:
    """Cases known not to pass yet (test id -> reason), from `tests/known_gaps.toml`."""
    if not KNOWN_GAPS.exists():
        return {}
    data = tomllib.loads(KNOWN_GAPS.read_text(encoding="utf-8"))
    gaps: dict[str, str] = data.get(section, {})
    return gaps


def markdown_params() -> list[object]:
    """`pytest.param`s for every Markdown case, known gaps marked strict xfail."""
    gaps = known_gaps()
    params: list[object] = []
    for case in markdown_cases():
        marks = []
        if case.id in gaps:
            marks.append(pytest.mark.xfail(strict=True, reason=gaps[case.id]))
        params.append(pytest.param(case.source, case.expected, id=case.id, marks=marks))
    return params


def find_renderer() -> Callable[[str], str]:
    """dejekyll's Markdown stage: `dejekyll.render_markdown` (or the stage module's own)."""
    for module_name in ("dejekyll", "dejekyll.markdown"):
        module = importlib.import_module(module_name)
        func: Callable[[str], str] | None = getattr(module, "render_markdown", None)
        if func is not None:
            return func
    raise ImportError("dejekyll has no render_markdown yet")
