"""Measure the Markdown stage against the corpora (dev script, not part of the package).

For every Markdown entry (source ending in .md/.markdown) of each corpus, render Jekyll's
post-Liquid text with ``render_markdown`` and compare with Jekyll's fragment under the
yardstick normalisation (``/work/shared/tools/htmlnorm.py``).

Usage: markdown_corpus.py [--loose] [--show N] [--corpus NAME] [--only SUBSTR]
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, "/work/shared/tools")
import htmlnorm  # type: ignore[import-not-found]

from dejekyll.markdown import render_markdown

CORPORA = Path("/work/shared/corpus")
MARKDOWN_EXT = (".md", ".markdown")


def entries(corpus: str) -> list[tuple[str, Path, Path]]:
    """(source, liquid file, fragment file) for each Markdown entry of ``corpus``."""
    base = CORPORA / corpus / "jekyll"
    manifest = json.loads((base / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for entry in manifest["entries"]:
        source = entry.get("source")
        if not source or not source.endswith(MARKDOWN_EXT):
            continue
        if not entry.get("fragment") or not entry.get("liquid"):
            continue
        out.append((source, base / entry["liquid"], base / entry["fragment"]))
    return out


def main() -> None:
    """Run the comparison and print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--loose", action="store_true")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--corpus", action="append")
    ap.add_argument("--only")
    args = ap.parse_args()
    corpora = args.corpus or ["seed", "academicpages", "al-folio"]
    total = equal_strict = equal_loose = 0
    shown = 0
    for corpus in corpora:
        for source, liquid, fragment in entries(corpus):
            if args.only and args.only not in source:
                continue
            total += 1
            text = liquid.read_text(encoding="utf-8")
            want = fragment.read_text(encoding="utf-8")
            t0 = time.perf_counter()
            got = render_markdown(text)
            dt = time.perf_counter() - t0
            strict = htmlnorm.normalize(got) == htmlnorm.normalize(want)
            loose = strict or htmlnorm.normalize(got, True) == htmlnorm.normalize(want, True)
            equal_strict += strict
            equal_loose += loose
            ok = strict or (args.loose and loose)
            if dt > 1:
                print(f"SLOW {dt:.1f}s {corpus}/{source}")
            if not ok and shown < args.show:
                shown += 1
                a = htmlnorm.normalize(want, args.loose).replace(">", ">\n").splitlines()
                b = htmlnorm.normalize(got, args.loose).replace(">", ">\n").splitlines()
                print(f"=== {corpus}/{source}")
                for line in list(difflib.unified_diff(a, b, "jekyll", "ours", n=2, lineterm=""))[
                    :40
                ]:
                    print(line[:200])
            elif not ok:
                print(f"DIFF {corpus}/{source}")
    print(f"markdown entries: {total}  equal strict: {equal_strict}  equal loose: {equal_loose}")


if __name__ == "__main__":
    main()
