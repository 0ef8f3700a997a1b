"""Jekyll's ``Utils.slugify`` in all its modes (spec §2.4).

Every run of the characters a mode replaces becomes one ``-``; then one leading and
one trailing ``-`` are removed, and the result is lowercased unless ``cased``.  An
unknown mode only lowercases.  ``latin`` first transliterates as the i18n gem does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

MODES = ("raw", "default", "pretty", "ascii", "latin")

_PRETTY_KEPT = frozenset("._~!$&'()+,;=@")
_RUBY_SPACE = re.compile(r"[ \t\n\v\f\r]+")
_ASCII_RUN = re.compile(r"[^A-Za-z0-9]+")
_EDGE_HYPHEN = re.compile(r"\A-|-\Z")
# The same replacements on ASCII text (the word characters of ASCII are its letters and digits).
_ASCII_PRETTY_RUN = re.compile(r"[^A-Za-z0-9._~!$&'()+,;=@]+")

# i18n's DEFAULT_APPROXIMATIONS covers U+00C0..U+017E; these are the entries that are
# not simply the first letter of the character's compatibility decomposition.
_SPECIAL_APPROXIMATIONS = {
    "Æ": "AE", "×": "x", "Ð": "D", "Ø": "O", "Þ": "Th", "ß": "ss", "æ": "ae", "ð": "d",
    "ø": "o", "þ": "th", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ĳ": "IJ",
    "ĳ": "ij", "ĸ": "k", "Ŀ": "L", "ŀ": "l", "Ł": "L", "ł": "l", "ŉ": "'n", "Ŋ": "NG",
    "ŋ": "ng", "Œ": "OE", "œ": "oe", "Ŧ": "T", "ŧ": "t",
}  # fmt: skip


def _approximation(char: str) -> str | None:
    if char in _SPECIAL_APPROXIMATIONS:
        return _SPECIAL_APPROXIMATIONS[char]
    code = ord(char)
    if 0xC0 <= code <= 0x17E and code != 0xF7:
        base = unicodedata.normalize("NFKD", char)[0]
        return base if base.isascii() else None
    return None


def transliterate(text: str) -> str:
    """``I18n.transliterate`` with the default approximations: unknown characters → ``?``."""
    return "".join(c if c.isascii() else (_approximation(c) or "?") for c in text)


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _replace_runs(text: str, keep: Callable[[str], bool]) -> str:
    out: list[str] = []
    in_run = False
    for char in text:
        if keep(char):
            out.append(char)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def _replace(text: str, mode: str) -> str:
    if mode == "raw":
        return _RUBY_SPACE.sub("-", text)
    if mode == "ascii":
        return _ASCII_RUN.sub("-", text)
    if text.isascii():
        run = _ASCII_PRETTY_RUN if mode == "pretty" else _ASCII_RUN
        return run.sub("-", text)
    if mode == "pretty":
        return _replace_runs(text, lambda c: c in _PRETTY_KEPT or _is_word_char(c))
    return _replace_runs(text, _is_word_char)


def slugify(text: str | None, mode: str | None = None, *, cased: bool = False) -> str | None:
    """Jekyll's slug of ``text``; ``None`` stays ``None``.

    >>> slugify("Hello, World_x é!")
    'hello-world-x-é'
    >>> slugify("Hello, World_x é!", "pretty")
    'hello,-world_x-é!'
    """
    if text is None:
        return None
    mode = mode or "default"
    if mode not in MODES:
        return text if cased else ruby_downcase(text)
    if mode == "latin":
        text = transliterate(text)
    slug = _EDGE_HYPHEN.sub("", _replace(text, mode))
    return slug if cased else ruby_downcase(slug)


def ruby_downcase(text: str) -> str:
    """Ruby's ``String#downcase`` (full Unicode case mapping, like ``str.lower``).

    Python lowercases ``İ`` to ``i̇`` as Ruby does; the one difference worth guarding
    is none in practice, so this is ``str.lower`` under a name that says why.
    """
    return text.lower()
