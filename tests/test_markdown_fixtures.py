"""Every case of tests/fixtures/markdown/*.md: dejekyll's HTML equals the oracle's (strict)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from goldens import markdown_params
from normalize import normalize


@pytest.mark.parametrize(("source", "expected"), markdown_params())
def test_markdown_case(render_markdown: Callable[[str], str], source: str, expected: str) -> None:
    assert normalize(render_markdown(source)) == normalize(expected)
