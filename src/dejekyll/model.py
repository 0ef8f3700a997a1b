"""A Jekyll site read into a :class:`~dejekyll.records.SiteModel`, as Jekyll 4.3 and
jekyll-redirect-from 0.16 read it: every page and document with its final ``url``,
``output_path`` and ``data``; every redirect; the static files; ``site.data``.

The order of the steps is Jekyll's: configuration, discovery (:mod:`.reader`), pages
(front matter; defaults looked up per key), documents (defaults merged, then front
matter, then the keys Jekyll adds, then publishing and sorting), the redirect
generator, and the site-wide checks (:mod:`.checks`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import permalink as pl
from .checks import check_site
from .config import deep_merge, load_config, markdown_extensions, plugin_enabled
from .dates import (
    DATE_FILENAME,
    DATELESS_FILENAME,
    Zone,
    document_date,
    get_zone,
    now,
    ruby_to_s,
)
from .defaults import Defaults
from .errors import ConfigError, DateError, PermalinkError
from .frontmatter import FrontMatter, read_front_matter
from .reader import DocumentFile, EntryFilter, PageFile, SiteReader, StaticSource, read_data
from .records import Diagnostic, Entry, Kind, Redirect, SiteModel, StaticFile
from .redirects import PLUGIN as REDIRECT_PLUGIN
from .redirects import redirect_to, redirect_to_data, redirects_from

_RUBY_SPACE = " \t\n\v\f\r\x00"


class _Clock:
    """The build time, noting whether anything the model keeps was made from it."""

    def __init__(self, time: dt.datetime, *, pinned: bool) -> None:
        self.time = time
        self.pinned = pinned
        self.read = False

    def __call__(self) -> dt.datetime:
        if not self.pinned:
            self.read = True
        return self.time


@dataclass
class _Site:
    """What every step needs to know about the site."""

    source: Path
    config: dict[str, Any]
    zone: Zone
    defaults: Defaults
    markdown_exts: frozenset[str]
    future: bool
    unpublished: bool
    clock: _Clock
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def time(self) -> dt.datetime:
        """The build time, read without noting it (comparisons that cannot change a value)."""
        return self.clock.time

    @property
    def style(self) -> object:
        return self.config.get("permalink")

    @property
    def collections_dir(self) -> str:
        return str(self.config.get("collections_dir") or "")

    def collection_meta(self, label: str) -> Mapping[str, Any]:
        meta = (self.config.get("collections") or {}).get(label)
        return meta if isinstance(meta, Mapping) else {}


@dataclass
class _Item:
    """A page or document being read (mutable until it becomes an :class:`Entry`)."""

    source: str
    kind: str
    collection: str | None
    data: dict[str, Any]
    front_matter: Mapping[str, Any]
    body: str
    body_line: int
    ext: str
    url: str = ""
    output_path: str | None = None
    written: bool = True
    liquid: dict[str, Any] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sort_path: str = ""
    explicit_date: bool = False

    def entry(self, markdown_exts: frozenset[str]) -> Entry:
        kind: Kind = "page" if self.kind == "page" else "document"
        return Entry(
            source=self.source,
            kind=kind,
            collection=self.collection,
            url=self.url,
            output_path=self.output_path if self.written else None,
            front_matter=self.front_matter,
            data=MappingProxyType(self.data),
            body=self.body,
            body_line=self.body_line,
            ext=self.ext,
            markdown=self.ext.lower() in markdown_exts,
            diagnostics=tuple(self.diagnostics),
        )


class _SkipError(Exception):
    """The item is left out of the model (Jekyll would stop the build, or not read it)."""

    def __init__(self, diagnostic: Diagnostic | None = None) -> None:
        super().__init__(diagnostic.message if diagnostic else "")
        self.diagnostic = diagnostic


# --- helpers ---------------------------------------------------------------------------


def _key_line(front_matter_text: str, key: str) -> int | None:
    """The 1-based line of ``key:`` at the top level of a front matter block."""
    pattern = re.compile(rf"^['\"]?{re.escape(key)}['\"]?[ \t]*:", re.MULTILINE)
    match = pattern.search(front_matter_text)
    return front_matter_text.count("\n", 0, match.start()) + 1 if match else None


def _read(site: _Site, relpath: str) -> tuple[FrontMatter, str]:
    raw = (site.source / relpath).read_bytes()
    found = read_front_matter(raw, relpath)
    text = raw.decode("utf-8", "replace")
    if found is None:  # no front matter: a post read anyway, or the file changed
        problems: tuple[Diagnostic, ...] = ()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            message = "invalid UTF-8; Jekyll skips such a post"
            problems = (Diagnostic("warning", relpath, None, message, kind="encoding"),)
        found = FrontMatter(MappingProxyType({}), text.removeprefix("\ufeff"), 1, problems)
    head = "\n".join(text.split("\n")[: max(found.body_line - 1, 1)])
    return found, head


def _ruby_split(text: str) -> list[str]:
    return [part for part in re.split(f"[{re.escape(_RUBY_SPACE)}]+", text) if part]


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        if isinstance(item, list):
            flat.extend(_flatten(item))
        else:
            flat.append(item)
    return flat


def _as_array(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return list(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    return [value]


def _union(left: list[Any], right: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in [*left, *right]:
        if item not in result:
            result.append(item)
    return result


def _pluralized(data: Mapping[str, Any], singular: str, plural: str) -> list[Any]:
    """``Utils.pluralized_array_from_hash``."""
    value = data.get(singular) if singular in data else None
    if not value and plural in data:
        found = data[plural]
        if isinstance(found, str):
            value = _ruby_split(found)
        elif isinstance(found, list):
            value = [item for item in found if item is not None]
        else:
            value = None
    return [item for item in _flatten([value]) if item is not None]


def _titleize(slug: str) -> str:
    parts = slug.split("-")
    while parts and parts[-1] == "":
        parts.pop()
    return " ".join(p[:1].upper() + p[1:].lower() for p in parts)


def _basename_without_ext(name: str) -> str:
    ext = pl.extname(name)
    return name[: -len(ext)] if ext else name


# --- documents -------------------------------------------------------------------------


def _merge_data(
    site: _Site, item: _Item, other: Mapping[str, Any], origin: str, head: str | None
) -> None:
    """``Document#merge_data!``: categories united, deep merge, then the date parsed."""
    other = dict(other)
    if other.get("categories") is not None:
        cats = other["categories"]
        if isinstance(cats, str):
            cats = _ruby_split(cats)
        if isinstance(item.data.get("categories"), list):
            cats = _union(item.data["categories"], _as_array(cats))
        other["categories"] = cats
    item.data = deep_merge(item.data, other)
    if "date" in item.data:
        value = item.data["date"]
        try:
            item.data["date"] = document_date(value, site.zone, site.clock)
        except DateError as err:
            line = (
                _key_line(head, "date") if head is not None and origin == "front matter" else None
            )
            if origin == "filename":
                line = 1  # the file as a whole: its name is what is wrong
            raise _SkipError(
                Diagnostic(
                    "error",
                    item.source,
                    line,
                    f"invalid date {ruby_to_s(value)!r} in the {origin} ({err.message}); "
                    "Jekyll stops the build here. The document is left out",
                    kind="date",
                )
            ) from err


def _populate(site: _Site, item: _Item, relpath: str) -> None:
    """``Document#read_post_data``: title, slug, ext, categories, tags."""
    slug: str | None = None
    ext: str | None = None
    if match := DATE_FILENAME.match(relpath):
        date_text, slug, ext = match.groups()
        current = item.data.get("date")
        if not current or (
            isinstance(current, dt.datetime)
            and int(current.timestamp()) == int(site.time.timestamp())
        ):
            _merge_data(site, item, {"date": date_text}, "filename", None)
    elif match := DATELESS_FILENAME.match(relpath):
        slug, ext = match.groups()
    slug = re.sub(
        r"\.*\Z",
        "",
        slug if slug is not None else _basename_without_ext(relpath.rsplit("/", 1)[-1]),
    )
    if not item.data.get("title"):
        item.data["title"] = _titleize(slug)
    if not item.data.get("slug"):
        item.data["slug"] = slug
    if not item.data.get("ext"):
        item.data["ext"] = ext
    categories = _as_array(item.data.get("categories")) + _pluralized(
        item.data, "category", "categories"
    )
    merged = list(dict.fromkeys(ruby_to_s(c) for c in _flatten(categories)))
    _merge_data(site, item, {"categories": merged}, "front matter", None)
    tags = _flatten(_pluralized(item.data, "tag", "tags"))
    _merge_data(site, item, {"tags": tags}, "front matter", None)


def _categories_from_path(relpath: str, special: str, name: str) -> list[str]:
    if relpath.startswith(special):
        return []
    above = re.sub(re.escape(special) + ".*", "", relpath, count=1)
    return [c for c in above.split("/") if c and c not in (special, name)]


def _document_view(problem: Diagnostic) -> Diagnostic:
    """Front matter that is not a mapping stops Jekyll on a page, not on a document."""
    if problem.kind != "yaml" or problem.level != "error":
        return problem
    message = (
        "front matter is not a mapping; Jekyll logs an error and reads the document "
        "without it (no title, slug or categories are added)"
    )
    return Diagnostic("error", problem.source, problem.line, message, problem.column, "yaml")


def _read_document(site: _Site, doc: DocumentFile) -> _Item:
    label = doc.collection
    container = site.collections_dir
    source = f"{container}/{doc.relpath}" if container else doc.relpath
    name = doc.relpath.rsplit("/", 1)[-1]
    found, head = _read(site, source)
    item = _Item(
        source=source,
        kind="document",
        collection=label,
        # Document#draft?: a posts document whose path lacks "_posts" (Jekyll's test).
        data={"draft": label == "posts" and "_posts" not in doc.relpath},
        front_matter=found.data,
        body=found.body,
        body_line=found.body_line,
        ext=pl.extname(name),
        diagnostics=[_document_view(d) if found.fatal else d for d in found.diagnostics],
        sort_path=doc.relpath,
    )
    special = "_drafts" if doc.draft else f"_{label}"
    _merge_data(
        site,
        item,
        {"categories": _categories_from_path(doc.relpath, special, name)},
        "file path",
        None,
    )
    defaults = site.defaults.all(doc.relpath, label)
    if defaults:
        _merge_data(site, item, defaults, "front matter defaults", None)
    for message in site.defaults.date_type_errors(doc.relpath, label):
        item.diagnostics.append(Diagnostic("error", source, None, message, kind="date"))
    broken = found.fatal or any(d.kind == "yaml" for d in found.diagnostics)
    if found.data:
        _merge_data(site, item, found.data, "front matter", head)
    if not broken:
        # Jekyll skips read_post_data when the front matter could not be merged.
        _populate(site, item, doc.relpath)
    item.explicit_date = "date" in item.data
    return item


def _default_date(site: _Site, item: _Item) -> dt.datetime:
    """``Document#date``: the build time, or a draft's modification time."""
    if item.data.get("draft"):
        mtime = (site.source / item.source).stat().st_mtime
        when = dt.datetime.fromtimestamp(int(mtime), dt.UTC)
        return when.astimezone(site.zone) if site.zone else when.astimezone()
    return site.clock()


def _published(site: _Site, item: _Item) -> bool:
    """``Publisher#publish?``: published (``nil`` hides) and not in the future.

    Like Jekyll's, the future test gives a dateless document its default date.
    """
    if not (item.data.get("published", True) or site.unpublished):
        return False
    if site.future:
        return True
    if "date" not in item.data:
        item.data["date"] = _default_date(site, item)
    date = item.data["date"]
    if isinstance(date, dt.datetime) and int(date.timestamp()) > int(site.time.timestamp()):
        site.clock()  # left out until its date: a later build would publish it
        return False
    return True


def _document_url(site: _Site, item: _Item, relpath: str) -> None:
    label = item.collection or ""
    meta = site.collection_meta(label)
    template = pl.collection_template(label, meta, site.style)
    value = item.data.get("permalink")
    permalink = None if value is None or value is False else ruby_to_s(value)
    ext = pl.output_ext(item.ext, permalink, site.markdown_exts)
    stem = relpath[: -len(item.ext)] if item.ext else relpath
    cleaned = re.sub(r"\.*\Z", "", stem.replace(f"_{label}", "", 1))
    date = item.data.get("date")
    if date is None and re.search(
        r":(?:year|month|day|hour|minute|second|i_|short_|long_|w_|week|y_day)",
        template if permalink is None else permalink,
    ):
        date = item.data["date"] = _default_date(site, item)
    placeholders = pl.document_placeholders(
        collection=label,
        cleaned_relative_path=cleaned,
        basename_without_ext=_basename_without_ext(relpath.rsplit("/", 1)[-1]),
        slug=item.data.get("slug"),
        categories=item.data.get("categories"),
        # without date placeholders in the template the date does not reach the URL
        date=date if isinstance(date, dt.datetime) else site.time,
        output_ext=ext,
    )
    try:
        item.url = pl.document_url(template, placeholders, permalink)
    except PermalinkError as err:
        raise _SkipError(
            Diagnostic(
                "error",
                item.source,
                None,
                f"{err.message}; Jekyll stops the build here. The document is left out",
                kind="permalink",
            )
        ) from err
    item.output_path = pl.output_path(item.url, ext, document=True)


def _ruby_compare(left: Any, right: Any) -> int | None:
    """Ruby's ``<=>`` for the values front matter holds; ``None`` when incomparable."""
    numbers = (int, float)
    same = (
        (isinstance(left, numbers) and isinstance(right, numbers))
        and not isinstance(left, bool)
        and not isinstance(right, bool)
    )
    if same or (type(left) is type(right) and isinstance(left, str | dt.datetime | dt.date)):
        try:
            return int((left > right) - (left < right))
        except TypeError:
            return None
    return None


def _default_order(a: _Item, b: _Item) -> int:
    cmp = None
    if a.explicit_date and b.explicit_date:
        cmp = _ruby_compare(a.data.get("date"), b.data.get("date"))
    if not cmp:
        cmp = (a.sort_path > b.sort_path) - (a.sort_path < b.sort_path)
    return cmp


def _sort_documents(items: list[_Item], meta: Mapping[str, Any], label: str) -> list[_Item]:
    """``Collection#sort_docs!``: ``order``, else ``sort_by``, else date then path."""
    ordered = sorted(items, key=functools.cmp_to_key(_default_order))
    if label == "posts":
        return ordered
    order = meta.get("order")
    if isinstance(order, list):
        table = {item.sort_path: item for item in ordered}
        listed = [f"_{label}/{entry}" for entry in order]
        result = [table[p] for p in dict.fromkeys(listed) if p in table]
        return result + [i for i in ordered if i.sort_path not in set(listed)]
    key = meta.get("sort_by")
    if isinstance(key, str):

        def by_key(a: _Item, b: _Item) -> int:
            left, right = a.data.get(key), b.data.get(key)
            if left is None and right is not None:
                return 1
            if left is not None and right is None:
                return -1
            cmp = _ruby_compare(left, right)
            return cmp if cmp else _default_order(a, b)

        return sorted(items, key=functools.cmp_to_key(by_key))
    return ordered


def _read_collection(site: _Site, label: str, files: list[DocumentFile]) -> list[_Item]:
    meta = site.collection_meta(label)
    items = []
    for doc in files:
        try:
            item = _read_document(site, doc)
        except _SkipError as skip:
            if skip.diagnostic:
                site.diagnostics.append(skip.diagnostic)
            continue
        if label == "posts":
            if any(d.kind == "encoding" for d in item.diagnostics):
                site.diagnostics.extend(item.diagnostics)
                continue
            if not _published(site, item):
                continue
            # PostReader ran the publisher, which dated the post, before the sort.
            item.explicit_date = "date" in item.data
        elif item.data.get("published") is False and not site.unpublished:
            continue
        item.written = bool(meta.get("output")) and _published(site, item)
        try:
            _document_url(site, item, doc.relpath)
        except _SkipError as skip:
            if skip.diagnostic:
                site.diagnostics.append(skip.diagnostic)
            continue
        items.append(item)
    items = _sort_documents(items, meta, label)
    limit = site.config.get("limit_posts") or 0
    if label == "posts" and isinstance(limit, int) and limit > 0:
        items = items[-limit:]
    return items


# --- pages -----------------------------------------------------------------------------


def _read_page(site: _Site, page: PageFile) -> _Item | None:
    relpath = page.relpath
    found, _ = _read(site, relpath)
    fm = dict(found.data)
    if not (fm.get("published", True) or site.unpublished):
        return None
    defaults = site.defaults.all(relpath, "pages")
    item = _Item(
        source=relpath,
        kind="page",
        collection=None,
        data={**defaults, **fm},
        front_matter=found.data,
        body=found.body,
        body_line=found.body_line,
        ext=pl.extname(page.name),
        liquid=deep_merge(defaults, fm),
        diagnostics=list(found.diagnostics),
    )
    if fm.get("permalink") == "":
        raise _SkipError(
            Diagnostic(
                "error",
                relpath,
                None,
                "empty permalink; Jekyll stops the build here (InvalidPermalinkError). "
                "The page is left out",
                kind="permalink",
            )
        )
    value = (
        fm["permalink"] if "permalink" in fm else site.defaults.find(relpath, "pages", "permalink")
    )
    permalink = None if value is None or value is False else ruby_to_s(value)
    ext = pl.output_ext(item.ext, permalink, site.markdown_exts)
    basename = re.sub(r"\.*\Z", "", _basename_without_ext(page.name))
    item.url = pl.page_url(
        directory=page.directory,
        basename=basename,
        output_ext=ext,
        permalink=permalink,
        style=site.style,
    )
    item.output_path = pl.output_path(item.url, ext, document=False)
    return item


OPTIONAL_FRONT_MATTER = "jekyll-optional-front-matter"
_OPTIONAL_BLACKLIST = frozenset(
    {"README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT", "CONTRIBUTING",
     "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE"}
)  # fmt: skip


def _optional_front_matter(
    site: _Site, statics: list[StaticSource]
) -> tuple[list[PageFile], list[StaticSource]]:
    """jekyll-optional-front-matter: Markdown files without front matter become pages.

    Returns the new pages (appended after the others, as the generator does) and the
    static files left (the originals are dropped only with ``remove_originals``).
    """
    config = site.config
    if not plugin_enabled(config, OPTIONAL_FRONT_MATTER):
        return [], statics
    options = config.get("optional_front_matter")
    options = options if isinstance(options, Mapping) else {}
    if options.get("enabled") is False or config.get("require_front_matter"):
        return [], statics
    cleanup = options.get("remove_originals") is True or bool(config.get("require_front_matter"))
    entry_filter = EntryFilter(site.source, config)
    pages, kept = [], []
    for static in statics:
        name = static.relpath.rsplit("/", 1)[-1]
        folder = static.relpath.rpartition("/")[0]
        if pl.extname(name).lower() not in site.markdown_exts:
            kept.append(static)
            continue
        if static.collection is None:
            page = PageFile(f"/{folder}" if folder else "", name)
        else:
            inside = folder.removeprefix(site.collections_dir).lstrip("/")
            page = PageFile(inside, name)
        basename = re.sub(r"\.*\Z", "", _basename_without_ext(name)).upper()
        if basename in _OPTIONAL_BLACKLIST and not entry_filter.included(page.relpath):
            kept.append(static)
            continue
        pages.append(page)
        if not cleanup:
            kept.append(static)
    return pages, kept


_UNMODELLED_PLUGINS = {
    "jekyll-readme-index": "turns README files into index pages",
    "jekyll-titles-from-headings": "gives pages a title from their first heading",
    "jekyll-default-layout": "gives pages without a layout a default one",
    "jekyll-archives": "generates archive pages",
    "jekyll-archives-v2": "generates archive pages",
    "jekyll-remote-theme": "reads a theme from GitHub",
}


def _unmodelled(config: Mapping[str, Any]) -> list[Diagnostic]:
    """Warnings for a theme and for plugins that change pages or their data."""
    found = [
        Diagnostic(
            "warning",
            None,
            None,
            f"plugin {name} {effect}; dejekyll does not model it",
            kind="unsupported-plugin",
        )
        for name, effect in _UNMODELLED_PLUGINS.items()
        if plugin_enabled(config, name)
    ]
    if config.get("theme"):
        found.append(
            Diagnostic(
                "warning",
                None,
                None,
                f"theme {config['theme']!r}: its config, layouts, includes and assets are not read",
                kind="theme",
            )
        )
    return found


def _paginated_template(site: _Site, item: _Item) -> bool:
    """A jekyll-paginate-v2 template page, which the plugin replaces by generated pages."""
    if not plugin_enabled(site.config, "jekyll-paginate-v2"):
        return False
    site_conf = site.config.get("pagination")
    legacy = site.config.get("paginate") is not None
    if not legacy and not (isinstance(site_conf, Mapping) and site_conf.get("enabled")):
        return False
    page_conf = item.liquid.get("pagination")
    if not isinstance(page_conf, Mapping):
        return False
    merged = deep_merge(site_conf if isinstance(site_conf, Mapping) else {}, page_conf)
    return bool(merged.get("enabled", legacy))


def _read_pages(site: _Site, pages: Sequence[PageFile]) -> list[_Item]:
    items = []
    for page in pages:
        try:
            item = _read_page(site, page)
        except _SkipError as skip:
            if skip.diagnostic:
                site.diagnostics.append(skip.diagnostic)
            continue
        if item is None:
            continue
        if _paginated_template(site, item):
            site.diagnostics.append(
                Diagnostic(
                    "warning",
                    item.source,
                    None,
                    "pagination template: jekyll-paginate-v2 replaces this page by its "
                    "generated pages, which dejekyll does not produce",
                    kind="unsupported-plugin",
                )
            )
            continue
        items.append(item)
    return items


# --- redirects and static files --------------------------------------------------------


def _redirects(site: _Site, docs: list[_Item], pages: list[_Item]) -> list[Redirect]:
    """The jekyll-redirect-from generator: written documents first, then pages."""
    if not plugin_enabled(site.config, REDIRECT_PLUGIN):
        return []
    found: list[Redirect] = []
    for item in [*(d for d in docs if d.written), *pages]:
        view = item.liquid if item.kind == "page" else item.data
        found.extend(
            redirects_from(
                item.source, item.url, view.get("redirect_from"), site.config, site.markdown_exts
            )
        )
        target = redirect_to(
            item.source, item.url, item.output_path, view.get("redirect_to"), site.config
        )
        if target is not None:
            item.data.update(redirect_to_data(item.url, target.to))
            item.body = ""
            found.append(target)
    return found


def _static_file(site: _Site, static: StaticSource) -> StaticFile:
    name = static.relpath.rsplit("/", 1)[-1]
    ext = pl.extname(name)
    if static.collection is None:
        stem = static.relpath[: -len(ext)] if ext else static.relpath
        url = "/" + re.sub(r"\.*\Z", "", stem) + ext
        published = site.defaults.all(url, None).get("published", True)
        return StaticFile(
            static.relpath, pl.safe_relative(pl.unescape_path(url)) if published else None
        )
    label = static.collection
    meta = site.collection_meta(label)
    inside = (
        static.relpath.removeprefix(f"{site.collections_dir}/")
        if site.collections_dir
        else static.relpath
    )
    stem = inside[: -len(ext)] if ext else inside
    cleaned = re.sub(r"\.*\Z", "", stem).replace(f"_{label}", "", 1)
    placeholders = {
        "collection": label,
        "path": cleaned,
        "output_ext": "",
        "name": re.sub(r"\.*\Z", "", _basename_without_ext(name)),
        "title": "",
    }
    template = pl.collection_template(label, meta, site.style)
    url = pl.sanitize_url(pl.fill_page_template(template, placeholders)).removesuffix("/") + ext
    published = site.defaults.all(url, label).get("published", True)
    written = bool(meta.get("output")) and bool(published)
    out = pl.safe_relative(pl.unescape_path(url)) if written else None
    return StaticFile(static.relpath, out, label)


# --- the site --------------------------------------------------------------------------


def _site(
    source: Path,
    config: dict[str, Any],
    *,
    future: bool | None,
    unpublished: bool,
) -> _Site:
    problems = []
    try:
        zone = get_zone(config.get("timezone"))
    except ConfigError as err:
        # Ruby, given an unknown TZ, silently keeps UTC.
        zone = dt.UTC
        message = f"{err.message}; Jekyll (Ruby) then uses UTC"
        problems.append(Diagnostic("warning", None, None, message, kind="config"))
    time = now(zone)
    if config.get("time"):
        try:
            time = document_date(config["time"], zone)
        except DateError as err:
            raise ConfigError(f"invalid time in the configuration: {err.message}") from err
    clock = _Clock(time, pinned=bool(config.get("time")))
    return _Site(
        source=source,
        config=config,
        zone=zone,
        clock=clock,
        defaults=Defaults(config, source, zone, clock),
        markdown_exts=markdown_extensions(config),
        future=bool(config.get("future")) if future is None else future,
        unpublished=unpublished or bool(config.get("unpublished")),
        diagnostics=problems,
    )


def build_model(
    source: Path,
    *,
    config_files: Sequence[Path] | None = None,
    overrides: Mapping[str, Any] | None = None,
    drafts: bool = False,
    future: bool | None = None,
    unpublished: bool = False,
) -> SiteModel:
    """Read the site at ``source`` as Jekyll would, without rendering anything.

    ``config_files`` replaces the ``_config.yml`` lookup (Jekyll's ``--config``),
    ``overrides`` are merged over the files; ``drafts``, ``future`` and
    ``unpublished`` are Jekyll's build flags (``future=None``: the config decides).
    Raises :class:`~dejekyll.errors.ConfigError` when the build cannot start.
    """
    source = Path(source)
    if not source.is_dir():
        raise ConfigError("the source is not a directory", path=str(source))
    config, problems = load_config(source, config_files=config_files, overrides=overrides)
    site = _site(source, config, future=future, unpublished=unpublished)
    site.diagnostics.extend(problems)
    site.diagnostics.extend(site.defaults.diagnostics)
    site.diagnostics.extend(_unmodelled(config))
    found = SiteReader(source, config, drafts=drafts or bool(config.get("show_drafts"))).read()
    site.diagnostics.extend(found.diagnostics)
    optional, found.static_files = _optional_front_matter(site, found.static_files)
    pages = _read_pages(site, [*found.pages, *optional])
    docs = [
        item
        for label, files in found.documents.items()
        for item in _read_collection(site, label, files)
    ]
    redirects = _redirects(site, docs, pages)
    entries = tuple(item.entry(site.markdown_exts) for item in [*pages, *docs])
    statics = tuple(_static_file(site, s) for s in found.static_files)
    data, data_problems = read_data(source, config)
    site.diagnostics.extend(data_problems)
    checks = check_site(entries, redirects, statics, config)
    return SiteModel(
        source=str(source),
        config=MappingProxyType(config),
        entries=entries,
        redirects=tuple(redirects),
        static_files=statics,
        data=MappingProxyType(data),
        diagnostics=(*site.diagnostics, *checks),
        time=site.time,
        reads_clock=site.clock.read,
    )
