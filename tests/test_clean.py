"""The clean stage's options: comments, sanitising, a new baseurl, pretty and minified output."""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
from hypothesis import given, settings
from hypothesis import strategies as st
from normalize import BLOCK_TAGS, normalize

from dejekyll import convert_page, load_site
from dejekyll.clean import CleanOptions, clean_fragment
from dejekyll.errors import ConfigError
from dejekyll.htmltokens import tokenize
from dejekyll.layout import BLOCK_ELEMENTS, minify, pretty
from dejekyll.relink import rebase_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "site"

# A page using what a converted academic page uses: anchors, footnotes, maths, a table,
# <details>, highlighted code, an embedded video, task lists, a comment.
RICH_PAGE = """---
title: Rich
---
## Results {#results}

Energy is \\\\(E = mc^2\\\\) and[^1] **bold** `code` <span style="color: red" class="x">red</span>.

$$
\\int_0^1 x\\,dx
$$

| a | b |
|:--|--:|
| 1 | 2 |

<details markdown="1"><summary>More</summary>

Hidden *text*.

</details>

```python
if a < b:
    print("x")
```

- [x] done
- [ ] open

<iframe width="560" height="315" src="https://www.youtube.com/embed/abc" allowfullscreen></iframe>

<!-- a note -->
[home](/) and [about](/about/) and [out](https://example.com/a) and [back](#results)

[^1]: The footnote.
"""

HOSTILE = (
    '<p onclick="steal()">Hi<script>steal()</script>'
    '<a href="javascript:steal()">x</a><img src="a.png" onerror="steal()"></p>'
    '<iframe src="https://evil.example/frame">fallback</iframe>'
    '<iframe src="https://player.vimeo.com/video/1"></iframe>'
    "<style>p{}</style><form><input type='text' name='q'></form>"
)


def _fragments() -> list[str]:
    """Real Jekyll fragments (our site goldens, the shared corpus) and the example site's."""
    paths = sorted((ROOT / "tests" / "fixtures" / "sites").glob("*/fragments/*.html"))
    paths += sorted(SHARED.glob("corpus/*/jekyll/fragments/*.html"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts += [p.html for p in load_site(EXAMPLE).pages]
    texts.append(convert_page(RICH_PAGE, path="rich.md").html)
    return [t for t in texts if t.strip()]


@pytest.fixture(scope="module")
def fragments() -> list[str]:
    found = _fragments()
    assert len(found) >= 10
    return found


def _soup(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # the corpus's feed.xml
        return BeautifulSoup(html, "html.parser")


# --- the default ------------------------------------------------------------------


def test_no_option_leaves_every_byte(fragments: list[str]) -> None:
    for fragment in fragments:
        assert clean_fragment(fragment, CleanOptions()) is fragment


def test_tokens_join_back_to_the_fragment(fragments: list[str]) -> None:
    tricky = ['<a b="x>y" c=d/>t</a>', "a < b <!-- c", "<script>if (a<b) {}</script>x", "<a '"]
    for fragment in [*fragments, *tricky]:
        assert "".join(t.text for t in tokenize(fragment)) == fragment


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="<>/=\"' abpre!-\n\t&;x", max_size=60))
def test_tokens_join_back_whatever_the_text(text: str) -> None:
    assert "".join(t.text for t in tokenize(text)) == text
    assert minify(minify(text)) == minify(text)


def test_tokenizing_unclosed_tags_is_linear() -> None:
    # Each "<a " used to be tried as a tag to the end of the text: 90 s for this one.
    started = time.perf_counter()
    for hostile in ("<a " * 20000, "</a " * 20000, '<a b="' * 20000 + ">"):
        assert "".join(t.text for t in tokenize(hostile)) == hostile
    assert time.perf_counter() - started < 5


# --- --strip-comments --------------------------------------------------------------


def test_strip_comments_keeps_comment_markers_in_scripts() -> None:
    html = "<p>a<!-- x -->b</p><script>/*<!-- y -->*/</script>"
    assert clean_fragment(html, CleanOptions(strip_comments=True)) == (
        "<p>ab</p><script>/*<!-- y -->*/</script>"
    )


# --- --sanitize -------------------------------------------------------------------


def test_sanitizing_a_benign_page_changes_nothing_that_matters() -> None:
    pytest.importorskip("nh3")
    plain = convert_page(RICH_PAGE, path="rich.md").html
    clean = convert_page(RICH_PAGE, path="rich.md", clean=CleanOptions(sanitize=True)).html
    assert normalize(clean) == normalize(plain)
    # What the sanitiser must keep, spelled out.
    assert "\\(E = mc^2\\)" in clean and "\\[" in clean and "\\]" in clean
    soup = _soup(clean)
    assert soup.select_one("h2#results") is not None
    assert soup.select_one('sup[role="doc-noteref"] a[rel="footnote"][href="#fn:1"]')
    assert soup.select_one('a.reversefootnote[role="doc-backlink"]')
    assert soup.select_one("details summary") is not None
    assert soup.select_one('td[style="text-align: right"]') is not None
    assert soup.select_one('span.x[style="color: red"]') is not None
    assert soup.select_one("pre.highlight code span") is not None
    assert soup.select_one('input[type="checkbox"][checked]') is not None
    microdata = '<article itemscope itemtype="https://schema.org/Thing"><p itemprop="name">x</p>'
    assert normalize(clean_fragment(microdata, CleanOptions(sanitize=True))) == normalize(
        microdata.replace("itemscope", 'itemscope=""') + "</article>"
    )
    iframe = soup.select_one("iframe")
    assert iframe is not None and iframe["src"] == "https://www.youtube.com/embed/abc"


def test_sanitizing_removes_what_can_run() -> None:
    pytest.importorskip("nh3")
    clean = clean_fragment(HOSTILE, CleanOptions(sanitize=True))
    assert "steal" not in clean
    assert "evil.example" not in clean and "fallback" not in clean
    assert "<style" not in clean and "<form" not in clean and 'type="text"' not in clean
    soup = _soup(clean)
    assert soup.select_one("img")["src"] == "a.png"
    assert [f["src"] for f in soup.select("iframe")] == ["https://player.vimeo.com/video/1"]


def test_iframe_hosts_are_configurable() -> None:
    pytest.importorskip("nh3")
    html = (
        '<iframe src="https://player.vimeo.com/video/1"></iframe>'
        '<iframe src="https://maps.example.org/embed"></iframe>'
        '<iframe src="http://example.org/plain-http"></iframe>'
        '<iframe src="/talkmap/map.html"></iframe>'
        '<iframe src="javascript:steal()"></iframe>'
        '<iframe src="/\\evil.example/x"></iframe>'
        '<iframe src="data:text/html,steal"></iframe>'
        "<iframe>no source</iframe>"
    )
    clean = clean_fragment(html, CleanOptions(sanitize=True, iframe_hosts=("example.org",)))
    assert [f["src"] for f in _soup(clean).select("iframe")] == [
        "https://maps.example.org/embed",
        "/talkmap/map.html",
    ]
    assert "steal" not in clean and "evil" not in clean and "no source" not in clean


def test_comments_survive_sanitising_unless_stripped() -> None:
    pytest.importorskip("nh3")
    html = "<p>a<!-- dejekyll: unsupported {% cite x %} -->b</p>"
    assert "<!--" in clean_fragment(html, CleanOptions(sanitize=True))
    assert "<!--" not in clean_fragment(html, CleanOptions(sanitize=True, strip_comments=True))


# --- --baseurl -------------------------------------------------------------------

BASEURL_PAGE = """---
---
[a]({{ "/x/" | relative_url }}) [b](/y/) [c](https://example.com/old/z)
[d](#top) [e](rel/page/) [f]({{ site.baseurl }}) [g](//cdn.example/old/q)
![i]({{ "/img.png" | relative_url }})
<img src="/old/a.png" srcset="/old/a.png 1x, /old/b.png 2x, https://x.example/c.png 3x">
<a href="/oldies/">n</a> <a href="mailto:a@b.c">m</a>

Note[^n]

[^n]: text
"""


def _links(html: str) -> list[str]:
    soup = _soup(html)
    return [str(t.get("href") or t.get("src")) for t in soup.select("[href], [src]")]


def test_baseurl_moves_internal_links_only() -> None:
    config = {"baseurl": "/old"}
    before = convert_page(BASEURL_PAGE, config=config).html
    after = convert_page(BASEURL_PAGE, config=config, clean=CleanOptions(baseurl="/new/")).html
    assert _links(before)[:8] == [
        "/old/x/",
        "/y/",
        "https://example.com/old/z",
        "#top",
        "rel/page/",
        "/old",
        "//cdn.example/old/q",
        "/old/img.png",
    ]
    assert _links(after) == [
        "/new/x/",
        "/new/y/",
        "https://example.com/old/z",
        "#top",
        "rel/page/",
        "/new",
        "//cdn.example/old/q",
        "/new/img.png",
        "/new/a.png",
        "/new/oldies/",
        "mailto:a@b.c",
        "#fn:n",
        "#fnref:n",
    ]
    srcset = _soup(after).select_one("img[srcset]")["srcset"]
    assert srcset == "/new/a.png 1x, /new/b.png 2x, https://x.example/c.png 3x"
    # Nothing else moved.
    assert normalize(after.replace("/new", "/old")) == normalize(
        before.replace('"/y/"', '"/old/y/"').replace('"/oldies/"', '"/old/oldies/"')
    )


@pytest.mark.parametrize(
    ("url", "old", "new", "expected"),
    [
        ("/old", "/old", "", "/"),
        ("/old?q=1", "/old", "", "/?q=1"),
        ("/old/a/", "/old", "", "/a/"),
        ("/a/", "", "/new", "/new/a/"),
        ("/a/", "", "https://cdn.example/site", "https://cdn.example/site/a/"),
        ("/\\evil.example/", "", "/new", "/\\evil.example/"),
        ("  /a/", "", "/new", "  /new/a/"),
    ],
)
def test_rebase_url(url: str, old: str, new: str, expected: str) -> None:
    assert rebase_url(url, old, new) == expected


def test_the_site_baseurl_comes_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("baseurl: /blog\n")
    (tmp_path / "a.md").write_text('---\n---\n[x]({{ "/p/" | relative_url }})\n')
    site = load_site(tmp_path, clean=CleanOptions(baseurl=""))
    assert 'href="/p/"' in site.page("a.md").html


# --- --pretty and --minify ----------------------------------------------------------


def test_layout_blocks_are_blocks_to_the_normalisation() -> None:
    assert BLOCK_ELEMENTS <= BLOCK_TAGS


def test_pretty_and_minify_keep_the_dom(fragments: list[str]) -> None:
    changed = 0
    for fragment in fragments:
        for layout in (pretty, minify):
            out = layout(fragment)
            assert normalize(out) == normalize(fragment), (layout.__name__, fragment[:200])
            changed += out != fragment
    assert changed >= len(fragments)


_PIECES = [
    *("<p>", "</p>", '<div class="a">', "</div>", "<ul>", "</ul>", "<li>", "</li>"),
    *("<em>", "</em>", " ", "\n", "  x ", "y", "<pre>", "</pre>", "<!-- c -->", "<br>"),
    *("<script>", "</script>", "&nbsp;", "<table>", "<tr>", "<td>", "</td>", "</tr>"),
    *("</table>", "<details>", "<summary>", "</summary>", "</details>", "<img src=x>"),
    "<hr />",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_pretty_and_minify_keep_the_dom_of_any_tag_soup(html: str) -> None:
    # Unclosed, stray and misnested tags included (a stray </p> is no block edge).
    pretty_html = pretty(html)
    assert normalize(pretty_html) == normalize(html)
    assert normalize(minify(html)) == normalize(html)
    assert pretty(pretty_html) == pretty_html


def test_pretty_and_minify_leave_pre_alone(fragments: list[str]) -> None:
    def pres(html: str) -> list[str]:
        return [str(p) for p in _soup(html).find_all("pre")]

    for fragment in fragments:
        assert pres(pretty(fragment)) == pres(fragment)
        assert pres(minify(fragment)) == pres(fragment)


def test_pretty_puts_blocks_on_lines_and_minify_drops_ignorable_space() -> None:
    html = "<ul>\n<li>a <em>b</em>\n  c</li>\n<li><p>d</p></li>\n</ul>\n<p>x&nbsp; y</p>\n"
    assert pretty(html) == (
        "<ul>\n  <li>a <em>b</em>\n    c</li>\n  <li>\n    <p>d</p>\n  </li>\n</ul>\n"
        "<p>x&nbsp; y</p>\n"
    )
    assert minify(html) == "<ul><li>a <em>b</em> c</li><li><p>d</p></li></ul><p>x&nbsp; y</p>"


def test_pretty_is_stable(fragments: list[str]) -> None:
    for fragment in fragments:
        once = pretty(fragment)
        assert pretty(once) == once
        assert minify(minify(fragment)) == minify(fragment)


def test_pretty_and_minify_exclude_each_other() -> None:
    with pytest.raises(ConfigError):
        CleanOptions(pretty=True, minify=True)


def test_options_reach_the_fragment_through_the_pipeline() -> None:
    page = "---\n---\n# T\n\nSome   *text*.\n"
    assert convert_page(page).html == '<h1 id="t">T</h1>\n\n<p>Some   <em>text</em>.</p>\n'
    assert convert_page(page, clean=CleanOptions(minify=True)).html == (
        '<h1 id="t">T</h1><p>Some <em>text</em>.</p>'
    )
    assert convert_page(page, clean=CleanOptions(pretty=True)).html == (
        '<h1 id="t">T</h1>\n<p>Some   <em>text</em>.</p>\n'
    )
