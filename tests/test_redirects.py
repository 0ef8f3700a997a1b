"""Redirects (jekyll-redirect-from 0.16), against the Jekyll oracle.

Expected values: ``tests/fixtures/model/*/expected.json`` and the corpus manifests
(``scripts/regen_site_goldens.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from model_goldens import case_names, expected, model, ruby_json

from dejekyll.records import Redirect
from dejekyll.redirects import (
    ensure_leading_slash,
    redirect_page,
    redirect_stub_html,
    redirects_json,
    to_apache,
    to_netlify,
    to_nginx,
)

CASES = [n for n in case_names() if not expected(n)["failed"]]


def _rows(redirects: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((r["from"], r["to"], r["output_path"], r["target_source"]) for r in redirects)  # type: ignore[type-var]


def _ours(items: tuple[Redirect, ...]) -> list[tuple[object, ...]]:
    return sorted((r.from_url, r.to, r.output_path, r.target_source) for r in items)  # type: ignore[type-var]


@pytest.mark.parametrize("name", CASES)
def test_redirects(name: str) -> None:
    assert _ours(model(name).redirects) == _rows(expected(name)["redirects"])


@pytest.mark.parametrize("name", [n for n in CASES if expected(n)["redirects_json"] is not None])
def test_redirects_json_is_byte_identical(name: str) -> None:
    assert redirects_json(model(name).redirects) == expected(name)["redirects_json"]


@pytest.mark.parametrize("name", [n for n in CASES if expected(n)["redirect_html_example"]])
def test_redirect_page_is_byte_identical(name: str) -> None:
    first = next(r for r in model(name).redirects if r.kind == "redirect_from")
    assert redirect_stub_html(first.to) == expected(name)["redirect_html_example"]


@dataclass(frozen=True)
class Case:
    description: str
    source: str
    data: dict[str, object]


def _redirect_to_cases() -> list[Case]:
    return [
        Case(e["source"], e["source"], e["data"])
        for e in expected("redirects")["entries"]
        if "redirect_to" in e["data"]
    ]


@pytest.mark.parametrize("case", _redirect_to_cases(), ids=lambda c: c.description)
def test_redirect_to_rewrites_the_document(case: Case) -> None:
    (entry,) = [e for e in model("redirects").entries if e.source == case.source]
    assert ruby_json(dict(entry.data)) == case.data
    assert entry.body == ""


def test_chain_is_reported_naming_both_sources() -> None:
    chains = [d for d in model("redirects").diagnostics if "chain" in d.message]
    first = next(d for d in chains if d.source == "chain-a.md")
    assert "/chain-b.html" in first.message
    assert "chain-b.md" in first.message


def test_redirect_shadowing_a_page_is_reported_naming_both() -> None:
    (shadow,) = [
        d
        for d in model("redirects").diagnostics
        if d.kind == "redirect" and d.message.find("target.html is written") >= 0
    ]
    assert "target.md" in shadow.message
    assert "shadow.md" in shadow.message


def test_loop_is_reported() -> None:
    from dejekyll.checks import redirect_chains

    loop = (
        Redirect("/a.html", "/b.html", "a.html", None, "redirect_to", "a.md"),
        Redirect("/b.html", "/a.html", "b.html", None, "redirect_to", "b.md"),
    )
    found = redirect_chains(loop, {})
    assert found
    assert all("loop" in d.message for d in found)
    assert "b.md" in found[0].message


@pytest.mark.parametrize("export", [to_netlify, to_nginx, to_apache])
def test_exports_have_one_line_per_redirect(export: Callable[[Iterable[Redirect]], str]) -> None:
    redirects = model("redirects").redirects
    lines = export(redirects).splitlines()
    assert len(lines) == len(redirects)
    for line, item in zip(lines, redirects, strict=True):
        assert item.to.replace(" ", "%20") in line
        assert " 301 " in f" {line} "


@given(st.text(alphabet=st.sampled_from("ab./%2eE~:-_ é\\?#"), max_size=30))
def test_redirect_output_path_never_leaves_destination(path: str) -> None:
    _, out = redirect_page(ensure_leading_slash(path), {"permalink": "date"}, frozenset({".md"}))
    assert out
    assert not out.startswith("/")
    assert not {"", ".", ".."} & set(out.split("/"))
