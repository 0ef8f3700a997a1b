"""The command, run in-process: exit codes, the output tree, the manifest, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dejekyll import __version__
from dejekyll.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "site"


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_no_command_is_a_usage_error() -> None:
    assert main([]) == 2


def test_missing_source_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "-s", str(tmp_path / "nope"), "-d", str(tmp_path / "out")]) == 2
    assert "no such site folder" in capsys.readouterr().err


def test_build_example_site(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "-s", str(EXAMPLE), "-d", str(out), "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    by_source = {e["source"]: e for e in manifest["entries"] if e["source"]}
    home = by_source["_pages/about.md"]
    assert (home["url"], home["output_path"]) == ("/", "index.html")
    assert (out / home["fragment"]).read_text("utf-8").startswith("<p>")
    assert {r["from"] for r in manifest["redirects"]} >= {"/about/", "/about.html"}
    stub = (out / "about" / "index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=https://ada.example.org/">' in stub
    for entry in manifest["entries"]:
        if entry["fragment"]:
            assert (out / entry["fragment"]).is_file()


def test_save_liquid_records_the_post_liquid_text(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": "---\nt: Hi\n---\n{{ page.t }} *there*\n"})
    out = tmp_path / "out"
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "--save-liquid"]) == 0
    (entry,) = json.loads((out / "manifest.json").read_text("utf-8"))["entries"]
    assert (out / entry["liquid"]).read_text("utf-8") == "Hi *there*\n"
    assert (out / entry["fragment"]).read_text("utf-8") == "<p>Hi <em>there</em></p>\n"


def test_a_bad_page_fails_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(
        tmp_path,
        {"good.md": "---\n---\nfine\n", "bad.md": "---\n- a list\n---\nstill here\n"},
    )
    out = tmp_path / "out"
    assert main(["build", "-s", str(site), "-d", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.md:1: error: front matter is a list" in err
    assert (out / "good.html").read_text("utf-8") == "<p>fine</p>\n"
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert [d["source"] for d in manifest["diagnostics"] if d["level"] == "error"] == ["bad.md"]


def test_refuses_a_foreign_destination(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(tmp_path, {"a.md": "---\n---\nx\n"})
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("do not delete", encoding="utf-8")
    assert main(["build", "-s", str(site), "-d", str(out)]) == 2
    assert "not written by dejekyll" in capsys.readouterr().err
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "do not delete"


def test_refuses_to_write_over_the_source(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": "---\n---\nx\n"})
    assert main(["build", "-s", str(site), "-d", str(site)]) == 2
    assert (site / "a.md").exists()


def test_rebuild_replaces_its_own_output(tmp_path: Path) -> None:
    site = _site(tmp_path, {"a.md": "---\n---\nx\n"})
    out = tmp_path / "out"
    assert main(["build", "-s", str(site), "-d", str(out), "-q"]) == 0
    (site / "a.md").unlink()
    (site / "b.md").write_text("---\n---\ny\n", encoding="utf-8")
    assert main(["build", "-s", str(site), "-d", str(out), "-q"]) == 0
    assert not (out / "a.html").exists()
    assert (out / "b.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_markdown_command_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "x.md"
    page.write_text("# Hello, World!\n", encoding="utf-8")
    assert main(["markdown", str(page)]) == 0
    assert capsys.readouterr().out == '<h1 id="hello-world">Hello, World!</h1>\n'


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dejekyll", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"dejekyll {__version__}"


def test_redirects_for_the_next_host(tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["build", "-s", str(EXAMPLE), "-d", str(out), "-q", "--no-cache"]
    assert main([*argv, "--redirects", "netlify,nginx,apache"]) == 0
    assert not (out / "about" / "index.html").exists()  # no html stubs asked for
    assert not (out / "redirects.json").exists()
    netlify = (out / "_redirects").read_text("utf-8").splitlines()
    assert "/about/ https://ada.example.org/ 301" in netlify
    nginx = (out / "redirects.nginx.conf").read_text("utf-8")
    assert 'location = /about.html { return 301 "https://ada.example.org/"; }' in nginx
    apache = (out / "redirects.apache.conf").read_text("utf-8")
    assert 'RedirectMatch 301 "^/about\\.html$" "https://ada.example.org/"' in apache


def test_unknown_redirect_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["build", "-s", str(EXAMPLE), "-d", str(tmp_path / "o"), "--redirects", "ftp"])
    assert exited.value.code == 2


def test_build_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["build", "-s", str(EXAMPLE), "-d", str(out), "-q", "--no-cache"]) == 0
    report = (out / "report.html").read_text("utf-8")
    for source in ("_pages/about.md", "_publications/2024-06-01-tiny-parsers.md"):
        assert source in report


def test_a_redirect_to_page_is_written_as_its_stub(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "_config.yml": "url: https://ex.org\nplugins: [jekyll-redirect-from]\n",
            "go.md": "---\nredirect_to: /target/\n---\nbody that Jekyll discards\n",
        },
    )
    out = tmp_path / "out"
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "--no-cache"]) == 0
    stub = (out / "go.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://ex.org/target/">' in stub
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    (entry,) = [e for e in manifest["entries"] if e["source"] == "go.md"]
    assert (out / entry["fragment"]).read_text("utf-8") == "\n"  # kramdown of "", as Jekyll


def test_config_files_are_merged_in_order(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "_config.yml": "title: Base\ntime: 2020-01-02 03:04:05 +0000\n",
            "a.md": "---\n---\n{{ site.title }} {{ site.time | date: '%Y-%m-%d %H:%M' }}\n",
        },
    )
    extra = tmp_path / "extra.yml"
    extra.write_text("title: Override\n", encoding="utf-8")
    out = tmp_path / "out"
    files = f"{site / '_config.yml'},{extra}"
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "--config", files]) == 0
    assert (out / "a.html").read_text("utf-8") == "<p>Override 2020-01-02 03:04</p>\n"
