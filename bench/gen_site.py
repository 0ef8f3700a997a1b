#!/usr/bin/env python3
"""Write a deterministic academic Jekyll site of N documents, for benchmarks.

usage: python bench/gen_site.py OUT --docs N [--seed S]

The site looks like a research group's: posts (~55%), publications (~25%), talks
(~8%) and pages (~12%, explicit permalinks), with a config, two layouts, three
includes (one loops over its parameter), ``_data`` (members, links) and front matter
of the usual kinds (titles, dates, tags, venues, ``redirect_from``).  Bodies mix
headings, paragraphs with inline markup, nested lists, pipe tables, fenced code,
``$$`` math, footnotes, reference links, raw HTML blocks (some ``markdown="1"``),
block IALs and Liquid: variables, filters, ``include``, ``for`` loops over
``site.data`` and ``site.posts``, ``if``/``unless``, ``raw``.

The same (N, seed) always gives the same bytes: the standard library only, no clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

VOCABULARY = [
    "sampler",
    "posterior",
    "gradient",
    "kernel",
    "lattice",
    "manifold",
    "estimator",
    "spline",
    "bootstrap",
    "cohort",
    "genome",
    "protein",
    "enzyme",
    "plume",
    "aerosol",
    "glacier",
    "sediment",
    "transect",
    "isotope",
    "corpus",
    "parser",
    "grammar",
    "lexicon",
    "embedding",
    "encoder",
    "decoder",
    "benchmark",
    "ablation",
    "theorem",
    "corollary",
    "bound",
    "rate",
    "regime",
    "threshold",
    "prior",
    "evidence",
    "margin",
    "variance",
    "robust",
    "sparse",
    "adaptive",
    "hierarchical",
    "latent",
    "spectral",
    "stochastic",
    "causal",
    "online",
    "we",
    "find",
    "that",
    "this",
    "our",
    "the",
    "of",
    "a",
    "to",
    "in",
    "for",
    "with",
    "on",
    "under",
    "across",
    "and",
    "but",
    "or",
    "measure",
    "compare",
    "derive",
    "prove",
    "simulate",
    "observe",
    "report",
    "extend",
    "revisit",
    "reduce",
]
FIELDS = (
    "Glaciology",
    "Computational Linguistics",
    "Statistical Genetics",
    "Atmospheric Chemistry",
    "Numerical Optimisation",
    "Ecological Modelling",
    "Program Analysis",
    "Quantum Sensing",
)
JOURNALS = ("Nature Geoscience", "ACL", "Genetics", "JGR Atmospheres", "SIAM J. Optim.")
PLACES = ("Tromsø, Norway", "Québec City, Canada", "Nairobi, Kenya", "Ōsaka, Japan")
CODE = {
    "python": ["import numpy as np", "def fit(x, y):", "    return np.polyfit(x, y, 2)"],
    "r": ["fit <- glm(y ~ x, family = binomial)", "summary(fit)"],
    "bash": ["for f in data/*.csv; do", '  wc -l "$f"', "done"],
    "yaml": ["model:", "  layers: 4", "  dropout: 0.1"],
    "julia": ["using Statistics", "m = mean(rand(100))"],
    "c": ["int main(void) {", '    printf("%d\\n", 42);', "    return 0;", "}"],
}

CONFIG = """\
title: "The Fjord Lab"
description: "Research notes, papers and talks."
url: "https://fjord.example.org"
baseurl: "/lab"
author:
  name: "Ines Ito"
timezone: Europe/Oslo
markdown: kramdown
kramdown:
  input: GFM
  syntax_highlighter: rouge
  math_engine: mathjax
permalink: /blog/:year/:title/
include: ["_pages"]
exclude: ["README.md", "Gemfile"]
collections:
  publications:
    output: true
    permalink: /papers/:path/
  talks:
    output: true
    permalink: /talks/:year/:title/
defaults:
  - scope: {path: "", type: posts}
    values: {layout: post, comments: true}
  - scope: {path: "", type: publications}
    values: {layout: post, kind: paper}
  - scope: {path: "_pages"}
    values: {layout: page}
plugins:
  - jekyll-redirect-from
"""

LAYOUTS = {
    "page.html": "<html><body><main>{{ content }}</main></body></html>\n",
    "post.html": "---\nlayout: page\n---\n<article><h1>{{ page.title }}</h1>{{ content }}</article>\n",
}

INCLUDES = {
    "figure.html": (
        '<figure class="fig">\n  <img src="{{ include.src | relative_url }}" '
        'alt="{{ include.alt | escape }}">\n'
        "  {% if include.caption %}<figcaption>{{ include.caption }}</figcaption>{% endif %}\n"
        "</figure>\n"
    ),
    "cite.html": '<span class="cite">[{{ include.key | upcase }}]</span>',
    "people.html": (
        '<ul class="people">\n{% for person in include.people %}'
        "  <li>{{ person.name }}{% unless forloop.last %},{% endunless %}</li>\n"
        "{% endfor %}</ul>\n"
    ),
}

DATA = {
    "members.yml": "".join(
        f"- name: Member {n}\n  role: {('PhD student', 'Postdoc', 'Engineer')[n % 3]}\n"
        for n in range(12)
    ),
    "links.yml": "code: https://git.example.org/fjord\nmail: lab@example.org\n",
}


class Writer:
    """The random choices behind one site (a seeded ``random.Random``)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.notes = 0

    def word(self) -> str:
        return self.rng.choice(VOCABULARY)

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))

    def span(self) -> str:
        """A word, sometimes marked up."""
        pick = self.rng.random()
        word = self.word()
        if pick < 0.80:
            return word
        choices = [
            f"**{word}**",
            f"*{word}*",
            f"`{word}()`",
            f"[{word}](https://example.org/{word})",
            f"[{word}]({{{{ '/papers/' | relative_url }}}})",
            f"{word}'s",
            f'"{word}"',
            f"{word} --- {self.word()}",
            f"$${word}_i^2$$",
            f"<kbd>{word}</kbd>",
            "{{ site.title }}",
        ]
        return self.rng.choice(choices)

    def sentence(self) -> str:
        text = " ".join(self.span() for _ in range(self.rng.randint(7, 18)))
        return text[:1].upper() + text[1:] + self.rng.choice(".....?!")

    def paragraph(self) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(2, 5))]
        if self.rng.random() < 0.2:
            self.notes += 1
            sentences[-1] = sentences[-1][:-1] + f"[^n{self.notes}]."
        return " ".join(sentences)

    def block(self) -> str:
        """One block of Markdown (or HTML, or Liquid)."""
        kinds = [
            (30, self.paragraph),
            (6, self.heading),
            (5, self.bullets),
            (3, self.table),
            (4, self.code),
            (2, self.math),
            (3, self.raw_html),
            (2, self.figure),
            (2, self.loop),
            (2, self.quote),
        ]
        roll = self.rng.uniform(0, sum(weight for weight, _ in kinds))
        for weight, make in kinds:
            roll -= weight
            if roll <= 0:
                return make()
        return self.paragraph()

    def heading(self) -> str:
        level = self.rng.choice(["##", "###"])
        title = self.phrase(2, 5).capitalize()
        if self.rng.random() < 0.15:
            return f"{level} {title}\n{{: #sec-{self.rng.randint(1, 10**6)}}}"
        return f"{level} {title}"

    def bullets(self) -> str:
        lines = []
        for index in range(self.rng.randint(2, 6)):
            marker = f"{index + 1}." if self.rng.random() < 0.3 else "*"
            lines.append(f"{marker} {self.sentence()}")
            if self.rng.random() < 0.25:
                lines.append(f"   - {self.phrase(3, 9)}")
        return "\n".join(lines)

    def table(self) -> str:
        columns = self.rng.randint(2, 4)
        rows = ["| " + " | ".join(f"Col {c}" for c in range(columns)) + " |"]
        rows.append(
            "|"
            + "|".join(self.rng.choice([":--", "--:", ":-:", "---"]) for _ in range(columns))
            + "|"
        )
        for _ in range(self.rng.randint(2, 7)):
            cells = [self.span() if c else f"{self.rng.uniform(0, 1):.3f}" for c in range(columns)]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def code(self) -> str:
        language = self.rng.choice(sorted(CODE))
        lines = CODE[language] * self.rng.randint(1, 3)
        return f"```{language}\n" + "\n".join(lines) + "\n```"

    def math(self) -> str:
        return "$$\n\\int_0^1 f(x)\\,dx = \\sum_{k} a_k \\frac{1}{k+1}\n$$"

    def raw_html(self) -> str:
        if self.rng.random() < 0.5:
            return f'<div class="box" markdown="1">\n{self.paragraph()}\n</div>'
        return f"<details>\n  <summary>{self.phrase(2, 4)}</summary>\n  <p>{self.phrase(10, 30)}</p>\n</details>"

    def figure(self) -> str:
        number = self.rng.randint(1, 500)
        caption = self.phrase(3, 7).capitalize()
        return f'{{% include figure.html src="/img/f{number}.png" alt="{caption}" caption="{caption}" %}}'

    def loop(self) -> str:
        if self.rng.random() < 0.5:
            return "{% include people.html people=site.data.members %}"
        return (
            "{% for member in site.data.members limit: 3 %}"
            "- {{ member.name }} ({{ member.role | downcase }})\n{% endfor %}"
        )

    def quote(self) -> str:
        return "> " + self.paragraph()

    def body(self, size: int) -> str:
        self.notes = 0
        blocks = [self.paragraph()]
        while sum(len(b) for b in blocks) < size:
            blocks.append(self.block())
        if self.rng.random() < 0.2:
            blocks.append(
                '{% raw %}{{ not.liquid }}{% endraw %} and {% include cite.html key="ito21" %}'
            )
        blocks += [f"[^n{n}]: {self.sentence()}" for n in range(1, self.notes + 1)]
        return "\n\n".join(blocks) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _document(writer: Writer, kind: str, index: int, day: dt.date) -> tuple[str, str]:
    """The path and text of document number ``index``."""
    rng = writer.rng
    title = f"{rng.choice(FIELDS)}: {writer.phrase(2, 4)}".replace(":", " --", 1)
    slug = f"{title.lower().split()[0]}-{index}"
    front = [f"title: {_quote(title)}"]
    tags = sorted(rng.sample(["field", "method", "teaching", "data", "code"], rng.randint(0, 2)))
    if tags:
        front.append(f"tags: [{', '.join(tags)}]")
    if kind == "post":
        path = f"_posts/{day.isoformat()}-{slug}.md"
    elif kind == "publication":
        path = f"_publications/{slug}.md"
        front += [f"date: {day.isoformat()}", f"venue: {_quote(rng.choice(JOURNALS))}"]
    elif kind == "talk":
        path = f"_talks/{day.isoformat()}-{slug}.md"
        front += [f"date: {day.isoformat()}", f"location: {_quote(rng.choice(PLACES))}"]
    else:
        path = f"_pages/{slug}.md"
        front.append(f"permalink: /{rng.choice(['group', 'teaching', 'tools'])}/{slug}/")
    if rng.random() < 0.15:
        front.append(f"redirect_from:\n  - /archive/{slug}.html")
    size = int(min(40_000, rng.lognormvariate(8.1, 0.6)))
    body = writer.body(size)
    if kind == "page" and index % 7 == 0:
        body = (
            "{% for post in site.posts limit: 4 %}\n"
            "* [{{ post.title }}]({{ post.url | relative_url }}), {{ post.date | date: '%b %Y' }}\n"
            "{% endfor %}\n\n" + body
        )
    return path, "---\n" + "\n".join(front) + "\n---\n" + body


def generate(out: Path, docs: int, seed: int = 7) -> int:
    """Write the site; returns the bytes of content written."""
    writer = Writer(seed)
    files = {"_config.yml": CONFIG}
    files.update({f"_layouts/{name}": text for name, text in LAYOUTS.items()})
    files.update({f"_includes/{name}": text for name, text in INCLUDES.items()})
    files.update({f"_data/{name}": text for name, text in DATA.items()})
    start = dt.date(2015, 1, 1)
    mix = ["post"] * 55 + ["publication"] * 25 + ["talk"] * 8 + ["page"] * 12
    total = 0
    for index in range(docs):
        kind = mix[(index * 37) % len(mix)]
        day = start + dt.timedelta(days=writer.rng.randint(0, 3650))
        path, text = _document(writer, kind, index, day)
        files[path] = text
        total += len(text.encode("utf-8"))
    for relpath, text in files.items():
        target = out / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return total


def main() -> None:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, required=True, help="number of documents")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    total = generate(args.out, args.docs, args.seed)
    print(f"wrote {args.docs} documents, {total / 1e6:.2f} MB, to {args.out}")


if __name__ == "__main__":
    main()
