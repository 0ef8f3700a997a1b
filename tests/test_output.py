"""The output stage never writes outside the destination, nor over a folder it did not make."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dejekyll import output
from dejekyll.output import UnsafePathError, safe_relpath
from dejekyll.site import load_site


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../x.html", "a/../../x", "", "a/./../b", "..", "C:/x"]
)
def test_unsafe_paths_are_refused(path: str) -> None:
    with pytest.raises(UnsafePathError):
        safe_relpath(path)


@pytest.mark.parametrize("path", ["index.html", "a/b/index.html", "my page/é/index.html", "v1.0"])
def test_ordinary_paths_pass(path: str) -> None:
    assert safe_relpath(path).as_posix() == path


@given(st.text(alphabet="ab./\\:-_ é", max_size=30))
def test_any_accepted_path_stays_inside(path: str) -> None:
    root = Path("/dest")
    try:
        rel = safe_relpath(path)
    except UnsafePathError:
        return
    target = root.joinpath(*rel.parts)
    assert target.resolve().is_relative_to(root.resolve())


# --- files written by several threads give the tree one thread gives ---------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("nested", [False, True], ids=["flat", "file-inside-file"])
def test_threaded_writing_gives_the_serial_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nested: bool
) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    for n in range(40):
        (site / f"p{n}.md").write_text(f"---\ntitle: P{n}\n---\nPage *{n}*.\n", "utf-8")
    # two pages for one URL: the later wins, the other's fragment goes to _fragments/
    (site / "a.md").write_text("---\npermalink: /same/\n---\nfirst\n", "utf-8")
    (site / "b.md").write_text("---\npermalink: /same/\n---\nsecond\n", "utf-8")
    if nested:  # a page whose file is where another needs a folder
        (site / "c.md").write_text("---\npermalink: /nest.html\n---\nfile\n", "utf-8")
        (site / "d.md").write_text("---\npermalink: /nest.html/\n---\ninner\n", "utf-8")
    (site / "static.txt").write_text("copied as it is\n", "utf-8")
    built = load_site(site)
    threaded = tmp_path / "threaded"
    built.write(threaded)
    monkeypatch.setattr(output, "_WRITERS", 10**6)  # below the threshold: one thread
    serial = tmp_path / "serial"
    built.write(serial)
    assert _tree(threaded) == _tree(serial)
    assert (threaded / "same" / "index.html").read_text("utf-8") == "<p>second</p>\n"


def test_no_staging_folder_is_left_when_the_destination_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dejekyll.cli import main

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text("---\n---\nhome\n", "utf-8")
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("not ours", "utf-8")
    assert main(["build", "-q", "-s", str(site), "-d", str(theirs), "--no-cache"]) == 2
    capsys.readouterr()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "theirs"]
    assert [p.name for p in theirs.iterdir()] == ["keep.txt"]
