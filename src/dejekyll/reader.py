"""Which files of a site Jekyll reads, and as what (``Reader``, ``EntryFilter``,
``PostReader``, ``Collection#read``, ``DataReader``).

Discovery only: this module finds pages, posts, drafts, collection documents and
static files (by the ``---`` first line, ``Utils.has_yaml_header?``) and reads
``_data``.  Turning files into entries is :mod:`dejekyll.model`'s job.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .dates import DATE_FILENAME, DATELESS_FILENAME
from .errors import ConfigError
from .frontmatter import has_front_matter
from .permalink import extname
from .records import Diagnostic
from .yamlload import YAMLBombError, safe_load

_SPECIAL_LEADING = (".", "_", "#", "~")
_DATA_EXTENSIONS = (".yaml", ".yml", ".json", ".csv", ".tsv")


@dataclass(frozen=True, slots=True)
class PageFile:
    """A file read as a ``Page``: ``directory`` is Jekyll's ``@dir`` (``""`` or ``/sub``)."""

    directory: str
    name: str

    @property
    def relpath(self) -> str:
        """The path relative to the source (``sub/about.md``)."""
        return f"{self.directory}/{self.name}".lstrip("/")


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """A file read as a ``Document`` of a collection (posts and drafts included)."""

    relpath: str
    """Relative to the collections directory (``_posts/x.md``, ``cat/_posts/x.md``)."""
    collection: str
    draft: bool = False


@dataclass(frozen=True, slots=True)
class StaticSource:
    """A file copied as is; ``directory`` as for pages, or inside a collection."""

    relpath: str
    collection: str | None = None


@dataclass
class Discovery:
    """Everything found in a site's source tree, in Jekyll's reading order."""

    pages: list[PageFile] = field(default_factory=list)
    documents: dict[str, list[DocumentFile]] = field(default_factory=dict)
    static_files: list[StaticSource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


# --- File.fnmatch and EntryFilter ------------------------------------------------------


@functools.lru_cache(maxsize=4096)
@functools.lru_cache(maxsize=1024)
def _fnmatch_regex(pattern: str) -> re.Pattern[str]:
    """Ruby ``File.fnmatch`` with no flags: ``*`` and ``?`` also match ``/``."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        elif char == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                out.append(re.escape(char))
            else:
                body = pattern[i + 1 : end]
                negate = body[:1] in ("!", "^")
                body = body[1:] if negate else body
                body = body.replace("\\", "\\\\")
                out.append(f"[{'^' if negate else ''}{body}]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


class EntryFilter:
    """``Jekyll::EntryFilter`` for one directory (``base``: relative to the source)."""

    def __init__(
        self,
        source: Path,
        config: Mapping[str, Any],
        base: str = "",
        refused: list[str] | None = None,
    ) -> None:
        self.source = source
        self.base = base
        self.refused = refused if refused is not None else []
        """Symlinks not followed because they lead out of the site (absolute paths)."""
        self.safe = bool(config.get("safe"))
        self.include = [str(p) for p in config.get("include") or []]
        include = set(self.include)
        self.exclude = [str(p) for p in config.get("exclude") or [] if str(p) not in include]
        self._real_source = os.path.realpath(source)
        self._include_globs = self._globs(self.include)
        self._exclude_globs = self._globs(self.exclude)

    def _join(self, item: str) -> str:
        # PathManager.join(site.source, item) = File.join: "/" runs collapse at the seam.
        return str(self.source).rstrip("/") + "/" + item.lstrip("/")

    def _globs(self, patterns: list[str]) -> list[tuple[str, re.Pattern[str]]]:
        """Each pattern joined to the source, with its ``fnmatch`` expression."""
        joined = [self._join(pattern) for pattern in patterns]
        return [(j, _fnmatch_regex(j)) for j in joined]

    def _glob_include(self, globs: list[tuple[str, re.Pattern[str]]], entry: str) -> bool:
        if not globs:
            return False
        with_source = self._join(entry)
        is_dir: bool | None = None
        for pattern_with_source, regex in globs:
            if with_source.startswith(pattern_with_source) or regex.match(with_source):
                return True
            if pattern_with_source == with_source + "/":
                if is_dir is None:
                    is_dir = Path(with_source).is_dir()
                if is_dir:
                    return True
        return False

    def included(self, entry: str) -> bool:
        """Listed in ``include`` (itself or its base name)."""
        return self._glob_include(self._include_globs, entry) or self._glob_include(
            self._include_globs, entry.rsplit("/", 1)[-1]
        )

    def excluded(self, entry: str) -> bool:
        """Listed in ``exclude`` (as a path relative to the source)."""
        return self._glob_include(self._exclude_globs, f"{self.base}/{entry}")

    def symlink_outside(self, path: str) -> bool:
        """A symlink that leads out of the site: never followed.

        Jekyll refuses these only in safe mode (``EntryFilter#symlink?``); dejekyll
        never reads a file outside the site it converts.
        """
        if not Path(path).is_symlink():
            return False
        real = os.path.realpath(path)
        outside = not (real == self._real_source or real.startswith(self._real_source + os.sep))
        if outside and path not in self.refused:
            self.refused.append(path)
        return outside

    def keep(self, entry: str, absolute: str) -> bool:
        """Whether Jekyll keeps ``entry`` (a name or a path below the base directory)."""
        if entry.endswith("."):
            return False
        included = self.included(entry)
        if self.excluded(entry) and not included:
            return False
        if self.symlink_outside(absolute):
            return False
        if included:
            return True
        name = entry.rsplit("/", 1)[-1]
        special = entry.startswith(_SPECIAL_LEADING) or name.startswith(_SPECIAL_LEADING)
        return not (special or entry.endswith("~"))


def has_yaml_header(path: Path) -> bool:
    """``Utils.has_yaml_header?``: the first line of the file is ``---``."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except OSError:
        return False
    return has_front_matter(first)


# --- the source tree -------------------------------------------------------------------


class SiteReader:
    """Walks a site as ``Jekyll::Reader#read`` does (without layouts and includes)."""

    def __init__(self, source: Path, config: Mapping[str, Any], *, drafts: bool) -> None:
        self.source = source
        self.config = config
        self.drafts = drafts
        self.found = Discovery()
        self._refused: list[str] = []
        self._visited: set[str] = set()
        destination = str(config.get("destination") or "_site")
        if "\0" in destination:
            raise ConfigError(f"destination {destination!r} holds a NUL byte", path="_config.yml")
        self._destination = os.path.realpath(source / destination)

    def _filter(self, base: str) -> EntryFilter:
        return EntryFilter(self.source, self.config, base, self._refused)

    def read(self) -> Discovery:
        """Pages, posts, drafts, static files, then the other collections."""
        self.found.documents["posts"] = []
        self._read_directory("")
        self._read_included_files()
        self.found.pages.sort(key=lambda page: page.name)
        self.found.static_files.sort(key=lambda static: "/" + static.relpath)
        self._read_collections()
        self.found.diagnostics.extend(refused_symlinks(self.source, self._refused))
        return self.found

    def _read_directory(self, directory: str) -> None:
        base = self.source / directory.lstrip("/")
        real = os.path.realpath(base)
        if real in self._visited or not base.is_dir():
            return
        self._visited.add(real)
        entry_filter = self._filter(directory)
        subdirs, pages, statics = [], [], []
        for name in sorted(p.name for p in base.iterdir()):
            absolute = str(base / name)
            if not entry_filter.keep(name, absolute):
                continue
            if Path(absolute).is_dir():
                subdirs.append(name)
            elif has_yaml_header(Path(absolute)):
                pages.append(name)
            else:
                statics.append(name)
        self._read_posts(directory)
        for name in subdirs:
            if os.path.realpath(base / name) != self._destination:
                self._read_directory(f"{directory}/{name}")
        self.found.pages.extend(PageFile(directory, name) for name in pages)
        self.found.static_files.extend(
            StaticSource(f"{directory}/{name}".lstrip("/")) for name in statics
        )

    def _entries_below(self, directory: str, special: str) -> list[str]:
        """``Reader#get_entries``: the files under ``directory/special``, filtered."""
        base = self.source / directory.lstrip("/") / special
        if not base.is_dir():
            return []
        entry_filter = self._filter(f"{directory}/{special}")
        found = []
        for relative in _walk(base):
            if entry_filter.keep(relative, str(base / relative)) and not (base / relative).is_dir():
                found.append(relative)
        return found

    def _read_posts(self, directory: str) -> None:
        collections_dir = str(self.config.get("collections_dir") or "")
        if collections_dir and not directory.startswith(f"/{collections_dir}"):
            return
        posts = self.found.documents["posts"]
        prefix = directory.lstrip("/")
        if collections_dir:
            prefix = prefix.removeprefix(collections_dir).lstrip("/")
        for entry in self._entries_below(directory, "_posts"):
            if DATE_FILENAME.match(entry):
                posts.append(DocumentFile(_rel(prefix, "_posts", entry), "posts"))
        if self.drafts:
            for entry in self._entries_below(directory, "_drafts"):
                if DATELESS_FILENAME.match(entry):
                    posts.append(DocumentFile(_rel(prefix, "_drafts", entry), "posts", True))

    def _read_included_files(self) -> None:
        entry_filter = self._filter("")
        known = {page.relpath for page in self.found.pages}
        known_static = {static.relpath for static in self.found.static_files}
        for item in entry_filter.include:
            relative = _clean_relative(item)
            path = self.source / relative
            if not relative or path.is_dir() or not path.is_file():
                continue
            if entry_filter.symlink_outside(str(path)):
                continue
            directory, _, name = ("/" + relative).rpartition("/")
            if has_yaml_header(path):
                if relative not in known:
                    self.found.pages.append(PageFile(directory, name))
                    known.add(relative)
            elif relative not in known_static:
                self.found.static_files.append(StaticSource(relative))
                known_static.add(relative)

    def _read_collections(self) -> None:
        collections = self.config.get("collections") or {}
        container = str(self.config.get("collections_dir") or "")
        for label in collections:
            if label in ("posts", "data"):
                continue
            self.found.documents[label] = docs = []
            relative_directory = f"_{_sanitize_label(label)}"
            directory = self.source / container / relative_directory
            if not directory.is_dir():
                continue
            entry_filter = self._filter(relative_directory)
            if entry_filter.symlink_outside(str(directory)):
                continue
            for entry in _walk(directory, dotfiles=True):
                absolute = directory / entry
                if not entry_filter.keep(entry, str(absolute)) or absolute.is_dir():
                    continue
                relpath = f"{relative_directory}/{entry}"
                if has_yaml_header(absolute):
                    docs.append(DocumentFile(relpath, label))
                else:
                    prefix = f"{container}/" if container else ""
                    self.found.static_files.append(StaticSource(prefix + relpath, label))


def _sanitize_label(label: str) -> str:
    return re.sub(r"[^a-z0-9_\-.]", "", label, flags=re.IGNORECASE)


def _rel(prefix: str, special: str, entry: str) -> str:
    return "/".join(part for part in (prefix, special, entry) if part)


def _clean_relative(item: str) -> str:
    parts: list[str] = []
    for segment in item.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    return "/".join(parts)


def _walk(base: Path, *, dotfiles: bool = False) -> Iterator[str]:
    """``Dir["**/*"]`` below ``base`` (with ``FNM_DOTMATCH`` when ``dotfiles``), sorted."""
    seen: set[str] = set()
    stack = [""]
    while stack:
        relative = stack.pop()
        current = base / relative if relative else base
        real = os.path.realpath(current)
        if real in seen:
            continue
        seen.add(real)
        try:
            names = sorted(p.name for p in current.iterdir())
        except OSError:
            continue
        subdirs = []
        for name in names:
            if not dotfiles and name.startswith("."):
                continue
            path = f"{relative}/{name}" if relative else name
            yield path
            if (current / name).is_dir() and not (current / name).is_symlink():
                subdirs.append(path)
        stack.extend(reversed(subdirs))


# --- _data ------------------------------------------------------------------------------


def _sanitize_data_key(name: str) -> str:
    """``DataReader#sanitize_filename``."""
    name = re.sub(r"[^\w\s-]+|(?:^|(?<=\b\s))\s+(?=$|\s?\b)", "", name, flags=re.ASCII)
    return re.sub(r"\s+", "_", name, flags=re.ASCII)


def refused_symlinks(source: Path, paths: list[str]) -> list[Diagnostic]:
    """One warning per symlink not followed because it leads out of the site."""
    found = []
    for path in paths:
        try:
            relpath = Path(path).relative_to(source).as_posix()
        except ValueError:
            relpath = path
        target = os.path.realpath(path)
        message = f"symlink to {target}, outside the site: not followed (nothing is read there)"
        found.append(Diagnostic("warning", relpath, None, message, kind="symlink"))
    return found


def inside(source: Path, path: Path) -> bool:
    """Whether ``path`` (symlinks resolved) is the site folder or below it."""
    real, root = os.path.realpath(path), os.path.realpath(source)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def read_data(
    source: Path, config: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[Diagnostic, ...]]:
    """``site.data``: the data folder's YAML, JSON, CSV and TSV files, nested by folder."""
    setting = str(config.get("data_dir") or "_data")
    problems: list[Diagnostic] = []
    content: dict[str, Any] = {}
    if "\0" in setting or not inside(source, source / setting.lstrip("/")):
        message = f"data_dir {setting!r} is outside the site: no data is read from it"
        problems.append(Diagnostic("error", "_config.yml", None, message, kind="config"))
        return content, tuple(problems)
    data_dir = source / setting.lstrip("/")
    refused: list[str] = []
    entry_filter = EntryFilter(source, config, refused=refused)
    _read_data_to(data_dir, content, source, entry_filter, config, problems)
    problems.extend(refused_symlinks(source, refused))
    return content, tuple(problems)


def _read_data_to(
    directory: Path,
    into: dict[str, Any],
    source: Path,
    entry_filter: EntryFilter,
    config: Mapping[str, Any],
    problems: list[Diagnostic],
) -> None:
    if not directory.is_dir() or entry_filter.symlink_outside(str(directory)):
        return
    names = sorted(p.name for p in directory.iterdir() if not p.name.startswith("."))
    # Dir["*.{yaml,yml,json,csv,tsv}"]: one glob per extension, in that order.
    files = [n for ext in _DATA_EXTENSIONS for n in names if n.endswith(ext)]
    dirs = [n for n in names if (directory / n).is_dir()]
    for name in [*files, *dirs]:
        path = directory / name
        if entry_filter.symlink_outside(str(path)):
            continue
        if path.is_dir():
            child: dict[str, Any] = {}
            into[_sanitize_data_key(name)] = child
            _read_data_to(path, child, source, entry_filter, config, problems)
        else:
            ext = extname(name)
            key = _sanitize_data_key(name[: -len(ext)] if ext else name)
            into[key] = _read_data_file(path, source, config, problems)


def _read_data_file(
    path: Path, source: Path, config: Mapping[str, Any], problems: list[Diagnostic]
) -> Any:
    relative = path.relative_to(source).as_posix()
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as err:
        problems.append(
            Diagnostic("error", relative, None, f"cannot read data file: {err}", kind="data")
        )
        return None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        message = f"invalid UTF-8 in data file (byte 0x{raw[err.start]:02x}); it is not read"
        problems.append(Diagnostic("error", relative, line, message, kind="encoding"))
        return None
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        reader_config = config.get("tsv_reader" if suffix == ".tsv" else "csv_reader") or {}
        try:
            return _read_table(text, "\t" if suffix == ".tsv" else ",", reader_config)
        except _TableError as err:
            problems.append(
                Diagnostic("error", relative, err.line, f"{err}; Jekyll stops here", kind="data")
            )
            return None
    try:
        return safe_load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        problems.append(
            Diagnostic(
                "error",
                relative,
                mark.line + 1 if mark else None,
                f"YAML error in data file: {err.problem or err}; Jekyll stops the build here",
                kind="data",
            )
        )
    except (yaml.YAMLError, YAMLBombError, RecursionError, json.JSONDecodeError) as err:
        problems.append(
            Diagnostic("error", relative, None, f"error in data file: {err}", kind="data")
        )
    return None


def _open_quote_offset(text: str, separator: str) -> int:
    """Where the quoted field left open at the end of ``text`` starts."""
    start, inside = 0, False
    for index, char in enumerate(text):
        if char == '"' and (inside or index == 0 or text[index - 1] in (separator, "\n", "\r")):
            if not inside:
                start = index
            inside = not inside
    return start


class _TableError(ValueError):
    """A CSV/TSV file Ruby's CSV rejects, with the line it stopped on."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _read_table(text: str, separator: str, reader_config: Any) -> list[Any]:
    headers = True
    if isinstance(reader_config, Mapping):
        headers = bool(reader_config.get("headers", True))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    try:
        rows = list(reader)
    except csv.Error as err:
        if "end of data" in str(err):
            # Ruby: "Unclosed quoted field in line N." (the line the field opened on)
            opened = text.count("\n", 0, _open_quote_offset(text, separator)) + 1
            raise _TableError(f"Unclosed quoted field in line {opened}", opened) from err
        raise _TableError(
            f"malformed CSV in line {reader.line_num}: {err}", reader.line_num
        ) from err
    if not headers:
        return rows
    if not rows:
        return []
    head, body = rows[0], rows[1:]
    result = []
    for row in body:
        record: dict[str, Any] = {}
        for index, name in enumerate(head):
            if name not in record:
                record[name] = row[index] if index < len(row) else None
        result.append(record)
    return result
