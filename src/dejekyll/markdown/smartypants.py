"""Jekyll's ``smartify`` filter: kramdown with Jekyll's ``SmartyPants`` parser.

Jekyll defines ``Kramdown::Parser::SmartyPants``: the block parsers are only HTML blocks
and *content* (every line, blank ones too, added as text), the span parsers only smart
quotes, HTML entities, typographic symbols and span-level HTML.  The text is adapted as
kramdown does (``\\r\\n`` to ``\\n``, one final newline), converted to HTML, and the final
newline cut (``chomp``).

Text with no HTML block is one text element, parsed here with those span parsers and
rendered by the Markdown stage's span renderer.  A line that may open an HTML block (a
comment, or a tag that is not a span element, at its start) is not reproduced:
:func:`smartypants` returns ``None`` for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .html import SPAN_ELEMENTS
from .inline.post import finalize
from .inline.render import render_spans
from .inline.spans import SpanContext, parse_span_text
from .inline.tokens import to_tokens

__all__ = ["smartypants"]

_PARSERS = ("smart_quotes", "html_entity", "typographic_syms", "span_html")
"""``Kramdown::Parser::SmartyPants``'s span parsers, in its order."""

_BLOCK_START = re.compile(r"^ {0,3}<(?:(!--)|/?((?:[^\W\d]|:)[^\s/>]*))", re.MULTILINE)
"""Where kramdown's ``block_html`` parser could take over (a superset of it)."""


def _has_html_block(text: str) -> bool:
    for m in _BLOCK_START.finditer(text):
        if m.group(1) or m.group(2).lower() not in SPAN_ELEMENTS:
            return True
    return False


def smartypants(text: str, options: Mapping[str, Any] | None = None) -> str | None:
    """What Jekyll's ``smartify`` gives for ``text``; ``None`` if it has an HTML block.

    ``options`` are the site's kramdown options (``smart_quotes``, ``entity_output``,
    ``typographic_symbols``).
    """
    source = re.sub(r"\r\n?", "\n", text).removesuffix("\n") + "\n"
    if _has_html_block(source):
        return None
    root, _warnings = parse_span_text(source, SpanContext(parsers=_PARSERS))
    finalize(root)
    env: dict[str, Any] = {"kd_options": dict(options or {})}
    return render_spans(to_tokens(root), env).removesuffix("\n")
