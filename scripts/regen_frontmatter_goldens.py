"""Regenerate the front-matter goldens with the Jekyll oracle.

usage: python scripts/regen_frontmatter_goldens.py [--oracle ../shared/oracle/run]

Builds one site made of every file in tests/fixtures/frontmatter/cases/ and records,
for each, whether Jekyll treats it as a page (front matter) or a static file, and the
body it hands to its converter (the oracle's liquid text: none of the cases holds
Liquid markup, so that is the body verbatim).  Writes tests/fixtures/frontmatter/expected.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "fixtures" / "frontmatter" / "cases"
EXPECTED = CASES.parent / "expected.json"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oracle", default=str(ROOT.parent / "shared" / "oracle" / "run"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        shutil.copytree(CASES, site)
        subprocess.run([args.oracle, str(site), str(out), "--no-site"], check=True)
        manifest = json.loads((out / "manifest.json").read_text("utf-8"))
        entries = {e["source"]: e for e in manifest["entries"] if e.get("source")}
        expected = {}
        for case in sorted(p.name for p in CASES.iterdir()):
            entry = entries.get(case)
            if entry is None:
                expected[case] = {"page": False, "body": None}
                continue
            body = (out / entry["liquid"]).read_bytes().decode("utf-8")
            expected[case] = {"page": True, "body": body}
    EXPECTED.write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {EXPECTED.relative_to(ROOT)} ({len(expected)} cases)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
