#!/usr/bin/env python3
"""Fuzz ``dejekyll.convert_page`` for a bounded time; exit 1 on any unexpected exception.

A :class:`dejekyll.DejekyllError` naming the page is the documented outcome for a page
Jekyll would not render; anything else escaping is a failure.

    .venv/bin/python scripts/fuzz.py --seconds 120 [--seed 7] [--example-timeout 20]

Pages are drawn by Hypothesis from the pieces each stage cares about: front matter
(YAML syntax, Jekyll keys with odd values), Liquid tags, filters and expressions,
kramdown syntax, raw HTML, and arbitrary text, under the paths Jekyll renders
(pages, posts, HTML and Markdown).  Batches of examples run until the time is up
(the batch running then finishes: allow a few seconds more).  A failure is shrunk by
Hypothesis to a small input and printed, with the traceback, as a Python line that
reproduces it.  An example running longer than ``--example-timeout`` seconds (a hang,
or something quadratic) is a failure too; it is printed as drawn (not shrunk).

Exit status: 0 when nothing failed, 1 on a failure, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
import traceback
from types import FrameType

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import dejekyll

YAML_PIECES = [
    "---", "...", "\n", " ", "  ", ":", ": ", "- ", "? ", "a", "key", "é", "&a ", "*a",
    "<<: *a", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "!!str ", "!tag ", "2023",
    "2020-13-45", "0x1F", ".inf", "~", "yes", "null", "\\", "\x00", "\t", "%",
]  # fmt: skip

KEYS = [
    "title", "layout", "permalink", "redirect_from", "redirect_to", "date", "categories",
    "tags", "published", "render_with_liquid", "excerpt_separator", "slug", "lang",
]  # fmt: skip

VALUES = [
    "x", "", "/a/b/", "../../x", "/%2e%2e/y", "..\\\\z", ":title/:year/", "/:categories/:slug",
    "2023", "2020-13-45", "2020-02-30 10:00:00 +0100", "false", "true", "[a, b]", "~",
    "'quoted'", '"dq"', "[/a, ../b]", "{a: 1}", "0", "-1", "1e400", "<!--more-->", "é",
]  # fmt: skip

LIQUID_PIECES = [
    "{{", "}}", "{%", "%}", "{{-", "-}}", "{%-", "-%}", " ", "\n", "x", "page.title",
    "site.pages", "site.posts", "site.data", "page", "content", "paginator", "|",
    "| upcase", "| date: '%Y'", "| date_to_string", "| slice: 1, 2", "| split: ''",
    "| join: ','", "| where: 'a', 'b'", "| where_exp: 'i', 'i.x'", "| sort", "| plus: 1",
    "| divided_by: 0", "| modulo: 0", "| frobnicate", "| markdownify", "| jsonify",
    "| relative_url", "| absolute_url", "| slugify", "| truncate: 3", "| group_by: 'a'",
    ":", ",", "if", "elsif", "else", "endif", "unless", "endunless", "case", "when",
    "endcase", "for x in (1..3)", "for x in site.pages", "for x in (1..100000000)", "endfor",
    "break", "continue", "raw", "endraw", "comment", "endcomment", "capture c",
    "endcapture", "assign a = 1", "assign a = x | size", "include nothing.html",
    "include_relative ../x", "include {{ x }}", "highlight ruby", "endhighlight",
    "tablerow t in (1..2)", "endtablerow", "cycle 'a', 'b'", "increment i", "link x.md",
    "post_url 2020-01-01-x", "(", ")", "[", "]", "..", "'", '"', "0", "-1", "1e400",
    "99999999999999999999", "nil", "true", "blank", "empty", "contains", "and", "or",
    "==", "<", "é", "\x00", "#",
]  # fmt: skip

MARKDOWN_PIECES = [
    "\n", "\n\n", " ", "    ", "\t", "a", "word", "*", "**", "_", "`", "```", "~~~", "~~",
    "[", "]", "(", ")", "[a]", "[a]: /u", "![i](/i.png)", "<", ">", "> ", "# ", "- ",
    "1. ", "|", "| a | b |\n|---|---|\n", "---", "===", ": ", "\\", "&", "&amp;", "&#x",
    '"', "'", "--", "...", "$$", "[^1]", "[^1]: note", "*[HTML]: Hyper", "{:", "{: .c}",
    "{:#id}", "{::comment}", "{:/}", "{::nomarkdown}", "{:toc}", "<div>", "</div>",
    '<div markdown="1">', "<span>", "</span>", "<p>", "</p>", "<script>", "</script>",
    "<pre>", "</pre>", "<table>", "<td>", "<br>", "<!--", "-->", "<http://x.y>",
    "<a href='x'>", "</a>", "<?php", "<![CDATA[", "\u2028",
]  # fmt: skip

PATHS = [
    "index.md", "about.md", "page.html", "dir/sub/page.markdown", "notes.txt",
    "_posts/2020-01-02-post.md", "_posts/cat/2021-12-31-other.html", "feed.xml",
]  # fmt: skip


def _front_matter() -> st.SearchStrategy[str]:
    pair = st.builds(lambda k, v: f"{k}: {v}\n", st.sampled_from(KEYS), st.sampled_from(VALUES))
    keyed = st.lists(pair, max_size=6).map("".join)
    raw = st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join)
    return st.one_of(st.none(), keyed, raw).map(lambda y: "" if y is None else f"---\n{y}---\n")


def _body() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(LIQUID_PIECES),
        st.sampled_from(MARKDOWN_PIECES),
        st.text(max_size=8),
    )
    return st.lists(piece, max_size=60).map("".join)


PAGES = st.tuples(st.builds(str.__add__, _front_matter(), _body()), st.sampled_from(PATHS))


class ExampleTimeoutError(BaseException):
    """One example ran too long (a BaseException, so no stage swallows it)."""


class _State:
    current: tuple[str, str] | None = None


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise ExampleTimeoutError


def _run_batch(batch_seed: int, examples: int, example_timeout: int) -> None:
    @seed(batch_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(PAGES)
    def convert(case: tuple[str, str]) -> None:
        text, path = case
        _State.current = case
        signal.alarm(example_timeout)
        try:
            page = dejekyll.convert_page(text, path=path)
        except dejekyll.DejekyllError as err:
            # The documented outcome for a page Jekyll would not render (an invalid
            # date, say): it must name the file.
            assert err.path == path, str(err)
            return
        finally:
            signal.alarm(0)
        assert isinstance(page.html, str)
        assert page.failed == any(d.level == "error" for d in page.diagnostics)

    convert()


def _reproducer(case: tuple[str, str] | None) -> str:
    if case is None:
        return "(no input recorded)"
    text, path = case
    return f"import dejekyll; dejekyll.convert_page({text!r}, path={path!r})"


def main(argv: list[str] | None = None) -> int:
    """Fuzz until ``--seconds`` have passed; 1 on the first failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, required=True, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=None, help="first batch's seed")
    parser.add_argument("--batch", type=int, default=100, help="examples per batch")
    parser.add_argument(
        "--example-timeout", type=int, default=20, help="seconds one example may take"
    )
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.batch < 1 or args.example_timeout < 1:
        parser.error("--seconds, --batch and --example-timeout must be positive")
    signal.signal(signal.SIGALRM, _on_alarm)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    end = time.monotonic() + args.seconds
    batches = 0
    while time.monotonic() < end:
        try:
            _run_batch(seed + batches, args.batch, args.example_timeout)
        except ExampleTimeoutError:
            print(f"fuzz: an example ran over {args.example_timeout} s:", file=sys.stderr)
            print(_reproducer(_State.current), file=sys.stderr)
            return 1
        except Exception:  # noqa: BLE001 - the point: report whatever escaped
            traceback.print_exc()
            print("fuzz: failure; reproduce with:", file=sys.stderr)
            print(_reproducer(_State.current), file=sys.stderr)
            return 1
        batches += 1
    print(f"fuzz: {batches} batches of {args.batch} pages (seeds from {seed}), no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
