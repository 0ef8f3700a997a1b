"""Measure the Liquid stage on the corpora: our output vs ``jekyll/liquid/*.txt``.

For every page and document of ``/work/shared/corpus/{seed,academicpages,al-folio}``
whose oracle Liquid text holds no ``oracle-stub``, render the entry's body with
:class:`dejekyll.liquid.LiquidStage` and compare with the oracle (whitespace folded).

The site model comes from ``dejekyll.model.build_model`` when it exists; until then
it is built from the oracle manifest (urls, data) and the site's files.

    .venv/bin/python scripts/liquid_corpus.py [--show N] [--corpus NAME] [--diff DIR]
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from dejekyll.liquid import LiquidStage
from dejekyll.liquid.manifest import fold, model_from_manifest

CORPUS = Path("/work/shared/corpus")
NAMES = ("seed", "academicpages", "al-folio")


def main(argv: list[str] | None = None) -> int:
    """Print the Liquid fidelity figure per corpus and overall."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", action="append", choices=NAMES)
    parser.add_argument("--show", type=int, default=0, help="print N failing entries")
    parser.add_argument("--diff", type=Path, help="write ours/oracle texts of failures here")
    args = parser.parse_args(argv)
    total = equal = 0
    for name in args.corpus or NAMES:
        model, liquid_files = model_from_manifest(
            CORPUS / name / "site", CORPUS / name / "jekyll" / "manifest.json"
        )
        stage = LiquidStage(model, source_dir=Path(model.source))
        oracle_dir = CORPUS / name / "jekyll"
        n = ok = 0
        failures = []
        for entry in model.entries:
            rel = liquid_files.get(entry.source)
            if rel is None:
                continue
            expected = (oracle_dir / rel).read_text(encoding="utf-8")
            if "oracle-stub" in expected:
                continue
            result = stage.render(entry)
            n += 1
            if fold(result.text) == fold(expected):
                ok += 1
            else:
                failures.append((entry.source, result.text, expected, result.diagnostics))
        total += n
        equal += ok
        print(f"{name}: {ok}/{n} entries equal")
        for source, ours, expected, diagnostics in failures[: args.show]:
            print(f"  FAIL {source}")
            for diagnostic in diagnostics[:5]:
                print(f"    {diagnostic}")
            diff = difflib.unified_diff(
                fold(expected).split(" > "), fold(ours).split(" > "), lineterm="", n=0
            )
            for line in list(diff)[2:12]:
                print("    " + line[:200])
        if args.diff:
            for source, ours, expected, _ in failures:
                target = args.diff / name / source.replace("/", "__")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.with_suffix(".ours.txt").write_text(ours)
                target.with_suffix(".oracle.txt").write_text(expected)
    share = 100.0 * equal / total if total else 0.0
    print(f"liquid fidelity: {equal}/{total} = {share:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
