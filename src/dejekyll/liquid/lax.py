"""Ruby Liquid's lax parsing, used when the strict parse fails (``error_mode: warn``).

Liquid 5 in ``warn`` mode tries the strict parser first and, on a syntax error,
warns and parses the markup again with the regular expressions of the lax parser,
which skip what they do not understand (``{{ x | "text" }}`` becomes filter
``text``; ``{% for a in b | sort %}`` loops over ``b``).  Here the lax reading is
turned back into markup python-liquid parses, and the tag is parsed again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from liquid import Environment
from liquid.ast import Node
from liquid.builtin.expressions import BooleanExpression, tokenize
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.assign_tag import AssignNode, AssignTag
from liquid.builtin.tags.for_tag import ForTag
from liquid.context import RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.expression import Expression
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from . import sink
from .tags import RubyOutput

_QUOTED_STRING = r"\"[^\"]*\"|'[^']*'"
_QUOTED_FRAGMENT = rf"(?:{_QUOTED_STRING}|(?:[^\s,|'\"]|{_QUOTED_STRING})+)"
_MARKUP_WITH_FRAGMENT = re.compile(rf"({_QUOTED_FRAGMENT})(.*)", re.DOTALL)
_FILTER_MARKUP = re.compile(r"\|\s*(.*)", re.DOTALL)
_FILTER_PARSER = re.compile(rf"(?:\s+|{_QUOTED_FRAGMENT}|,)+")
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{_QUOTED_FRAGMENT})")
_FOR_SYNTAX = re.compile(rf"\A([\w\-]+)\s+in\s+((?:{_QUOTED_FRAGMENT})+)\s*(reversed)?")
_TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({_QUOTED_FRAGMENT})")
_ASSIGN_SYNTAX = re.compile(r"((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*)\s*", re.DOTALL)


def lax_variable(markup: str) -> str | None:
    """``Variable#lax_parse``: the name and filters Ruby would read, as strict markup."""
    matched = _MARKUP_WITH_FRAGMENT.search(markup)
    if not matched:
        return None
    parts = [matched.group(1)]
    filters = _FILTER_MARKUP.search(matched.group(2))
    if filters:
        for chunk in _FILTER_PARSER.findall(filters.group(1)):
            name = re.search(r"\w+", chunk)
            if not name:
                continue
            args = list(_FILTER_ARGS.findall(chunk))
            parts.append(name.group(0) + (": " + ", ".join(args) if args else ""))
    return " | ".join(parts)


def lax_for(markup: str) -> str | None:
    """``For#lax_parse``: ``var in collection [reversed] [limit: n] [offset: n]``."""
    matched = _FOR_SYNTAX.search(markup)
    if not matched:
        return None
    text = f"{matched.group(1)} in {matched.group(2)}"
    if matched.group(3):
        text += " reversed"
    for key, value in _TAG_ATTRIBUTES.findall(markup):
        if key in ("limit", "offset"):
            text += f" {key}: {value}"
    return text


def lax_assign(markup: str) -> str | None:
    """``Assign``: ``name = <lax variable>``."""
    matched = _ASSIGN_SYNTAX.search(markup)
    if not matched:
        return None
    value = lax_variable(matched.group(2))
    if value is None:
        return None
    return f"{matched.group(1)} = {value}"


_BOOLEAN_OPERATOR = r"\b(?:\s?and\s?|\s?or\s?)\b"
_EXPRESSIONS_AND_OPERATORS = re.compile(
    rf"(?:{_BOOLEAN_OPERATOR}|(?:\s*(?!{_BOOLEAN_OPERATOR})(?:{_QUOTED_FRAGMENT}|\S+)\s*)+)"
)
_CONDITION = re.compile(rf"({_QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({_QUOTED_FRAGMENT})?")


def lax_condition(markup: str) -> str | None:
    """``If#lax_parse``: each ``left [op right]`` and the ``and``/``or`` between them."""
    parts = []
    for chunk in _EXPRESSIONS_AND_OPERATORS.findall(markup):
        word = chunk.strip()
        if word in ("and", "or"):
            parts.append(word)
            continue
        matched = _CONDITION.search(chunk)
        if not matched:
            return None
        left, operator, right = matched.groups()
        parts.append(" ".join(part for part in (left, operator, right) if part))
    return " ".join(parts) if parts else None


N = TypeVar("N", bound=Node)


def _retry(
    stream: TokenStream,
    strict: Callable[[TokenStream], N],
    rewrite: Callable[[str], str | None],
) -> N:
    start = stream.pos
    try:
        return strict(stream)
    except LiquidSyntaxError as err:
        index = start + 1
        if index >= len(stream.tokens) or stream.tokens[index].kind != TOKEN_EXPRESSION:
            raise
        original = stream.tokens[index]
        rewritten = rewrite(original.value)
        if rewritten is None or rewritten == original.value:
            raise
        sink.warn(
            f"Liquid syntax error ({err.message}); read leniently as Ruby Liquid does",
            token=original,
        )
        stream.pos = start
        stream.tokens[index] = Token(
            TOKEN_EXPRESSION, rewritten, original.start_index, original.source
        )
        return strict(stream)


class LaxOutput(RubyOutput):
    """Output statements with the lax fallback."""

    def parse(self, stream: TokenStream) -> OutputNode:
        """Strict first, then lax; ``{{ }}`` prints nothing (no error in Ruby)."""
        if stream.peek.kind == TOKEN_EXPRESSION and not stream.peek.value.strip():
            token = stream.current
            next(stream)
            return self.node_class(token, _NOTHING)
        return _retry(stream, super().parse, lax_variable)


class _Nothing(Expression):
    """The value of an empty output statement."""

    def evaluate(self, _context: RenderContext) -> object:
        return None

    def children(self) -> list[Expression]:
        return []


_NOTHING = _Nothing(Token(TOKEN_EXPRESSION, "", -1, ""))


_REVERSED_LATE = re.compile(r"\b(?:limit|offset)\s*:.*\breversed\b", re.DOTALL)


class LaxFor(ForTag):
    """``for`` with the lax fallback."""

    def parse(self, stream: TokenStream) -> Node:
        """Strict first, then lax (Ruby's strict grammar wants ``reversed`` first)."""
        return _retry(stream, self._strict, lax_for)

    def _strict(self, stream: TokenStream) -> Node:
        markup = stream.peek
        if markup.kind == TOKEN_EXPRESSION and _REVERSED_LATE.search(markup.value):
            raise LiquidSyntaxError("'reversed' after loop attributes", token=markup)
        return super().parse(stream)


class LaxAssign(AssignTag):
    """``assign`` with the lax fallback."""

    def parse(self, stream: TokenStream) -> AssignNode:
        """Strict first, then lax."""
        return _retry(stream, super().parse, lax_assign)


LAX_TAGS: tuple[type[Tag], ...] = (LaxOutput, LaxFor, LaxAssign)
__all__ = ["LAX_TAGS", "Output", "lax_assign", "lax_for", "lax_variable"]


_CONDITION_TAGS = frozenset(("if", "elsif", "unless"))


def lenient_conditions(env: Environment, tokens: Iterator[Token]) -> Iterator[Token]:
    """Rewrite ``if``/``elsif``/``unless`` conditions the strict parser rejects."""
    previous: Token | None = None
    for token in tokens:
        if (
            token.kind == TOKEN_EXPRESSION
            and previous is not None
            and previous.kind == TOKEN_TAG
            and previous.value in _CONDITION_TAGS
        ):
            token = _lenient_condition(env, token)
        previous = token
        yield token


def _lenient_condition(env: Environment, token: Token) -> Token:
    try:
        BooleanExpression.parse(env, TokenStream(tokenize(token.value, token)))
    except LiquidError as err:
        rewritten = lax_condition(token.value)
        if rewritten is None or rewritten == token.value:
            return token
        sink.warn(
            f"Liquid syntax error ({err.message}); read leniently as Ruby Liquid does",
            token=token,
        )
        return Token(TOKEN_EXPRESSION, rewritten, token.start_index, token.source)
    return token
