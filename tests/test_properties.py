"""Properties that hold for any input: front matter, Liquid and Markdown never raise.

Hypothesis draws inputs from the characters and tokens that matter to each stage
(bounded: a few hundred examples, no deadline), and checks the contracts the rest
of dejekyll relies on: ``read_front_matter`` gives ``None`` or a split whose body is
the end of the file; ``convert_page`` gives a page, its problems as diagnostics;
``render_markdown`` gives HTML whose elements are balanced.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import dejekyll
from dejekyll.frontmatter import read_front_matter

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- front matter ------------------------------------------------------------------------

YAML_PIECES = [
    "---", "...", "\n", "\r\n", " ", "  ", "\t", ":", ": ", "- ", "? ", "a", "key", "é",
    "&a ", "*a", "<<: *a", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "!!str ",
    "!tag ", "%YAML 1.1", "2020-13-45", "2023", "0x1F", "1_000", "0o17", ".inf", "~",
    "yes", "null", "\\", "\x00", "\ufeff", "@", "`",
]  # fmt: skip


def _yaml_text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)


_FILES = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda head, body: b"---\n" + head + b"\n---\n" + body, st.binary(), st.binary()),
    st.builds(
        lambda head, body: ("---\n" + head + "\n---\n" + body).encode("utf-8"),
        _yaml_text(),
        st.text(max_size=50),
    ),
    st.builds(lambda head: ("---\n" + head).encode("utf-8", "surrogatepass"), _yaml_text()),
)


@SETTINGS
@given(_FILES)
@example(b"---\n" + b"a: &a [*a]\n" + b"---\n")
@example(b"---\n\xff\xfe\x00\n---\n\xc3\x28")
@example(b"---\r\n- x\r\n---\r\nbody")
def test_front_matter_never_raises(raw: bytes) -> None:
    found = read_front_matter(raw, "p.md")
    if found is None:
        return
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    assert text.endswith(found.body)
    assert found.body_line >= 1
    assert isinstance(dict(found.data), dict)
    for diagnostic in found.diagnostics:
        assert diagnostic.source == "p.md"
        assert diagnostic.line is not None and diagnostic.line >= 1


# --- Liquid ------------------------------------------------------------------------------

LIQUID_PIECES = [
    "{{", "}}", "{%", "%}", "{{-", "-}}", "{%-", "-%}", " ", "\n", "x", "page.title",
    "site.pages", "site.data", "page", "content", "|", "| upcase", "| date: '%Y'",
    "| slice: 1, 2", "| split: ''", "| join: ','", "| where: 'a', 'b'", "| sort",
    "| plus: 1", "| divided_by: 0", "| frobnicate", "| markdownify", "| jsonify", ":", ",",
    "if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase",
    "for x in (1..3)", "for x in site.pages", "endfor", "break", "continue", "raw",
    "endraw", "comment", "endcomment", "capture c", "endcapture", "assign a = 1",
    "assign a = x | size", "include nothing.html", "include_relative ../x", "highlight",
    "endhighlight", "tablerow t in (1..2)", "endtablerow", "cycle 'a', 'b'", "increment i",
    "link x.md", "post_url 2020-01-01-x", "(", ")", "[", "]", "..", "'", '"', "0",
    "-1", "1e400", "nil", "true", "blank", "empty", "contains", "and", "or", "==", "<",
    "é", "\x00", "#", "*", "`", "<div>", "</div>",
]  # fmt: skip

_LIQUID_BODIES = st.lists(st.sampled_from(LIQUID_PIECES), max_size=40).map("".join)


@SETTINGS
@given(_LIQUID_BODIES, st.sampled_from(["p.md", "p.html", "_posts/2020-01-01-p.md"]))
@example("{% raw %}{{ x }}", "p.md")
@example("{% for x in (1..3) %}{% if x %}", "p.md")
@example("{{ x | date: '%Y' | divided_by: 0 }}{% include %}", "p.html")
def test_convert_page_never_raises(body: str, path: str) -> None:
    page = dejekyll.convert_page("---\ntitle: t\n---\n" + body, path=path)
    assert isinstance(page.html, str)
    assert page.failed == any(d.level == "error" for d in page.diagnostics)
    for diagnostic in page.diagnostics:
        assert diagnostic.level in ("error", "warning")
        assert diagnostic.message


# --- Markdown ----------------------------------------------------------------------------

VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "plaintext"})


class BalanceChecker(HTMLParser):
    """Counts open and close tags of non-void elements, as a browser would see them.

    The content of ``<script>`` and ``<style>`` (raw text) and of ``<textarea>`` and
    ``<title>`` (escapable raw text) is text, whatever it looks like: a ``</div>``
    inside a script closes nothing, so it must not count, and the first matching end
    tag ends the element.

    kramdown, though, parses span-level raw HTML as a tree: for ``a<script><script>``
    it writes ``<script><script></script></script>`` (the oracle agrees).  A browser
    reads the inner ``<script>`` as text, ends the element at the first ``</script>``
    and ignores the second, an end tag matching no open element: the page is fine.
    So once a raw-text element has ended, an end tag matching no open element is
    taken as one of those (ignored, as the browser does).  An element left open, an
    end tag closing an element that is not the innermost open one, and any stray end
    tag before raw text are problems.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self._after_raw_text = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in RAW_TEXT:
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """``<br />``, ``<div/>``: nothing left open."""

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or (tag not in self.stack and self._after_raw_text):
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag in RAW_TEXT:
            self._after_raw_text = True


def unbalanced(html: str) -> list[str]:
    """What is wrong with the nesting of ``html`` (empty when balanced)."""
    checker = BalanceChecker()
    checker.feed(html)
    checker.close()
    return checker.problems + [f"<{tag}> never closed" for tag in checker.stack]


def test_balance_checker_itself() -> None:
    assert unbalanced("<p>a<br />b<img src=x></p>") == []
    assert unbalanced("<script>if (a < b) { s = '</div>' }</script>") == []
    assert unbalanced("<textarea><b></textarea>") == []
    assert unbalanced("<p>a<script><script></script></script></p>") == []
    assert unbalanced("<textarea><a><textarea>\n</textarea></a></textarea>") == []
    assert unbalanced("<pre><script><pre>\n</script></pre>") == []
    assert unbalanced("<p><script></p></script>") != []
    assert unbalanced("<div><p>x</div></p>") != []
    assert unbalanced("<p>a<script></script><b></p>") != []
    assert unbalanced("<p>a<script></script></p></script><i>") != []
    assert unbalanced("<div><p>x</div>") != []
    assert unbalanced("<p>x</p></p>") != []
    assert unbalanced("<div>") != []


MARKDOWN_PIECES = [
    "\n", "\n\n", " ", "   ", "    ", "\t", "a", "word", "é", "*", "**", "_", "__", "`",
    "```", "~~~", "~~", "[", "]", "(", ")", "[a]", "[a]: /u", "![i](/i.png)", "<", ">",
    "> ", "#", "# ", "- ", "+ ", "* ", "1. ", "|", "| a | b |\n|---|---|\n", "---", "===",
    ": ", "\\", "!", "&", "&amp;", "&#x", ";", '"', "'", "--", "...", "<<", "$$", "$",
    "[^1]", "[^1]: note", "*[HTML]: Hyper", "{:", "{: .cls}", "{:#id}", "{::comment}",
    "{:/}", "{:toc}", "<div>", "</div>", '<div markdown="1">', "<span>",
    "</span>", "<p>", "</p>", "<em>", "</em>", "<b>", "</b>", "<script>", "</script>",
    "<style>", "</style>", "<textarea>", "</textarea>", "<pre>", "</pre>", "<table>",
    "<tr>", "<td>", "</td>", "</tr>", "</table>", "<br>", "<br/>", "<hr>", "<img src=x>",
    "<!--", "-->", "<http://x.y>", "<a@b.c>", "http://x.y", "<?php", "?>", "<![CDATA[",
    "]]>", "</", "<a href='x'>", "</a>", "\x00", "\u2028",
]  # fmt: skip

_MARKDOWN = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=50).map("".join)
# Not in the alphabet: {::nomarkdown}, whose text kramdown (and dejekyll) writes out
# untouched, balanced or not; that is the user's raw HTML, not the converter's.


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(_MARKDOWN, st.text(max_size=200)))
@example("<div>\n<span>x\n</div>")
@example("a <script>if (a < b) { x = '</p>' }</script> b")
@example("a<script><script>")
@example("<textarea><a href='x'><textarea>")
@example("<textarea><script></textarea>")
@example("<textarea><textarea><textarea>")
@example("a<script><em><script>")
@example("<textarea><script></textarea>a")
@example("<pre><script><pre>")
@example("a<script><script></script><em>")
@example("a<script><!--</script>-->")
@example("<div><textarea><div><textarea>")
@example("<script>\nvar s = '<div>';\n</script>\n")
@example("<textarea><b></textarea>\n")
@example("* a\n\n  <div>\n* b")
def test_render_markdown_never_raises_and_is_balanced(text: str) -> None:
    html = dejekyll.render_markdown(text)
    assert isinstance(html, str)
    problems = unbalanced(html)
    assert not problems, f"{problems} in {html!r}"
