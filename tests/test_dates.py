"""Document dates (Ruby ``Time.parse`` in the site time zone), against the Jekyll oracle.

Expected values: ``tests/fixtures/model/{dates,bad-date-*}/expected.json``
(``scripts/regen_site_goldens.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from model_goldens import case_names, expected, model, ruby_json, site_dir

from dejekyll.dates import parse_time
from dejekyll.errors import DateError


@dataclass(frozen=True)
class Case:
    description: str
    site: str
    source: str
    date: str


def _cases() -> list[Case]:
    return [
        Case(f"{name}:{entry['source']}", name, entry["source"], entry["data"]["date"])
        for name in ("dates", "dates-dst")
        for entry in expected(name)["entries"]
    ]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.description)
def test_document_date(case: Case) -> None:
    (entry,) = [e for e in model(case.site).entries if e.source == case.source]
    assert ruby_json(entry.data["date"]) == case.date


@pytest.mark.parametrize("name", case_names("bad-date-"))
def test_invalid_date_is_an_error_and_the_document_is_left_out(name: str) -> None:
    assert expected(name)["failed"], "Jekyll builds this site: not an invalid date case"
    (document,) = (site_dir(name) / "_events").iterdir()
    source = document.relative_to(site_dir(name)).as_posix()
    site = model(name)
    assert [e.source for e in site.entries] == []
    (error,) = [d for d in site.diagnostics if d.kind == "date"]
    assert (error.level, error.source) == ("error", source)


def test_invalid_front_matter_date_names_the_line() -> None:
    (error,) = [d for d in model("bad-date-text").diagnostics if d.kind == "date"]
    assert error.line == 2
    assert "not a date" in error.message


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("0123456789-/:. TZ+apmJanFebthst,"), max_size=25))
def test_parse_time_fails_only_with_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        parse_time(text, dt.UTC)


@pytest.mark.parametrize("name", ["bad-defaults-date-type", "bad-defaults-date-text"])
def test_default_date_jekyll_refuses_is_an_error_on_the_document(name: str) -> None:
    assert expected(name)["failed"]
    site = model(name)
    errors = [
        d
        for d in (*site.diagnostics, *(p for e in site.entries for p in e.diagnostics))
        if d.kind == "date" and d.level == "error"
    ]
    assert [d.source for d in errors] == ["_events/bad.md"]
