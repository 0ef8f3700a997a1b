"""Dates as Jekyll reads them for documents (spec §1.4).

Jekyll turns any ``date`` of a document into ``Time.parse(value.to_s).localtime`` in the
site ``timezone`` (``Utils.parse_date``).  :func:`parse_time` follows Ruby's
``Date._parse`` + ``Time.parse`` for the forms dates are written in (ISO, ``y/m/d``,
``d.m.y``, month names, bare digit runs, times with zones); what Ruby rejects, and what
we do not recognise, raises :class:`~dejekyll.errors.DateError`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ConfigError, DateError

Zone = dt.tzinfo | None
Clock = dt.datetime | Callable[[], dt.datetime]
"""The current time, or a function giving it (read only when a text needs it)."""
"""A site time zone; ``None`` is the machine's local zone (Jekyll with no ``timezone``)."""

DATE_FILENAME = re.compile(r"\A(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^./]+)\Z", re.DOTALL)
"""``Document::DATE_FILENAME_MATCHER`` (the extension may not contain ``/``)."""
DATELESS_FILENAME = re.compile(r"\A(?:.+/)*(.*)(\.[^./]+)\Z", re.DOTALL)
"""``Document::DATELESS_FILENAME_MATCHER``."""

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ZONE_OFFSETS = {
    "UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    **{chr(c): c - 64 for c in range(ord("A"), ord("I") + 1)},
    **{chr(c): c - 65 for c in range(ord("K"), ord("M") + 1)},
    **{chr(c): -(c - 77) for c in range(ord("N"), ord("Y") + 1)},
}  # fmt: skip
_ZONE = r"(?:\s*(z\b|(?:gmt|utc)?[-+]\d+(?:[:.,]\d+)*|[a-z]+(?:\sdst)?\b))?"
_TIME = re.compile(
    r"(?<![\d:])(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d+))?)?"
    r"(?:\s*([ap])\.?m\.?\b)?" + _ZONE + r"|(?<!\d)(\d{1,2})\s*([ap])\.?m\.?\b" + _ZONE,
    re.IGNORECASE,
)
_EU = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\b[\s,]*" + _MONTH + r"(?:[\s,]*(-?\d+))?", re.IGNORECASE
)
_US = re.compile(
    r"\b" + _MONTH + r"[\s,]*(\d{1,2})(?:st|nd|rd|th)?\b(?:[\s,]*(-?\d+))?"
    r"|\b" + _MONTH + r"[\s,]+(\d{3,})\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"([-+]?\d+)-(\d+)-(\d+)")
_SLASH = re.compile(r"(\d+)/(\d+)(?:/(\d+))?")
_DOT = re.compile(r"(\d+)\.(\d+)\.(\d+)")
_DIGITS = re.compile(r"(?<![\d.])(\d{2,})(?![\d.])(?:\s*([-+]\d{1,4})\b)?")


@dataclass
class _Parts:
    year: int | None = None
    mon: int | None = None
    mday: int | None = None
    hour: int | None = None
    minute: int | None = None
    sec: int | None = None
    usec: int | None = None
    zone: str | None = None
    year_digits: int = 4

    def any(self) -> bool:
        return any(
            v is not None for v in (self.year, self.mon, self.mday, self.hour, self.minute)
        ) or (self.sec is not None)


def get_zone(name: object) -> Zone:
    """The site ``timezone`` as a tzinfo (``None``: the machine's zone)."""
    if name is None or name == "":
        return None
    try:
        return zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as err:
        raise ConfigError(f"unknown timezone {name!r} in the configuration") from err


def localize(moment: dt.datetime, zone: Zone) -> dt.datetime:
    """``Time#localtime``: the same instant in the site zone (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def now(zone: Zone) -> dt.datetime:
    """``Time.now`` in the site zone."""
    return localize(dt.datetime.now(dt.UTC), zone)


def _complete_year(text: str) -> int:
    year = int(text)
    if len(text.lstrip("-+")) <= 2 and text[0] not in "-+":
        year += 1900 if year >= 69 else 2000
    return year


def _three(parts: _Parts, first: str, second: str, third: str | None) -> None:
    """Ruby's ``s3e`` for numeric triples: ``y m d``, or ``d m y`` when the last is long."""
    if third is not None and len(third) > 2 and len(first) <= 2:
        first, third = third, first
    if third is None:
        parts.mon, parts.mday = int(first), int(second)
        return
    parts.year, parts.mon, parts.mday = _complete_year(first), int(second), int(third)


def _take_time(text: str, parts: _Parts) -> str:
    match = _TIME.search(text)
    if not match:
        return text
    if match.group(7) is not None:
        hour, meridian = int(match.group(7)), match.group(8)
        parts.hour = hour % 12 + (12 if meridian.lower() == "p" else 0)
        parts.zone = match.group(9)
    else:
        hour, meridian = int(match.group(1)), match.group(5)
        if meridian:
            hour = hour % 12 + (12 if meridian.lower() == "p" else 0)
        parts.hour, parts.minute = hour, int(match.group(2))
        if match.group(3) is not None:
            parts.sec = int(match.group(3))
        if match.group(4):
            parts.usec = int((match.group(4) + "000000")[:6])
        parts.zone = match.group(6)
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def _take_date(text: str, parts: _Parts) -> None:
    if match := _EU.search(text):
        parts.mday, parts.mon = int(match.group(1)), _MONTHS.index(match.group(2).lower()) + 1
        if match.group(3):
            parts.year = _complete_year(match.group(3))
    elif match := _US.search(text):
        if match.group(1):
            parts.mon, parts.mday = _MONTHS.index(match.group(1).lower()) + 1, int(match.group(2))
            if match.group(3):
                parts.year = _complete_year(match.group(3))
        else:
            parts.mon, parts.year = _MONTHS.index(match.group(4).lower()) + 1, int(match.group(5))
    elif match := _ISO.search(text):
        parts.year = _complete_year(match.group(1))
        parts.mon, parts.mday = int(match.group(2)), int(match.group(3))
    elif (match := _SLASH.search(text)) or (match := _DOT.search(text)):
        _three(parts, match.group(1), match.group(2), match.group(3))
    elif match := _DIGITS.search(text):
        _digit_run(match.group(1), parts)
        if match.group(2) and parts.zone is None:
            parts.zone = match.group(2)


def _digit_run(digits: str, parts: _Parts) -> None:
    """Ruby's ``_parse_ddd`` for a bare run of digits."""
    size = len(digits)
    if size == 2:
        parts.mday = int(digits)
    elif size == 4 and parts.hour is None:
        parts.mon, parts.mday = int(digits[:2]), int(digits[2:])
    elif size == 6:
        parts.year = _complete_year(digits[:2])
        parts.mon, parts.mday = int(digits[2:4]), int(digits[4:])
    elif size == 8:
        parts.year, parts.mon, parts.mday = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    elif size >= 10:
        parts.year, parts.mon, parts.mday = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
        parts.hour = int(digits[8:10])


def zone_offset(zone: str, local: Clock) -> int | None:
    """Ruby's ``Time.zone_offset``: seconds east of UTC, or ``None`` (unknown: local time).

    ``local`` (a time, or a function giving it) is read only for a zone name Ruby
    does not list, matched against the local zone's names.
    """
    name = zone.upper()
    if m := re.fullmatch(r"([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?", name):
        seconds = (int(m.group(2)) * 60 + int(m.group(4))) * 60 + int(m.group(5) or 0)
        return -seconds if m.group(1) == "-" else seconds
    if re.fullmatch(r"[+-]\d\d", name):
        return int(name) * 3600
    if name in _ZONE_OFFSETS:
        return _ZONE_OFFSETS[name] * 3600
    reference = local() if callable(local) else local
    for month in (1, 7):
        probe = reference.replace(month=month, day=1)
        if (probe.tzname() or "").upper() == name:
            offset = probe.utcoffset()
            return int(offset.total_seconds()) if offset is not None else None
    return None


def parse_time(text: str, zone: Zone, current: Clock | None = None) -> dt.datetime:
    """``Time.parse(text).localtime`` in ``zone``; :class:`DateError` when Ruby fails.

    ``current`` is the time that fills what the text leaves out (default: now); given as
    a function, it is called only when needed (a text without a year, a zone name).

    >>> parse_time("2020-02-30", dt.UTC).isoformat()
    '2020-03-01T00:00:00+00:00'
    """
    parts = _Parts()
    rest = _take_time(text, parts)
    _take_date(rest, parts)
    if not parts.any():
        raise DateError(f"no time information in {text!r}")
    clock = _lazy(current, zone)
    offset = zone_offset(parts.zone, clock) if parts.zone else None
    if parts.year is None:
        _fill_from_now(parts, clock())
    try:
        moment = _make_time(parts, offset, zone)
    except (ValueError, OverflowError) as err:
        raise DateError(f"invalid date {text!r} ({err})") from err
    return localize(moment, zone)


def _lazy(current: Clock | None, zone: Zone) -> Callable[[], dt.datetime]:
    """A function giving ``current`` (or now in ``zone``), evaluated at most once."""
    known: list[dt.datetime] = []

    def read() -> dt.datetime:
        if not known:
            if current is None:
                known.append(now(zone))
            else:
                known.append(current() if callable(current) else current)
        return known[0]

    return read


def _fill_from_now(parts: _Parts, current: dt.datetime) -> None:
    fields = ("year", "mon", "mday", "hour", "minute", "sec")
    values = (current.year, current.month, current.day, current.hour, current.minute)
    for name, value in zip(fields, values, strict=False):
        if getattr(parts, name) is not None:
            return
        setattr(parts, name, value)
    if parts.sec is None:
        parts.sec = current.second


def _month_days(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _apply_offset(fields: list[int], offset: int) -> list[int]:
    """Ruby's ``Time.apply_offset``: local fields at ``offset`` to UTC fields."""
    year, mon, day, hour, minute, sec = fields
    if offset < 0:
        off = -offset
        off, rest = divmod(off, 60)
        if rest:
            sec += rest
            carry, sec = divmod(sec, 60)
            off += carry
        off, rest = divmod(off, 60)
        if rest:
            minute += rest
            carry, minute = divmod(minute, 60)
            off += carry
        off, rest = divmod(off, 24)
        if rest:
            hour += rest
            carry, hour = divmod(hour, 24)
            off += carry
        if off:
            day += off
            if _month_days(year, mon) < day:
                mon, day = mon + 1, 1
                if mon > 12:
                    year, mon = year + 1, 1
    elif offset > 0:
        off = offset
        off, rest = divmod(off, 60)
        if rest:
            sec -= rest
            carry, sec = divmod(sec, 60)
            off -= carry
        off, rest = divmod(off, 60)
        if rest:
            minute -= rest
            carry, minute = divmod(minute, 60)
            off -= carry
        off, rest = divmod(off, 24)
        if rest:
            hour -= rest
            carry, hour = divmod(hour, 24)
            off -= carry
        if off:
            day -= off
            if day < 1:
                mon -= 1
                if mon < 1:
                    year, mon = year - 1, 12
                day = _month_days(year, mon)
    return [year, mon, day, hour, minute, sec]


def _civil(fields: list[int], usec: int) -> dt.datetime:
    """Ruby's ``Time.utc`` / ``Time.local`` field checks and roll-overs, as a naive time."""
    year, mon, mday, hour, minute, sec = fields
    if not 1 <= mon <= 12:
        raise ValueError("mon out of range")
    if not 1 <= mday <= 31 or not 0 <= minute <= 59 or not 0 <= sec <= 60:
        raise ValueError("argument out of range")
    if not 0 <= hour <= 24 or (hour == 24 and (minute or sec)):
        raise ValueError("hour out of range")
    # Ruby rolls an impossible day over (Feb 30 → Mar 1), and hour 24 / second 60 too.
    base = dt.datetime(year, mon, 1)
    delta = dt.timedelta(days=mday - 1, hours=hour, minutes=minute, seconds=sec)
    return base + delta + dt.timedelta(microseconds=usec)


def _make_time(parts: _Parts, offset: int | None, zone: Zone) -> dt.datetime:
    fields = [
        parts.year or 1970, parts.mon or 1, parts.mday or 1,
        parts.hour or 0, parts.minute or 0, parts.sec or 0,
    ]  # fmt: skip
    if offset is not None:
        if abs(offset) >= 86400:
            raise ValueError("utc_offset out of range")
        return _civil(_apply_offset(fields, offset), parts.usec or 0).replace(tzinfo=dt.UTC)
    naive = _civil(fields, parts.usec or 0)
    if zone is not None:
        return _local(naive, zone)
    return naive.astimezone()


def _local(naive: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """``Time.local`` in ``zone``: an ambiguous time is the later (standard) one, a
    time in a gap moves forward by the gap."""
    later = naive.replace(tzinfo=zone, fold=1)
    if later.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == naive:
        return later
    return naive.replace(tzinfo=zone, fold=0).astimezone(dt.UTC).astimezone(zone)


def ruby_to_s(value: object) -> str:
    """Ruby's ``to_s`` of a YAML value, as ``merge_date!`` hands it to ``Time.parse``."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%d %H:%M:%S UTC")
        return value.strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def document_date(value: object, zone: Zone, current: Clock | None = None) -> dt.datetime:
    """A document's ``date`` value (front matter, defaults or file name) as Jekyll keeps it."""
    if isinstance(value, dt.datetime):
        return localize(value.replace(microsecond=0), zone)
    return parse_time(ruby_to_s(value), zone, current)
