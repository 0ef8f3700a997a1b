"""Where python-liquid and Ruby Liquid 5.4 (Jekyll 4.3's) differ, python-liquid is adjusted.

python-liquid has no hook for these, so :func:`install` wraps a few of its functions
once.  The wrappers change nothing unless a dejekyll render is running (:func:`active`,
a context variable), so other users of python-liquid in the same process see python-liquid
as it is.  Inside a dejekyll render:

- an unknown filter passes its input through with a warning (Ruby, lax) instead of
  raising, for environments that ask for it (``jekyll_lax_filters``);
- ``x == blank`` is never true (nothing in Jekyll responds to ``blank?``);
- ``<``/``>`` compare times and dates;
- a keyword after a dot is a property name (``include.limit``, ``page.for``), and
  keywords that only python-liquid's extra syntax uses are plain names.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from liquid.token import TOKEN_COLON, TOKEN_DOT, TOKEN_WORD, Token

from . import sink
from .filters import ruby_cmp

_ACTIVE: ContextVar[bool] = ContextVar("dejekyll_liquid_active", default=False)


@contextmanager
def active() -> Iterator[None]:
    """Ruby Liquid's behaviour for the parses and renders run inside this block."""
    reset = _ACTIVE.set(True)
    try:
        yield
    finally:
        _ACTIVE.reset(reset)


def _unknown_filter(name: str, token: Token | None) -> Callable[..., object]:
    def passthrough(value: object, *_args: object, **_kwargs: object) -> object:
        return value

    sink.warn(
        f"unknown Liquid filter '{name}': value passed through unchanged",
        token=token,
        kind="unsupported-filter",
        once=name,
    )
    return passthrough


def _install_filter_fallback() -> None:
    """Unknown filters pass the value through (Ruby Liquid lax), with a warning."""
    from liquid.context import RenderContext

    original = RenderContext.filter
    if getattr(original, "_dejekyll", False):
        return

    def filter_with_fallback(self: RenderContext, name: str, token: Token | None) -> Any:
        if name not in self.env.filters and getattr(self.env, "jekyll_lax_filters", False):
            return _unknown_filter(name, token)
        return original(self, name, token)

    filter_with_fallback._dejekyll = True  # type: ignore[attr-defined]
    RenderContext.filter = filter_with_fallback  # type: ignore[method-assign]


def _ruby_blank() -> None:
    """``x == blank`` is never true in Jekyll: nothing there responds to ``blank?``."""
    from liquid.builtin.expressions.primitive import Blank

    original = Blank.__eq__
    if getattr(original, "_dejekyll", False):
        return

    def never(self: Blank, other: object) -> bool:
        return False if _ACTIVE.get() else bool(original(self, other))

    never._dejekyll = True  # type: ignore[attr-defined]
    Blank.__eq__ = never  # type: ignore[method-assign]
    Blank.__hash__ = object.__hash__  # type: ignore[method-assign]


def _ruby_time_comparisons() -> None:
    """``<``/``>`` on times and dates, as Ruby compares them (a date with a time fails)."""
    from liquid.builtin.expressions import logical
    from liquid.exceptions import LiquidTypeError

    strict_lt = logical._lt
    strict_le = logical._le
    if getattr(strict_lt, "_dejekyll", False):
        return

    def order(token: Token | None, left: object, right: object) -> int | None:
        if not _ACTIVE.get() or not isinstance(left, dt.date) or not isinstance(right, dt.date):
            return None
        if isinstance(left, dt.datetime) != isinstance(right, dt.datetime):
            raise LiquidTypeError(
                f"comparison of {type(left).__name__} with {type(right).__name__} failed",
                token=token,
            )
        result = ruby_cmp(left, right)
        return 0 if result is None else result

    def less(token: Token, left: object, right: object) -> bool:
        found = order(token, left, right)
        return strict_lt(token, left, right) if found is None else found < 0

    def less_equal(left: object, right: object) -> bool:
        found = order(None, left, right)
        return strict_le(left, right) if found is None else found <= 0

    less._dejekyll = True  # type: ignore[attr-defined]
    logical._lt = less
    logical._le = less_equal


# Keywords python-liquid reserves for syntax Jekyll's Liquid does not have (render's
# with/for/as, ternaries, ``not``): plain names there.
_ALWAYS_NAMES = frozenset(("with", "for", "as", "by", "required", "if", "else", "not"))
# Loop attributes: keywords only where the ``for``/``tablerow`` grammar uses them.
_BEFORE_COLON = frozenset(("limit", "offset", "cols"))


def _ruby_keywords(tokens: Iterator[Token]) -> Iterator[Token]:
    items = list(tokens)
    for index, token in enumerate(items):
        kind = token.kind
        previous = items[index - 1].kind if index else None
        following = items[index + 1].kind if index + 1 < len(items) else None
        as_name = (
            (previous == TOKEN_DOT and kind != TOKEN_WORD and token.value.isidentifier())
            or kind in _ALWAYS_NAMES
            or (kind in _BEFORE_COLON and following != TOKEN_COLON)
            or (kind == "continue" and previous != TOKEN_COLON)
        )
        yield Token(TOKEN_WORD, token.value, token.start_index, token.source) if as_name else token


def _ruby_tokenize() -> None:
    from liquid.builtin.expressions import _tokenize

    original = _tokenize.tokenize
    if getattr(original, "_dejekyll", False):
        return

    def tokenize(source: str, parent_token: Token) -> Iterator[Token]:
        tokens = original(source, parent_token)
        return _ruby_keywords(tokens) if _ACTIVE.get() else tokens

    tokenize._dejekyll = True  # type: ignore[attr-defined]
    for module in list(sys.modules.values()):
        if getattr(module, "tokenize", None) is original:
            module.tokenize = tokenize  # type: ignore[attr-defined]


def install() -> None:
    """Apply every adjustment (once)."""
    _install_filter_fallback()
    _ruby_blank()
    _ruby_time_comparisons()
    _ruby_tokenize()
