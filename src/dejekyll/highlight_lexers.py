"""Pygments lexers that cut text the way Rouge 3.30's lexers do, where Pygments' own differ
too much for a token-type mapping to reach Rouge's output.

Each follows the states and rules of Rouge's lexer for its language (including its quirks:
e.g. Ruby's ``StringScanner`` cannot look behind the scan position, so Rouge's look-behinds
at the start of a rule always succeed and are left out here). They emit Rouge's token types
directly. A lexer that embeds another language (code fences in Markdown, front matter,
``<script>``) asks ``dejekyll.highlight.rouge_tokens`` for that language's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, ClassVar

from pygments.lexer import (  # type: ignore[import-untyped]
    Lexer,
    LexerContext,
    RegexLexer,
    bygroups,
    default,
    include,
)
from pygments.token import (  # type: ignore[import-untyped]
    Comment,
    Error,
    Generic,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Token,
)

from dejekyll.highlight_data import rouge_mimetype, rouge_regex, rouge_words

from .fastlex import FastExtendedRegexLexer, FastRegexLexer

__all__ = [
    "ApacheLexer",
    "BibtexLexer",
    "CLexer",
    "ClojureLexer",
    "ConsoleLexer",
    "CppLexer",
    "CsharpLexer",
    "CssLexer",
    "CudaLexer",
    "DiffLexer",
    "DockerLexer",
    "ErbLexer",
    "FortranLexer",
    "GoLexer",
    "HaskellLexer",
    "HtmlLexer",
    "HttpLexer",
    "IniLexer",
    "JavaLexer",
    "JavascriptLexer",
    "JsonLexer",
    "JsxLexer",
    "JuliaLexer",
    "KotlinLexer",
    "LiquidLexer",
    "LuaLexer",
    "MakeLexer",
    "MarkdownLexer",
    "MathematicaLexer",
    "MatlabLexer",
    "NginxLexer",
    "OcamlLexer",
    "PhpLexer",
    "PrologLexer",
    "RLexer",
    "RubyLexer",
    "RustLexer",
    "ScssLexer",
    "ShellLexer",
    "SqlLexer",
    "StataLexer",
    "TexLexer",
    "TomlLexer",
    "TypescriptLexer",
    "XmlLexer",
    "guess_tag",
]

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
    if body is None:  # unclosed: the rest of the text is code
        rest = match.group(8)
        name = info.strip()
        yield from _yield(match.start(8), _embedded(rest, name or guess_tag(rest)))
        return
    name = info.strip()
    yield from _yield(match.start(5), _embedded(body, name or guess_tag(body)))
    yield match.start(6), Text, close_indent
    yield match.start(7), Punctuation, close


def _inline_html(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """Raw HTML or an entity inside Markdown, lexed as HTML."""
    yield from _yield(match.start(), _embedded(match.group(0), "html"))


class MarkdownLexer(FastRegexLexer):
    """Rouge's Markdown lexer: headings, fences with embedded languages, links, emphasis."""

    name = "Rouge Markdown"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\A(---\s*\n(?s:.*?)\n?)^(---\s*$\n?)", _front_matter),
            (r"\\.", String.Escape),
            (r"^[\S ]+\n(?:---*)\n", Generic.Heading),
            (r"^[\S ]+\n(?:===*)\n", Generic.Subheading),
            (r"^#(?=[^#]).*?$", Generic.Heading),
            (r"^##*.*?$", Generic.Subheading),
            (r"^([ \t]*)(`{3,}|~{3,})([^\n]*\n)(?s:((.*?)(\n\1)(\2))|(.*))", _fence),
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
            (r"(?s).", Error),
        ],
        "link": [
            (rf"(\[)({_EDOT}*?)(\])", bygroups(Punctuation, String.Symbol, Punctuation), "#pop"),
            (r"[(]", Punctuation, ("inline_title", "inline_url")),
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


class HtmlLexer(FastRegexLexer):
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
            (r"(?s).", Error),
        ],
        "tag_end": [
            (r"\s+", Text),
            (r">", Name.Tag, "#pop"),
            (_NAME_START + _NAME_REST, Name.Tag, ("#pop", "tag_end_end")),
            (r"(?s).", Error),
        ],
        "tag_end_end": [
            (r"\s+", Text),
            (r">", Name.Tag, "#pop"),
            (r"(?s).", Error),
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
            (r"(?s).", Error),
        ],
        "attr": [
            (r'"', String, ("#pop", "dq")),
            (r"'", String, ("#pop", "sq")),
            (r"[^\s>]+", String, "#pop"),
            (r"(?s).", Error),
        ],
        "dq": [(r'"', String, "#pop"), (r'[^"]+', String)],
        "sq": [(r"'", String, "#pop"), (r"[^']+", String)],
        # Rouge feeds the whole element to one JavaScript (CSS) lexer that keeps its state.
        "script_content": [
            (r"<\s*/\s*script\s*>", Name.Tag, "#pop"),
            (r"(?s:.+?(?=<\s*/\s*script\s*>)|.+)", _embedded_in_html("javascript")),
        ],
        "style_content": [
            (r"<\s*/\s*style\s*>", Name.Tag, "#pop"),
            (r"(?s:.+?(?=<\s*/\s*style\s*>)|.+)", _embedded_in_html("css")),
        ],
    }


class DiffLexer(FastRegexLexer):
    """Rouge's diff lexer: one token per line, hunk headers as punctuation."""

    name = "Rouge diff"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"^ .*$\n?", Text),
            (r"^---$\n?", Punctuation),
            (r"^[+>]+.*$\n?", Generic.Inserted),
            (r"^[-<]+.*$\n?", Generic.Deleted),
            (r"^!.*$\n?", Generic.Strong),
            (r"^(?:[Ii]ndex|diff).*$\n?", Generic.Heading),
            (r"^(@@[^@]*@@)([^\n]*\n)", bygroups(Punctuation, Text)),
            (r"^\w.*$\n?", Punctuation),
            (r"^=.*$\n?", Generic.Heading),
            (r"\s.*$\n?", Text),
            (r"(?s).", Error),
        ]
    }


_SH_KEYWORDS = (
    "if fi else while do done for then return function select continue until esac elif in"
)
_SH_BUILTINS = """
    alias bg bind break builtin caller cd command compgen complete declare dirs disown enable
    eval exec exit export false fc fg getopts hash help history jobs let local logout mapfile
    popd pushd pwd read readonly set shift shopt source suspend test time times trap true type
    typeset ulimit umask unalias unset wait cat tac nl od base32 base64 fmt pr fold head tail
    split csplit wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum sha512sum sort
    shuf uniq comm ptx tsort cut paste join tr expand unexpand ls dir vdir dircolors cp dd
    install mv rm shred link ln mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod touch
    df du stat sync truncate echo printf yes expr tee basename dirname pathchk mktemp realpath
    stty printenv tty id logname whoami groups users who date arch nproc uname hostname hostid
    uptime chcon runcon chroot env nice nohup stdbuf timeout kill sleep factor numfmt seq tar
    grep sudo awk sed gzip gunzip
"""


def _alternation(words: str) -> str:
    """A regex alternation of space-separated words."""
    return "|".join(words.split())


def _word_set(words: str) -> frozenset[str]:
    """The set of space-separated words."""
    return frozenset(words.split())


def _sh_heredoc(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``<<WORD``: remember the terminator, then lex the document."""
    types = (Operator, Text, String.Heredoc, String.Heredoc, Name.Constant, String.Heredoc)
    for group, ttype in enumerate(types, start=1):
        if match.group(group):
            yield match.start(group), ttype, match.group(group)
    ctx.heredoc = match.group(5)
    ctx.stack.append("heredoc")
    ctx.pos = match.end()


def _sh_heredoc_line(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A line after a newline in a here-document: the terminator ends it."""
    if match.group(1) == getattr(ctx, "heredoc", None):
        yield match.start(), Name.Constant, match.group(0)
        del ctx.stack[-2:]
    else:
        yield match.start(), String.Heredoc, match.group(0)
    ctx.pos = match.end()


class ShellLexer(FastExtendedRegexLexer):
    """Rouge's shell lexer: builtins with their trailing space, options as tags."""

    name = "Rouge shell"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "basic": [
            (r"#.*$", Comment),
            (rf"\b(?:{_alternation(_SH_KEYWORDS)})\s*\b", Keyword),
            (r"\bcase\b", Keyword, "case"),
            (rf"\b(?:{_alternation(_SH_BUILTINS)})\s*\b(?![.-])", Name.Builtin),
            (r"[.](?=\s)", Name.Builtin),
            (r"(\b\w+)(=)", bygroups(Name.Variable, Operator)),
            (r"[\[\]{}()!=>]", Operator),
            (r"&&|\|\|", Operator),
            (r"<<<", Operator),
            (r"(<<-?)(\s*)(['\"]?)(\\?)(\w+)(\3)", _sh_heredoc),
        ],
        "heredoc": [
            (r"\n", String.Heredoc, "heredoc_nl"),
            (r"[^$\n\\]+", String.Heredoc),
            include("interp"),
            (r"[$]", String.Heredoc),
        ],
        "heredoc_nl": [
            (r"\s*(\w+)\s*\n", _sh_heredoc_line),
            default("#pop"),
        ],
        "double_quotes": [
            (r'(?:\$#?)?"', String.Double, "#pop"),
            include("interp"),
            (r'[^"`\\$]+', String.Double),
        ],
        "ansi_string": [
            (r"\\.", String.Escape),
            (r"[^\\']+", String.Single),
            include("single_quotes"),
        ],
        "single_quotes": [
            (r"'", String.Single, "#pop"),
            (r"[^']+", String.Single),
        ],
        "data": [
            (r"\s+", Text),
            (r"\\.", String.Escape),
            (r'\$?"', String.Double, "double_quotes"),
            (r"\$'", String.Single, "ansi_string"),
            (r"'", String.Single, "single_quotes"),
            (r"\*", Keyword),
            (r";", Punctuation),
            (r"--?[\w-]+", Name.Tag),
            (r"[^=\*\s{}()$\"'`;\\<]+", Text),
            (r"\d+(?= |\n?\Z)", Number),
            (r"<", Text),
            include("interp"),
        ],
        "curly": [
            (r"}", Keyword, "#pop"),
            (r":-", Keyword),
            (r"[a-zA-Z0-9_]+", Name.Variable),
            (r"[^}:\"`'$]+", Punctuation),
            include("root"),
        ],
        "paren_interp": [
            (r"\)", String.Interpol, "#pop"),
            (r"\(", Operator, "paren_inner"),
            include("root"),
        ],
        "paren_inner": [
            (r"\(", Operator, "#push"),
            (r"\)", Operator, "#pop"),
            include("root"),
        ],
        "math": [
            (r"\)\)", Keyword, "#pop"),
            (r"[-+*/%^|&!]|\*\*|\|\|", Operator),
            (r"\d+(?:#\w+)?", Number),
            include("root"),
        ],
        "case": [
            (r"\besac\b", Keyword, "#pop"),
            (r"\|", Punctuation),
            (r"\)", Punctuation, "case_stanza"),
            include("root"),
        ],
        "case_stanza": [
            (r";;", Punctuation, "#pop"),
            include("root"),
        ],
        "backticks": [
            (r"`", String.Backtick, "#pop"),
            include("root"),
        ],
        "interp": [
            (r"\\$", String.Escape),
            (r"\\.", String.Escape),
            (r"\$\(\(", Keyword, "math"),
            (r"\$\(", String.Interpol, "paren_interp"),
            (r"\$\{#?", Keyword, "curly"),
            (r"`", String.Backtick, "backticks"),
            (r"\$#?(?:\w+|.)", Name.Variable),
            (r"\$[*@]", Name.Variable),
        ],
        "root": [
            include("basic"),
            include("data"),
            (r"(?s).", Error),
        ],
    }


_CONSOLE_SNIP = re.compile(r"\A\s*(?:<[.]+>|[.]+)\s*\Z")
_CONSOLE_PROMPT = re.compile(r".*?(?:\$|#|>|;)", re.DOTALL)
_CONSOLE_LINE = re.compile(r".*?(?:\n|\Z)", re.DOTALL)


class ConsoleLexer(Lexer):  # type: ignore[misc]
    """Rouge's console lexer: prompt, then the command as shell; other lines are output."""

    name = "Rouge console"
    aliases: ClassVar[list[str]] = []

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, Any, str]]:
        """Lex ``text`` line by line."""
        pos = 0
        while pos < len(text):
            line = _CONSOLE_LINE.match(text, pos)
            assert line is not None  # the pattern matches the empty string
            value = line.group(0)
            if not value:
                break
            yield from self._line(pos, value)
            pos = line.end()

    def _line(self, pos: int, line: str) -> Iterator[tuple[int, Any, str]]:
        if _CONSOLE_SNIP.match(line):
            yield pos, Comment, line
            return
        prompt = _CONSOLE_PROMPT.match(line)
        if prompt is None:
            yield pos, Generic.Output, line
            return
        yield pos, Generic.Prompt, prompt.group(0)
        rest = line[prompt.end() :]
        space = len(rest) - len(rest.lstrip())
        if space:
            yield pos + prompt.end(), Text.Whitespace, rest[:space]
        yield from _yield(pos + prompt.end() + space, _embedded(rest[space:], "shell"))


_R_KEYWORDS = _word_set("if else for while repeat in next break function")
_R_CONSTANTS = _word_set(
    "NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_ NA_character_"
)
_R_BUILTINS = _word_set("LETTERS letters month.abb month.name pi T F")
_R_PRIMITIVES = """
    abs acos acosh all any anyNA Arg as.call as.character as.complex as.double as.environment
    as.integer as.logical as.null.default as.numeric as.raw asin asinh atan atanh attr
    attributes baseenv browser c call ceiling class Conj cos cosh cospi cummax cummin cumprod
    cumsum digamma dim dimnames emptyenv exp expression floor forceAndCall gamma gc.time
    globalenv Im interactive invisible is.array is.atomic is.call is.character is.complex
    is.double is.environment is.expression is.finite is.function is.infinite is.integer
    is.language is.list is.logical is.matrix is.na is.name is.nan is.null is.numeric is.object
    is.pairlist is.raw is.recursive is.single is.symbol lazyLoadDBfetch length lgamma list log
    max min missing Mod names nargs nzchar oldClass on.exit pos.to.env proc.time prod quote
    range Re rep retracemem return round seq_along seq_len seq.int sign signif sin sinh sinpi
    sqrt standardGeneric substitute sum switch tan tanh tanpi tracemem trigamma trunc unclass
    untracemem UseMethod xtfrm
"""


def _r_name(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """An R identifier: keyword, constant, builtin constant or plain name."""
    word = match.group(0)
    if word in _R_KEYWORDS:
        ttype = Keyword
    elif word in _R_CONSTANTS:
        ttype = Keyword.Constant
    elif word in _R_BUILTINS:
        ttype = Name.Builtin
    else:
        ttype = Name
    yield match.start(), ttype, word


class RLexer(FastRegexLexer):
    """Rouge's R lexer: primitives called with `(` are functions, other names plain."""

    name = "Rouge R"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"#'.*?$", Comment.Doc),
            (r"#.*?$", Comment.Single),
            (r"\s+", Text.Whitespace),
            (r"`[^`]+?`", Name),
            (r"(?s)'(?:\\.|.)*?'", String.Single),
            (r'(?s)"(?:\\.|.)*?"', String.Double),
            (r"%[^%]*?%", Operator),
            (r"0[xX][a-fA-F0-9]+(?:[pP][0-9]+)?[Li]?", Number.Hex),
            (r"[+-]?(?:\d+(?:[.]\d+)?|[.]\d+)(?:[eE][+-]?\d+)?[Li]?", Number),
            (rf"(?:{_alternation(_R_PRIMITIVES).replace('.', '[.]')})(?=\()", Name.Function),
            (r"(?:(?:[^\W\d_]|[.][._a-zA-Z])[._\w]*)|[.]", _r_name),
            (r"[\[\]{}();,]", Punctuation),
            (r"[-<>?*+^/!=~$@:%&|]", Operator),
            (r"(?s).", Error),
        ]
    }


_MATLAB_KEYWORDS = _word_set("""arguments break case catch classdef continue else elseif end for function global if
    import methods otherwise parfor persistent properties return spmd switch try while""")


def _matlab_name(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """A MATLAB identifier: keyword, builtin function (Rouge's list) or plain name."""
    word = match.group(0)
    if word in _MATLAB_KEYWORDS:
        ttype = Keyword
    elif word in rouge_words("matlab.builtins"):
        ttype = Name.Builtin
    else:
        ttype = Name
    yield match.start(), ttype, word


def _matlab_shell(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """``!command``: the bang, then the command as shell."""
    yield match.start(), Keyword, "!"
    yield from _yield(match.start() + 1, _embedded(match.group(1), "shell"))


class MatlabLexer(FastRegexLexer):
    """Rouge's MATLAB lexer: a quote starts a string only if another follows on its line."""

    name = "Rouge MATLAB"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text),
            (r"(?s)[{]%.*?%[}]", Comment.Multiline),
            (r"%.*$", Comment.Single),
            (r"([.][.][.])(.*?)$", bygroups(Keyword, Comment)),
            (r"^!(.*?)(?=%|$)", _matlab_shell),
            (r"[a-zA-Z][_a-zA-Z0-9]*", _matlab_name),
            (r"[(){};:,/\\\]\[]", Punctuation),
            (r"~=|==|<<|>>|[-~+/*%=<>&^|.@]", Operator),
            (r"(?i)(?:\d+\.\d*|\d*\.\d+)(?:e[+-]?[0-9]+)?", Number.Float),
            (r"(?i)\d+e[+-]?[0-9]+", Number.Float),
            (r"\d+L", Number.Integer.Long),
            (r"\d+", Number.Integer),
            (r"'(?=.*')", String.Single, "chararray"),
            (r'"(?=.*")', String.Double, "string"),
            (r"'", Operator),
            (r"(?s).", Error),
        ],
        "chararray": [
            (r"[^']+", String.Single),
            (r"''", String.Escape),
            (r"'", String.Single, "#pop"),
        ],
        "string": [
            (r'[^"]+', String.Double),
            (r'""', String.Escape),
            (r'"', String.Double, "#pop"),
        ],
    }


_TEX_COMMAND = r"(?i)\\(?:[a-z]+|\s+|.)"


class TexLexer(FastRegexLexer):
    """Rouge's TeX lexer: commands as keywords, environments as tags, math states."""

    name = "Rouge TeX"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "general": [
            (r"%.*$", Comment),
            (r"[{}&_^]", Punctuation),
        ],
        "root": [
            (r"\\\[", Punctuation, "displaymath"),
            (r"\\\(", Punctuation, "inlinemath"),
            (r"\$\$", Punctuation, "displaymath"),
            (r"\$", Punctuation, "inlinemath"),
            (r"\\(?:begin|end)\{.*?\}", Name.Tag),
            (
                r"(\\verb)\b(\S)(.*?)(\2)",
                bygroups(Name.Builtin, Keyword.Pseudo, String.Other, Keyword.Pseudo),
            ),
            (_TEX_COMMAND, Keyword, "command"),
            include("general"),
            (r"[^\\$%&_^{}]+", Text),
            (r"(?s).", Error),
        ],
        "math": [
            (_TEX_COMMAND, Name.Variable),
            include("general"),
            (r"[0-9]+", Number),
            (r"[-=!+*/()\[\]]", Operator),
            (r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", Name.Builtin),
        ],
        "inlinemath": [
            (r"\\\)", Punctuation, "#pop"),
            (r"\$", Punctuation, "#pop"),
            include("math"),
            (r"(?s).", Error),
        ],
        "displaymath": [
            (r"\\\]", Punctuation, "#pop"),
            (r"\$\$", Punctuation, "#pop"),
            (r"\$", Name.Builtin),
            include("math"),
            (r"(?s).", Error),
        ],
        "command": [
            (r"\[.*?\]", Name.Attribute),
            (r"\*", Keyword),
            default("#pop"),
        ],
    }


_BIB_PUNCT = re.escape("@!$&.\\:;<>?[]^`|~*/+-")
_BIB_NAME = rf"(?i:[a-z_{_BIB_PUNCT}][\w{_BIB_PUNCT}]*)"


_BIB_END = rf"(?![\w{_BIB_PUNCT}])"


class BibtexLexer(FastRegexLexer):
    """Rouge's BibTeX lexer: entry types as classes, keys as labels, fields as attributes."""

    name = "Rouge BibTeX"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "whitespace": [(r"\s+", Text)],
        "root": [
            include("whitespace"),
            (rf"@(?i:comment){_BIB_END}", Comment),
            (
                rf"@(?i:preamble){_BIB_END}",
                Name.Class,
                ("closing_brace", "value", "opening_brace"),
            ),
            (rf"@(?i:string){_BIB_END}", Name.Class, ("closing_brace", "field", "opening_brace")),
            (rf"@{_BIB_NAME}", Name.Class, ("closing_brace", "command_body", "opening_brace")),
            (r".+", Comment),
        ],
        "opening_brace": [
            include("whitespace"),
            (r"[{(]", Punctuation, "#pop"),
        ],
        "closing_brace": [
            include("whitespace"),
            (r"[})]", Punctuation, "#pop"),
        ],
        "command_body": [
            include("whitespace"),
            (r"[^\s,}]+", Name.Label, ("#pop", "fields")),
        ],
        "fields": [
            include("whitespace"),
            (r",", Punctuation, "field"),
            default("#pop"),
        ],
        "field": [
            include("whitespace"),
            (_BIB_NAME, Name.Attribute, ("value", "equal_sign")),
            default("#pop"),
        ],
        "equal_sign": [
            include("whitespace"),
            (r"=", Punctuation, "#pop"),
        ],
        "value": [
            include("whitespace"),
            (_BIB_NAME, Name.Variable),
            (r'"', String, "quoted_string"),
            (r"\{", String, "braced_string"),
            (r"\d+", Number),
            (r"#", Punctuation),
            default("#pop"),
        ],
        "quoted_string": [
            (r"\{", String, "braced_string"),
            (r'"', String, "#pop"),
            (r'[^{"]+', String),
        ],
        "braced_string": [
            (r"\{", String, "#push"),
            (r"\}", String, "#pop"),
            (r"[^{}]+", String),
        ],
    }


_CSS_ID = r"(?:[^\W\d]|[_-])[\w\u00ad\u200b-\u200f\u2060-\u2064-]*"
_CSS_NUMBER = r"-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_CSS_UNITS = (
    r"(?:%|(?:em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm|dppx|deg|grad|rad"
    r"|turn|s|ms|Hz|kHz)\b)?"
)


def _css_value_name(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """An identifier in a value: constant, builtin or plain name (Rouge's lists)."""
    word = match.group(0)
    if word in rouge_words("css.constants"):
        ttype = Name.Constant
    elif word in rouge_words("css.builtins"):
        ttype = Name.Builtin
    else:
        ttype = Name
    yield match.start(), ttype, word


def _css_property(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """``name:`` in a rule: a known property or vendor one is a label, others properties."""
    name, space, colon = match.group(1, 2, 3)
    prefixes = rouge_words("css.vendor_prefixes")
    known = name in rouge_words("css.attributes") or any(name.startswith(p) for p in prefixes)
    yield match.start(1), Name.Label if known else Name.Property, name
    if space:
        yield match.start(2), Text, space
    yield match.start(3), Punctuation, colon


class CssLexer(FastRegexLexer):
    """Rouge's CSS lexer: selectors, declarations with Rouge's property and value lists."""

    name = "Rouge CSS"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "basics": [
            (r"\s+", Text),
            (r"(?s)/\*.*?\*/", Comment),
        ],
        "root": [
            include("basics"),
            (r"\{", Punctuation, "stanza"),
            (rf":[:]?{_CSS_ID}", Name.Decorator),
            (rf"\.{_CSS_ID}", Name.Class),
            (rf"#{_CSS_ID}", Name.Function),
            (rf"@{_CSS_ID}", Keyword, "at_rule"),
            (_CSS_ID, Name.Tag),
            (r"[~^*!%&\[\]()<>|+=@:;,./?-]", Operator),
            (r'"(?:\\\\|\\"|[^"])*"', String.Single),
            (r"'(?:\\\\|\\'|[^'])*'", String.Double),
            (r"(?s).", Error),
        ],
        "value": [
            include("basics"),
            (r"url\(.*?\)", String.Other),
            (r"(?i)#[0-9a-f]{1,6}", Number),
            (_CSS_NUMBER + _CSS_UNITS, Number),
            (r"[\[\]():/.,]", Punctuation),
            (r'"(?:\\\\|\\"|[^"])*"', String.Single),
            (r"'(?:\\\\|\\'|[^'])*'", String.Double),
            (_CSS_ID, _css_value_name),
        ],
        "at_rule": [
            (rf"\{{(?=\s*{_CSS_ID}\s*:)", Punctuation, ("#pop", "at_stanza")),
            (r"\{", Punctuation, ("#pop", "at_body")),
            (r";", Punctuation, "#pop"),
            include("value"),
            (r"(?s).", Error),
        ],
        "at_body": [
            (r"\}", Punctuation, "#pop"),
            include("root"),
        ],
        "at_stanza": [
            (r"\}", Punctuation, "#pop"),
            include("stanza"),
        ],
        "stanza": [
            include("basics"),
            (r"\}", Punctuation, "#pop"),
            (rf"({_CSS_ID})(\s*)(:)", _css_property, "stanza_value"),
            (r"(?s).", Error),
        ],
        "stanza_value": [
            (r";", Punctuation, "#pop"),
            (r"(?=\})", Text, "#pop"),
            (r"!\s*important\b", Comment.Preproc),
            (r"^@.*?$", Comment.Preproc),
            include("value"),
            (r"(?s).", Error),
        ],
    }


_GO_KEYWORDS = _alternation(
    """break default func interface select case defer go map struct chan else goto package
    switch const fallthrough if range type continue for import return var"""
)
_GO_TYPES = _alternation(
    """bool byte complex64 complex128 error float32 float64 int8 int16 int32 int64 int rune
    string uint8 uint16 uint32 uint64 uintptr uint"""
)
_GO_BUILTINS = _alternation(
    "append cap close complex copy delete imag len make new panic print println real recover"
)
_GO_FLOAT = r"(?:\d+\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?)"
_GO_ESCAPE = r"\\[abfnrtv\\'\"]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\x[0-9A-Fa-f]{2}"
_GO_CHAR = rf"'(?:[^\n]|{_GO_ESCAPE}|\\[0-7]{{3}})'"
_GO_OPERATOR = (
    r"\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|<<=|<<|<|\*=|\*"
    r"|\^=|\^|>>=|>>|>=|>|/|/=|:=|%|%=|\.\.\.|\.|:"
)


class GoLexer(FastRegexLexer):
    """Rouge's Go lexer: keywords, predeclared names, one number type."""

    name = "Rouge Go"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"//[^\n]*|/\*(?s:.*?)\*/", Comment),
            (rf"\b(?:{_GO_KEYWORDS})\b", Keyword),
            (rf"\b(?:{_GO_TYPES})\b", Keyword.Type),
            (rf"\b(?:{_GO_BUILTINS})\b", Name.Builtin),
            (r"\b(?:true|false|iota|nil)\b", Name.Constant),
            (rf"(?:\d+|{_GO_FLOAT})i", Number),
            (_GO_FLOAT, Number),
            (r"0[xX][0-9A-Fa-f]+|[0-9]+", Number),
            (_GO_CHAR, String.Char),
            (_GO_OPERATOR, Operator),
            (r"[()\[\]{},;]", Punctuation),
            (rf"(?!\b(?:{_GO_KEYWORDS})\b)(?:[^\W\d]|_)(?:[^\W\d]|_|\d)*", Name),
            (r"\s+", Text),
            (r"`", String, "raw_string"),
            (r'"', String, "interpreted_string"),
            (r"(?s).", Error),
        ],
        "interpreted_string": [
            (_GO_ESCAPE, String.Escape),
            (r"\\.", Error),
            (r'"', String, "#pop"),
            (r'[^"\\]+', String),
        ],
        "raw_string": [
            (r"`", String, "#pop"),
            (r"[^`]+", String),
        ],
    }


def _liquid_reset(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """The end of a tag or output: punctuation, and back to the text around it."""
    yield match.start(), Punctuation, match.group(0)
    ctx.stack = ["root"]
    ctx.pos = match.end()


def _liquid_quoted(value: str, otherwise: Any) -> Any:
    """A string token type when ``value`` is a quoted string, else ``otherwise``."""
    if re.match(r"'[^']*'", value):
        return String.Single
    if re.match(r'"[^"]*"', value):
        return String.Double
    return otherwise


def _liquid_cycle(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``cycle [group:]``: the group name typed as string or attribute."""
    types = (Name.Tag, Text.Whitespace, None, Text.Whitespace, Punctuation, Text.Whitespace)
    for group, ttype in enumerate(types, start=1):
        value = match.group(group)
        if value:
            yield match.start(group), ttype or _liquid_quoted(value, Name.Attribute), value
    ctx.stack.append("variable_tag_markup")
    ctx.pos = match.end()


def _liquid_for(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``for x in collection``: the collection typed as string or variable."""
    types = (
        Name.Tag,
        Text.Whitespace,
        Name.Variable,
        Text.Whitespace,
        Name.Tag,
        Text.Whitespace,
        None,
        Text.Whitespace,
    )
    for group, ttype in enumerate(types, start=1):
        value = match.group(group)
        if value:
            yield match.start(group), ttype or _liquid_quoted(value, Name.Variable), value
    ctx.stack.append("tag_markup")
    ctx.pos = match.end()


class LiquidLexer(FastExtendedRegexLexer):
    """Rouge's Liquid lexer: tags, outputs with filters; text around them is plain."""

    name = "Rouge Liquid"
    aliases: ClassVar[list[str]] = []

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"[^{]+", Text),
            (r"(\{%-?)(\s*)", bygroups(Punctuation, Text.Whitespace), "tag_or_block"),
            (r"(\{\{-?)(\s*)", bygroups(Punctuation, Text.Whitespace), "output"),
            (r"\{", Text),
        ],
        "tag_or_block": [
            (r"(?:if|elsif|unless|case)\b", Keyword.Reserved, "condition"),
            (r"when\b", Keyword.Reserved, "when"),
            (
                r"(else)(\s*)(-?%\})",
                bygroups(Keyword.Reserved, Text.Whitespace, Punctuation),
                "#pop",
            ),
            (
                r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})",
                bygroups(Name.Tag, Text.Whitespace, Name.Variable, Text.Whitespace, Punctuation),
                "#pop",
            ),
            (
                r"(comment)(\s*)(-?%\})",
                bygroups(Name.Tag, Text.Whitespace, Punctuation),
                "comment",
            ),
            (r"(raw)(\s*)(-?%\})", bygroups(Name.Tag, Text.Whitespace, Punctuation), "raw"),
            (
                r"(end(?:if|unless|case))(\s*)(-?%\})",
                bygroups(Keyword.Reserved, Text.Whitespace, Punctuation),
                "#pop",
            ),
            (
                r"(end(?:[^\s%]+))(\s*)(-?%\})",
                bygroups(Name.Tag, Text.Whitespace, Punctuation),
                "#pop",
            ),
            (r"(?:assign|echo)\b", Name.Tag, "assign"),
            (r"(?:include|render)\b", Name.Tag, "include"),
            (r"(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)", _liquid_cycle),
            (
                (
                    r"(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)"
                    r"((?:[^\s%,|'\"]|(?:\"[^\"]*\"|'[^']*'))+)(\s*)"
                ),
                _liquid_for,
            ),
            (r"([^\s%]+)(\s*)", bygroups(Name.Tag, Text.Whitespace), "tag_markup"),
        ],
        "output": [
            (
                r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)",
                bygroups(Punctuation, Text.Whitespace, Name.Function),
                "filters",
            ),
            include("end_of_tag"),
            include("generic"),
        ],
        "filters": [
            (
                r"(\|)(\s*)([a-zA-Z_][^\s%}|:]*)",
                bygroups(Punctuation, Text.Whitespace, Name.Function),
            ),
            include("end_of_tag"),
            include("end_of_block"),
            include("variable_param_markup"),
        ],
        "condition": [
            (r"[=!]=|[<>]=?", Operator),
            (r"(?:and|or|contains)\b", Operator.Word),
            include("end_of_block"),
            include("generic"),
        ],
        "when": [include("end_of_block"), include("generic")],
        "end_of_tag": [(r"-?\}\}", _liquid_reset)],
        "end_of_block": [(r"-?%\}", _liquid_reset)],
        "param_markup": [
            include("whitespace"),
            include("keyword"),
            include("string"),
            include("number"),
            (r"([^\s=:]+)(\s*)(=|:)", bygroups(Name.Attribute, Text.Whitespace, Operator)),
            (r"[,:]", Punctuation),
        ],
        "default_param_markup": [include("param_markup"), (r"\S+", Text)],
        "variable_param_markup": [
            include("param_markup"),
            include("variable"),
            (r"\S+", Text),
        ],
        "tag_markup": [
            (r"reversed\b", Name.Attribute),
            include("end_of_block"),
            include("default_param_markup"),
        ],
        "variable_tag_markup": [include("end_of_block"), include("variable_param_markup")],
        "keyword": [(r"(?:false|true|nil)\b", Keyword.Constant)],
        "variable": [
            (r"(?:empty|blank|forloop\.[^\s%}|:]+)\b", Name.Builtin),
            (r"\.(?=\w)|\[|\]", Punctuation),
            (r"(?:first|last|size)\b", Name.Function),
            (r"[a-zA-Z_][\w-]*\??", Name.Variable),
        ],
        "string": [(r"'[^']*'", String.Single), (r'"[^"]*"', String.Double)],
        "number": [
            (r"-", Operator),
            (r"\d+\.\d+", Number.Float),
            (r"\d+", Number.Integer),
        ],
        "generic": [
            include("whitespace"),
            include("keyword"),
            include("string"),
            include("number"),
            include("variable"),
        ],
        "whitespace": [(r"[ \t]+", Text.Whitespace)],
        "comment": [
            (r"[^{]+", Comment),
            (
                r"(\{%-?)(\s*)(endcomment)(\s*)(-?%\})",
                bygroups(Punctuation, Text.Whitespace, Name.Tag, Text.Whitespace, Punctuation),
                "#pop:2",
            ),
            (r"\{", Comment),
        ],
        "raw": [
            (r"[^{]+", Text),
            (
                r"(\{%-?)(\s*)(endraw)(\s*)(-?%\})",
                bygroups(Punctuation, Text.Whitespace, Name.Tag, Text.Whitespace, Punctuation),
                "#pop:2",
            ),
            (r"\{", Text),
        ],
        "assign": [
            (r"=", Operator),
            (
                r"(\|)(\s*)([a-zA-Z_][^\s%|:]*)",
                bygroups(Punctuation, Text.Whitespace, Name.Function),
                "filters",
            ),
            include("end_of_block"),
            include("generic"),
        ],
        "include": [
            (r"(\{\{-?)(\s*)", bygroups(Punctuation, Text.Whitespace), "output_embed"),
            (r"(?:with|for)\b", Name.Tag),
            (r"[/\w-]+(?:\.[\w-]+)+\b", Text),
            include("variable_tag_markup"),
        ],
        "output_embed": [
            (
                r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)",
                bygroups(Punctuation, Text.Whitespace, Name.Function),
            ),
            (r"-?\}\}", Punctuation, "#pop"),
            include("variable_param_markup"),
        ],
    }


def _sql_word(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """An SQL word: a type name, a keyword (Rouge's lists, any case) or a name."""
    word = match.group(0)
    if word.upper() in rouge_words("sql.keywords_type"):
        ttype = Name.Builtin
    elif word.upper() in rouge_words("sql.keywords"):
        ttype = Keyword
    else:
        ttype = Name
    yield match.start(), ttype, word


class SqlLexer(FastRegexLexer):
    """Rouge's SQL lexer: double quotes and backticks name objects."""

    name = "Rouge SQL"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text),
            (r"--.*", Comment.Single),
            (r"/\*", Comment.Multiline, "multiline_comments"),
            (r"\d+", Number.Integer),
            (r"'", String.Single, "single_string"),
            (r'"', Name.Variable, "double_string"),
            (r"`", Name.Variable, "backtick"),
            (r"\w+", _sql_word),
            (r"[+*/<>=~!@#%&|?^-]", Operator),
            (r"[;:()\[\]{},.]", Punctuation),
            (r"(?s).", Error),
        ],
        "multiline_comments": [
            (r"/[*]", Comment.Multiline, "#push"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
        "backtick": [
            (r"\\.", String.Escape),
            (r"``", String.Escape),
            (r"`", Name.Variable, "#pop"),
            (r"[^\\`]+", Name.Variable),
        ],
        "single_string": [
            (r"\\.", String.Escape),
            (r"''", String.Escape),
            (r"'", String.Single, "#pop"),
            (r"[^\\']+", String.Single),
        ],
        "double_string": [
            (r"\\.", String.Escape),
            (r'""', String.Escape),
            (r'"', Name.Variable, "#pop"),
            (r'[^\\"]+', Name.Variable),
        ],
    }


_RS_ID = r"(?:[^\W\d]|_)\w*"
_RS_ESCAPE = r"\\(?:[nrt'\"\\0]|x[0-9a-fA-F]{2}|u\{(?:[0-9a-fA-F]_*){1,6}\})"
_RS_SIZE = r"(?:8|16|32|64|128|size)"
_RS_CLOSERS = {"[": "]", "(": ")", "{": "}"}


def _rs_keyword_or_name(
    lexer: Any, match: re.Match[str], ctx: Any
) -> Iterator[tuple[int, Any, str]]:
    """An identifier: a builtin (Rouge's list) or a plain name."""
    word = match.group(0)
    if word in rouge_words("rust.builtins"):
        ttype = Name.Builtin
    else:
        ttype = Name
    yield match.start(), ttype, word
    ctx.pos = match.end()


def _rs_macro_open(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """An opening bracket inside a macro call: counted."""
    depth: dict[str, int] = ctx.__dict__.setdefault("rs_depth", {"]": 0, ")": 0, "}": 0})
    depth[_RS_CLOSERS[match.group(0)]] += 1
    yield match.start(), Punctuation, match.group(0)
    ctx.pos = match.end()


def _rs_macro_close(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A closing bracket inside a macro call: the call ends when all are closed."""
    depth: dict[str, int] = ctx.__dict__.setdefault("rs_depth", {"]": 0, ")": 0, "}": 0})
    depth[match.group(0)] -= 1
    if all(n == 0 for n in depth.values()) and len(ctx.stack) > 1:
        ctx.stack.pop()
    yield match.start(), Punctuation, match.group(0)
    ctx.pos = match.end()


def _rs_function(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A name called with ``(`` (with its leading dot): a function."""
    yield match.start(), Name.Function, match.group(0)
    ctx.pos = match.end()


class RustLexer(FastExtendedRegexLexer):
    """Rouge's Rust lexer: namespaces before ``::``, properties and calls with their dot."""

    name = "Rouge Rust"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    def get_tokens_unprocessed(
        self, text: str | None = None, context: Any = None
    ) -> Iterator[tuple[int, Any, str]]:
        """Start at the beginning-of-line state, as Rouge does."""
        if context is None and text is not None:
            context = LexerContext(text, 0, ["root", "bol"])
        yield from super().get_tokens_unprocessed(text, context)

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "bol": [
            include("whitespace"),
            (r"#\s[^\n]*", Comment.Special),
            default("#pop"),
        ],
        "attribute": [
            include("whitespace"),
            include("has_literals"),
            (r"[(,)=:]", Name.Decorator),
            (r"\]", Name.Decorator, "#pop"),
            (_RS_ID, Name.Decorator),
        ],
        "whitespace": [
            (r"\s+", Text),
            include("comments"),
        ],
        "comments": [
            (r"////+[^\n]*", Comment.Single),
            (r"//[/!][^\n]*", Comment.Doc),
            (r"//[^\n]*", Comment.Single),
            (r"/\*\*\*?/", Comment.Multiline),
            (r"/\*\*\*+", Comment.Multiline, "nested_plain_block"),
            (r"/[*][*!]", Comment.Doc, "nested_doc_block"),
            (r"/[*]", Comment.Multiline, "nested_plain_block"),
        ],
        "nested_plain_block": [
            (r"\*/", Comment.Multiline, "#pop"),
            (r"/\*", Comment.Multiline, "#push"),
            (r"[^*/]+|[*/]", Comment.Multiline),
        ],
        "nested_doc_block": [
            (r"\*/", Comment.Doc, "#pop"),
            (r"/\*", Comment.Doc, "#push"),
            (r"[^*/]+|[*/]", Comment.Doc),
        ],
        "root": [
            (r"\n", Text, "bol"),
            include("whitespace"),
            (r"#!?\[", Name.Decorator, "attribute"),
            (rf"\b(?:{'|'.join(sorted(rouge_words('rust.keywords')))})\b", Keyword),
            include("has_literals"),
            (r"[=-]>", Keyword),
            (r"<->", Keyword),
            (r"[()\[\]{}|,:;]", Punctuation),
            (r"[*/!@~&+%^<>=?-]|\.{2,3}", Operator),
            (rf"(?:[.]\s*)?{_RS_ID}(?=\s*[(])", _rs_function),
            (r"[.]\s*await\b", Keyword),
            (rf"[.]\s*{_RS_ID}", Name.Property),
            (r"[.]\s*\d+", Name.Attribute),
            (rf"({_RS_ID})(::)", bygroups(Name.Namespace, Punctuation)),
            (r"\bmacro_rules!", Name.Decorator, "macro_rules"),
            (rf"{_RS_ID}!", Name.Decorator, "macro"),
            (r"'static\b", Keyword),
            (rf"'{_RS_ID}", Name.Variable),
            (_RS_ID, _rs_keyword_or_name),
        ],
        "macro": [
            include("has_literals"),
            (r"[\[{(]", _rs_macro_open),
            (r"[\]})]", _rs_macro_close),
            (rf"{_RS_ID}!", Name.Decorator),
            include("root"),
            (r".", Text),
        ],
        "macro_rules": [
            (rf"[$]{_RS_ID}(?::{_RS_ID})?", Name.Variable),
            (r"[$]", Name.Variable),
            include("macro"),
        ],
        "has_literals": [
            (r"\b(?:true|false)\b", Keyword.Constant),
            (rf"b?'(?:{_RS_ESCAPE}|[^\\])'", String.Char),
            (r'b?"', String, "string"),
            (r'(?s)b?r(#*)".*?"\1', String),
            (
                (
                    r"[0-9][0-9_]*(?:[.][0-9][0-9_]*(?:[eE][-+]?[0-9_]+)?(?:f32|f64)?"
                    r"|(?:[.][0-9][0-9_]*)?[eE][-+]?[0-9_]+(?:f32|f64)?"
                    r"|(?:[.][0-9][0-9_]*)?(?:[eE][-+]?[0-9_]+)?(?:f32|f64)"
                    r"|[.](?![._\w]))"
                ),
                Number.Float,
            ),
            (
                rf"(?:0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)(?:u{_RS_SIZE}?|i{_RS_SIZE})?",
                Number.Integer,
            ),
        ],
        "string": [
            (r'"', String, "#pop"),
            (_RS_ESCAPE, String.Escape),
            (r'[^"\\]+', String),
        ],
    }


class JuliaLexer(FastRegexLexer):
    """Rouge's Julia lexer: Rouge's type, keyword and builtin lists; brackets as ``Other``."""

    name = "Rouge Julia"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\n", Text),
            (r"[^\S\n]+", Text),
            (r"#=", Comment.Multiline, "blockcomment"),
            (r"#.*$", Comment),
            (rouge_regex("julia.operators"), Operator),
            (r"\\\n", Text),
            (r"\\", Text),
            (r"(function|macro)((?:\s|\\\s)+)", bygroups(Keyword, Name.Function), "funcname"),
            (
                r"((?:mutable )?struct|(?:abstract|primitive) type)((?:\s|\\\s)+)",
                bygroups(Keyword, Name.Class),
                "typename",
            ),
            (rouge_regex("julia.types"), Keyword.Type),
            (r"(?:local|global|const)\b", Keyword.Declaration),
            (rouge_regex("julia.keywords"), Keyword),
            (rouge_regex("julia.builtins"), Name.Builtin),
            (r"`.*?`", String.Backtick),
            (
                (
                    r"'(?:\\.|\\[0-7]{1,3}|\\x[a-fA-F0-9]{1,3}|\\u[a-fA-F0-9]{1,4}"
                    r"|\\U[a-fA-F0-9]{1,6}|[^\\'\n])'"
                ),
                String.Char,
            ),
            (r'[IL]"', String, "string"),
            (r'E?"', String, "string"),
            (r"@[\w.]+", Name.Decorator),
            (r"(?:[a-zA-Z_\u00a1-\uffff])(?:[a-zA-Z_0-9\u00a1-\uffff])*!*", Name),
            (r"[\[\]{}(),;]", Token.Other),
            (r"(?:\d+(?:_\d+)+\.\d*|\d*\.\d+(?:_\d+)+)(?:[eEf][+-]?[0-9]+)?", Number.Float),
            (r"(?:\d+\.\d*|\d*\.\d+)(?:[eEf][+-]?[0-9]+)?", Number.Float),
            (r"\d+(?:_\d+)+[eEf][+-]?[0-9]+", Number.Float),
            (r"\d+[eEf][+-]?[0-9]+", Number.Float),
            (r"0b[01]+(?:_[01]+)+|0b[01]+", Number.Bin),
            (r"0o[0-7]+(?:_[0-7]+)+|0o[0-7]+", Number.Oct),
            (r"0x[a-fA-F0-9]+(?:_[a-fA-F0-9]+)+|0x[a-fA-F0-9]+", Number.Hex),
            (r"\d+(?:_\d+)+|\d+", Number.Integer),
            (r"(?s).", Error),
        ],
        "funcname": [
            (r"(?:[^\W\d]|_)[\w!]*", Name.Function, "#pop"),
            (r"\([^\s\w{]{1,2}\)", Operator, "#pop"),
            (r"[^\s\w{]{1,2}", Operator, "#pop"),
            (r"(?s).", Error),
        ],
        "typename": [
            (r"(?:[^\W\d]|_)[\w!]*", Name.Class, "#pop"),
            (r"(?s).", Error),
        ],
        "stringescape": [
            (
                (
                    r"\\(?:[\\abfnrtv\"']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}"
                    r"|x[a-fA-F0-9]{2}|[0-7]{1,3})"
                ),
                String.Escape,
            ),
        ],
        "blockcomment": [
            (r"[^=#]", Comment.Multiline),
            (r"#=", Comment.Multiline, "#push"),
            (r"=#", Comment.Multiline, "#pop"),
            (r"[=#]", Comment.Multiline),
        ],
        "string": [
            include("stringescape"),
            (r'"', String, "#pop"),
            (r'\\\\|\\"|\\\n', String.Escape),
            (r"\$(?:\(\w+\))?[-#0 +]*(?:[0-9]+|[*])?(?:\.(?:[0-9]+|[*]))?", String.Interpol),
            (r'[^\\"$]+', String),
            (r'["\\]', String),
            (r"\$", String),
        ],
    }


_XML_NAME = r"(?:[^\W\d_]|[:_])[\w\u00ad\u200b-\u200f:.\u00b7-]*"


class XmlLexer(FastRegexLexer):
    """Rouge's XML lexer: whole start and end tags, ``attr=`` with its equals sign."""

    name = "Rouge XML"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"[^<&]+", Text),
            (r"&\S*?;", Name.Entity),
            (r"<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"<\?.*?\?>", Comment.Preproc),
            (r"<![^>]*>", Comment.Preproc),
            (rf"<\s*{_XML_NAME}", Name.Tag, "tag"),
            (rf"<\s*/\s*{_XML_NAME}\s*>", Name.Tag),
            (r"(?s).", Error),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (r"\s+", Text),
            (rf"{_XML_NAME}\s*=", Name.Attribute, "attr"),
            (r"/?\s*>", Name.Tag, "#pop"),
            (r"(?s).", Error),
        ],
        "attr": [
            (r"\s+", Text),
            (r"(?s)\".*?\"|'.*?'|[^\s>]+", String, "#pop"),
        ],
    }


_TOML_ID = r"(?:\S+|\"[^\"]+\"|'[^']+')"


class TomlLexer(FastRegexLexer):
    """Rouge's TOML lexer: keys as properties, tables as namespaces."""

    name = "Rouge TOML"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "basic": [
            (r"\s+", Text),
            (r"#.*?$", Comment),
            (r"true|false", Keyword.Constant),
            (
                rf"({_TOML_ID})(\s*)(=)(\s*)(\{{)",
                bygroups(Name.Namespace, Text, Operator, Text, Punctuation),
                "inline",
            ),
            (r"\s*\[\S+\]", Name.Namespace),
            (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", Literal.Date),
            (r"[+-]?\d+(?:_\d+)*\.\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?", Number.Float),
            (r"[+-]?\d+(?:_\d+)*[eE][+-]?\d+(?:_\d+)*", Number.Float),
            (r"[+-]?(?:nan|inf)", Number.Float),
            (r"0x[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*", Number.Hex),
            (r"0o[0-7]+(?:_[0-7]+)*", Number.Oct),
            (r"0b[01]+(?:_[01]+)*", Number.Bin),
            (r"[+-]?\d+(?:_\d+)*", Number.Integer),
        ],
        "root": [
            include("basic"),
            (rf"({_TOML_ID})(\s*)(=)", bygroups(Name.Property, Text, Punctuation), "value"),
            (r"(?s).", Error),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            include("content"),
            (r"(?s).", Error),
        ],
        "content": [
            include("basic"),
            (rf"({_TOML_ID})(\s*)(=)", bygroups(Name.Property, Text, Punctuation)),
            (r'"""', String, "mdq"),
            (r'"', String, "dq"),
            (r"'''", String, "msq"),
            (r"'", String, "sq"),
            include("esc_str"),
            (r",", Punctuation),
            (r"\[", Punctuation, "array"),
        ],
        "dq": [
            (r'"', String, "#pop"),
            (r"\n", Error, "#pop"),
            include("esc_str"),
            (r'[^\\"\n]+', String),
        ],
        "mdq": [
            (r'"""', String, "#pop"),
            include("esc_str"),
            (r'[^\\"]+', String),
            (r'"+', String),
        ],
        "sq": [
            (r"'", String, "#pop"),
            (r"\n", Error, "#pop"),
            (r"[^'\n]+", String),
        ],
        "msq": [
            (r"'''", String, "#pop"),
            (r"[^']+", String),
            (r"'+", String),
        ],
        "esc_str": [(r'\\[0t\tn\n "\\r]', String.Escape)],
        "array": [
            include("content"),
            (r"\]", Punctuation, "#pop"),
            (r"(?s).", Error),
        ],
        "inline": [
            include("content"),
            (r"\}", Punctuation, "#pop"),
            (r"(?s).", Error),
        ],
    }


_SASS_ID = r"[\w-]+"


def _sass_end(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``;``, ``{`` or ``}``: punctuation, and back to the top level."""
    yield match.start(), Punctuation, match.group(0)
    ctx.stack = ["root"]
    ctx.pos = match.end()


def _sass_value_name(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A word in a value: CSS builtin, CSS constant (Rouge's lists) or name."""
    word = match.group(0)
    if word in rouge_words("css.builtins"):
        ttype = Name.Builtin
    elif word in rouge_words("css.constants"):
        ttype = Name.Constant
    else:
        ttype = Name
    yield match.start(), ttype, word
    ctx.pos = match.end()


def _sass_attribute(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A property name: a known CSS property is a label, others attributes."""
    word = match.group(0)
    known = word in rouge_words("css.attributes")
    yield match.start(), Name.Label if known else Name.Attribute, word
    ctx.pos = match.end()


class ScssLexer(FastExtendedRegexLexer):
    """Rouge's SCSS lexer: each statement is a selector, an attribute or an at-rule."""

    name = "Rouge SCSS"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
            (r"@import\b", Keyword, "value"),
            include("content_common"),
            (r"(?=[^;{}][;}])", Text, "attribute"),
            (r"(?=[^;{}:\[]+:[^a-z])", Text, "attribute"),
            default("selector"),
        ],
        "end_section": [
            (r"\n", Text),
            (r"[;{}]", _sass_end),
        ],
        "content_common": [
            (r"@for\b", Keyword, "for"),
            (r"@(?:debug|warn|if|each|while|else|return|media)", Keyword, "value"),
            (rf"(@mixin)(\s+)({_SASS_ID})", bygroups(Keyword, Text, Name.Function), "value"),
            (rf"(@function)(\s+)({_SASS_ID})", bygroups(Keyword, Text, Name.Function), "value"),
            (r"@extend\b", Keyword, "selector"),
            (rf"(@include)(\s+)({_SASS_ID})", bygroups(Keyword, Text, Name.Decorator), "value"),
            (rf"@{_SASS_ID}", Keyword, "selector"),
            (r"&", Keyword, "selector"),
            (rf"([$]{_SASS_ID})([ \t]*)(:)", bygroups(Name.Variable, Text, Punctuation), "value"),
        ],
        "value": [
            include("end_section"),
            (r"[ \t]+", Text),
            (rf"[$]{_SASS_ID}", Name.Variable),
            (r"url[(]", String.Other, "string_url"),
            (rf"{_SASS_ID}(?=\s*[(])", Name.Function),
            (rf"%{_SASS_ID}", Name.Decorator),
            (r"(?:true|false)\b", Name.Builtin.Pseudo),
            (r"(?:and|or|not)\b", Operator.Word),
            (r"(?i)#[a-z0-9]{1,6}", Number.Hex),
            (r"-?\d+(?:%|[a-z]+)?", Number),
            (r"-?\d*\.\d+(?:%|[a-z]+)?", Number.Integer),
            include("has_strings"),
            include("has_interp"),
            (r"[~^*!&%<>|+=@:,./?-]+", Operator),
            (r"[\[\]()]+", Punctuation),
            (r"/[*]", Comment.Multiline, "inline_comment"),
            (r"//[^\n]*", Comment.Single),
            (_SASS_ID, _sass_value_name),
            (r"(?s).", Error),
        ],
        "has_interp": [(r"[#][{]", String.Interpol, "interpolation")],
        "has_strings": [
            (r'"', String.Double, "dq"),
            (r"'", String.Single, "sq"),
        ],
        "interpolation": [
            (r"\}", String.Interpol, "#pop"),
            include("value"),
        ],
        "selector": [
            include("end_section"),
            include("has_strings"),
            include("has_interp"),
            (r"[ \t]+", Text),
            (r":", Name.Decorator, "pseudo_class"),
            (r"[.]", Name.Class, "class"),
            (r"#", Name.Namespace, "id"),
            (r"%", Name.Variable, "placeholder"),
            (_SASS_ID, Name.Tag),
            (r"&", Keyword),
            (r"[~^*!&\[\]()<>|+=@:;,./?-]", Operator),
            (r"(?s).", Error),
        ],
        "dq": [
            (r'"', String.Double, "#pop"),
            include("has_interp"),
            (r'(?:\\.|#(?![{])|[^\n"#])+', String.Double),
            (r"(?s).", Error),
        ],
        "sq": [
            (r"'", String.Single, "#pop"),
            include("has_interp"),
            (r"(?:\\.|#(?![{])|[^\n'#])+", String.Single),
            (r"(?s).", Error),
        ],
        "string_url": [
            (r"[)]", String.Other, "#pop"),
            (r"(?:\\.|#(?![{])|[^\n)#])+", String.Other),
            include("has_interp"),
            (r"(?s).", Error),
        ],
        "selector_piece": [include("has_interp"), default("#pop")],
        "pseudo_class": [(_SASS_ID, Name.Decorator), include("selector_piece")],
        "class": [(_SASS_ID, Name.Class), include("selector_piece")],
        "id": [(_SASS_ID, Name.Namespace), include("selector_piece")],
        "placeholder": [(_SASS_ID, Name.Variable), include("selector_piece")],
        "for": [(r"from|to|through", Operator.Word), include("value")],
        "attr_common": [include("has_interp"), (_SASS_ID, _sass_attribute)],
        "attribute": [
            include("attr_common"),
            (r"([ \t]*)(:)", bygroups(Text, Punctuation), "value"),
            (r"(?s).", Error),
        ],
        "inline_comment": [
            (r"(?:\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+", Comment.Multiline),
            include("has_interp"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"(?s).", Error),
        ],
    }


_JS_ID = r"(?:[^\W\d]|[$_])\w*"


def _js_word(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """An identifier, sorted by the lexer's word lists; keywords start an expression."""
    word = match.group(0)
    lists = lexer.word_lists
    if word in rouge_words(f"{lists}.keywords"):
        ttype, expr = Keyword, True
    elif word in rouge_words(f"{lists}.declarations"):
        ttype, expr = Keyword.Declaration, True
    elif word in rouge_words(f"{lists}.reserved"):
        ttype, expr = Keyword.Reserved, False
    elif word in rouge_words(f"{lists}.constants"):
        ttype, expr = Keyword.Constant, False
    elif word in rouge_words(f"{lists}.builtins"):
        ttype, expr = Name.Builtin, False
    else:
        ttype, expr = Name.Other, False
    yield match.start(), ttype, word
    if expr:
        ctx.stack.append("expr_start")
    ctx.pos = match.end()


_JS_TOKENS: dict[str, list[Any]] = {
    "multiline_comment": [
        (r"[*]/", Comment.Multiline, "#pop"),
        (r"[^*/]+", Comment.Multiline),
        (r"[*/]", Comment.Multiline),
    ],
    "comments_and_whitespace": [
        (r"\s+", Text),
        (r"<!--", Comment),
        (r"//.*?$", Comment.Single),
        (r"/[*]", Comment.Multiline, "multiline_comment"),
    ],
    "expr_start": [
        include("comments_and_whitespace"),
        (r"/", String.Regex, ("#pop", "regex")),
        (r"[{]", Punctuation, ("#pop", "object")),
        default("#pop"),
    ],
    "regex": [
        (r"/", String.Regex, ("#pop", "regex_end")),
        (r"[^/]\n", Error, "#pop"),
        (r"\n", Error, "#pop"),
        (r"\[\^?", String.Escape, "regex_group"),
        (r"\\.", String.Escape),
        (r"[(][?][:=<!]", String.Escape),
        (r"[{][\d,]+[}]", String.Escape),
        (r"[()?]", String.Escape),
        (r".", String.Regex),
    ],
    "regex_end": [
        (r"[gimuy]+", String.Regex, "#pop"),
        default("#pop"),
    ],
    "regex_group": [
        (r"/", String.Escape),
        (r"[^/]\n", Error, "#pop:2"),
        (r"\]", String.Escape, "#pop"),
        (r"\\.", String.Escape),
        (r".", String.Regex),
    ],
    "root": [
        (r"\A\s*#!.*?\n", Comment.Preproc, "statement"),
        (r"(?<=\n)(?=\s|/|<!--)", Text, "expr_start"),
        include("comments_and_whitespace"),
        (
            r"\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==",
            Operator,
            "expr_start",
        ),
        (r"[-<>+*%&|^/!=]=?", Operator, "expr_start"),
        (r"[(\[,]", Punctuation, "expr_start"),
        (r";", Punctuation, "statement"),
        (r"[)\].]", Punctuation),
        (r"`", String.Double, "template_string"),
        (r"[?][.]", Punctuation),
        (r"[?]", Punctuation, ("ternary", "expr_start")),
        (r"(@)(\w+)?", bygroups(Punctuation, Name.Decorator), "expr_start"),
        (r"[{}]", Punctuation, "statement"),
        (_JS_ID, _js_word),
        (r"[0-9][0-9]*\.[0-9]+(?:[eE][0-9]+)?[fd]?", Number.Float),
        (r"(?i)0x[0-9a-fA-F]+", Number.Hex),
        (r"(?i)0o[0-7][0-7_]*", Number.Oct),
        (r"(?i)0b[01][01_]*", Number.Bin),
        (r"[0-9]+", Number.Integer),
        (r'"', String.Delimiter, "dq"),
        (r"'", String.Delimiter, "sq"),
        (r":", Punctuation),
        (r"(?s).", Error),
    ],
    "dq": [
        (r'\\[\\nrt"]?', String.Escape),
        (r'[^\\"]+', String.Double),
        (r'"', String.Delimiter, "#pop"),
    ],
    "sq": [
        (r"\\[\\nrt']?", String.Escape),
        (r"[^\\']+", String.Single),
        (r"'", String.Delimiter, "#pop"),
    ],
    "statement": [
        (r"case\b", Keyword, ("#pop", "expr_start")),
        (rf"({_JS_ID})(\s*)(:)", bygroups(Name.Label, Text, Punctuation)),
        include("expr_start"),
    ],
    "object": [
        include("comments_and_whitespace"),
        (r"[{]", Punctuation, "#push"),
        (r"[}]", Punctuation, ("#pop", "statement")),
        (rf"({_JS_ID})(\s*)(:)", bygroups(Name.Attribute, Text, Punctuation), "expr_start"),
        (r":", Punctuation),
        include("root"),
    ],
    "ternary": [
        (r":", Punctuation, ("#pop", "expr_start")),
        include("root"),
    ],
    "template_string": [
        (r"[$]\{", Punctuation, "template_string_expr"),
        (r"`", String.Double, "#pop"),
        (r"\\[$`]", String.Escape),
        (r"[^$`\\]+", String.Double),
        (r"[\\$]", String.Double),
    ],
    "template_string_expr": [
        (r"\}", Punctuation, "#pop"),
        include("root"),
    ],
}


class JavascriptLexer(FastExtendedRegexLexer):
    """Rouge's JavaScript lexer: statement, object and expression states decide names."""

    name = "Rouge JavaScript"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE
    word_lists = "javascript"

    tokens = _JS_TOKENS

    def get_tokens_unprocessed(
        self, text: str | None = None, context: Any = None
    ) -> Iterator[tuple[int, Any, str]]:
        """Start in an expression, as Rouge's lexer does."""
        if context is None and text is not None:
            context = LexerContext(text, 0, ["root", "statement"])
        yield from super().get_tokens_unprocessed(text, context)


_TS_TOKENS: dict[str, list[Any]] = {
    **_JS_TOKENS,
    "root": [
        (r"[?][.]", Punctuation),
        (r"[?]{2}", Operator),
        *_JS_TOKENS["root"],
    ],
    "statement": [
        (
            rf"({_JS_ID})(\??)(\s*)(:)",
            bygroups(Name.Label, Punctuation, Text, Punctuation),
            "expr_start",
        ),
        *_JS_TOKENS["statement"],
    ],
}


class TypescriptLexer(JavascriptLexer):
    """Rouge's TypeScript lexer: JavaScript's, with TypeScript's words and labels."""

    name = "Rouge TypeScript"
    word_lists = "typescript"

    tokens = _TS_TOKENS


_INI_ID = r"[\w\-.]+"


class IniLexer(FastRegexLexer):
    """Rouge's INI lexer: ``key =`` as property, the rest of the line a string."""

    name = "Rouge INI"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "basic": [
            (r"[;#].*?\n", Comment),
            (r"\s+", Text),
            (r"\\\n", String.Escape),
        ],
        "root": [
            include("basic"),
            (rf"({_INI_ID})(\s*)(=)", bygroups(Name.Property, Text, Punctuation), "value"),
            (r"\[.*?\]", Name.Namespace),
            (r"(?s).", Error),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            include("basic"),
            (r'"', String, "dq"),
            (r"'.*?'", String),
            include("esc_str"),
            (r"[^\\\n]+", String),
            (r"(?s).", Error),
        ],
        "dq": [
            (r'"', String, "#pop"),
            include("esc_str"),
            (r'[^\\"]+', String),
            (r"(?s).", Error),
        ],
        "esc_str": [(r"(?s)\\.", String.Escape)],
    }


_DOCKER_KEYWORDS = (
    "FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG"
    "|STOPSIGNAL|HEALTHCHECK|SHELL"
)


def _docker_run(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """The command of a ``RUN`` line, lexed as shell."""
    yield from _yield(match.start(), _embedded(match.group(0), "shell"))


class DockerLexer(FastRegexLexer):
    """Rouge's Dockerfile lexer: instruction keyword, then its arguments as one string."""

    name = "Rouge Dockerfile"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE | re.IGNORECASE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text),
            (
                r"^(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*)",
                bygroups(
                    Keyword,
                    Text.Whitespace,
                    String,
                    Text.Whitespace,
                    Keyword,
                    Text.Whitespace,
                    String,
                ),
            ),
            (
                rf"^(ONBUILD)(\s+)({_DOCKER_KEYWORDS})(.*)",
                bygroups(Keyword, Text.Whitespace, Keyword, String),
            ),
            (rf"^({_DOCKER_KEYWORDS})\b(.*)", bygroups(Keyword, String)),
            (r"#.*?$", Comment),
            (r"^(?:ONBUILD\s+)?RUN\s+", Keyword, "run"),
            (r"\w+", Text),
            (r"[^\w]+", Text),
        ],
        "run": [
            (r"\n", Text, "#pop"),
            (r"(?s)\\.", String.Escape),
            (r"(?:\\.|[^\n\\])+", _docker_run),
        ],
    }


_C_ID = r"[a-zA-Z_][a-zA-Z0-9_]*"
_C_WS = r"(?:\s|//.*?\n|/[*].*?[*]/)+"


def _c_word(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """An identifier sorted by the lexer's keyword, type, reserved and builtin lists."""
    word = match.group(0)
    lists = lexer.word_lists
    if word in rouge_words(f"{lists}.keywords"):
        ttype = Keyword
    elif word in rouge_words(f"{lists}.keywords_type"):
        ttype = Keyword.Type
    elif word in rouge_words(f"{lists}.reserved"):
        ttype = Keyword.Reserved
    elif word in rouge_words(f"{lists}.builtins"):
        ttype = Name.Builtin
    else:
        ttype = Name
    yield match.start(), ttype, word
    ctx.pos = match.end()


def _c_function(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A function definition or declaration at the top level: its parts relexed afresh."""
    lang = lexer.word_lists
    for group, ttype in ((1, None), (2, Name.Function), (3, None), (4, None), (5, Punctuation)):
        value = match.group(group)
        if ttype is None:
            yield from _yield(match.start(group), _embedded(value, lang))
        elif value:
            yield match.start(group), ttype, value
    if match.group(5) == "{":
        ctx.stack.append("function")
    ctx.pos = match.end()


_C_TOKENS: dict[str, list[Any]] = {
    "expr_bol": [
        include("inline_whitespace"),
        (r"#if\s0", Comment, "if_0"),
        (r"#", Comment.Preproc, "macro"),
        default("#pop"),
    ],
    "bol": [
        (rf"{_C_ID}:(?!:)", Name.Label),
        include("expr_bol"),
    ],
    "inline_whitespace": [
        (r"[ \t\r]+", Text),
        (r"\\\n", Text),
        (r"(?s)/(?:\\\n)?[*].*?[*](?:\\\n)?/", Comment.Multiline),
    ],
    "whitespace": [
        (r"\n+", Text, "bol"),
        (r"//(?:\\.|.)*?$", Comment.Single, "bol"),
        include("inline_whitespace"),
    ],
    "expr_whitespace": [
        (r"\n+", Text, "expr_bol"),
        include("whitespace"),
    ],
    "statements": [
        include("whitespace"),
        (r'(?:u8|u|U|L)?"', String, "string"),
        (r"(?i)(?:u8|u|U|L)?'(?:\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'", String.Char),
        (r"(?i)(?:\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*", Number.Float),
        (r"(?i)\d+e[+-]?\d+[lu]*", Number.Float),
        (r"(?i)0x[0-9a-f]+[lu]*", Number.Hex),
        (r"(?i)0[0-7]+[lu]*", Number.Oct),
        (r"(?i)\d+[lu]*", Number.Integer),
        (r"\*/", Error),
        (r"[~!%^&*+=|?:<>/-]", Operator),
        (r"[()\[\],.;]", Punctuation),
        (r"\bcase\b", Keyword, "case"),
        (r"(?:true|false|NULL)\b", Name.Builtin),
        (_C_ID, _c_word),
    ],
    "case": [
        (r":", Punctuation, "#pop"),
        include("statements"),
    ],
    "root": [
        include("expr_whitespace"),
        (
            rf"(?s)([\w*\s]+?[\s*])({_C_ID})(\s*\([^;]*?\))((?:{_C_WS})?)({{|;)",
            _c_function,
        ),
        (r"\{", Punctuation, "function"),
        include("statements"),
        (r"(?s).", Error),
    ],
    "function": [
        include("whitespace"),
        include("statements"),
        (r";", Punctuation),
        (r"\{", Punctuation, "#push"),
        (r"\}", Punctuation, "#pop"),
        (r"(?s).", Error),
    ],
    "string": [
        (r'"', String, "#pop"),
        (r"\\(?:[\\abfnrtv\"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})", String.Escape),
        (r'[^\\"\n]+', String),
        (r"\\\n", String),
        (r"\\", String),
        (r"(?s).", Error),
    ],
    "macro": [
        include("include"),
        (r"[^/\n\\]+", Comment.Preproc),
        (r"(?s)\\.", Comment.Preproc),
        include("inline_whitespace"),
        (r"/", Comment.Preproc),
        (r"\n", Comment.Preproc, "#pop"),
    ],
    "include": [
        (
            r"(include)(\s*)(<[^>]+>)([^\n]*)",
            bygroups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single),
        ),
        (
            r'(include)(\s*)("[^"]+")([^\n]*)',
            bygroups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single),
        ),
    ],
    "if_0": [
        (r"^\s*#if", Comment, "#push"),
        (r"^\s*#\s*el(?:se|if)", Comment, "#pop"),
        (r"(?s)^\s*#\s*endif\b.*?(?<!\\)\n", Comment, "#pop"),
        (r".*?\n", Comment),
        (r"(?s).", Error),
    ],
}


class CLexer(FastExtendedRegexLexer):
    """Rouge's C lexer: top-level signatures name functions; preprocessor lines whole."""

    name = "Rouge C"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE
    word_lists = "c"

    tokens = _C_TOKENS

    def get_tokens_unprocessed(
        self, text: str | None = None, context: Any = None
    ) -> Iterator[tuple[int, Any, str]]:
        """Start at the beginning of a line, as Rouge does."""
        if context is None and text is not None:
            context = LexerContext(text, 0, ["root", "bol"])
        yield from super().get_tokens_unprocessed(text, context)


_CPP_DQ = r"\d(?:'?\d)*"

_CPP_TOKENS: dict[str, list[Any]] = {
    **_C_TOKENS,
    "root": [
        (r"(?:__offload|__blockingoffload|__outer)\b", Keyword.Pseudo),
        *_C_TOKENS["root"],
    ],
    "statements": [
        (r"(?:class|struct)\b", Keyword, "classname"),
        (r"template\b", Keyword, "template"),
        (
            rf"{_CPP_DQ}(?:\.{_CPP_DQ})?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\b",
            Number.Other,
        ),
        (
            rf"(?i)(?:{_CPP_DQ}[.](?:{_CPP_DQ})?|[.]{_CPP_DQ})(?:e[+-]?{_CPP_DQ}[lu]*)?",
            Number.Float,
        ),
        (rf"(?i){_CPP_DQ}e[+-]?{_CPP_DQ}[lu]*", Number.Float),
        (r"(?i)0x[0-9a-f](?:'?[0-9a-f])*[lu]*", Number.Hex),
        (r"0b[01]+(?:'[01]+)*", Number.Bin),
        (r"(?i)0[0-7](?:'?[0-7])*[lu]*", Number.Oct),
        (rf"(?i){_CPP_DQ}[lu]*", Number.Integer),
        (r"\bnullptr\b", Name.Builtin),
        (
            r"(?s)(?:u8|u|U|L)?R\"([a-zA-Z0-9_{}\[\]#<>%:;.?*+\-/^&|~!=,\"']{,16})\(.*?\)\1\"",
            String,
        ),
        (r"::|<=>", Operator),
        (r"[{}]", Punctuation),
        *_C_TOKENS["statements"],
    ],
    "classname": [
        (_C_ID, Name.Class, "#pop"),
        include("whitespace"),
        (r"[.]{3}", Operator),
        (r",", Punctuation, "#pop"),
        default("#pop"),
    ],
    "template": [
        (r"[>;]", Punctuation, "#pop"),
        (r"typename\b", Keyword, "classname"),
        include("statements"),
    ],
    "case": [
        (r":(?!:)", Punctuation, "#pop"),
        include("statements"),
    ],
}


class CppLexer(CLexer):
    """Rouge's C++ lexer: C's, with C++'s words, numbers, classes and templates."""

    name = "Rouge C++"
    word_lists = "cpp"

    tokens = _CPP_TOKENS


class CudaLexer(CppLexer):
    """Rouge's CUDA lexer: C++'s, with CUDA's qualifiers and vector types."""

    name = "Rouge CUDA"
    word_lists = "cuda"


_JAVA_KEYWORDS = _alternation(
    """assert break case catch continue default do else finally for if goto instanceof new
    return switch this throw try while"""
)
_JAVA_DECLARATIONS = _alternation(
    """abstract const enum extends final implements native private protected public static
    strictfp super synchronized throws transient volatile"""
)
_JAVA_TYPES = _alternation("boolean byte char double float int long short var void")
_JAVA_ID = r"(?:[^\W\d]|_)\w*"
_JAVA_DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"


def _java_method(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``words name(``: the words lexed afresh, the name a function."""
    yield from _yield(match.start(1), _embedded(match.group(1), "java"))
    yield match.start(2), Name.Function, match.group(2)
    if match.group(3):
        yield match.start(3), Text, match.group(3)
    yield match.start(4), Operator, match.group(4)
    ctx.pos = match.end()


class JavaLexer(FastExtendedRegexLexer):
    """Rouge's Java lexer: ``words name(`` is a method wherever no earlier rule applies."""

    name = "Rouge Java"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"[^\S\n]+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/\*.*?\*/", Comment.Multiline),
            (rf"(?:{_JAVA_KEYWORDS})\b", Keyword),
            (
                r"(?s)(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()",
                _java_method,
            ),
            (rf"@{_JAVA_ID}", Name.Decorator),
            (rf"(?:{_JAVA_DECLARATIONS})\b", Keyword.Declaration),
            (rf"(?:{_JAVA_TYPES})\b", Keyword.Type),
            (r"(?:true|false|null)\b", Keyword.Constant),
            (r"(?:class|interface)\b", Keyword.Declaration, "class"),
            (r"(?:import|package)\b", Keyword.Namespace, "import"),
            (r'"(?:\\\\|\\"|[^"])*"', String),
            (r"(?i)'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", String.Char),
            (rf"(\.)({_JAVA_ID})", bygroups(Operator, Name.Attribute)),
            (rf"{_JAVA_ID}:", Name.Label),
            (r"[A-Z][A-Z0-9_]*\b", Name.Constant),
            (r"[A-Z][a-zA-Z0-9]*\b", Name.Class),
            (rf"\$?{_JAVA_ID}", Name),
            (r"[~^*!%&\[\](){}<>|+=:;,./?-]", Operator),
            (rf"{_JAVA_DIGIT}+\.{_JAVA_DIGIT}+(?:[eE]{_JAVA_DIGIT}+)?[fd]?", Number.Float),
            (r"(?i)0b(?:[01]_+[01]|[01])+", Number.Bin),
            (r"(?i)0x(?:[0-9a-f]_+[0-9a-f]|[0-9a-f])+", Number.Hex),
            (r"0(?:[0-7]_+[0-7]|[0-7])+", Number.Oct),
            (rf"{_JAVA_DIGIT}+L?", Number.Integer),
            (r"\n", Text),
            (r"(?s).", Error),
        ],
        "class": [
            (r"\s+", Text),
            (_JAVA_ID, Name.Class, "#pop"),
            (r"(?s).", Error),
        ],
        "import": [
            (r"\s+", Text),
            (r"(?i)[a-z0-9_.]+\*?", Name.Namespace, "#pop"),
            (r"(?s).", Error),
        ],
    }


class JsonLexer(FastRegexLexer):
    """Rouge's JSON lexer: keys as labels, anything else (comments too) an error."""

    name = "Rouge JSON"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "whitespace": [(r"\s+", Text.Whitespace)],
        "root": [
            include("whitespace"),
            (r"\{", Punctuation, "object"),
            (r"\[", Punctuation, "array"),
            include("name"),
            include("value"),
            (r"[\]}]", Punctuation),
            (r"(?s).", Error),
        ],
        "object": [
            include("whitespace"),
            include("name"),
            include("value"),
            (r"\}", Punctuation, "#pop"),
            (r",", Punctuation),
            (r"(?s).", Error),
        ],
        "name": [
            (
                r'("(?:\\.|[^"\\\n])*?")(\s*)(:)',
                bygroups(Name.Label, Text.Whitespace, Punctuation),
            ),
        ],
        "value": [
            include("whitespace"),
            include("constants"),
            (r'"', String.Double, "string"),
            (r"\[", Punctuation, "array"),
            (r"\{", Punctuation, "object"),
        ],
        "string": [
            (r'[^\\"]+', String.Double),
            (r"\\.", String.Escape),
            (r'"', String.Double, "#pop"),
            (r"(?s).", Error),
        ],
        "array": [
            include("value"),
            (r"\]", Punctuation, "#pop"),
            (r",", Punctuation),
            (r"(?s).", Error),
        ],
        "constants": [
            (r"true|false|null", Keyword.Constant),
            (r"(?i)-?(?:0|[1-9]\d*)\.\d+(?:e[+-]?\d+)?", Number.Float),
            (r"(?i)-?(?:0|[1-9]\d*)(?:e[+-]?\d+)?", Number.Integer),
        ],
    }


_F_NAME = r"(?i:[A-Z][_A-Z0-9]*)"
_F_KIND = rf"(?:\d+|{_F_NAME})"


def _fortran_name(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """A Fortran name, any case: keyword, type, intrinsic (Rouge's lists) or name."""
    word = match.group(0)
    lower = word.lower()
    if lower in rouge_words("fortran.keywords"):
        ttype = Keyword
    elif lower in rouge_words("fortran.types"):
        ttype = Keyword.Type
    elif lower in rouge_words("fortran.intrinsics"):
        ttype = Name.Builtin
    else:
        ttype = Name
    yield match.start(), ttype, word


class FortranLexer(FastRegexLexer):
    """Rouge's free-form Fortran lexer."""

    name = "Rouge Fortran"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text.Whitespace),
            (r"!.*$", Comment.Single),
            (r"^#.*$", Comment.Preproc),
            (r"::|[()/;,:&\[\]]", Punctuation),
            (r"^(\s*)([0-9]+)\b", bygroups(Text.Whitespace, Name.Label)),
            (
                r"(?i)\b(FORMAT)(\s*)(\()",
                bygroups(Keyword, Text.Whitespace, Punctuation),
                "format_spec",
            ),
            (
                rf"(?i)[+-]?(?:(?:\d+[.]\d*|[.]\d+)(?:[ED][+-]?\d+)?|\d+[ED][+-]?\d+)(?:_{_F_KIND})?",
                Number.Float,
            ),
            (rf"(?i)[+-]?\d+(?:_{_F_KIND})?", Number.Integer),
            (r"(?i)B'[01]+'|B\"[01]+\"", Number.Bin),
            (r"(?i)O'[0-7]+'|O\"[0-7]+\"", Number.Oct),
            (r"(?i)Z'[0-9A-F]+'|Z\"[0-9A-F]+\"", Number.Hex),
            (rf"(?:{_F_KIND}_)?'", String.Single, "string_single"),
            (rf"(?:{_F_KIND}_)?\"", String.Double, "string_double"),
            (rf"(?i)[.](?:TRUE|FALSE)[.](?:_{_F_KIND})?", Keyword.Constant),
            (r"\*\*|//|==|/=|<=|>=|=>|[-+*/<>=%]", Operator),
            (r"(?i)\.(?:EQ|NE|LT|LE|GT|GE|NOT|AND|OR|EQV|NEQV|[A-Z]+)\.", Operator.Word),
            (r"(?i)double\s+precision\b", Keyword.Type),
            (r"(?i)go\s+to\b", Keyword),
            (r"(?i)sync\s+(?:all|images|memory)\b", Keyword),
            (r"(?i)error\s+stop\b", Keyword),
            (_F_NAME, _fortran_name),
            (r"(?s).", Error),
        ],
        "string_single": [
            (r"[^']+", String.Single),
            (r"''", String.Escape),
            (r"'", String.Single, "#pop"),
        ],
        "string_double": [
            (r'[^"]+', String.Double),
            (r'""', String.Escape),
            (r'"', String.Double, "#pop"),
        ],
        "format_spec": [
            (r"'", String.Single, "string_single"),
            (r'"', String.Double, "string_double"),
            (r"\(", Punctuation, "#push"),
            (r"\)", Punctuation, "#pop"),
            (r",", Punctuation),
            (r"\s+", Text.Whitespace),
            (r"[^\s'\"(),]+", Literal),
        ],
    }


def _stata_word(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """A Stata word: reserved keyword, type keyword (Rouge's lists) or name."""
    word = match.group(0)
    if word in rouge_words("stata.reserved_keywords"):
        ttype = Keyword.Reserved
    elif word in rouge_words("stata.type_keywords"):
        ttype = Keyword.Type
    else:
        ttype = Name
    yield match.start(), ttype, word


def _words_regex(key: str) -> str:
    """An alternation of one of Rouge's word lists, longest words first."""
    return "|".join(re.escape(w) for w in sorted(rouge_words(key), key=len, reverse=True))


class StataLexer(FastRegexLexer):
    """Rouge's Stata lexer: commands first on a line, macros as strings."""

    name = "Rouge Stata"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"^\s*#.*$", Comment.Preproc),
            (r"^\*!.*$", Comment.Hashbang),
            (r"^\s*\*.*$", Comment.Single),
            (rf"^\s*(?:{_words_regex('stata.keywords')})\b", Keyword),
            (r"[ \t]+", Text.Whitespace),
            (r"[\n\r]+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/(?:\\\n)?[*].*?[*](?:\\\n)?/", Comment.Multiline),
            (r"`\"(?:\\.|.)*?\"'", String.Double),
            (r'"(?:\\.|.)*?"', String.Double),
            (r"`(?:\\.|.)*?'", String.Double),
            (r"\$\w+", String.Double),
            (r"%\S+", Name.Property),
            (
                r"\bstr(?:204[0-5]|20[0-3][0-9]|[01][0-9][0-9][0-9]|[0-9][0-9][0-9]|[0-9][0-9]|[1-9])\b",
                Keyword.Type,
            ),
            (rf"\b(?:{_words_regex('stata.primitive_functions')})(?=\()", Name.Function),
            (r"\.\.(?=.*\])", Operator),
            (r"[+-]?(?:\d+(?:[.]\d+)?|[.]\d+)(?:[eE][+-]?\d+)?", Number),
            (r"\b[ICOicoLFDSlfds]\w*\.", Operator),
            (r"\b[ICOicoLFDSlfds]\w*(?=\(.*\)\.)", Operator),
            (r"\w+", _stata_word),
            (r"[\[\]{}();,]", Punctuation),
            (r"[-<>?*+'^/\\!#.=~:&|]", Operator),
            (r"(?s).", Error),
        ],
    }


_WL_NUMBER = r"(?:\.\d+|\d+\.\d*|\d+)"
_WL_PRECISION = rf"`(?:`?{_WL_NUMBER})?"
_WL_STRING = r'"(?:\\\\|\\"|[^"])*"'
_WL_ID = r"[a-zA-Z$][$a-zA-Z0-9]*"
_WL_SYMBOL = rf"(?:{_WL_ID}|\\\[{_WL_ID}\])+"


def _wl_symbol(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """A Wolfram symbol: scoping construct, builtin (Rouge's list) or variable."""
    word = match.group(0)
    if word in ("Module", "With", "Block"):
        ttype = Name.Builtin.Pseudo
    elif word in rouge_words("mathematica.builtins"):
        ttype = Name.Builtin
    else:
        ttype = Name.Variable
    yield match.start(), ttype, word


class MathematicaLexer(FastRegexLexer):
    """Rouge's Wolfram Language lexer."""

    name = "Rouge Mathematica"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text.Whitespace),
            (r"\(\*", Comment, "comment"),
            (
                rf"\d+\^\^(?:\.\w+|\w+\.\w*|\w+)(?:{_WL_PRECISION})?(?:\*\^[+-]?\d+)?",
                Number,
            ),
            (rf"{_WL_NUMBER}(?:{_WL_PRECISION})?(?:\*\^[+-]?\d+)?", Number),
            (rf"::(?:{_WL_ID}|{_WL_STRING})", Name.Tag),
            (r"(?:In|Out)\[[0-9]+\]:?=", Generic.Prompt),
            (rf"`?{_WL_SYMBOL}(?:`{_WL_SYMBOL})*`?", _wl_symbol),
            (rf"#(?:{_WL_ID}|\"{_WL_ID}\")|#[0-9]*", Name.Function),
            (r"[+\-*/|,;.:@~=><&`'^?!_%]", Operator),
            (r"[\[\](){}]", Punctuation),
            (_WL_STRING, String),
            (r"(?s).", Error),
        ],
        "comment": [
            (r"\(\*", Comment, "#push"),
            (r"\*\)", Comment, "#pop"),
            (rf"::{_WL_ID}::", Comment.Preproc),
            (rf"[ ]:(?:{_WL_ID}|[^\S])+:[ ]", Comment.Preproc),
            (r".", Comment),
            (r"(?s).", Error),
        ],
    }


_HS_RESERVED = _word_set(
    """_ case class data default deriving do else if in infix infixl infixr instance let
    newtype of then type where"""
)
_HS_ASCII = (
    r"NUL|SOH|[SE]TX|EOT|ENQ|ACK|BEL|BS|HT|LF|VT|FF|CR|S[OI]|DLE|DC[1-4]|NAK|SYN|ETB|CAN"
    r"|EM|SUB|ESC|[FGRU]S|SP|DEL"
)
_HS_SYMBOLS = r"[:!#$%&*+.\\/<=>?@^|~-]"


def _hs_word(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A Haskell word: ``import``/``module`` start their clauses, types are capitalised."""
    word = match.group(0)
    if word in ("import", "module"):
        yield match.start(), Keyword.Reserved, word
        ctx.stack.append(word)
    elif word in _HS_RESERVED:
        yield match.start(), Keyword.Reserved, word
    elif re.match(r"'?[A-Z]", word):
        yield match.start(), Keyword.Type, word
    else:
        yield match.start(), Name, word
    ctx.pos = match.end()


def _hs_goto_end(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A character literal's body: then its closing quote (after an escape if any)."""
    if match.group(0) == "\\":
        yield match.start(), String.Escape, "\\"
        ctx.stack[-1:] = ["character_end", "escape"]
    else:
        yield match.start(), String.Char, match.group(0)
        ctx.stack[-1:] = ["character_end"]
    ctx.pos = match.end()


class HaskellLexer(FastExtendedRegexLexer):
    """Rouge's Haskell lexer: capitalised words as types, imports and module headers."""

    name = "Rouge Haskell"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "basic": [
            (r"\s+", Text),
            (r"\{-#", Comment.Preproc, "comment_preproc"),
            (r"\{-", Comment.Multiline, "comment"),
            (r"^--\s+\|.*?$", Comment.Doc),
            (r"--(?![!#$%&*+./<=>?@^|_~]).*?$", Comment.Single),
        ],
        "comment": [
            (r"-\}", Comment.Multiline, "#pop"),
            (r"\{-", Comment.Multiline, "#push"),
            (r"[^-{}]+", Comment.Multiline),
            (r"[-{}]", Comment.Multiline),
        ],
        "comment_preproc": [
            (r"-\}", Comment.Preproc, "#pop"),
            (r"\{-", Comment.Preproc, "comment"),
            (r"[^-{}]+", Comment.Preproc),
            (r"[-{}]", Comment.Preproc),
        ],
        "root": [
            include("basic"),
            (r"'(?=(?:.|\\\S+)')", String.Char, "character"),
            (r'"', String, "string"),
            (r"(?i)\d+e[+-]?\d+", Number.Float),
            (r"(?i)\d+\.\d+(?:e[+-]?\d+)?", Number.Float),
            (r"(?i)0o[0-7]+", Number.Oct),
            (r"(?i)0x[\da-f]+", Number.Hex),
            (r"\d+", Number.Integer),
            (r"[\w']+", _hs_word),
            (rf"\\(?!{_HS_SYMBOLS}+)", Name.Function),
            (rf"(?:<-|::|->|=>|=)(?!{_HS_SYMBOLS}+)", Operator),
            (rf":{_HS_SYMBOLS}*", Operator),
            (rf"{_HS_SYMBOLS}+", Operator),
            (r"\[\s*\]", Keyword.Type),
            (r"\(\s*\)", Name.Builtin),
            (r"(\[)([_a-z][\w']*)(\|)", bygroups(Operator, Name, Operator), "quasiquotation"),
            (r"[\[\](),;`{}]", Punctuation),
            (r"(?s).", Error),
        ],
        "import": [
            (r"\s+", Text),
            (r'"', String, "string"),
            (r"\bqualified\b", Keyword),
            (
                r"([A-Z][\w.]*)(\s+)(as)(\s+)([A-Z][a-zA-Z0-9_.]*)",
                bygroups(Name.Namespace, Text, Keyword, Text, Name),
                "#pop",
            ),
            (
                r"([A-Z][\w.]*)(\s+)(hiding)(\s+)(\()",
                bygroups(Name.Namespace, Text, Keyword, Text, Punctuation),
                ("#pop", "funclist"),
            ),
            (
                r"([A-Z][\w.]*)(\s+)(\()",
                bygroups(Name.Namespace, Text, Punctuation),
                ("#pop", "funclist"),
            ),
            (r"[\w.]+", Name.Namespace, "#pop"),
            (r"(?s).", Error),
        ],
        "module": [
            (r"\s+", Text),
            (r"([A-Z][\w.]*)(\s+)(\()", bygroups(Name.Namespace, Text, Punctuation), "funclist"),
            (r"\bwhere\b", Keyword.Reserved, "#pop"),
            (r"[A-Z][a-zA-Z0-9_.]*", Name.Namespace, "#pop"),
            (r"(?s).", Error),
        ],
        "funclist": [
            include("basic"),
            (r"[A-Z]\w*", Keyword.Type),
            (r"(?:_[\w']+|[a-z][\w']*)", Name.Function),
            (r",", Punctuation),
            (rf"{_HS_SYMBOLS}+", Operator),
            (r"\(", Punctuation, "#push"),
            (r"\)", Punctuation, "#pop"),
            (r"(?s).", Error),
        ],
        "character": [
            (r"\\|.", _hs_goto_end),
            (r"(?s).", Error),
        ],
        "character_end": [
            (r"'", String.Char, "#pop"),
            (r".", Error, "#pop"),
            (r"(?s).", Error),
        ],
        "quasiquotation": [
            (r"\|\]", Operator, "#pop"),
            (r"[^|]+", Text),
            (r"\|", Text),
        ],
        "string": [
            (r'"', String, "#pop"),
            (r"\\", String.Escape, "escape"),
            (r'[^\\"]+', String),
        ],
        "escape": [
            (r"[abfnrtv\"'&\\]", String.Escape, "#pop"),
            (r"\^[\]\[A-Z@^_]", String.Escape, "#pop"),
            (_HS_ASCII, String.Escape, "#pop"),
            (r"(?i)o[0-7]+", String.Escape, "#pop"),
            (r"(?i)x[\da-f]+", String.Escape, "#pop"),
            (r"\d+", String.Escape, "#pop"),
            (r"\s+\\", String.Escape, "#pop"),
            (r"(?s).", Error),
        ],
    }


def _lua_name(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A Lua name (``a`` or ``a.b``): builtin (Rouge's list), ``gsub`` call, or names."""
    name = match.group(0)
    if name == "gsub":
        yield match.start(), Name.Builtin, name
        ctx.stack.append("gsub")
    elif name in rouge_words("lua.builtins"):
        yield match.start(), Name.Builtin, name
    elif "." in name:
        first, second = name.split(".", 1)
        yield match.start(), Name, first
        yield match.start() + len(first), Punctuation, "."
        yield match.start() + len(first) + 1, Name, second
    else:
        yield match.start(), Name, name
    ctx.pos = match.end()


class LuaLexer(FastExtendedRegexLexer):
    """Rouge's Lua lexer (its float rule wants a quote after the number, as Rouge's does)."""

    name = "Rouge Lua"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"#!(.*?)$", Comment.Preproc),
            default("base"),
        ],
        "base": [
            (r"(?s)--\[(=*)\[.*?\]\1\]", Comment.Multiline),
            (r"--.*$", Comment.Single),
            (r"(?i)(?:\d*\.\d+|\d+\.\d*)(?:e[+-]?\d+)?'", Number.Float),
            (r"(?i)\d+e[+-]?\d+", Number.Float),
            (r"(?i)0x[0-9a-f]*", Number.Hex),
            (r"\d+", Number.Integer),
            (r"\n", Text),
            (r"[^\S\n]", Text),
            (r"(?s)\[(=*)\[.*?\]\1\]", String),
            (r"==|~=|<=|>=|\.\.\.|\.\.|[=+\-*/%^<>#]", Operator),
            (r"[\[\]{}().,:;]", Punctuation),
            (r"(?:and|or|not)\b", Operator.Word),
            (
                r"(?:break|do|else|elseif|end|for|if|in|repeat|return|then|until|while)\b",
                Keyword,
            ),
            (r"local\b", Keyword.Declaration),
            (r"(?:true|false|nil)\b", Keyword.Constant),
            (r"function\b", Keyword, "function_name"),
            (r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?", _lua_name),
            (r"'", String.Single, "escape_sqs"),
            (r'"', String.Double, "escape_dqs"),
            (r"(?s).", Error),
        ],
        "function_name": [
            (r"\s+", Text),
            (
                r"(?:([A-Za-z_][A-Za-z0-9_]*)(\.))?([A-Za-z_][A-Za-z0-9_]*)",
                bygroups(Name.Class, Punctuation, Name.Function),
                "#pop",
            ),
            (r"\(", Punctuation, "#pop"),
            (r"(?s).", Error),
        ],
        "gsub": [
            (r"\)", Punctuation, "#pop"),
            (r"[(,]", Punctuation),
            (r"\s+", Text),
            (r'"', String.Regex, "regex"),
            (r"(?s).", Error),
        ],
        "regex": [
            (r'"', String.Regex, ("#pop", "regex_end")),
            (r"\[\^?", String.Escape, "regex_group"),
            (r"\\.", String.Escape),
            (r"[(][?][:=<!]", String.Escape),
            (r"[{][\d,]+[}]", String.Escape),
            (r"[()?]", String.Escape),
            (r".", String.Regex),
            (r"(?s).", Error),
        ],
        "regex_end": [
            (r"[$]+", String.Regex, "#pop"),
            default("#pop"),
        ],
        "regex_group": [
            (r"/", String.Escape),
            (r"\]", String.Escape, "#pop"),
            (r"(\\)(.)", bygroups(String.Escape, String.Regex)),
            (r".", String.Regex),
            (r"(?s).", Error),
        ],
        "escape_sqs": [
            include("string_escape"),
            (r"'", String.Single, "#pop"),
            (r"[^']+", String.Single),
        ],
        "escape_dqs": [
            include("string_escape"),
            (r'"', String.Double, "#pop"),
            (r'[^"]+', String.Double),
        ],
        "string_escape": [(r"\\(?:[abfnrtv\\\"']|\d{1,3})", String.Escape)],
    }


_PHP_ID = r"[^\W\d]\w*"
_PHP_NS = rf"(?:{_PHP_ID}\\)+"
_PHP_QID = rf"(?:{_PHP_NS})?{_PHP_ID}"
_PHP_STATE_WORDS = {
    "use": (Keyword.Namespace, "in_use"),
    "const": (Keyword, "in_const"),
    "catch": (Keyword, "in_catch"),
    "public": (Keyword, "in_visibility"),
    "protected": (Keyword, "in_visibility"),
    "private": (Keyword, "in_visibility"),
}


def _php_call(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A name called with ``(``: keyword, builtin function (Rouge's list) or function."""
    name = match.group(0).lower()
    if name in rouge_words("php.keywords"):
        ttype = Keyword
    elif name in rouge_words("php.builtins"):
        ttype = Name.Builtin
    else:
        ttype = Name.Function
    yield match.start(), ttype, match.group(0)
    ctx.pos = match.end()


def _php_name(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A bare name, sorted as Rouge's PHP lexer sorts it (some open a clause state)."""
    word = match.group(0)
    lower = word.lower()
    if lower in _PHP_STATE_WORDS:
        ttype, state = _PHP_STATE_WORDS[lower]
        ctx.stack.append(state)
    elif word == "stdClass":
        ttype = Name.Class
    elif lower in rouge_words("php.keywords"):
        ttype = Keyword
    elif re.match(r"^__.*?__$", word):
        ttype = Name.Builtin
    elif re.match(r"^(?:E|PHP)(?:_[A-Z]+)+$", word):
        ttype = Keyword.Constant
    elif re.search(r"(?:\\|^)[A-Z][A-Z0-9_]+$", word):
        ttype = Name.Constant
    elif re.search(r"(?:\\|^)[A-Z][a-zA-Z0-9]*?$", word):
        ttype = Name.Class
    else:
        ttype = Name
    yield match.start(), ttype, word
    ctx.pos = match.end()


def _php_close(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``?>``: back to the HTML around the code."""
    yield match.start(), Comment.Preproc, match.group(0)
    ctx.stack = ["root"]
    ctx.pos = match.end()


def _ctx_html(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """HTML around embedded code (PHP templates, JSX text), lexed as HTML."""
    yield from _yield(match.start(), _embedded(match.group(0), "html"))
    ctx.pos = match.end()


def _ctx_html_then_pop(
    lexer: Any, match: re.Match[str], ctx: Any
) -> Iterator[tuple[int, Any, str]]:
    """Leading HTML before the first ``<?php``: lexed as HTML, then the template."""
    yield from _ctx_html(lexer, match, ctx)
    ctx.stack.pop()


_PHP_RETURN = [default("#pop")]
_PHP_WS = [
    (r"\s+", Text),
    (r"#.*?$", Comment.Single),
    (r"//.*?$", Comment.Single),
    (r"(?s)/\*\*(?!/).*?\*/", Comment.Doc),
    (r"(?s)/\*.*?\*/", Comment.Multiline),
]


class PhpLexer(FastExtendedRegexLexer):
    """Rouge's PHP lexer: code without ``<?php`` is PHP; names sorted by Rouge's lists."""

    name = "Rouge PHP"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    def get_tokens_unprocessed(
        self, text: str | None = None, context: Any = None
    ) -> Iterator[tuple[int, Any, str]]:
        """Guess, as Rouge does, whether the text starts inside PHP code."""
        if context is None and text is not None:
            context = LexerContext(text, 0, ["root", "start"])
        yield from super().get_tokens_unprocessed(text, context)

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "escape": [(r"\?>", _php_close)],
        "start": [
            (r"(?s)\s*(?=<)", _ctx_html_then_pop),
            (r"(?i)[^$]+(?=<\?(?:php|=))", _ctx_html_then_pop),
            default(("#pop", "php")),
        ],
        "names": [
            (rf"{_PHP_QID}(?=\s*\()", _php_call),
            (_PHP_QID, _php_name),
        ],
        "operators": [(r"[~!%^&*+|:.<>/@-]+", Operator)],
        "string": [
            (r'"', String.Double, "#pop"),
            (r'[^\\{$"]+', String.Double),
            (r"\\u\{[0-9a-fA-F]+\}", String.Escape),
            (r"\\(?:[efrntv\"$\\]|[0-7]{1,3}|[xX][0-9a-fA-F]{1,2})", String.Escape),
            (rf"\${_PHP_ID}(?:\[\S+\]|->{_PHP_ID})?", Name.Variable),
            (r"\{\$\{", String.Interpol, "string_interp_double"),
            (r"\{(?=\$)", String.Interpol, "string_interp_single"),
            (r"(\{)(\S+)(\})", bygroups(String.Interpol, Name.Variable, String.Interpol)),
            (r"[${\\]+", String.Double),
            (r"(?s).", Error),
        ],
        "string_interp_double": [
            (r"\}\}", String.Interpol, "#pop"),
            include("php"),
        ],
        "string_interp_single": [
            (r"\}", String.Interpol, "#pop"),
            include("php"),
        ],
        "values": [
            (rf"(?is)<<<([\"']?)({_PHP_ID})\1\n.*?\n\s*\2;?", String.Heredoc),
            (r"(?i)(?:\d[_\d]*)?\.(?:\d[_\d]*)?(?:e[+-]?\d[_\d]*)?", Number.Float),
            (r"0[0-7][0-7_]*", Number.Oct),
            (r"(?i)0b[01][01_]*", Number.Bin),
            (r"(?i)0x[a-f0-9][a-f0-9_]*", Number.Hex),
            (r"\d[_\d]*", Number.Integer),
            (r"'(?:[^'\\]*(?:\\.[^'\\]*)*)'", String.Single),
            (r"`(?:[^`\\]*(?:\\.[^`\\]*)*)`", String.Backtick),
            (r'"', String.Double, "string"),
            (
                r"(?i)(?:function|fn)\b",
                Keyword,
                ("in_function_return", "in_function_params", "in_function_name"),
            ),
            (r"(?i)(?:true|false|null)\b", Keyword.Constant),
            (r"(?i)new\b", Keyword, "in_new"),
        ],
        "variables": [
            (rf"\$\{{\$+{_PHP_ID}\}}", Name.Variable),
            (rf"\$+{_PHP_ID}", Name.Variable),
        ],
        "whitespace": _PHP_WS,
        "root": [
            (r"(?i)<\?(?:php|=)?", Comment.Preproc, "php"),
            (r"(?s).+?(?=<\?)|(?s:.+)", _ctx_html),
        ],
        "php": [
            include("escape"),
            include("whitespace"),
            include("variables"),
            include("values"),
            (
                rf"(?i)(namespace)(\s+)({_PHP_QID})",
                bygroups(Keyword.Namespace, Text, Name.Namespace),
            ),
            (
                rf"(?i)(class|interface|trait|extends|implements)(\s+)({_PHP_QID})",
                bygroups(Keyword.Declaration, Text, Name.Class),
            ),
            include("names"),
            (r"[;,(){}\[\]]", Punctuation),
            include("operators"),
            (r"[=?]", Operator),
            (r"(?s).", Error),
        ],
        "in_assign": [
            (r",", Punctuation, "#pop"),
            (r"[\[\]]", Punctuation),
            (r"\(", Punctuation, "in_assign_function"),
            include("escape"),
            include("whitespace"),
            include("values"),
            include("variables"),
            include("names"),
            include("operators"),
            *_PHP_RETURN,
        ],
        "in_assign_function": [
            (r"\)", Punctuation, "#pop"),
            (r",", Punctuation),
            include("in_assign"),
        ],
        "in_catch": [
            (r"\(", Punctuation),
            (r"\|", Operator),
            (_PHP_ID, Name.Class),
            include("escape"),
            include("whitespace"),
            *_PHP_RETURN,
        ],
        "in_const": [
            (_PHP_ID, Name.Constant),
            (r"=", Operator, "in_assign"),
            include("escape"),
            include("whitespace"),
            *_PHP_RETURN,
        ],
        "in_function_body": [
            (r"\{", Punctuation, "#push"),
            (r"\}", Punctuation, "#pop"),
            include("php"),
        ],
        "in_function_name": [
            (r"&", Operator),
            (_PHP_ID, Name),
            (r"\(", Punctuation, "#pop"),
            include("escape"),
            include("whitespace"),
            *_PHP_RETURN,
        ],
        "in_function_params": [
            (r"\)", Punctuation, "#pop"),
            (r",", Punctuation),
            (r"[.]{3}", Punctuation),
            (r"=", Operator, "in_assign"),
            (r"(?i)\b(?:public|protected|private|readonly)\b", Keyword),
            (rf"\??{_PHP_ID}", Keyword.Type, "in_assign"),
            include("escape"),
            include("whitespace"),
            include("variables"),
            *_PHP_RETURN,
        ],
        "in_function_return": [
            (r":", Punctuation),
            (r"(?i)use\b", Keyword, "in_function_use"),
            (rf"\??{_PHP_ID}", Keyword.Type, "in_assign"),
            (r"\{", Punctuation, ("#pop", "in_function_body")),
            include("escape"),
            include("whitespace"),
            *_PHP_RETURN,
        ],
        "in_function_use": [
            (r"[,(]", Punctuation),
            (r"&", Operator),
            (r"\)", Punctuation, "#pop"),
            include("escape"),
            include("whitespace"),
            include("variables"),
            *_PHP_RETURN,
        ],
        "in_new": [
            (r"(?i)class\b", Keyword.Declaration, ("#pop", "in_new_class")),
            (_PHP_QID, Name.Class, "#pop"),
            include("escape"),
            include("whitespace"),
            *_PHP_RETURN,
        ],
        "in_new_class": [
            (r"\}", Punctuation, "#pop"),
            (r"\{", Punctuation),
            include("php"),
        ],
        "in_use": [
            (r"[,}]", Punctuation),
            (r"(?i)(?:function|const)\b", Keyword),
            (rf"({_PHP_NS})(\{{)", bygroups(Name.Namespace, Punctuation)),
            (rf"{_PHP_QID}(?:_{_PHP_ID})+", Name.Function),
            include("escape"),
            include("whitespace"),
            include("names"),
            *_PHP_RETURN,
        ],
        "in_visibility": [
            (r"(?i)\b(?:readonly|static)\b", Keyword),
            (r"(?i)(?=(?:abstract|const|function)\b)", Keyword, "#pop"),
            (rf"\??{_PHP_ID}", Keyword.Type, "#pop"),
            include("escape"),
            include("whitespace"),
            *_PHP_RETURN,
        ],
    }


_MAKE_FUNCTIONS = _alternation(
    """abspath addprefix addsuffix and basename call dir error eval file filter filter-out
    findstring firstword flavor foreach if join lastword notdir or origin patsubst realpath
    shell sort strip subst suffix value warning wildcard word wordlist words"""
)
_MAKE_STOP = r"\$\(|\$\{|\(|\)|\}|\\|$"


def _make_shell(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A run of recipe or value text, lexed by one shell lexer that keeps its state."""
    stack = ctx.__dict__.setdefault("shell_stack", ["root"])
    shell = LexerContext(match.group(0), 0, stack)
    for index, ttype, value in ShellLexer().get_tokens_unprocessed(context=shell):
        yield match.start() + index, ttype, value
    ctx.shell_stack = shell.stack
    ctx.pos = match.end()


def _make_shell_push(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """An opening bracket in a function call: shell text, and one more level."""
    yield from _make_shell(lexer, match, ctx)
    ctx.stack.append("shell_expr")


def _make_body_end(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """The end of a rule's recipe: a fresh shell for the next one."""
    ctx.shell_stack = ["root"]
    ctx.stack.pop()
    ctx.pos = match.end()
    yield from ()


class MakeLexer(FastExtendedRegexLexer):
    """Rouge's Makefile lexer: variables, rule headers, recipes lexed as shell."""

    name = "Rouge Make"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text),
            (r"#.*?\n", Comment),
            (r"([-s]?include)((?:[\t ]+[^\t\n #]+)+)", bygroups(Keyword, String.Other)),
            (r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)", bygroups(Keyword, Text, Name.Variable)),
            (r"(?:else|endif)[\t ]*(?=[#\n])", Keyword),
            (r"(export)([\t ]+)(?=[\w${}()\t -]+\n)", bygroups(Keyword, Text), "export"),
            (r"export[\t ]+", Keyword),
            (
                r"([\w${}().-]+)([\t ]*)([!?:+]?=)",
                bygroups(Name.Variable, Text, Operator),
                "shell_line",
            ),
            (r'"(?:\\\\|\\.|[^"\\])*"', String.Double),
            (r"'(?:\\\\|\\.|[^'\\])*'", String.Single),
            (r"([^\n:]+)(:+)([ \t]*)", bygroups(Name.Label, Operator, Text), "block_header"),
            (r"(?s).", Error),
        ],
        "export": [
            (r"[\w${}()-]", Name.Variable),
            (r"\n", Text, "#pop"),
            (r"[\t ]+", Text),
            (r"(?s).", Error),
        ],
        "block_header": [
            (r"[^,\\\n#]+", Name.Function),
            (r",", Punctuation),
            (r"#.*?", Comment),
            (r"\\\n", Text),
            (r"\\.", Text),
            (r"\n", Text, ("#pop", "block_body")),
            (r"(?s).", Error),
        ],
        "block_body": [
            (
                r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)(#.*)?(\n)",
                bygroups(Keyword, Text, Name.Variable, Comment, Text),
            ),
            (r"(else|endif)([\t ]*)(#.*)?(\n)", bygroups(Keyword, Text, Comment, Text)),
            (r"(\t[\t ]*)([@-]?)", bygroups(Text, Punctuation), "shell_line"),
            (r"", _make_body_end),
        ],
        "shell": [
            (r"(?i)\$[({][\t ]*\w[\w:=%.]*[\t ]*[)}]", Name.Variable),
            (
                rf"(\$[({{])([\t ]*)({_MAKE_FUNCTIONS})([\t ]+)",
                bygroups(Name.Function, Text, Name.Builtin, Text),
                "shell_expr",
            ),
            (r"(?s)\\.", _make_shell),
            (rf"(?s).+?(?={_MAKE_STOP})", _make_shell),
            (r"\$\(|\$\{|\(|\)|\}|\\", _make_shell),
        ],
        "shell_expr": [
            (r"[({]", _make_shell_push),
            (r"[)}]", Name.Function, "#pop"),
            include("shell"),
        ],
        "shell_line": [
            (r"\n", Text, "#pop"),
            include("shell"),
        ],
    }


_NGINX_ID = r"[^\s$;{}()#]+"


class NginxLexer(FastRegexLexer):
    """Rouge's nginx configuration lexer: directives as keywords, blocks as namespaces."""

    name = "Rouge nginx"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"(include)(\s+)([^\s;]+)", bygroups(Keyword, Text, Name)),
            (_NGINX_ID, Keyword, "statement"),
            include("base"),
            (r"(?s).", Error),
        ],
        "block": [
            (r"\}", Punctuation, "#pop"),
            (_NGINX_ID, Keyword.Namespace, "statement"),
            include("base"),
            (r"(?s).", Error),
        ],
        "statement": [
            (r"\{", Punctuation, ("#pop", "block")),
            (r";", Punctuation, "#pop"),
            include("base"),
            (r"(?s).", Error),
        ],
        "base": [
            (r"\s+", Text),
            (r"#.*", Comment.Single),
            (r"(?:on|off)\b", Name.Constant),
            (r"[$][\w-]+", Name.Variable),
            (r"(?i)([a-z0-9.-]+)(:)([0-9]+)", bygroups(Name.Function, Punctuation, Number.Integer)),
            (r"(?i)[a-z-]+/[a-z-]+", Name.Class),
            (r"(?i)[0-9]+[kmg]?\b", Number.Integer),
            (r"(~)(\s*)([^\s{]+)", bygroups(Punctuation, Text, String.Regex)),
            (r"[:=~]", Punctuation),
            (rf"/(?:{_NGINX_ID})?", Name),
            (r"[^#\s;{}$\\]+", String),
            (r"[$;]", Text),
        ],
    }


_CS_ID = r"(?i:@?[_a-z]\w*)"
_CS_KEYWORDS = _alternation(
    """abstract as base break case catch checked const continue default delegate do else
    enum event explicit extern false finally fixed for foreach goto if implicit in interface
    internal is lock new null operator out override params private protected public readonly
    ref return sealed sizeof stackalloc static switch this throw true try typeof unchecked
    unsafe virtual void volatile while add alias async await get global partial remove set
    value where yield nameof ascending by descending equals from group in into join let on
    orderby select"""
)
_CS_TYPES = _alternation(
    """bool byte char decimal double dynamic float int long object sbyte short string uint
    ulong ushort var"""
)
_CS_PREPROC = _alternation(
    "if endif else elif define undef line error warning region endregion pragma"
)


class CsharpLexer(FastRegexLexer):
    """Rouge's C# lexer: punctuation for operators, one number type, interpolated strings."""

    name = "Rouge C#"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "whitespace": [
            (r"\s+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
        ],
        "nest": [
            (r"\{", Punctuation, "#push"),
            (r"\}", Punctuation, "#pop"),
            include("root"),
        ],
        "splice_string": [
            (r"\\.", String),
            (r"\{", Punctuation, "nest"),
            (r'"|\n', String, "#pop"),
            (r".", String),
        ],
        "splice_literal": [
            (r'""', String),
            (r"\{", Punctuation, "nest"),
            (r'"', String, "#pop"),
            (r".", String),
            (r"(?s).", Error),
        ],
        "root": [
            include("whitespace"),
            (r'[$]\s*"', String, "splice_string"),
            (r'[$]@\s*"', String, "splice_literal"),
            (rf"(<\[)\s*(?:{_CS_ID}:)?", Keyword),
            (r"\]>", Keyword),
            (r"[~!%^&*()+=|\[\]{}:;,.<>/?-]", Punctuation),
            (r'(?s)@"(?:""|[^"])*"', String),
            (r'"(?:\\.|.)*?["\n]', String),
            (r"'(?:\\.|.)'", String.Char),
            (r"(?i)0x[0-9a-f]+[lu]?", Number),
            (r"(?i)[0-9](?:[.][0-9]*)?(?:e[+-][0-9]+)?[fldu]?", Number),
            (r"\b(?:class|struct|interface)\b", Keyword, "class"),
            (r"\b(?:namespace|using)\b", Keyword, "namespace"),
            (rf"^#[ \t]*(?:{_CS_PREPROC})\b.*?\n", Comment.Preproc),
            (rf"\b(?:{_CS_KEYWORDS})\b", Keyword),
            (rf"\b(?:{_CS_TYPES})\b", Keyword.Type),
            (rf"{_CS_ID}(?=\s*[(])", Name.Function),
            (_CS_ID, Name),
            (r"(?s).", Error),
        ],
        "class": [
            include("whitespace"),
            (_CS_ID, Name.Class, "#pop"),
            (r"(?s).", Error),
        ],
        "namespace": [
            include("whitespace"),
            (r"(?=[(])", Text, "#pop"),
            (rf"(?:{_CS_ID}|[.])+", Name.Namespace, "#pop"),
            (r"(?s).", Error),
        ],
    }


_RB_KEYWORDS = (
    r"BEGIN|END|alias|begin|break|case|defined\?|do|else|elsif|end|ensure|for|if|in|next|redo"
    r"|rescue|raise|retry|return|super|then|undef|unless|until|when|while|yield"
)
_RB_PSEUDO = _alternation(
    """loop include extend raise alias_method attr catch throw private module_function public
    protected true false nil __FILE__ __LINE__"""
)
_RB_BUILTINS_G = (
    r"attr_reader|attr_writer|attr_accessor|__id__|__send__|abort|ancestors|at_exit|autoload"
    r"|binding|callcc|caller|catch|chomp|chop|class_eval|class_variables|clone|const_defined\?"
    r"|const_get|const_missing|const_set|constants|display|dup|eval|exec|exit|extend|fail|fork"
    r"|format|freeze|getc|gets|global_variables|gsub|hash|id|included_modules|inspect"
    r"|instance_eval|instance_method|instance_methods|instance_variable_get"
    r"|instance_variable_set|instance_variables|lambda|load|local_variables|loop|method"
    r"|method_missing|methods|module_eval|name|object_id|open|p|print|printf"
    r"|private_class_method|private_instance_methods|private_methods|proc"
    r"|protected_instance_methods|protected_methods|public_class_method"
    r"|public_instance_methods|public_methods|putc|puts|raise|rand|readline|readlines|require"
    r"|require_relative|scan|select|self|send|set_trace_func|singleton_methods|sleep|split"
    r"|sprintf|srand|sub|syscall|system|taint|test|throw|to_a|to_s|trace_var|trap|untaint"
    r"|untrace_var|warn"
)
_RB_BUILTINS_Q = _alternation(
    """autoload block_given const_defined eql equal frozen include instance_of is_a iterator
    kind_of method_defined nil private_method_defined protected_method_defined
    public_method_defined respond_to tainted"""
)
_RB_CLOSERS = {"{": "}", "[": "]", "(": ")", "<": ">"}
_RB_INTP_ESCAPES = [
    (r"[#][{]", String.Interpol, "in_interp"),
    (r"(?i)#(?:@@?|\$)[a-z_]\w*", String.Interpol),
    (r"\\(?:[\\abefnrstv#\"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})", String.Escape),
    (r"(?s)\\.", String.Escape),
]


def _rb_sigil_open(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``%w[``, ``%r{`` ...: the literal runs to its matching closer."""
    kind, opener = match.group(1) or "", match.group(2)
    closer = _RB_CLOSERS.get(opener, opener)
    ttype = String.Regex if kind == "r" else String.Other
    yield match.start(), ttype, match.group(0)
    sigils = ctx.__dict__.setdefault("sigils", [])
    sigils.append((opener, closer, kind in "rQWxI" and kind != "", ttype))
    if kind == "r":
        ctx.stack.append("regex_flags")
    ctx.stack.append("sigil")
    ctx.pos = match.end()


@cache
def _rb_sigil_rules(
    opener: str, closer: str, interp: bool, ttype: Any
) -> tuple[tuple[re.Pattern[str], Any, str], ...]:
    """Rouge's rules inside one kind of percent literal: (pattern, token, action)."""
    chars = "" if opener == closer == "#" else "".join(dict.fromkeys(opener + closer))
    escaped = re.escape(chars)
    rules: list[tuple[str, Any, str]] = [(rf"\\[#{escaped}\\]", String.Escape, "")]
    if opener != closer:
        rules.append((re.escape(opener), ttype, "push"))
    rules.append((re.escape(closer), ttype, "pop"))
    if interp:
        rules += [
            (pattern, token, "interp" if rest else "") for pattern, token, *rest in _RB_INTP_ESCAPES
        ]
        rules.append(("#", ttype, ""))
    else:
        rules.append((r"[\\#]", ttype, ""))
    rules.append((rf"[^#{escaped}\\]+", ttype, ""))
    rules.append((r"(?s).", Error, ""))
    return tuple((re.compile(pattern), token, action) for pattern, token, action in rules)


def _rb_sigil_step(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """One step inside a percent literal, following Rouge's rules for its delimiters."""
    pos = match.start()
    for pattern, ttype, action in _rb_sigil_rules(*ctx.sigils[-1]):
        step = pattern.match(ctx.text, pos)
        if step is None:
            continue
        yield pos, ttype, step.group(0)
        if action == "push":
            ctx.sigils.append(ctx.sigils[-1])
            ctx.stack.append("sigil")
        elif action == "pop":
            ctx.sigils.pop()
            ctx.stack.pop()
        elif action == "interp":
            ctx.stack.append("in_interp")
        ctx.pos = step.end()
        return


def _rb_heredoc(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``<<~EOS``: queued; its body starts on the next line."""
    yield match.start(), Operator, match.group(1)
    yield match.start(2), Name.Constant, match.group(0)[len(match.group(1)) :]
    queue = ctx.__dict__.setdefault("heredocs", [])
    queue.append((match.group(1) in ("<<-", "<<~"), match.group(3)))
    if ctx.stack[-1] != "heredoc_queue":
        ctx.stack.append("heredoc_queue")
    ctx.pos = match.end()


def _rb_heredoc_end(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """A line inside a here-document: its terminator ends it."""
    tolerant, name = ctx.heredocs[0]
    line = match.group(0)
    check = line.strip() if tolerant else line.rstrip()
    if check == name:
        ctx.heredocs.pop(0)
        if not ctx.heredocs:
            ctx.stack.pop()
        yield match.start(), Name.Constant, line
    else:
        yield match.start(), String.Heredoc, line
    ctx.stack.pop()
    ctx.pos = match.end()


def _rb_simple(ttype: Any, fin: str) -> list[Any]:
    """A quoted string state (with interpolation) ended by ``fin``."""
    return [
        *_RB_INTP_ESCAPES,
        (rf"(?s)[^\\{re.escape(fin)}#]+", ttype),
        (r"[\\#]", ttype),
        (re.escape(fin), ttype, "#pop"),
    ]


def _rb_heredoc_empty(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``<<""``: a here-document ended by an empty line."""
    yield match.start(), Operator, match.group(1)
    yield match.start(2), Name.Constant, match.group(2) + match.group(3)
    queue = ctx.__dict__.setdefault("heredocs", [])
    queue.append((match.group(1) in ("<<-", "<<~"), ""))
    if ctx.stack[-1] != "heredoc_queue":
        ctx.stack.append("heredoc_queue")
    ctx.pos = match.end()


class RubyLexer(FastExtendedRegexLexer):
    """Rouge's Ruby lexer: expression starts decide regexes and literals; here-documents."""

    name = "Rouge Ruby"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    def get_tokens_unprocessed(
        self, text: str | None = None, context: Any = None
    ) -> Iterator[tuple[int, Any, str]]:
        """Start at the beginning of an expression, as Rouge does."""
        if context is None and text is not None:
            context = LexerContext(text, 0, ["root", "expr_start"])
        yield from super().get_tokens_unprocessed(text, context)

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "symbols": [
            (r"(?i):@{0,2}[a-z_]\w*[!?]?", String.Symbol),
            (r":(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)", String.Symbol),
            (r":'(?:\\\\|\\'|[^'])*'", String.Symbol),
            (r':"', String.Symbol, "simple_sym"),
        ],
        "sigil_strings": [(r"%([rqswQWxiI])?([^\w\s])", _rb_sigil_open)],
        "sigil": [(r"(?s).", _rb_sigil_step)],
        "strings": [
            include("symbols"),
            (r"\b[a-z_]\w*?[?!]?:\s+", String.Symbol, "expr_start"),
            (r"'(?:\\\\|\\'|[^'])*'", String.Single),
            (r'"', String.Double, "simple_string"),
            (r"`", String.Backtick, "simple_backtick"),
        ],
        "regex_flags": [(r"[mixounse]*", String.Regex, "#pop")],
        "simple_string": _rb_simple(String.Double, '"'),
        "simple_sym": _rb_simple(String.Symbol, '"'),
        "simple_backtick": _rb_simple(String.Backtick, "`"),
        "whitespace": [
            include("inline_whitespace"),
            (r"\n\s*", Text, "expr_start"),
            (r"#.*$", Comment.Single),
            (r"(?s)=begin\b.*?\n=end\b", Comment.Multiline),
        ],
        "inline_whitespace": [(r"[ \t\r]+", Text)],
        "root": [
            include("whitespace"),
            (r"__END__", Comment.Preproc, "end_part"),
            (r"0_?[0-7]+(?:_[0-7]+)*", Number.Oct),
            (r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", Number.Hex),
            (r"0b[01]+(?:_[01]+)*", Number.Bin),
            (r"(?i)\d+(?:_\d+)*(?:\.\d+(?:_\d+)*(?:e[+-]?\d+)?|e[+-]?\d+)", Number.Float),
            (r"\d+(?:_\d+)*", Number.Integer),
            (r"(?i)@@[a-z_]\w*", Name.Variable.Class),
            (r"(?i)@[a-z_]\w*", Name.Variable.Instance),
            (r"\$\w+", Name.Variable.Global),
            (r"\$[!@&`'+~=/\\,;.<>_*$?:\"]", Name.Variable.Global),
            (r"\$-[0adFiIlpvw]", Name.Variable.Global),
            (r"::", Operator),
            include("strings"),
            (rf"(?:{_RB_KEYWORDS})(?=\W|$)", Keyword, "expr_start"),
            (rf"(?:{_RB_PSEUDO})\b", Keyword.Pseudo, "expr_start"),
            (
                r"(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(?:::[a-zA-Z_][a-zA-Z0-9_]*)*)",
                bygroups(Keyword, Text, Name.Namespace),
            ),
            (r"(def\b)(\s*)", bygroups(Keyword, Text), "funcname"),
            (r"(class\b)(\s*)", bygroups(Keyword, Text), "classname"),
            (rf"(?:{_RB_BUILTINS_Q})[?]", Name.Builtin, "expr_start"),
            (r"(?:chomp|chop|exit|gsub|sub)!", Name.Builtin, "expr_start"),
            (rf"(?:{_RB_BUILTINS_G})\b", Name.Builtin, "method_call"),
            (r"(<<[-~]?)([\"`']?)([a-zA-Z_]\w*)(\2)", _rb_heredoc),
            (r"(<<[-~]?)([\"'])(\2)", _rb_heredoc_empty),
            (r"\.{2,3}", Operator, "expr_start"),
            (r"[A-Z][a-zA-Z0-9_]*", Name.Constant, "method_call"),
            (
                r"(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+\-/\[<>=])",
                bygroups(Punctuation, Text, Name.Function),
                "method_call",
            ),
            (r"[a-zA-Z_]\w*[?!]", Name, "expr_start"),
            (r"[a-zA-Z_]\w*", Name, "method_call"),
            (r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.", Operator, "expr_start"),
            (r"[-+/*%=<>&!^|~]=?", Operator, "expr_start"),
            (r"[?]", Punctuation, ("ternary", "expr_start")),
            (r"[\[({,:\\;/]", Punctuation, "expr_start"),
            (r"[\])}]", Punctuation),
            (r"(?s).", Error),
        ],
        "heredoc_queue": [
            (r"(?=\n)", Text, ("#pop", "resolve_heredocs")),
            include("root"),
        ],
        "resolve_heredocs": [
            *_RB_INTP_ESCAPES,
            (r"\n", String.Heredoc, "test_heredoc"),
            (r"[#\\\n]", String.Heredoc),
            (r"[^#\\\n]+", String.Heredoc),
        ],
        "test_heredoc": [
            (r"[^#\\\n]*$", _rb_heredoc_end),
            default("#pop"),
        ],
        "funcname": [
            (r"\s+", Text),
            (r"\(", Punctuation, "defexpr"),
            (
                (
                    r"(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?"
                    r"|<<?|>>?|<=>?|>=|===?)"
                ),
                bygroups(Name.Class, Operator, Name.Function),
                "#pop",
            ),
            default("#pop"),
        ],
        "classname": [
            (r"\s+", Text),
            (r"\w+(?:::\w+)+", Name.Class),
            (r"\(", Punctuation, ("defexpr", "expr_start")),
            (r"<<", Operator, ("#pop", "expr_start")),
            (r"[A-Z_]\w*", Name.Class, "#pop"),
            default("#pop"),
        ],
        "ternary": [
            (r"(:)(\s+)", bygroups(Punctuation, Text), ("#pop", "expr_start")),
            (r":(?![^#\n]*?[:\\])", Punctuation, ("#pop", "expr_start")),
            include("root"),
        ],
        "defexpr": [
            (r"(\))(\.|::)?", bygroups(Punctuation, Operator), "#pop"),
            (r"\(", Punctuation, ("defexpr", "expr_start")),
            include("root"),
        ],
        "in_interp": [
            (r"\}", String.Interpol, "#pop"),
            include("root"),
        ],
        "method_call": [
            (r"/|%", Operator, ("#pop", "expr_start")),
            (r"(?=\n)", Text, "#pop"),
            default(("#pop", "method_call_spaced")),
        ],
        "method_call_spaced": [
            include("whitespace"),
            (r"[%/]=", Operator, ("#pop", "expr_start")),
            (r"(/)(?=\S|\s*/)", String.Regex, ("#pop", "slash_regex")),
            include("sigil_strings"),
            (r"(?=\s*/)", Text, "#pop"),
            (r"\s+", Text, ("#pop", "expr_start")),
            default("#pop"),
        ],
        "expr_start": [
            include("inline_whitespace"),
            (r"/", String.Regex, ("#pop", "slash_regex")),
            (
                r"[?](?:\\[MC]-)*(?:\\(?:[\\abefnrstv#\"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)",
                String.Char,
                "#pop",
            ),
            (r"(\s*)(%[rqswQWxiI]? \S* )", bygroups(Text, String.Other), "#pop"),
            include("sigil_strings"),
            default("#pop"),
        ],
        "slash_regex": [
            (r"[#][{]", String.Interpol, "in_interp"),
            (r"(?i)#(?:@@?|\$)[a-z_]\w*", String.Interpol),
            (r"\\\\", String.Regex),
            (r"\\/", String.Regex),
            (r"[\\#]", String.Regex),
            (r"[^\\/#]+", String.Regex),
            (r"/", String.Regex, ("#pop", "regex_flags")),
        ],
        "end_part": [(r"(?s).+", Comment.Preproc, "#pop")],
    }


def _apache_known(word: str) -> bool:
    """Whether Rouge's Apache lists name this (lower-cased) word."""
    return any(
        word in rouge_words(f"apache.{kind}") for kind in ("sections", "directives", "values")
    )


def _apache_section(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """``<Section`` or ``</Section``: a label when Rouge knows the name."""
    yield match.start(1), Punctuation, match.group(1)
    known = _apache_known(match.group(2).lower())
    yield match.start(2), Name.Label if known else Text, match.group(2)


def _apache_word(ttype: Any) -> Any:
    """A callback typing a word ``ttype`` when Rouge knows it, else plain text."""

    def callback(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
        known = _apache_known(match.group(0).lower())
        yield match.start(), ttype if known else Text, match.group(0)

    return callback


class ApacheLexer(FastRegexLexer):
    """Rouge's Apache configuration lexer: only words from Rouge's lists are coloured."""

    name = "Rouge Apache"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "whitespace": [
            (r"#.*", Comment),
            (r"\s+", Text),
        ],
        "root": [
            include("whitespace"),
            (r"(</?)(\w+)", _apache_section, "section"),
            (r"\w+", _apache_word(Name.Class), "directive"),
            (r"(?s).", Error),
        ],
        "section": [
            (r"([^>]+)?(>(?:\r\n?|\n)?)", bygroups(String.Regex, Punctuation), "#pop"),
            include("whitespace"),
            (r"(?s).", Error),
        ],
        "directive": [
            (r"\r\n?|\n", Text, "#pop"),
            include("whitespace"),
            (r"\S+", _apache_word(String.Symbol)),
        ],
    }


_ERB_OPEN = r"<%%|<%=|<%#|<%-|<%"
_ERB_CLOSE = r"%%>|-%>|%>"


def _erb_ruby(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """The Ruby inside an ERB tag."""
    yield from _yield(match.start(), _embedded(match.group(0), "ruby"))


class ErbLexer(FastRegexLexer):
    """Rouge's ERB lexer: HTML around ``<% ruby %>`` tags."""

    name = "Rouge ERB"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"<%#", Comment, "comment"),
            (_ERB_OPEN, Comment.Preproc, "ruby"),
            (rf"(?s:.+?(?={_ERB_OPEN})|.+)", _inline_html),
        ],
        "comment": [
            (_ERB_CLOSE, Comment, "#pop"),
            (rf"(?s:.+?(?={_ERB_CLOSE})|.+)", Comment),
        ],
        "ruby": [
            (_ERB_CLOSE, Comment.Preproc, "#pop"),
            (rf"(?s:.+?(?={_ERB_CLOSE})|.+)", _erb_ruby),
        ],
    }


class PrologLexer(FastRegexLexer):
    """Rouge's Prolog lexer: atoms as symbols, capitalised names as variables."""

    name = "Rouge Prolog"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            default(("main", "bol")),
        ],
        "bol": [
            (r"#.*", Comment.Single),
            default("#pop"),
        ],
        "main": [
            (r"\s+", Text),
            (r"%.*", Comment.Single),
            (r"/\*", Comment.Multiline, "nested_comment"),
            (r"[\[\](){}|.,;!]", Punctuation),
            (r":-|-->", Punctuation),
            (r'"[^"]*"', String.Double),
            (r"\d+\.\d+", Number.Float),
            (r"\d+", Number),
            (r"[^\W\d_A-Z][\w]*", String.Symbol),
            (r"'[^']*'", String.Symbol),
            (r"[A-Z]+\w*", Name.Variable),
            (r"_\w*", Name.Variable),
            (r"(?:<|>|=<|>=|==|=:=|=|/|//|\*|\+|-)(?=\s|[a-zA-Z0-9\[])", Operator),
            (r"is", Operator),
            (r"mod|div|not", Operator),
            (r"[#&*+-./:<=>?@^~]+", Operator),
            (r"(?s).", Error),
        ],
        "nested_comment": [
            (r"/\*", Comment.Multiline, "#push"),
            (r"\s*\*[^*/]+", Comment.Multiline),
            (r"\*/", Comment.Multiline, "#pop"),
            (r"(?s).", Error),
        ],
    }


_ML_ID = r"(?i:[a-z_][\w']*)"
_ML_UPPER = r"[A-Z][\w']*"
_ML_OPERATOR = r"[;,_!$%&*+./:<=>?@^|~#-]+"


def _ocaml_id(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """An OCaml identifier: keyword, word operator, primitive type (Rouge's lists) or name."""
    word = match.group(0)
    if word in rouge_words("ocaml.keywords"):
        ttype = Keyword
    elif word in rouge_words("ocaml.word_operators"):
        ttype = Operator.Word
    elif word in rouge_words("ocaml.primitives"):
        ttype = Keyword.Type
    else:
        ttype = Name
    yield match.start(), ttype, word


class OcamlLexer(FastRegexLexer):
    """Rouge's OCaml lexer: modules before a dot as namespaces, constructors as classes."""

    name = "Rouge OCaml"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\s+", Text),
            (r"false|true|[(][)]|\[\]", Name.Builtin.Pseudo),
            (rf"{_ML_UPPER}(?=\s*[.])", Name.Namespace, "dotted"),
            (rf"`{_ML_ID}", Name.Tag),
            (_ML_UPPER, Name.Class),
            (r"[(][*](?![)])", Comment, "comment"),
            (_ML_ID, _ocaml_id),
            (r"[(){}\[\];]+", Punctuation),
            (_ML_OPERATOR, Operator),
            (r"(?i)-?\d[\d_]*(?:.[\d_]*)?(?:e[+-]?\d[\d_]*)", Number.Float),
            (r"(?i)0x[0-9a-fA-F][0-9a-fA-F_]*", Number.Hex),
            (r"(?i)0o[0-7][0-7_]*", Number.Oct),
            (r"(?i)0b[01][01_]*", Number.Bin),
            (r"\d[\d_]*", Number.Integer),
            (r"'(?:(?:\\[\\\"'ntbr ])|(?:\\[0-9]{3})|(?:\\x[0-9a-fA-F]{2}))'", String.Char),
            (r"'[.]'", String.Char),
            (r"'", Keyword),
            (r'"', String.Double, "string"),
            (rf"[~?]{_ML_ID}", Name.Variable),
            (r"(?s).", Error),
        ],
        "comment": [
            (r"[^(*)]+", Comment),
            (r"[(][*]", Comment, "#push"),
            (r"[*][)]", Comment, "#pop"),
            (r"[(*)]", Comment),
        ],
        "string": [
            (r'[^\\"]+', String.Double),
            (r"\\[\\\"'ntbr]", String.Escape),
            (r"\\\d{3}", String.Escape),
            (r"\\x[0-9a-fA-F]{2}", String.Escape),
            (r"\\\n", String.Double),
            (r'"', String.Double, "#pop"),
            (r"(?s).", Error),
        ],
        "dotted": [
            (r"\s+", Text),
            (r"[.]", Punctuation),
            (rf"{_ML_UPPER}(?=\s*[.])", Name.Namespace),
            (_ML_UPPER, Name.Class, "#pop"),
            (_ML_ID, Name, "#pop"),
            (r"[({\[]", Punctuation, "#pop"),
            (r"(?s).", Error),
        ],
    }


_JSX_TAG = [(r"<", Punctuation, ("tag_opening", "element", "element_name"))]

_JSX_TOKENS: dict[str, list[Any]] = {
    **_JS_TOKENS,
    "expr_start": [*_JSX_TAG, *_JS_TOKENS["expr_start"]],
    "tag_opening": [
        (r"</", Punctuation, ("#pop", "element", "element_name")),
        *_JSX_TAG,
        (r"\{", String.Interpol, ("interpol", "expr_start")),
        (r"[^<{]+", _ctx_html),
    ],
    "element": [
        include("comments_and_whitespace"),
        (r"/>", Punctuation, "#pop:2"),
        (r">", Punctuation, "#pop"),
        (r"\{", String.Interpol, ("interpol", "expr_start")),
        (r"\w[\w-]*", Name.Attribute),
        (r"=", Punctuation),
        (r"([\"']).*?(\1)", String),
        (r"(?s).", Error),
    ],
    "element_name": [
        (r"[A-Z]\w*", Name.Class),
        (r"\w+", Name.Tag),
        (r"\.", Punctuation),
        default("#pop"),
    ],
    "interpol": [
        (r"\}", String.Interpol, "#pop"),
        (r"\{", Punctuation, ("interpol_inner", "statement")),
        include("root"),
    ],
    "interpol_inner": [
        (r"\}", Punctuation, ("#pop", "statement")),
        include("root"),
    ],
}


class JsxLexer(JavascriptLexer):
    """Rouge's JSX lexer: JavaScript's, with elements where an expression starts."""

    name = "Rouge JSX"

    tokens = _JSX_TOKENS


_KT_KEYWORDS = _alternation(
    """abstract annotation as break by catch class companion const constructor continue
    crossinline do dynamic else enum external false final finally for fun get if import in
    infix inline inner interface internal is lateinit noinline null object open operator out
    override package private protected public reified return sealed set super suspend tailrec
    this throw true try typealias typeof val var vararg when where while yield"""
)
_KT_NAME_CHARS = r"[-\w]*"
_KT_CLASS = rf"`?[A-Z\u00c0-\u00de]{_KT_NAME_CHARS}`?"
_KT_NAME = rf"`?[^\W\d]{_KT_NAME_CHARS}`?"
_KT_DEC = r"(?:[0-9][0-9_]*[0-9]|[0-9])"
_KT_DOUBLE = rf"(?:(?:{_KT_DEC})?\.{_KT_DEC}(?:[eE][+-]?{_KT_DEC})?|{_KT_DEC}[eE][+-]?{_KT_DEC})"


class KotlinLexer(FastRegexLexer):
    """Rouge's Kotlin lexer: declarations, properties, capitalised names as classes."""

    name = "Rouge Kotlin"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r"\b(companion)(\s+)(object)\b", bygroups(Keyword, Text, Keyword)),
            (
                r"\b(class|data\s+class|interface|object)(\s+)",
                bygroups(Keyword.Declaration, Text),
                "class",
            ),
            (r"\b(fun)(\s+)", bygroups(Keyword, Text), "function"),
            (r"\b(package|import)(\s+)", bygroups(Keyword, Text), "package"),
            (
                r"\b(val|var)(\s+)(\()",
                bygroups(Keyword.Declaration, Text, Punctuation),
                "destructure",
            ),
            (r"\b(val|var)(\s+)", bygroups(Keyword.Declaration, Text), "property"),
            (
                rf"(return|continue|break|this|super)(@{_KT_NAME})?\b",
                bygroups(Keyword, Name.Decorator),
            ),
            (r"\bfun\b", Keyword),
            (rf"\b(?:{_KT_KEYWORDS})\b", Keyword),
            (r"^\s*\[.*?\]", Name.Attribute),
            (r"[^\S\n]+", Text),
            (r"\\\n", Text),
            (r"//.*?$", Comment.Single),
            (r"/[*].*[*]/", Comment.Multiline),
            (r"/[*].*", Comment.Multiline, "comment"),
            (r"\n", Text),
            (r"(::)(class)", bygroups(Operator, Keyword)),
            (r"::|!!|\?[:.]", Operator),
            (r"\.\.", Operator),
            (rf"{_KT_DOUBLE}[fF]?|{_KT_DEC}[fF]", Number.Float),
            (r"0[bB](?:[01][01_]*[01]|[01])[uU]?L?", Number.Bin),
            (r"0[xX](?:[0-9a-fA-F][0-9a-fA-F_]*[0-9a-fA-F]|[0-9a-fA-F])[uU]?L?", Number.Hex),
            (r"(?:[1-9][0-9_]*[0-9]|[0-9])[uU]?L?", Number.Integer),
            (r"[~!%^&*()+=|\[\]:;,.<>/?-]", Punctuation),
            (r"[{}]", Punctuation),
            (r'(?s)@"(?:""|[^"])*"', String),
            (r'(?s)""".*?"""', String),
            (r'"(?:\\\\|\\"|[^"\n])*["\n]', String),
            (r"'\\.'|'[^\\]'", String.Char),
            (rf"@{_KT_CLASS}", Name.Decorator),
            (rf"({_KT_CLASS})(<)", bygroups(Name.Class, Punctuation), "generic_parameters"),
            (_KT_CLASS, Name.Class),
            (rf"{_KT_NAME}(?=\s*[({{])", Name.Function),
            (rf"{_KT_NAME}@", Name.Decorator),
            (_KT_NAME, Name),
            (r"(?s).", Error),
        ],
        "package": [(r"\S+", Name.Namespace, "#pop"), (r"(?s).", Error)],
        "class": [(_KT_CLASS, Name.Class, "#pop"), (r"(?s).", Error)],
        "function": [
            (r"<", Punctuation, "generic_parameters"),
            (r"\s+", Text),
            (rf"({_KT_CLASS})(\.)", bygroups(Name.Class, Punctuation)),
            (_KT_NAME, Name.Function, "#pop"),
            (r"(?s).", Error),
        ],
        "generic_parameters": [
            (_KT_CLASS, Name.Class),
            (r"<", Punctuation, "#push"),
            (r"reified|out|in", Keyword),
            (r"[,:.?]", Punctuation),
            (r"\s+", Text),
            (r">", Punctuation, "#pop"),
            (r"(?s).", Error),
        ],
        "property": [
            (r"<", Punctuation, "generic_parameters"),
            (r"\s+", Text),
            (_KT_NAME, Name.Property, "#pop"),
            (r"(?s).", Error),
        ],
        "destructure": [
            (r",", Punctuation),
            (r"\)", Punctuation, "#pop"),
            (r"\s+", Text),
            (_KT_NAME, Name.Property),
            (r"(?s).", Error),
        ],
        "comment": [
            (r"/[*]", Comment.Multiline, "#push"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
    }


def _http_header(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """``Name: value``; a ``Content-Type`` decides how the body is lexed."""
    if match.group(1).strip().lower() == "content-type":
        ctx.content_type = match.group(5).split(";")[0].lower()
    types = (Name.Attribute, Text, Punctuation, Text, String, Text)
    for group, ttype in enumerate(types, start=1):
        if match.group(group):
            yield match.start(group), ttype, match.group(group)
    ctx.pos = match.end()


def _http_body(lexer: Any, match: re.Match[str], ctx: Any) -> Iterator[tuple[int, Any, str]]:
    """The message body, in the language its content type names (Rouge's guess)."""
    tag = rouge_mimetype(getattr(ctx, "content_type", "text/plain"))
    yield from _yield(match.start(), _embedded(match.group(0), tag))
    ctx.pos = match.end()


_HTTP_METHODS = "GET|POST|PUT|DELETE|HEAD|OPTIONS|TRACE|PATCH"


class HttpLexer(FastExtendedRegexLexer):
    """Rouge's HTTP lexer: request or status line, headers, then the body."""

    name = "Rouge HTTP"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (
                rf"({_HTTP_METHODS})([ ]+)([^ ]+)([ ]+)(HTTPS?)(/)(\d(?:\.\d)?)(\r?\n|$)",
                bygroups(
                    Name.Function, Text, Name.Namespace, Text, Keyword, Operator, Number, Text
                ),
                "headers",
            ),
            (
                r"(HTTPS?)(/)(\d(?:\.\d))([ ]+)(\d{3})([ ]+)?([^\r\n]*)?(\r?\n|$)",
                bygroups(Keyword, Operator, Number, Text, Number, Text, Name.Exception, Text),
                "headers",
            ),
            (r"(?s).", Error),
        ],
        "headers": [
            (r"([^\s:]+)( *)(:)( *)([^\r\n]+)(\r?\n|$)", _http_header),
            (r"([^\r\n]+)(\r?\n|$)", bygroups(String, Text)),
            (r"\r?\n", Text, "content"),
        ],
        "content": [(r"(?s).+", _http_body)],
    }


_CLJ_ID = r"[\w!$%*+,<=>?/.-]+"
_CLJ_KEYWORD = r"[\w!#$%*+,<=>?/.-]+"


def _clj_type(name: str, otherwise: Any) -> Any:
    """Keyword, builtin (Rouge's lists) or ``otherwise``."""
    if name in rouge_words("clojure.keywords"):
        return Keyword
    if name in rouge_words("clojure.builtins"):
        return Name.Builtin
    return otherwise


def _clj_call(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """``(name``: the name is a function unless Rouge knows it otherwise."""
    yield match.start(1), Punctuation, match.group(1)
    if match.group(2):
        yield match.start(2), Text.Whitespace, match.group(2)
    yield match.start(3), _clj_type(match.group(3), Name.Function), match.group(3)


def _clj_name(lexer: RegexLexer, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """A bare name."""
    yield match.start(), _clj_type(match.group(0), Name), match.group(0)


class ClojureLexer(FastRegexLexer):
    """Rouge's Clojure lexer: the head of each form is a function."""

    name = "Rouge Clojure"
    aliases: ClassVar[list[str]] = []
    flags = re.MULTILINE

    tokens = {  # noqa: RUF012 (Pygments' class attribute)
        "root": [
            (r";.*?$", Comment.Single),
            (r"\s+", Text.Whitespace),
            (r"-?\d+\.\d+", Number.Float),
            (r"-?\d+", Number.Integer),
            (r"0x-?[0-9a-fA-F]+", Number.Hex),
            (r'"(?:\\.|[^"])*"', String),
            (rf"'{_CLJ_KEYWORD}", String.Symbol),
            (rf"::?{_CLJ_KEYWORD}", Name.Constant),
            (r"(?i)\\(?:.|[a-z]+)", String.Char),
            (r"~@|[`'#^~&@]", Operator),
            (rf"(\()(\s*)({_CLJ_ID})", _clj_call),
            (_CLJ_ID, _clj_name),
            (r"[\[\]]", Punctuation),
            (r"[{}]", Punctuation),
            (r"[()]", Punctuation),
            (r"(?s).", Error),
        ],
    }
