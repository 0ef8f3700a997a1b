"""Ruby's ``Time``: ``strftime`` with Ruby's directives and flags, and parsing.

Python's ``strftime`` follows the C library (no ``%-d`` on every platform, no
``%L``, no ``%P``, ``%z`` never with a colon), so Liquid's ``date`` filter and
Jekyll's ``date_to_*`` filters format through :func:`strftime` here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]  # fmt: skip
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_DIRECTIVE = re.compile(r"%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])")

_NUMERIC_WIDTH = {
    "Y": 1, "C": 2, "y": 2, "m": 2, "d": 2, "e": 2, "j": 3, "H": 2, "k": 2,
    "I": 2, "l": 2, "M": 2, "S": 2, "L": 3, "N": 9, "u": 1, "w": 1, "G": 1,
    "g": 2, "V": 2, "U": 2, "W": 2, "s": 1,
}  # fmt: skip
_SPACE_PADDED = {"e", "k", "l"}
_COMPOSITE = {
    "c": "%a %b %e %H:%M:%S %Y",
    "D": "%m/%d/%y",
    "x": "%m/%d/%y",
    "F": "%Y-%m-%d",
    "T": "%H:%M:%S",
    "X": "%H:%M:%S",
    "R": "%H:%M",
    "r": "%I:%M:%S %p",
    "v": "%e-%^b-%4Y",
    "+": "%a %b %e %H:%M:%S %Z %Y",
}


def as_datetime(value: dt.date | dt.datetime) -> dt.datetime:
    """A date becomes midnight of that day (``Date#to_time`` in UTC here)."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def _numeric(moment: dt.datetime, conv: str) -> int:
    if conv == "Y":
        return moment.year
    if conv == "C":
        return moment.year // 100
    if conv == "y":
        return moment.year % 100
    if conv == "m":
        return moment.month
    if conv in "de":
        return moment.day
    if conv == "j":
        return moment.timetuple().tm_yday
    if conv in "Hk":
        return moment.hour
    if conv in "Il":
        return (moment.hour % 12) or 12
    if conv == "M":
        return moment.minute
    if conv == "S":
        return moment.second
    if conv == "L":
        return moment.microsecond // 1000
    if conv == "N":
        return moment.microsecond * 1000
    if conv == "u":
        return moment.isoweekday()
    if conv == "w":
        return moment.isoweekday() % 7
    if conv == "G":
        return moment.isocalendar()[0]
    if conv == "g":
        return moment.isocalendar()[0] % 100
    if conv == "V":
        return moment.isocalendar()[1]
    if conv == "U":
        return int(moment.strftime("%U"))
    if conv == "W":
        return int(moment.strftime("%W"))
    # "s": seconds since the epoch
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return int(aware.timestamp())


def _zone(moment: dt.datetime, colons: str) -> str:
    offset = moment.utcoffset() or dt.timedelta(0)
    total = int(offset.total_seconds())
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    minutes, seconds = divmod(rest, 60)
    if colons == ":":
        return f"{sign}{hours:02d}:{minutes:02d}"
    if colons == "::":
        return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{hours:02d}{minutes:02d}"


def _text(moment: dt.datetime, conv: str) -> str:
    if conv == "B":
        return _MONTHS[moment.month - 1]
    if conv in "bh":
        return _MONTHS[moment.month - 1][:3]
    if conv == "A":
        return _DAYS[moment.weekday()]
    if conv == "a":
        return _DAYS[moment.weekday()][:3]
    if conv == "p":
        return "PM" if moment.hour >= 12 else "AM"
    if conv == "P":
        return "pm" if moment.hour >= 12 else "am"
    if conv == "Z":
        return _zone_name(moment)
    if conv == "n":
        return "\n"
    if conv == "t":
        return "\t"
    return "%"


def _zone_name(moment: dt.datetime) -> str:
    """``Time#zone``: the zone's abbreviation, ``UTC``, or nothing for a bare offset."""
    zone = moment.tzinfo
    if zone is None or zone is dt.UTC:
        return "UTC"
    if isinstance(zone, dt.timezone):
        return "UTC" if zone.utcoffset(None) == dt.timedelta(0) else ""
    return moment.tzname() or ""


def _directive(moment: dt.datetime, match: re.Match[str]) -> str:
    flags, width_text, colons, conv = match.groups()
    if conv in _COMPOSITE:
        text = strftime(moment, _COMPOSITE[conv])
        return _apply_case(text, flags)
    if conv == "z":
        return _zone(moment, colons)
    if conv in _NUMERIC_WIDTH:
        number = _numeric(moment, conv)
        width = int(width_text) if width_text else _NUMERIC_WIDTH[conv]
        if conv == "N" and width_text:
            return f"{moment.microsecond:06d}{'0' * 3}"[: int(width_text)].ljust(
                int(width_text), "0"
            )
        if "-" in flags:
            return str(number)
        pad = " " if ("_" in flags or (conv in _SPACE_PADDED and "0" not in flags)) else "0"
        digits = str(abs(number)).rjust(width if number >= 0 else width - 1, pad)
        return ("-" + digits) if number < 0 else digits
    if conv.isalpha() and conv not in "BbhAapPZnt":
        return match.group(0)
    text = _apply_case(_text(moment, conv), flags, conv)
    if width_text and "-" not in flags:
        pad = "0" if "0" in flags else " "
        text = text.rjust(int(width_text), pad)
    return text


def _apply_case(text: str, flags: str, conv: str = "") -> str:
    if "^" in flags:
        return text.upper()
    if "#" in flags:
        return text.lower() if conv == "p" else text.upper()
    return text


def strftime(moment: dt.date | dt.datetime, fmt: str) -> str:
    """Ruby's ``Time#strftime`` (``Date#strftime`` for a date): flags, widths, ``%L``..."""
    when = as_datetime(moment)
    if not isinstance(moment, dt.datetime):
        # Date#strftime: the zone of a date is its offset, "+00:00".
        fmt = re.sub(r"(?<!%)((?:%%)*)%Z", r"\1+00:00", fmt)
    return _DIRECTIVE.sub(lambda match: _directive(when, match), fmt)


def site_zone(name: object) -> dt.tzinfo:
    """The site's ``timezone`` setting as a tzinfo (UTC when unset or unknown)."""
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return dt.UTC
    return dt.UTC


def localtime(moment: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``to_time.localtime``: an aware time in the site zone."""
    when = as_datetime(moment)
    if when.tzinfo is None:
        return when.replace(tzinfo=zone)
    return when.astimezone(zone)


_ISO = re.compile(
    r"""\s*(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})
    (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?)?
    \s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_MONTH_ABBR = {name[:3].lower(): index + 1 for index, name in enumerate(_MONTHS)}
_WORDY = re.compile(
    r"""\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?
    (?:(?P<d1>\d{1,2})\s+(?P<mon1>[a-z]{3,})\.?,?\s+(?P<y1>\d{4})
      |(?P<mon2>[a-z]{3,})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))
    (?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?
    \s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)


def _zone_of(text: str | None, default: dt.tzinfo) -> dt.tzinfo:
    if not text or text.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC if text else default
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return dt.timezone(sign * delta)


def _build(parts: dict[str, Any], zone: dt.tzinfo) -> dt.datetime | None:
    try:
        day = dt.date(int(parts["y"]), int(parts["m"]), 1)
        moment = dt.datetime(
            day.year,
            day.month,
            1,
            int(parts.get("H") or 0),
            int(parts.get("M") or 0),
            int(parts.get("S") or 0),
            int((parts.get("f") or "0")[:6].ljust(6, "0")),
            tzinfo=_zone_of(parts.get("z"), zone),
        )
    except (ValueError, KeyError):
        return None
    # Time.parse rolls an overflowing day into the next month (2020-02-30 -> 03-01).
    days = int(parts["d"])
    if not 1 <= days <= 31:
        return None
    return moment + dt.timedelta(days=days - 1)


def parse_time(text: str, zone: dt.tzinfo) -> dt.datetime | None:
    """``Time.parse`` for the forms sites use; ``None`` when it cannot parse."""
    match = _ISO.match(text)
    if match:
        return _build(match.groupdict(), zone)
    match = _WORDY.match(text)
    if match:
        groups = match.groupdict()
        month_name = (groups["mon1"] or groups["mon2"] or "")[:3].lower()
        if month_name not in _MONTH_ABBR:
            return None
        parts = {
            "y": groups["y1"] or groups["y2"],
            "m": _MONTH_ABBR[month_name],
            "d": groups["d1"] or groups["d2"],
            "H": groups["H"],
            "M": groups["M"],
            "S": groups["S"],
            "z": groups["z"],
        }
        return _build(parts, zone)
    return None


def to_date(value: Any, zone: dt.tzinfo) -> dt.date | dt.datetime | None:
    """``Liquid::Utils.to_date``: a date or time, or ``None`` when not a date."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        if not value:
            return None
        lowered = value.lower()
        if lowered in ("now", "today"):
            return dt.datetime.now(zone)
        if lowered.isdigit():
            return dt.datetime.fromtimestamp(int(lowered), zone)
        return parse_time(value, zone)
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, zone)
    return None
