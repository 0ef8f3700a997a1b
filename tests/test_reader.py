"""What Jekyll reads and how: entries, their data (defaults applied, the keys Jekyll
adds to documents), static files and ``site.data``, against the Jekyll oracle.

Expected values: ``tests/fixtures/model/*/expected.json`` (``scripts/regen_site_goldens.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from model_goldens import case_names, dated_by_clock, expected, model, ruby_json

from dejekyll.model import build_model


@dataclass(frozen=True)
class Case:
    description: str
    site: str
    source: str
    data: dict[str, Any]


def _cases() -> list[Case]:
    return [
        Case(f"{name}:{entry['source']}", name, entry["source"], entry["data"])
        for name in case_names()
        if not expected(name)["failed"]
        for entry in expected(name)["entries"]
    ]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.description)
def test_entry_data(case: Case) -> None:
    site = model(case.site)
    (entry,) = [e for e in site.entries if e.source == case.source]
    ours = ruby_json(dict(entry.data))
    want = dict(case.data)
    if dated_by_clock(site, entry) and "date" in want:
        # The build time, or a draft's file time: only its presence can be compared.
        ours["date"] = want["date"]
    assert ours == want
    assert list(ours) == list(want), "key order differs"


@pytest.mark.parametrize("name", ["reader", "reader-flags", "permalink-date", "redirects"])
def test_static_files_are_what_jekyll_copies(name: str) -> None:
    record = expected(name)
    site = model(name)
    rendered = {e["output_path"] for e in record["entries"]}
    redirected = {r["output_path"] for r in record["redirects"]}
    sass_maps = {f"{path}.map" for path in rendered if path and path.endswith(".css")}
    copied = set(record["site_files"]) - rendered - redirected - sass_maps - {"redirects.json"}
    assert {s.output_path for s in site.static_files if s.output_path} == copied


@pytest.mark.parametrize("name", ["reader", "reader-flags"])
def test_site_data(name: str) -> None:
    printed = expected(name)["liquid"]["data.md"]
    assert ruby_json(dict(model(name).data)) == json.loads(printed)


def test_future_unpublished_collection_documents_are_rendered_not_written() -> None:
    record = {e["source"]: e for e in expected("reader")["entries"]}
    for source in ("_talks/nil.md", "_talks/2099-01-01-future-talk.md"):
        assert record[source]["output_path"] is None
        (entry,) = [e for e in model("reader").entries if e.source == source]
        assert entry.output_path is None


def test_output_false_collection_is_in_the_model_without_output_path() -> None:
    (entry,) = [e for e in model("reader").entries if e.source == "_arch/old.md"]
    assert entry.output_path is None
    assert (
        entry.url == {e["source"]: e for e in expected("reader")["entries"]}["_arch/old.md"]["url"]
    )


def test_body_and_body_line() -> None:
    (entry,) = [e for e in model("reader").entries if e.source == "about.md"]
    assert (entry.body, entry.body_line) == ("body\n", 4)


def _site_with_links(root: Path, *, safe: bool) -> Path:
    outside = root / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "secret.md").write_text("---\n---\nsecret\n")
    (outside / "dir" / "x.md").write_text("---\n---\nx\n")
    (outside / "data.yml").write_text("secret: 1\n")
    site = root / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_data").mkdir()
    (site / "_config.yml").write_text(f"safe: {str(safe).lower()}\n")
    (site / "inside.md").write_text("---\n---\ninside\n")
    (site / "link.md").symlink_to(outside / "secret.md")
    (site / "linkdir").symlink_to(outside / "dir")
    (site / "_posts" / "2020-01-01-link.md").symlink_to(outside / "secret.md")
    (site / "_data" / "link.yml").symlink_to(outside / "data.yml")
    (site / "inner.md").symlink_to(site / "inside.md")
    return site


def test_safe_never_follows_symlinks_out_of_the_site(tmp_path: Path) -> None:
    site = build_model(_site_with_links(tmp_path, safe=True))
    assert sorted(e.source for e in site.entries) == ["inner.md", "inside.md"]
    assert dict(site.data) == {}


def test_symlinks_out_of_the_site_are_never_followed_even_unsafe(tmp_path: Path) -> None:
    # Jekyll follows them outside safe mode; dejekyll never reads outside the site (COMPAT).
    site = build_model(_site_with_links(tmp_path, safe=False))
    assert sorted(e.source for e in site.entries) == ["inner.md", "inside.md"]
    assert dict(site.data) == {}
    named = {d.source for d in site.diagnostics if d.kind == "symlink"}
    assert named == {"link.md", "linkdir", "_posts/2020-01-01-link.md", "_data/link.yml"}


def _printed_order(name: str) -> dict[str, list[str]]:
    text = expected(name)["liquid"]["order.md"]
    order: dict[str, list[str]] = {}
    for line in text.splitlines():
        tag, *rest = line.split("|")
        if tag == "C":
            order[rest[0]] = rest[1].split()
        elif tag in ("P", "F"):
            order[tag] = [item.lstrip("/") for item in rest[0].split()]
    return order


@pytest.mark.parametrize("name", ["reader", "reader-flags"])
def test_documents_are_in_jekylls_order(name: str) -> None:
    order = _printed_order(name)
    site = model(name)
    for label in site.config["collections"]:
        ours = [e.source for e in site.entries if e.collection == label]
        assert ours == order.get(label, []), label


@pytest.mark.parametrize("name", ["reader", "reader-flags"])
def test_pages_and_static_files_are_in_jekylls_order(name: str) -> None:
    order = _printed_order(name)
    site = model(name)
    generated = {"redirects.json"}
    assert [e.source for e in site.entries if e.kind == "page"] == [
        p for p in order["P"] if p not in generated
    ]
    assert [s.relpath for s in site.static_files] == order["F"]


def test_document_with_list_front_matter_is_read_with_an_error() -> None:
    assert not expected("yaml-errors")["failed"]
    (entry,) = [e for e in model("yaml-errors").entries if e.source == "_talks/list.md"]
    (problem,) = entry.diagnostics
    assert (problem.level, problem.kind) == ("error", "yaml")
    assert "stops" not in problem.message


_NAME = st.text(alphabet=st.sampled_from("ab_.-~# é%:"), min_size=1, max_size=8)
_PERMALINK = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from("ab/.:%~ é_-?#"), max_size=15),
    st.sampled_from(["/:title/", "/:year/:slug", "/../../x", "/%2e%2e/y", ":path:basename"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.lists(
        st.tuples(
            st.sampled_from(["", "sub/", "_posts/", "_things/", "_drafts/", "2020-01-01-"]),
            _NAME,
            st.sampled_from([".md", ".html", ".markdown", "", ".txt"]),
            _PERMALINK,
        ),
        max_size=6,
    )
)
def test_any_small_site_reads_without_crashing_and_stays_inside(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[str, str, str, str | None]]
) -> None:
    root = tmp_path_factory.mktemp("site")
    (root / "_config.yml").write_text(
        "plugins: [jekyll-redirect-from]\ncollections:\n  things:\n    output: true\n"
    )
    for index, (folder, name, ext, permalink) in enumerate(files):
        path = root / f"{folder}{index}{name}{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = "" if permalink is None else f"permalink: {json.dumps(permalink)}\n"
        front += f"redirect_from: {json.dumps('/' + name)}\n"
        path.write_text(f"---\n{front}---\nbody\n", encoding="utf-8")
    site = build_model(root, drafts=True)
    outputs = [e.output_path for e in site.entries if e.output_path]
    outputs += [r.output_path for r in site.redirects]
    outputs += [s.output_path for s in site.static_files if s.output_path]
    for out in outputs:
        assert out and not out.startswith("/")
        assert not {"", ".", ".."} & set(out.split("/")), out


_YAML_VALUE = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3000, 3000),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.text(alphabet=st.sampled_from("ab /:-.0129éT+Z"), max_size=12),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("ab"), inner, max_size=2)
    ),
    max_leaves=4,
)
_KEYS = ["date", "slug", "categories", "category", "tags", "tag", "published", "permalink",
         "redirect_from", "redirect_to", "title", "layout"]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.dictionaries(st.sampled_from(_KEYS), _YAML_VALUE, max_size=5))
def test_any_front_matter_values_never_crash_the_model(
    tmp_path_factory: pytest.TempPathFactory, values: dict[str, object]
) -> None:
    root = tmp_path_factory.mktemp("site")
    (root / "_config.yml").write_text("plugins: [jekyll-redirect-from]\ncollections: [things]\n")
    front = json.dumps(values)  # JSON is YAML
    for path in ("page.md", "_posts/2020-01-01-post.md", "_things/thing.md"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"---\n{front}\n---\nbody\n", encoding="utf-8")
    site = build_model(root)
    for entry in site.entries:
        assert entry.output_path is None or not entry.output_path.startswith("/")
