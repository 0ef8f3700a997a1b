"""Regenerate tests/fixtures/markdown_inline/*.md from the Jekyll oracle (inline Markdown cases).

Each case is (title, Markdown input); the expected HTML is whatever the oracle's kramdown
produces, written in markdown-it's fixture format.  Never edit the output files by hand.

Usage: regen_inline_goldens.py [--check]   (--check: only print cases where dejekyll differs)
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from inline_oracle import oracle_fragments

OUT_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "markdown_inline"

CASES: dict[str, list[tuple[str, str]]] = {
    "emphasis": [
        ("mixed runs", "*a**b* and **a*b** and _a__b_ and *a*b"),
        ("strong intraword", "a**b**c and **a**b and __a__b and a__b__"),
        ("em at end after punctuation", "*a.* and *a*. and _a_, and (*a*)"),
        ("em with newline before closer", "*a\n*b"),
        ("four stars", "****a**** and ****"),
        ("underscore strong inside em", "_a __b__ c_"),
        ("star em containing underscore em", "*a _b_ c*"),
        ("emphasis over html", "*a <span>b* c</span>"),
        ("star intraword", "foo*bar*baz and 2*3*4"),
        ("underscore intraword", "snake_case_word and _em_ and x_y_"),
        ("underscore after hyphen word", "a-_b_ and ab-_c_ and -_d_"),
        ("double underscore", "__init__ and __a__b"),
        ("triple star", "***x*** and ***y** z*"),
        ("strong fallback to em", "**a* b"),
        ("em closing before double", "*a **b** c*"),
        ("unclosed em", "a *b c"),
        ("em space after opener", "a * b* c"),
        ("em space before closer", "*a *b"),
        ("nested em not allowed", "*a *b* c*"),
        ("strong in strong", "**a **b** c**"),
        ("underscore before alnum", "_a_b_ c_"),
        ("em across lines", "*a\nb*"),
        ("empty em", "** and __ and *** x"),
        ("em with code", "*a `*` b*"),
        ("em in link", "[*a*](u) *[b](v)*"),
        ("stars many", "* * * a** b **c"),
        ("em unicode", "*é* _ü_ é_x_"),
        ("em punctuation", "*(a)* _(b)_ **[c]**"),
    ],
    "code": [
        (
            "codespan highlighted through ial",
            "`x = 1`{:.language-python} and `a`{: .foo .language-ruby} and `b`{:.language-plaintext}",
        ),
        ("simple", "a `b` c"),
        ("double", "``a ` b`` and `` `x` ``"),
        ("spaces inside", "` x ` and `y `"),
        ("backtick after space", "a ` b"),
        ("unclosed", "a `b and ``c`"),
        ("html and entities", "`<b>&amp;&copy;</b>` and `a & b`"),
        ("codespan ial", "`x`{:.foo} and `y`{: #id}"),
        ("codespan language ial unknown", "`x`{:.language-foobar}"),
        ("multiline", "`a\nb`"),
        ("triple", "```x``` and ````y````"),
        ("quotes in code", "`\"a\" 'b' -- ...`"),
    ],
    "links": [
        ("title with trailing space", '[a](b "t" ) and [c]( d )'),
        ("spaces then title", '[a](b c "t") and [d](<e>"t")'),
        ("reference with space", "[a] [b] and [a]\n[b]\n\n[b]: /b"),
        ("angle autolink odd", "<http://a.b/c?d=<e>> and <https://x y>"),
        ("link inside html a", '<a href="x">[link](y)</a>'),
        ("image with empty alt", "![](a.png) and ![ ](b.png)"),
        ("url with entity", "[a](b&copy;c) and <http://x?a&amp;b>"),
        ("inline", "[t](http://x.com)"),
        ("title double", '[t](u "T")'),
        ("title single", "[t](u 'T')"),
        ("spaces in url", "[x](my file.md)"),
        ("empty", "[]() and [a]()"),
        ("angle url", '[a](<b c>) and [d](<e> "t")'),
        ("balanced parens", "[a](b(c)d) and [e](f(g)"),
        ("ampersand in url", "[a](?x=1&y=2) and [b](?x=1&amp;y=2)"),
        ("reference", '[a][b] and [B] and [c][]\n\n[b]: /bee "Bee"\n[c]: /see'),
        ("reference case whitespace", "[Foo\nBar] and [x][FOO   bar]\n\n[foo bar]: /fb"),
        ("undefined reference", "[nope] and [a][nope] and [a] [b]"),
        ("nested brackets", "[a [b] c](u) and [a [b](v) c](u)"),
        ("link in link", "[a [b](v)](u)"),
        ("image", '![alt *x* "q"](i.png "T")'),
        ("image in link", "[![i](s)](u) and [a ![i](s) b](u)"),
        ("image reference", "![logo]\n\n[logo]: /l.png"),
        ("escaped brackets", "\\[a\\](b) and [a\\]b](c)"),
        ("link with ial", '[l](u){:target="_blank"} and [m](v){: .c #i}'),
        ("link text with code", "[`a]`](u)"),
        ("link with newline in text", "[a\nb](u)"),
        ("url with quotes", '[a](u"x") and [b](u \'x)'),
        ("link followed by paren text", "[a] (b)\n\n[a]: /a"),
        ("link caret", "[^a] and [ ^b](u)"),
        ("autolink", "<https://x.com/a?b=1&c=2> and <mailto:a@b.c> and <a@b.c> and <ftp://f>"),
        ("not autolink", "https://bare.example.com and www.x.com and <www.x.com> and <x:y>"),
    ],
    "html": [
        ("attribute forms", "<span a=b c='d' e f=\"g>h\">x</span>"),
        ("br and img self closing", 'a<br/>b<img src="x"/> c<br   />'),
        ("html comment in emphasis", "*a <!-- b --> c*"),
        ("tag split across lines", '<span\nclass="x">a</span>'),
        ("unknown element with markdown attr", '<foo markdown="1">*a*</foo>'),
        ("span parsed", 'a <span class="x">*b*</span> c'),
        ("block tag escaped", "Text <div>x</div> more"),
        ("phantom element", "x<y>z and &lt;3"),
        ("raw content models", '<u>*a*</u> <mark>*m*</mark> <code>*c*</code> <kbd>"k"</kbd>'),
        ("unquoted attr not word", "<img src=a.png width=100> x"),
        ("void and boolean", "<img src=\"a.png\" alt='x'> <br> <input disabled> <br/>"),
        ("empty id dropped", '<span id="">a</span> <SPAN CLASS=x>b</SPAN>'),
        ("unknown case kept", '<Foo Bar="x">e</Foo> <foo>f</FOO>'),
        ("stray close tag", "a </span> b </div> c"),
        ("comment", "a <!-- c *x* --> *e*"),
        ("unterminated comment", "a <!-- x -- y"),
        ("lt not tag", "a <b and <3 and a < b > c"),
        ("attribute newline", '<span title="a\nb">t</span>'),
        (
            "markdown attr",
            '<span markdown="0">*a*</span> <u markdown="1">*b*</u> <kbd markdown="span">*c*</kbd>',
        ),
        ("nested spans", "<span><b>*a*</b> <i>_b_</i></span>"),
        ("unclosed span", "a <span>*b* c\nd"),
        ("quotes around tags", "\"<b>b</b>\" and '<i>i</i>'"),
        ("entity in attribute", '<a href="?a=1&b=2&amp;c">l</a>'),
        ("self closing span", "a <span/> b <b/>c"),
        ("tag with dash and colon", "<my-el>x</my-el> <x:y>z</x:y>"),
        ("script inline", 'a <script>var x = "*a*";</script> b'),
    ],
    "typography": [
        ("arrows and runs", "<<< and >>> and --> and <-- and a->b and .... and ....."),
        ("quotes edge", "'a' \"a\"b a'b'c \" '' \"\" '\"a\"'"),
        ("quote before star", '"*" and \'*a\' and "**b**"x'),
        ("quote after newline and star", "a\n'b' *\"c\"*"),
        ("possessive plural", "the students' work and the '60s and '20 and it's"),
        ("quote then punctuation", "\"a\"? 'b'! \"c\": 'd';"),
        ("double then single", "\"'Hi,' she said\""),
        ("dashes around words", "pages 10--20 and em---dash and - single"),
        ("dashes ellipsis", "A -- B --- C ... D ---- E ----- F"),
        ("guillemets", "<< a >> and <<b>> and \\<< c \\>>"),
        ("pipes dashes", "Intro |---|---| and a--b"),
        ("quotes basic", "\"double\" 'single' it's '90s"),
        ("quotes punctuation", '"a." \'b,\' ("c") ["d"] "e"-- \'f\'...'),
        ("quotes nested", "\"'a' b\" and '\"c\" d'"),
        ("quotes before emphasis", '"*a*" \'_b_\' "**c**"'),
        ("apostrophes", "don't rock 'n' roll the '80s 'tis Joe's"),
        ("escaped quotes", "\\\"a\\\" and \\'b\\'"),
        ("quotes at line start", "a\n\"b\"\n'c'"),
        ("quote after open bracket", '("a") {"b"} [\'c\']'),
        ("quotes numbers", "5'10\" and 1\" 2'"),
        ("quotes unicode", "\"é\" 'ü' l'été"),
        ("quote after code", "`a`\" and `b`'s"),
        ("quote after entity", "&amp;\" and &copy;'s"),
        ("ellipsis quote", "...\" and ...'"),
    ],
    "entities": [
        ("edge code points", "&#0; &#x27; &#39; &#9; &#10;"),
        ("uppercase hex", "&#X41; &#x41; &Eacute; &eacute; &EACUTE;"),
        ("named", "&copy; &amp; &nbsp; &lt; &gt; &quot; &apos; &hellip;"),
        ("numeric", "&#8212; &#x2014; &#169; &#38; &#60; &#34; &#150;"),
        ("invalid", "&bogus; &foo &#xZZ; AT&T & x"),
        ("swapped names", "&lang; &rang; &lceil; &rceil; &vellip;"),
        (
            "escapes",
            (
                "\\\\ \\. \\* \\_ \\+ \\` \\< \\> \\( \\) \\[ \\] \\{ \\} \\# \\! \\: \\| "
                "\\\" \\' \\$ \\= \\- \\~ \\@ \\a"
            ),
        ),
        ("escape before ampersand", "\\&copy; and \\&amp;"),
    ],
    "breaks": [
        ("hard_wrap cannot be set inline", '{::options hard_wrap="true" /}\n\na\nb'),
        (
            "gfm_quirks cannot be set inline",
            '{::options gfm_quirks="no_auto_typographic" /}\n\na -- b',
        ),
        ("two spaces at end", "a  "),
        ("tab before newline", "a\t\nb"),
        ("spaces after backslash", "a\\  \nb"),
        ("two spaces", "a  \nb"),
        ("backslash", "a\\\nb"),
        ("double backslash", "a\\\\\nb"),
        ("triple backslash", "a\\\\\\\nb"),
        ("trailing backslash", "a\\"),
        ("plain newline", "a\nb"),
        ("break in emphasis", "*a\\\nb*"),
        ("break in span html", "<span>a\\\nb</span>"),
        ("break in link", "[a\\\nb](u)"),
        ("three spaces", "a   \nb"),
        ("break then trailing", "a\\\nb\\"),
    ],
    "strike": [
        ("basic", "~~del~~ and ~~a b~~"),
        ("single tilde", "~a~ and ~~ spaced ~~"),
        ("nested emphasis", "~~*a*~~ and *a ~~*b*~~ c*"),
        ("unclosed", "~~a and b~"),
        ("multiline", "~~a\nb~~"),
    ],
    "math": [
        ("no math engine", '{::options math_engine="null" /}\n\na $$x<y$${:.c} b $$z$$'),
        ("dollar escape", "a \\$$b$$ and $$c\\$$"),
        ("inline", "a $$x+y$$ b"),
        ("single dollar literal", "$x$ and $5 and $$"),
        ("escaped", "\\$$a$$ and $\\$b$$"),
        ("html escaped", "$$a<b & c>d$$"),
        ("math ial", "$$x$${:.c}"),
        ("multiline", "a $$x\ny$$ b"),
        ("paragraph start", "$$a$$ text"),
    ],
    "footnotes": [
        ("footnote names", "a[^x-y] b[^x_1] c[^é]\n\n[^x-y]: xy\n[^x_1]: x1\n[^é]: e"),
        ("basic", "a[^1] b[^n]\n\n[^1]: one\n[^n]: en"),
        ("repeat", "a[^1] b[^1] c[^1]\n\n[^1]: one"),
        ("undefined", "a[^x] and [^]"),
        ("order by reference", "a[^b] b[^a]\n\n[^a]: A\n[^b]: B"),
        ("in emphasis and link", "*a[^1]* [b[^1]](u)\n\n[^1]: one"),
        ("footnote in footnote", "a[^1]\n\n[^1]: one[^2]\n[^2]: two"),
    ],
    "abbreviations": [
        ("basic", "HTML and CSS\n\n*[HTML]: Hyper Text\n*[CSS]: Style"),
        ("word boundary", "HTML5 xHTML HTML-x (HTML) HTML_x\n\n*[HTML]: H"),
        ("longest first", "HTML5 HTML\n\n*[HTML]: H\n*[HTML5]: H5"),
        ("empty title", "W3C\n\n*[W3C]:"),
        ("inside emphasis and link", "*HTML* [HTML](u) `HTML`\n\n*[HTML]: H"),
        ("not in raw html", "<code>HTML</code> <span>HTML</span>\n\n*[HTML]: H"),
        ("at line start", "x\nHTML y\n\n*[HTML]: H"),
        ("special chars", "R&D and a.b.\n\n*[R&D]: Research\n*[a.b.]: ab"),
        ("adjacent", "HTML-HTML and (HTML)HTML\n\n*[HTML]: H"),
    ],
    "ial_ext": [
        ("ial after code and entity", '`a`{:.x} &copy;{:.y} "q"{:.z}'),
        ("unclosed comment extension", "a {::comment} b"),
        ("ial with id and classes", "*a*{:#x.y.z}"),
        ("nomarkdown type", 'a {::nomarkdown type="latex"}X{:/} b'),
        ("em ial", "*em*{: .x} **s**{:#i}"),
        ("ial after text ignored", "text{: .x} and {: .y}"),
        ("ald reference", '{:ref: .c1 title="t"}\n\n*a*{: ref}'),
        ("span comment", "a {::comment}hidden *x*{:/comment} b"),
        ("span nomarkdown", "a {::nomarkdown}<b>*x*</b>{:/} b"),
        ("unknown extension", "a {::foo}x{:/foo} b"),
        ("options inline", 'a {::options smart_quotes="lsquo,rsquo,ldquo,rdquo" /} b'),
        ("stray stop", "a {:/} b {:/x} c"),
        ("ial key value escapes", '*a*{: title="x \\" y" data-x=\'1\'}'),
    ],
    "headers": [
        ("header typography id", '# Café -- "quoted" it\'s...'),
        ("header code and html", '## `code` & <b>bold</b> "quotes"'),
        ("header guillemets", "# << a >> b"),
        ("header entity", "# A &amp; B &copy; &#x2014; x"),
        ("header footnote and image", "# T[^1] ![i](s) x\n\n[^1]: n"),
        ("header math", "# $$a+b$$ x"),
        ("header abbreviation", "# HTML x\n\n*[HTML]: H"),
    ],
}


# Cases under non-default kramdown settings: file stem -> (settings, cases).  The settings are
# written next to the fixture as ``<stem>.json``.
OPTION_CASES: dict[str, tuple[dict[str, object], list[tuple[str, str]]]] = {
    "opt_hard_wrap": (
        {"hard_wrap": True},
        [("newlines become breaks", "a\nb  \nc\\\nd *e\nf* <span>g\nh</span>")],
    ),
    "opt_no_typographic": (
        {"gfm_quirks": ["paragraph_end", "no_auto_typographic"]},
        [("no typographic symbols", 'a -- b --- c ... << d >> "q"')],
    ),
    "opt_smart_quotes": (
        {"smart_quotes": "apos,apos,quot,quot"},
        [("straight quotes", "\"double\" 'single' it's")],
    ),
    "opt_entity_numeric": (
        {"entity_output": "numeric"},
        [("numeric entities", '&copy; &#8212; -- "q" &amp; &lt; << a')],
    ),
    "opt_entity_symbolic": (
        {"entity_output": "symbolic"},
        [("symbolic entities", '&copy; &#8212; -- "q" &amp; &#60; &#x263A;')],
    ),
    "opt_footnote_nr": (
        {"footnote_nr": 5},
        [("footnote start number", "a[^x] b[^y]\n\n[^x]: X\n[^y]: Y")],
    ),
    "opt_no_span_html": (
        {"parse_span_html": False},
        [("span html not parsed", "a <span>*b*</span> <b>**c**</b>")],
    ),
}


# Seeded random span soup: every construct mixed with every other (same seed, same cases).
_SOUP = [
    *"ab c*_`~[]()!<>/&;#'\"\\{}:.-$=|é ",
    *["\n", "<span>", "</span>", "<b>", "</b>", "<div>", "<!--", "-->", "[^1]", "{::comment}"],
    *["{:/}", "{: .x}", "&amp;", "&copy;", "&#x41;", "](u)", "<http://x>", "$$", "~~", "**"],
    *["__", "<code>", "</code>", '<a href="x">', "</a>", "HTML", "  \n", "\\\n", "...", "--"],
    *["<<", ">>", "'s", " '", '" ', "![", "[a]", "[b]", "<br>", '<img src="i">'],
]
_SOUP_DEFS = '\n\n[^1]: note\n[a]: /a "A"\n\n*[HTML]: hyper'


def soup_cases(count: int, seed: int = 20261126) -> list[tuple[str, str]]:
    """``count`` random paragraphs (or headers) of span syntax, with shared definitions."""
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        body = "".join(rng.choice(_SOUP) for _ in range(rng.randint(1, 50)))
        body = body.lstrip(" ").replace("\n\n", "\n")
        lead = rng.choice(["x ", "x ", "# ", "## a "])
        cases.append((f"soup {i}", lead + body + _SOUP_DEFS))
    return cases


CASES["soup"] = soup_cases(200)

# Non-ASCII text next to the delimiters: Ruby's character classes are not Python's.
_UNICODE_SOUP = [
    *"ab é中²½Ⅻ٣\u0301\u093f\u00a0\u200b😀ا_*\"'`-",
    *["_é_", "*中*", "é_x_", "中_a_", "²_a_", "a_²", '\u00a0"', "😀's", "&#x1F600;"],
    *["&eacute;", "<ü>", '<span title="é">', "</span>", "कि_", "_कि"],
]


def unicode_cases(count: int, seed: int = 14) -> list[tuple[str, str]]:
    """``count`` random paragraphs of non-ASCII text mixed with emphasis and quotes."""
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        body = "".join(rng.choice(_UNICODE_SOUP) for _ in range(rng.randint(1, 40)))
        cases.append((f"unicode {i}", "x " + body.lstrip(" ")))
    return cases


CASES["unicode"] = unicode_cases(100)


def fixture_text(cases: list[tuple[str, str]], outputs: list[str]) -> str:
    """markdown-it fixture format: title, ``.``, input, ``.``, expected, ``.``."""
    blocks = []
    for (title, source), html in zip(cases, outputs, strict=True):
        blocks.append(f"{title}\n.\n{source}\n.\n{html}.\n")
    return "\n".join(blocks)


def main(argv: list[str]) -> int:
    """Write one fixture file per group (or, with --check, show where dejekyll differs)."""
    flat = [(group, title, src) for group, cases in CASES.items() for title, src in cases]
    outputs = oracle_fragments([src for _, _, src in flat])
    if "--check" in argv:
        from dejekyll.markdown import render_markdown as render

        for stem, (settings, cases) in OPTION_CASES.items():
            outs = oracle_fragments([src for _, src in cases], settings)
            for (title, src), html in zip(cases, outs, strict=True):
                got = render(src, settings)
                if got != html:
                    print(f"== {stem}: {title}\nIN : {src!r}\nEXP: {html!r}\nGOT: {got!r}")
        sys.path.insert(0, str(OUT_DIR.parent.parent))
        from normalize import normalize  # type: ignore[import-not-found]

        from dejekyll.markdown import render_markdown

        bad = 0
        for (group, title, src), html in zip(flat, outputs, strict=True):
            got = render_markdown(src)
            if normalize(got) != normalize(html):
                bad += 1
                print(f"== {group}: {title}\nIN : {src!r}\nEXP: {html!r}\nGOT: {got!r}")
        print(f"{len(flat) - bad}/{len(flat)} equal")
        return 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    index = 0
    for group, cases in CASES.items():
        chunk = outputs[index : index + len(cases)]
        index += len(cases)
        (OUT_DIR / f"{group}.md").write_text(fixture_text(cases, chunk), encoding="utf-8")
    for stem, (settings, cases) in OPTION_CASES.items():
        outputs = oracle_fragments([src for _, src in cases], settings)
        (OUT_DIR / f"{stem}.md").write_text(fixture_text(cases, outputs), encoding="utf-8")
        (OUT_DIR / f"{stem}.json").write_text(json.dumps(settings) + "\n", encoding="utf-8")
    print(f"wrote {len(flat)} cases + {len(OPTION_CASES)} option files to {OUT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
