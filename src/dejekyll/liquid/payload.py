"""The ``site``, ``page`` and ``jekyll`` variables, as Jekyll's drops expose them.

Every drop is a read-only :class:`~collections.abc.Mapping` whose values are
computed on first access and then kept, so a site payload is built once and
costs nothing for the keys no template reads.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..records import Entry, SiteModel, StaticFile
from .rubyfmt import to_s

JEKYLL_VERSION = "4.3.1"

ExcerptRenderer = Callable[[Entry], str]


class LazyDrop(Mapping[str, Any]):
    """A mapping of fixed computed keys over a fallback mapping (``fallback_data``)."""

    def __init__(self, fallback: Mapping[str, Any]) -> None:
        self._fallback = fallback
        self._cache: dict[str, Any] = {}

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        return {}

    def __getitem__(self, key: str) -> Any:
        if key in self._cache:
            return self._cache[key]
        computed = self._computed()
        if key in computed:
            value = computed[key]()
            if key == "content":
                return value
        elif key in self._fallback:
            value = self._fallback[key]
        else:
            raise KeyError(key)
        self._cache[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._computed() or key in self._fallback

    _data_first = False
    """Key order: ``Page#to_liquid`` lists the data keys first, drops their methods."""

    def __iter__(self) -> Iterator[str]:
        seen = set()
        computed = tuple(self._computed())
        keys = (*self._fallback, *computed) if self._data_first else (*computed, *self._fallback)
        for key in keys:
            if key not in seen:
                seen.add(key)
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


class ExcerptValue:
    """A document's generated excerpt: rendered (Liquid, then Markdown) on demand."""

    def __init__(self, entry: Entry, render: ExcerptRenderer) -> None:
        self._entry = entry
        self._render = render
        self._output: str | None = None

    def liquid_to_s(self) -> str:
        """``Excerpt#to_s``: the rendered excerpt."""
        if self._output is None:
            self._output = self._render(self._entry)
        return self._output

    def __str__(self) -> str:
        return self.liquid_to_s()


def ruby_dirname(path: str) -> str:
    """``File.dirname``: trailing slashes are ignored (``/a/b/`` gives ``/a``)."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path.startswith("/") else "."
    folder = posixpath.dirname(stripped)
    if not folder:
        return "."
    return folder.rstrip("/") or "/"


def url_dir(url: str) -> str:
    """``Page#url_dir``: the URL's folder, with a trailing slash."""
    folder = ruby_dirname(url)
    return folder if folder.endswith("/") else folder + "/"


class PageDrop(LazyDrop):
    """``Page#to_liquid``: the data hash plus ``content dir excerpt name path url``."""

    _data_first = True

    def __init__(
        self,
        entry: Entry,
        content: Callable[[Entry], str] | None = None,
        excerpt: Callable[[Entry], object] | None = None,
    ) -> None:
        super().__init__(entry.data)
        self.entry = entry
        self._content = content
        self._excerpt = excerpt
        """Set when the site has ``page_excerpts: true``: pages then get excerpts too."""

    def _excerpt_value(self) -> object:
        entry = self.entry
        if self._excerpt is not None:
            found = self._excerpt(entry)
            return None if found is None else to_s(found)
        return to_s(entry.data["excerpt"]) if entry.data.get("excerpt") else None

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        entry = self.entry
        return {
            "content": lambda: self._content(entry) if self._content else entry.body,
            "dir": lambda: entry.url if entry.url.endswith("/") else url_dir(entry.url),
            "excerpt": self._excerpt_value,
            "name": lambda: posixpath.basename(entry.source),
            "path": lambda: entry.data.get("path", entry.source),
            "url": lambda: entry.url,
        }


class DocumentDrop(LazyDrop):
    """``Jekyll::Drops::DocumentDrop``: a collection document (posts included)."""

    def __init__(self, entry: Entry, payload: SitePayload) -> None:
        super().__init__(entry.data)
        self.entry = entry
        self._payload = payload

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        entry = self.entry
        return {
            "content": lambda: self._payload.content_of(entry),
            "output": lambda: None,
            "path": lambda: entry.source,
            "relative_path": lambda: entry.source,
            "url": lambda: entry.url,
            "id": self._id,
            "date": lambda: entry.data.get("date", self._payload.time),
            "collection": lambda: entry.collection,
            "excerpt": self._excerpt,
            "name": lambda: entry.data.get("name") or posixpath.basename(entry.source),
            "next": lambda: self._payload.neighbour(entry, 1),
            "previous": lambda: self._payload.neighbour(entry, -1),
            "title": lambda: entry.data.get("title"),
            "categories": lambda: entry.data.get("categories"),
            "tags": lambda: entry.data.get("tags"),
        }

    def _id(self) -> str:
        stem = posixpath.splitext(posixpath.basename(self.entry.source))[0]
        slug = self.entry.data.get("slug") or stem
        return posixpath.join(ruby_dirname(self.entry.url), to_s(slug))

    def _excerpt(self) -> str:
        return to_s(self._payload.excerpt_of(self.entry))

    def liquid_to_s(self) -> str:
        """``Document#to_s``: its output, else its content."""
        return self.entry.body


class ExcerptDrop(DocumentDrop):
    """``Jekyll::Drops::ExcerptDrop``: the ``page`` of an excerpt being rendered."""

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        computed = dict(super()._computed())
        computed["excerpt"] = lambda: None
        computed["layout"] = lambda: self.entry.data.get("layout")
        return computed


class StaticFileDrop(LazyDrop):
    """``Jekyll::Drops::StaticFileDrop``."""

    def __init__(self, item: StaticFile, source: str, zone: dt.tzinfo | None) -> None:
        super().__init__({})
        self.item = item
        self._source = source
        self._zone = zone

    def _modified(self) -> dt.datetime | None:
        try:
            stamp = Path(self._source, self.item.relpath).stat().st_mtime
        except OSError:
            return None
        return dt.datetime.fromtimestamp(int(stamp), self._zone or dt.UTC)

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        # StaticFile#relative_path: the reader gives site files a "/dir", collections
        # give theirs the collection's folder as it is ("_talks/slides.pdf").
        relpath = self.item.relpath.lstrip("/")
        path = relpath if self.item.collection else "/" + relpath
        name = posixpath.basename(path)
        return {
            "path": lambda: path,
            "modified_time": self._modified,
            "name": lambda: name,
            "basename": lambda: posixpath.splitext(name)[0],
            "extname": lambda: posixpath.splitext(name)[1],
            "collection": lambda: self.item.collection,
        }


class SitePayload:
    """Everything the ``site`` variable gives, built once per site."""

    def __init__(
        self,
        model: SiteModel,
        *,
        time: dt.datetime,
        excerpt_renderer: ExcerptRenderer,
        content_renderer: ExcerptRenderer | None = None,
    ) -> None:
        self.model = model
        self.time = time
        self._excerpt_renderer = excerpt_renderer
        self._content_renderer = content_renderer
        self._excerpts: dict[str, ExcerptValue] = {}
        self._drops: dict[str, LazyDrop] = {}
        self._pages: list[LazyDrop] | None = None
        self._outputs: dict[str, str] = {}
        self.current: list[Entry] = []
        """The entries being rendered (``site.related_posts`` depends on it)."""
        self._collections: dict[str, list[Entry]] = {}
        for entry in model.entries:
            if entry.kind == "document" and entry.collection:
                self._collections.setdefault(entry.collection, []).append(entry)
        # The model lists each collection's documents in Jekyll's order (date and
        # path, or the collection's sort_by/order): kept as is.
        self._positions = {
            doc.source: (label, index)
            for label, docs in self._collections.items()
            for index, doc in enumerate(docs)
        }
        self._rank = self._render_order()
        self.site = SiteDrop(self)

    def collection_order(self) -> list[str]:
        """``site.collections`` as a hash: posts first, then the configured ones."""
        configured = self.model.config.get("collections")
        labels = ["posts"]
        if isinstance(configured, (Mapping, list)):
            labels += [to_s(label) for label in configured if to_s(label) != "posts"]
        labels += sorted(label for label in self._collections if label not in labels)
        return labels

    def _render_order(self) -> dict[str, int]:
        """Jekyll's rendering order: posts, the other collections (config order), pages."""
        labels = self.collection_order()
        order = [doc.source for label in labels for doc in self._collections.get(label, [])]
        pages = [entry for entry in self.model.entries if entry.kind == "page"]
        pages.sort(key=lambda entry: posixpath.basename(entry.source))
        order += [entry.source for entry in pages]
        return {source: index for index, source in enumerate(order)}

    def related_posts(self) -> list[LazyDrop] | None:
        """``site.related_posts``: for a document, the ten newest other posts."""
        current = self.current[-1] if self.current else None
        if current is None or current.kind != "document":
            return None
        posts = self._collections.get("posts", [])
        if len(posts) <= 1:
            return []
        recent = [doc for doc in reversed(posts[-11:]) if doc.source != current.source]
        return [self.drop(doc) for doc in recent[:10]]

    def excerpt_drop(self, entry: Entry) -> LazyDrop:
        """The ``page`` variable while an entry's excerpt renders."""
        return ExcerptDrop(entry, self)

    def record_output(self, source: str, html: str) -> None:
        """An entry's converted content, which ``content`` gives from now on."""
        self._outputs[source] = html

    def content_of(self, entry: Entry) -> str:
        """``content`` as Jekyll has it at this point of the build.

        Jekyll renders documents (posts first), then pages, and replaces each one's
        ``content`` by its converted HTML: an entry rendered before the current one
        gives HTML (converted on demand here), the others their raw body.
        """
        current = self.current[-1] if self.current else None
        if current is None or entry.source == current.source:
            return entry.body
        rank = self._rank.get(entry.source)
        current_rank = self._rank.get(current.source)
        if rank is None or current_rank is None or rank >= current_rank:
            return entry.body
        found = self._outputs.get(entry.source)
        if found is None:
            if self._content_renderer is None:
                return entry.body
            found = self._content_renderer(entry)
            self._outputs[entry.source] = found
        return found

    def drop(self, entry: Entry) -> LazyDrop:
        """The drop for an entry (one per entry, shared by every page's payload)."""
        found = self._drops.get(entry.source)
        if found is None:
            found = (
                DocumentDrop(entry, self)
                if entry.kind == "document"
                else PageDrop(
                    entry,
                    self.content_of,
                    self.excerpt_of if self.model.config.get("page_excerpts") else None,
                )
            )
            self._drops[entry.source] = found
        return found

    def docs(self, label: str) -> list[LazyDrop]:
        """A collection's documents in Jekyll's order (date, then path)."""
        return [self.drop(doc) for doc in self._collections.get(label, [])]

    def labels(self) -> list[str]:
        """The collections: those configured plus those that have documents."""
        configured = self.model.config.get("collections")
        names = set(self._collections)
        if isinstance(configured, (Mapping, list)):
            names.update(str(name) for name in configured)
        names.add("posts")
        return sorted(names)

    def neighbour(self, entry: Entry, step: int) -> LazyDrop | None:
        """``next_doc``/``previous_doc`` inside the entry's collection."""
        position = self._positions.get(entry.source)
        if position is None:
            return None
        label, index = position
        docs = self._collections[label]
        target = index + step
        if 0 <= target < len(docs):
            return self.drop(docs[target])
        return None

    def excerpt_of(self, entry: Entry) -> object:
        """``data["excerpt"]``: the front-matter value, else the generated excerpt."""
        given = entry.data.get("excerpt")
        if given is not None and given is not False:
            return given
        separator = entry.data.get("excerpt_separator", self.model.config.get("excerpt_separator"))
        if separator is None:
            separator = "\n\n"
        if to_s(separator) == "":
            return None
        found = self._excerpts.get(entry.source)
        if found is None:
            found = ExcerptValue(entry, self._excerpt_renderer)
            self._excerpts[entry.source] = found
        return found

    def by_attribute(self, key: str) -> dict[str, list[LazyDrop]]:
        """``site.categories`` / ``site.tags``: name to posts, newest first."""
        groups: dict[str, list[LazyDrop]] = {}
        for doc in self._collections.get("posts", []):
            values = doc.data.get(key)
            if isinstance(values, str):
                values = values.split()
            if not isinstance(values, Sequence):
                continue
            for value in values:
                groups.setdefault(to_s(value), []).append(self.drop(doc))
        return {name: list(reversed(posts)) for name, posts in groups.items()}

    def pages(self) -> list[LazyDrop]:
        """``site.pages``: pages sorted by file name, then the plugins' generated pages."""
        if self._pages is None:
            pages = [entry for entry in self.model.entries if entry.kind == "page"]
            pages.sort(key=lambda entry: posixpath.basename(entry.source))
            drops = [self.drop(entry) for entry in pages]
            drops.extend(PageDrop(entry) for entry in self._generated_pages(pages))
            self._pages = drops
        return self._pages

    def _generated_pages(self, pages: list[Entry]) -> list[Entry]:
        """Redirect stubs (jekyll-redirect-from) and feed/sitemap pages, in Jekyll's order."""
        # The model lists redirects in the plugin's order (documents, then pages).
        stubs = [item for item in self.model.redirects if item.kind == "redirect_from"]
        generated = [
            _generated(
                "redirect.html",
                item.from_url,
                {
                    "layout": "redirect",
                    "sitemap": False,
                    "permalink": item.from_url,
                    "redirect": {"from": item.from_url, "to": item.to},
                },
            )
            for item in stubs
        ]
        plugins = self.model.config.get("plugins") or self.model.config.get("gems") or []
        names = {to_s(name) for name in plugins} if isinstance(plugins, list) else set()
        if self.model.redirects:
            generated.append(_generated("redirects.json", "/redirects.json", {"layout": None}))
        if "jekyll-feed" in names:
            generated.append(
                _generated("feed.xml", "/feed.xml", {"layout": None, "sitemap": False})
            )
        if "jekyll-sitemap" in names:
            generated.append(_generated("sitemap.xml", "/sitemap.xml", {"layout": None}))
            if not any(entry.source == "robots.txt" for entry in self.model.entries):
                generated.append(_generated("robots.txt", "/robots.txt", {"layout": None}))
        generated.extend(self._pager_pages())
        return generated

    def _pager_pages(self) -> list[Entry]:
        """jekyll-paginate's pages 2..n: copies of the template page."""
        template = paginate_template(self.model)
        if template is None:
            return []
        found = next(entry for entry in self.model.entries if entry.source == template)
        config = self.model.config
        per_page = int(to_s(config.get("paginate")) or 0) or 1
        posts = [doc for doc in self._collections.get("posts", []) if not doc.data.get("hidden")]
        total = -(-len(posts) // per_page)
        path_format = to_s(config.get("paginate_path") or "/page:num")
        pages = []
        for number in range(2, total + 1):
            url = "/" + path_format.replace(":num", str(number), 1).lstrip("/")
            pages.append(_generated(found.source, url, dict(found.data)))
        return pages


def _generated(name: str, url: str, data: dict[str, Any]) -> Entry:
    output = url.lstrip("/") + ("index.html" if url.endswith("/") else "")
    return Entry(
        source=name,
        kind="page",
        collection=None,
        url=url,
        output_path=output,
        front_matter={},
        data=data,
        body="",
    )


_HTML_EXTS = (".html", ".htm", ".xhtml")


def _is_html_page(drop: LazyDrop) -> bool:
    entry: Entry = drop.entry  # type: ignore[attr-defined]
    output = entry.output_path or ""
    return output.endswith(_HTML_EXTS) or entry.url.endswith("/")


class CollectionDrop(LazyDrop):
    """``Collection#to_liquid``: label, docs, files, directory, output and metadata."""

    def __init__(self, label: str, payload: SitePayload) -> None:
        configured = payload.model.config.get("collections")
        metadata = configured.get(label) if isinstance(configured, Mapping) else None
        super().__init__(metadata if isinstance(metadata, Mapping) else {})
        self.label = label
        self._payload = payload

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        source = self._payload.model.source
        collections_dir = to_s(self._payload.model.config.get("collections_dir") or "")
        relative = posixpath.join(collections_dir, f"_{self.label}")
        return {
            "label": lambda: self.label,
            "docs": lambda: self._payload.docs(self.label),
            "files": lambda: [
                StaticFileDrop(item, self._payload.model.source, self._payload.time.tzinfo)
                for item in self._payload.model.static_files
                if item.collection == self.label
            ],
            "relative_directory": lambda: relative,
            "directory": lambda: posixpath.join(source, relative),
            "output": lambda: bool(self._fallback.get("output", self.label == "posts")),
        }


class SiteDrop(LazyDrop):
    """``Jekyll::Drops::SiteDrop``: config keys plus the computed site lists."""

    def __init__(self, payload: SitePayload) -> None:
        super().__init__(payload.model.config)
        self._payload = payload

    def __getitem__(self, key: str) -> Any:
        if key == "related_posts":
            return self._payload.related_posts()
        if key != "posts" and key in self._payload._collections and key not in self._cache:
            self._cache[key] = self._payload.docs(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        return (
            key == "related_posts" or key in self._payload._collections or super().__contains__(key)
        )

    def _static_drops(self, collection: str | None = None) -> list[StaticFileDrop]:
        """Static files: all of them, or those of one collection."""
        model, zone = self._payload.model, self._payload.time.tzinfo
        return [
            StaticFileDrop(item, model.source, zone)
            for item in model.static_files
            if collection is None or item.collection == collection
        ]

    def _computed(self) -> Mapping[str, Callable[[], Any]]:
        payload = self._payload
        return {
            "data": lambda: payload.model.data,
            "time": lambda: payload.time,
            "pages": payload.pages,
            "html_pages": lambda: [drop for drop in payload.pages() if _is_html_page(drop)],
            "posts": lambda: list(reversed(payload.docs("posts"))),
            "collections": lambda: [CollectionDrop(label, payload) for label in payload.labels()],
            # Collection#docs then Collection#files, collection by collection.
            "documents": lambda: [
                drop
                for label in payload.collection_order()
                for drop in [*payload.docs(label), *self._static_drops(label)]
            ],
            "static_files": lambda: self._static_drops(),
            "categories": lambda: payload.by_attribute("categories"),
            "tags": lambda: payload.by_attribute("tags"),
            "config": lambda: None,
        }


def paginate_template(model: SiteModel) -> str | None:
    """jekyll-paginate's template page: an ``index.html`` at or above ``paginate_path``."""
    config = model.config
    plugins = config.get("plugins") or config.get("gems") or []
    if config.get("paginate") is None or "jekyll-paginate" not in [to_s(p) for p in plugins]:
        return None
    folder = posixpath.dirname(to_s(config.get("paginate_path") or "/page:num").lstrip("/"))
    ancestors = {""}
    while folder:
        ancestors.add(folder)
        folder = posixpath.dirname(folder)
    candidates = [
        entry.source
        for entry in model.entries
        if entry.kind == "page"
        and posixpath.basename(entry.source) == "index.html"
        and posixpath.dirname(entry.source) in ancestors
    ]
    return max(candidates, key=len) if candidates else None


class Paginator:
    """jekyll-paginate's ``paginator`` on its template page (the first page)."""

    def __init__(self, payload: SitePayload, template: Entry) -> None:
        self._payload = payload
        self._template = template

    def first_page(self) -> dict[str, Any]:
        """``Pager#to_liquid`` for page 1."""
        config = self._payload.model.config
        per_page = int(to_s(config.get("paginate")) or 0) or 1
        posts = [drop for drop in self._payload.site["posts"] if not drop.get("hidden")]
        total_pages = -(-len(posts) // per_page)
        path_format = to_s(config.get("paginate_path") or "/page:num")
        next_page = 2 if total_pages > 1 else None
        next_path = None
        if next_page is not None:
            next_path = path_format.replace(":num", "2", 1)
            next_path = next_path if next_path.startswith("/") else "/" + next_path
        return {
            "page": 1,
            "per_page": per_page,
            "posts": posts[:per_page],
            "total_posts": len(posts),
            "total_pages": total_pages,
            "previous_page": None,
            "previous_page_path": None,
            "next_page": next_page,
            "next_page_path": next_path,
        }


def jekyll_drop(environment: str = "production") -> dict[str, str]:
    """The ``jekyll`` variable."""
    return {"version": JEKYLL_VERSION, "environment": environment}
