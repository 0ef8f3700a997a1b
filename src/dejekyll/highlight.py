"""Code highlighting as Jekyll 4.3 + kramdown 2.4 + Rouge 3.30 produce it.

Pygments tokenises, in one of two ways per language (``highlight_rules.RULES``):

- Pygments' own lexer, whose token types are then mapped onto the ones Rouge's lexer gives
  and whose tokens are re-cut where Rouge cuts otherwise (``highlight_rules``);
- for the languages where the two lexers differ too much for that (Markdown, HTML, shell,
  C, JavaScript, YAML's neighbours, ...), a Pygments ``RegexLexer`` written to follow the
  rules of Rouge's lexer for that language (``highlight_lexers``).

Adjacent tokens of one type are then merged as Rouge's lexer does, and the HTML is written
as Rouge's ``HTML`` formatter writes it (Rouge's CSS classes are Pygments' short names).
Languages without a Pygments lexer, or whose lexing fails, come out as plain text.

Which languages exist is Rouge's decision: ``data/rouge.json`` is Rouge's lexer registry,
token table and the word lists some of its lexers use (``scripts/gen_rouge_lexers.py``).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from pygments.lexer import Lexer  # type: ignore[import-untyped]
from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped]
from pygments.token import Token, _TokenType  # type: ignore[import-untyped]
from pygments.util import ClassNotFound  # type: ignore[import-untyped]

from dejekyll import highlight_lexers
from dejekyll.fastlex import faster
from dejekyll.highlight_data import rouge as _rouge
from dejekyll.highlight_rules import PYGMENTS_NAMES, RULES, Rules, Tok

__all__ = ["code_block", "code_span", "code_span_html", "highlight_tag", "is_known_language"]


# --------------------------------------------------------------------------- Rouge's registry


def _rouge_tag(lang: str) -> str | None:
    """Rouge's ``Lexer.lookup_fancy``: the tag of the lexer ``lang`` names, or None.

    ``lang?opts`` drops the CGI-style options; ``guess`` guesses (from the code, later).
    """
    name = lang.split("?", 1)[0]
    if name == "guess":
        return "guess"
    return _rouge().names.get(name)


def is_known_language(lang: str) -> bool:
    """Whether Rouge has a lexer for ``lang`` (a tag or alias, case-sensitive, ``?opts`` ok).

    >>> is_known_language("py"), is_known_language("HTML")
    (True, False)
    """
    return _rouge_tag(lang) is not None


# --------------------------------------------------------------------------- per-lexer rules


def _rules(tag: str) -> Rules:
    """The rules for a Rouge tag (default: same-named Pygments lexer, types unchanged)."""
    rules = RULES.get(tag)
    if rules is None:
        rules = Rules(PYGMENTS_NAMES.get(tag, tag))
    return rules


_KEEP_TEXT: Mapping[str, bool] = {"stripnl": False, "stripall": False, "ensurenl": False}


@cache
def _named_lexer(name: str) -> Lexer | None:
    """A cached Pygments lexer, by name, that keeps the text exactly as given."""
    if not name:
        return None
    try:
        return faster(get_lexer_by_name(name, **_KEEP_TEXT))
    except ClassNotFound:
        return None


@cache
def _class_lexer(cls: Any) -> Lexer:
    """A cached instance of one of our Rouge-like lexer classes."""
    return cls(**_KEEP_TEXT)


def _pygments_lexer(rules: Rules) -> Lexer | None:
    """The (cached) lexer the rules name."""
    if isinstance(rules.pygments, str):
        return _named_lexer(rules.pygments)
    lexer_class: Any = rules.pygments
    return _class_lexer(lexer_class)


# --------------------------------------------------------------------------- tokens


def _rouge_type(ttype: _TokenType, value: str, rules: Rules) -> _TokenType:
    """Map one Pygments token to the Rouge type for this language."""
    for source, pattern, target in rules.retype:
        if ttype is source and pattern.fullmatch(value):
            return target
    probe: _TokenType | None = ttype
    while probe is not None:
        mapped = rules.remap.get(probe)
        if mapped is not None:
            return mapped
        probe = probe.parent
    if not rules.keep_whitespace and ttype in Token.Text.Whitespace:
        return Token.Text
    return ttype


def _merge(tokens: Iterable[Tok]) -> Iterator[Tok]:
    """Join adjacent tokens of one type and drop empty ones (Rouge's ``continue_lex``)."""
    last_type: _TokenType | None = None
    parts: list[str] = []
    for ttype, text in tokens:
        if not text:
            continue
        if ttype is last_type:
            parts.append(text)
            continue
        if last_type is not None:
            yield last_type, "".join(parts)
        last_type, parts = ttype, [text]
    if last_type is not None:
        yield last_type, "".join(parts)


def _tokens(code: str, tag: str) -> list[Tok]:
    """Rouge-typed, merged tokens of ``code`` in the language of Rouge tag ``tag``."""
    if tag == "guess":
        tag = highlight_lexers.guess_tag(code)
    rules = _rules(tag)
    lexer = _pygments_lexer(rules)
    if lexer is None or tag == "plaintext":
        return [(Token.Text, code)] if code else []
    retyped = {source for source, _, _ in rules.retype}
    known: dict[_TokenType, _TokenType] = {}  # types whose mapping does not depend on text

    def rouge_type(ttype: _TokenType, value: str) -> _TokenType:
        if ttype in retyped:
            return _rouge_type(ttype, value, rules)
        mapped = known.get(ttype)
        if mapped is None:
            mapped = known[ttype] = _rouge_type(ttype, value, rules)
        return mapped

    try:
        raw: list[Tok] = [(rouge_type(t, v), v) for _, t, v in lexer.get_tokens_unprocessed(code)]
        for fixup in rules.fixups:
            raw = fixup(raw)
    except Exception as err:  # noqa: BLE001 (a lexer bug must not lose the code)
        warnings.warn(f"highlighting as {tag} failed: {err!r}", RuntimeWarning, stacklevel=2)
        return [(Token.Text, code)] if code else []
    return list(_merge(raw))


def rouge_tokens(code: str, lang: str | None) -> list[Tok]:
    """Rouge-typed tokens of ``code`` in language ``lang`` (a Rouge name, maybe with options).

    An unknown or missing language gives one ``String.Backtick`` token, as embedded code
    does in Rouge's Markdown lexer.
    """
    tag = _rouge_tag(lang) if lang else None
    if tag is None:
        return [(Token.Literal.String.Backtick, code)] if code else []
    return _tokens(code, tag)


# --------------------------------------------------------------------------- HTML


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _escape(text: str) -> str:
    """Escape as Rouge and kramdown do in code: ``&``, ``<``, ``>`` only."""
    return text.translate(_ESCAPES)


@cache
def _css_class(ttype: _TokenType) -> str:
    """Rouge's short name for a token type (nearest ancestor Rouge knows)."""
    classes = _rouge().classes
    probe: _TokenType | None = ttype
    while probe is not None and probe is not Token:
        name = ".".join(probe)
        if name in classes:
            return classes[name]
        probe = probe.parent
    return ""


def _spans(tokens: Iterable[Tok]) -> str:
    """Rouge's ``Formatters::HTML``: plain text bare, every other token in a span."""
    out: list[str] = []
    for ttype, text in tokens:
        css = "" if ttype is Token.Text else _css_class(ttype)
        out.append(f'<span class="{css}">{_escape(text)}</span>' if css else _escape(text))
    return "".join(out)


def _table(code: str, body: str) -> str:
    """Rouge's ``HTMLTable`` with Jekyll's classes: a gutter of line numbers, then the code."""
    lines = code.count("\n")
    if not code.endswith("\n"):
        lines += 1
        body += "\n"
    gutter = "".join(f"{n}\n" for n in range(1, lines + 1))
    return (
        '<table class="rouge-table"><tbody><tr><td class="gutter gl">'
        f'<pre class="lineno">{gutter}</pre></td><td class="code"><pre>{body}</pre></td>'
        "</tr></tbody></table>"
    )


# An entity or character reference, which kramdown leaves alone in attribute values.
_ATTRIBUTE_ESCAPE = re.compile(r"&(?:[\w:][-\w.:]*|#\d+|#x[0-9a-fA-F]+);|[<>&\"]")
_ATTRIBUTE_MAP = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


def _html_attributes(attr: Mapping[str, str]) -> str:
    """Kramdown's ``html_attributes``: `` k="v"`` each, values escaped, empty ids dropped."""
    return "".join(
        f' {k}="{_ATTRIBUTE_ESCAPE.sub(lambda m: _ATTRIBUTE_MAP.get(m[0], m[0]), v)}"'
        for k, v in attr.items()
        if not (k == "id" and not v.strip())
    )


def _block_attributes(lang: str | None, attributes: Mapping[str, str] | None) -> dict[str, str]:
    """The block's attributes as kramdown's parser leaves them: the fence's class, then IALs."""
    attr: dict[str, str] = {}
    if lang:
        attr["class"] = f"language-{lang.split('?', 1)[0]}"
    for key, value in (attributes or {}).items():
        attr[key] = f"{attr.get(key, '')} {value}".lstrip() if key == "class" else value
    return attr


def _take_language(attr: dict[str, str]) -> str | None:
    """Kramdown's ``extract_code_language!``: the first ``language-X`` class, removed."""
    found = re.search(r"\blanguage-(\S+)", attr.get("class", ""))
    if found is None:
        return None
    rest = re.sub(r"\blanguage-\S+", "", attr["class"], count=1).strip()
    if rest:
        attr["class"] = rest
    else:
        del attr["class"]
    return found.group(1)


def _add_highlighter_class(attr: dict[str, str], lang: str) -> None:
    """Kramdown's ``add_syntax_highlighter_to_class_attr`` with Rouge."""
    css = (attr.get("class", "") + " highlighter-rouge").lstrip()
    attr["class"] = re.sub(
        r"\blanguage-\S+|(^)",
        lambda m: f"language-{lang}{' ' if m.group(1) is not None else ''}",
        css,
        count=1,
    )


def code_block(
    code: str,
    lang: str | None,
    *,
    indent: int = 0,
    attributes: Mapping[str, str] | None = None,
) -> str:
    """Kramdown's HTML for a code block (fenced or indented), Rouge on, guess_lang on.

    Args:
        code: the block's text as kramdown holds it (each line ending in ``\n``).
        lang: the fence's info string (``js``, ``ruby?start_inline=1``), or None for an
            indented block or a fence without one.
        indent: kramdown's indentation of the block (inside list items); it prefixes the
            block and the closing ``</div>``.
        attributes: the block's IAL attributes in order (``{"class": "a b", "id": "x"}``);
            a ``language-X`` class sets the language when the fence has none.

    Returns:
        The block's HTML, ending in a newline.

    >>> code_block("x = 1\\n", "foobar")
    '<pre><code class="language-foobar">x = 1\\n</code></pre>\\n'
    """
    pad = " " * indent
    attr = _block_attributes(lang, attributes)
    class_lang = _take_language(attr)
    wanted = lang or class_lang
    tag = _rouge_tag(wanted) if wanted else "plaintext"
    if tag is None:
        text = _escape(code.removesuffix("\n"))
        code_class = f' class="language-{class_lang}"' if class_lang else ""
        return f"{pad}<pre{_html_attributes(attr)}><code{code_class}>{text}\n</code></pre>\n"
    _add_highlighter_class(attr, class_lang or "plaintext")
    body = _spans(_tokens(code, tag))
    return (
        f"{pad}<div{_html_attributes(attr)}>"
        f'<div class="highlight"><pre class="highlight"><code>{body}</code></pre></div>'
        f"{pad}</div>\n"
    )


def code_span(code: str, lang: str | None) -> str | None:
    """Rouge's HTML for a code span's text in ``lang`` (kramdown's ``:span`` highlighting).

    Args:
        code: the span's text.
        lang: the language from its ``language-X`` class; None means ``plaintext``.

    Returns:
        The highlighted (escaped) text without a wrapper, or None when Rouge has no lexer
        for ``lang`` (kramdown then escapes the text and adds no highlighter class).

    >>> code_span("x < 1", "python")
    '<span class="n">x</span> <span class="o">&lt;</span> <span class="mi">1</span>'
    """
    tag = _rouge_tag(lang) if lang else "plaintext"
    if tag is None:
        return None
    return _spans(_tokens(code, tag))


def code_span_html(code: str, *, attributes: Mapping[str, str] | None = None) -> str:
    """Kramdown's whole ``<code>`` element for a code span with its IAL attributes.

    >>> code_span_html("a < b")
    '<code class="language-plaintext highlighter-rouge">a &lt; b</code>'
    """
    attr = dict(attributes or {})
    found = re.search(r"\blanguage-(\S+)", attr.get("class", ""))
    lang = found.group(1) if found else None
    body = code_span(code, lang)
    if body is None:
        return f"<code{_html_attributes(attr)}>{_escape(code)}</code>"
    _add_highlighter_class(attr, lang or "plaintext")
    return f"<code{_html_attributes(attr)}>{body}</code>"


_EDGE_NEWLINES = re.compile(r"\A[\n\r]+|[\n\r]+\Z")


def highlight_tag(
    code: str, lang: str, *, linenos: bool = False, mark_lines: tuple[int, ...] = ()
) -> str:
    """What Jekyll's ``{% highlight lang [linenos] %}`` block outputs.

    Args:
        code: the block's body after Liquid (leading and trailing newlines are dropped here).
        lang: the tag's language; Jekyll lower-cases it, unknown ones are plain text.
        linenos: ``linenos`` given: Rouge's line-number table.
        mark_lines: accepted for the tag's syntax; Jekyll 4.3 ignores it with Rouge.

    >>> highlight_tag("a < b\\n", "foobar")
    '<figure class="highlight"><pre><code class="language-foobar" data-lang="foobar">a &lt; b</code></pre></figure>'
    """
    del mark_lines
    lang = lang.lower()
    code = _EDGE_NEWLINES.sub("", code)
    body = _spans(_tokens(code, _rouge_tag(lang) or "plaintext"))
    if linenos:
        body = _table(code, body)
    body = body.removesuffix("\n")
    css_lang = lang.replace("+", "-")
    return (
        f'<figure class="highlight"><pre><code class="language-{css_lang}" data-lang="{lang}">'
        f"{body}</code></pre></figure>"
    )
