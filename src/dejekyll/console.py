"""What the command prints: colours on a terminal only, per-page lines, the dry run's plan.

Colour comes from rich, and only when the stream is a terminal and ``NO_COLOR`` is not
set: output piped to a file or another program is plain text, whatever ``FORCE_COLOR``
or ``TERM`` say, so logs and ``grep`` never see escape codes.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from .records import Diagnostic, Page
    from .site import Site

_LEVEL_STYLES = {"error": "bold red", "warning": "yellow"}


def wants_colour(stream: TextIO) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, and ``NO_COLOR`` unset."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


class Printer:
    """Lines to one stream, styled only when the stream is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._console: Console | None = None
        if wants_colour(stream):
            from rich.console import Console

            self._console = Console(
                file=stream, force_terminal=True, highlight=False, soft_wrap=True
            )

    def line(self, text: str, style: str | None = None) -> None:
        """Print one line (``style`` is a rich style, used on a terminal only)."""
        if self._console is None:
            print(text, file=self._stream)
        else:
            self._console.print(text, style=style, markup=False, emoji=False)

    def diagnostic(self, diagnostic: Diagnostic) -> None:
        """Print a diagnostic as ``path:line:column: level: message``."""
        self.line(str(diagnostic), _LEVEL_STYLES.get(diagnostic.level))


def page_line(page: Page) -> str:
    """One line for ``--verbose``: the source, where its fragment goes, its URL, its state."""
    problems = sum(d.level in ("error", "warning") for d in page.diagnostics)
    state = "failed" if page.failed else "ok"
    if problems:
        state += f", {problems} diagnostic{'s' if problems != 1 else ''}"
    count = len(page.redirects)
    redirects = f", {count} redirect{'s' if count != 1 else ''} here" if count else ""
    return f"  {page.source} -> {page.output_path} ({page.url}) [{state}{redirects}]"


def page_style(page: Page) -> str | None:
    """The style of a page's ``--verbose`` line."""
    if page.failed:
        return _LEVEL_STYLES["error"]
    return _LEVEL_STYLES["warning"] if page.diagnostics else None


def dry_run_lines(site: Site, destination: Path, formats: Collection[str]) -> list[str]:
    """What ``build --dry-run`` says it would write (it writes nothing)."""
    stubs = sum(r.kind == "redirect_from" for r in site.redirects) if "html" in formats else 0
    extra = [f for f in formats if f not in ("html", "json")]
    lines = [
        f"dejekyll: dry run: would write {len(site.pages)} fragments, {stubs} redirect stubs, "
        f"{len(site.static_files)} static files, manifest.json and report.html "
        f"to {destination}" + (f" (redirects also as {', '.join(extra)})" if extra else ""),
    ]
    if destination.exists():
        lines.append(f"dejekyll: dry run: {destination} exists and would be replaced")
    lines.append("dejekyll: dry run: nothing was written")
    return lines
