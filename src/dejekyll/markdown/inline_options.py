"""kramdown options as ``{::options key="value" /}`` sets them (``Kramdown::Options.parse``)."""

from __future__ import annotations

import re
from typing import Any

_BOOLEAN = frozenset(
    {
        "auto_ids",
        "auto_id_stripping",
        "transliterated_header_ids",
        "parse_block_html",
        "parse_span_html",
        "html_to_native",
        "remove_block_html_tags",
        "remove_span_html_tags",
        "footnote_backlink_inline",
        "remove_line_breaks_for_cjk",
        "hard_wrap",
        "gfm_emojis",
    }
)
_INTEGER = frozenset({"footnote_nr", "line_width", "header_offset", "list_indent"})
_STRING = frozenset({"auto_id_prefix", "footnote_backlink", "footnote_prefix", "gfm_emoji_opts"})
_SYMBOL = frozenset({"entity_output", "syntax_highlighter", "math_engine"})
_OTHER = frozenset(
    {
        "link_defs",
        "latex_headers",
        "smart_quotes",
        "typographic_symbols",
        "syntax_highlighter_opts",
        "math_engine_opts",
        "gfm_quirks",
    }
)
FORBIDDEN = frozenset({"template", "forbidden_inline_options"})
KNOWN = _BOOLEAN | _INTEGER | _STRING | _SYMBOL | _OTHER | {"toc_levels"} | FORBIDDEN


class OptionError(ValueError):
    """An option value kramdown would reject (the option is then left unchanged)."""


def parse_option(name: str, value: str) -> Any:
    """The value kramdown stores for option ``name`` given as the string ``value``.

    Raises :class:`OptionError` for an invalid value.
    """
    if name in _BOOLEAN:
        return value.lower().strip() != "false" and value != ""
    if name in _INTEGER:
        try:
            return int(value.strip())
        except ValueError as exc:
            raise OptionError(f"Invalid integer value for option '{name}': '{value}'") from exc
    if name in _SYMBOL:
        sym = value.removeprefix(":")
        return None if sym in ("", "nil") else sym.lower()
    if name == "toc_levels":
        return toc_levels(value)
    if name == "smart_quotes":
        parts = value.split(",")
        if len(parts) != 4:
            raise OptionError("Option smart_quotes needs exactly 4 values")
        return [p.strip() for p in parts]
    return value


def toc_levels(value: str) -> list[int]:
    """kramdown's ``toc_levels`` validator: ``1..3`` or ``1,2,3``."""
    m = re.fullmatch(r"(\d)\.\.(\d)", value)
    if m:
        levels = list(range(int(m.group(1)), int(m.group(2)) + 1))
    elif re.fullmatch(r"\d(?:,\d)*", value):
        levels = list(dict.fromkeys(int(v) for v in value.split(",")))
    else:
        raise OptionError("Invalid syntax for option toc_levels")
    if any(not 1 <= level <= 6 for level in levels):
        raise OptionError("Level numbers for option toc_levels have to be integers from 1 to 6")
    return levels
