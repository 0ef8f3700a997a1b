"""YAML as Jekyll loads front matter: SafeYAML 1.0.5 rules on top of a YAML parser.

Jekyll reads front matter with ``SafeYAML.load``, which ignores tags and types plain
scalars itself (spec §1.3): Integer, then Float, then nil, then boolean, then Date and
Time.  Quoted and block scalars stay strings.  Mapping keys are typed the same way.
Aliases are shared, never copied, and a document whose expansion would exceed
``MAX_EXPANDED_NODES`` (an alias bomb) is refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from typing import Any

import yaml

MAX_EXPANDED_NODES = 200_000
"""Refuse a document whose aliases would add more nodes than this (alias bombs).

Only the nodes aliases add count: a large document without aliases costs what its
text costs, and is read."""


class YAMLBombError(ValueError):
    """The YAML's aliases would expand into an unreasonably large structure."""


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_,]*)\Z")
_OCTAL = re.compile(r"0[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_BINARY = re.compile(r"0b[01_]+\Z")
_HEX_EDGE = re.compile(r"[-+]?0x[0-9a-fA-F_,]+\Z")
_SEXAGESIMAL_INT = re.compile(r"\s*[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\s*\Z")
_SEXAGESIMAL_FLOAT = re.compile(r"\s*[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*\s*\Z")
_FLOAT = re.compile(r"[-+]?(?:\d[\d_]*)?\.[\d_]+(?:[eE][-+]\d+)?\Z")
_FLOAT_SPECIAL = {
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
_NULLS = {"", "~", "null"}
_BOOLEANS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")
_TIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|\s+)(\d{1,2}):(\d{2}):(\d{2})(\.\d*)?"
    r"\s*(Z|[-+]\d{1,2}(?::?\d{2})?)?\Z"
)


def _sexagesimal(text: str) -> float:
    """Base-60 value as SafeYAML computes it (always a Float)."""
    text = text.strip()
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("+-").partition(".")
    value = 0.0
    for part in whole.split(":"):
        value = value * 60 + float(part.replace("_", ""))
    if fraction:
        value += float("." + fraction.replace("_", ""))
    return -value if negative else value


def _to_integer(text: str) -> int | float | None:
    stripped = text.replace("_", "").replace(",", "")
    if _DECIMAL.match(stripped):
        return int(stripped, 10)
    if _OCTAL.match(stripped):
        return int(stripped, 8)
    if _HEX.match(stripped):
        return int(stripped, 16)
    if _BINARY.match(stripped):
        return int(stripped, 2)
    if _HEX_EDGE.match(text):
        sign = -1 if text.startswith("-") else 1
        return sign * int(text.lstrip("+-")[2:].replace("_", "").replace(",", ""), 16)
    if _SEXAGESIMAL_INT.match(text):
        return _sexagesimal(text)
    return None


def _to_float(text: str) -> float | None:
    if _FLOAT.match(text):
        try:
            return float(text)
        except ValueError:
            return None
    if text in _FLOAT_SPECIAL:
        return _FLOAT_SPECIAL[text]
    if _SEXAGESIMAL_FLOAT.match(text):
        return _sexagesimal(text)
    return None


def _to_time(match: re.Match[str]) -> dt.datetime | None:
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zone = match.group(7), match.group(8)
    micro = int((fraction[1:] + "000000")[:6]) if fraction and len(fraction) > 1 else 0
    tz: dt.tzinfo | None = None
    if zone == "Z":
        tz = dt.UTC
    elif zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        hours = int(digits[:-2] or 0) if len(digits) > 2 else int(digits)
        minutes = int(digits[-2:]) if len(digits) > 2 else 0
        tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    try:
        return dt.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError:
        return None


# Numbers, dates and times start with a digit, a sign or "."; nulls and booleans with
# one of "nNyYtTfFoO~".
_ALWAYS_TEXT = frozenset(string.ascii_letters) - frozenset("nNyYtTfFoO")


def plain_scalar(text: str) -> Any:
    """Type an unquoted scalar as SafeYAML does (``'010'`` → 8, ``'Yes'`` stays a string)."""
    if text[:1] in _ALWAYS_TEXT:
        return text  # no number, date, time, null or boolean starts with this letter
    number = _to_integer(text)
    if number is not None:
        return number
    real = _to_float(text)
    if real is not None:
        return real
    if text in _NULLS:
        return None
    if text in _BOOLEANS:
        return _BOOLEANS[text]
    date = _DATE.match(text)
    if date:
        try:
            return dt.date(*(int(g) for g in date.groups()))
        except ValueError:
            return text
    time = _TIME.match(text)
    if time:
        value = _to_time(time)
        if value is not None:
            return value
    return text


class _Builder:
    """Turns a composed YAML node graph into Python objects, SafeYAML style."""

    def __init__(self) -> None:
        self._done: dict[int, Any] = {}
        self._sizes: dict[int, int] = {}
        self._cap = MAX_EXPANDED_NODES + 1

    def expanded_size(self, root: yaml.Node, cap: int) -> int:
        """How many nodes the document has once every alias is expanded (up to ``cap``)."""
        self._cap = cap
        # iterative post-order walk; aliases point at already composed nodes
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        active: set[int] = set()
        while stack:
            node, ready = stack.pop()
            key = id(node)
            if key in self._sizes:
                continue
            children = _children(node)
            if ready:
                active.discard(key)
                total = 1 + sum(self._sizes.get(id(c), 1) for c in children)
                self._sizes[key] = min(total, self._cap)
                continue
            if key in active:  # a recursive alias: count it once
                self._sizes[key] = 1
                continue
            active.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in self._sizes)
        return self._sizes[id(root)]

    def build(self, node: yaml.Node) -> Any:
        key = id(node)
        if key in self._done:
            return self._done[key]
        if isinstance(node, yaml.ScalarNode):
            value = plain_scalar(node.value) if not node.style else node.value
            self._done[key] = value
            return value
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self._done[key] = items
            items.extend(self.build(child) for child in node.value)
            return items
        assert isinstance(node, yaml.MappingNode)
        mapping: dict[Any, Any] = {}
        self._done[key] = mapping
        merged: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value == "<<"
                and not key_node.style
            ):
                for source in _merge_sources(value_node):
                    value = self.build(source)
                    if isinstance(value, dict):
                        for k, v in value.items():
                            merged.setdefault(k, v)
                continue
            item_key = self.build(key_node)
            if isinstance(item_key, list | dict):
                item_key = _freeze_key(item_key)
            mapping[item_key] = self.build(value_node)
        for k, v in merged.items():
            mapping.setdefault(k, v)
        return mapping


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _merge_sources(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return [node]


def _freeze_key(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze_key(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _freeze_key(v)) for k, v in value.items())
    return value


# libyaml's parser when PyYAML was built with it (ten times faster), else PyYAML's own.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_Base):  # type: ignore[valid-type,misc]
    """PyYAML's loader used only to compose nodes; typing is ours."""


def safe_load(text: str) -> Any:
    """Load one YAML document with SafeYAML's typing.

    Raises ``yaml.YAMLError`` on a syntax error and :class:`YAMLBombError` when the
    aliases would expand past ``MAX_EXPANDED_NODES``.
    """
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        return None
    builder = _Builder()
    if "*" not in text:  # no alias, nothing expands past what was written
        return builder.build(node)
    allowed = _distinct_nodes(node) + MAX_EXPANDED_NODES
    if builder.expanded_size(node, allowed + 1) > allowed:
        raise YAMLBombError(
            f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values (an alias bomb?)"
        )
    return builder.build(node)


def _distinct_nodes(root: yaml.Node) -> int:
    """How many nodes were composed (each anchored node once, however often aliased)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(_children(node))
    return len(seen)
