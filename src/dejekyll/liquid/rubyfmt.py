"""How Ruby prints values: ``to_s`` (Liquid output), ``inspect`` and floats.

Liquid writes ``obj.to_s`` for every output, joins arrays (flattened, ``nil`` as
nothing) and prints nothing for ``nil``.  Python's ``str`` differs on floats
(``1e+20`` vs ``1.0e+20``), booleans, dates and mappings, so every value that
reaches the output goes through :func:`to_s`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from liquid import Undefined

from ..values import ruby_float


def utc_offset(moment: dt.datetime, *, colon: bool = False) -> str:
    """``+0000`` (or ``+00:00``) for an aware datetime, UTC for a naive one."""
    offset = moment.utcoffset() or dt.timedelta(0)
    total = int(offset.total_seconds())
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" if colon else f"{sign}{hours:02d}{minutes:02d}"


def time_to_s(moment: dt.datetime) -> str:
    """``Time#to_s``: ``2020-01-02 03:04:05 +0000``."""
    return moment.strftime("%Y-%m-%d %H:%M:%S ") + utc_offset(moment)


def to_s(value: Any) -> str:
    """Ruby ``to_s`` of a Liquid value (what ``{{ value }}`` prints)."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, Undefined):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return time_to_s(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    to_liquid_s = getattr(value, "liquid_to_s", None)
    if to_liquid_s is not None:
        return str(to_liquid_s())
    if isinstance(value, Mapping):
        return inspect(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_s(item) for item in _flatten(value))
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    return str(value)


def _flatten(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        else:
            yield item


_INSPECT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x1b": "\\e",
    "#": "#",
}


def _inspect_str(text: str) -> str:
    out = []
    for index, char in enumerate(text):
        if char == "#" and text[index + 1 : index + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif char in _INSPECT_ESCAPES:
            out.append(_INSPECT_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def inspect(value: Any) -> str:
    """Ruby ``inspect`` (Ruby 3.1): ``{"a"=>1, "b"=>nil}``, ``["x", 2]``."""
    if value is None or isinstance(value, Undefined):
        return "nil"
    if isinstance(value, str):
        return _inspect_str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return time_to_s(value)
    if isinstance(value, dt.date):
        return f"#<Date: {value.isoformat()}>"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in value.items())
        return "{" + inner + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    return to_s(value)
