"""Front matter defaults (``_config.yml`` → ``defaults``; ``Jekyll::FrontmatterDefaults``).

A set applies to a file when its ``scope.type`` (if any) is the file's type (``pages``
or a collection label; ``page``/``post``/``draft`` are the deprecated singulars) and its
``scope.path`` is a plain string prefix of the file's path (``*`` makes it a glob over
the source tree).  Among matching sets the longer path wins, at equal length a set with
a ``type`` wins, otherwise the later one.  Pages look defaults up per key
(:meth:`Defaults.find`); documents deep-merge all of them first (:meth:`Defaults.all`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .config import deep_merge
from .dates import Clock, Zone, document_date, ruby_to_s
from .errors import DateError
from .records import Diagnostic

_DEPRECATED_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}
_BRACES = re.compile(r"\{([^{}]*)\}")


def _ruby_class(value: object) -> str:
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return "Date"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, Mapping):
        return "Hash"
    return type(value).__name__


def _sanitize_path(path: object) -> str:
    if not isinstance(path, str) or not path:
        return ""
    if path.startswith("/"):
        return re.sub(r"\A/|(?<=[^/])\Z", "", path)
    return path


def _expand_braces(pattern: str) -> list[str]:
    """Ruby ``Dir.glob`` brace alternatives: ``a/{b,c}`` → ``a/b``, ``a/c``."""
    match = _BRACES.search(pattern)
    if not match:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [
        expanded
        for option in match.group(1).split(",")
        for expanded in _expand_braces(head + option + tail)
    ]


class Defaults:
    """The valid default sets of a site, ready to be matched against files."""

    def __init__(
        self, config: Mapping[str, Any], source: Path, zone: Zone, clock: Clock | None = None
    ) -> None:
        """``clock`` fills what a default ``date`` leaves out (default: now)."""
        self._source = source
        self._collections_dir = str(config.get("collections_dir") or "")
        self._globs: dict[str, list[str]] = {}
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self._clock = clock
        self.sets = self._valid_sets(config.get("defaults"), zone)

    def _valid_sets(self, sets: object, zone: Zone) -> list[dict[str, Any]]:
        if not isinstance(sets, list):
            return []
        valid: list[dict[str, Any]] = []
        problems: list[Diagnostic] = []
        for item in sets:
            if not (isinstance(item, Mapping) and isinstance(item.get("values"), Mapping)):
                problems.append(
                    Diagnostic(
                        "warning",
                        None,
                        None,
                        f"an invalid front matter default set was found: {item!r}",
                        kind="config",
                    )
                )
                continue
            valid.append(self._prepare(item, zone, self._clock))
        self.diagnostics = tuple(problems)
        return valid

    @staticmethod
    def _prepare(item: Mapping[str, Any], zone: Zone, clock: Clock | None) -> dict[str, Any]:
        prepared = dict(item)
        scope = prepared.get("scope")
        if isinstance(scope, Mapping) and "type" in scope:
            scope = dict(scope)
            scope["type"] = _DEPRECATED_TYPES.get(str(scope["type"]), scope["type"])
            prepared["scope"] = scope
        values = dict(prepared["values"])
        if "date" in values and not isinstance(values["date"], dt.datetime):
            value = values["date"]
            if isinstance(value, str):
                # An unparseable string is left for the documents, which then fail
                # one by one with an invalid date, as in Jekyll.
                with contextlib.suppress(DateError):
                    values["date"] = document_date(value, zone, clock)
            else:
                # Ruby's Time.parse takes only a String: Jekyll fails on any document
                # in scope.  We keep the date we can make of it and say so.
                prepared["type_error"] = (
                    f"the front matter default date {ruby_to_s(value)!r} is a "
                    f"{_ruby_class(value)}, not a string: Jekyll stops the build here "
                    f"(no implicit conversion of {_ruby_class(value)} into String)"
                )
                with contextlib.suppress(DateError):
                    values["date"] = document_date(value, zone, clock)
        prepared["values"] = values
        return prepared

    def date_type_errors(self, path: str, kind: str | None) -> list[str]:
        """Why Jekyll would stop on a file: a default ``date`` it cannot parse at all."""
        return [item["type_error"] for item in self.matching(path, kind) if "type_error" in item]

    def _strip_collections_dir(self, path: str) -> str:
        prefix = f"{self._collections_dir}/"
        if not self._collections_dir or not path.startswith(prefix):
            return path
        return path.replace(prefix, "", 1)

    def _glob(self, pattern: str) -> list[str]:
        if pattern not in self._globs:
            found: list[str] = []
            for expanded in _expand_braces(pattern):
                # glob.glob, unlike Path.glob, skips dotfiles for "*", as Ruby's Dir.glob.
                found.extend(glob.glob(expanded, root_dir=self._source, recursive=True))  # noqa: PTH207
            self._globs[pattern] = found
        return self._globs[pattern]

    def _applies_path(self, scope: Mapping[str, Any], path: str) -> bool:
        scope_path = scope.get("path")
        if not isinstance(scope_path, str) or not scope_path:
            return True
        sanitized = _sanitize_path(path)
        if "*" in scope_path:
            return any(
                sanitized.startswith(self._strip_collections_dir(found))
                for found in self._glob(scope_path.lstrip("/"))
            )
        return sanitized.startswith(self._strip_collections_dir(scope_path))

    @staticmethod
    def _applies_type(scope: Mapping[str, Any], kind: str | None) -> bool:
        return "type" not in scope or (kind is not None and kind == str(scope["type"]))

    def matching(self, path: str, kind: str | None) -> list[dict[str, Any]]:
        """The sets whose scope covers ``path`` (a source-relative path) of type ``kind``."""
        found = []
        for item in self.sets:
            scope = item.get("scope")
            if not isinstance(scope, Mapping) or (
                self._applies_type(scope, kind) and self._applies_path(scope, path)
            ):
                found.append(item)
        return found

    @staticmethod
    def _precedes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
        if old is None:
            return True
        new_path, old_path = _sanitize_path(new.get("path")), _sanitize_path(old.get("path"))
        if len(new_path) != len(old_path):
            return len(new_path) >= len(old_path)
        if "type" in new:
            return True
        return "type" not in old

    def find(self, path: str, kind: str | None, key: str) -> Any:
        """``FrontmatterDefaults#find``: the winning default for one key (or ``None``)."""
        value, old = None, None
        for item in self.matching(path, kind):
            scope = _scope(item)
            if key in item["values"] and self._precedes(old, scope):
                value, old = item["values"][key], scope
        return value

    def all(self, path: str, kind: str | None) -> dict[str, Any]:
        """``FrontmatterDefaults#all``: every matching set deep-merged by precedence."""
        merged: dict[str, Any] = {}
        old = None
        for item in self.matching(path, kind):
            scope = _scope(item)
            if self._precedes(old, scope):
                merged = deep_merge(merged, item["values"])
                old = scope
            else:
                merged = deep_merge(item["values"], merged)
        return merged


def _scope(item: Mapping[str, Any]) -> Mapping[str, Any]:
    scope = item.get("scope")
    return scope if isinstance(scope, Mapping) else {}
