"""The markdown-it-py engine taught kramdown-GFM.

markdown-it's CommonMark block rules differ from kramdown's almost everywhere (raw HTML,
lists, paragraph ends, headers, ...), so the core ``block`` rule is replaced by kramdown's block
parser (:mod:`.blocks`).  It leaves one markdown-it ``inline`` token per piece of span text;
the inline rules (:mod:`.inline`, installed by its ``configure``) parse them in the core
``inline`` rule.  A core rule after ``inline`` assigns the GFM header ids, which need the parsed
span text.  The output is written by :mod:`.render`.

Shared ``env`` keys filled here: ``kd_options`` (effective options, ``{::options}`` included),
``kd_link_defs`` (normalised label -> (url, title, attributes from an IAL)),
``kd_footnote_defs`` (name -> parsed definition), ``kd_abbrevs``, ``kd_abbrev_attrs``,
``kd_alds``, ``kd_tree`` and ``kd_warnings``.  Each ``inline`` token's ``meta`` says where its
text sits: ``kd_parent`` (p, header, dt, td, html_element, ...), ``kd_in_html`` (no GFM hard
line breaks there, footnote definitions included) and ``kd_block`` (the text ends the content of
a block-category element, so a trailing backslash-newline gives no ``<br />``).  The renderer
reads ``kd_footnote_order``/``kd_footnote_repeats`` (written by the inline rules while rendering)
and an image token's ``meta["ial_refs"]`` (``standalone`` makes the paragraph a figure).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from .blocks import BlockParser, Element
from .inline_options import OptionError, parse_option

DEFAULT_OPTIONS: dict[str, Any] = {
    "auto_ids": True,
    "auto_id_prefix": "",
    "parse_block_html": False,
    "parse_span_html": True,
    "hard_wrap": False,
    "toc_levels": range(1, 7),
    "footnote_backlink": "&#8617;",
    "math_engine": "mathjax",
}
_WORD_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Nd", "Nl", "Pc"})
_BLOCK_CATEGORY = frozenset(
    {"p", "header", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "td", "temp"}
)
_TYPED_OPTIONS = frozenset(
    {
        "auto_ids",
        "parse_block_html",
        "parse_span_html",
        "footnote_nr",
        "header_offset",
        "toc_levels",
        "hard_wrap",
        "footnote_backlink_inline",
    }
)


def kramdown_block(state: StateCore) -> None:
    """Core rule replacing markdown-it's block phase with kramdown's block parser."""
    options = dict(DEFAULT_OPTIONS)
    options.update(typed_options(state.env.get("kd_options") or {}))
    parser = BlockParser(options)
    root = parser.parse(state.src)
    env = state.env
    env["kd_options"] = parser.options
    env["kd_link_defs"] = parser.link_definitions()
    env["kd_footnote_defs"] = parser.footnotes
    env.setdefault("kd_footnote_order", [])
    env["kd_abbrevs"] = parser.abbrevs
    env["kd_abbrev_attrs"] = parser.abbrev_attrs()
    env["kd_alds"] = parser.alds
    env["kd_tree"] = root
    env["kd_warnings"] = parser.warnings
    # GFM's hard line breaks are applied to the main tree only, outside HTML elements.
    texts = [*_text_elements([root], False), *_text_elements(parser.footnotes.values(), True)]
    for el, in_html in texts:
        token = Token("inline", "", 0)
        token.content = str(el.value)
        token.children = []
        token.meta = {
            "kd_parent": el.options.get("kd_parent", ""),
            "kd_in_html": in_html,
            "kd_block": el.options.get("kd_last", True),
            "kd_line": el.options.get("line"),
        }
        el.options["token"] = token
        state.tokens.append(token)


def typed_options(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Options from a Jekyll config (strings such as ``toc_levels: "1..6"``) typed for kramdown.

    Values kramdown would reject are dropped (the default applies); the inline rules' own
    options (``smart_quotes``, ``typographic_symbols``) are passed through untouched.
    """
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "toc_levels" and not isinstance(value, str):
            try:
                out[key] = [int(v) for v in ([value] if isinstance(value, int) else value)]
            except (TypeError, ValueError):
                continue
        elif isinstance(value, str) and key in _TYPED_OPTIONS:
            try:
                out[key] = parse_option(key, value)
            except OptionError:
                continue
        else:
            out[key] = value
    return out


def _text_elements(roots: Iterable[Element], no_breaks: bool) -> Iterable[tuple[Element, bool]]:
    """Every ``raw_text`` element in document order, with whether it sits inside HTML."""
    work: list[tuple[Element, bool]] = [(r, no_breaks) for r in reversed(list(roots))]
    while work:
        el, in_html = work.pop()
        if el.type == "raw_text":
            yield el, in_html
            continue
        child_in_html = in_html or el.type == "html_element"
        for child in reversed(el.children):
            if child.type == "raw_text":
                child.options["kd_parent"] = el.type
                # kramdown-GFM drops a trailing "\\\n" break only at the end of the last
                # text of an element of the block category (not the root, not a footnote).
                last = child is el.children[-1] and el.type in _BLOCK_CATEGORY
                child.options["kd_last"] = last
            work.append((child, child_in_html))


def token_text(tokens: Iterable[Token]) -> str:
    """The text kramdown-GFM builds a header id from (``update_raw_text``), from inline tokens."""
    out: list[str] = []
    work = list(reversed(list(tokens)))
    while work:
        tok = work.pop()
        if tok.type in ("html_inline", "footnote_ref", "softbreak", "hardbreak"):
            if tok.type == "softbreak":
                out.append("\n")
            continue
        if tok.children:
            work.extend(reversed(tok.children))
        elif tok.content and tok.type not in ("image",):
            out.append(tok.content)
    return "".join(out)


def gfm_header_id(text: str, counter: dict[str, int]) -> str:
    """kramdown-parser-gfm ``generate_gfm_header_id``."""
    result = "".join(
        ch
        for ch in text.lower()
        if ch in "- \t" or ch.isalpha() or unicodedata.category(ch) in _WORD_CATEGORIES
    )
    result = result.replace(" ", "-").replace("\t", "-")
    counter[result] = counter.get(result, -1) + 1
    if counter[result] > 0:
        result += f"-{counter[result]}"
    return result


def assign_header_ids(state: StateCore) -> None:
    """Core rule: raw text of headers, then GFM ids for those not nested in HTML elements."""
    root = state.env.get("kd_tree")
    if not isinstance(root, Element):
        return
    text_of = _header_text_function()
    options: Mapping[str, Any] = state.env.get("kd_options") or DEFAULT_OPTIONS
    counter: dict[str, int] = {}
    prefix = str(options.get("auto_id_prefix", ""))
    work: list[tuple[Element, bool]] = [(root, False)]
    footnotes = state.env.get("kd_footnote_defs") or {}
    work.extend((fn, True) for fn in reversed(list(footnotes.values())))
    # the plain kramdown parser keeps a header's source text and leaves ids to the converter
    gfm = str(options.get("input", "GFM")).lower() != "kramdown"
    while work:
        el, in_html = work.pop()
        if el.type == "dt" or (el.type == "header" and gfm):
            el.options["raw_text"] = "".join(
                text_of(c.options["token"]) for c in el.children if "token" in c.options
            )
            auto = options.get("auto_ids", True)
            if el.type == "header" and not in_html and auto and "id" not in el.attr:
                el.attr["id"] = prefix + gfm_header_id(el.options["raw_text"], counter)
            continue
        child_in_html = in_html or el.type == "html_element"
        work.extend((c, child_in_html) for c in reversed(el.children))


def _header_text_function() -> Callable[[Token], str]:
    try:
        from .inline import header_text
    except ImportError:  # pragma: no cover - the inline rules ship with the package
        return lambda token: token_text(token.children or [])
    return header_text


def build_engine() -> MarkdownIt:
    """A MarkdownIt instance running kramdown-GFM's block and inline rules."""
    md = MarkdownIt("commonmark", {"html": True})
    md.core.ruler.disable("normalize")
    md.core.ruler.at("block", kramdown_block)
    try:
        from .inline import configure
    except ImportError:  # pragma: no cover - the inline rules ship with the package
        pass
    else:
        configure(md)
    md.core.ruler.after("inline", "kd_header_ids", assign_header_ids)
    return md
