"""Rewriting a fragment's internal links for a site's new location (``--baseurl NEW``).

A Jekyll site built for ``https://host/old`` writes its own links as ``/old/page/``
(``relative_url``, ``{{ site.baseurl }}``) or as root-relative ``/page/``.  Moved to a new
base, each internal link gets it: a link under the old ``baseurl`` has that prefix
replaced, any other root-relative link has the new base put in front.  External URLs
(``https:``, ``mailto:``, ``//host``), links within the page (``#fn:1``, ``?q``) and
relative links (``img/a.png``, which stay right as long as the page keeps its place in
the tree) are never touched.  Only the value of ``href``, ``src``, ``poster`` and each
``srcset`` candidate changes; every other byte of the fragment is kept.
"""

from __future__ import annotations

import re

from .htmltokens import Token, tokenize

LINK_ATTRIBUTES = frozenset({"href", "src", "poster"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SRCSET_URL = re.compile(r"(^|,)(\s*)([^\s,][^\s]*)")


def normalize_base(baseurl: str | None) -> str:
    """A ``baseurl`` as a prefix: ``""`` for the root, else ``/path`` without a final ``/``.

    An absolute base (``https://cdn.example/site``) is kept as it is, less its final ``/``.
    """
    base = (baseurl or "").strip()
    if _SCHEME.match(base) or base.startswith("//"):
        return base.rstrip("/")
    base = base.strip("/")
    return f"/{base}" if base else ""


def rebase_url(url: str, old: str, new: str) -> str:
    """``url`` for the new base, if it is an internal root-relative link; else unchanged.

    ``old`` and ``new`` are prefixes as :func:`normalize_base` gives them.
    """
    stripped = url.lstrip()
    if not stripped.startswith("/") or stripped[1:2] in ("/", "\\"):
        return url  # not root-relative: //host and /\host are other hosts to a browser
    lead = url[: len(url) - len(stripped)]
    under = bool(old) and stripped.startswith(old)
    if under and stripped[len(old) : len(old) + 1] not in ("", "/", "?", "#"):
        under = False  # /blogger is not under /blog
    joined = new + (stripped[len(old) :] if under else stripped)
    if not new and not joined.startswith("/"):
        joined = "/" + joined  # the root itself, or its query or fragment
    return lead + joined


def rebase_target(url: str, site_url: object, old: str, new: str) -> str:
    """A redirect's target for the new base: under the site's ``url``, or root-relative.

    ``https://host/old/page/`` (``site_url`` ``https://host``) becomes
    ``https://host/new/page/``; ``/old/page/`` becomes ``/new/page/``; other hosts stay.
    ``old`` and ``new`` are ``baseurl`` values (normalised here).
    """
    old, new = normalize_base(old), normalize_base(new)
    host = str(site_url or "").rstrip("/")
    if host and url.startswith(host + "/"):
        return host + rebase_url(url[len(host) :], old, new)
    return rebase_url(url, old, new)


def _rebase_srcset(value: str, old: str, new: str) -> str:
    return _SRCSET_URL.sub(
        lambda m: m.group(1) + m.group(2) + rebase_url(m.group(3), old, new), value
    )


def rebase_links(html: str, old: str, new: str) -> str:
    """The fragment with its internal links moved from base ``old`` to base ``new``."""
    old, new = normalize_base(old), normalize_base(new)
    if "/" not in html:
        return html
    return "".join(_rebase_token(token, old, new) for token in tokenize(html))


def _rebase_token(token: Token, old: str, new: str) -> str:
    if token.kind != "start":
        return token.text
    text = token.text
    # Right to left, so the spans of the earlier values stay valid.
    for attr in reversed(token.attributes()):
        if attr.value is None:
            continue
        if attr.name in LINK_ATTRIBUTES:
            value = rebase_url(attr.value, old, new)
        elif attr.name == "srcset":
            value = _rebase_srcset(attr.value, old, new)
        else:
            continue
        if value != attr.value:
            text = text[: attr.start] + value + text[attr.end :]
    return text
