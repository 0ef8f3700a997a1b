"""Render rules for the ``kd_*`` span tokens, writing what kramdown's HTML converter writes.

``Converter::Html`` with Jekyll's options: entities as characters (``entity_output: as_char``)
except ``&amp; &lt; &gt;``; Rouge on code spans (``language-plaintext highlighter-rouge``);
MathJax delimiters for math; footnote references numbered in the order they are rendered
(kramdown numbers them in its converter, so footnotes inside footnotes come last).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt

from ..html import escape_text, html_attributes
from .entities import entity_char, entity_code_point, entity_name
from .tokens import TYPOGRAPHIC_TEXT, SpanToken

__all__ = ["install_render_rules", "render_spans"]

_ESCAPE_ALL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_QUOTE_INDEX = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}
_DEFAULT_QUOTES = ("lsquo", "rsquo", "ldquo", "rdquo")
_LANGUAGE_CLASS = re.compile(r"\blanguage-([^ \t\n\v\f\r]+)")
_CLASS_LANGUAGE_SUB = re.compile(r"\blanguage-[^ \t\n\v\f\r]+|(^)")

Rule = Callable[[Any, Sequence[SpanToken], int, Mapping[str, Any], MutableMapping[str, Any]], str]


def _options(env: Mapping[str, Any]) -> Mapping[str, Any]:
    opts = env.get("kd_options")
    return opts if isinstance(opts, Mapping) else {}


def escape_all(text: str) -> str:
    """kramdown ``escape_html(text)`` (``:all``): ``&``, ``<`` and ``>``."""
    return text.translate(_ESCAPE_ALL)


def entity_to_str(
    code: int, original: str | None, name: str | None = None, output: str = "as_char"
) -> str:
    """kramdown ``entity_to_str`` for the ``entity_output`` option ``output``."""
    char = entity_char(code)
    if output == "as_char" and char is not None and (char == '"' or char not in "<>&"):
        return char
    if output in ("as_char", "as_input") and original:
        return original
    name = name or entity_name(code)
    if (output == "symbolic" or (char is not None and char in '<>&"')) and name:
        return f"&{name};"
    return f"&#{code};"


def _entity_output(env: Mapping[str, Any]) -> str:
    return str(_options(env).get("entity_output", "as_char")).lstrip(":")


def _attrs(tok: SpanToken) -> str:
    return html_attributes([(str(k), str(v)) for k, v in tok.attrs.items()])


def _text(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    return escape_text(tokens[idx].content)


def _entity(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, env: Any) -> str:
    meta = tokens[idx].meta
    return entity_to_str(
        int(meta["code"]), meta.get("original"), meta.get("name"), _entity_output(env)
    )


def _smart_quote(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, env: Any) -> str:
    kind = str(tokens[idx].meta.get("kind"))
    setting = _options(env).get("smart_quotes", _DEFAULT_QUOTES)
    if isinstance(setting, str):
        setting = [s.strip() for s in setting.split(",")]
    names = list(setting) if len(setting) == 4 else list(_DEFAULT_QUOTES)
    value = names[_QUOTE_INDEX.get(kind, 0)]
    code = entity_code_point(_integer_or_name(value))
    if code is None:
        return ""
    return entity_to_str(code, None, None, _entity_output(env))


def _integer_or_name(value: object) -> int | str:
    """Ruby's ``Integer(v) rescue v`` (``8217``, ``0x2019``) as kramdown's option parser does."""
    if isinstance(value, int):
        return value
    text = str(value)
    try:
        return int(text, 0)
    except ValueError:
        return text


def _typographic(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, env: Any) -> str:
    kind = str(tokens[idx].meta.get("kind"))
    custom = _options(env).get("typographic_symbols")
    if isinstance(custom, Mapping) and kind in custom:
        return escape_text(str(custom[kind]))
    output = _entity_output(env)
    if output == "as_char":
        return TYPOGRAPHIC_TEXT.get(kind, "")
    return "".join(
        entity_to_str(ord(ch), None, None, output) for ch in TYPOGRAPHIC_TEXT.get(kind, "")
    )


def add_highlighter_class(attrs: dict[str, str], lang: str) -> None:
    """kramdown ``add_syntax_highlighter_to_class_attr`` for Rouge."""
    cls = (attrs.get("class", "") + " highlighter-rouge").lstrip()

    def repl(m: re.Match[str]) -> str:
        return f"language-{lang}{' ' if m.group(1) is not None else ''}"

    attrs["class"] = _CLASS_LANGUAGE_SUB.sub(repl, cls, count=1)


def _code_inline(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    tok = tokens[idx]
    attrs = {str(k): str(v) for k, v in tok.attrs.items()}
    m = _LANGUAGE_CLASS.search(attrs.get("class", ""))
    lang = m.group(1) if m else None
    body = _highlight_span(tok.content, lang)
    if body is None:
        body = escape_all(tok.content)
    else:
        add_highlighter_class(attrs, lang or "plaintext")
    return f"<code{html_attributes(list(attrs.items()))}>{body}</code>"


def _highlight_span(code: str, lang: str | None) -> str | None:
    """Rouge on a code span: plain text escaped, a known language through the highlighter."""
    if lang is None or lang == "plaintext":
        return escape_all(code)
    try:
        from dejekyll import highlight
    except ImportError:  # pragma: no cover - the highlighter is part of the package
        return None
    if not highlight.is_known_language(lang):
        return None
    span = getattr(highlight, "code_span", None)
    if span is None:
        return escape_all(code)
    result = span(code, lang)
    return str(result) if result is not None else None


def _open(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    tok = tokens[idx]
    return f"<{tok.tag}{_attrs(tok)}>"


def _close(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    return f"</{tokens[idx].tag}>"


def _void(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    tok = tokens[idx]
    return f"<{tok.tag}{_attrs(tok)} />"


def _br(_self: Any, _tokens: Sequence[SpanToken], _idx: int, _o: Any, _env: Any) -> str:
    return "<br />"


def _math(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, env: Any) -> str:
    """MathJax delimiters; without a math engine kramdown's ``kdmath`` fallback."""
    tok = tokens[idx]
    engine = _options(env).get("math_engine", "mathjax")
    if str(engine or "").lstrip(":").lower() != "mathjax":
        attrs = {str(k): str(v) for k, v in tok.attrs.items()}
        attrs["class"] = f"{attrs.get('class', '')} kdmath".lstrip()
        return f"<span{html_attributes(list(attrs.items()))}>${tok.content}$</span>"
    if tok.attrs:
        return f"<span{_attrs(tok)}>${tok.content}$</span>"
    return f"\\({escape_all(tok.content)}\\)"


def _footnote_ref(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, env: Any) -> str:
    """``convert_footnote``: number on first rendering, ``fnref:name:N`` for repeats."""
    name = str(tokens[idx].meta.get("name"))
    opts = _options(env)
    start = int(opts.get("footnote_nr", 1) or 1)
    full = f"{opts.get('footnote_prefix', '') or ''}{name}"
    order: list[str] = env.setdefault("kd_footnote_order", [])
    repeats: dict[str, int] = env.setdefault("kd_footnote_repeats", {})
    numbers: dict[str, int] = env.setdefault("kd_footnote_numbers", {})
    if name in numbers:
        repeats[name] = repeats.get(name, 0) + 1
        number, suffix = numbers[name], f":{repeats[name]}"
    else:
        number = numbers[name] = start + len(order)
        order.append(name)
        repeats[name] = 0
        suffix = ""
    return (
        f'<sup id="fnref:{full}{suffix}" role="doc-noteref">'
        f'<a href="#fn:{full}" class="footnote" rel="footnote">{number}</a></sup>'
    )


def _html_comment(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    return tokens[idx].content


def _comment(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    return f"<!-- {tokens[idx].content} -->"


def _raw(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, _env: Any) -> str:
    tok = tokens[idx]
    kinds = tok.meta.get("type") or []
    return tok.content if not kinds or "html" in kinds else ""


def _abbr(_self: Any, tokens: Sequence[SpanToken], idx: int, _o: Any, env: Any) -> str:
    name = tokens[idx].content
    titles = env.get("kd_abbrevs") or {}
    extra = (env.get("kd_abbrev_attrs") or {}).get(name) or {}
    attrs = {str(k): str(v) for k, v in extra.items()}
    title = str(titles.get(name, ""))
    if title:
        attrs["title"] = title
    return f"<abbr{html_attributes(list(attrs.items()))}>{name}</abbr>"


_RULES: dict[str, Rule] = {
    "kd_text": _text,
    "kd_entity": _entity,
    "kd_smart_quote": _smart_quote,
    "kd_typographic": _typographic,
    "kd_code_inline": _code_inline,
    "kd_em_open": _open,
    "kd_em_close": _close,
    "kd_strong_open": _open,
    "kd_strong_close": _close,
    "kd_link_open": _open,
    "kd_link_close": _close,
    "kd_html_open": _open,
    "kd_html_close": _close,
    "kd_html_void": _void,
    "kd_image": _void,
    "kd_br": _br,
    "kd_math": _math,
    "kd_footnote_ref": _footnote_ref,
    "kd_html_comment": _html_comment,
    "kd_comment": _comment,
    "kd_raw": _raw,
    "kd_abbr": _abbr,
}


_NO_OPTIONS: Mapping[str, Any] = {}  # markdown-it's options: no rule reads them


def render_spans(tokens: Sequence[SpanToken], env: MutableMapping[str, Any]) -> str:
    """The HTML of span tokens (what ``md.renderer.renderInline`` gives, without markdown-it)."""
    rules, none = _RULES, _NO_OPTIONS
    return "".join(
        [rules[tok.type](None, tokens, index, none, env) for index, tok in enumerate(tokens)]
    )


def install_render_rules(md: MarkdownIt) -> None:
    """Register the render rule of every ``kd_*`` span token on ``md``."""
    for name, rule in _RULES.items():
        md.add_render_rule(name, rule)
