"""What Rouge 3.30 knows, as dumped by ``scripts/gen_rouge_lexers.py`` into ``data/rouge.json``:
lexer names, token classes, and the word lists some of its lexers classify names with.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Rouge", "rouge", "rouge_mimetype", "rouge_regex", "rouge_words"]


@dataclass(frozen=True, slots=True)
class Rouge:
    """Rouge's registry: lexer names (tag or alias) to tag, token names to CSS class, words."""

    version: str
    names: Mapping[str, str]
    classes: Mapping[str, str]
    words: Mapping[str, frozenset[str]]
    regexes: Mapping[str, str]
    mimetypes: Mapping[str, tuple[str, ...]]


@cache
def rouge() -> Rouge:
    """Load the registry dumped from Rouge (once)."""
    text = resources.files("dejekyll").joinpath("data/rouge.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    names: dict[str, str] = {}
    mimetypes: dict[str, list[str]] = {}
    for lexer in data["lexers"]:
        for name in [lexer["tag"], *lexer["aliases"]]:
            names.setdefault(name, lexer["tag"])
        for mimetype in lexer["mimetypes"]:
            mimetypes.setdefault(mimetype, []).append(lexer["tag"])
    words = {key: frozenset(value) for key, value in data["words"].items()}
    return Rouge(
        data["rouge_version"],
        names,
        data["tokens"],
        words,
        data["regexes"],
        {key: tuple(tags) for key, tags in mimetypes.items()},
    )


def rouge_words(key: str) -> frozenset[str]:
    """A word list dumped from one of Rouge's lexers (``matlab.builtins``)."""
    return rouge().words[key]


def rouge_regex(key: str) -> str:
    """A regex (extended syntax, as an inline-flag group) from one of Rouge's lexers."""
    return f"(?x:{rouge().regexes[key]})"


def rouge_mimetype(mimetype: str) -> str:
    """Rouge's guess by MIME type: the one lexer declaring it, else plain text."""
    tags = rouge().mimetypes.get(mimetype, ())
    return tags[0] if len(tags) == 1 else "plaintext"
