"""Jekyll's ``smartify`` filter: kramdown with Jekyll's ``SmartyPants`` parser.

Jekyll defines ``Kramdown::Parser::SmartyPants``: the block parsers are only HTML blocks
and *content* (every line, blank ones too, added as text), the span parsers only smart
quotes, HTML entities, typographic symbols and span-level HTML.  The text is adapted as
kramdown does (``\\r\\n`` to ``\\n``, one final newline), converted to HTML, and the final
newline cut (``chomp``).

The Markdown stage's block parser runs with just those two block parsers, its span
parser with just those four span parsers, and its HTML converter renders the tree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import patterns as pat
from .blocks import BlockParser, Element
from .engine import DEFAULT_OPTIONS, typed_options
from .html import escape_text
from .inline.post import finalize
from .inline.render import render_spans
from .inline.spans import SpanContext, parse_span_text
from .inline.tokens import to_tokens
from .render import HtmlRenderer

__all__ = ["smartypants"]

_PARSERS = ("smart_quotes", "html_entity", "typographic_syms", "span_html")
"""``Kramdown::Parser::SmartyPants``'s span parsers, in its order."""

_EVERYWHERE = re.compile("")
_LINE = re.compile(r".*\n")


class _Blocks(BlockParser):
    """kramdown's parser with only ``block_html`` and Jekyll's ``content`` block parsers."""

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(options)
        self._parsers = [
            (pat.HTML_BLOCK_START, self.parse_block_html),
            (_EVERYWHERE, self._parse_content),
        ]

    def _parse_content(self) -> bool:
        """One line, blank or not, as text (joined to the text before it)."""
        m = _LINE.match(self.src, self.pos)
        if m is None:
            return False
        self.add_text(m.group(), self.tree)
        self.pos = m.end()
        return True


def _spans(el: Element, env: dict[str, Any]) -> str:
    text = str(el.value or "")
    if el.type != "raw_text":
        return escape_text(text)
    root, _warnings = parse_span_text(text, SpanContext(parsers=_PARSERS))
    finalize(root)
    return render_spans(to_tokens(root), env)


def smartypants(text: str, options: Mapping[str, Any] | None = None) -> str:
    """What Jekyll's ``smartify`` gives for ``text``.

    ``options`` are the site's kramdown options (``smart_quotes``, ``entity_output``,
    ``typographic_symbols``, ``parse_block_html`` ...).
    """
    settings = dict(DEFAULT_OPTIONS)
    settings.update(typed_options(options or {}))
    settings["input"] = "kramdown"  # Jekyll's parser is a subclass of kramdown's own
    parser = _Blocks(settings)
    root = parser.parse(text)
    env: dict[str, Any] = {"kd_options": parser.options}
    renderer = HtmlRenderer(lambda el: _spans(el, env), parser.options, env, {})
    return renderer.render(root).removesuffix("\n")
