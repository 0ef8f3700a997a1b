"""``relative_url`` / ``absolute_url`` as Jekyll computes them (spec §2.5).

Jekyll joins ``baseurl`` and the input, then runs ``Addressable::URI#normalize``,
which percent-encodes what a URL may not hold (spaces, non-ASCII) and upper-cases
existing escapes.  An absolute URI (one with a scheme) is returned unchanged.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_SAFE = "!$&'()*+,;=:@/?#[]~%"
_UNRESERVED = re.compile(r"[A-Za-z0-9\-._~]")


def is_absolute(url: str) -> bool:
    """Whether Addressable sees a scheme (``https:``, ``mailto:``)."""
    return bool(_SCHEME.match(url))


def normalize(url: str) -> str:
    """Percent-encode what Addressable's ``normalize`` encodes."""

    def upper(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if _UNRESERVED.fullmatch(char) else "%" + match.group(1).upper()

    encoded = quote(url, safe=_SAFE)
    return _ESCAPE.sub(upper, encoded)


def _leading_slash(part: str) -> str:
    return part if not part or part.startswith("/") else "/" + part


def _own_relative_url(value: str, baseurl: str | None) -> str:
    """``relative_url``: baseurl (without trailing ``/``) + the input with a leading ``/``."""
    if is_absolute(value):
        return value
    base = "" if baseurl is None else baseurl.removesuffix("/")
    return normalize(_leading_slash(base) + _leading_slash(value))


def _own_absolute_url(value: str, url: str | None, baseurl: str | None) -> str:
    """``absolute_url``: ``site.url`` + ``relative_url``; just the latter without a url."""
    if is_absolute(value):
        return value
    relative = _own_relative_url(value, baseurl)
    if not url:
        return relative
    return normalize(url + relative)


def relative_url(value: str, baseurl: str | None) -> str:
    """``relative_url``: the site model's helper when present, else our own."""
    try:
        from dejekyll import permalink
    except ImportError:  # pragma: no cover - the permalink module is optional here
        return _own_relative_url(value, baseurl)
    helper = getattr(permalink, "relative_url", None)
    if helper is None:
        return _own_relative_url(value, baseurl)
    return str(helper(value, baseurl))


def absolute_url(value: str, url: str | None, baseurl: str | None) -> str:
    """``absolute_url``: the site model's helper when present, else our own."""
    try:
        from dejekyll import permalink
    except ImportError:  # pragma: no cover - the permalink module is optional here
        return _own_absolute_url(value, url, baseurl)
    helper = getattr(permalink, "absolute_url", None)
    if helper is None:
        return _own_absolute_url(value, url, baseurl)
    return str(helper(value, url, baseurl))
