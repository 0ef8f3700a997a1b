"""The span element tree built by the span parser (a private mirror of ``Kramdown::Element``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["El"]


@dataclass(slots=True, eq=False)
class El:
    """One span-level element.

    ``kind`` is kramdown's element type (``text``, ``em``, ``a``, ``html_element`` …).  A ``text``
    element accumulates its pieces in ``parts`` while parsing (``value`` holds the joined string
    afterwards).  ``attr`` keeps insertion order as Ruby hashes do; ``options`` holds the extra data
    kramdown keeps in ``Element#options`` (``category``, ``content_model``, ``original`` …).
    """

    kind: str
    value: Any = None
    attr: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    children: list[El] = field(default_factory=list)
    parts: list[str] | None = None

    def text(self) -> str:
        """The value of a text element, joining its pending pieces."""
        if self.parts is not None:
            self.value = "".join(self.parts)
            self.parts = None
        return str(self.value)
