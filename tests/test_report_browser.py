"""The migration report as a browser shows it: every page and every diagnostic are there.

``report.html`` is opened in headless Chromium (Debian's ``/usr/bin/chromium``, started
here with a throwaway profile and no network services), and the DOM Chromium built is
checked against the build's ``manifest.json``.  That catches what a string check on the
file cannot: markup a browser repairs differently (an unescaped ``<`` in a file name or
a message swallowing the rows after it), a row outside its table, text lost to a bad tag.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from dejekyll import load_site

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "site"
BADSITES = ROOT / "tests" / "badsites"
CHROMIUM = Path("/usr/bin/chromium")
SLOW_CASES = {"liquid-huge-loop", "liquid-nested-loops", "yaml-alias-bomb"}
"""Bad sites built under a CPU budget by test_bad_input.py; not needed for the report."""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)",
)


def _bad_site(folder: Path) -> Path:
    """One site holding the bad-input cases, each in a folder of its own, and odd names."""
    site = folder / "bad-site"
    site.mkdir()
    for case in sorted(BADSITES.iterdir()):
        if not case.is_dir() or case.name in SLOW_CASES or (case / "_config.yml").exists():
            continue
        shutil.copytree(case, site / case.name, ignore=shutil.ignore_patterns("_includes"))
        if (case / "_includes").is_dir():
            shutil.copytree(case / "_includes", site / "_includes", dirs_exist_ok=True)
    # Names and messages a report must escape.
    (site / "a<b>&c.md").write_text("---\n---\n{% nosuchtag %}\n", encoding="utf-8")
    (site / "quote.md").write_text(
        '---\ntitle: "x\n---\n{{ "a" | no_such_filter }} </td></tr></table> <b>\n',
        encoding="utf-8",
    )
    return site


def _report_dom(site_dir: Path, folder: Path) -> tuple[BeautifulSoup, dict[str, Any]]:
    """Build the site, open its report in Chromium; the DOM it made and the manifest."""
    destination = folder / "out"
    load_site(site_dir).write(destination)
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={folder / 'profile'}",
        "--dump-dom",
        (destination / "report.html").resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    dom = BeautifulSoup(result.stdout.decode("utf-8"), "html.parser")
    manifest = json.loads((destination / "manifest.json").read_text(encoding="utf-8"))
    return dom, manifest


def _text(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


def _location(diagnostic: dict[str, Any]) -> str:
    where = str(diagnostic.get("source") or "site")
    if diagnostic.get("line"):
        where += f":{diagnostic['line']}"
        if diagnostic.get("column"):
            where += f":{diagnostic['column']}"
    return where


def _check(dom: BeautifulSoup, manifest: dict[str, Any]) -> None:
    rows = dom.select("table#pages > tbody > tr, table#pages > tr")[1:]
    pages = [e for e in manifest["entries"] if e.get("source")]
    assert len(rows) == len(pages)
    for row, page in zip(rows, pages, strict=True):
        cells = row.find_all("td", recursive=False)
        assert len(cells) == 6
        assert _text(cells[0]) == page["source"]
        assert _text(cells[2]) == str(page["url"])
        assert ("failed" in _text(cells[5])) == bool(page.get("failed"))
        if page.get("fragment"):
            assert cells[3].find("a")["href"] == page["fragment"]
    diagnostics = manifest["diagnostics"]
    manual = dom.select_one("#manual-work")
    assert manual is not None
    listed = [li for ul in manual.find_next_siblings("ul") for li in ul.find_all("li")]
    assert len(listed) == len(diagnostics)
    shown = [_text(li) for li in listed]
    for diagnostic in diagnostics:
        expected = " ".join(
            f"{diagnostic['level']} {_location(diagnostic)} {diagnostic['message']}".split()
        )
        assert expected in shown, expected


def test_the_example_sites_report_shows_every_page(tmp_path: Path) -> None:
    dom, manifest = _report_dom(EXAMPLE, tmp_path)
    assert len(manifest["entries"]) >= 4
    _check(dom, manifest)
    assert "Nothing to do by hand" in _text(dom)


def test_a_bad_sites_report_shows_every_page_and_every_diagnostic(tmp_path: Path) -> None:
    dom, manifest = _report_dom(_bad_site(tmp_path), tmp_path)
    sources = {e["source"] for e in manifest["entries"]}
    assert "a<b>&c.md" in sources
    assert len(manifest["diagnostics"]) >= 15
    assert any(e.get("failed") for e in manifest["entries"])
    _check(dom, manifest)


def test_a_site_with_escaping_paths_reports_them(tmp_path: Path) -> None:
    dom, manifest = _report_dom(BADSITES / "escape-paths", tmp_path)
    assert manifest["diagnostics"]
    _check(dom, manifest)


CORPORA = ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"the shared corpora are not at {CORPORA}")
@pytest.mark.parametrize("corpus", ["seed", "academicpages", "al-folio"])
def test_a_real_sites_report_shows_every_page_and_every_diagnostic(
    tmp_path: Path, corpus: str
) -> None:
    dom, manifest = _report_dom(CORPORA / corpus / "site", tmp_path)
    assert manifest["entries"]
    _check(dom, manifest)
