"""Front matter exactly as Jekyll reads it (spec §1.1–1.3).

``read_front_matter(raw, path)`` returns ``None`` for a file Jekyll treats as static
(first line not ``---``), else a :class:`FrontMatter` with the YAML data, the body
(byte-exact, never stripped) and the line the body starts on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .records import Diagnostic


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The split of a file with front matter."""

    data: Mapping[str, Any]
    body: str
    body_line: int
    """1-based line number in the file of the body's first line."""
    diagnostics: tuple[Diagnostic, ...] = ()
    fatal: bool = False
    """True when Jekyll would stop the build on this file (front matter not a mapping)."""


def read_front_matter(raw: bytes, path: str) -> FrontMatter | None:
    """Split ``raw`` (a file's bytes) as Jekyll does; ``None`` means a static file."""
    raise NotImplementedError
