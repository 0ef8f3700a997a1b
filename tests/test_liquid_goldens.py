"""The Liquid stage against the oracle's goldens (``tests/fixtures/liquid``).

Each page of ``tests/fixtures/liquid/site`` exercises one area (output values,
truthiness, loops, filters, dates, includes, site and page variables ...); its
expected text after Liquid was recorded from real Jekyll by
``scripts/regen_liquid_goldens.py``.  The comparison is exact.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from dejekyll.liquid import LiquidStage
from dejekyll.liquid.manifest import model_from_manifest
from dejekyll.records import Entry

FIXTURES = Path(__file__).parent / "fixtures" / "liquid"
SITE = FIXTURES / "site"
EXPECTED = FIXTURES / "expected"

# Known gaps, each with its reason (strict xfail: fixing one makes the test fail).
KNOWN_GAPS: dict[str, str] = {
    "cases/gist.md": (
        "offline, jekyll-gist cannot fetch the <noscript> copy and its logger's return"
        " value `true` leaks into the output; we write only the script tag (design.md)"
    ),
}


@cache
def _stage() -> tuple[LiquidStage, dict[str, Entry], dict[str, str]]:
    model, liquid_files = model_from_manifest(SITE, EXPECTED / "manifest.json")
    stage = LiquidStage(
        model, source_dir=SITE, time=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    )
    return stage, {entry.source: entry for entry in model.entries}, liquid_files


def _cases() -> list[str]:
    _, entries, files = _stage()
    return sorted(source for source in entries if source in files)


@pytest.mark.parametrize("source", _cases())
def test_liquid_golden(source: str, request: pytest.FixtureRequest) -> None:
    """Our text after Liquid equals Jekyll's, byte for byte."""
    if source in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[source], strict=True))
    stage, entries, files = _stage()
    expected = (EXPECTED / files[source]).read_text(encoding="utf-8")
    result = stage.render(entries[source])
    assert result.text == expected
