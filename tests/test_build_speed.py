"""Worker processes and the render cache change how a site is built, never what.

Counts, not seconds: one process and two give byte-identical output; an unchanged
rebuild renders nothing; changing an include renders exactly the pages that use it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dejekyll import parallel
from dejekyll.cli import main
from dejekyll.site import load_site

CONFIG = """\
title: Speed test
baseurl: /base
time: 2024-01-01 10:00:00 +0000
collections:
  talks:
    output: true
"""

FIGURE = '<figure><img src="{{ include.src | relative_url }}"></figure>\n'
NOTE = "<aside>{{ include.text | upcase }}</aside>\n"


def _post(n: int) -> str:
    includes = [
        '{% include figure.html src="/img/' + str(n) + '.png" %}',
        '{% include note.html text="hi" %}',
        "No include here.",
    ]
    include = includes[n % 3]
    return (
        f"---\ntitle: Post {n}\ntags: [a, b]\n---\n\n"
        f"First paragraph of *post {n}* in {{{{ site.title }}}}.\n\n"
        f"{include}\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "```python\nprint('x')\n```\n\n"
        "Text with a footnote[^1].\n\n[^1]: The note.\n"
    )


def _site(root: Path, posts: int = 12) -> Path:
    site = root / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_includes").mkdir()
    (site / "_talks").mkdir()
    (site / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (site / "_includes" / "figure.html").write_text(FIGURE, encoding="utf-8")
    (site / "_includes" / "note.html").write_text(NOTE, encoding="utf-8")
    for n in range(posts):
        name = f"2020-01-{n + 1:02d}-post-{n}.md"
        (site / "_posts" / name).write_text(_post(n), encoding="utf-8")
    (site / "_talks" / "one.md").write_text(
        "---\ntitle: One\ndate: 2021-05-05\n---\nA *talk*.\n", encoding="utf-8"
    )
    (site / "index.md").write_text(
        "---\ntitle: Home\nredirect_from: /old/\n---\n"
        "{% for post in site.posts limit: 3 %}\n- [{{ post.title }}]({{ post.url }})\n"
        "{% endfor %}\n",
        encoding="utf-8",
    )
    (site / "plain.html").write_text("---\n---\n<p>plain <!-- c --></p>\n", encoding="utf-8")
    return site


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_two_processes_write_the_same_bytes_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_ENTRIES_PER_JOB", 1)
    site = _site(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    args = ["build", "-s", str(site), "--no-cache", "--save-liquid", "-q"]
    assert main([*args, "-d", str(one), "--jobs", "1"]) == 0
    assert main([*args, "-d", str(two), "--jobs", "2"]) == 0
    assert parallel.effective_jobs(2, 14) == 2
    first, second = _tree(one), _tree(two)
    assert "manifest.json" in first
    assert len(first) > 14
    assert first == second


def test_an_unchanged_rebuild_renders_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    cache = tmp_path / "cache"
    cold = load_site(site, cache_dir=cache)
    warm = load_site(site, cache_dir=cache)
    assert len(cold.cache.rendered) == len(cold.pages) == 15
    assert warm.cache.rendered == ()
    assert len(warm.cache.reused) == 15
    assert [p.html for p in warm.pages] == [p.html for p in cold.pages]
    assert [p.liquid for p in warm.pages] == [p.liquid for p in cold.pages]
    assert [p.diagnostics for p in warm.pages] == [p.diagnostics for p in cold.pages]


def test_changing_an_include_renders_exactly_the_pages_using_it(tmp_path: Path) -> None:
    site = _site(tmp_path)
    cache = tmp_path / "cache"
    load_site(site, cache_dir=cache)
    (site / "_includes" / "note.html").write_text("<b>{{ include.text }}</b>\n", "utf-8")
    again = load_site(site, cache_dir=cache)
    users = sorted(f"_posts/2020-01-{n + 1:02d}-post-{n}.md" for n in range(12) if n % 3 == 1)
    assert sorted(again.cache.rendered) == users
    changed = again.page(users[0])
    assert "<b>hi</b>" in changed.html
    fresh = load_site(site)
    assert [p.html for p in again.pages] == [p.html for p in fresh.pages]


def test_changing_a_post_renders_it_and_the_pages_that_list_posts(tmp_path: Path) -> None:
    site = _site(tmp_path)
    cache = tmp_path / "cache"
    load_site(site, cache_dir=cache)
    post = site / "_posts" / "2020-01-03-post-2.md"
    post.write_text(post.read_text("utf-8").replace("title: Post 2", "title: Renamed"), "utf-8")
    again = load_site(site, cache_dir=cache)
    assert "_posts/2020-01-03-post-2.md" in again.cache.rendered
    assert "index.md" in again.cache.rendered
    assert "plain.html" in again.cache.reused  # no Liquid: depends on its own text only
    fresh = load_site(site)
    assert [p.html for p in again.pages] == [p.html for p in fresh.pages]


def test_a_missing_include_is_looked_for_again(tmp_path: Path) -> None:
    site = _site(tmp_path, posts=2)
    cache = tmp_path / "cache"
    page = site / "extra.md"
    page.write_text("---\n---\n{% include later.html %}\n", encoding="utf-8")
    first = load_site(site, cache_dir=cache)
    assert first.page("extra.md").failed
    (site / "_includes" / "later.html").write_text("<p>now here</p>\n", encoding="utf-8")
    second = load_site(site, cache_dir=cache)
    assert "extra.md" in second.cache.rendered
    assert "now here" in second.page("extra.md").html


def test_a_page_reading_the_clock_is_always_rendered(tmp_path: Path) -> None:
    site = _site(tmp_path, posts=2)
    config = site / "_config.yml"
    config.write_text(config.read_text("utf-8").replace("time: ", "# time: "), "utf-8")
    (site / "clock.md").write_text("---\n---\nBuilt {{ site.time }}.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    load_site(site, cache_dir=cache)
    again = load_site(site, cache_dir=cache)
    assert again.cache.rendered == ("clock.md",)


def test_the_command_keeps_its_cache_in_the_source(tmp_path: Path) -> None:
    site = _site(tmp_path, posts=2)
    out = tmp_path / "out"
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "-j", "1"]) == 0
    assert (site / ".dejekyll-cache").is_dir()
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "-j", "1"]) == 0
    assert not any(".dejekyll-cache" in p for p in _tree(out))
    custom = tmp_path / "elsewhere"
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "--cache-dir", str(custom)]) == 0
    assert any(custom.iterdir())
    kept = next((site / ".dejekyll-cache").iterdir())
    kept.write_text("not json", encoding="utf-8")
    assert main(["build", "-s", str(site), "-d", str(out), "-q", "--no-cache"]) == 0
    assert kept.read_text("utf-8") == "not json"
    assert main(["build", "-s", str(site), "-d", str(out), "-q"]) == 0  # a bad cache is ignored
    assert kept.read_text("utf-8").startswith("{")


def test_an_unchanged_rebuild_leaves_the_output_alone(tmp_path: Path) -> None:
    site = _site(tmp_path, posts=3)
    out = tmp_path / "out"
    args = ["build", "-s", str(site), "-d", str(out), "-q", "-j", "1"]
    assert main(args) == 0
    manifest = out / "manifest.json"
    first = manifest.stat().st_mtime_ns
    assert main(args) == 0
    assert manifest.stat().st_mtime_ns == first  # nothing written

    stray = out / "stray.txt"
    stray.write_text("added by hand", encoding="utf-8")
    assert main(args) == 0
    assert not stray.exists()  # the destination changed: written again

    again = manifest.stat().st_mtime_ns
    (site / "plain.html").write_text("---\n---\n<p>changed</p>\n", encoding="utf-8")
    assert main(args) == 0
    assert manifest.stat().st_mtime_ns != again
    assert (out / "plain.html").read_text("utf-8") == "<p>changed</p>\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_record_the_includes_they_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_ENTRIES_PER_JOB", 1)
    site = _site(tmp_path)
    cache = tmp_path / "cache"
    cold = load_site(site, cache_dir=cache, jobs=2)
    assert len(cold.cache.rendered) == 15
    (site / "_includes" / "figure.html").write_text("<i>{{ include.src }}</i>\n", "utf-8")
    again = load_site(site, cache_dir=cache, jobs=2)
    users = sorted(f"_posts/2020-01-{n + 1:02d}-post-{n}.md" for n in range(12) if n % 3 == 0)
    assert sorted(again.cache.rendered) == users
    assert [p.html for p in again.pages] == [p.html for p in load_site(site).pages]


def test_small_sites_are_rendered_in_one_process() -> None:
    assert parallel.effective_jobs(2, 2 * parallel.MIN_ENTRIES_PER_JOB - 1) == 1
    assert parallel.effective_jobs(1, 10_000) == 1
    if sys.platform.startswith("linux"):
        assert parallel.effective_jobs(4, 2 * parallel.MIN_ENTRIES_PER_JOB) == 2
        assert parallel.effective_jobs(4, 10_000) == 4


def _broken_setup(reason: str) -> parallel.Shared:
    raise OSError(reason)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_worker_that_cannot_set_up_fails_the_build_with_its_error() -> None:
    workers = parallel.Workers(2)
    assert workers.prepare(2, _broken_setup, "the includes folder went away")
    with workers, pytest.raises(OSError, match="the includes folder went away"):
        list(workers.render([0, 1, 2]))


def _dying_setup() -> parallel.Shared:
    import os

    os._exit(3)  # as if the system killed the process (out of memory)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_worker_that_dies_fails_the_build_instead_of_hanging_it() -> None:
    workers = parallel.Workers(2)
    assert workers.prepare(2, _dying_setup)
    with workers, pytest.raises(parallel.WorkerError, match="ended before its pages were done"):
        list(workers.render(list(range(20))))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_never_given_a_setup_end_with_the_build() -> None:
    workers = parallel.Workers(2)
    zygote = workers._zygote
    assert zygote is not None
    workers.close()
    assert zygote.exitcode is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_rebuild_with_cached_results_renders_the_rest_in_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_ENTRIES_PER_JOB", 1)
    site = _site(tmp_path)
    cache = tmp_path / "cache"
    load_site(site, cache_dir=cache, jobs=2)  # nothing cached yet: set up as the site is read
    (site / "_config.yml").write_text(CONFIG.replace("Speed test", "Faster"), "utf-8")
    again = load_site(site, cache_dir=cache, jobs=2)  # results cached: set up after the lookup
    posts = [f"_posts/2020-01-{n + 1:02d}-post-{n}.md" for n in range(12)]
    assert sorted(again.cache.rendered) == sorted([*posts, "index.md"])  # the Liquid ones
    assert [p.html for p in again.pages] == [p.html for p in load_site(site).pages]
    assert any("Faster" in p.html for p in again.pages)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_model_that_cannot_be_sent_is_rendered_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    def refuse(value: object) -> bytes:
        raise pickle.PicklingError("not this time")

    monkeypatch.setattr(parallel, "MIN_ENTRIES_PER_JOB", 1)
    site = _site(tmp_path)
    expected = [p.html for p in load_site(site).pages]
    monkeypatch.setattr(parallel, "_dumps", refuse)
    assert [p.html for p in load_site(site, jobs=2).pages] == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_no_process_outlives_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    site = _site(tmp_path)
    load_site(site, jobs=2)  # too small a site: the zygote is ended unused
    monkeypatch.setattr(parallel, "MIN_ENTRIES_PER_JOB", 1)
    load_site(site, jobs=2, cache_dir=tmp_path / "cache")  # rendered in workers
    load_site(site, jobs=2, cache_dir=tmp_path / "cache")  # all cached: ended unused
    assert multiprocessing.active_children() == []
