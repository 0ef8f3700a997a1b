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
import csv
import datetime as dt
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

from dejekyll.liquid import LiquidStage
from dejekyll.records import Entry, Redirect, SiteModel

CORPUS = Path("/work/shared/corpus")
NAMES = ("seed", "academicpages", "al-folio")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_RUBY_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4})$")


def fold(text: str) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def _split(path: Path) -> tuple[str, int]:
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    match = _FRONT.match(text)
    if not match:
        return text, 1
    return text[match.end() :], text.count("\n", 0, match.end()) + 1


def _time(value: Any) -> Any:
    if isinstance(value, str):
        match = _RUBY_TIME.match(value)
        if match:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S %z")
    return value


def _data_dir(folder: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if not folder.is_dir():
        return result
    for path in sorted(folder.iterdir()):
        key = path.stem
        if path.is_dir():
            result[key] = _data_dir(path)
        elif path.suffix in (".yml", ".yaml"):
            result[key] = yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            result[key] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".csv", ".tsv"):
            delimiter = "," if path.suffix == ".csv" else "\t"
            with path.open(encoding="utf-8", newline="") as handle:
                result[key] = list(csv.DictReader(handle, delimiter=delimiter))
    return result


def _config(site: Path) -> dict[str, Any]:
    config: dict[str, Any] = {
        "baseurl": None,
        "url": None,
        "excerpt_separator": "\n\n",
        "collections_dir": "",
        "includes_dir": "_includes",
    }
    path = site / "_config.yml"
    if path.exists():
        config.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return config


def _redirects(manifest: dict[str, Any], entries: list[Entry]) -> tuple[Redirect, ...]:
    """The manifest's redirects, in front-matter order (as the site model reads them)."""
    order: dict[tuple[str, str], int] = {}
    for entry in entries:
        listed = entry.data.get("redirect_from") or []
        for index, url in enumerate([listed] if isinstance(listed, str) else listed):
            order[(entry.source, str(url))] = index
    items = [item for item in manifest.get("redirects", []) if item.get("from")]
    items.sort(key=lambda item: order.get((item.get("target_source"), item["from"]), 0))
    return tuple(
        Redirect(item["from"], item["to"], item["output_path"], item.get("target_source"))
        for item in items
    )


def model_from_manifest(name: str) -> tuple[SiteModel, dict[str, str]]:
    """A ``SiteModel`` from the oracle manifest, and each entry's oracle liquid file."""
    site = CORPUS / name / "site"
    manifest = json.loads((CORPUS / name / "jekyll" / "manifest.json").read_text())
    entries = []
    liquid_files: dict[str, str] = {}
    for item in manifest["entries"]:
        if item["kind"] not in ("page", "document") or not item.get("source"):
            continue
        body, body_line = _split(site / item["source"])
        front = item.get("front_matter") or {}
        data = {key: _time(value) for key, value in (item.get("data") or {}).items()}
        if "excerpt" not in front:
            data.pop("excerpt", None)
        entries.append(
            Entry(
                source=item["source"],
                kind=item["kind"],
                collection=item.get("collection"),
                url=item["url"],
                output_path=item.get("output_path"),
                front_matter=front,
                data=data,
                body=body,
                body_line=body_line,
                ext=Path(item["source"]).suffix,
            )
        )
        if item.get("liquid"):
            liquid_files[item["source"]] = item["liquid"]
    model = SiteModel(
        source=str(site),
        config=_config(site),
        entries=tuple(entries),
        redirects=_redirects(manifest, entries),
        data=_data_dir(site / "_data"),
    )
    return model, liquid_files


def main(argv: list[str] | None = None) -> int:
    """Print the Liquid fidelity figure per corpus and overall."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", action="append", choices=NAMES)
    parser.add_argument("--show", type=int, default=0, help="print N failing entries")
    parser.add_argument("--diff", type=Path, help="write ours/oracle texts of failures here")
    args = parser.parse_args(argv)
    total = equal = 0
    for name in args.corpus or NAMES:
        model, liquid_files = model_from_manifest(name)
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
