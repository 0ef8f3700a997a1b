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
import json
import re
import sys
from pathlib import Path

from dejekyll.liquid import LiquidStage
from dejekyll.liquid.manifest import fold, model_from_manifest
from dejekyll.records import SiteModel

CORPUS = Path("/work/shared/corpus")
NAMES = ("seed", "academicpages", "al-folio")


# The oracle marks a plugin tag it could not run; dejekyll leaves its own marker.
_STUB = re.compile(r"<!-- (?:oracle-stub|dejekyll: unsupported) .*? -->", re.DOTALL)
EXTRA_CONFIG = Path("/work/shared/oracle/examples")


def _built_model(name: str) -> SiteModel:
    """The site as ``dejekyll.model.build_model`` reads it, with the oracle's config files."""
    from dejekyll.model import build_model

    site = CORPUS / name / "site"
    extra = EXTRA_CONFIG / f"{name}.yml"
    files = [path for path in (site / "_config.yml", extra) if path.exists()]
    overrides = {"time": _oracle_build_time(name)}
    return build_model(site, config_files=files or None, overrides=overrides)


def _oracle_build_time(name: str) -> str | None:
    """The oracle build's ``site.time`` (the clock is an input of a build, not a rule).

    Documents with no date anywhere get ``site.time``: it is read from one of them so
    that our build runs at the same instant (Jekyll's ``time`` setting).
    """
    manifest = json.loads((CORPUS / name / "jekyll" / "manifest.json").read_text())
    for item in manifest["entries"]:
        name_has_date = re.match(r"\d{2,4}-\d{1,2}-\d{1,2}-", Path(item.get("source") or "").name)
        undated = "date" not in (item.get("front_matter") or {}) and not name_has_date
        if item["kind"] == "document" and undated and item.get("data", {}).get("date"):
            return str(item["data"]["date"])
    return None


def main(argv: list[str] | None = None) -> int:
    """Print the Liquid fidelity figure per corpus and overall."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", action="append", choices=NAMES)
    parser.add_argument("--show", type=int, default=0, help="print N failing entries")
    parser.add_argument("--diff", type=Path, help="write ours/oracle texts of failures here")
    parser.add_argument("--exact", action="store_true", help="list failures of exact equality")
    parser.add_argument(
        "--model",
        choices=("build", "manifest"),
        default="build",
        help="site model from dejekyll.model.build_model (default) or the oracle manifest",
    )
    args = parser.parse_args(argv)
    total = equal = total_exact = stubbed = stubbed_equal = 0
    for name in args.corpus or NAMES:
        model, liquid_files = model_from_manifest(
            CORPUS / name / "site", CORPUS / name / "jekyll" / "manifest.json"
        )
        if args.model == "build":
            model = _built_model(name)
        stage = LiquidStage(model, source_dir=Path(model.source))
        oracle_dir = CORPUS / name / "jekyll"
        n = ok = exact = 0
        failures = []
        for entry in model.entries:
            rel = liquid_files.get(entry.source)
            if rel is None:
                continue
            expected = (oracle_dir / rel).read_text(encoding="utf-8")
            if "oracle-stub" in expected:
                stubbed += 1
                without = _STUB.sub("", expected)
                stubbed_equal += fold(_STUB.sub("", stage.render(entry).text)) == fold(without)
                continue
            result = stage.render(entry)
            n += 1
            exact += result.text == expected
            if args.exact and result.text != expected:
                failures.append((entry.source, result.text, expected, result.diagnostics))
            elif fold(result.text) == fold(expected):
                ok += 1
            else:
                failures.append((entry.source, result.text, expected, result.diagnostics))
        total += n
        equal += ok
        total_exact += exact
        print(f"{name}: {ok}/{n} entries equal (whitespace folded), {exact}/{n} byte-exact")
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
    exact_share = 100.0 * total_exact / total if total else 0.0
    print(f"byte-exact: {total_exact}/{total} = {exact_share:.1f}%")
    print(
        f"entries with oracle stubs (not counted above), stub comments removed: "
        f"{stubbed_equal}/{stubbed} equal"
    )
    print(f"liquid fidelity: {equal}/{total} = {share:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
