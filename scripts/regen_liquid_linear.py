"""Record what real Jekyll does with runs of unclosed Liquid openers.

``tests/fixtures/liquid_linear/cases.json`` names page bodies (hand-written
inputs).  Each is built alone by the oracle as ``page.html`` after an empty front
matter: either Jekyll renders it (its text after Liquid is recorded) or the build
stops on a Liquid syntax error (the error's message and line are recorded).  The
result goes to ``expected.json`` next to it, never written by hand.

    .venv/bin/python scripts/regen_liquid_linear.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "liquid_linear"
ORACLE = Path("/work/shared/oracle/run")
FRONT_MATTER = "---\n---\n"
PAGE = "page.html"
_SYNTAX_ERROR = re.compile(r"Liquid syntax error \(line (\d+)\): (.*?) in " + re.escape(PAGE))


def build(body: str) -> dict[str, object]:
    """Jekyll's result for one page body: its text after Liquid, or its syntax error."""
    with tempfile.TemporaryDirectory() as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        site.mkdir()
        (site / PAGE).write_text(FRONT_MATTER + body, encoding="utf-8")
        done = subprocess.run(
            [str(ORACLE), str(site), str(out), "--no-site"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
            (entry,) = [e for e in manifest["entries"] if e.get("source") == PAGE]
            liquid = (out / entry["liquid"]).read_text(encoding="utf-8")
            return {"liquid": liquid, "error": None, "error_line": None}
        log = (out / "build.log").read_text(encoding="utf-8", errors="replace")
        found = _SYNTAX_ERROR.search(log)
        if found is None:
            raise RuntimeError(f"the oracle failed without a Liquid syntax error:\n{log[-2000:]}")
        return {"liquid": None, "error": found.group(2), "error_line": int(found.group(1))}


def main() -> int:
    """Build every case and write ``expected.json``."""
    cases = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))["cases"]
    expected = {}
    for name, body in cases.items():
        expected[name] = {"body": body, **build(body)}
        print(name, "rendered" if expected[name]["liquid"] is not None else "syntax error")
    (FIXTURES / "expected.json").write_text(
        json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
