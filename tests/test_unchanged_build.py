"""An unchanged rebuild does nothing, and anything that could change the result runs it.

The command skips a build when every file under the source has the name, size and time
the last build saw, the options and the destination are the same, and the last build's
result could not change with the clock.  These tests build twice (file times set back,
as if the site had been edited a while ago) and check which builds were skipped.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from dejekyll.cli import main
from dejekyll.model import build_model

SKIPPED = "nothing changed since the last build"
CONFIG = "title: Unchanged\ncollections:\n  talks:\n    output: true\n"


def _age(folder: Path, seconds: float = 60.0) -> None:
    """Set every file's time back, as if the site had been edited a while ago."""
    then = time.time() - seconds
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (then, then))


def _site(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    site = tmp_path / "site"
    defaults = {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: Home\n---\n# Home\n\nSome *text*.\n",
        "_posts/2020-01-02-first.md": "---\ntitle: First\n---\nA post.\n",
        "_talks/one.md": "---\ntitle: One\ndate: 2021-05-05\n---\nA *talk*.\n",
    }
    for name, text in {**defaults, **(files or {})}.items():
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    _age(site)
    return site


def _build(
    site: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, str]:
    code = main(["build", "-s", str(site), "-d", str(out), "-j", "1", *extra])
    return code, capsys.readouterr().err


def test_an_unchanged_rebuild_is_skipped_and_reports_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, {"bad.md": "---\ntitle: x\n---\n<div>\nunclosed\n"})
    out = tmp_path / "out"
    first_code, first = _build(site, out, capsys)
    assert SKIPPED not in first
    manifest = (out / "manifest.json").stat().st_mtime_ns
    second_code, second = _build(site, out, capsys)
    assert SKIPPED in second
    assert second_code == first_code == 0
    assert (out / "manifest.json").stat().st_mtime_ns == manifest
    # the same diagnostics and counts as the build that ran
    warning = next(line for line in first.splitlines() if "bad.md" in line)
    assert warning in second.splitlines()
    counts = next(line for line in first.splitlines() if " failed, " in line)
    assert counts in second.splitlines()
    assert re.search(r"-> .* in \d+\.\d\d s$", second, re.MULTILINE)  # its own time


@pytest.mark.parametrize(
    "change",
    ["edit", "add", "remove", "rename", "config", "destination", "option"],
)
def test_any_change_runs_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    site = _site(tmp_path)
    out = tmp_path / "out"
    _build(site, out, capsys)
    assert SKIPPED in _build(site, out, capsys)[1]
    extra: tuple[str, ...] = ()
    if change == "edit":
        (site / "index.md").write_text("---\ntitle: Home\n---\n# Home\n\nSome *TEXT*.\n", "utf-8")
    elif change == "add":
        (site / "about.md").write_text("---\n---\nAbout.\n", "utf-8")
    elif change == "remove":
        (site / "_talks" / "one.md").unlink()
    elif change == "rename":
        (site / "index.md").rename(site / "home.md")
    elif change == "config":
        (site / "_config.yml").write_text(CONFIG + "baseurl: /b\n", "utf-8")
    elif change == "destination":
        (out / "stray.txt").write_text("added by hand", "utf-8")
    else:
        extra = ("--strip-comments",)
    _age(site, 30)  # old enough to be trusted: only the change itself runs the build
    _, err = _build(site, out, capsys, *extra)
    assert SKIPPED not in err
    if change == "edit":
        assert "<em>TEXT</em>" in (out / "index.html").read_text("utf-8")
    if change == "destination":
        assert not (out / "stray.txt").exists()


def test_files_modified_just_before_a_build_are_not_trusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path)
    (site / "index.md").write_text("---\n---\nfresh\n", "utf-8")  # now: racy
    out = tmp_path / "out"
    _build(site, out, capsys)
    assert SKIPPED not in _build(site, out, capsys)[1]


@pytest.mark.parametrize(
    "files",
    [
        {"_talks/undated.md": "---\ntitle: Undated\n---\nNo date: the build time.\n"},
        {"_posts/2999-01-01-future.md": "---\ntitle: Later\n---\nPublished in 2999.\n"},
        {"clock.md": "---\n---\nBuilt {{ site.time | date: '%s' }}.\n"},
        {"_posts/2020-01-03-hour.md": "---\ndate: '10:00'\n---\nToday at ten.\n"},
    ],
    ids=["undated-document", "future-post", "liquid-time", "date-without-year"],
)
def test_builds_that_depend_on_the_clock_always_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    site = _site(tmp_path, files)
    out = tmp_path / "out"
    _build(site, out, capsys)
    assert SKIPPED not in _build(site, out, capsys)[1]


def test_a_pinned_time_makes_undated_documents_stable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(
        tmp_path,
        {
            "_config.yml": CONFIG + "time: 2024-01-01 10:00:00 +0000\n",
            "_talks/undated.md": "---\ntitle: Undated\n---\nNo date.\n",
        },
    )
    out = tmp_path / "out"
    _build(site, out, capsys)
    assert SKIPPED in _build(site, out, capsys)[1]


def test_failed_builds_always_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, {"broken.md": "---\n---\n{% if %}\n"})
    out = tmp_path / "out"
    first_code, _ = _build(site, out, capsys)
    second_code, err = _build(site, out, capsys)
    assert first_code == second_code == 1
    assert SKIPPED not in err


def test_without_a_cache_nothing_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path)
    out = tmp_path / "out"
    _build(site, out, capsys)
    assert SKIPPED not in _build(site, out, capsys, "--no-cache")[1]


@pytest.mark.parametrize(
    ("files", "reads"),
    [
        ({}, False),
        ({"_talks/undated.md": "---\n---\nx\n"}, True),
        ({"_posts/2999-01-01-later.md": "---\n---\nx\n"}, True),
        ({"_posts/2020-01-03-hour.md": "---\ndate: '10:00'\n---\nx\n"}, True),
        ({"_posts/2020-01-03-full.md": "---\ndate: 2020-01-03 10:00:00 +0100\n---\nx\n"}, False),
    ],
    ids=["dated", "undated", "future", "no-year", "full-date"],
)
def test_the_model_says_when_it_read_the_clock(
    tmp_path: Path, files: dict[str, str], reads: bool
) -> None:
    assert build_model(_site(tmp_path, files)).reads_clock is reads


@pytest.mark.parametrize("included", [False, True], ids=["excluded", "included"])
def test_changes_in_excluded_folders_are_not_looked_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], included: bool
) -> None:
    config = CONFIG + ("include: [node_modules]\n" if included else "")
    site = _site(tmp_path, {"_config.yml": config, "node_modules/pkg/index.js": "x = 1\n"})
    out = tmp_path / "out"
    _build(site, out, capsys)
    assert SKIPPED in _build(site, out, capsys)[1]
    (site / "node_modules" / "pkg" / "index.js").write_text("x = 2\n", "utf-8")
    (site / "node_modules" / "new.js").write_text("y = 1\n", "utf-8")
    _age(site / "node_modules", 30)  # old enough to be trusted; the rest untouched
    skipped = SKIPPED in _build(site, out, capsys)[1]
    assert skipped is not included  # an included folder is part of the site: it runs
