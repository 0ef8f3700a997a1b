"""URLs and output paths as Jekyll computes them (spec §2; ``Jekyll::URL``, ``Page``,
``Document``, ``Drops::UrlDrop``, ``Filters::URLFilters``).

``url`` and ``output_path`` are kept apart: a URL comes from a template and its
placeholders (:func:`page_url`, :func:`document_url`), the file written for it from
:func:`output_path`, the one place where ``/foo/`` becomes ``foo/index.html``.  Output
paths are always relative, with no ``..`` and no empty segment, whatever the input.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes

from . import addressable
from .dates import ruby_to_s
from .errors import PermalinkError
from .slugify import ruby_downcase, slugify

HTML_EXTENSIONS = frozenset({".html", ".xhtml", ".htm"})

STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}

_PLAIN = re.compile(r"[a-zA-Z0-9./-]+\Z")
_DOC_PLACEHOLDER = re.compile(r":([a-z_]+)")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- escaping -------------------------------------------------------------------------


def escape_path(value: str) -> str:
    """``URL.escape_path``: a placeholder value made safe for a URL path.

    >>> escape_path("cat one/é")
    'cat%20one/%C3%A9'
    """
    if not value or _PLAIN.match(value):
        return value
    try:
        encoded = addressable.encode(value)
    except addressable.InvalidURIError:
        # Jekyll stops here; we escape the value as one path instead.
        encoded = addressable.encode_component(value, addressable.PATH) or ""
    return encoded.replace("#", "%23", 1)


def unescape_path(path: str) -> str:
    """``URL.unescape_path``: ``%XX`` decoded (invalid UTF-8 kept as is)."""
    if "%" not in path:
        return path
    return unquote_to_bytes(path).decode("utf-8", "surrogateescape")


def sanitize_url(url: str) -> str:
    """``URL#sanitize_url``: leading ``/``, ``..`` → ``/``, ``./`` removed, ``/`` runs squeezed."""
    result = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", result)


# --- templates ------------------------------------------------------------------------


def style_to_permalink(style: object) -> str:
    """The post template of a site ``permalink`` style (a named style or a template)."""
    text = str(style)
    return STYLES.get(text, text)


def add_permalink_suffix(template: str, style: object) -> str:
    """``Utils.add_permalink_suffix``: ``/`` or ``:output_ext`` as the site style implies."""
    text = str(style)
    if text == "pretty":
        return template + "/"
    if text in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if text.endswith("/"):
        template += "/"
    if text.endswith(":output_ext"):
        template += ":output_ext"
    return template


def page_template(*, html: bool, index: bool, style: object) -> str:
    """``Page#template``: the default URL template of a page."""
    if not html:
        return "/:path/:basename:output_ext"
    if index:
        return "/:path/"
    return add_permalink_suffix("/:path/:basename", style)


def collection_template(label: str, metadata: Mapping[str, object], style: object) -> str:
    """``Collection#url_template``: the collection's ``permalink`` or the style's default."""
    if "permalink" in metadata:
        return str(metadata["permalink"])
    if label == "posts":
        return style_to_permalink(style)
    return add_permalink_suffix("/:collection/:path", style)


def fill_page_template(template: str, placeholders: Mapping[str, str | None]) -> str:
    """``URL#generate_url_from_hash``: plain replacement, in order; others stay literal."""
    result = template
    for key, value in placeholders.items():
        if ":" not in result:
            break
        if value is None:
            result = result.replace(f"/:{key}", "")
        else:
            result = result.replace(f":{key}", escape_path(value))
    return result


def fill_document_template(template: str, placeholders: Mapping[str, str]) -> str:
    """``URL#generate_url_from_drop``: every ``:key`` must be known (``:month_`` → ``month``)."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        winner = next((key for key in pool if key in placeholders), None)
        if winner is None:
            keys = " or ".join(f":{key}" for key in pool)
            raise PermalinkError(
                f"the permalink template {template!r} uses {keys}, which Jekyll does not know"
            )
        return escape_path(placeholders[winner]) + match.group(0)[len(winner) + 1 :]

    return _DOC_PLACEHOLDER.sub(replace, template)


DATE_PLACEHOLDERS = frozenset(
    [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "i_day",
        "i_month",
        "short_month",
        "long_month",
        "short_year",
        "w_year",
        "week",
        "w_day",
        "short_day",
        "long_day",
        "y_day",
    ]
)


def uses_date(template: str) -> bool:
    """Whether filling ``template`` reads the document's date (as ``UrlDrop`` would)."""
    for name in _DOC_PLACEHOLDER.findall(template):
        if name in DATE_PLACEHOLDERS or (name.endswith("_") and name[:-1] in DATE_PLACEHOLDERS):
            return True
    return False


def page_url(
    *, directory: str, basename: str, output_ext: str, permalink: str | None, style: object
) -> str:
    """``Page#url``: the page's permalink, or its type's template, filled and sanitised.

    ``directory`` is Jekyll's ``@dir`` (``""`` at the root, ``/sub`` below it).
    """
    placeholders = {"path": directory, "basename": basename, "output_ext": output_ext}
    if permalink is not None:
        return sanitize_url(fill_page_template(permalink, placeholders))
    html = output_ext in HTML_EXTENSIONS
    template = page_template(html=html, index=basename == "index", style=style)
    return sanitize_url(fill_page_template(template, placeholders))


def document_url(template: str, placeholders: Mapping[str, str], permalink: str | None) -> str:
    """``Document#url``: its permalink or the collection template, filled and sanitised."""
    chosen = template if permalink is None else permalink
    return sanitize_url(fill_document_template(chosen, placeholders))


def date_placeholders(moment: dt.datetime) -> dict[str, str]:
    """The URL drop's date keys, as Ruby's ``strftime`` (C locale) formats them."""
    iso_year, iso_week, iso_day = moment.isocalendar()
    month, day = _MONTHS[moment.month - 1], _DAYS[moment.weekday()]
    return {
        "year": f"{moment.year:04d}", "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}", "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}", "second": f"{moment.second:02d}",
        "i_day": str(moment.day), "i_month": str(moment.month),
        "short_month": month[:3], "long_month": month,
        "short_year": f"{moment.year % 100:02d}", "w_year": str(iso_year),
        "week": f"{iso_week:02d}", "w_day": str(iso_day),
        "short_day": day[:3], "long_day": day,
        "y_day": f"{moment.timetuple().tm_yday:03d}",
    }  # fmt: skip


def document_placeholders(
    *,
    collection: str,
    cleaned_relative_path: str,
    basename_without_ext: str,
    slug: object,
    categories: object,
    date: dt.datetime,
    output_ext: str,
) -> dict[str, str]:
    """``Drops::UrlDrop``: every placeholder a document's permalink may use."""
    slug_text = None if slug is None else str(slug)
    title = slugify(slug_text, "pretty", cased=True)
    if title is None:
        title = slugify(basename_without_ext, "pretty", cased=True) or ""
    slug_value = slugify(slug_text)
    if slug_value is None:
        slug_value = slugify(basename_without_ext) or ""
    category_list = _as_list(categories)
    values = {
        "collection": collection,
        "path": cleaned_relative_path,
        "name": slugify(basename_without_ext) or "",
        "title": title,
        "slug": slug_value,
        "categories": "/".join(dict.fromkeys(ruby_downcase(ruby_to_s(c)) for c in category_list)),
        "slugified_categories": "/".join(
            dict.fromkeys(slugify(ruby_to_s(c)) or "" for c in category_list)
        ),
        "output_ext": output_ext,
    }
    values.update(date_placeholders(date))
    return values


def _as_list(value: object) -> list[object]:
    """Ruby's ``Array(value)``."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, dict):
        return [[k, v] for k, v in value.items()]
    return [value]


# --- output paths ---------------------------------------------------------------------


def permalink_ext(permalink: str | None) -> str | None:
    """``Renderer#permalink_ext``: the permalink's extension unless it ends in ``/``."""
    if permalink is None or permalink.endswith("/"):
        return None
    name = permalink.rsplit("/", 1)[-1]
    ext = _extname(name)
    return ext or None


def _extname(name: str) -> str:
    """Ruby's ``File.extname`` of a file name (``.bashrc`` → ``""``, ``a.`` → ``""``)."""
    stripped = name.lstrip(".")
    dot = stripped.rfind(".")
    return stripped[dot:] if dot > 0 else ""


def extname(path: str) -> str:
    """Ruby's ``File.extname`` of a path."""
    return _extname(path.rsplit("/", 1)[-1])


def converter_output_ext(ext: str, markdown_exts: frozenset[str]) -> str:
    """The extension Jekyll's converters give a source extension (Markdown, Sass, identity)."""
    lowered = ext.lower()
    if lowered in markdown_exts:
        return ".html"
    if lowered in (".scss", ".sass"):
        return ".css"
    return ext


def output_ext(ext: str, permalink: str | None, markdown_exts: frozenset[str]) -> str:
    """``Renderer#output_ext``: ``permalink_ext || converter_output_ext``."""
    return permalink_ext(permalink) or converter_output_ext(ext, markdown_exts)


def safe_relative(path: str) -> str:
    """``Jekyll.sanitized_path(dest, path)`` as a path relative to the destination.

    ``..`` climbs at most to the destination root, ``.`` and empty segments vanish.
    """
    parts: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    return "/".join(parts)


def output_path(url: str, ext: str, *, document: bool) -> str:
    """``Page#destination`` / ``Document#destination``, relative to the destination.

    A URL ending in ``/`` gets ``index`` + ``ext`` (a page) or ``index.html`` (a
    document); any other URL gets ``ext`` unless it already ends with it.
    """
    path = safe_relative(unescape_path(url))
    if url.endswith("/") or not path:
        # An empty path (``/.``, ``/%2e``) would be the destination itself, which
        # Jekyll cannot write; it is treated as the root index.
        name = "index.html" if document else "index" + ext
        return f"{path}/{name}" if path else name
    if not path.endswith(ext):
        path += ext
    return path


# --- relative_url / absolute_url ------------------------------------------------------


def is_absolute_uri(text: str) -> bool:
    """``Addressable::URI.parse(text).absolute?``: the text has a scheme."""
    return addressable.is_absolute(text)


def _ensure_leading_slash(text: str) -> str:
    return text if not text or text.startswith("/") else "/" + text


def normalize_uri(text: str) -> str:
    """``Addressable::URI.parse(text).normalize.to_s`` (unchanged if Addressable refuses it)."""
    try:
        return addressable.normalize(text)
    except addressable.InvalidURIError:
        return text


def relative_url(value: str, baseurl: object) -> str:
    """The ``relative_url`` filter: ``baseurl`` + ``value`` (absolute URIs unchanged)."""
    if is_absolute_uri(value):
        return value
    base = "" if baseurl is None else str(baseurl).removesuffix("/")
    joined = _ensure_leading_slash(base) + _ensure_leading_slash(value)
    return normalize_uri(joined)


def absolute_url(value: str, site_url: object, baseurl: object) -> str:
    """The ``absolute_url`` filter: ``url`` + ``relative_url(value)``.

    >>> absolute_url("/about/", "https://ex.com/", "/blog/")
    'https://ex.com//blog/about/'
    """
    if is_absolute_uri(value):
        return value
    if site_url is None or site_url == "":
        return relative_url(value, baseurl)
    return normalize_uri(str(site_url) + relative_url(value, baseurl))
