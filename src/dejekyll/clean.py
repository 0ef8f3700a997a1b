"""The clean stage: the fragment as Jekyll made it, minus what a new home does not want.

By default the fragment is Jekyll's, byte for byte, comments included (a comment between
two runs of white space is visible to whoever compares whitespace).  Asked to, cleaning,
in this order:

- removes HTML comments outside ``<script>``/``<style>``/``<textarea>``, where a comment
  marker is text (``strip_comments``);
- sanitises with nh3 and a content allowlist (``sanitize``, :mod:`dejekyll.sanitize`);
- moves internal links from the site's ``baseurl`` to a new one (``baseurl``,
  :mod:`dejekyll.relink`);
- pretty-prints or minifies, changing only white space a browser ignores (``pretty``,
  ``minify``, :mod:`dejekyll.layout`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib.util import find_spec
from typing import Any

from .errors import ConfigError
from .sanitize import DEFAULT_IFRAME_HOSTS

# A comment, or a raw-text element whose content must not be searched for comments.
_COMMENT_OR_RAW = re.compile(
    r"<!--.*?-->|<(script|style|textarea)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CleanOptions:
    """What the clean stage does to a fragment (nothing, by default)."""

    strip_comments: bool = False
    sanitize: bool = False
    """Keep only allowlisted elements and attributes (needs nh3)."""
    iframe_hosts: tuple[str, ...] = DEFAULT_IFRAME_HOSTS
    """With ``sanitize``: the hosts (and their subdomains) an ``<iframe>`` may come from."""
    baseurl: str | None = None
    """The site's new base path (``/new``, ``""`` for the root); None leaves links alone."""
    site_baseurl: str | None = None
    """The ``baseurl`` the site was built for (filled from its config by :meth:`for_site`)."""
    pretty: bool = False
    """One block tag a line, indented."""
    minify: bool = False
    """No white space a browser ignores."""

    def __post_init__(self) -> None:
        if self.pretty and self.minify:
            raise ConfigError("a fragment cannot be both pretty-printed and minified")
        if self.sanitize and find_spec("nh3") is None:
            raise ConfigError("sanitising needs nh3: pip install 'dejekyll[sanitize]' (or nh3)")

    def for_site(self, config: Mapping[str, Any]) -> CleanOptions:
        """These options, knowing the site's own ``baseurl`` (when a new one is asked for)."""
        if self.baseurl is None or self.site_baseurl is not None:
            return self
        old = config.get("baseurl")
        return replace(self, site_baseurl=old if isinstance(old, str) else "")


def strip_comments(html: str) -> str:
    """Remove HTML comments, leaving raw-text elements (``<script>`` …) untouched."""

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if match.group(1) else ""

    return _COMMENT_OR_RAW.sub(replace, html)


def clean_fragment(html: str, options: CleanOptions = CleanOptions()) -> str:
    """Apply the clean options to one fragment (unchanged without any)."""
    if options.strip_comments and "<!--" in html:
        html = strip_comments(html)
    if options.sanitize:
        from .sanitize import sanitize

        html = sanitize(
            html, iframe_hosts=options.iframe_hosts, strip_comments=options.strip_comments
        )
    if options.baseurl is not None:
        from .relink import rebase_links

        html = rebase_links(html, options.site_baseurl or "", options.baseurl)
    if options.pretty:
        from .layout import pretty

        html = pretty(html)
    elif options.minify:
        from .layout import minify

        html = minify(html)
    return html
