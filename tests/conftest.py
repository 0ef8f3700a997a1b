"""Fixtures shared by the golden tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from goldens import find_renderer


@pytest.fixture
def render_markdown() -> Callable[[str], str]:
    """Return a function rendering Markdown with dejekyll, resolved when first called.

    Resolving lazily makes a missing or broken Markdown stage fail the test itself (so a
    known gap marked xfail stays an xfail) rather than erroring in fixture setup.
    """

    def render(text: str) -> str:
        return find_renderer()(text)

    return render
