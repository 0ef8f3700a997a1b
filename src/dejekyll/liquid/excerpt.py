"""Jekyll's excerpt extraction (``Excerpt#extract_excerpt``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from liquid import Environment

from ..records import Entry
from .rubyfmt import to_s

_LIQUID_TAG = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.DOTALL)
_LINK_REF = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.MULTILINE)
_BLOCK_TAGS = frozenset(
    [
        "if",
        "unless",
        "case",
        "for",
        "capture",
        "comment",
        "raw",
        "tablerow",
        "ifchanged",
        "highlight",
    ]
)


def separator(entry: Entry, config: Mapping[str, Any]) -> str:
    """``excerpt_separator`` from the entry's data, else the site's (default blank line)."""
    value = entry.data.get("excerpt_separator")
    if value is None:
        value = config.get("excerpt_separator", "\n\n")
    return to_s(value)


def extract(entry: Entry, config: Mapping[str, Any], env: Environment) -> str:
    """The text before the separator, with unclosed blocks closed and link refs kept."""
    head, found, tail = entry.body.partition(separator(entry, config))
    if not found or not tail:
        return head
    if "{%" in head:
        for name in reversed(_LIQUID_TAG.findall(head)):
            if not _is_block(name, env):
                continue
            if re.search(r"{%-?\s*end" + re.escape(name) + r".*?\s*-?%}", head, re.DOTALL):
                continue
            head += "\n{% end" + name + " %}"
    definitions = [label + rest for label, rest in _LINK_REF.findall(tail) if label in head]
    if not definitions:
        return head
    return head + "\n\n" + "\n".join(definitions)


def _is_block(name: str, env: Environment) -> bool:
    if name in _BLOCK_TAGS:
        return True
    tag = env.tags.get(name)
    return bool(tag is not None and getattr(tag, "end", "") and getattr(tag, "block", False))


def needs_liquid(entry: Entry, head: str) -> bool:
    """Whether the excerpt goes through Liquid."""
    if entry.data.get("render_with_liquid") is False:
        return False
    return "{{" in head or "{%" in head
