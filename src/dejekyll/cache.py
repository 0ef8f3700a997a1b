"""The render cache: an unchanged rebuild reuses every page's rendered content.

Results live in ``SOURCE/.dejekyll-cache/`` (Jekyll skips dot folders, so the cache
is never read as part of the site), one file, never pickled: a cache that came with a
site someone else wrote is data, not code.  Its first line is a JSON index; the rest is
every kept text, one after the other, which the index points into (so that the
megabytes of HTML are not escaped into JSON and read back through it).

A result is reused only when everything it was computed from is unchanged:

- always: the code (dejekyll's version, the content of its files, the versions of
  the libraries doing the work), the Markdown and clean options, and the entry
  itself (path, URL, output path, front matter, data, body);
- for an entry that goes through Liquid, also the *site key*: the configuration,
  ``site.data``, the layouts, the names in the includes folder, and every entry's
  path, URL, front matter, data and body (``site.posts`` exposes all of them), the
  static files and the redirects;
- and the content of every include the entry rendered (``include`` and
  ``include_relative``, recorded while it rendered), so that changing one include
  re-renders exactly the pages that used it.

Conservative on purpose: a render with an error is never kept (an include that could
not be found may appear later); a page whose Liquid reads the clock (``site.time``,
``"now"``, ``modified_time``) or the whole ``site`` is always rendered again unless
the configuration fixes ``time``; and when an excerpt (which every page listing posts
may show, and which is rendered once per build) itself includes files or reads the
clock, the content of every include joins the site key.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from . import __version__
from .clean import CleanOptions
from .records import Diagnostic, Entry, SiteModel

if TYPE_CHECKING:
    from liquid import BoundTemplate

    from .liquid import LiquidStage
    from .pipeline import Rendered
    from .site import Site

CACHE_DIR = ".dejekyll-cache"
_FORMAT = 2
_INDEX = f"results-v{_FORMAT}.bin"
_TEXTS = ("html", "liquid")
"""The record fields kept in the text part of the results file."""
_LIBRARIES = ("python-liquid", "markdown-it-py", "mdit-py-plugins", "PyYAML", "Pygments")

_MARKUP = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_VOLATILE = re.compile(r"\b(?:time|now|today|modified_time)\b|\bsite\b(?!\s*[.\[])")
_INCLUDE_TAG = re.compile(r"{%-?\s*include")

_PLAIN_CONTAINERS = (dict, MappingProxyType, list, tuple)

Dependency = tuple[str, str | None]
"""A file a render read: its path (relative to the site when inside it) and digest."""


def _digest() -> Any:
    return hashlib.blake2b(digest_size=20)


def _feed(hasher: Any, value: object) -> None:
    """Hash a value read from YAML (order kept: Liquid can see the order of keys)."""
    if isinstance(value, str):
        data = value.encode("utf-8", "surrogatepass")
        hasher.update(b"s%d:" % len(data))
        hasher.update(data)
    elif type(value) in _PLAIN_CONTAINERS:
        # Front matter, data and lists of them: ``repr`` walks them in C, keys in order,
        # types shown.
        text = repr(value).encode("utf-8", "surrogatepass")
        hasher.update(b"m%d:" % len(text))
        hasher.update(text)
    elif isinstance(value, Mapping):
        hasher.update(b"{%d:" % len(value))
        for key, item in value.items():
            _feed(hasher, key)
            _feed(hasher, item)
    elif isinstance(value, (list, tuple)):
        hasher.update(b"[%d:" % len(value))
        for item in value:
            _feed(hasher, item)
    else:
        text = f"{type(value).__name__}:{value!r}".encode("utf-8", "surrogatepass")
        hasher.update(b"r%d:" % len(text))
        hasher.update(text)


def fingerprint(*values: object) -> str:
    """A stable digest of values (strings, numbers, dates, mappings, sequences)."""
    hasher = _digest()
    for value in values:
        _feed(hasher, value)
    return str(hasher.hexdigest())


def file_digest(path: Path) -> str | None:
    """The digest of a file's bytes, or ``None`` when it cannot be read."""
    try:
        return str(hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest())
    except OSError:
        return None


@cache
def code_fingerprint() -> str:
    """What the results depend on in the code: our files and the libraries' versions."""
    package = Path(__file__).parent
    files = [
        (path.relative_to(package).as_posix(), file_digest(path))
        for path in sorted(package.rglob("*"))
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts
    ]
    versions = [(name, _library_version(name)) for name in _LIBRARIES]
    return fingerprint(__version__, _FORMAT, files, versions)


def _library_version(distribution: str) -> str:
    """An installed distribution's version, from its ``.dist-info`` folder's name.

    (What ``importlib.metadata.version`` reads, without importing it: a cached build
    starts faster.)  Empty when the distribution is not found that way.
    """
    wanted = re.sub(r"[-_.]+", "_", distribution).lower()
    for folder in sys.path:
        try:
            names = [path.name for path in Path(folder or ".").iterdir()]
        except OSError:
            continue
        for name in names:
            stem, _, suffix = name.rpartition(".")
            project, dash, version = stem.partition("-")
            if suffix == "dist-info" and dash and project.lower() == wanted:
                return version
    return ""


def _tree(folder: Path, *, contents: bool) -> list[tuple[str, str | None]]:
    """Every file under ``folder``: its relative path and (if asked) its digest."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found.append(
                (path.relative_to(folder).as_posix(), file_digest(path) if contents else "")
            )
    return found


def needs_liquid(entry: Entry) -> bool:
    """Whether Liquid may change this entry's text: it holds ``{{`` or ``{%``.

    The Liquid stage also skips entries with ``render_with_liquid: false``; treating
    them as Liquid here only makes their key stricter.
    """
    return "{{" in entry.body or "{%" in entry.body


def excerpt_head(entry: Entry, config: Mapping[str, Any]) -> str:
    """The part of the body a generated excerpt is made of (Jekyll's separator rule)."""
    separator = entry.data.get("excerpt_separator")
    if separator is None:
        separator = config.get("excerpt_separator", "\n\n")
    if not isinstance(separator, str) or not separator:
        return entry.body  # an unusual separator: the whole body, to be safe
    head, _, _ = entry.body.partition(separator)
    return head


def is_volatile(texts: Iterable[str]) -> bool:
    """Whether Liquid in these texts may read the clock or dump the whole ``site``."""
    return any(
        _VOLATILE.search(markup.group(0))
        for text in texts
        if "{" in text
        for markup in _MARKUP.finditer(text)
    )


class IncludeTracker:
    """Records which files the Liquid stage loads while one entry renders.

    It stands in for the stage's hooks (the object the ``include`` tags call) and
    passes every call on, noting the paths given to ``load_include``.
    """

    def __init__(self, stage: LiquidStage) -> None:
        self._hooks = stage.env.site_hooks
        self._seen: set[Path] | None = None
        stage.env.site_hooks = self

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hooks, name)

    def load_include(self, path: Path) -> BoundTemplate | None:
        """The stage's ``load_include``, noting the path."""
        if self._seen is not None:
            self._seen.add(path)
        template: BoundTemplate | None = self._hooks.load_include(path)
        return template

    def start(self) -> None:
        """Begin recording (one entry's render)."""
        self._seen = set()

    def stop(self) -> frozenset[Path]:
        """Stop recording; the paths loaded since :meth:`start`."""
        seen, self._seen = self._seen or set(), None
        return frozenset(seen)


@dataclass(frozen=True, slots=True)
class CacheStats:
    """What the cache did in one build."""

    reused: tuple[str, ...] = ()
    """Sources whose results came from the cache."""
    rendered: tuple[str, ...] = ()
    """Sources rendered in this build."""
    uncached: tuple[str, ...] = ()
    """Sources whose results were not kept (they read the clock, or failed): every build
    renders them again."""


class RenderCache:
    """The results of earlier builds of one site, and the keys to check them against."""

    def __init__(self, folder: Path, model: SiteModel, clean: CleanOptions) -> None:
        """Load ``folder``'s results (if any) and compute this build's keys."""
        self.folder = folder
        self._source = Path(model.source)
        self._model = model
        self._records: dict[str, dict[str, Any]] = {}
        self._changed = False
        self._digests: dict[str, str | None] = {}
        self._relpaths: dict[Path, str] = {}
        self._texts: dict[str, str] = {}
        self._content: dict[int, tuple[Entry, str]] = {}
        self._clock_fixed = model.config.get("time") is not None
        self._base = fingerprint(
            code_fingerprint(),
            model.config.get("kramdown"),
            repr(clean),
            str(self._source.resolve()),
        )
        self._site_key = self._compute_site_key(model)
        self._load()

    @staticmethod
    def holds_results(folder: Path) -> bool:
        """Whether ``folder`` has results of an earlier build (possibly reusable)."""
        return (folder / _INDEX).is_file()

    # --- keys ----------------------------------------------------------------------

    def _compute_site_key(self, model: SiteModel) -> str:
        includes_dir = self._source / str(model.config.get("includes_dir") or "_includes")
        layouts_dir = self._source / str(model.config.get("layouts_dir") or "_layouts")
        excerpt_risk = self._excerpt_risk(model)
        return fingerprint(
            model.config,
            model.data,
            [self._content_digest(e) for e in model.entries],
            [(s.relpath, s.output_path, s.collection) for s in model.static_files],
            [(r.from_url, r.to, r.output_path, r.target_source, r.kind) for r in model.redirects],
            _tree(layouts_dir, contents=True),
            _tree(includes_dir, contents=excerpt_risk),
            excerpt_risk,
            os.environ.get("JEKYLL_ENV", ""),
        )

    def _content_digest(self, entry: Entry) -> str:
        """A digest of everything an entry itself holds (each entry's text is hashed once)."""
        known = self._content.get(id(entry))
        if known is not None and known[0] is entry:
            return known[1]
        digest = fingerprint(
            entry.source,
            entry.kind,
            entry.collection,
            entry.url,
            entry.output_path,
            entry.front_matter,
            entry.data,
            entry.body,
            entry.body_line,
            entry.ext,
            entry.is_markdown,
        )
        self._content[id(entry)] = (entry, digest)
        return digest

    def _excerpt_risk(self, model: SiteModel) -> bool:
        """Whether some document's excerpt includes files or reads the clock."""
        for entry in model.entries:
            if entry.kind != "document" or not needs_liquid(entry):
                continue
            head = excerpt_head(entry, model.config)
            if _INCLUDE_TAG.search(head) or (not self._clock_fixed and is_volatile([head])):
                return True
        return False

    def entry_key(self, entry: Entry, *, liquid: bool) -> str:
        """The key of an entry's result (the site key joins in when Liquid renders it)."""
        return fingerprint(
            self._base, self._site_key if liquid else "", self._content_digest(entry)
        )

    def _dependency_digest(self, relpath: str) -> str | None:
        if relpath not in self._digests:
            self._digests[relpath] = file_digest(self._source / relpath)
        return self._digests[relpath]

    def dependencies(self, paths: Iterable[Path]) -> list[Dependency]:
        """The files a render read, each with its current digest."""
        found = []
        for path in paths:
            relpath = self._relpaths.get(path)
            if relpath is None:
                try:
                    relpath = path.resolve().relative_to(self._source.resolve()).as_posix()
                except ValueError:
                    relpath = str(path.resolve())
                self._relpaths[path] = relpath
            found.append((relpath, self._dependency_digest(relpath)))
        return sorted(found, key=lambda item: item[0])

    def _text(self, relpath: str) -> str:
        if relpath not in self._texts:
            self._texts[relpath] = _read_text(self._source / relpath)
        return self._texts[relpath]

    # --- lookups -------------------------------------------------------------------

    def lookup(self, entry: Entry, key: str) -> Rendered | None:
        """The cached result for ``entry`` under ``key``, if still valid."""
        from .pipeline import Rendered

        record = self._records.get(entry.source)
        if record is None or record.get("key") != key:
            return None
        for relpath, digest in record.get("deps", ()):
            if self._dependency_digest(relpath) != digest:
                return None
        html, liquid = record.get("html"), record.get("liquid")
        return Rendered(
            html=entry.body if html is None else html,
            liquid=entry.body if liquid is None else liquid,
            diagnostics=tuple(Diagnostic(**d) for d in record.get("diagnostics", ())),
        )

    def store(
        self, entry: Entry, key: str, rendered: Rendered, read: Iterable[Path], *, liquid: bool
    ) -> bool:
        """Keep a fresh result, unless it must be rendered again next time anyway.

        Returns whether it was kept.
        """
        if any(d.level == "error" for d in rendered.diagnostics):
            self._forget(entry.source)
            return False
        deps = self.dependencies(read)
        if liquid and not self._clock_fixed:
            texts = [entry.body]
            texts.extend(self._text(relpath) for relpath, _ in deps)
            if is_volatile(texts):
                self._forget(entry.source)
                return False
        self._records[entry.source] = {
            "key": key,
            "deps": deps,
            "html": None if rendered.html == entry.body else rendered.html,
            "liquid": None if rendered.liquid == entry.body else rendered.liquid,
            "diagnostics": [d.as_json() for d in rendered.diagnostics],
        }
        self._changed = True
        return True

    def _forget(self, source: str) -> None:
        if self._records.pop(source, None) is not None:
            self._changed = True

    # --- the file ------------------------------------------------------------------

    def _load(self) -> None:
        try:
            raw = (self.folder / _INDEX).read_bytes()
            head, _, tail = raw.partition(b"\n")
            data = json.loads(head)
            texts = tail.decode("utf-8", "surrogatepass")
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            return
        records = data.get("entries")
        if not isinstance(records, dict):
            return
        for source, record in records.items():
            if not isinstance(record, dict):
                continue
            for field in _TEXTS:
                span = record.get(field)
                if isinstance(span, list) and len(span) == 2:
                    record[field] = texts[span[0] : span[1]]
                elif span is not None:
                    break  # not a record this format writes
            else:
                self._records[source] = record

    def prune(self, sources: Iterable[str]) -> None:
        """Drop the results of entries the site no longer has."""
        keep = set(sources)
        for source in [s for s in self._records if s not in keep]:
            self._forget(source)

    def save(self) -> None:
        """Write the results (atomically), if anything changed."""
        if not self._changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / _INDEX
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        parts: list[str] = []
        offset = 0
        entries: dict[str, dict[str, Any]] = {}
        for source, record in self._records.items():
            stored = dict(record)
            for field in _TEXTS:
                text = record.get(field)
                if isinstance(text, str):
                    parts.append(text)
                    stored[field] = [offset, offset + len(text)]
                    offset += len(text)
            entries[source] = stored
        payload = {"format": _FORMAT, "dejekyll": __version__, "entries": entries}
        with temporary.open("wb") as handle:
            handle.write(json.dumps(payload, ensure_ascii=True).encode("ascii") + b"\n")
            handle.write("".join(parts).encode("utf-8", "surrogatepass"))
        temporary.replace(target)
        self._changed = False
        for old in self.folder.glob("results-v*"):
            if old.name != target.name and not old.name.startswith("."):
                old.unlink(missing_ok=True)  # an earlier format's results

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


_OUTPUTS = f"outputs-v{_FORMAT}.json"


class OutputState:
    """What the command last wrote where, so that an unchanged rebuild writes nothing.

    The output is left as it is only when the build would write exactly what it wrote
    last time (same pages, fragments, redirects, static files, diagnostics and code)
    and the destination is as it was left: every file and folder with the same size
    and modification time, nothing added or removed.
    """

    def __init__(self, folder: Path) -> None:
        """Keep the state in ``folder`` (the render cache's folder)."""
        self.folder = folder

    def build_key(self, site: Site, destination: Path, *, save_liquid: bool) -> str:
        """A digest of everything the output of ``site`` is written from."""
        pages = [
            (
                p.source,
                p.kind,
                p.collection,
                p.url,
                p.output_path,
                p.front_matter,
                p.data,
                [(r.from_url, r.to, r.output_path, r.kind) for r in p.redirects],
                [d.as_json() for d in p.diagnostics],
                p.failed,
            )
            for p in site.pages
        ]
        # the texts one by one (hashed as they are, not through repr)
        texts = [p.html for p in site.pages]
        if save_liquid:
            texts.extend(p.liquid or "" for p in site.pages)
        statics = []
        for item in site.static_files:
            try:
                stat = (site.source / item.relpath).stat()
                statics.append((item.relpath, item.output_path, stat.st_size, stat.st_mtime_ns))
            except OSError:
                statics.append((item.relpath, item.output_path, -1, -1))
        return fingerprint(
            code_fingerprint(),
            str(destination),
            str(site.source),
            save_liquid,
            site.config,
            pages,
            [(r.from_url, r.to, r.output_path, r.target_source, r.kind) for r in site.redirects],
            statics,
            [d.as_json() for d in site.diagnostics],
            (site.source / "redirects.json").exists(),
            *texts,
        )

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / _OUTPUTS).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def unchanged(self, destination: Path, key: str) -> str | None:
        """``destination``'s state if it holds what a build with ``key`` writes, untouched."""
        recorded = self._load().get(str(destination))
        if not isinstance(recorded, dict) or recorded.get("key") != key:
            return None
        tree = tree_state(destination)
        return tree if tree is not None and recorded.get("tree") == tree else None

    def record(self, destination: Path, key: str) -> str | None:
        """Remember what was just written to ``destination``; returns its state."""
        data = self._load()
        tree = tree_state(destination)
        data[str(destination)] = {"key": key, "tree": tree}
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / _OUTPUTS
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(target)
        return tree


def tree_state(folder: Path) -> str | None:
    """A digest of every file and folder under ``folder``: names, sizes, times."""
    if not folder.is_dir():
        return None
    found: list[tuple[str, str, str | int, int]] = []
    for current, folders, files in os.walk(folder):
        relative = os.path.relpath(current, folder)
        for name in sorted(folders):
            found.append((relative, name, "dir", 0))
        for name in sorted(files):
            try:
                stat = os.lstat(os.path.join(current, name))  # noqa: PTH118 - thousands
            except OSError:
                return None
            found.append((relative, name, stat.st_size, stat.st_mtime_ns))
    return fingerprint(sorted(found))
