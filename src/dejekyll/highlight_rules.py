"""Per-language rules turning Pygments' tokens into the tokens Rouge 3.30 gives.

Each Rouge lexer tag has a :class:`Rules`: which Pygments lexer tokenises, how its token
types map onto Rouge's (by type, or by type and text for words Rouge files elsewhere), and
fixups that re-cut tokens where Rouge cuts them otherwise (string delimiters, comment
newlines, ...). The rules state how Rouge's lexers behave, language by language; nothing
here depends on particular inputs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pygments.lexer import Lexer  # type: ignore[import-untyped]
from pygments.token import Token, _TokenType  # type: ignore[import-untyped]

from dejekyll import highlight_lexers
from dejekyll.highlight_data import rouge_words

__all__ = ["PYGMENTS_NAMES", "RULES", "Rules", "Tok"]

Tok = tuple[_TokenType, str]
"""One token: its type and its text."""

Fixup = Callable[[list[Tok]], list[Tok]]
Retype = tuple[_TokenType, re.Pattern[str], _TokenType]

T = Token
S = Token.Literal.String
N = Token.Name
K = Token.Keyword
NUM = Token.Literal.Number
C = Token.Comment
O = Token.Operator
P = Token.Punctuation
WS = Token.Text.Whitespace


@dataclass(frozen=True, slots=True)
class Rules:
    """How the Pygments tokens of one language become Rouge's.

    Attributes:
        pygments: Pygments lexer name ("" when Pygments has none: plain text then), or a
            lexer class of ``highlight_lexers`` that emits Rouge's token types itself.
        retype: (Pygments type, text pattern, Rouge type): a token of exactly that type whose
            whole text matches the pattern gets the Rouge type; checked before ``remap``.
        remap: Pygments token type to Rouge's; a type not listed falls back to its nearest
            listed ancestor, then to itself.
        keep_whitespace: Rouge's lexer emits ``Text.Whitespace`` (class ``w``); otherwise
            whitespace is plain text.
        fixups: functions rewriting the mapped token list, in order.
    """

    pygments: str | type[Lexer]
    retype: tuple[Retype, ...] = ()
    remap: Mapping[_TokenType, _TokenType] = field(default_factory=dict)
    keep_whitespace: bool = False
    fixups: tuple[Fixup, ...] = ()


def words(source: _TokenType, names: str, target: _TokenType) -> Retype:
    """A ``retype`` entry: these space-separated words of type ``source`` become ``target``."""
    pattern = re.compile("|".join(re.escape(w) for w in names.split()))
    return (source, pattern, target)


def text(source: _TokenType, pattern: str, target: _TokenType) -> Retype:
    """A ``retype`` entry: tokens of type ``source`` whose text matches ``pattern``."""
    return (source, re.compile(pattern), target)


# --------------------------------------------------------------------------- fixups


def _is_space(tok: Tok) -> bool:
    return tok[0] in T.Text and not tok[1].strip()


def comment_takes_newline(*types: _TokenType) -> Fixup:
    """Rouge's line comments of these types end with their newline (one ``\\n``)."""

    def fix(tokens: list[Tok]) -> list[Tok]:
        out: list[Tok] = []
        for i, (ttype, value) in enumerate(tokens):
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev[0] in types
                and not prev[1].endswith("\n")
                and value.startswith("\n")
                and ttype in T.Text
                and i > 0
            ):
                out[-1] = (prev[0], prev[1] + "\n")
                value = value[1:]
            out.append((ttype, value))
        return out

    return fix


_DIGITS = re.compile(r"[0-9]+")


def integer_floats(tokens: list[Tok]) -> list[Tok]:
    """Numbers Pygments calls floats but that are plain digits are integers to Rouge."""
    return [
        (NUM.Integer, v) if t is NUM.Float and _DIGITS.fullmatch(v) else (t, v) for t, v in tokens
    ]


def split_prefix(ttype: _TokenType, prefix: str, first: _TokenType) -> Fixup:
    """Split ``prefix`` (a regex) off tokens of ``ttype`` into a token of type ``first``."""
    pattern = re.compile(prefix)

    def fix(tokens: list[Tok]) -> list[Tok]:
        out: list[Tok] = []
        for t, v in tokens:
            m = pattern.match(v) if t is ttype else None
            if m and m.end() < len(v):
                out.append((first, m.group(0)))
                out.append((t, v[m.end() :]))
            else:
                out.append((t, v))
        return out

    return fix


def after_word(
    word_type: _TokenType, words_: str, target_from: _TokenType, target: _TokenType
) -> Fixup:
    """A ``target_from`` token right after one of ``words_`` (spaces between) becomes ``target``."""
    wanted = set(words_.split())

    def fix(tokens: list[Tok]) -> list[Tok]:
        out = list(tokens)
        for i, (t, _v) in enumerate(out):
            if t is not target_from:
                continue
            k = i - 1
            while k >= 0 and _is_space(out[k]):
                k -= 1
            if k >= 0 and out[k][0] in word_type and out[k][1] in wanted:
                out[i] = (target, out[i][1])
        return out

    return fix


def _relex(value: str, lang: str) -> list[Tok]:
    from dejekyll import highlight  # the engine that uses these rules

    return highlight.rouge_tokens(value, lang)


def python_names(tokens: list[Tok]) -> list[Tok]:
    """Rouge's Python sorts every identifier by its word lists, attributes included.

    ``def`` and ``class`` (which Rouge matches by their own rules) stay keywords.
    """
    keywords = rouge_words("python.keywords")
    builtins = rouge_words("python.builtins")
    pseudo = rouge_words("python.builtins_pseudo")
    out: list[Tok] = []
    for t, v in tokens:
        if t is N or t is N.Builtin or t is N.Builtin.Pseudo or t is K:
            if v in keywords:
                t = K
            elif v in builtins:
                t = N.Builtin
            elif v in pseudo:
                t = N.Builtin.Pseudo
            elif v not in ("def", "class") and re.fullmatch(r"[^\W\d]\w*", v):
                t = N
        out.append((t, v))
    return out


def python_imaginary(tokens: list[Tok]) -> list[Tok]:
    """``2j``: Pygments cuts a number and a name, Rouge reads one float."""
    out: list[Tok] = []
    for t, v in tokens:
        if (v == "j" or v == "J") and out and out[-1][0] in NUM and t in N:
            out[-1] = (NUM.Float, out[-1][1] + v)
            continue
        out.append((t, v))
    return out


def python_walrus(tokens: list[Tok]) -> list[Tok]:
    """``:=``: Rouge's Python lexer has no such operator, it reads ``:`` then ``=``."""
    out: list[Tok] = []
    for t, v in tokens:
        if v == ":=" and t in O:
            out.extend([(P, ":"), (O, "=")])
            continue
        out.append((t, v))
    return out


def split_spaced_keywords(tokens: list[Tok]) -> list[Tok]:
    """``yield from``: Rouge matches keywords one word at a time."""
    out: list[Tok] = []
    for t, v in tokens:
        if not v.isalnum() and t in K and re.search(r"\s", v.strip()):
            for part in re.split(r"(\s+)", v):
                out.append((T.Text if part.isspace() else t, part))
            continue
        out.append((t, v))
    return out


_PY_ESCAPE = re.compile(
    r"\\(?:[\\abfnrtv\"']|\n|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}"
    r"|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})"
)


def python_string_escapes(tokens: list[Tok]) -> list[Tok]:
    """Escapes in every non-raw string (doc strings too) are ``String.Escape`` to Rouge."""
    out: list[Tok] = []
    prefix = ""
    for t, v in tokens:
        if t is S.Affix:
            prefix = v.lower()
        elif t is S.Escape and "r" in prefix:
            t = S
        elif t is S and "r" not in prefix and "\\" in v:
            pos = 0
            for m in _PY_ESCAPE.finditer(v):
                out.append((S, v[pos : m.start()]))
                out.append((S.Escape, m.group(0)))
                pos = m.end()
            out.append((S, v[pos:]))
            continue
        elif t not in S:
            prefix = ""
        out.append((t, v))
    return out


def python_from(tokens: list[Tok]) -> list[Tok]:
    """``from`` is a namespace keyword only in ``from X import``; else a keyword."""
    out = list(tokens)
    for i, (t, v) in enumerate(out):
        if t is not K.Namespace or v != "from":
            continue
        j = i + 1
        while j < len(out) and _is_space(out[j]):
            j += 1
        names = j
        while j < len(out) and out[j][0] is N.Namespace:
            j += 1
        module_end = j
        while j < len(out) and _is_space(out[j]):
            j += 1
        if module_end > names and j < len(out) and out[j][1] == "import":
            continue
        out[i] = (K, v)
        for k in range(names, module_end):
            out[k] = (N, out[k][1])
    return out


def long_integers(tokens: list[Tok]) -> list[Tok]:
    """Python 2's ``0L``: one long-integer token."""
    out: list[Tok] = []
    for t, v in tokens:
        if v == "L" and out and out[-1][0] is NUM.Integer:
            out[-1] = (NUM.Integer.Long, out[-1][1] + v)
            continue
        out.append((t, v))
    return out


def python_decorators(tokens: list[Tok]) -> list[Tok]:
    """Rouge reads ``@name`` as the operator ``@`` and then ordinary code."""
    out: list[Tok] = []
    for t, v in tokens:
        if t is N.Decorator and v.startswith("@"):
            out.append((O, "@"))
            out.extend(_relex(v[1:], "python"))
        else:
            out.append((t, v))
    return out


def python_format_specs(tokens: list[Tok]) -> list[Tok]:
    """Rouge lexes an f-string's format spec (after ``:`` in braces) as code."""
    out: list[Tok] = []
    for i, (t, v) in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            t is S
            and prev is not None
            and prev[0] is S.Interpol
            and prev[1].endswith(":")
            and nxt is not None
            and nxt[0] is S.Interpol
        ):
            out.extend(_relex(v, "python"))
        else:
            out.append((t, v))
    return out


def yaml_flow_keys(tokens: list[Tok]) -> list[Tok]:
    """Keys inside ``{...}``/``[...]`` are plain scalars (variables) to Rouge."""
    out: list[Tok] = []
    depth = 0
    for t, v in tokens:
        if t is P.Indicator and v in "[{":
            depth += 1
        elif t is P.Indicator and v in "]}":
            depth = max(0, depth - 1)
        elif depth and t is N.Attribute:
            stripped = v.lstrip()
            if len(stripped) < len(v):
                out.append((T.Text, v[: len(v) - len(stripped)]))
            t, v = N.Variable, stripped
        out.append((t, v))
    return out


_YAML_PLAIN = re.compile(
    r"(?P<str>[ ]*:\S+)|(?P<space>[ ]+)|(?P<const>true|false|null)"
    r"|(?P<num>\d+(?:\.\d+)?(?=\r?\n| +#))|(?P<word>[^\s:]+)|(?P<other>.)",
    re.DOTALL,
)


def _yaml_plain(run: str, tail: str) -> list[Tok]:
    """One plain scalar (``tail``: the rest of its line) cut as Rouge's block context does."""
    full = run + tail
    out: list[Tok] = []
    pos = 0
    while pos < len(run):
        m = _YAML_PLAIN.match(full, pos)
        assert m is not None  # the last alternative matches any character
        end = min(m.end(), len(run))
        kind = m.lastgroup
        ttype = N.Constant if kind == "const" else NUM if kind == "num" else S
        out.append((ttype, run[pos:end]))
        pos = end
    return out


def yaml_plain_scalars(tokens: list[Tok]) -> list[Tok]:
    """Plain scalars: strings, with ``true``/``false``/``null`` and line-final numbers apart."""
    out: list[Tok] = []
    i = 0
    plain = Token.Literal.Scalar.Plain
    while i < len(tokens):
        if tokens[i][0] is not plain:
            out.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and tokens[j][0] is plain:
            j += 1
        run = "".join(v for _t, v in tokens[i:j])
        tail = "".join(v for _t, v in tokens[j : j + 3]).split("\n", 1)[0] + "\n"
        out.extend(_yaml_plain(run, tail))
        i = j
    return out


def yaml_open_quotes(tokens: list[Tok]) -> list[Tok]:
    """Rouge types a YAML string's opening quote by its kind, the rest as plain ``String``."""
    out: list[Tok] = []
    closing = ""
    for t, v in tokens:
        if t is S and v in "\"'" and v:
            if closing == v:
                closing = ""
            elif not closing:
                closing = v
                t = S.Double if v == '"' else S.Single
        out.append((t, v))
    return out


# --------------------------------------------------------------------------- languages

# Rouge tags whose Pygments lexer has another name; others use the tag itself.
PYGMENTS_NAMES: Mapping[str, str] = {
    "plaintext": "text",
    "batchfile": "bat",
    "common_lisp": "common-lisp",
    "literate_haskell": "lhs",
    "objective_c": "objective-c",
    "objective_cpp": "objective-c++",
    "vb": "vbnet",
    "viml": "vim",
}

_PY_PSEUDO = "None True False Ellipsis NotImplemented"


RULES: dict[str, Rules] = {
    "ruby": Rules(highlight_lexers.RubyLexer, keep_whitespace=True),
    "java": Rules(highlight_lexers.JavaLexer, keep_whitespace=True),
    "c": Rules(highlight_lexers.CLexer, keep_whitespace=True),
    "cpp": Rules(highlight_lexers.CppLexer, keep_whitespace=True),
    "cuda": Rules(highlight_lexers.CudaLexer, keep_whitespace=True),
    "markdown": Rules(highlight_lexers.MarkdownLexer, keep_whitespace=True),
    "html": Rules(highlight_lexers.HtmlLexer, keep_whitespace=True),
    "diff": Rules(highlight_lexers.DiffLexer, keep_whitespace=True),
    "r": Rules(highlight_lexers.RLexer, keep_whitespace=True),
    "tex": Rules(highlight_lexers.TexLexer, keep_whitespace=True),
    "clojure": Rules(highlight_lexers.ClojureLexer, keep_whitespace=True),
    "http": Rules(highlight_lexers.HttpLexer, keep_whitespace=True),
    "kotlin": Rules(highlight_lexers.KotlinLexer, keep_whitespace=True),
    "jsx": Rules(highlight_lexers.JsxLexer, keep_whitespace=True),
    "prolog": Rules(highlight_lexers.PrologLexer, keep_whitespace=True),
    "ocaml": Rules(highlight_lexers.OcamlLexer, keep_whitespace=True),
    "erb": Rules(highlight_lexers.ErbLexer, keep_whitespace=True),
    "apache": Rules(highlight_lexers.ApacheLexer, keep_whitespace=True),
    "csharp": Rules(highlight_lexers.CsharpLexer, keep_whitespace=True),
    "nginx": Rules(highlight_lexers.NginxLexer, keep_whitespace=True),
    "make": Rules(highlight_lexers.MakeLexer, keep_whitespace=True),
    "php": Rules(highlight_lexers.PhpLexer, keep_whitespace=True),
    "lua": Rules(highlight_lexers.LuaLexer, keep_whitespace=True),
    "haskell": Rules(highlight_lexers.HaskellLexer, keep_whitespace=True),
    "mathematica": Rules(highlight_lexers.MathematicaLexer, keep_whitespace=True),
    "stata": Rules(highlight_lexers.StataLexer, keep_whitespace=True),
    "fortran": Rules(highlight_lexers.FortranLexer, keep_whitespace=True),
    "ini": Rules(highlight_lexers.IniLexer, keep_whitespace=True),
    "docker": Rules(highlight_lexers.DockerLexer, keep_whitespace=True),
    "scss": Rules(highlight_lexers.ScssLexer, keep_whitespace=True),
    "toml": Rules(highlight_lexers.TomlLexer, keep_whitespace=True),
    "xml": Rules(highlight_lexers.XmlLexer, keep_whitespace=True),
    "julia": Rules(highlight_lexers.JuliaLexer, keep_whitespace=True),
    "rust": Rules(highlight_lexers.RustLexer, keep_whitespace=True),
    "sql": Rules(highlight_lexers.SqlLexer, keep_whitespace=True),
    "liquid": Rules(highlight_lexers.LiquidLexer, keep_whitespace=True),
    "go": Rules(highlight_lexers.GoLexer, keep_whitespace=True),
    "css": Rules(highlight_lexers.CssLexer, keep_whitespace=True),
    "bibtex": Rules(highlight_lexers.BibtexLexer, keep_whitespace=True),
    "matlab": Rules(highlight_lexers.MatlabLexer, keep_whitespace=True),
    "shell": Rules(highlight_lexers.ShellLexer, keep_whitespace=True),
    "console": Rules(highlight_lexers.ConsoleLexer, keep_whitespace=True),
    "python": Rules(
        "python",
        retype=(
            words(K.Constant, _PY_PSEUDO, N.Builtin.Pseudo),
            text(O, r"\.", P),
            text(S.Interpol, r"%.*", S),
            text(S.Escape, r"\{\{|\}\}", S),
            text(S.Interpol, r"\{.*\}", S),
        ),
        remap={
            C.Hashbang: C.Single,
            S.Single: S,
            S.Double: S,
            S.Doc: S,
            N.Exception: N.Builtin,
            N.Variable.Magic: N,
            N.Function.Magic: N,
        },
        fixups=(
            split_spaced_keywords,
            python_from,
            comment_takes_newline(C.Single),
            after_word(K, "def", N, N.Function),
            after_word(K, "as", N.Namespace, N),
            python_names,
            python_format_specs,
            python_decorators,
            split_prefix(NUM.Float, r"\.(?=\d)", P),
            integer_floats,
            python_imaginary,
            long_integers,
            python_string_escapes,
            python_walrus,
        ),
    ),
    "javascript": Rules(highlight_lexers.JavascriptLexer, keep_whitespace=True),
    "typescript": Rules(highlight_lexers.TypescriptLexer, keep_whitespace=True),
    "yaml": Rules(
        "yaml",
        retype=(text(N.Constant, r"\s+", N.Constant),),
        remap={
            N.Tag: N.Attribute,
            P: P.Indicator,
            N.Constant: S,
        },
        fixups=(yaml_plain_scalars, yaml_open_quotes, yaml_flow_keys),
    ),
    "json": Rules(highlight_lexers.JsonLexer, keep_whitespace=True),
}
