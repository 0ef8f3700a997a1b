"""Highlighting against Rouge's real output (goldens from the oracle, and the corpus).

Every golden must match once span markup inside ``<pre>`` is ignored. Strict equality is
tested for every golden too; the cases where our Pygments-based tokens still differ from
Rouge's are listed in ``STRICT_GAPS`` (strict xfail: a case that starts matching fails
until it is removed from the list).
"""

from __future__ import annotations

import html
import random
import re
import signal
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name

from dejekyll.highlight import (
    code_block,
    code_span,
    code_span_html,
    highlight_tag,
    is_known_language,
)
from dejekyll.highlight_rules import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "highlight"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SPAN = re.compile(r"</?span[^>]*>")


@dataclass(frozen=True)
class Case:
    """One golden: how to call us, and what Jekyll wrote."""

    name: str
    kind: str
    head: str
    code: str
    expected: str

    def render(self) -> str:
        """Our output for this case."""
        if self.kind == "blocks":
            return code_block(self.code, self.head or None)
        if self.kind == "spans":
            code = self.code.removesuffix("\n")
            return f"<p>{code_span_html(code, attributes=parse_ial(self.head))}</p>\n"
        if self.kind == "ial":
            ial, _, code = self.code.partition("\n")
            return code_block(code, self.head or None, attributes=parse_ial(ial))
        lang, *options = self.head.split()
        linenos = any(opt.startswith("linenos") for opt in options)
        return highlight_tag("\n" + self.code, lang, linenos=linenos)


IAL_ITEM = re.compile(r"""\.([^\s.#}]+)|#([^\s.#}]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)')""")


def parse_ial(text: str) -> dict[str, str]:
    """A block IAL's attributes in kramdown's order (classes joined into one ``class``)."""
    attr: dict[str, str] = {}
    for m in IAL_ITEM.finditer(text.strip().removeprefix("{:").removesuffix("}")):
        if m[1]:
            attr["class"] = f"{attr.get('class', '')} {m[1]}".lstrip()
        elif m[2]:
            attr["id"] = m[2]
        else:
            attr[m[3]] = m[4] if m[4] is not None else m[5]
    return attr


def load_cases() -> list[Case]:
    """All goldens under the fixtures directory."""
    cases = []
    for kind in ("blocks", "ial", "spans", "tags"):
        for path in sorted((FIXTURES / kind).glob("*.in")):
            head, _, code = path.read_text(encoding="utf-8").partition("\n")
            expected = path.with_suffix(".out").read_text(encoding="utf-8")
            cases.append(Case(f"{kind}/{path.stem}", kind, head, code, expected))
    return cases


CASES = load_cases()

# Cases whose tokens still differ from Rouge's; measured by test_strict_ratio.
STRICT_GAPS: frozenset[str] = frozenset(
    (FIXTURES / "strict_gaps.txt").read_text(encoding="utf-8").split()
)


def loose(text: str) -> str:
    """Drop span markup (the highlighting tokens) from HTML."""
    return SPAN.sub("", text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_golden_loose(case: Case) -> None:
    """Same HTML as Jekyll's, tokens aside: wrappers, escaping, text."""
    assert loose(case.render()) == loose(case.expected)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason="token gap")) if c.name in STRICT_GAPS else c
        for c in CASES
    ],
    ids=lambda c: c.name,
)
def test_golden_strict(case: Case) -> None:
    """Byte-identical to Jekyll's."""
    assert case.render() == case.expected


def test_strict_ratio() -> None:
    """Report the strict figure; it must not fall below what the gap list allows."""
    equal = sum(case.render() == case.expected for case in CASES)
    print(f"\nhighlight goldens: {equal}/{len(CASES)} strictly equal")
    assert equal == len(CASES) - len(STRICT_GAPS & {c.name for c in CASES})


# --------------------------------------------------------------------------- corpus

BLOCK = re.compile(
    r'^( *)<div class="language-(\S+) highlighter-rouge"><div class="highlight">'
    r'<pre class="highlight"><code>(.*?)</code></pre></div>\1</div>\n',
    re.DOTALL | re.MULTILINE,
)
PLAIN = re.compile(
    r'^( *)<pre><code class="language-(\S+)">(.*?)</code></pre>\n', re.DOTALL | re.MULTILINE
)
FIGURE = re.compile(
    r'<figure class="highlight"><pre><code class="language-\S+" data-lang="([^"]+)">'
    r"(.*?)</code></pre></figure>",
    re.DOTALL,
)
CODESPAN = re.compile(r'<code class="language-(\S+) highlighter-rouge">(.*?)</code>', re.DOTALL)
TABLE_CODE = re.compile(r'<td class="code"><pre>(.*?)</pre></td>', re.DOTALL)


def text_of(markup: str) -> str:
    """The code text inside highlighted markup."""
    return html.unescape(SPAN.sub("", markup))


def corpus_blocks() -> list[tuple[str, str, object]]:
    """(id, expected HTML, renderer) for each code block found in the corpus fragments."""
    found: list[tuple[str, str, object]] = []
    for frag in sorted(CORPUS.glob("*/jekyll/fragments/*.html")):
        if frag.name.startswith("_generated__"):
            continue  # feeds and archives embed other pages' HTML
        text = frag.read_text(encoding="utf-8")
        ident = f"{frag.parent.parent.parent.name}/{frag.stem}"
        for i, m in enumerate(BLOCK.finditer(text)):
            pad, lang, body = m.groups()
            found.append((f"{ident}#b{i}", m.group(0), (text_of(body), lang, len(pad))))
        for i, m in enumerate(PLAIN.finditer(text)):
            pad, lang, body = m.groups()
            if not is_known_language(lang):
                found.append((f"{ident}#p{i}", m.group(0), (text_of(body), lang, len(pad))))
        for i, m in enumerate(FIGURE.finditer(text)):
            lang, body = m.groups()
            table = TABLE_CODE.search(body)
            code = text_of(table.group(1)) if table else text_of(body)
            found.append((f"{ident}#f{i}", m.group(0), (code, lang, -1 if table else -2)))
        for i, m in enumerate(CODESPAN.finditer(text)):
            lang, body = m.groups()
            found.append((f"{ident}#s{i}", m.group(0), (text_of(body), lang, -3)))
    return found


CORPUS_BLOCKS = corpus_blocks() if CORPUS.is_dir() else []


def render_corpus(args: object) -> str:
    """Render one corpus block with our functions."""
    assert isinstance(args, tuple)
    code, lang, pad = args
    if pad == -3:
        return code_span_html(code, attributes={"class": f"language-{lang}"})
    if pad < 0:
        return highlight_tag(code, lang, linenos=pad == -1)
    return code_block(code, lang, indent=pad)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpora are not at {CORPUS}")
def test_corpus_blocks() -> None:
    """Corpus code blocks: all equal loosely; report the strict figure."""
    assert CORPUS_BLOCKS, "no code block found in the corpus"
    strict = 0
    for ident, expected, args in CORPUS_BLOCKS:
        ours = render_corpus(args)
        assert loose(ours) == loose(expected), ident
        strict += ours == expected
    print(f"\ncorpus code blocks: {strict}/{len(CORPUS_BLOCKS)} strictly equal")


# --------------------------------------------------------------------------- API


@pytest.mark.parametrize("tag", sorted(RULES))
def test_every_rule_lexes(tag: str) -> None:
    """Each language's lexer builds (all its regexes compile) and keeps the text intact."""
    sample = 'a = "b" # c\n<x y="1">{z}</x>\n  $v && f(1.5, [2]) /* d */ -- e\n`q` \\\n'
    lexer = RULES[tag].pygments
    if isinstance(lexer, str):
        lexer = get_lexer_by_name(lexer)
    else:
        lexer = lexer(stripnl=False, ensurenl=False)
    assert "".join(value for _, value in lexer.get_tokens(sample)) == sample
    assert loose(code_block(sample, tag)).count("\n") == sample.count("\n") + 1


@pytest.mark.parametrize(
    ("lang", "known"),
    [
        ("python", True),
        ("py", True),
        ("js", True),
        ("sh", True),
        ("shell", True),
        ("console", True),
        ("yml", True),
        ("c++", True),
        ("rb", True),
        ("text", True),
        ("R", True),
        ("ruby?start_inline=true", True),
        ("HTML", False),
        ("mermaid", False),
        ("foobar?x=1", False),
        ("", False),
    ],
)
def test_is_known_language(lang: str, known: bool) -> None:
    """Rouge's registry, case-sensitive, with CGI-style options."""
    assert is_known_language(lang) is known


FUZZ_PIECES = [
    *"abcXYZ019 \t\n\"'`$#%&*()[]{}<>/\\|;:,.=-+!?@^~_",
    *["\r\n", "if ", "def ", "---\n", "```\n", "{%", "%}", "{{", "}}", "<<EOF\n", "EOF\n"],
    *["/*", "*/", "//", "--", "#{", "${", "\\\n", "<?php ", "?>", "x:", "function ", "$("],
]


def _timeout(*_args: object) -> None:
    raise TimeoutError("lexer did not finish")


@pytest.mark.parametrize("tag", sorted(RULES))
def test_random_text_is_kept(tag: str) -> None:
    """Arbitrary text never hangs, crashes or loses a character in any language."""
    rng = random.Random(tag)
    old = signal.signal(signal.SIGALRM, _timeout)
    try:
        for _ in range(40):
            code = "".join(rng.choice(FUZZ_PIECES) for _ in range(rng.randint(0, 40)))
            signal.alarm(5)
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                out = code_block(code, tag)
            signal.alarm(0)
            body = re.search(r"<code>(.*)</code>", out, re.DOTALL)
            assert body is not None
            assert html.unescape(loose(body.group(1))) == code
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_docstring_examples() -> None:
    """The examples in the module's docstrings hold."""
    import doctest

    import dejekyll.highlight

    assert doctest.testmod(dejekyll.highlight).failed == 0


def test_code_span_body() -> None:
    """The span body alone, as the inline renderer wraps it; None for unknown languages."""
    assert code_span("a&b", None) == "a&amp;b"
    assert code_span("x", "python") == '<span class="n">x</span>'
    assert code_span("x", "foobar") is None


def test_indent_inside_list() -> None:
    """Kramdown indents the block and its closing div inside list items."""
    out = code_block("x\n", "plaintext", indent=4)
    assert out.startswith("    <div class=")
    assert out.endswith("</code></pre></div>    </div>\n")
