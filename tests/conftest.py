"""Fixtures shared by the golden tests."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from goldens import find_renderer
from hypothesis import settings

# Property tests draw the same examples on every run: CI results never depend on luck.
# Set HYPOTHESIS_PROFILE=explore to search for new examples.
settings.register_profile("dejekyll", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dejekyll"))


@pytest.fixture
def render_markdown() -> Callable[[str], str]:
    """Return a function rendering Markdown with dejekyll, resolved when first called.

    Resolving lazily makes a missing or broken Markdown stage fail the test itself (so a
    known gap marked xfail stays an xfail) rather than erroring in fixture setup.
    """

    def render(text: str) -> str:
        return find_renderer()(text)

    return render
