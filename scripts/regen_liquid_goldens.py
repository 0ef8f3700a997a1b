"""Regenerate the Liquid goldens from the oracle (real Jekyll).

Each golden site is a folder of ``tests/fixtures/liquid`` holding ``site/`` (the
input, hand-written) and ``expected/`` (written here, never by hand): the oracle
builds ``site/`` and, for every page and document, Jekyll's text after Liquid
(``liquid/*.txt``) is copied together with the manifest (urls, data, redirects)
the tests build their ``SiteModel`` from.  The main site is ``tests/fixtures/liquid``
itself; the others are ``tests/fixtures/liquid/sites/<name>``.

    .venv/bin/python scripts/regen_liquid_goldens.py [NAME ...]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "liquid"
ORACLE = Path("/work/shared/oracle/run")


def golden_sites() -> dict[str, Path]:
    """Every golden site: ``main`` and the folders of ``sites/``."""
    found = {"main": FIXTURES}
    sites = FIXTURES / "sites"
    if sites.is_dir():
        found.update({path.name: path for path in sorted(sites.iterdir()) if path.is_dir()})
    return found


def regenerate(folder: Path) -> int:
    """Run the oracle on ``folder/site`` and record ``folder/expected``."""
    site, expected = folder / "site", folder / "expected"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        done = subprocess.run(
            [str(ORACLE), str(site), str(out), "--no-site"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            log = (out / "build.log").read_text(encoding="utf-8", errors="replace")
            problems = [line for line in log.splitlines() if "Error" in line or "Exception" in line]
            sys.stderr.write("\n".join(problems[:5] or log.splitlines()[-20:]) + "\n")
            return done.returncode
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        if expected.exists():
            shutil.rmtree(expected)
        (expected / "liquid").mkdir(parents=True)
        kept = []
        for entry in manifest["entries"]:
            if entry["kind"] not in ("page", "document") or not entry.get("liquid"):
                continue
            shutil.copyfile(out / entry["liquid"], expected / entry["liquid"])
            kept.append(entry)
        trimmed = {
            "jekyll_version": manifest["jekyll_version"],
            "liquid_version": manifest["liquid_version"],
            "entries": kept,
            "redirects": manifest.get("redirects", []),
        }
        (expected / "manifest.json").write_text(
            json.dumps(trimmed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(done.stdout.strip())
        print(f"{len(kept)} entries recorded in {expected.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Regenerate the named golden sites (all by default)."""
    names = sys.argv[1:] if argv is None else argv
    sites = golden_sites()
    unknown = [name for name in names if name not in sites]
    if unknown:
        sys.stderr.write(f"unknown golden sites: {', '.join(unknown)}\n")
        return 2
    for name in names or list(sites):
        status = regenerate(sites[name])
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
