"""Where diagnostics go while one entry renders.

python-liquid reports problems through ``Environment.error``; tags and filters
report through :func:`warn` / :func:`fail`.  Both land in the :class:`Sink` of the
entry being rendered (a context variable, so nested renders such as excerpts get
their own), which turns template positions into real file lines.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from liquid.token import Token

from ..records import Diagnostic, Level


@dataclass
class Sink:
    """Diagnostics of one render, with what is needed to locate them."""

    source: str
    body: str
    body_line: int
    diagnostics: list[Diagnostic] = field(default_factory=list)
    include_stack: list[Token] = field(default_factory=list)
    """The ``include`` tags of the page being rendered, outermost first."""
    include_names: list[str] = field(default_factory=list)
    """The files those tags included (site-relative), outermost first."""
    seen: set[tuple[str, str]] = field(default_factory=set)
    opening: list[Token] = field(default_factory=list)
    """The tags being parsed, innermost last (errors found at end of file)."""
    rendering: list[Token] = field(default_factory=list)
    """The output statements being rendered, innermost last (their filters' warnings)."""

    def line_of(self, token: Token | None) -> int | None:
        """The file line of a token (an include's line for text inside includes)."""
        if self.include_stack:
            token = self.include_stack[0]
        elif token is None and self.rendering:
            token = self.rendering[-1]
        if token is None or token.start_index < 0 or not self._in_body(token):
            token = next((tag for tag in reversed(self.opening) if self._in_body(tag)), None)
        if token is None:
            return None
        return self.body_line + token.source.count("\n", 0, token.start_index)

    def _in_body(self, token: Token) -> bool:
        """Whether the token is from the body (or from a prefix of it, parsed alone)."""
        source = token.source
        if source is self.body:
            return True
        return bool(source) and len(source) <= len(self.body) and self.body.startswith(source)

    def add(
        self,
        level: Level,
        message: str,
        *,
        token: Token | None = None,
        kind: str = "liquid",
        once: str | None = None,
        located: bool = False,
    ) -> None:
        """Record one diagnostic (once per ``once`` key when given).

        Inside an include the message is prefixed with the included file (and the
        line there), unless ``located`` says the message already names it.
        """
        if self.include_names and not located:
            where = self.include_names[-1]
            if token is not None and token.start_index >= 0 and token.source is not self.body:
                where += f":{token.source.count(chr(10), 0, token.start_index) + 1}"
            message = f"in {where}: {message}"
        if once is not None:
            key = (kind, once)
            if key in self.seen:
                return
            self.seen.add(key)
        self.diagnostics.append(
            Diagnostic(level, self.source, self.line_of(token), message, kind=kind)
        )


_CURRENT: ContextVar[Sink | None] = ContextVar("dejekyll_liquid_sink", default=None)


@contextlib.contextmanager
def collecting(sink: Sink) -> Iterator[Sink]:
    """Make ``sink`` the current one for the duration of a render."""
    reset = _CURRENT.set(sink)
    try:
        yield sink
    finally:
        _CURRENT.reset(reset)


def current() -> Sink | None:
    """The sink of the render in progress, if any."""
    return _CURRENT.get()


def warn(
    message: str, *, token: Token | None = None, kind: str = "liquid", once: str | None = None
) -> None:
    """Record a warning on the current render."""
    sink = _CURRENT.get()
    if sink is not None:
        sink.add("warning", message, token=token, kind=kind, once=once)


def fail(
    message: str, *, token: Token | None = None, kind: str = "liquid", once: str | None = None
) -> None:
    """Record an error on the current render (once per ``once`` key when given)."""
    sink = _CURRENT.get()
    if sink is not None:
        sink.add("error", message, token=token, kind=kind, once=once)
