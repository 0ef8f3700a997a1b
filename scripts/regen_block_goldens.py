"""Regenerate tests/fixtures/markdown_blocks/cases.json from the Jekyll oracle.

The inputs are the block-level cases listed in ``CASES`` plus a seeded random mix of block
constructs (``random_cases``); the expected HTML of every case is what the oracle (Jekyll 4.3.1 +
kramdown 2.4.0) writes as the page's fragment.  Nothing here is hand-written HTML.

Usage: .venv/bin/python scripts/regen_block_goldens.py
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
from pathlib import Path

ORACLE = Path("/work/shared/oracle/run")
OUT = Path(__file__).resolve().parent.parent / "tests/fixtures/markdown_blocks/cases.json"

CASES: dict[str, str] = {
    "html_raw_blank_lines": "<div>\n\n*em*\n\n</div>\n",
    "html_markdown_1": '<div markdown="1">\n*em*\n</div>\n',
    "html_details_raw": "<details>\n<summary>S *x*</summary>\n\n**b**\n\n</details>\n",
    "html_details_md": '<details markdown="1">\n<summary>S *x*</summary>\n\n**b**\n\n</details>\n',
    "html_unclosed_swallows": "<div>\npara\n\n# Heading\n",
    "html_nested_unclosed": "<div><p>one</div>\n\nafter\n",
    "html_block_tag_in_para": "Text <div>x</div> more\n",
    "html_img_unquoted_not_tag": "<img src=a.png width=100>\n",
    "html_img_para": '<img src="a.png" width=100>\n',
    "html_boolean_attr": "<video controls>\n<source src='a.mp4'>\n</video>\n",
    "html_text_escaping": '<div>AT&T &amp; &copy; a < b > c "q"</div>\n',
    "html_comment_then_text": "<!-- c --> text\n",
    "html_comment_unterminated": "<!-- x -- y\n",
    "html_comment_multiline": "<!-- multi\n\nline -->\n\n  <!-- indented -->\n",
    "html_comment_in_para": "para\n<!-- c -->\nmore\n",
    "html_no_blank_before": "text\n<div>b</div>\n",
    "html_no_blank_after": "<div>b</div>\ntext\n",
    "html_trailing_text": "<div>x</div> trailing *text*\n",
    "html_indented": "  <div>\n    <p>hi</p>\n  </div>\n",
    "html_td_markdown_in_raw_table": '<table>\n  <tr>\n    <td markdown="1">*a*</td>\n  </tr>\n</table>\n',
    "html_script_style": "<script>\nvar x = 1 < 2;\n</script>\n<style>a{}</style>\n",
    "html_p_raw": "<p>para *x*</p>\n",
    "html_span_para": "<span>*a*</span> text\n",
    "html_hr_br": "<hr>\n\n<br>\n",
    "html_self_closing_div": "<div/>\n<div />\n",
    "html_uppercase": '<DIV CLASS="x">Y</DIV>\n',
    "html_custom_element": "<custom-el a=b>\n*x*\n</custom-el>\n",
    "html_stray_close": "</div>\n\ntext\n</div>\n",
    "html_nested_raw": "<div>\n<div>\ninner\n</div>\n</div>\n",
    "html_md_with_raw_child": '<div markdown="1">\n<div>\n*raw*\n</div>\n*md*\n</div>\n',
    "html_md_code_inside": '<div markdown="1">\n\n    code inside md div\n\n</div>\n',
    "html_markdown_block": '<section markdown="block">\n# H\n\n- a\n</section>\n',
    "html_markdown_span_p": '<p markdown="1">*x* y</p>\n',
    "html_markdown_span": '<div markdown="span">*x*\n\ny</div>\n',
    "html_markdown_0": '<div markdown="0">*x*</div>\n',
    "html_table_markdown_raw": '<table markdown="1">\n<tr><td>*x*</td></tr>\n</table>\n',
    "html_pre": "<pre>\n*x* <b>\n</pre>\n",
    "html_processing_instruction": "<?php echo 1; ?>\n",
    "html_figure": '<figure>\n<img src="a">\n<figcaption>Cap</figcaption>\n</figure>\n',
    "html_4_space_inside": "<div>\n\n    indented inside\n\n</div>\n",
    "header_gfm_ids": "# Hello, World!\n# Hello, World!\n## Ünïcödé Straße\n# !!!\n# a  b\tc\n",
    "header_gfm_ids_typography": "# emoji 🎉 here\n# Über--alles... yes\n# _under_score_\n"
    '# 123 Numbers\n# Café -- "quoted" it\'s...\n',
    "header_kramdown_ids_in_html": '<div markdown="1">\n## Hello, World! é\n## Hello, World! é\n</div>\n',
    "header_explicit_id": "# A {#a}\n# A\n## X {: #id}\n",
    "header_closing_hashes": "# Header #\n## Title \\#\n#NoSpace\n#hashtag\n",
    "header_code_html": '# `code` & <b>bold</b> "quotes"\n',
    "header_setext": "Title\n=====\n\nSub\n---\n\na\nb\n---\n",
    "para_end_quirk": "para\n# head\n\npara\n- item\n\npara\n> quote\n\npara\n```\ncode\n```\n",
    "para_no_interrupt": "para\n    not code\n\npara\n$$\nx\n$$\n\nIntro\n| A | B |\n|---|---|\n",
    "para_year_list": "We published in\n2020. Then\n",
    "para_definition": "Ratio 3\n: 4\n",
    "list_ordered_start_ignored": "3. a\n4. b\n\n1) a\n",
    "list_nested": "- a\n    - b\n        - c\n- d\n",
    "list_loose": "* a\n\n* b\n",
    "list_continuation": "1. a\n2. b\n   continued\n\n   para\n",
    "list_ul_then_ol": "- a\n1. b\n",
    "list_mixed_markers": "+ a\n* b\n- c\n",
    "list_empty_item": "-\n- a\n\n- \n  a\n",
    "list_tab": "- a\n\t- b\n",
    "list_code_in_item": "- item\n\n      indented code\n",
    "list_blank_lines": "- a\n\n\n- b\n\ntext\n",
    "task_list": "- [ ] a\n- b\n- [x] c\n",
    "list_item_ial": "- {: .x} item\n- other\n",
    "blockquote_nested_lazy": "> a\n> > b\n> c\nlazy\n\n> another\n",
    "hr_variants": "***\n---\n___\n* * *\n- - -\n",
    "code_indented": "    code\n    more\n\n\n    after blank\n\n\tcode with tab\n",
    "code_fenced": "~~~\ntilde\n~~~\n\n````\n```\ninner\n```\n````\n\n``` ruby\nx = 1\n```\n",
    "code_fence_attrs_not_fence": "```js {.cls}\nx\n```\n\n```foobar\nx\n```\n\n```\nunclosed\n",
    "code_ial": "    code\n{: .cls #cid}\n",
    "table_basic": "| A | B |\n|---|:-:|\n| 1 | 2 |\n",
    "table_no_header": "| a | b |\n| c | d |\n",
    "table_footer": "|a|b|\n|-|-|\n|1|2|\n|===|\n|f|g|\n",
    "table_no_leading_pipe": "a | b\n--|--\n1 | 2\n",
    "table_code_pipe": "| `a|b` | c |\n|---|---|\n| x \\| y | z |\n",
    "table_alignments": "| l | c | r | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 |\n",
    "math_block": "$x$ and $5\n\n$$a$$\n\n$$\nx^2\n$$\n\npara\n\n$$x$$ text\n\n\\$$x$$\n",
    "math_block_ial": "$$\nE = mc^2\n$$\n{: .eq}\n",
    "footnotes": "Footnote[^1] and again[^1] and [^2] and [^x].\n\n[^1]: Note *one*.\n"
    "[^2]: Note two\n    continued.\n\n    Para 2.\n",
    "footnote_unused": "[^1]: Unused\n\nText\n",
    "footnote_list_content": "Text[^a].\n\n[^a]:\n    - one\n    - two\n",
    "toc": "* TOC\n{:toc}\n\n# One\n## Two\n# Three {#three}\n### Four\n{: .no_toc}\n",
    "toc_ordered": "1. toc\n{:toc}\n\n## A\n### B\n## C\n",
    "ial_ald": 'Para\n{: .cls #pid key="v"}\n\n{:ald: .a1 title="t"}\n\nText\n{: ald}\n',
    "ial_before_block": "{: .first}\nPara one\n\n{: .q}\n> quote\n",
    "extensions": "{::comment}\nhidden *x*\n{:/comment}\n\n{::nomarkdown}\n<b>raw</b>\n{:/}\n",
    "options_parse_block_html": '{::options parse_block_html="true" /}\n\n<div>\n*em*\n</div>\n',
    "abbreviation": "*[HTML]: Hyper Text Markup Language\n\nHTML is HTML.\n",
    "link_definitions": '[link][ref] and [Ref]\n\n[ref]: http://x.com "Title"\n'
    "[foo]: /url\n[bar]: </url2> 'T'\n\n[foo] [bar]\n",
    "definition_lists": "Term\n: def one\n: def two\n\nTerm2\n\n: def para\n",
    "eob_marker": "Hello\n^\nnext\n\n- a\n^\n- b\n",
    "line_breaks": "line\\\nnext  \nthird\n",
    "line_break_root_text": "  \t- y\\\n      10. - z\n\n  \t+ x  \n\n  \t+ y\\\n",
    "line_break_footnote": "x[^1]\n\n[^1]: a\\\n    b\n",
    "nbsp_not_whitespace": "\u00a0nbsp start\n\n    \u00a0x\n\n|\u00a0a|\n",
    "entity_ascii_names": "<div>&\u00e9; &amp; &copy;</div>\n",
    "options_toc_levels": '{::options toc_levels="2..3" /}\n* toc\n{:toc}\n# A\n## B\n### C\n#### D\n',
    "options_footnote_nr": '{::options footnote_nr="5" /}\nx[^1]\n\n[^1]: y\n',
    "options_auto_ids_off": '{::options auto_ids="false" /}\n# No id\n',
    "options_header_offset": '{::options header_offset="1" /}\n# One\n###### Six\n',
    "link_definition_ial": '[x][r] and [y][r]\n\n[r]: /u "T"\n{: .c target="_blank"}\n',
    "definition_list_ial_pending": "A\n\n{: .k}\n: dd\n",
    "definition_term_auto_ids": "{: auto_ids}\nTerm one\n: def\n\nOther\n: d\n",
    "abbreviation_ial": "{: .cls #id}\n\n*[HTML]: Hyper\n\nHTML here\n",
    "table_code_span_rewritten": "| ```a``` | b |\n|---|---|\n| x | y |\n",
    "table_span_html_hides_pipes": "a <span>x | y</span>\n\n| a <span>b | c\n",
    "table_failed_consumes_ial": '   {: .k}\n |--|--|\n  <span markdown="1">\n   *\n | a | b |\n',
    "code_block_ial_unknown_lang": "```foobar\nx\n```\n{: .c #i}\n",
    "toc_header_content": "* TOC\n{:toc}\n\n# A *em* [link](u) `code`[^1]\n## B <span>s</span>\n"
    "# C\n\n[^1]: n\n",
    "toc_first_only": "* TOC\n{:toc}\n\n* TOC2\n{:toc}\n\n# A\n",
    "toc_in_html_ids": '<div markdown="1">\n* TOC\n{:toc}\n</div>\n\n# A\n# A\n',
    "toc_attributes": "* TOC\n{: .toc-class #my-toc toc}\n\n# A\n## B\n",
    "toc_levels_skipped": "* TOC\n{:toc}\n\n### Three\n# One\n## Two\n\n# !!!\n",
    "diagnostic_free_deep_html": "<div>\n" * 50 + "x\n",
}

# Jekyll config ``kramdown: {input: kramdown}``: the plain kramdown parser (no GFM).
KRAMDOWN_INPUT_CASES: dict[str, str] = {
    "kd_input_fences": "```\ncode\n```\n\n~~~\ntilde\n~~~\n\n~~~ ruby\nx = 1\n~~~\n",
    "kd_input_atx": "# A\n#B\n\n#C\n\n## D ##\n\n#\nnext line\n",
    "kd_input_paragraph_end": "para\n# not head\n- not list\n> not quote\n\npara\n: def\n",
    "kd_input_ids": "# Hello *World* é\n# Hello *World* é\n\n# `code` & stuff\n",
    "kd_input_task_list": "- [ ] a\n- [x] b\n",
    "kd_input_toc": "* TOC\n{:toc}\n\n# One\n## Two\n",
}

# Jekyll config ``kramdown: {parse_block_html: true}``.
PARSE_BLOCK_HTML_CASES: dict[str, str] = {
    "pbh_div_blocks": "<div>\n*a*\n\n- b\n</div>\n<p>*c*</p>\n",
    "pbh_raw_models": "<table><tr><td>*d*</td></tr></table>\n<pre>*e*</pre>\n",
    "pbh_details": "<details><summary>*s*</summary>\n*e*\n</details>\n",
    "pbh_markdown_0": '<div markdown="0">*a*</div>\n<div>x <span>*y*</span></div>\n',
    "pbh_nested_ids": "<section>\n# Title é\n<div>\n## Title é\n</div>\n</section>\n",
}

# Jekyll config ``kramdown: {gfm_quirks: []}``: no paragraph_end quirk.
NO_QUIRKS_CASES: dict[str, str] = {
    "noquirk_paragraph_end": "para\n# not head\n- not list\n> not quote\n```\nx\n```\n",
    "noquirk_atx": "# A\n# B\n\n# C #\n",
}

CONFIG_GROUPS: list[tuple[str, dict[str, object], dict[str, str]]] = [
    ("kramdown:\n  input: kramdown\n", {"input": "kramdown"}, KRAMDOWN_INPUT_CASES),
    ("kramdown:\n  parse_block_html: true\n", {"parse_block_html": True}, PARSE_BLOCK_HTML_CASES),
    ("kramdown:\n  gfm_quirks: []\n", {"gfm_quirks": []}, NO_QUIRKS_CASES),
]

FRAGMENTS = [
    "para text",
    "more *em* text",
    "",
    "",
    "- item",
    "* item",
    "1. one",
    "  - nested",
    "    - deeper",
    "    code",
    "\tcode",
    "> quote",
    "> > deep",
    "# Head",
    "## Head 2 {#hid}",
    "Setext",
    "===",
    "---",
    "***",
    "<div>",
    "</div>",
    '<div markdown="1">',
    "<span>x</span>",
    "<!-- c -->",
    "<!-- open",
    "-->",
    "| a | b |",
    "|---|:-:|",
    "| 1 | 2 |",
    "```",
    "```py",
    "~~~",
    "$$",
    "$$x$$",
    "Term",
    ": def",
    "[^1]: note",
    "    cont",
    "[ref]: /url",
    "*[AB]: Abbr",
    "{: .cls}",
    "{:toc}",
    "{::comment}",
    "{:/comment}",
    "{::nomarkdown}",
    "{:/}",
    "^",
    "<p>para</p>",
    "<details>",
    "<summary>S</summary>",
    "</details>",
    "<table>",
    "<tr><td>x</td></tr>",
    "</table>",
    "text [^1] ref [ref] AB",
    "- [ ] task",
    "- [x] done",
    '<img src="a">',
    "<br>",
    "text <div>x</div>",
    "  indented two",
    "   three",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
    "<figure>",
    "</figure>",
    "x<y>z",
    "a & b < c",
    "2020. year",
    "+ plus",
    '<section markdown="block">',
    "</section>",
    "<hr>",
    "\\# not head",
    "#nospace",
    "a  ",
    "b\\",
]


def random_cases(count: int, seed: int) -> dict[str, str]:
    """A seeded random mix of block constructs, one document per case."""
    rng = random.Random(seed)
    out = {}
    for i in range(count):
        lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12))]
        out[f"random_{seed}_{i:03d}"] = "\n".join(lines) + "\n"
    return out


def oracle_fragments(snippets: list[str], config: str | None = None) -> list[str]:
    """The oracle's fragment of each snippet (one Jekyll run for the whole batch).

    ``config`` is extra YAML merged over the default configuration.
    """
    with tempfile.TemporaryDirectory() as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        site.mkdir()
        extra: list[str] = []
        if config is not None:
            (Path(tmp) / "extra.yml").write_text(config, encoding="utf-8")
            extra = ["--config", str(Path(tmp) / "extra.yml")]
        for i, text in enumerate(snippets):
            body = "---\nrender_with_liquid: false\n---\n" + text
            (site / f"c{i:05d}.md").write_text(body, encoding="utf-8")
        cmd = [str(ORACLE), str(site), str(out), "--no-site", *extra]
        subprocess.run(cmd, check=True, capture_output=True)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        frag = {e["source"]: e["fragment"] for e in manifest["entries"] if e.get("source")}
        return [
            (out / frag[f"c{i:05d}.md"]).read_text(encoding="utf-8") for i in range(len(snippets))
        ]


def main() -> None:
    """Write the cases with the oracle's output."""
    cases = {**CASES, **random_cases(200, 7)}
    names = list(cases)
    expected = oracle_fragments([cases[n] for n in names])
    data: list[dict[str, object]] = [
        {"name": n, "input": cases[n], "expected": e} for n, e in zip(names, expected, strict=True)
    ]
    for config, options, group in CONFIG_GROUPS:
        group_names = list(group)
        group_expected = oracle_fragments([group[n] for n in group_names], config)
        data += [
            {"name": n, "input": group[n], "options": options, "expected": e}
            for n, e in zip(group_names, group_expected, strict=True)
        ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(data)} cases to {OUT}")


if __name__ == "__main__":
    main()
