"""kramdown's options as Jekyll hands them over from ``_config.yml``.

Jekyll passes the ``kramdown:`` mapping to kramdown, which parses each value by the
option's type (``Kramdown::Options``): ``toc_levels: "1..6"`` is a range, ``"2,3"`` a list,
``smart_quotes: "lsquo,rsquo,ldquo,rdquo"`` a list of four entity names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_RANGE = re.compile(r"\s*(\d+)\s*\.\.\s*(\d+)\s*\Z")


def toc_levels(value: object) -> list[int]:
    """``1..6``, ``"2,3"``, ``[2, 3]`` or ``3`` as the list of header levels it means."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    if isinstance(value, list | tuple):
        return [int(v) for v in value if str(v).strip().isdigit()]
    if isinstance(value, range):
        return list(value)
    text = str(value)
    match = _RANGE.match(text)
    if match:
        return list(range(int(match.group(1)), int(match.group(2)) + 1))
    return [int(part) for part in re.split(r"[\s,]+", text) if part.isdigit()]


def normalize_options(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """The kramdown options of a Jekyll config, typed as kramdown types them."""
    options = dict(raw or {})
    if "toc_levels" in options:
        options["toc_levels"] = toc_levels(options["toc_levels"])
    if "footnote_nr" in options:
        try:
            options["footnote_nr"] = int(options["footnote_nr"])
        except (TypeError, ValueError):
            options["footnote_nr"] = 1
    return options
