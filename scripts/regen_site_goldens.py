"""Regenerate the site-model goldens under ``tests/fixtures/model/`` from the Jekyll oracle.

usage: python scripts/regen_site_goldens.py [--only NAME] [SHARED_DIR]

Each case below is a small Jekyll site (input files written by this script, plus the
build flags it is run with).  The script writes the site to
``tests/fixtures/model/<case>/site/``, builds it with the oracle (real Jekyll 4.3.1 +
jekyll-redirect-from 0.16) and stores what Jekyll did in ``expected.json``: every
entry's url, output path and data, the redirects, the redirect page, ``redirects.json``,
the files written to ``_site`` and the post-Liquid text of chosen pages.  Nothing in
``expected.json`` is written by hand.  Cases Jekyll refuses to build are stored with
``"failed": true`` and the end of Jekyll's log.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "model"

Files = dict[str, str | bytes]

# --- the cases --------------------------------------------------------------------------

PERMALINK_STYLES = {
    "date": "date",
    "pretty": "pretty",
    "none": "none",
    "ordinal": "ordinal",
    "weekdate": "weekdate",
    "custom-slash": "/:categories/:title/",
    "custom-ext": "/blog/:year/:title:output_ext",
    "custom-html": "/blog/:title.html",
}


def fm(text: str = "", body: str = "body\n") -> str:
    """A file with front matter ``text`` (YAML lines) and ``body``."""
    return f"---\n{text}---\n{body}"


def permalink_site(style: str, talks_permalink: bool) -> Files:
    """Pages, posts and collection documents exercising URL and output-path rules."""
    talks = "    permalink: /:collection/:path/\n" if talks_permalink else ""
    config = (
        f"permalink: {json.dumps(style)}\n"
        "plugins: [jekyll-redirect-from]\n"
        "timezone: Etc/UTC\n"
        "collections:\n"
        f"  talks:\n    output: true\n{talks}"
        "  hidden:\n    output: false\n"
        "  docs:\n    output: true\n    permalink: /d/:name/:slug/:title:output_ext\n"
    )
    return {
        "_config.yml": config,
        "about.md": fm("title: About\n"),
        "index.md": fm(),
        "plain.html": fm(),
        "feed.xml": fm("layout: null\n", "<feed/>\n"),
        "data.md": fm("permalink: /data.json\n"),
        "v.md": fm("permalink: /v1.0\n"),
        "noslash.md": fm("permalink: /custom-noslash\n"),
        "title.md": fm("permalink: /:title/\n"),
        "space.md": fm('permalink: "/my page/é/"\n'),
        "dots.md": fm("permalink: /a/../b/\n"),
        "dots2.md": fm("permalink: /v..2/\n"),
        "dots3.md": fm("permalink: /./x/./y\n"),
        "percent.md": fm('permalink: "/%2e%2e/%2E%2E/escaped/"\n'),
        "hash.md": fm('permalink: "/q?x=1#frag/"\n'),
        "double.md": fm("permalink: //double//slash//\n"),
        "tilde.md": fm("permalink: ~home/x\n"),
        "styles.scss": fm("", "a { b: c; }\n"),
        "trailing.dots..md": fm(),
        "UPPER.MD": fm(),
        "noext": fm(),
        "sub/index.md": fm(),
        "sub/page.html": fm(),
        "sub/deep/index.html": fm(),
        "sub/path.md": fm("permalink: /x/:path/:basename:output_ext\n"),
        "sub dir/ü page.md": fm(),
        "_posts/2020-03-04-Hello-World_x.md": fm("categories: [Cat One, two]\n"),
        "_posts/2020-3-5-single.md": fm(),
        "_posts/2020-12-31-week.md": fm("category: Foo Bar\n"),
        "_posts/2020-03-04-fm-date.md": fm("date: 2021-05-06 10:00:00 +0200\n"),
        "_posts/2020-01-01-slug.md": fm('slug: "custom slug!"\n'),
        "_posts/not-a-date.md": fm(),
        "_posts/2020-01-01-own.md": fm("permalink: /p/:year/:month_:day/:title/\n"),
        "_posts/2020-02-02-ünï cödé.md": fm("categories: a b\n"),
        "_posts/2020-02-03-html.html": fm("tags: x y\n"),
        "_posts/2020-02-04-dots...md": fm(),
        "_posts/sub/2020-02-05-nested.md": fm(),
        "news/_posts/2021-01-02-in-sub.md": fm("categories: [Extra]\n"),
        "my_posts/_posts/2021-01-03-odd.md": fm(),
        "_talks/Talk One.md": fm(),
        "_talks/index.md": fm(),
        "_talks/sub/deep.md": fm(),
        "_talks/2012-03-01-talk-1.md": fm(),
        "_talks/img.png": b"\x89PNG\r\n",
        "_talks/own.md": fm("permalink: /own/:collection/:title/\n"),
        "_hidden/a.md": fm(),
        "_docs/Some Doc.md": fm("slug: Mixed Case\n"),
        "_docs/2019-01-01-dated.md": fm(),
    }


REDIRECT_CONFIG = (
    "url: https://example.com\n"
    "baseurl: /base\n"
    "plugins: [jekyll-redirect-from]\n"
    "collections:\n  talks:\n    output: true\n"
    "defaults:\n"
    "  - scope: {path: defaulted}\n"
    "    values: {redirect_from: /from-default/}\n"
)


def redirect_site() -> Files:
    """redirect_from / redirect_to in all their shapes."""
    return {
        "_config.yml": REDIRECT_CONFIG,
        "target.md": fm(
            "redirect_from:\n  - /old-about/\n  - /old-about.html\n  - old-noext\n"
            "  - /old.php\n  - /v1.0\n  -\n  - /space here/\n  - /ünï/\n"
        ),
        "single.md": fm("redirect_from: /single-old/\n"),
        "goaway.md": fm("redirect_to: https://other.example.org/x\n"),
        "relative-to.md": fm("redirect_to: /target.html\n"),
        "list-to.md": fm("redirect_to:\n  -\n  - /second/\n"),
        "both.md": fm("redirect_from: /both-old/\nredirect_to: /elsewhere/\n"),
        "shadow.md": fm("redirect_from: /target.html\n"),
        "chain-a.md": fm("redirect_to: /chain-b.html\n"),
        "chain-b.md": fm("redirect_to: /chain-c.html\n"),
        "defaulted.md": fm(),
        "nulled.md": fm("redirect_from:\n"),
        "_talks/t.md": fm("redirect_from: [/talk-old/]\n"),
        "_posts/2020-01-01-post.md": fm("redirect_from: /post-old/\n"),
    }


READER_CONFIG = """\
plugins: [jekyll-redirect-from]
timezone: America/New_York
include: [_pages, .well-known, _incl, .htaccess]
exclude: [exclude-me.md, vendor, "*.bak", dir-excluded/, "sub/skip*"]
collections:
  books:
    output: true
    sort_by: rank
  notes:
    output: true
    order: [b.md, a.md]
  arch:
    output: false
  talks:
    output: true
defaults:
  - scope: {path: ""}
    values: {layout: base, shared: root}
  - scope: {path: about}
    values: {prefix: about}
  - scope: {path: "sub/*.md"}
    values: {globbed: true}
  - scope: {path: "", type: posts}
    values: {layout: post, shared: posts}
  - scope: {path: "", type: post}
    values: {deprecated: singular}
  - scope: {path: _posts}
    values: {shared: path-posts}
  - scope: {path: "", type: books}
    values: {nested: {a: 1, b: 2}}
  - scope: {path: _books/special}
    values: {nested: {b: 3}, permalink: /special-book/}
  - scope: {path: "", type: pages}
    values: {nullable: from-default}
"""


def reader_site() -> Files:
    """Discovery: include/exclude, special names, drafts, collections, data, defaults."""
    return {
        "_config.yml": READER_CONFIG,
        "about.md": fm("title: About\n"),
        "about-me.md": fm(),
        "nulled.md": fm("nullable:\nlayout: null\n"),
        "_pages/p.md": fm(),
        "_pages/_inner.md": fm(),
        "_pages/nested/q.md": fm(),
        "_incl/i.md": fm(),
        ".hidden.md": fm(),
        "_under.md": fm(),
        "#hash.md": fm(),
        "backup.md~": fm(),
        "exclude-me.md": fm(),
        "vendor-foo.md": fm(),
        "vendor/v.md": fm(),
        "dir-excluded/x.md": fm(),
        "sub/a.md": fm(),
        "sub/skip-me.md": fm(),
        "sub/_sub/x.md": fm(),
        "sub/.dot/x.md": fm(),
        "x.bak": "static\n",
        ".well-known/security.txt": "contact\n",
        ".htaccess": "Options -Indexes\n",
        "nofm.md": "no front matter\n",
        "bom.md": "\ufeff---\ntitle: bom\n---\nbody\n",
        "comment.md": "--- # comment\nx\n---\n",
        "unpublished.md": fm("published: false\n"),
        "published-nil.md": fm("published:\n"),
        "published-string.md": fm('published: "false"\n'),
        "images/a.png": b"\x89PNG\r\n",
        "images/b..png": b"\x89PNG\r\n",
        "node_modules/m.md": fm(),
        "Gemfile": "source 'x'\n",
        "_drafts/draft-one.md": fm(),
        "_drafts/2020-01-01-dated-draft.md": fm(),
        "_posts/2020-01-01-first.md": fm("title: First\n"),
        "_posts/2020-01-02-unpub.md": fm("published: false\n"),
        "_posts/2020-01-03-nilpub.md": fm("published:\n"),
        "_posts/2099-01-01-future.md": fm(),
        "_posts/_2020-01-04-underscore.md": fm(),
        "_posts/.2020-01-05-dot.md": fm(),
        "_posts/2020-01-06-static.png": b"\x89PNG\r\n",
        "_books/z.md": fm("rank: 1\n"),
        "_books/a.md": fm("rank: 2\n"),
        "_books/m.md": fm(),
        "_books/special.md": fm("rank: 3\n"),
        "_books/cover.png": b"\x89PNG\r\n",
        "_books/.dotfile.md": fm(),
        "_books/_under.md": fm(),
        "_notes/a.md": fm(),
        "_notes/b.md": fm(),
        "_notes/c.md": fm(),
        "_arch/old.md": fm(),
        "_talks/2099-01-01-future-talk.md": fm(),
        "_talks/nil.md": fm("published:\n"),
        "_talks/false.md": fm("published: false\n"),
        "_talks/dated.md": fm("date: 2019-05-05\n"),
        "_data/a.yml": "x: 1\nlist: [1, 2]\n",
        "_data/b.json": '{"k": "v", "n": 1.5}\n',
        "_data/c.csv": "name,age\nann,3\nbob,4\n",
        "_data/d.tsv": "name\tage\nann\t3\n",
        "_data/nested/e.yml": "deep: true\n",
        "_data/my file-2.yml": "spaced: yes\n",
        "_data/.hidden.yml": "hidden: 1\n",
        "data.md": fm("", "{{ site.data | jsonify }}\n"),
        "order.md": fm(
            "",
            "{% for c in site.collections %}C|{{ c.label }}|"
            "{% for d in c.docs %}{{ d.relative_path }} {% endfor %}|\n{% endfor %}"
            "P|{% for p in site.pages %}{{ p.path }} {% endfor %}|\n"
            "F|{% for f in site.static_files %}{{ f.path }} {% endfor %}|\n",
        ),
    }


DATE_VALUES = [
    '"2020-01-02"',
    '"2020-01-02 10:00:00"',
    '"2020-01-02 10:00:00 +05:30"',
    '"2020-01-02T10:00:00Z"',
    '"2020-02-30"',
    '"2020/01/02"',
    '"Jan 5 2020"',
    '"5 Jan 2020"',
    '"January 2020"',
    '"2020-1-2"',
    '"12.03.2020"',
    '"01/02/2020"',
    '"1/2/20"',
    '"20200102"',
    '"2020-01-02 10:00 pm"',
    '"Mon, 05 Jan 2020 10:00:00 GMT"',
    '"2020-01-02 10:00:00 EST"',
    '"2020-01-02 10:00:00 CET"',
    '"2020-01-02 10:00:00 UTC+3"',
    '"2020-12-31 23:59:60"',
    '"3rd Feb 2001"',
    '"99-01-02"',
    '"2020-07-01 12:00:00 -0000"',
    "2020-01-02",
    "2020-01-02 10:00:00",
    "2020-01-02 10:00:00 +01:00",
    "2020-01-02T10:00:00.5Z",
]


def date_site() -> Files:
    """Documents whose dates Jekyll parses (``Time.parse``) in a named time zone."""
    files: Files = {
        "_config.yml": (
            "timezone: Europe/Paris\nfuture: true\n"
            "collections:\n  events:\n    output: true\n    permalink: /:year/:month/:day/:hour/:minute/:second/:title/\n"
        ),
        "_events/2020-02-30-overflow.md": fm(),
        "_events/2020-3-5-short.md": fm(),
        "_events/20-03-05-two-digit.md": fm(),
    }
    for index, value in enumerate(DATE_VALUES):
        files[f"_events/e{index:02d}.md"] = fm(f"date: {value}\n")
    return files


DST_DATE_VALUES = [
    '"2023-11-05 01:30"',
    '"2023-03-12 02:30"',
    '"2023-10-29 02:30 +0100"',
    '"99/02/30 21:10 EST"',
    '"February 32, 99 18:14:28 PDT"',
    '"2020-07-10 05:3:54 PDT"',
    '"December 24, 1999 10pm +05:30"',
    '"Thu, 14 Apr. 2024T22:9:9 -05:00"',
    '"Jan 31 2021 23:30 -0200"',
    '"2021-12-31 23:00:00 -0230"',
]


def dst_date_site() -> Files:
    """Dates at DST changes, with offsets that carry into the next month, and odd forms."""
    files: Files = {
        "_config.yml": (
            "timezone: America/New_York\nfuture: true\n"
            "collections:\n  events:\n    output: true\n"
            "    permalink: /:year/:month/:day/:hour/:minute/:second/:title/\n"
        ),
    }
    for index, value in enumerate(DST_DATE_VALUES):
        files[f"_events/d{index:02d}.md"] = fm(f"date: {value}\n")
    return files


def bad_date_site(front_matter: str, name: str = "_events/bad.md") -> Files:
    """A site Jekyll refuses to build: one document with an unparseable date."""
    return {
        "_config.yml": "collections:\n  events:\n    output: true\n",
        name: fm(front_matter),
    }


SLUG_TEXTS = [
    "Hello, World_x é!",
    "  leading and trailing  ",
    "--dashes--",
    "Ünïcödé Straße ÆØÅ œ ß",
    "日本語 テスト",
    "tab\there\nnewline",
    "a.b~c!d$e&f'g(h)i+j,k;l=m@n",
    "CamelCase123",
    "emoji 🎉 here",
    "x__y..z",
    "ĳ ŉ Ŋ ſ ÷ ×",
    "",
]
SLUG_MODES = ["raw", "default", "pretty", "ascii", "latin", "none", "nonsense"]
URL_INPUTS = [
    "/about/", "about", "", "/a b/é", "https://x.org/y", "/q?x=y#z", "mailto:a@b.c", "//dbl",
    "/a%20b", "/100%", "/x/../y", "/./z/.", "/ä?q=é#f g", "HTTP://EX.com/A", "/a//b", "c:d",
    "/%7Euser/%41", "/[x]", "/a'b\"c<d>", "/tab\there", "/%e2%82%ac",
    "/ﬁle/Ａ①", "/a%2b%2B%2F%3a", "/p?a=1&b=2;c+d&&e=%2b", "/f#", "/q?", " /trim/ ", "//host:443/x",
]  # fmt: skip


def liquid_site(url: str | None, baseurl: str | None) -> Files:
    """A page printing slugify / relative_url / absolute_url of many inputs, one per line."""
    config = "plugins: []\n"
    if url is not None:
        config += f"url: {json.dumps(url)}\n"
    if baseurl is not None:
        config += f"baseurl: {json.dumps(baseurl)}\n"
    cases = [{"text": t, "mode": m} for t in SLUG_TEXTS for m in SLUG_MODES]
    front = json.dumps({"slugs": cases, "urls": URL_INPUTS}, ensure_ascii=False)
    body = (
        "{% for c in page.slugs %}S|{{ c.text | slugify: c.mode }}|\n{% endfor %}"
        "{% for u in page.urls %}R|{{ u | relative_url }}|\nA|{{ u | absolute_url }}|\n{% endfor %}"
    )
    return {"_config.yml": config, "cases.html": f"---\n{front}\n---\n{body}"}


CONFIG_BASE = """\
title: Base
plugins: [jekyll-redirect-from]
hash: {a: 1, b: {c: 2, d: 3}}
list: [1, 2, 3]
kept: base
exclude: [base-excluded.md]
permalink: /:categories/:title/
"""
CONFIG_EXTRA = """\
hash: {b: {c: 20}, e: 5}
list: [9]
kept:
permalink: pretty
collections: [things]
"""


def config_site() -> Files:
    """Two config files merged as Jekyll merges them; observed through Liquid."""
    keys = ["title", "hash", "list", "kept", "exclude", "include", "permalink", "timezone",
            "markdown_ext", "baseurl", "future", "keep_files"]  # fmt: skip
    body = "".join(f"{key}|{{{{ site.{key} | jsonify }}}}\n" for key in keys)
    return {
        "_config.yml": CONFIG_BASE,
        "_extra.yml": CONFIG_EXTRA,
        "show.html": fm("", body),
        "_things/t.md": fm(),
        "_posts/2020-01-01-p.md": fm(),
    }


def toml_site() -> Files:
    """A site configured by ``_config.toml`` only."""
    return {
        "_config.toml": (
            'title = "Toml"\npermalink = "pretty"\nplugins = ["jekyll-redirect-from"]\n'
            "[collections.items]\noutput = true\n"
        ),
        "about.md": fm("redirect_from: /old/\n"),
        "_items/one.md": fm(),
        "_posts/2020-01-01-p.md": fm(),
    }


def collections_dir_site() -> Files:
    """Collections (posts included) under ``collections_dir``."""
    return {
        "_config.yml": (
            "collections_dir: my_collections\nplugins: [jekyll-redirect-from]\n"
            "collections:\n  talks:\n    output: true\n"
            "defaults:\n"
            "  - scope: {path: my_collections/_talks}\n    values: {full: yes}\n"
            "  - scope: {path: _talks}\n    values: {short: yes}\n"
        ),
        "my_collections/_posts/2020-01-01-p.md": fm("redirect_from: /old-p/\n"),
        "my_collections/_talks/t.md": fm(),
        "my_collections/_talks/pic.png": b"\x89PNG\r\n",
        "my_collections/page.md": fm(),
        "_posts/2020-01-02-outside.md": fm(),
        "about.md": fm(),
    }


def misc_site() -> Files:
    """limit_posts, show_drafts, page permalink defaults, redirects of unwritten documents."""
    return {
        "_config.yml": (
            "limit_posts: 2\nshow_drafts: true\nplugins: [jekyll-redirect-from]\n"
            "collections:\n  talks:\n    output: true\n  hidden:\n    output: false\n"
            "defaults:\n"
            "  - scope: {path: sections}\n    values: {permalink: /s/:basename/}\n"
            '  - scope: {path: "", type: talks}\n    values: {categories: [Default Cat]}\n'
        ),
        "sections/one.md": fm(),
        "sections/two.md": fm("permalink: /own-two/\n"),
        "sections/three.md": fm("permalink:\n"),
        "_posts/2020-01-01-a.md": fm(),
        "_posts/2020-01-02-b.md": fm(),
        "_posts/2020-01-03-c.md": fm(),
        "_drafts/wip.md": fm(),
        "_talks/2099-01-01-future.md": fm("redirect_from: /future-old/\n"),
        "_talks/cats.md": fm("categories: [Mine]\ncategory: single\n"),
        "_hidden/h.md": fm("redirect_from: /hidden-old/\nredirect_to: /x/\n"),
        "index.md": fm("redirect_from: [/home/, /index/]\n"),
        "sub/index.md": fm("redirect_from: /sub-old\n"),
        "conflict-a.md": fm("permalink: /same/\n"),
        "conflict-b.md": fm("permalink: /same/\n"),
    }


def optional_front_matter_site(options: str) -> Files:
    """jekyll-optional-front-matter: Markdown files without front matter as pages."""
    return {
        "_config.yml": (
            "plugins: [jekyll-optional-front-matter, jekyll-redirect-from]\n"
            "include: [CONTRIBUTING.md]\n"
            "permalink: pretty\n"
            "collections:\n  talks:\n    output: true\n" + options
        ),
        "notes.md": "# Notes\n",
        "sub/deep.markdown": "text\n",
        "README.md": "readme\n",
        "LICENSE.md": "license\n",
        "CONTRIBUTING.md": "contributing\n",
        "index.md": "home\n",
        "plain.txt": "text\n",
        "with-fm.md": fm(),
        "_talks/loose.md": "no front matter\n",
    }


# name -> (files, extra config files inside the site, jekyll args, liquid sources to keep)
Case = tuple[Callable[[], Files], list[str], list[str], list[str]]
CASES: dict[str, Case] = {
    **{
        f"permalink-{name}": (
            lambda s=style, t=(i % 2 == 0): permalink_site(s, t),  # type: ignore[misc]
            [],
            [],
            [],
        )
        for i, (name, style) in enumerate(PERMALINK_STYLES.items())
    },
    "redirects": (redirect_site, [], [], []),
    "reader": (reader_site, [], [], ["data.md", "order.md"]),
    "reader-flags": (
        reader_site,
        [],
        ["--drafts", "--future", "--unpublished"],
        ["data.md", "order.md"],
    ),
    "dates": (date_site, [], [], []),
    "dates-dst": (dst_date_site, [], [], []),
    "collections-dir": (collections_dir_site, [], [], []),
    "misc": (misc_site, [], [], []),
    "optional-front-matter": (lambda: optional_front_matter_site(""), [], [], []),
    "optional-front-matter-cleanup": (
        lambda: optional_front_matter_site("optional_front_matter: {remove_originals: true}\n"),
        [],
        [],
        [],
    ),
    "bad-date-integer": (lambda: bad_date_site("date: 2023\n"), [], [], []),
    "bad-date-text": (lambda: bad_date_site('date: "not a date"\n'), [], [], []),
    "bad-date-month": (lambda: bad_date_site('date: "2020-13-01"\n'), [], [], []),
    "bad-date-filename": (lambda: bad_date_site("", "_events/2020-13-45-bad.md"), [], [], []),
    "liquid-urls": (lambda: liquid_site("https://ex.com/", "/blog/"), [], [], ["cases.html"]),
    "liquid-nourl": (lambda: liquid_site(None, None), [], [], ["cases.html"]),
    "liquid-host": (
        lambda: liquid_site("HTTPS://Bücher.Example:443", "/ba se/"),
        [],
        [],
        ["cases.html"],
    ),
    "config-merge": (config_site, ["_extra.yml"], [], ["show.html"]),
    "config-toml": (toml_site, [], [], []),
    "bad-config-include": (lambda: {"_config.yml": "include: _pages\n", "a.md": fm()}, [], [], []),
    "bad-config-exclude-nil": (lambda: {"_config.yml": "exclude:\n", "a.md": fm()}, [], [], []),
    "bad-config-yaml": (lambda: {"_config.yml": "title: [unclosed\n", "a.md": fm()}, [], [], []),
    "bad-config-collections": (
        lambda: {"_config.yml": "collections: 5\n", "a.md": fm()},
        [],
        [],
        [],
    ),
    "timezone-unknown": (
        lambda: {
            "_config.yml": "timezone: Mars/Olympus\n",
            "_posts/2020-01-02-a.md": fm("date: 2020-01-02 23:00:00 -0500\n"),
        },
        [],
        [],
        [],
    ),
    "yaml-errors": (
        lambda: {
            "_config.yml": "collections:\n  talks:\n    output: true\n",
            "_posts/2020-01-01-bad.md": fm("title: [unclosed\n"),
            "_talks/list.md": fm("- a\n- b\n"),
            "_talks/bad.md": fm("x: {\n"),
            "page-bad.md": fm("title: [unclosed\n"),
        },
        [],
        [],
        [],
    ),
    "safe-not-whitelisted": (
        lambda: {
            "_config.yml": "safe: true\nplugins: [jekyll-redirect-from]\n",
            "a.md": fm("redirect_from: /old/\n"),
        },
        [],
        [],
        [],
    ),
    "safe-whitelisted": (
        lambda: {
            "_config.yml": (
                "safe: true\nplugins: [jekyll-redirect-from]\nwhitelist: [jekyll-redirect-from]\n"
            ),
            "a.md": fm("redirect_from: /old/\n"),
        },
        [],
        [],
        [],
    ),
    "config-not-mapping": (
        lambda: {"_config.yml": "- a\n- b\n", "a.md": fm("redirect_from: /x/\n")},
        [],
        [],
        [],
    ),
    "bad-doc-placeholder": (
        lambda: {"_posts/2020-01-01-x.md": fm("permalink: /:foo_bar/:title/\n")},
        [],
        [],
        [],
    ),
    "bad-defaults-date-type": (
        lambda: {
            "_config.yml": (
                "collections:\n  events:\n    output: true\n"
                "defaults:\n  - scope: {type: events}\n    values: {date: 2018-07-08}\n"
            ),
            "_events/bad.md": fm(),
        },
        [],
        [],
        [],
    ),
    "bad-defaults-date-text": (
        lambda: {
            "_config.yml": (
                "collections:\n  events:\n    output: true\n"
                "defaults:\n  - scope: {type: events}\n    values: {date: not a date}\n"
            ),
            "_events/bad.md": fm(),
        },
        [],
        [],
        [],
    ),
    "bad-page-permalink": (lambda: {"a.md": fm('permalink: ""\n')}, [], [], []),
}

# --- running the oracle -------------------------------------------------------------------


def write_site(root: Path, files: Files) -> None:
    """Write ``files`` (path → text or bytes) below ``root``, replacing what was there."""
    if root.exists():
        shutil.rmtree(root)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))


def site_files(site_dir: Path) -> list[str]:
    """Every file Jekyll wrote, relative to ``_site``."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())


def run_case(shared: Path, name: str, case: Case) -> dict[str, Any]:
    """Build one case with the oracle; the golden record of what Jekyll did."""
    make, extra_configs, args, liquid_sources = case
    target = FIXTURES / name
    site = target / "site"
    write_site(site, make())
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        command = [str(shared / "oracle" / "run"), str(site), str(out)]
        for extra in extra_configs:
            command += ["--config", str(site / extra)]
        if args:
            command += ["--", *args]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        record: dict[str, Any] = {
            "case": name,
            "config_files": extra_configs,
            "flags": args,
            "failed": done.returncode != 0,
        }
        if done.returncode != 0:
            lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in done.stderr.splitlines()]
            record["log_tail"] = [line.strip() for line in lines if "rror" in line][:4]
            return record
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        record["entries"] = [
            {k: e[k] for k in ("kind", "source", "collection", "url", "output_path", "data")}
            for e in manifest["entries"]
            if e["kind"] in ("page", "document")
        ]
        for entry in record["entries"]:
            entry["data"].pop("excerpt", None)
        record["redirects"] = manifest["redirects"]
        record["redirect_html_example"] = manifest["redirect_html_example"]
        record["collections"] = manifest["collections"]
        written = out / "_site"
        record["site_files"] = site_files(written)
        json_path = written / "redirects.json"
        record["redirects_json"] = json_path.read_text("utf-8") if json_path.exists() else None
        record["liquid"] = {}
        for entry in manifest["entries"]:
            if entry["source"] in liquid_sources and entry["liquid"]:
                record["liquid"][entry["source"]] = (out / entry["liquid"]).read_text("utf-8")
    return record


def main(argv: list[str]) -> int:
    """Regenerate every case (or ``--only`` one)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("shared", nargs="?", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only")
    options = parser.parse_args(argv)
    for name, case in CASES.items():
        if options.only and name != options.only:
            continue
        record = run_case(options.shared, name, case)
        path = FIXTURES / name / "expected.json"
        text = json.dumps(record, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
        path.write_text(text, encoding="utf-8")
        status = (
            "FAILED (as expected?)" if record["failed"] else f"{len(record['entries'])} entries"
        )
        print(f"{name}: {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
