"""Values as Ruby prints them: what ``{{ page.date }}`` shows, and the manifest records."""

from __future__ import annotations

import datetime as dt
import math


def ruby_float(value: float) -> str:
    """``Float#to_s``: ``1.1``, ``750.0``, ``1.0e+20``, ``Infinity``, ``NaN``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    # Python's repr and Ruby's to_s pick the same shortest digits and switch to the
    # exponent form at the same thresholds; only the spelling differs (1e+16 / 1.0e+16).
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return mantissa + (e + exponent if e else "")


def ruby_str(value: object) -> str:
    """``to_s`` of a front-matter value as Jekyll's Ruby has it."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return value.strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return ruby_float(value)
    return str(value)
