"""The immutable records that flow through the pipeline.

Reading a site produces :class:`Entry` records (one per page or collection document,
everything Jekyll knows about it before rendering), :class:`Redirect` records and
:class:`StaticFile` records, gathered in a :class:`SiteModel`.  Rendering an entry
produces a :class:`Page`.  Every problem found on the way is a :class:`Diagnostic`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal

Kind = Literal["page", "document"]
Level = Literal["error", "warning"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def format_location(path: str | None, line: int | None, column: int | None) -> str:
    """``path:line:column`` as far as it is known (``<input>`` without a path)."""
    parts = [path or "<input>"]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


LIMIT_KIND = "limit"
"""Diagnostic kind of a page whose rendered output reached the size limit: the page has
failed and its cut-short text is not converted further."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in the input, located as precisely as we can.

    ``level`` is ``"error"`` when the page could not be converted the way Jekyll
    would have converted it (or Jekyll would have stopped the build), ``"warning"``
    when Jekyll would have warned and carried on, or when we did something the user
    should check by hand (an unsupported plugin tag, say).
    """

    level: Level
    source: str | None
    line: int | None
    message: str
    column: int | None = None
    kind: str = "general"
    """A short machine-readable category: ``yaml``, ``liquid``, ``unsupported-tag``,
    ``conflict``, ``redirect``, ``date``, ``html``, ``encoding``, ``config`` ..."""

    def location(self) -> str:
        """``path:line:column`` as far as it is known."""
        return format_location(self.source, self.line, self.column)

    def __str__(self) -> str:
        return f"{self.location()}: {self.level}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        """The manifest form (``level``, ``source``, ``line``, ``message`` + extras)."""
        return {
            "level": self.level,
            "source": self.source,
            "line": self.line,
            "column": self.column,
            "kind": self.kind,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Redirect:
    """One redirect, as jekyll-redirect-from would write it.

    ``from_url`` is the old URL (``redirect_from``; for ``redirect_to`` the
    document's own URL), ``to`` the absolute target the stub page points at.
    """

    from_url: str
    to: str
    output_path: str
    target_source: str | None
    kind: Literal["redirect_from", "redirect_to"] = "redirect_from"
    origin: str | None = None
    """The source file whose front matter declared the redirect (for ``redirect_to``,
    the document itself; ``target_source`` is then ``None``, as in the oracle)."""


@dataclass(frozen=True, slots=True)
class StaticFile:
    """A file copied as is (no front matter, or not a page)."""

    relpath: str
    output_path: str | None
    collection: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A page or document as read, before rendering: what Jekyll knows of it.

    ``front_matter`` is the file's own YAML; ``data`` is ``page.data``: defaults
    applied and, for documents, the keys Jekyll adds (``date``, ``slug``, ...).
    ``body`` is the text after the front matter, byte-exact; ``body_line`` is the
    1-based line of the file where it starts, so later stages can report real lines.
    ``output_path`` is ``None`` when Jekyll renders the entry but does not write it
    (a collection with ``output: false``).
    """

    source: str
    kind: Kind
    collection: str | None
    url: str
    output_path: str | None
    front_matter: Mapping[str, Any]
    data: Mapping[str, Any]
    body: str
    body_line: int = 1
    ext: str = ""
    """The source file's extension, with its dot (``.md``)."""
    markdown: bool | None = None
    """Whether the Markdown converter takes it (the config's ``markdown_ext``);
    ``None``: decide by Jekyll's default extensions."""
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def is_markdown(self) -> bool:
        """Whether Jekyll would run the Markdown converter on this entry."""
        if self.markdown is not None:
            return self.markdown
        return self.ext.lower() in {".md", ".markdown", ".mkdown", ".mkdn", ".mkd"}


@dataclass(frozen=True, slots=True)
class SiteModel:
    """Everything read from a site before rendering."""

    source: str
    config: Mapping[str, Any]
    entries: tuple[Entry, ...]
    redirects: tuple[Redirect, ...] = ()
    static_files: tuple[StaticFile, ...] = ()
    data: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    """``site.data``: the parsed ``_data`` folder."""
    diagnostics: tuple[Diagnostic, ...] = ()
    time: datetime | None = None
    """``site.time``: the build time (or the config's ``time``) in the site's zone, the
    date the model gave documents that have none."""
    reads_clock: bool = False
    """Whether the model would differ if built at another time: a document took the build
    time as its date, a date left its year to the clock, or a document was left out as
    future-dated.  Never when the config sets ``time``."""


@dataclass(frozen=True, slots=True)
class Page:
    """A rendered page or document: the fragment Jekyll puts in ``{{ content }}``."""

    source: str | None
    kind: Kind
    collection: str | None
    url: str
    output_path: str | None
    front_matter: Mapping[str, Any]
    data: Mapping[str, Any]
    html: str
    liquid: str | None = None
    """The text after Liquid, before Markdown (what the converter received)."""
    redirects: tuple[Redirect, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    failed: bool = False
    """True when the page could not be converted (see its diagnostics)."""

    def identity(self) -> dict[str, Any]:
        """The manifest's description of the page (kind, source, URL, paths, data)."""
        return {
            "kind": self.kind,
            "source": self.source,
            "collection": self.collection,
            "url": self.url,
            "output_path": self.output_path,
            "front_matter": dict(self.front_matter),
            "data": dict(self.data),
        }
