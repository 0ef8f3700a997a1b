"""kramdown 2.4 + kramdown-parser-gfm 1.1 span-level Markdown on markdown-it-py.

:func:`configure` replaces markdown-it's inline stage: every ``inline`` block token's content is
parsed with kramdown's span parser (:mod:`.spans`), post-processed as kramdown does
(abbreviations, GFM hard line breaks; :mod:`.post`) and stored as ``kd_*`` tokens
(:mod:`.tokens`) rendered by :mod:`.render`.

Shared ``env`` keys read here: ``kd_link_defs``, ``kd_footnote_defs``, ``kd_abbrevs``,
``kd_abbrev_attrs`` (optional), ``kd_alds``, ``kd_options``.  Written while parsing:
``kd_inline_warnings`` (kramdown's span-level warnings as (message, line or ``None``); an
``inline`` token's start line is read from ``meta["kd_line"]`` or ``map``).  Written while rendering:
``kd_footnote_order`` (names in numbering order), ``kd_footnote_repeats`` (name → number of
repeated references) and ``kd_footnote_numbers``.  An ``inline`` token whose ``meta`` has
``kd_in_html`` set is content of an HTML element: GFM's hard line breaks are not applied there.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any, cast

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .post import (
    AbbrevPatterns,
    abbreviation_patterns,
    finalize,
    hard_line_breaks,
    replace_abbreviations,
)
from .render import install_render_rules, render_spans
from .spans import SpanContext, normalize_link_id, parse_span_text, span_parsers
from .tokens import SpanToken, header_text_for_id, to_tokens

__all__ = [
    "SpanToken",
    "configure",
    "header_text",
    "header_text_for_id",
    "normalize_link_id",
    "parse_inline",
    "render_spans",
    "span_tokens",
    "toc_tokens",
]

_CACHE_KEY = "_kd_inline_cache"
_INITIAL_KEY = "_kd_initial_options"


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "0", "nil", "no")
    return bool(value)


def _context(env: MutableMapping[str, Any]) -> tuple[SpanContext, AbbrevPatterns | None]:
    cached = env.get(_CACHE_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    opts = env.get("kd_options") or {}
    # The GFM parser reads hard_wrap and gfm_quirks when it is created: {::options} in the
    # document cannot change them, so they come from the options the document started with.
    initial = env.get(_INITIAL_KEY, opts)
    quirks = initial.get("gfm_quirks") or ()
    if isinstance(quirks, str):
        quirks = [q.strip() for q in quirks.split(",")]
    ctx = SpanContext(
        link_defs=env.get("kd_link_defs") or {},
        footnote_defs=env.get("kd_footnote_defs") or {},
        alds=env.get("kd_alds") or {},
        parse_span_html=_truthy(opts.get("parse_span_html", True)),
        parsers=span_parsers(
            hard_wrap=_truthy(initial.get("hard_wrap", False)),
            auto_typographic="no_auto_typographic" not in [str(q) for q in quirks],
        ),
    )
    abbrevs: Mapping[str, str] = env.get("kd_abbrevs") or {}
    pats = abbreviation_patterns(abbrevs) if abbrevs else None
    env[_CACHE_KEY] = (ctx, pats)
    return ctx, pats


def parse_inline(
    text: str,
    env: MutableMapping[str, Any],
    *,
    in_html: bool = False,
    block: bool = True,
    line: int | None = None,
) -> list[SpanToken]:
    """Parse ``text`` as kramdown span-level Markdown into ``kd_*`` tokens.

    Args:
        text: the raw span text (a paragraph's lines, a header's text, a table cell …).
        env: the markdown-it environment holding the document's definitions.
        in_html: the text is the content of an HTML element (no GFM hard line breaks).
        block: the text is the whole content of a block element (a trailing ``\\`` + newline
            then gives no ``<br />``).
        line: the 1-based source line where ``text`` starts, for the warnings.

    kramdown's span-level warnings (an HTML element never closed, a block tag inside a
    paragraph, a stray close tag, an undefined link or footnote reference) are appended to
    ``env["kd_inline_warnings"]`` as (message, line or ``None``).
    """
    ctx, pats = _context(env)
    root, warnings = parse_span_text(text, ctx)
    if warnings:
        sink = env.setdefault("kd_inline_warnings", [])
        for message, offset in warnings:
            where = None if line is None else line + text.count("\n", 0, offset)
            sink.append((message, where))
    finalize(root)
    if pats is not None:
        replace_abbreviations(root, pats)
    if not in_html:
        hard_wrap = "line_break" not in ctx.parsers
        hard_line_breaks(root, block, "\n" if hard_wrap else "\\\n")
    return to_tokens(root)


def toc_tokens(children: list[SpanToken]) -> list[SpanToken]:
    """A header's span tokens as kramdown puts them in a TOC entry (``fix_for_toc_entry``).

    Footnote references are removed and Markdown links unwrapped (their text kept); HTML ``<a>``
    elements stay.  Render the result with :func:`render_spans`.
    """
    skip = {"kd_footnote_ref", "kd_link_open", "kd_link_close"}
    return [tok for tok in children if tok.type not in skip]


def span_tokens(token: Token) -> list[SpanToken]:
    """The span tokens the inline stage put in an ``inline`` token's children."""
    return cast("list[SpanToken]", token.children or [])


def header_text(token: Token) -> str:
    """:func:`header_text_for_id` of an ``inline`` token's children."""
    return header_text_for_id(span_tokens(token))


def _line_of(token: Token) -> int | None:
    line = (token.meta or {}).get("kd_line")
    if isinstance(line, int):
        return line
    return token.map[0] + 1 if token.map else None


def _core_inline(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline":
            continue
        meta = token.meta or {}
        # markdown-it's renderer reads nothing of a child but the fields SpanToken has
        spans = parse_inline(
            token.content,
            state.env,
            in_html=bool(meta.get("kd_in_html")),
            block=bool(meta.get("kd_block", True)),
            line=_line_of(token),
        )
        token.children = cast("list[Token]", spans)


def _snapshot_options(state: StateCore) -> None:
    """Core rule before the block phase: remember the options the document starts with."""
    state.env[_INITIAL_KEY] = dict(state.env.get("kd_options") or {})
    state.env.pop(_CACHE_KEY, None)


def configure(md: MarkdownIt) -> None:
    """Install kramdown's span-level parsing and rendering on ``md``.

    The core ``inline`` rule is replaced (markdown-it's own inline rules no longer run), the
    core rules that would rewrite text afterwards are disabled, and render rules for the
    ``kd_*`` tokens are added.
    """
    md.core.ruler.at("inline", _core_inline)
    md.core.ruler.before("block", "kd_initial_options", _snapshot_options)
    present = {rule.name for rule in md.core.ruler.__rules__}
    # text_join merges markdown-it's own ``text_special`` tokens, which the span parser never makes
    for name in ("linkify", "replacements", "smartquotes", "text_join"):
        if name in present:
            md.core.ruler.disable(name)
    install_render_rules(md)
