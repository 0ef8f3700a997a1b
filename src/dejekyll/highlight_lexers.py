"""Pygments lexers that cut text the way Rouge 3.30's lexers do, where Pygments' own differ
too much for a token-type mapping to reach Rouge's output.

They emit Rouge's token types directly. A lexer that embeds another language (code fences in
Markdown, front matter) asks ``dejekyll.highlight.rouge_tokens`` for that language's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from pygments.lexer import RegexLexer, bygroups, default  # type: ignore[import-untyped]
from pygments.token import (  # type: ignore[import-untyped]
    Comment,
    Error,
    Generic,
    Name,
    Punctuation,
    String,
    Text,
)

__all__ = ["HtmlLexer", "MarkdownLexer", "guess_tag"]

# Rouge's "escaped or ordinary character on one line".
_EDOT = r"(?:\\.|[^\\\n])"

_SHEBANGS = (
    (re.compile(r"(?:ba|z|k)?sh\b"), "shell"),
    (re.compile(r"pythonw?(?:[23](?:\.\d+)?)?\b"), "python"),
    (re.compile(r"ruby\b"), "ruby"),
    (re.compile(r"perl\b"), "perl"),
    (re.compile(r"(?:node|jsc)\b"), "javascript"),
    (re.compile(r"php\b"), "php"),
)
_SHEBANG = re.compile(r"\A#!\s*(?:/usr/bin/env\s+)?\S*?([^/\s]+)(?:\s|$)")


def guess_tag(code: str) -> str:
    """Rouge's guesser reduced to its commonest signals: shebang, doctype, XML, LaTeX."""
    shebang = _SHEBANG.match(code)
    if shebang:
        for pattern, tag in _SHEBANGS:
            if pattern.match(shebang.group(1)):
                return tag
    head = code.lstrip()[:200].lower()
    if head.startswith("<!doctype html") or re.search(r"<\s*html\b", code):
        return "html"
    if code.startswith("<?xml"):
        return "xml"
    if re.match(r"\s*\\(documentclass|input|documentstyle|relax|ProvidesPackage)", code):
        return "tex"
    return "plaintext"


def _embedded(code: str, lang: str | None) -> list[tuple[Any, str]]:
    """Tokens of code embedded in another language (``None``: unknown, as Rouge's fallback)."""
    from dejekyll import highlight  # the embedding lexers are used by highlight itself

    return highlight.rouge_tokens(code, lang)


def _yield(start: int, tokens: list[tuple[Any, str]]) -> Iterator[tuple[int, Any, str]]:
    """Re-emit tokens from offset ``start``."""
    for ttype, text in tokens:
        yield start, ttype, text
        start += len(text)


def _front_matter(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """YAML front matter, lexed as YAML."""
    yield from _yield(match.start(), _embedded(match.group(0), "yaml"))


def _fence(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """A fenced block: its fence, info string, and body lexed in the named language."""
    indent, fence, info, body, close_indent, close = match.group(1, 2, 3, 5, 6, 7)
    yield match.start(1), Text, indent
    yield match.start(2), Punctuation, fence
    yield match.start(3), Name.Label, info
    if body is None:  # unclosed: the rest is code
        rest = lexer._md_rest(match.end())
        name = info.strip()
        yield from _yield(match.end(), _embedded(rest, name or guess_tag(rest)))
        lexer._md_skip = match.end() + len(rest)
        return
    name = info.strip()
    yield from _yield(match.start(5), _embedded(body, name or guess_tag(body)))
    yield match.start(6), Text, close_indent
    yield match.start(7), Punctuation, close


def _inline_html(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """Raw HTML or an entity inside Markdown, lexed as HTML."""
    yield from _yield(match.start(), _embedded(match.group(0), "html"))


class MarkdownLexer(RegexLexer):  # type: ignore[misc]
    """Rouge's Markdown lexer: headings, fences with embedded languages, links, emphasis."""

    name = "Rouge Markdown"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    _md_text = ""
    _md_skip = 0

    def _md_rest(self, pos: int) -> str:
        return self._md_text[pos:]

    def get_tokens_unprocessed(
        self, text: str, stack: tuple[str, ...] = ("root",)
    ) -> Iterator[tuple[int, Any, str]]:
        """Lex ``text``; an unclosed fence swallows the rest of the text."""
        self._md_text = text
        self._md_skip = 0
        for index, ttype, value in super().get_tokens_unprocessed(text, stack):
            yield index, ttype, value
            if self._md_skip:
                return

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\A(---\s*\n(?s:.*?)\n?)^(---\s*$\n?)", _front_matter),
            (r"\\.", String.Escape),
            (r"^[\S ]+\n(?:---*)\n", Generic.Heading),
            (r"^[\S ]+\n(?:===*)\n", Generic.Subheading),
            (r"^#(?=[^#]).*?$", Generic.Heading),
            (r"^##*.*?$", Generic.Subheading),
            (r"^([ \t]*)(`{3,}|~{3,})([^\n]*\n)(?s:((.*?)(\n\1)(\2))?)", _fence),
            (r"\n\n(?:(?:    |\t).*?\n|\n)+", String.Backtick),
            (rf"(`+)(?:{_EDOT}|\n)+?\1", String.Backtick),
            (r"^(?:\s*[*]){3,}\s*$", Punctuation),
            (r"^(?:\s*[-]){3,}\s*$", Punctuation),
            (r"^\s*[*+-](?=\s)", Punctuation),
            (r"^\s*\d+\.", Punctuation),
            (r"^\s*>.*?$", Generic.Traceback),
            (
                rf"^(\s*)(\[)({_EDOT}+?)(\])(\s*)(:)",
                bygroups(Text, Punctuation, String.Symbol, Punctuation, Text, Punctuation),
                ("title", "url"),
            ),
            (
                rf"(!?\[)({_EDOT}*?|[^\]]*?)(\])(?=[\[(])",
                bygroups(Punctuation, Name.Variable, Punctuation),
                "link",
            ),
            (rf"[*][*]{_EDOT}*?[*][*]", Generic.Strong),
            (rf"__{_EDOT}*?__", Generic.Strong),
            (rf"[*]{_EDOT}*?[*]", Generic.Emph),
            (rf"_{_EDOT}*?_", Generic.Emph),
            (r"<.*?@.+[.].+>", Name.Variable),
            (rf"<(?:https?|mailto|ftp)://{_EDOT}*?>", Name.Variable),
            (r"[^\\`\[*\n&<]+", Text),
            (r"&\S*;", _inline_html),
            (rf"<{_EDOT}*?>", _inline_html),
            (r"[&<]", Text),
            (r"\[", Text),
            (r"\n", Text),
            (r".", Error),
        ],
        "link": [
            (rf"(\[)({_EDOT}*?)(\])", bygroups(Punctuation, String.Symbol, Punctuation), "#pop"),
            (r"[(]", Punctuation, ("#pop", "inline_title", "inline_url")),
            (r"[ \t]+", Text),
            default("#pop"),
        ],
        "url": [
            (r"[ \t]+", Text),
            (rf"(<)({_EDOT}*?)(>)", bygroups(Name.Tag, String.Other, Name.Tag), "#pop"),
            (r"\S+", String.Other, "#pop"),
        ],
        "title": [
            (rf'"{_EDOT}*?"', Name.Namespace),
            (rf"'{_EDOT}*?'", Name.Namespace),
            (rf"[(]{_EDOT}*?[)]", Name.Namespace),
            (r"\s*(?=[\"'()])", Text),
            default("#pop"),
        ],
        "inline_title": [
            (r"[)]", Punctuation, "#pop"),
            (rf'"{_EDOT}*?"', Name.Namespace),
            (rf"'{_EDOT}*?'", Name.Namespace),
            (rf"[(]{_EDOT}*?[)]", Name.Namespace),
            (r"\s*(?=[\"'()])", Text),
            default("#pop"),
        ],
        "inline_url": [
            (r"[^<\s)]+", String.Other, "#pop"),
            (r"\s+", Text),
            (r"[ \t]+", Text),
            (rf"(<)({_EDOT}*?)(>)", bygroups(Name.Tag, String.Other, Name.Tag), "#pop"),
            (r"\S+", String.Other, "#pop"),
        ],
    }


# XML name characters as Rouge writes them with Unicode properties.
_NAME_START = r"(?:[^\W\d_]|[:_-])"
_NAME_REST = r"[\w\u00ad\u200b-\u200f\u2060-\u2064:.\u00b7-]*"


def _embedded_in_html(lang: str) -> Any:
    """A callback lexing a run of a script or style element in ``lang``."""

    def callback(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
        yield from _yield(match.start(), _embedded(match.group(0), lang))

    return callback


class HtmlLexer(RegexLexer):  # type: ignore[misc]
    """Rouge's HTML lexer: whole tags as ``Name.Tag``, ``attr=`` as one attribute token."""

    name = "Rouge HTML"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"[^<&]+", Text),
            (r"&\S*?;", Name.Entity),
            (r"(?is)<!DOCTYPE .*?>", Comment.Preproc),
            (r"(?s)<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"(?s)<\?.*?\?>", Comment.Preproc),
            (r"<\s*script\s*", Name.Tag, ("script_content", "tag")),
            (r"<\s*style\s*", Name.Tag, ("style_content", "tag")),
            (r"</", Name.Tag, "tag_end"),
            (r"<", Name.Tag, "tag_start"),
            (r".", Error),
        ],
        "tag_end": [
            (r"\s+", Text),
            (r">", Name.Tag, "#pop"),
            (_NAME_START + _NAME_REST, Name.Tag, ("#pop", "tag_end_end")),
            (r".", Error),
        ],
        "tag_end_end": [
            (r"\s+", Text),
            (r">", Name.Tag, "#pop"),
            (r".", Error),
        ],
        "tag_start": [
            (r"\s+", Text),
            (_NAME_START + _NAME_REST, Name.Tag, ("#pop", "tag")),
            default(("#pop", "tag")),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (r"\s+", Text),
            (
                r"(?:[^\W\d_]|[:_\[\]()*.-])[\w\u00ad\u200b-\u200f:.\u00b7\[\]()*-]*\s*=\s*",
                Name.Attribute,
                "attr",
            ),
            (r"(?:[^\W\d_]|[:_*#-])[\w\u00ad\u200b-\u200f:.\u00b7*#-]*", Name.Attribute),
            (r"/?\s*>", Name.Tag, "#pop"),
            (r".", Error),
        ],
        "attr": [
            (r'"', String, ("#pop", "dq")),
            (r"'", String, ("#pop", "sq")),
            (r"[^\s>]+", String, "#pop"),
            (r".", Error),
        ],
        "dq": [(r'"', String, "#pop"), (r'[^"]+', String)],
        "sq": [(r"'", String, "#pop"), (r"[^']+", String)],
        "script_content": [
            (r"[^<]+", _embedded_in_html("javascript")),
            (r"<\s*/\s*script\s*>", Name.Tag, "#pop"),
            (r"<", _embedded_in_html("javascript")),
        ],
        "style_content": [
            (r"[^<]+", _embedded_in_html("css")),
            (r"<\s*/\s*style\s*>", Name.Tag, "#pop"),
            (r"<", _embedded_in_html("css")),
        ],
    }
