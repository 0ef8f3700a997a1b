"""dejekyll's Ruby-Liquid adjustments never leak into other users of python-liquid."""

from __future__ import annotations

from liquid import Environment

import dejekyll


def test_plain_python_liquid_is_unchanged_after_a_dejekyll_render() -> None:
    page = dejekyll.convert_page(
        '---\n---\n{% if "" == blank %}blank-equal{% else %}never{% endif %}\n', path="a.md"
    )
    assert page.html == "<p>never</p>\n"  # Ruby/Jekyll: nothing equals blank
    template = Environment().from_string("{% if x == blank %}y{% else %}n{% endif %}")
    assert template.render(x="") == "y"  # python-liquid's own semantics, untouched
