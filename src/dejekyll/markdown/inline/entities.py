"""kramdown 2.4's entity table (``Kramdown::Utils::Entities``).

kramdown knows the HTML 4 entity names plus ``apos`` and ``vellip``; it swaps ``lceil``/``rceil``
and ``lang``/``rang`` relative to HTML, and maps the numeric references 128–159 to the
Windows-1252 characters.  Any other number is taken as a code point.
"""

from __future__ import annotations

from html.entities import name2codepoint

__all__ = ["entity_char", "entity_code_point", "entity_name"]

_NAMES: dict[str, int] = dict(name2codepoint)
_NAMES.update(
    {"apos": 39, "vellip": 8942, "rceil": 8968, "lceil": 8969, "rang": 9001, "lang": 9002}
)

_WINDOWS_1252 = {
    128: 8364,
    130: 8218,
    131: 402,
    132: 8222,
    133: 8230,
    134: 8224,
    135: 8225,
    136: 710,
    137: 8240,
    138: 352,
    139: 8249,
    140: 338,
    142: 381,
    145: 8216,
    146: 8217,
    147: 8220,
    148: 8221,
    149: 8226,
    150: 8211,
    151: 8212,
    152: 732,
    153: 8482,
    154: 353,
    155: 8250,
    156: 339,
    158: 382,
    159: 376,
}


def entity_code_point(name_or_number: str | int) -> int | None:
    """The code point kramdown gives an entity name or number, ``None`` for an unknown name."""
    if isinstance(name_or_number, int):
        return _WINDOWS_1252.get(name_or_number, name_or_number)
    return _NAMES.get(name_or_number)


def entity_char(code_point: int) -> str | None:
    """The character of ``code_point`` (``None`` where Ruby's ``pack('U')`` would fail)."""
    if code_point > 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
        return None
    return chr(code_point)


_BY_CODE: dict[int, str] = {code: name for name, code in _NAMES.items()}


def entity_name(code_point: int) -> str | None:
    """kramdown's entity name for ``code_point`` (``None`` when it has none)."""
    return _BY_CODE.get(code_point)
