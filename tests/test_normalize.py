"""The fragment normaliser used by the golden tests (`tests/normalize.py`)."""

from __future__ import annotations

import importlib.util
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from goldens import markdown_cases
from normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"
YARDSTICK = SHARED / "tools" / "htmlnorm.py"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("<p>a\n  b</p>", "<p>a b</p>"),
        ("<p>x</p>\n\n<p>y</p>\n", "<p>x</p><p>y</p>"),
        ('<a title="t" href="u">x</a>', "<a href='u' title='t'>x</a>"),
        ("<p>a<!-- c -->b</p>", "<p>ab</p>"),
        ("<p>&copy; &#169; &amp;</p>", "<p>© © &amp;</p>"),
        ("<br />", "<br>"),
        ('<img src="a.png" />', '<img src="a.png">'),
        ('<p class="a  b">x</p>', '<p class="a b">x</p>'),
        ("<div>\n  <p>x</p>\n</div>", "<div><p>x</p></div>"),
        ("<li> a </li>", "<li>a</li>"),
    ],
)
def test_same(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("<pre>a\n  b</pre>", "<pre>a b</pre>"),
        ("<pre>\nx</pre>", "<pre>x</pre>"),
        ("<p>a <em>b</em></p>", "<p>a<em>b</em></p>"),
        ("<p>x</p>", "<div>x</div>"),
        ('<a href="u">x</a>', '<a href="v">x</a>'),
        ("<p>“q”</p>", '<p>"q"</p>'),
        ("<p>a\u00a0b</p>", "<p>ab</p>"),
        ('<pre><span class="k">if</span></pre>', "<pre>if</pre>"),
        ("<textarea>a  b</textarea>", "<textarea>a b</textarea>"),
    ],
)
def test_different(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_loose_ignores_spans_in_pre_only() -> None:
    highlighted = '<pre><code><span class="k">def</span> f</code></pre><p><span>x</span></p>'
    plain = "<pre><code>def f</code></pre><p><span>x</span></p>"
    assert normalize(highlighted, loose=True) == normalize(plain, loose=True)
    assert normalize(highlighted) != normalize(plain)
    assert normalize("<p><span>x</span></p>", loose=True) != normalize("<p>x</p>", loose=True)


def test_whitespace_around_pre_tags_is_kept() -> None:
    assert normalize("a <pre>x</pre>") == "a <pre>x</pre>"
    assert normalize("<p>a</p> <pre> x </pre> <p>b</p>") == "<p>a</p><pre> x </pre><p>b</p>"


# --------------------------------------------------------------------------- against the yardstick


def _load_yardstick() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_htmlnorm", YARDSTICK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus_fragments() -> list[str]:
    paths = sorted(SHARED.glob("corpus/*/jekyll/fragments/*.html"))
    paths = [p for p in paths if not p.name.startswith(("_generated", "_redirect"))]
    return [p.read_text(encoding="utf-8") for p in paths]


def _variants(fragment: str, other: str) -> list[str]:
    """Fragments that a renderer might produce instead of `fragment`, equal or not."""
    return [
        fragment,
        re.sub(r">\s*<", ">\n  <", fragment),  # re-indented
        re.sub(r"[ \t]+", "  ", fragment),  # doubled spaces (also inside <pre>)
        fragment.replace("</p>", "<!-- c --></p>"),  # comments
        fragment.replace("&amp;", "&#38;").replace("\u2019", "&rsquo;"),  # entity spelling
        re.sub(r'<span class="[^"]*">([^<]*)</span>', r"\1", fragment),  # no highlighting
        fragment.replace("<p>", "<p> ", 1),  # space at a block edge
        fragment.replace("<em>", "<i>").replace("</em>", "</i>"),  # different markup
        fragment.replace(" />", ">"),  # void tag spelling
        fragment.replace("\n", " ", 3),
        other,
    ]


@pytest.mark.skipif(
    not YARDSTICK.exists(),
    reason=f"the shared yardstick {YARDSTICK} is not available (only in the project's CI)",
)
def test_same_verdict_as_shared_htmlnorm() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _check_same_verdicts(_load_yardstick().normalize)


def _check_same_verdicts(yardstick: Callable[..., str]) -> None:
    fragments = [f for f in _corpus_fragments() if f.strip()]
    assert len(fragments) >= 30
    pairs = 0
    for i, fragment in enumerate(fragments):
        other = fragments[(i + 1) % len(fragments)]
        for loose in (False, True):
            assert normalize(fragment, loose) == yardstick(fragment, loose)
            for variant in _variants(fragment, other):
                ours = normalize(fragment, loose) == normalize(variant, loose)
                theirs = yardstick(fragment, loose) == yardstick(variant, loose)
                assert ours == theirs, (i, loose, variant[:200])
                pairs += 1
    assert pairs >= 60
    for case in markdown_cases():  # the goldens exercise raw HTML, <pre> and entities
        for loose in (False, True):
            assert normalize(case.expected, loose) == yardstick(case.expected, loose), case.id
