"""URLs and output paths of every page and document, against the Jekyll oracle.

Expected values: ``tests/fixtures/model/*/expected.json`` (``scripts/regen_site_goldens.py``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from model_goldens import (
    case_names,
    dated_by_clock,
    expected,
    liquid_lines,
    model,
    model_of,
    site_dir,
)

from dejekyll import permalink as pl
from dejekyll.errors import PermalinkError
from dejekyll.records import Entry


@dataclass(frozen=True)
class Case:
    description: str
    site: str
    source: str
    url: str
    output_path: str | None


def _cases() -> list[Case]:
    cases = []
    for name in case_names():
        record = expected(name)
        if record["failed"]:
            continue
        for entry in record["entries"]:
            cases.append(
                Case(
                    f"{name}:{entry['source']}",
                    name,
                    entry["source"],
                    entry["url"],
                    entry["output_path"],
                )
            )
    return cases


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.description)
def test_url_and_output_path(case: Case, tmp_path: Path) -> None:
    site = model(case.site)
    found = [e for e in site.entries if e.source == case.source]
    assert len(found) == 1, f"{case.source} is not (once) in the model"
    entry = found[0]
    if dated_by_clock(site, entry):
        entry = _at_oracle_time(case, entry, tmp_path)
    assert (entry.url, entry.output_path) == (case.url, case.output_path)


def _at_oracle_time(case: Case, entry: Entry, tmp_path: Path) -> Entry:
    """The entry read as the oracle read it: its build time (or the draft's file time)
    was the date recorded for the entry, not today's."""
    (record,) = [e for e in expected(case.site)["entries"] if e["source"] == case.source]
    when = dt.datetime.strptime(record["data"]["date"], "%Y-%m-%d %H:%M:%S %z")
    copy = tmp_path / "site"
    shutil.copytree(site_dir(case.site), copy)
    if entry.data.get("draft"):
        os.utime(copy / case.source, (when.timestamp(), when.timestamp()))
    (again,) = [e for e in model_of(case.site, copy, when).entries if e.source == case.source]
    return again


@pytest.mark.parametrize("name", [n for n in case_names() if not expected(n)["failed"]])
def test_no_extra_entries(name: str) -> None:
    want = {e["source"] for e in expected(name)["entries"]}
    assert {e.source for e in model(name).entries} == want


@dataclass(frozen=True)
class UrlCase:
    description: str
    value: str
    url: object
    baseurl: object
    relative: str
    absolute: str


def _url_cases() -> list[UrlCase]:
    cases = []
    for name in ("liquid-urls", "liquid-nourl", "liquid-host"):
        site = model(name)
        relative = liquid_lines(name, "cases.html", "R")
        absolute = liquid_lines(name, "cases.html", "A")
        values = site.entries[0].front_matter["urls"]
        for value, rel, abs_ in zip(values, relative, absolute, strict=True):
            cases.append(
                UrlCase(
                    f"{name}:{value!r}",
                    value,
                    site.config.get("url"),
                    site.config.get("baseurl"),
                    rel,
                    abs_,
                )
            )
    return cases


@pytest.mark.parametrize("case", _url_cases(), ids=lambda c: c.description)
def test_relative_and_absolute_url(case: UrlCase) -> None:
    assert pl.relative_url(case.value, case.baseurl) == case.relative
    assert pl.absolute_url(case.value, case.url, case.baseurl) == case.absolute


_segment = st.text(alphabet=st.sampled_from("ab./%2eE~:-_ é\\?#"), max_size=12)


@given(
    permalink=st.lists(_segment, max_size=6).map("/".join),
    ext=st.sampled_from([".html", ".md", "", ".0", ".json", "."]),
    document=st.booleans(),
)
def test_output_path_never_leaves_destination(permalink: str, ext: str, document: bool) -> None:
    if document:
        try:
            url = pl.document_url("/:title/", {"title": "t"}, permalink)
        except PermalinkError:
            return  # Jekyll stops on an unknown placeholder: nothing is written
    else:
        url = pl.page_url(
            directory="/d", basename="b", output_ext=ext, permalink=permalink, style="date"
        )
    path = pl.output_path(url, ext, document=document)
    assert path
    assert not path.startswith("/")
    parts = path.split("/")
    assert ".." not in parts
    assert "" not in parts
    assert "." not in parts


@given(text=st.text(max_size=30))
def test_escaped_values_unescape_to_themselves(text: str) -> None:
    escaped = pl.escape_path(text)
    if "%" not in text:
        assert pl.unescape_path(escaped) == text


def test_unknown_document_placeholder_is_an_error_and_the_document_is_left_out() -> None:
    assert expected("bad-doc-placeholder")["failed"]
    site = model("bad-doc-placeholder")
    assert site.entries == ()
    (error,) = site.diagnostics
    assert (error.level, error.source, error.kind) == (
        "error",
        "_posts/2020-01-01-x.md",
        "permalink",
    )
    assert ":foo_bar" in error.message


def test_unknown_placeholder_error_names_it() -> None:
    with pytest.raises(PermalinkError, match=r"uses :month_ or :month"):
        pl.fill_document_template("/:month_/", {"day": "01"})
