"""The command's migration options: clean flags, --dry-run, --verbose, colours, --help."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dejekyll.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "site"
BAD_PAGE = "---\ntitle: [unclosed\n---\nBody {% nosuchtag %} {% if x %}\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the example site with a page that has problems."""
    copy = tmp_path / "site"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".dejekyll-cache"))
    (copy / "broken.md").write_text(BAD_PAGE, encoding="utf-8")
    (copy / "links.md").write_text(
        '---\n---\n<p>  <a href="/a/">a</a>  </p>\n<script>x()</script>\n', encoding="utf-8"
    )
    return copy


def test_dry_run_writes_nothing(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "out"
    code = main(["build", "-s", str(site), "-d", str(destination), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 1  # broken.md fails, as it would in a real build
    assert not destination.exists()
    assert not (site / ".dejekyll-cache").exists()
    assert "would write 6 fragments, 3 redirect stubs" in err
    assert "nothing was written" in err


def test_dry_run_leaves_an_existing_destination(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "out"
    main(["build", "-s", str(site), "-d", str(destination), "--no-cache", "-q"])
    before = {p: p.read_bytes() for p in destination.rglob("*") if p.is_file()}
    (site / "new.md").write_text("---\n---\nnew\n", encoding="utf-8")
    main(["build", "-s", str(site), "-d", str(destination), "--dry-run"])
    assert "exists and would be replaced" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in destination.rglob("*") if p.is_file()} == before


def test_dry_run_refuses_what_a_build_refuses(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["build", "-s", str(site), "-d", str(foreign), "--dry-run"]) == 2
    assert "was not written by dejekyll" in capsys.readouterr().err
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]


def test_verbose_prints_a_line_per_page(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["build", "-s", str(site), "-d", str(tmp_path / "out"), "--no-cache", "-v"])
    lines = capsys.readouterr().err.splitlines()
    assert "  _pages/about.md -> index.html (/) [ok, 2 redirects here]" in lines
    assert any(
        line.startswith("  broken.md -> broken/index.html (/broken/) [failed") for line in lines
    )
    assert sum(" -> " in line and line.startswith("  ") for line in lines) == 6


def test_clean_flags_reach_the_fragments(site: Path, tmp_path: Path) -> None:
    pytest.importorskip("nh3")
    plain, cleaned = tmp_path / "plain", tmp_path / "cleaned"
    main(["build", "-s", str(site), "-d", str(plain), "--no-cache", "-q"])
    flags = ["--sanitize", "--baseurl", "/new", "--minify", "--strip-comments"]
    main(["build", "-s", str(site), "-d", str(cleaned), "--no-cache", "-q", *flags])
    before = (plain / "links" / "index.html").read_text(encoding="utf-8")
    after = (cleaned / "links" / "index.html").read_text(encoding="utf-8")
    assert "<script>" in before and '"/a/"' in before
    assert after == '<p><a href="/new/a/">a</a></p>'


def test_page_takes_the_clean_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.md"
    page.write_text('---\n---\n<p>  hi <!-- c --> <a href="/x/">x</a></p>\n', encoding="utf-8")
    assert main(["page", str(page), "--strip-comments", "--minify", "--baseurl", "/n"]) == 0
    assert capsys.readouterr().out == '<p>hi <a href="/n/x/">x</a></p>'


def test_iframe_hosts_flag(site: Path, tmp_path: Path) -> None:
    pytest.importorskip("nh3")
    (site / "video.md").write_text(
        '---\n---\n<iframe src="https://www.youtube.com/embed/a"></iframe>\n'
        '<iframe src="https://media.example.org/v/1"></iframe>\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    flags = ["--sanitize", "--iframe-hosts", "media.example.org, other.example"]
    main(["build", "-s", str(site), "-d", str(out), "--no-cache", "-q", *flags])
    html = (out / "video" / "index.html").read_text(encoding="utf-8")
    assert "media.example.org" in html and "youtube" not in html


def test_pretty_and_minify_together_is_a_usage_error(site: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["build", "-s", str(site), "--pretty", "--minify"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("command", ["build", "markdown", "export", "page"])
def test_every_command_has_examples_in_its_help(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out
    assert f"dejekyll {command} " in out.split("examples:")[1]


def _run(site: Path, destination: Path, *, tty: bool, **env: str) -> str:
    """The command's standard error, through a pipe or a pseudo-terminal."""
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(TERM="xterm-256color", **env)
    args = [sys.executable, "-m", "dejekyll", "build", "-s", str(site), "-d", str(destination)]
    args += ["--no-cache", "-v", "-j", "1"]
    if not tty:
        result = subprocess.run(
            args, check=False, env=environment, capture_output=True, timeout=120
        )
        return result.stderr.decode()
    leader, follower = pty.openpty()
    with subprocess.Popen(
        args, env=environment, stderr=follower, stdout=subprocess.DEVNULL
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode(errors="replace")


def test_piped_output_has_no_escape_codes(site: Path, tmp_path: Path) -> None:
    err = _run(site, tmp_path / "out", tty=False, FORCE_COLOR="1")
    assert "broken.md" in err and "error" in err
    assert "\x1b" not in err


def test_a_terminal_gets_colours_unless_no_color(site: Path, tmp_path: Path) -> None:
    coloured = _run(site, tmp_path / "a", tty=True)
    assert "\x1b[1;31mbroken.md:4: error: Liquid error" in coloured
    assert "\x1b[33mbroken.md:4: warning: unsupported Liquid tag" in coloured
    plain = _run(site, tmp_path / "b", tty=True, NO_COLOR="1")
    assert "broken.md" in plain
    # The progress bar may still draw on a terminal; the lines themselves are not styled.
    assert "\x1b[1;31m" not in plain and "\x1b[33m" not in plain
    assert "\nbroken.md:4: error: Liquid error" in plain.replace("\r", "")


@pytest.mark.parametrize("url", ["https://ex.org", ""], ids=["with-url", "without-url"])
def test_new_baseurl_moves_the_redirect_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    source = tmp_path / "site"
    source.mkdir()
    (source / "_config.yml").write_text(
        f"url: {url}\nbaseurl: /old\nplugins: [jekyll-redirect-from]\n", "utf-8"
    )
    (source / "p.md").write_text("---\nredirect_from: /was/\n---\nhere\n", "utf-8")
    (source / "go.md").write_text("---\nredirect_to: /p/\n---\nx\n", "utf-8")
    (source / "ext.md").write_text("---\nredirect_to: https://other.org/x\n---\nx\n", "utf-8")
    out = tmp_path / "out"
    assert main(["build", "-q", "-s", str(source), "-d", str(out), "--baseurl", "/new"]) == 0
    capsys.readouterr()
    targets = json.loads((out / "redirects.json").read_text("utf-8"))
    assert targets == {
        "/was/": f"{url}/new/p.html",
        "/go.html": f"{url}/new/p/",
        "/ext.html": "https://other.org/x",
    }
    assert f'url={url}/new/p.html"' in (out / "was" / "index.html").read_text("utf-8")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {r["to"] for r in manifest["redirects"]} == set(targets.values())
