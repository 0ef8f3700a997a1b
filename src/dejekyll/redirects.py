"""Redirects as jekyll-redirect-from 0.16 makes them (spec §3), and exports for hosts.

The plugin walks the written documents, then the pages.  Every ``redirect_from`` path
becomes a stub page (a ``Page`` named ``redirect.html`` whose permalink is that path)
pointing at ``absolute_url(doc.url)``; a ``redirect_to`` turns the document itself into
a stub pointing at its target.  ``redirects.json`` maps every ``from`` to its ``to``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .permalink import absolute_url, output_ext, output_path, page_url
from .records import Redirect

PLUGIN = "jekyll-redirect-from"

REDIRECT_TEMPLATE = """<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{{ page.redirect.to }}">
  <script>location="{{ page.redirect.to }}"</script>
  <meta http-equiv="refresh" content="0; url={{ page.redirect.to }}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a href="{{ page.redirect.to }}">Click here if you are not redirected.</a>
</html>
"""
"""The plugin's built-in ``redirect`` layout (``lib/jekyll-redirect-from/redirect.html``)."""

_HTTP = re.compile(r"^https?://", re.MULTILINE)


def redirect_stub_html(to: str) -> str:
    """The page the plugin writes for a redirect to ``to`` (no escaping, as Liquid prints it)."""
    return REDIRECT_TEMPLATE.replace("{{ page.redirect.to }}", to)


def redirect_from_paths(value: Any) -> list[str]:
    """``Redirectable#redirect_from``: a string or a list, ``nil`` entries dropped."""
    items = value if isinstance(value, list) else [value]
    return [_as_text(item) for item in items if item is not None]


def redirect_to_target(value: Any) -> str | None:
    """``Redirectable#redirect_to``: a string, or the first non-nil entry of a list."""
    if isinstance(value, list):
        value = next((item for item in value if item is not None), None)
    return None if value is None else _as_text(value)


def _as_text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def ensure_leading_slash(path: str) -> str:
    """``URLFilters#ensure_leading_slash`` (an empty path stays empty)."""
    return path if not path or path.startswith("/") else "/" + path


def target_url(to: str, config: Mapping[str, Any]) -> str:
    """The stub's ``to``: kept if it starts with ``http(s)://``, else ``absolute_url``."""
    if _HTTP.search(to):
        return to
    return absolute_url(to, config.get("url"), config.get("baseurl"))


def redirect_page(
    from_path: str, config: Mapping[str, Any], markdown_exts: frozenset[str]
) -> tuple[str, str]:
    """The ``(url, output_path)`` of the ``RedirectPage`` for ``from_path`` (leading ``/``)."""
    ext = output_ext(".html", from_path, markdown_exts)
    url = page_url(
        directory="",
        basename="redirect",
        output_ext=ext,
        permalink=from_path,
        style=config.get("permalink"),
    )
    return url, output_path(url, ext, document=False)


def redirects_from(
    source: str, url: str, value: Any, config: Mapping[str, Any], markdown_exts: frozenset[str]
) -> list[Redirect]:
    """The stub pages a document or page at ``url`` asks for with ``redirect_from``."""
    paths = redirect_from_paths(value)
    if not paths:
        return []
    to = target_url(url, config)
    found = []
    for path in paths:
        from_url = ensure_leading_slash(path)
        _, out = redirect_page(from_url, config, markdown_exts)
        found.append(Redirect(from_url, to, out, source, "redirect_from", source))
    return found


def redirect_to(
    source: str, url: str, out: str | None, value: Any, config: Mapping[str, Any]
) -> Redirect | None:
    """The redirect a document makes of itself with ``redirect_to`` (``None`` if absent)."""
    target = redirect_to_target(value)
    if target is None:
        return None
    return Redirect(url, target_url(target, config), out or "", None, "redirect_to", source)


def redirect_to_data(url: str, to: str) -> dict[str, Any]:
    """What ``redirect_to`` merges into the document's data (shallowly)."""
    return {
        "sitemap": False,
        "layout": "redirect",
        "permalink": url,
        "redirect": {"from": url, "to": to},
    }


def redirects_json(redirects: Iterable[Redirect]) -> str:
    """``redirects.json`` byte for byte: Ruby's compact ``Hash#to_json``, later keys win."""
    table: dict[str, str] = {}
    for item in redirects:
        table[item.from_url] = item.to
    return json.dumps(table, ensure_ascii=False, separators=(",", ":"))


# --- exports ----------------------------------------------------------------------------


def _path_only(url: str) -> str:
    return url.replace(" ", "%20")


def to_netlify(redirects: Iterable[Redirect]) -> str:
    """A Netlify ``_redirects`` file: ``from to 301``, one per line."""
    lines = [f"{_path_only(r.from_url)} {_path_only(r.to)} 301" for r in redirects]
    return "".join(line + "\n" for line in lines)


def to_nginx(redirects: Iterable[Redirect]) -> str:
    """nginx ``location`` blocks answering each old URL with a 301."""
    lines = []
    for item in redirects:
        target = item.to.replace('"', "%22")
        lines.append(f'location = {_nginx_literal(item.from_url)} {{ return 301 "{target}"; }}')
    return "".join(line + "\n" for line in lines)


def _nginx_literal(path: str) -> str:
    text = _path_only(path)
    if re.search(r"[;{}\"'\\]", text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def to_apache(redirects: Iterable[Redirect]) -> str:
    """Apache ``RedirectMatch 301`` lines (exact matches, so ``/a`` does not catch ``/a/b``)."""
    lines = []
    for item in redirects:
        pattern = "^" + re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", _path_only(item.from_url)) + "$"
        target = _path_only(item.to).replace('"', "%22")
        lines.append(f'RedirectMatch 301 "{pattern}" "{target}"')
    return "".join(line + "\n" for line in lines)
