"""The per-page pipeline, in Jekyll's order, in one place.

Jekyll renders a page's Liquid first, over the whole body, then runs the converter its
extension picks (kramdown for Markdown, nothing for HTML), then places the result in a
layout.  The fragment dejekyll gives back is the text before the layout::

    body ─▶ Liquid ─▶ Markdown (by extension) ─▶ clean ─▶ Page

``render_entry`` is that sequence; every stage is a function of its own module.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .clean import CleanOptions, clean_fragment
from .markdown import convert_markdown
from .records import Diagnostic, Entry, Page

if TYPE_CHECKING:
    from .liquid import LiquidStage


@dataclass(frozen=True, slots=True)
class Stages:
    """The configured stages a site's pages go through."""

    liquid: LiquidStage | None
    markdown_options: Mapping[str, Any] = field(default_factory=dict)
    clean: CleanOptions = field(default_factory=CleanOptions)


def render_entry(entry: Entry, stages: Stages) -> Page:
    """Render one page or document to its fragment, collecting every diagnostic."""
    diagnostics: list[Diagnostic] = list(entry.diagnostics)
    text = entry.body

    # 1. Liquid, over the whole body (Jekyll skips it without {{ or {%).
    if stages.liquid is not None:
        liquid = stages.liquid.render(entry)
        text = liquid.text
        diagnostics.extend(liquid.diagnostics)
    liquid_text = text

    # 2. The converter the extension picks: kramdown for Markdown, none for HTML.
    if entry.is_markdown:
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
    html = clean_fragment(html, stages.clean)

    return Page(
        source=entry.source,
        kind=entry.kind,
        collection=entry.collection,
        url=entry.url,
        output_path=entry.output_path,
        front_matter=entry.front_matter,
        data=entry.data,
        html=html,
        liquid=liquid_text,
        diagnostics=tuple(diagnostics),
        failed=any(d.level == "error" for d in diagnostics),
    )

