"""python-liquid's template lexer, in linear time on unclosed ``{{`` and ``{%``.

python-liquid lexes a template with one regular expression: at each position it
tries, in order, a raw block, a doc block, an output statement, a tag and plain
content.  The output and tag rules look ahead for their closing ``}}`` / ``%}``;
where there is none left in the text, each ``{`` of a run such as ``{{{{…``
scans to the end before the rule fails, so the lexer takes quadratic time.

:func:`linear_lexer` gives python-liquid's own lexing loop the same rules, but
from the position where a rule can no longer match (no closer after it) the rule
is left out of the expression.  A rule that cannot match changes nothing, so the
tokens, their values and positions and the errors are those of python-liquid.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from re import Match, Pattern
from typing import Any

from liquid.lex import compile_liquid_rules
from liquid.token import TOKEN_CONTENT, TOKEN_OUTPUT, Token

Lexer = Callable[[str], Iterator[Token]]

_RULES = ("RAW", "DOC", TOKEN_OUTPUT, "TAG", TOKEN_CONTENT)
_OPTIONAL = _RULES[:-1]


def _split(pattern: str) -> dict[str, str] | None:
    """The alternatives of python-liquid's combined rules, by name (None if unknown)."""
    starts = [pattern.find(f"(?P<{name}>") for name in _RULES]
    if starts[0] != 0 or starts != sorted(starts):
        return None
    ends = [start - 1 for start in starts[1:]] + [len(pattern)]
    pieces = {name: pattern[s:e] for name, s, e in zip(_RULES, starts, ends, strict=True)}
    if "|".join(pieces.values()) != pattern:
        return None
    return pieces


# python-liquid's content rule takes characters one at a time, trying its lookahead after
# each; the fast form takes runs of characters that cannot start a stop (a "{" that does
# not open "{{" or "{%", a newline that is not the last character) and ends where the lazy
# one ends, with the same lookahead and groups.
_SLOW_CONTENT = r"(?P<content>.+?(?=((\{%|\{\{)(?P<rstrip>-?))|$))"
_FAST_CONTENT = (
    r"(?P<content>.[^{\n]*(?:(?:\{(?![%{])|\n(?!\Z))[^{\n]*)*(?=((\{%|\{\{)(?P<rstrip>-?))|$))"
)


class _GuardedRules:
    """Stands for the compiled rules; ``finditer`` leaves out rules that cannot match."""

    def __init__(self, rules: Pattern[str], pieces: dict[str, str]) -> None:
        self._rules = rules
        if pieces[TOKEN_CONTENT] == _SLOW_CONTENT:
            pieces = {**pieces, TOKEN_CONTENT: _FAST_CONTENT}
            rules = re.compile("|".join(pieces[name] for name in _RULES), rules.flags)
        self._pieces = pieces
        self._variants: dict[frozenset[str], Pattern[str]] = {frozenset(): rules}
        self._end_tags = {
            name: re.compile(rf"\{{%-?\s*{name}\s*-?%\}}") for name in ("endraw", "enddoc")
        }

    def _variant(self, left_out: frozenset[str]) -> Pattern[str]:
        variant = self._variants.get(left_out)
        if variant is None:
            kept = [self._pieces[name] for name in _RULES if name not in left_out]
            variant = re.compile("|".join(kept), self._rules.flags)
            self._variants[left_out] = variant
        return variant

    def _limits(self, source: str) -> dict[str, int]:
        """For each rule, the position from which it cannot match any more.

        An output statement needs a ``}}`` starting at least two characters after
        its own start, a tag a ``%}``; a raw or doc block needs its end tag after
        its start.
        """
        last_raw = _last_start(self._end_tags["endraw"], source)
        last_doc = _last_start(self._end_tags["enddoc"], source)
        return {
            "RAW": max(last_raw, 0),
            "DOC": max(last_doc, 0),
            TOKEN_OUTPUT: max(source.rfind("}}") - 1, 0),
            "TAG": max(source.rfind("%}") - 1, 0),
        }

    def finditer(self, source: str) -> Iterator[Match[str]]:
        """The matches of the rules, one after the other from the start."""
        limits = self._limits(source)
        pos = 0
        while pos < len(source):
            left_out = frozenset(name for name in _OPTIONAL if pos >= limits[name])
            upcoming = min((limit for limit in limits.values() if limit > pos), default=None)
            for match in self._variant(left_out).finditer(source, pos):
                yield match
                pos = match.end()
                if upcoming is not None and pos >= upcoming:
                    break
            else:
                return


def _last_start(pattern: Pattern[str], source: str) -> int:
    """Where the last match of ``pattern`` starts (-1 without one)."""
    last = -1
    for match in pattern.finditer(source):
        last = match.start()
    return last


@functools.cache
def _guarded(rules: Pattern[str]) -> _GuardedRules | None:
    if rules.pattern != compile_liquid_rules().pattern:
        return None  # other delimiters than ``{{ }}`` and ``{% %}``
    pieces = _split(rules.pattern)
    return None if pieces is None else _GuardedRules(rules, pieces)


def linear_lexer(lex: Lexer) -> Lexer:
    """python-liquid's lexer ``lex`` with rules that cannot match left out.

    ``lex`` is what ``Environment.tokenizer()`` returns: python-liquid's lexing
    function bound to its compiled rules.  Anything else is returned unchanged.
    """
    if not isinstance(lex, functools.partial):
        return lex
    keywords: dict[str, Any] = lex.keywords
    rules = keywords.get("rules")
    if not isinstance(rules, Pattern) or lex.args:
        return lex
    guarded = _guarded(rules)
    if guarded is None:
        return lex
    tokenize: Callable[..., Iterator[Token]] = lex.func
    return functools.partial(tokenize, rules=guarded)


__all__ = ["linear_lexer"]
