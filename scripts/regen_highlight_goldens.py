"""Regenerate the highlighting goldens from the oracle (real Jekyll 4.3 + kramdown + Rouge).

Inputs (hand-written, reviewed like code):

- ``tests/fixtures/highlight/blocks/NAME.in``: first line the fenced block's info string
  (empty for none), the rest the code;
- ``tests/fixtures/highlight/tags/NAME.in``: first line the ``{% highlight %}`` markup
  (``python linenos``), the rest the code;
- ``tests/fixtures/highlight/ial/NAME.in``: first line the info string, second line the
  block IAL written after the fence (``{: .cls #id}``), the rest the code;
- ``tests/fixtures/highlight/spans/NAME.in``: first line a span IAL (or nothing), second
  line the code span's text.

Outputs, never edited by hand: ``NAME.out`` next to each input, holding what Jekyll wrote
for it (the page's fragment).

    .venv/bin/python scripts/regen_highlight_goldens.py
    .venv/bin/python scripts/regen_highlight_goldens.py --gaps   # only the gap list

``--gaps`` rewrites ``strict_gaps.txt``: the cases our highlighter does not yet reproduce
byte for byte (the strict test expects exactly these to fail).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "highlight"
ORACLE = ROOT.parent / "shared" / "oracle" / "run"


def read_case(path: Path) -> tuple[str, str]:
    """Split an input file into (first line, code)."""
    head, _, code = path.read_text(encoding="utf-8").partition("\n")
    return head, code


def block_page(info: str, code: str) -> str:
    """A page holding one fenced block, kept away from Liquid."""
    runs = [len(m) for m in re.findall(r"^ {0,3}(~+)", code, flags=re.MULTILINE)]
    fence = "~" * max(3, max(runs, default=0) + 1)
    return f"---\nrender_with_liquid: false\n---\n{fence}{info}\n{code}{fence}\n"


def ial_page(path: Path) -> str:
    """A page holding one fenced block followed by an IAL line."""
    info, _, rest = path.read_text(encoding="utf-8").partition("\n")
    ial, _, code = rest.partition("\n")
    return block_page(info, code) + ial + "\n"


def span_page(path: Path) -> str:
    """A page holding one code span (delimited by more backticks than it holds)."""
    ial, _, rest = path.read_text(encoding="utf-8").partition("\n")
    code = rest.removesuffix("\n")
    ticks = "`" * (max((len(r) for r in re.findall(r"`+", code)), default=0) + 1)
    pad = " " if "`" in code else ""
    return f"---\nrender_with_liquid: false\n---\n{ticks}{pad}{code}{pad}{ticks}{ial}\n"


def tag_page(markup: str, code: str) -> str:
    """An HTML page holding one highlight tag; the code is kept literal with ``raw``."""
    return (
        f"---\n---\n{{% highlight {markup} %}}{{% raw %}}\n{code}{{% endraw %}}{{% endhighlight %}}"
    )


def write_gaps() -> None:
    """List the cases whose output differs from the golden (strict comparison)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_highlight import load_cases  # the test's own rendering of each case

    cases = load_cases()
    gaps = [case.name for case in cases if case.render() != case.expected]
    (FIXTURES / "strict_gaps.txt").write_text("".join(f"{g}\n" for g in gaps), encoding="utf-8")
    print(f"{len(cases) - len(gaps)}/{len(cases)} strictly equal; {len(gaps)} gaps")


def main() -> None:
    """Build all cases in one oracle run and write the ``.out`` files."""
    pages: dict[str, Path] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        for path in sorted((FIXTURES / "blocks").glob("*.in")):
            code = read_case(path)[1]
            name = f"b-{path.stem}.md"
            (site / name).write_text(block_page(read_case(path)[0], code), encoding="utf-8")
            pages[name] = path
        for path in sorted((FIXTURES / "ial").glob("*.in")):
            name = f"i-{path.stem}.md"
            (site / name).write_text(ial_page(path), encoding="utf-8")
            pages[name] = path
        for path in sorted((FIXTURES / "spans").glob("*.in")):
            name = f"s-{path.stem}.md"
            (site / name).write_text(span_page(path), encoding="utf-8")
            pages[name] = path
        for path in sorted((FIXTURES / "tags").glob("*.in")):
            markup, code = read_case(path)
            name = f"t-{path.stem}.html"
            (site / name).write_text(tag_page(markup, code), encoding="utf-8")
            pages[name] = path
        out = Path(tmp) / "out"
        subprocess.run([str(ORACLE), str(site), str(out), "--no-site"], check=True)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["entries"]:
            source = entry.get("source")
            if source not in pages:
                continue
            fragment = (out / entry["fragment"]).read_text(encoding="utf-8")
            pages.pop(source).with_suffix(".out").write_text(fragment, encoding="utf-8")
    if pages:
        raise SystemExit(f"no fragment for: {sorted(pages)}")


if __name__ == "__main__":
    if "--gaps" not in sys.argv[1:]:
        main()
    write_gaps()
