"""Whole-site goldens: tiny Jekyll sites against what the oracle made of them.

Each ``tests/fixtures/sites/<case>/`` holds ``src/`` (the site) and ``expected.json`` +
``fragments/`` written by ``scripts/regen_goldens.py sites`` from real Jekyll.  We check
what a migrating user relies on: every page and document at the same URL and output
path, the same fragment (normalised as design.md says), the same redirects, the same
static files, and for a site Jekyll refuses to build, an error naming the bad file
while the good pages still convert.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from normalize import normalize

from dejekyll import load_site
from dejekyll.site import Site

SITES = Path(__file__).parent / "fixtures" / "sites"
CASES = sorted(p.name for p in SITES.iterdir() if (p / "expected.json").is_file())


def _expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SITES / case / "expected.json").read_text("utf-8"))
    return data


@functools.cache
def _site(case: str) -> Site:
    return load_site(SITES / case / "src")


def _entries(expected: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        e["source"]: e
        for e in expected["entries"]
        if e["kind"] in ("page", "document") and e.get("source")
    }


NORMAL = [c for c in CASES if not _expected(c).get("build_fails")]
FATAL = [c for c in CASES if _expected(c).get("build_fails")]


def test_there_are_many_cases() -> None:
    assert len(NORMAL) >= 80


@pytest.mark.parametrize("case", NORMAL)
def test_urls_and_output_paths(case: str) -> None:
    site = _site(case)
    expected = _entries(_expected(case))
    ours = {p.source: (p.url, p.output_path) for p in site.pages}
    assert ours == {s: (e["url"], e["output_path"]) for s, e in expected.items()}


@pytest.mark.parametrize("case", NORMAL)
def test_fragments(case: str) -> None:
    site = _site(case)
    for source, entry in _entries(_expected(case)).items():
        want = (SITES / case / entry["fragment"]).read_text("utf-8")
        assert normalize(site.page(source).html) == normalize(want), source


@pytest.mark.parametrize("case", NORMAL)
def test_redirects(case: str) -> None:
    site = _site(case)
    want = {(r["from"], r["to"], r["output_path"]) for r in _expected(case)["redirects"]}
    assert {(r.from_url, r.to, r.output_path) for r in site.redirects} == want


@pytest.mark.parametrize("case", NORMAL)
def test_static_files(case: str) -> None:
    site = _site(case)
    ours = {s.output_path for s in site.static_files if s.output_path is not None}
    assert ours == set(_expected(case)["static_files"])


@pytest.mark.parametrize("case", FATAL)
def test_a_build_jekyll_refuses_names_the_file(case: str) -> None:
    src = SITES / case / "src"
    site = load_site(src)
    errors = [d for d in site.all_diagnostics() if d.level == "error"]
    assert errors, "Jekyll fails this build; dejekyll must report an error"
    named = [d.source for d in errors if d.source and (src / d.source).is_file()]
    assert named, [str(d) for d in errors]
    message = _expected(case)["error"]
    # Where Jekyll's own message names the file, it is the one we name.
    mentioned = [p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()]
    mentioned = [m for m in mentioned if m in message]
    assert not mentioned or set(mentioned) & set(named), (message, named)
