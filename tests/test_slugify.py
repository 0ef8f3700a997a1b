"""``slugify`` in every mode, against the Jekyll oracle's ``slugify`` filter.

Expected values: the post-Liquid text of ``tests/fixtures/model/liquid-*/`` pages
(``scripts/regen_site_goldens.py``).  Cased slugs are covered by ``:title`` in the
permalink goldens.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from model_goldens import front_matter_json, liquid_lines

from dejekyll.slugify import slugify


@dataclass(frozen=True)
class Case:
    description: str
    text: str
    mode: str
    slug: str


def _cases() -> list[Case]:
    inputs = front_matter_json("liquid-urls", "cases.html")["slugs"]
    outputs = liquid_lines("liquid-urls", "cases.html", "S")
    return [
        Case(f"{c['mode']}:{c['text']!r}", c["text"], c["mode"], out)
        for c, out in zip(inputs, outputs, strict=True)
    ]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.description)
def test_slugify(case: Case) -> None:
    assert slugify(case.text, case.mode) == case.slug


def test_nil_stays_nil() -> None:
    assert slugify(None) is None
