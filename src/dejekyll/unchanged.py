"""Unchanged rebuilds: when nothing a build reads has changed, the command does nothing.

As ``make`` and Jekyll's incremental builds do, the command compares what it can see
without reading a file: the name, size and modification time of everything under the
source folder (and of config files given from elsewhere), the options, the environment
variables Jekyll reads, the version of dejekyll and of its libraries.  When all of that
is as the last build (with a cache) recorded it, and the destination is still exactly
what that build wrote, the build is not run again: its report is printed again.

A build is recorded only when its result cannot change with the clock alone: no
document took the build time as its date, none was left out as future-dated, no page's
Liquid reads the time, none failed (see :class:`~dejekyll.records.SiteModel` and
:class:`~dejekyll.cache.CacheStats`).  A file modified within
:data:`RACY_SECONDS` before the build started could change again within the same tick
of the file system's clock without its time changing: the build is then not recorded.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import code_fingerprint, fingerprint, tree_state
from .config import load_config
from .errors import DejekyllError

__all__ = ["RACY_SECONDS", "SECONDS", "Replay", "UnchangedCheck"]

RECORD = "last-build-v1.json"
RACY_SECONDS = 2.0
"""Files modified this recently when a build starts keep it from being recorded."""
_SKIPPED_NAMES = frozenset({".git", ".hg", ".svn"})
"""Version-control folders: never part of a Jekyll site, often large."""
_ENVIRONMENT = ("JEKYLL_ENV", "TZ")
SECONDS = "\x00seconds\x00"
"""Where a recorded report had the build's time (no message can hold it)."""


@dataclass(frozen=True, slots=True)
class Replay:
    """What the recorded build printed (:data:`SECONDS` stands for its time) and returned."""

    report: str
    exit_code: int


class UnchangedCheck:
    """The state of one build's inputs, compared with and recorded for the next."""

    def __init__(
        self,
        cache_dir: Path,
        source: Path,
        destination: Path,
        options: Mapping[str, Any],
        config_files: Sequence[Path] = (),
    ) -> None:
        """Look at the inputs now (before the build reads them)."""
        self._record = cache_dir / RECORD
        self._destination = destination.resolve()
        started = time.time_ns()
        root = source.resolve()
        skip = {self._destination, cache_dir.resolve()}
        skip.update(root / name for name in _excluded_folders(source, config_files))
        files, newest = _source_state(root, skip)
        extra = [_file_state(Path(p)) for p in config_files]
        newest = max([newest, *(s[2] for s in extra if isinstance(s[2], int))])
        self.racy = newest > started - int(RACY_SECONDS * 1e9)
        """Whether some input was modified too recently for its time to be trusted."""
        self.key = fingerprint(
            code_fingerprint(),
            sys.version,
            str(source.resolve()),
            str(self._destination),
            sorted(options.items()),
            [os.environ.get(name, "") for name in _ENVIRONMENT],
            list(time.tzname),
            files,
            extra,
        )

    def replay(self) -> Replay | None:
        """The recorded build, if nothing changed since it (destination included)."""
        try:
            data = json.loads(self._record.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != self.key:
            return None
        if data.get("output") != tree_state(self._destination):
            return None
        report, code = data.get("report"), data.get("exit")
        if not isinstance(report, str) or not isinstance(code, int):
            return None
        return Replay(report, code)

    def record(self, replay: Replay, tree: str | None = None) -> None:
        """Keep this build's report for the next unchanged build (best effort).

        ``tree``: the destination's state as the build left it, if known.
        """
        if self.racy:
            self.forget()
            return
        payload = {
            "key": self.key,
            "output": tree or tree_state(self._destination),
            "report": replay.report,
            "exit": replay.exit_code,
        }
        temporary = self._record.with_name(f".{RECORD}.{os.getpid()}")
        try:
            self._record.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(payload), encoding="utf-8")
            temporary.replace(self._record)
        except OSError:
            self.forget()

    def forget(self) -> None:
        """Drop the record: the next build runs in full."""
        with contextlib.suppress(OSError):
            self._record.unlink(missing_ok=True)


def _source_state(source: Path, skip: Iterable[Path]) -> tuple[list[tuple[str, ...]], int]:
    """Every file and folder under ``source`` with its size and time; the newest time.

    Folders in ``skip`` (the destination, the cache, excluded folders) and version-control
    folders are left out; symbolic links are noted with their target, files by what they point to.
    """
    skipped = {str(p) for p in skip}
    found: list[tuple[str, ...]] = []
    newest = 0
    stack = [str(source)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            found.append((folder, "unreadable", type(err).__name__))
            continue
        for entry in entries:
            relative = os.path.relpath(entry.path, source)
            link = str(Path(entry.path).readlink()) if entry.is_symlink() else ""
            if entry.is_dir(follow_symlinks=False):
                if entry.path not in skipped and entry.name not in _SKIPPED_NAMES:
                    found.append((relative, "dir"))
                    stack.append(entry.path)
                continue
            try:
                stat = entry.stat()  # a link: what it points to
            except OSError:
                found.append((relative, "broken", link))
                continue
            found.append((relative, str(stat.st_size), str(stat.st_mtime_ns), link))
            newest = max(newest, stat.st_mtime_ns)
    return found, newest


_PATTERN_CHARS = frozenset("*?[{\\")
"""Characters that make an ``include``/``exclude`` entry a pattern, not a plain name."""


def _excluded_folders(source: Path, config_files: Sequence[Path]) -> frozenset[str]:
    """Top-level folders the build never reads (``node_modules``, ``vendor`` ...).

    The plain names the configuration excludes (Jekyll's defaults included), when no
    ``include`` entry is a prefix of them and none is a pattern: Jekyll drops such a
    folder from the top level without looking inside.
    """
    try:
        config, _ = load_config(source, config_files=list(config_files) or None)
    except (DejekyllError, OSError, ValueError):
        return frozenset()
    include = {str(p).strip("/") for p in config.get("include") or []}
    if any(set(p) & _PATTERN_CHARS for p in include):
        return frozenset()
    names = {str(p).strip("/") for p in config.get("exclude") or []}
    return frozenset(
        n
        for n in names
        if n
        and "/" not in n
        and not set(n) & _PATTERN_CHARS
        and not any(n.startswith(i) for i in include if i)  # Jekyll includes by prefix
    )


def _file_state(path: Path) -> tuple[str, int, int | str]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, "missing")
    return (str(path), stat.st_size, stat.st_mtime_ns)
