"""The migration report shows every page and every diagnostic of a build."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from dejekyll.report import render_report

MANIFEST: dict[str, Any] = {
    "source": "/sites/ada",
    "dejekyll_version": "0.1.0",
    "counts": {"page": 1, "document": 1, "redirect": 1, "static_files": 0, "failed": 1},
    "entries": [
        {"kind": "page", "source": "about.md", "url": "/", "output_path": "index.html",
         "fragment": "index.html", "failed": False},
        {"kind": "document", "source": "_posts/2020-01-02-x.md", "url": "/x/",
         "output_path": "x/index.html", "fragment": "x/index.html", "failed": True},
    ],
    "redirects": [{"from": "/about/", "to": "/", "target_source": "about.md"}],
    "diagnostics": [
        {"level": "warning", "source": "_posts/2020-01-02-x.md", "line": 7, "column": 3,
         "kind": "unsupported-tag", "message": "tag 'cite' <is> not supported"},
        {"level": "error", "source": "_posts/2020-01-02-x.md", "line": 1, "kind": "yaml",
         "message": "front matter is a list"},
    ],
}  # fmt: skip


def _soup() -> BeautifulSoup:
    return BeautifulSoup(render_report(MANIFEST), "html.parser")


def test_every_page_is_listed_with_its_url_and_fragment_link() -> None:
    rows = _soup().select("#pages tr")[1:]
    assert [r.find("td").get_text() for r in rows] == ["about.md", "_posts/2020-01-02-x.md"]
    links = [a["href"] for a in _soup().select("#pages a")]
    assert links == ["index.html", "x/index.html"]
    assert "/about/" in rows[0].get_text()
    assert "failed" in rows[1].get_text()


def test_every_diagnostic_is_shown_with_its_location_and_escaped() -> None:
    text = _soup().select_one("#manual-work").find_next_siblings()
    shown = " ".join(t.get_text(" ") for t in text)
    assert "_posts/2020-01-02-x.md:7:3" in shown
    assert "tag 'cite' <is> not supported" in shown
    assert "front matter is a list" in shown


def test_a_clean_build_says_so() -> None:
    clean = {**MANIFEST, "diagnostics": []}
    assert "Nothing to do by hand" in render_report(clean)


def test_the_report_needs_no_network() -> None:
    html = render_report(MANIFEST)
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html
