"""Sanitising a fragment with nh3 (the ammonia sanitizer) and an allowlist made for content.

What a converted page needs survives: ids and classes (heading anchors, footnotes,
Rouge's token classes), ``style``, ``role`` and ``aria-*``/``data-*`` attributes,
``<details>``/``<summary>``, tables with their spans and alignment, images, audio and
video, task-list checkboxes, footnote links with their ``rel``, and MathJax's ``\\(…\\)``
and ``\\[…\\]`` (plain text to a sanitizer).  What can run goes: ``<script>``, ``<style>``,
event handler attributes, ``javascript:`` URLs, forms, and every ``<iframe>`` whose
``src`` is not on an allowlisted host (YouTube, Vimeo … see :data:`DEFAULT_IFRAME_HOSTS`)
or the site itself (a path without a host), which is removed whole, not left empty.

nh3 is an optional dependency (``pip install 'dejekyll[sanitize]'``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .errors import ConfigError
from .htmltokens import Token, tokenize

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_IFRAME_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "w.soundcloud.com",
    "open.spotify.com",
    "codepen.io",
    "speakerdeck.com",
    "slideshare.net",
)
"""Hosts (with their subdomains) an ``<iframe>`` may show."""

ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "article",
        "aside",
        "audio",
        "b",
        "bdi",
        "bdo",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "li",
        "main",
        "mark",
        "nav",
        "ol",
        "p",
        "picture",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "section",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)
"""Elements kept (others are unwrapped: their content stays)."""

_EVERYWHERE = frozenset(
    {"id", "class", "style", "title", "lang", "dir", "role", "hidden", "translate"}
    | {"itemscope", "itemtype", "itemprop", "itemid", "itemref"}  # microdata
)
_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name", "rel", "target", "hreflang", "type", "download"}),
    "img": frozenset(
        {"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding", "align"}
    ),
    "iframe": frozenset(
        {"src", "width", "height", "allow", "allowfullscreen", "frameborder", "loading"}
        | {"referrerpolicy", "scrolling"}
    ),
    "video": frozenset(
        {"src", "controls", "width", "height", "poster", "preload", "loop", "muted"}
        | {"playsinline", "autoplay"}
    ),
    "audio": frozenset({"src", "controls", "preload", "loop", "muted"}),
    "source": frozenset({"src", "type", "srcset", "sizes", "media"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "td": frozenset({"colspan", "rowspan", "align", "valign", "headers"}),
    "th": frozenset({"colspan", "rowspan", "align", "valign", "headers", "scope", "abbr"}),
    "col": frozenset({"span", "width", "align"}),
    "colgroup": frozenset({"span", "width", "align"}),
    "table": frozenset({"border", "cellpadding", "cellspacing", "width", "summary"}),
    "tr": frozenset({"align", "valign"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "ul": frozenset({"type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "input": frozenset({"type", "checked", "disabled"}),
    "p": frozenset({"align"}),
    "div": frozenset({"align"}),
}
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp", "data"})
_REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "object", "embed", "noscript"})


def iframe_allowed(src: str, hosts: Collection[str]) -> bool:
    """Whether an iframe may show ``src``: the site's own file, or https on one of ``hosts``.

    A path without a host (``/talkmap/map.html``, ``demo.html``) is the site's own; a host
    must be one of ``hosts`` or a subdomain of one.
    """
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc:
        return "\\" not in src  # /\host is another host to a browser
    if parts.scheme not in ("https", "") or not parts.netloc:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in (h.lower() for h in hosts))


def drop_foreign_iframes(html: str, hosts: Collection[str]) -> str:
    """Remove each ``<iframe>`` (with its content) whose ``src`` is not on ``hosts``."""
    if "<iframe" not in html.lower():
        return html
    out: list[str] = []
    dropping = False
    for token in tokenize(html):
        if dropping:
            dropping = not (token.kind == "end" and token.name == "iframe")
            continue
        if token.kind == "start" and token.name == "iframe" and not _allowed(token, hosts):
            dropping = not token.text.endswith("/>")
            continue
        out.append(token.text)
    return "".join(out)


def _allowed(token: Token, hosts: Collection[str]) -> bool:
    sources = [a.value for a in token.attributes() if a.name == "src"]
    return bool(sources) and sources[0] is not None and iframe_allowed(sources[0], hosts)


def sanitize(
    html: str,
    *,
    iframe_hosts: Collection[str] = DEFAULT_IFRAME_HOSTS,
    strip_comments: bool = False,
) -> str:
    """The fragment with only the allowlisted elements, attributes and iframes.

    Raises:
        ConfigError: nh3 is not installed.
    """
    try:
        import nh3
    except ImportError as err:
        raise ConfigError(
            "sanitising needs nh3: pip install 'dejekyll[sanitize]' (or nh3)"
        ) from err
    html = drop_foreign_iframes(html, iframe_hosts)
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    attributes["*"] = set(_EVERYWHERE)
    cleaned: str = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_REMOVED_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=_attribute_filter(iframe_hosts),
        strip_comments=strip_comments,
        link_rel=None,
        url_schemes=set(_URL_SCHEMES),
        generic_attribute_prefixes={"data-", "aria-"},
    )
    return cleaned


def _attribute_filter(hosts: Collection[str]) -> Callable[[str, str, str], str | None]:
    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "iframe" and attribute == "src" and not iframe_allowed(value, hosts):
            return None
        if element == "input" and attribute == "type" and value.lower() != "checkbox":
            return None
        if attribute in ("src", "href") and value.strip().lower().startswith("data:"):
            return value if element in ("img", "source") else None
        return value

    return keep
