"""Regenerate the Liquid goldens from the oracle (real Jekyll).

Builds ``tests/fixtures/liquid/site`` with ``/work/shared/oracle/run`` and records,
for every entry, Jekyll's text after Liquid (``liquid/*.txt``) in
``tests/fixtures/liquid/expected/`` together with the manifest (urls, data,
redirects) the tests build their ``SiteModel`` from.  Never edit the outputs by hand.

    .venv/bin/python scripts/regen_liquid_goldens.py
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "fixtures" / "liquid" / "site"
EXPECTED = ROOT / "tests" / "fixtures" / "liquid" / "expected"
ORACLE = Path("/work/shared/oracle/run")


def main() -> int:
    """Run the oracle and copy its Liquid outputs and manifest."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        done = subprocess.run(
            [str(ORACLE), str(SITE), str(out), "--no-site"],
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
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        (EXPECTED / "liquid").mkdir(parents=True)
        kept = []
        for entry in manifest["entries"]:
            if entry["kind"] not in ("page", "document") or not entry.get("liquid"):
                continue
            shutil.copyfile(out / entry["liquid"], EXPECTED / entry["liquid"])
            kept.append(entry)
        trimmed = {
            "jekyll_version": manifest["jekyll_version"],
            "liquid_version": manifest["liquid_version"],
            "entries": kept,
            "redirects": manifest.get("redirects", []),
        }
        (EXPECTED / "manifest.json").write_text(
            json.dumps(trimmed, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(done.stdout.strip())
        print(f"{len(kept)} entries recorded in {EXPECTED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
