"""Run kramdown (through the Jekyll oracle) on Markdown snippets and print or return the fragments.

Development helper of the inline Markdown engineer: ``inline_oracle.py 'snippet' ...`` prints the
fragment Jekyll produces for each snippet. ``oracle_fragments(snippets)`` is reused by the golden
generator.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ORACLE = Path("/work/shared/oracle/run")


def oracle_fragments(snippets: list[str], kramdown: dict[str, object] | None = None) -> list[str]:
    """Return the Jekyll fragment of each snippet (one oracle run for the whole batch).

    ``kramdown`` adds settings under the ``kramdown:`` key of the site configuration.
    """
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        out = Path(tmp) / "out"
        site.mkdir()
        extra: list[str] = []
        if kramdown:
            config = Path(tmp) / "extra.yml"
            config.write_text(json.dumps({"kramdown": kramdown}), encoding="utf-8")
            extra = ["--config", str(config)]
        for i, text in enumerate(snippets):
            body = "---\nrender_with_liquid: false\n---\n" + text
            (site / f"c{i:05d}.md").write_text(body, encoding="utf-8")
        subprocess.run(
            [str(ORACLE), str(site), str(out), "--no-site", *extra],
            check=True,
            capture_output=True,
        )
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        by_source = {e["source"]: e["fragment"] for e in manifest["entries"] if e.get("source")}
        results = []
        for i in range(len(snippets)):
            frag = by_source[f"c{i:05d}.md"]
            results.append((out / frag).read_bytes().decode("utf-8", "backslashreplace"))
        return results


def main(argv: list[str]) -> int:
    """Print the oracle's fragment for each argument."""
    for snippet, html in zip(argv, oracle_fragments(argv), strict=True):
        print(f"=== {snippet!r}\n{html!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
