"""The Liquid stage's own policies: diagnostics, safety, limits, never raising.

These behaviours have no oracle counterpart (Jekyll stops the build where we go
on), so they are tested directly: what is rendered, and which diagnostic is left
with which file line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dejekyll.liquid import Limits, LiquidStage
from dejekyll.records import Entry, SiteModel

TIME = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _entry(body: str, *, source: str = "page.md", body_line: int = 4, **data: Any) -> Entry:
    return Entry(
        source=source,
        kind="page",
        collection=None,
        url="/page.html",
        output_path="page.html",
        front_matter=dict(data),
        data=dict(data),
        body=body,
        body_line=body_line,
        ext=Path(source).suffix,
    )


def _stage(site: Path, *entries: Entry, limits: Limits | None = None, **config: Any) -> LiquidStage:
    model = SiteModel(source=str(site), config=config, entries=entries)
    return LiquidStage(model, source_dir=site, time=TIME, limits=limits)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "_includes").mkdir(parents=True)
    (root / "_includes" / "ok.html").write_text("[ok {{ include.v }}]")
    (root / "_includes" / "self.html").write_text("x{% include self.html %}")
    (root / "_includes" / "broken.html").write_text("a\n{% if x %}never closed")
    (root / "secret.txt").write_text("secret")
    (tmp_path / "outside.html").write_text("outside the site")
    return root


def test_unknown_tags_leave_a_marker_and_warn_once(site: Path) -> None:
    body = "a {% cite knuth %} b\n{% details Summary %}inner{% enddetails %} c\n"
    entry = _entry(body)
    result = _stage(site, entry).render(entry)
    assert result.text == (
        "a <!-- dejekyll: unsupported {% cite knuth %} --> b\n"
        "<!-- dejekyll: unsupported {% details Summary %} -->inner"
        "<!-- dejekyll: unsupported {% enddetails %} --> c\n"
    )
    tags = [(d.level, d.line, d.kind) for d in result.diagnostics]
    assert tags == [("warning", 4, "unsupported-tag"), ("warning", 5, "unsupported-tag")]
    assert "'cite'" in result.diagnostics[0].message
    assert "'details'" in result.diagnostics[1].message
    assert all(d.source == "page.md" for d in result.diagnostics)


def test_a_filter_warning_names_the_line_of_its_output(site: Path) -> None:
    entry = _entry("one\n{% if true %}\n  {{ 'x' | no_such_filter }}\n{% endif %}", body_line=7)
    result = _stage(site, entry).render(entry)
    assert [(d.kind, d.line) for d in result.diagnostics] == [("unsupported-filter", 9)]


def test_unknown_filter_passes_value_through(site: Path) -> None:
    entry = _entry("{{ 'x' | no_such_filter: 3 | upcase }}")
    result = _stage(site, entry).render(entry)
    assert result.text == "X"
    assert [d.kind for d in result.diagnostics] == ["unsupported-filter"]
    assert "no_such_filter" in result.diagnostics[0].message


def test_smartify_is_jekylls_smartypants(site: Path) -> None:
    entry = _entry("{{ \"'a' --\" | smartify }}\n{{ \"<div>'b'</div>\" | smartify }}")
    result = _stage(site, entry).render(entry)
    assert result.text == "\u2018a\u2019 \u2013\n<div>'b'</div>"  # an HTML block stays raw
    assert result.diagnostics == ()


def test_syntax_error_is_an_error_on_its_file_line(site: Path) -> None:
    entry = _entry("line one\nline two {% if x %}\nnever closed", body_line=10)
    result = _stage(site, entry).render(entry)
    assert result.text.startswith("line one\nline two ")
    errors = [d for d in result.diagnostics if d.level == "error"]
    assert errors
    assert errors[0].line == 11
    assert errors[0].kind == "liquid"


def test_render_with_liquid_false_and_plain_bodies_are_untouched(site: Path) -> None:
    off = _entry("{{ x }} {% if %}", render_with_liquid=False)
    plain = _entry("no liquid { here } %}")
    stage = _stage(site, off, plain)
    assert stage.render(off).text == "{{ x }} {% if %}"
    assert stage.render(plain).text == "no liquid { here } %}"


def test_include_params_and_missing_file(site: Path) -> None:
    entry = _entry('{% include ok.html v="1" %}|{% include nope.html %}|', body_line=2)
    result = _stage(site, entry).render(entry)
    assert result.text == "[ok 1]||"
    assert [(d.level, d.line) for d in result.diagnostics] == [("error", 2)]
    assert "nope.html" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "markup",
    ["../secret.txt", "../../outside.html", "sub/../../secret.txt", "/etc/passwd"],
)
def test_include_cannot_leave_includes(site: Path, markup: str) -> None:
    entry = _entry(f"{{% include {markup} %}}")
    result = _stage(site, entry).render(entry)
    assert "secret" not in result.text
    assert "outside" not in result.text
    assert [d.level for d in result.diagnostics] == ["error"]


def test_include_through_symlink_out_of_site_is_refused(site: Path) -> None:
    (site / "_includes" / "link.html").symlink_to(site.parent / "outside.html")
    entry = _entry("{% include link.html %}")
    result = _stage(site, entry).render(entry)
    assert result.text == ""
    assert [d.level for d in result.diagnostics] == ["error"]


def test_include_relative_stays_in_the_site(site: Path) -> None:
    (site / "docs").mkdir()
    (site / "docs" / "part.md").write_text("part {{ page.title }}")
    entry = _entry(
        "{% include_relative part.md %}|{% include_relative ../secret.txt %}",
        source="docs/page.md",
        title="T",
    )
    result = _stage(site, entry).render(entry)
    assert result.text == "part T|"
    assert [d.level for d in result.diagnostics] == ["error"]


def test_recursive_include_stops_at_the_depth_limit(site: Path) -> None:
    entry = _entry("{% include self.html %}", body_line=7)
    result = _stage(site, entry, limits=Limits(include_depth=5)).render(entry)
    assert result.text == "x" * 5
    assert [(d.level, d.line) for d in result.diagnostics] == [("error", 7)]
    assert "depth" in result.diagnostics[0].message


def test_error_inside_include_points_at_the_include_tag(site: Path) -> None:
    entry = _entry("one\n{% include broken.html %}", body_line=3)
    result = _stage(site, entry).render(entry)
    assert result.text.startswith("one\na\n")
    assert {d.line for d in result.diagnostics} == {4}
    assert any("broken.html" in d.message for d in result.diagnostics)


def test_loop_limit_is_a_diagnostic(site: Path) -> None:
    entry = _entry("{% for i in (1..1000) %}{% for j in (1..1000) %}.{% endfor %}{% endfor %}")
    result = _stage(site, entry, limits=Limits(loop_iterations=5000)).render(entry)
    assert len(result.text) <= 5000
    assert [d.level for d in result.diagnostics][:1] == ["error"]


def test_output_limit_is_a_diagnostic(site: Path) -> None:
    entry = _entry("{% for i in (1..100) %}0123456789{% endfor %}")
    result = _stage(site, entry, limits=Limits(output_bytes=200)).render(entry)
    assert len(result.text) <= 200
    assert result.diagnostics
    assert result.diagnostics[0].level == "error"


def _post(day: int, body: str) -> Entry:
    return Entry(
        source=f"_posts/2020-01-0{day}-p{day}.md",
        kind="document",
        collection="posts",
        url=f"/p{day}.html",
        output_path=f"p{day}.html",
        front_matter={},
        data={"date": dt.datetime(2020, 1, day, tzinfo=dt.UTC), "title": f"P{day}"},
        body=body,
        ext=".md",
    )


def test_content_is_converted_for_entries_jekyll_renders_earlier(site: Path) -> None:
    first = _post(1, "*one*")
    second = _post(2, "{% for p in site.posts %}[{{ p.content | strip }}]{% endfor %}")
    page = _entry("{% for p in site.posts %}[{{ p.content | strip }}]{% endfor %}")
    stage = _stage(site, first, second, page)
    # Pages render after every document: documents' content is their HTML.
    html = stage.render(page).text
    assert html.endswith("][<p><em>one</em></p>]")
    assert html.startswith("[<")  # the second post, converted too
    # A post sees earlier posts converted, itself and later ones raw.
    assert stage.render(second).text == (
        "[{% for p in site.posts %}[{{ p.content | strip }}]{% endfor %}][<p><em>one</em></p>]"
    )
    assert stage.render(first).text == "*one*"


def test_recorded_output_is_used(site: Path) -> None:
    post = _post(1, "*raw*")
    page = _entry("{% for p in site.posts %}{{ p.content }}{% endfor %}")
    stage = _stage(site, post, page)
    stage.record_output(post, "<p>recorded</p>\n")
    assert stage.render(page).text == "<p>recorded</p>\n"


def test_internal_failure_never_escapes(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = _entry("{{ page.title }}", title="T")
    stage = _stage(site, entry)

    def explode(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(stage, "_render_body", explode)
    result = stage.render(entry)
    assert result.text == ""
    assert [d.level for d in result.diagnostics] == ["error"]
    assert "boom" in result.diagnostics[0].message


def test_unterminated_tag_keeps_the_text_after_it(site: Path) -> None:
    entry = _entry("{{ 'a' | upcase }}\nb {% if x\nc {{ 'd' }}", body_line=2)
    result = _stage(site, entry).render(entry)
    assert result.text == "A\nb {% if x\nc {{ 'd' }}"
    assert [(d.level, d.line) for d in result.diagnostics] == [("error", 3)]


def test_unterminated_tag_in_include_gives_nothing(site: Path) -> None:
    (site / "_includes" / "open.html").write_text("x {{ y")
    entry = _entry("[{% include open.html %}]", body_line=9)
    result = _stage(site, entry).render(entry)
    assert result.text == "[]"
    assert [(d.level, d.line) for d in result.diagnostics] == [("error", 9)]
    assert "open.html" in result.diagnostics[0].message


def test_problems_inside_includes_name_the_file_and_line(site: Path) -> None:
    (site / "_includes" / "warns.html").write_text("a\n{{ 'x' | nope }}\n{% plugin_tag %}")
    entry = _entry("one\n{% include warns.html %}", body_line=5)
    result = _stage(site, entry).render(entry)
    assert [(d.line, d.kind) for d in result.diagnostics] == [
        (6, "unsupported-tag"),
        (6, "unsupported-filter"),
    ]
    assert result.diagnostics[0].message.startswith("in _includes/warns.html:3: ")
    assert result.diagnostics[1].message.startswith("in _includes/warns.html:2: ")
