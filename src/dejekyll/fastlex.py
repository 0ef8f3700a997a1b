"""Pygments' regex lexers, with each state's rules tried by one regular expression.

A Pygments ``RegexLexer`` tries the rules of its current state one after the other,
a Python call per rule, until one matches at the position: about thirty calls per
token for Python or C++.  Here the rules of a state are joined into one alternation,
``(?P<_0>rule0)|(?P<_1>rule1)|...``; anchored at a position, an alternation takes
the first alternative that matches, exactly as the loop does, so the name of the
group that matched says which rule won, in one call.  A rule whose callback needs its
own groups is matched again alone.  A rule's leading ``(?i)`` becomes ``(?i:...)``;
rules that cannot sit in an alternation (back-references, named groups, conditionals)
are tried alone, in their place.  A state's alternation is compiled when the state is
first entered.  Tokens, positions and states are those of Pygments' own loops
(``RegexLexer`` and ``ExtendedRegexLexer``), which a test checks on every lexer
dejekyll uses; :func:`faster` puts the loop under a Pygments lexer's own classes.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pygments.lexer import (  # type: ignore[import-untyped]
    ExtendedRegexLexer,
    LexerContext,
    RegexLexer,
)
from pygments.token import Error, Text, Whitespace, _TokenType  # type: ignore[import-untyped]

__all__ = ["FastExtendedRegexLexer", "FastRegexLexer", "faster", "pygments_loops"]

Rule = tuple[Callable[..., Any], Any, Any]
"""A processed Pygments rule: its ``match``, its action, its state change."""

Step = tuple[Callable[..., Any], dict[str, Rule] | None, Rule | None]
"""A matcher and the rule each of its groups stands for (or the one rule it is)."""

_ALONE = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?\(|\(\?[aiLmsux]+\)")
"""What keeps a rule out of an alternation: back-references, named groups,
conditionals, inline flags for the whole pattern (but see :func:`_local`)."""
_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


class _Plans(dict[str, tuple[Step, ...]]):
    """The steps of each state of one lexer class, made when the state is first entered
    (a state's alternation costs as much to compile as its rules did: most states of
    a big lexer are never entered)."""

    def __init__(self, tokendefs: dict[str, list[Rule]]) -> None:
        super().__init__()
        self.tokendefs = tokendefs

    def __missing__(self, state: str) -> tuple[Step, ...]:
        steps = self[state] = _steps(self.tokendefs[state])
        return steps


_PLANS: dict[type, _Plans] = {}
_joining = True


@contextmanager
def pygments_loops() -> Iterator[None]:
    """Within this block the lexers here run Pygments' own loops (to compare against)."""
    global _joining
    _joining = False
    try:
        yield
    finally:
        _joining = True


def _steps(rules: list[Rule]) -> tuple[Step, ...]:
    """The steps that try ``rules`` in order: runs of joinable rules become one."""
    steps: list[Step] = []
    run: list[tuple[Rule, re.Pattern[str]]] = []
    run_flags: int | None = None

    def flush() -> None:
        if run:
            steps.extend(_joined(run, run_flags or 0))
            run.clear()

    for rule in rules:
        pattern = getattr(rule[0], "__self__", None)
        if not isinstance(pattern, re.Pattern) or _ALONE.search(_local(pattern.pattern)):
            flush()
            steps.append((rule[0], None, rule))
            continue
        flags = _outer_flags(pattern)
        if run and flags != run_flags:
            flush()
        run_flags = flags
        run.append((rule, pattern))
    flush()
    return tuple(steps)


_FLAG_BITS = {
    "a": re.ASCII,
    "i": re.IGNORECASE,
    "L": re.LOCALE,
    "m": re.MULTILINE,
    "s": re.DOTALL,
    "u": 0,  # (str patterns are Unicode anyway)
    "x": re.VERBOSE,
}


def _outer_flags(pattern: re.Pattern[str]) -> int:
    """The flags ``pattern`` was compiled with, less those its leading ``(?i)`` sets."""
    lead = _LEADING_FLAGS.match(pattern.pattern)
    own = 0 if lead is None else sum(_FLAG_BITS[letter] for letter in set(lead.group(1)))
    return pattern.flags & ~own


def _local(source: str) -> str:
    """``source`` with flags set for the whole pattern at its start (``(?i)...``, as many
    Pygments rules begin) made local to it (``(?i:...)``), as an alternative needs."""
    lead = _LEADING_FLAGS.match(source)
    if lead is None:
        return source
    tail = "\n)" if "x" in lead.group(1) else ")"
    return f"(?{lead.group(1)}:{source[lead.end() :]}{tail}"


def _joined(run: list[tuple[Rule, re.Pattern[str]]], flags: int) -> list[Step]:
    """One step for the rules of ``run`` (or one each, should their alternation not compile)."""
    rules = [rule for rule, _ in run]
    if len(rules) == 1:
        return [(rules[0][0], None, rules[0])]
    tail = "\n)" if flags & re.VERBOSE else ")"  # a trailing comment must not eat the ")"
    parts = [f"(?P<_{i}>{_local(pattern.pattern)}{tail}" for i, (_, pattern) in enumerate(run)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # each rule's warnings were given once already
            union = re.compile("|".join(parts), flags)
    except (re.error, RecursionError, OverflowError):
        return [(rule[0], None, rule) for rule in rules]
    return [(union.match, {f"_{i}": rule for i, rule in enumerate(rules)}, None)]


def _plans(lexer: RegexLexer) -> _Plans:
    """The steps of the states of ``lexer``'s class."""
    cls = type(lexer)
    plans = _PLANS.get(cls)
    if plans is None:
        plans = _PLANS[cls] = _Plans(lexer._tokens)
    return plans


def _first(
    steps: tuple[Step, ...], text: str, pos: int, end: int
) -> tuple[re.Match[str], Rule, bool] | None:
    """The first rule matching at ``pos``: its match, the rule, and whether the match is
    the alternation's (whose groups are not numbered as the rule's own)."""
    for match, by_name, rule in steps:
        m = match(text, pos, end)
        if m is not None:
            if by_name is None:
                assert rule is not None
                return m, rule, False
            return m, by_name[m.lastgroup], True
    return None


def _change_state(stack: list[str], new_state: Any) -> None:
    """Apply a rule's state change to ``stack`` as Pygments does."""
    if isinstance(new_state, tuple):
        for state in new_state:
            if state == "#pop":
                if len(stack) > 1:
                    stack.pop()
            elif state == "#push":
                stack.append(stack[-1])
            else:
                stack.append(state)
    elif isinstance(new_state, int):
        if abs(new_state) >= len(stack):  # keep the bottom state whatever the rule says
            del stack[1:]
        else:
            del stack[new_state:]
    elif new_state == "#push":
        stack.append(stack[-1])
    else:
        raise ValueError(f"wrong state change: {new_state!r}")


class FastRegexLexer(RegexLexer):  # type: ignore[misc]
    """A ``RegexLexer`` trying each state's rules with one regular expression."""

    def get_tokens_unprocessed(
        self, text: str, stack: tuple[str, ...] = ("root",)
    ) -> Iterator[tuple[int, Any, str]]:
        """Pygments' tokens of ``text``: (position, token type, value)."""
        if not _joining:
            yield from super().get_tokens_unprocessed(text, stack)
            return
        plans = _plans(self)
        states = list(stack)
        steps = plans[states[-1]]
        pos, end = 0, len(text)
        while True:
            found = _first(steps, text, pos, end)
            if found is None:
                if pos >= end:
                    return
                if text[pos] == "\n":  # a new line starts over in the root state
                    states = ["root"]
                    steps = plans["root"]
                    yield pos, Whitespace, "\n"
                else:
                    yield pos, Error, text[pos]
                pos += 1
                continue
            m, (own, action, new_state), joined = found
            if action is not None:
                if type(action) is _TokenType:
                    yield pos, action, m.group()
                else:
                    if joined:
                        m = own(text, pos)  # the callback reads the rule's own groups
                    yield from action(self, m)
            pos = m.end()
            if new_state is not None:
                _change_state(states, new_state)
                steps = plans[states[-1]]


class FastExtendedRegexLexer(ExtendedRegexLexer):  # type: ignore[misc]
    """An ``ExtendedRegexLexer`` trying each state's rules with one regular expression."""

    def get_tokens_unprocessed(
        self, text: str | None = None, context: LexerContext | None = None
    ) -> Iterator[tuple[int, Any, str]]:
        """Pygments' tokens of ``text`` (or of ``context``'s text from its position)."""
        if not _joining:
            yield from super().get_tokens_unprocessed(text, context)
            return
        plans = _plans(self)
        if context:
            ctx = context
            text = ctx.text
        else:
            ctx = LexerContext(text, 0)
        assert text is not None
        steps = plans[ctx.stack[-1]]
        while True:
            found = _first(steps, text, ctx.pos, ctx.end)
            if found is None:
                if ctx.pos >= ctx.end or ctx.pos >= len(text):
                    return
                if text[ctx.pos] == "\n":
                    ctx.stack = ["root"]
                    steps = plans["root"]
                    yield ctx.pos, Text, "\n"
                else:
                    yield ctx.pos, Error, text[ctx.pos]
                ctx.pos += 1
                continue
            m, (own, action, new_state), joined = found
            if action is not None:
                if type(action) is _TokenType:
                    yield ctx.pos, action, m.group()
                    ctx.pos = m.end()
                else:
                    if joined:
                        m = own(text, ctx.pos, ctx.end)
                    yield from action(self, m, ctx)  # it moves ctx.pos itself
                    if not new_state:  # the callback may have changed the stack
                        steps = plans[ctx.stack[-1]]
            if new_state is not None:
                _change_state(ctx.stack, new_state)
                steps = plans[ctx.stack[-1]]


_FASTER: dict[type, type] = {}


def faster(lexer: Any) -> Any:
    """The same lexer, with the joined loop in place of Pygments' own.

    The loop goes right above Pygments' base class, under the lexer's own classes: a
    lexer that wraps the loop (sets up a context, then calls ``super()``) gets the joined
    one; a lexer that replaces it, or calls Pygments' by name, keeps its own.  Lexers
    that are not regex lexers, or whose rules vary per instance, are kept as they are.
    """
    cls = type(lexer)
    if isinstance(lexer, FastRegexLexer | FastExtendedRegexLexer) or getattr(
        cls, "token_variants", False
    ):
        return lexer
    if isinstance(lexer, ExtendedRegexLexer):
        base: type = FastExtendedRegexLexer
    elif isinstance(lexer, RegexLexer):
        base = FastRegexLexer
    else:
        return lexer
    fast = _FASTER.get(cls)
    if fast is None:
        fast = _FASTER[cls] = type(cls.__name__, (cls, base), {"__module__": cls.__module__})
    return fast(**lexer.options)
