"""kramdown-GFM Markdown conversion (Jekyll 4.3 + kramdown 2.4) on markdown-it-py.

``render_markdown(text)`` gives the HTML Jekyll's Markdown converter produces for ``text``;
``convert_markdown`` also returns the problems found (kramdown's warnings) as diagnostics.
Neither raises on any input.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt

from ..records import Diagnostic
from .blocks import Element, ParseWarning
from .engine import build_engine
from .html import escape_text
from .inline import render_spans, span_tokens, toc_tokens
from .render import HtmlRenderer

__all__ = ["MarkdownResult", "convert_markdown", "render_markdown"]

_local = threading.local()


@dataclass(frozen=True, slots=True)
class MarkdownResult:
    """The HTML of a Markdown text and the problems found while converting it."""

    html: str
    diagnostics: tuple[Diagnostic, ...] = ()


def _engine() -> MarkdownIt:
    md: MarkdownIt | None = getattr(_local, "md", None)
    if md is None:
        md = build_engine()
        _local.md = md
    return md


def warm_up() -> None:
    """Build this thread's Markdown engine now rather than at the first page."""
    _engine()


def _convert(text: str, options: Mapping[str, Any] | None) -> tuple[str, list[ParseWarning]]:
    md = _engine()
    env: dict[str, Any] = {"kd_options": dict(options or {})}
    md.parse(text, env)
    root = env["kd_tree"]

    def render_inline(el: Element) -> str:
        token = el.options.get("token")
        if token is None:
            return escape_text(str(el.value or ""))
        return render_spans(span_tokens(token), env)

    def render_toc_inline(el: Element) -> str:
        return render_spans(toc_tokens(span_tokens(el.options["token"])), env)

    renderer = HtmlRenderer(
        render_inline, env["kd_options"], env, env["kd_footnote_defs"], render_toc_inline
    )
    warnings = list(env.get("kd_warnings") or [])
    for message, line in dict.fromkeys(env.get("kd_inline_warnings") or ()):
        warnings.append(ParseWarning(message, line or 0))  # 0: the line is not known
    return renderer.render(root), warnings


def convert_markdown(
    text: str,
    *,
    options: Mapping[str, Any] | None = None,
    source: str | None = None,
    line_offset: int = 0,
) -> MarkdownResult:
    """Convert kramdown-GFM Markdown to HTML, collecting kramdown's warnings as diagnostics.

    ``line_offset`` is added to line numbers (the front matter's length, say).  An internal
    failure is reported as an error diagnostic and the text is returned escaped in a paragraph.
    """
    try:
        html, warnings = _convert(text, options)
    except Exception as exc:  # noqa: BLE001 - the converter must never raise on user input
        message = f"Markdown conversion failed ({type(exc).__name__}: {exc})"
        diag = Diagnostic("error", source, line_offset + 1, message, kind="markdown")
        return MarkdownResult(f"<p>{escape_text(text)}</p>\n", (diag,))
    diags = tuple(
        Diagnostic(
            "warning", source, line_offset + w.line if w.line else None, w.message, kind="html"
        )
        for w in warnings
    )
    return MarkdownResult(html, diags)


def render_markdown(text: str, options: Mapping[str, Any] | None = None) -> str:
    """The HTML kramdown-GFM (as configured by Jekyll 4) produces for ``text``."""
    return convert_markdown(text, options=options).html
