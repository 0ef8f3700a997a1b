"""Dev check: the site model of each corpus site against the oracle's manifest.

usage: python scripts/model_corpus.py [SHARED_DIR]

For every ``corpus/*/site`` (with the configs the oracle used, see
``shared/README.md``) compares each entry's url and output_path, and every redirect
(from, to, output_path, target_source), with ``corpus/*/jekyll/manifest.json``; extra
entries or redirects in the model count as differences.  Exit 1 on any difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dejekyll.model import build_model

# The configs the oracle was run with (shared/README.md): the site's own config (or the
# oracle's bare config when there is none), then the example config on top.
EXTRA = {"academicpages": "academicpages.yml", "al-folio": "al-folio.yml"}


def config_files(shared: Path, name: str, site: Path) -> list[Path]:
    """The config files the oracle merged for the corpus site ``name``."""
    own = [
        site / n for n in ("_config.yml", "_config.yaml", "_config.toml") if (site / n).is_file()
    ]
    files = own[:1] or [shared / "oracle" / "bare_config.yml"]
    if name in EXTRA:
        files.append(shared / "oracle" / "examples" / EXTRA[name])
    return files


def compare(shared: Path, name: str) -> int:
    """Print the differences for one corpus site; return their number."""
    site = shared / "corpus" / name / "site"
    manifest = json.loads((shared / "corpus" / name / "jekyll" / "manifest.json").read_text())
    model = build_model(site, config_files=config_files(shared, name, site))
    ours = {e.source: e for e in model.entries}
    expected = [e for e in manifest["entries"] if e["kind"] in ("page", "document")]
    bad = 0
    for want in expected:
        got = ours.pop(want["source"], None)
        if got is None:
            print(f"  missing {want['source']}")
            bad += 1
        elif (got.url, got.output_path) != (want["url"], want["output_path"]):
            print(
                f"  {want['source']}: {got.url} {got.output_path} != {want['url']} {want['output_path']}"
            )
            bad += 1
    for source in ours:
        print(f"  extra {source}")
        bad += 1
    want_r = [
        (r["from"], r["to"], r["output_path"], r["target_source"]) for r in manifest["redirects"]
    ]
    got_r = [(r.from_url, r.to, r.output_path, r.target_source) for r in model.redirects]
    for item in want_r:
        if item not in got_r:
            print(f"  missing redirect {item}")
            bad += 1
    for item in got_r:
        if item not in want_r:
            print(f"  extra redirect {item}")
            bad += 1
    print(
        f"{name}: {len(expected)} entries, {len(want_r)} redirects, {bad} differences; "
        f"{len(model.diagnostics)} diagnostics"
    )
    for diagnostic in model.diagnostics:
        print(f"    {diagnostic}")
    return bad


def main(argv: list[str]) -> int:
    """Compare every corpus site."""
    shared = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    total = sum(compare(shared, d.name) for d in sorted((shared / "corpus").iterdir()))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
