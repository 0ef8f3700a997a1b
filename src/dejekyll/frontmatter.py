"""Front matter exactly as Jekyll reads it (spec §1.1–1.3).

Which files count (``has_front_matter``), how they split (``split``), and how the YAML
is typed (:mod:`dejekyll.yamlload`).  ``read_front_matter(raw, path)`` does all three:
``None`` for a file Jekyll treats as static, else a :class:`FrontMatter` whose body is
the text after the front matter, byte-exact (never stripped).

:class:`JekyllYAMLHandler` plugs the same rules into python-frontmatter, for code that
uses its ``loads``/``dumps`` API (the exporters write front matter back out with it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler as _FrontmatterYAMLHandler

from .records import Diagnostic
from .yamlload import YAMLBombError, safe_load

# Jekyll's Utils.has_yaml_header?: only the first line, read in binary, is tested.
_HEADER = re.compile(rb"\A---[ \t\r\n\f\v]*\r?\n")
# Document::YAML_FRONT_MATTER_REGEXP, with Ruby's ASCII \s and its /m (dotall) flag.
_SPLIT = re.compile(
    r"\A(---[ \t\r\n\f\v]*\n.*?\n?)^((?:---|\.\.\.)[ \t\r\n\f\v]*$\n?)", re.DOTALL | re.MULTILINE
)
_BOM = "\ufeff"


def has_front_matter(raw: bytes) -> bool:
    """Whether Jekyll treats the file as a page/document rather than a static file."""
    end = raw.find(b"\n")
    first = raw if end < 0 else raw[: end + 1]
    return bool(_HEADER.match(first))


def split(text: str) -> tuple[str, str, int] | None:
    """Split ``text`` into ``(yaml_text, body, body_line)``; ``None`` if no closing line.

    ``yaml_text`` includes the opening ``---`` line (as Jekyll hands it to the YAML
    loader); ``body_line`` is the 1-based line where the body starts.
    """
    match = _SPLIT.match(text)
    if not match:
        return None
    return match.group(1), text[match.end() :], match.group(0).count("\n") + 1


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


def decode(raw: bytes, path: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """Decode a file as Jekyll reads it (UTF-8, BOM dropped); bad bytes are replaced."""
    try:
        text = raw.decode("utf-8")
        problems: tuple[Diagnostic, ...] = ()
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        text = raw.decode("utf-8", errors="replace")
        problems = (
            Diagnostic(
                "error",
                path,
                line,
                f"invalid UTF-8 (byte 0x{raw[err.start]:02x}); Jekyll would stop here. "
                "The bad bytes were replaced with U+FFFD",
                column=column,
                kind="encoding",
            ),
        )
    return text.removeprefix(_BOM), problems


def parse_yaml(yaml_text: str, path: str) -> tuple[dict[str, Any], tuple[Diagnostic, ...], bool]:
    """Load front-matter YAML: ``(data, diagnostics, fatal)``.

    A syntax error gives ``{}`` and a warning, as Jekyll does; YAML that is not a
    mapping is fatal in Jekyll (``InvalidYAMLFrontMatterError``).
    """
    try:
        data = safe_load(yaml_text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else None
        message = f"YAML error in front matter: {err.problem or err}; the front matter is ignored"
        return {}, (Diagnostic("warning", path, line, message, column, "yaml"),), False
    except (yaml.YAMLError, YAMLBombError, RecursionError) as err:
        message = f"YAML error in front matter: {err}; the front matter is ignored"
        return {}, (Diagnostic("warning", path, 1, message, kind="yaml"),), False
    if data is None:
        return {}, (), False
    if not isinstance(data, dict):
        kind = type(data).__name__
        message = (
            f"front matter is a {_yaml_kind(kind)}, not a mapping; Jekyll stops the build "
            "here. The page is converted with no front matter"
        )
        return {}, (Diagnostic("error", path, 1, message, kind="yaml"),), True
    return data, (), False


def _yaml_kind(python_type: str) -> str:
    return {"list": "list", "str": "string", "int": "number", "float": "number"}.get(
        python_type, python_type
    )


def read_front_matter(raw: bytes, path: str) -> FrontMatter | None:
    """Split ``raw`` (a file's bytes) as Jekyll does; ``None`` means a static file."""
    if not has_front_matter(raw):
        return None
    text, problems = decode(raw, path)
    parts = split(text)
    if parts is None:
        # No closing line: Jekyll keeps the whole file (opening --- included) as body.
        return FrontMatter(MappingProxyType({}), text, 1, problems)
    yaml_text, body, body_line = parts
    data, yaml_problems, fatal = parse_yaml(yaml_text, path)
    return FrontMatter(MappingProxyType(data), body, body_line, problems + yaml_problems, fatal)


def loads(text: str, path: str = "<input>") -> FrontMatter:
    """Like :func:`read_front_matter` for text already in memory.

    A text without front matter gives empty data and the whole text as body.
    """
    found = read_front_matter(text.encode("utf-8"), path)
    return found if found is not None else FrontMatter(MappingProxyType({}), text, 1)


class JekyllYAMLHandler(_FrontmatterYAMLHandler):
    """python-frontmatter handler with Jekyll's delimiters and SafeYAML typing.

    Note that python-frontmatter's own ``loads``/``parse`` strip the body; use
    :func:`loads` from this module when the body must stay byte-exact.
    """

    def detect(self, text: str) -> bool:
        """Jekyll's test: the first line is ``---`` (trailing whitespace allowed)."""
        return has_front_matter(text.encode("utf-8"))

    def split(self, text: str) -> tuple[str, str]:
        """``(yaml, body)`` with Jekyll's closing rules (``---`` or ``...``)."""
        parts = split(text)
        if parts is None:
            return "", text
        return parts[0], parts[1]

    def load(self, fm: str, **kwargs: object) -> Any:
        """SafeYAML typing, as Jekyll."""
        return safe_load(fm) or {}
