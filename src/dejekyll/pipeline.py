"""The per-page pipeline, in Jekyll's order, in one place.

Jekyll renders a page's Liquid first, over the whole body, then runs the converter its
extension picks (kramdown for Markdown, nothing for HTML), then places the result in a
layout.  The fragment dejekyll gives back is the text before the layout::

    body ─▶ Liquid ─▶ Markdown (by extension) ─▶ clean ─▶ Page

:func:`render_content` is that sequence; every stage is a function of its own module.
It gives a small picklable :class:`Rendered` (what a worker process sends back and what
the cache keeps), and :func:`assemble` puts it together with the entry into the
:class:`Page`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .clean import CleanOptions, clean_fragment
from .records import LIMIT_KIND, Diagnostic, Entry, Page
from .timing import Timings, measure

if TYPE_CHECKING:
    from .liquid import LiquidStage


@dataclass(frozen=True, slots=True)
class Stages:
    """The configured stages a site's pages go through."""

    liquid: LiquidStage | None
    markdown_options: Mapping[str, Any] = field(default_factory=dict)
    clean: CleanOptions = field(default_factory=CleanOptions)


@dataclass(frozen=True, slots=True)
class Rendered:
    """What rendering an entry produced, apart from what the entry already holds."""

    html: str
    liquid: str
    """The text after Liquid, before Markdown."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """The problems found while rendering (not the entry's own, from reading it)."""


def render_content(entry: Entry, stages: Stages, timings: Timings | None = None) -> Rendered:
    """Run Liquid, the converter and the clean stage over one entry's body."""
    diagnostics: list[Diagnostic] = []
    text = entry.body

    # 1. Liquid, over the whole body (Jekyll skips it without {{ or {%).
    if stages.liquid is not None:
        with measure(timings, "liquid"):
            liquid = stages.liquid.render(entry)
        text = liquid.text
        diagnostics.extend(liquid.diagnostics)
    liquid_text = text

    # 2. The converter the extension picks: kramdown for Markdown, none for HTML.
    #    Output cut short by a resource limit is not converted: the page has failed.
    if any(d.kind == LIMIT_KIND for d in diagnostics):
        html = ""
    elif entry.is_markdown:
        from .markdown import convert_markdown

        with measure(timings, "markdown"):
            markdown = convert_markdown(
                text,
                options=stages.markdown_options,
                source=entry.source,
                line_offset=entry.body_line - 1,
            )
        html = markdown.html
        diagnostics.extend(markdown.diagnostics)
    else:
        html = text

    # 3. Clean: what the user asked to drop (comments by default).
    with measure(timings, "clean"):
        html = clean_fragment(html, stages.clean)
    return Rendered(html=html, liquid=liquid_text, diagnostics=tuple(diagnostics))


def warm_up() -> None:
    """Import the stages and build the Markdown engine, ahead of the first page."""
    from . import highlight, liquid, markdown

    del highlight, liquid
    markdown.warm_up()


def assemble(entry: Entry, rendered: Rendered) -> Page:
    """The page an entry and its rendered content make."""
    diagnostics = (*entry.diagnostics, *rendered.diagnostics)
    return Page(
        source=entry.source,
        kind=entry.kind,
        collection=entry.collection,
        url=entry.url,
        output_path=entry.output_path,
        front_matter=entry.front_matter,
        data=entry.data,
        html=rendered.html,
        liquid=rendered.liquid,
        diagnostics=diagnostics,
        failed=any(d.level == "error" for d in diagnostics),
    )
