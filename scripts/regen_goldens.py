"""Regenerate the conformance goldens from the Jekyll oracle.

usage:
    regen_goldens.py markdown [FILE.md ...]   rewrite the expected block of every case in
                                              tests/fixtures/markdown/*.md (or the given files);
                                              known gaps follow their cases to new line numbers
    regen_goldens.py sites [CASE ...]         rebuild tests/fixtures/sites/<case>/expected.json
                                              and expected fragments from <case>/src/
    regen_goldens.py --update-gaps            rewrite tests/known_gaps.toml from a real run of
                                              dejekyll over every Markdown case

Expected outputs are copied from the oracle's fragments verbatim: nothing here ever computes
or edits an expected output by hand. The oracle (`/work/shared/oracle/run`, real Jekyll 4.3.1 +
kramdown 2.4.0) is found through `$DEJEKYLL_ORACLE` or next to the project (`../shared`).
Running a command twice gives identical files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN_DIR = ROOT / "tests" / "fixtures" / "markdown"
SITES_DIR = ROOT / "tests" / "fixtures" / "sites"
GAPS_FILE = ROOT / "tests" / "known_gaps.toml"
DEFAULT_ORACLE = ROOT.parent / "shared" / "oracle" / "run"

# Loaded into the oracle's Jekyll to record the static files it writes.
STATIC_FILES_PLUGIN = ROOT / "scripts" / "oracle_static_files.rb"

# A page whose body must reach kramdown untouched by Liquid.
CASE_FRONT_MATTER = "---\nrender_with_liquid: false\n---\n"


class GoldenError(Exception):
    """A case cannot be turned into a golden (bad input or oracle failure)."""


class OracleBuildError(GoldenError):
    """Jekyll itself refused to build the site."""

    def __init__(self, message: str, log: str) -> None:
        super().__init__(message)
        self.log = log


# --------------------------------------------------------------------------- fixture files


@dataclass(frozen=True, slots=True)
class FixtureCase:
    """One case of a markdown-it-py fixture file, with the line span of each block."""

    title: str
    title_line: int  # 0-based index of the first "." line (what read_fixture_file reports)
    input_start: int  # first line index of the input block
    expected_start: int  # index of the "." line that opens the expected block
    expected_end: int  # index of the "." line that closes the expected block
    input: str


def parse_fixture_lines(lines: Sequence[str]) -> list[FixtureCase]:
    """Find the cases in a fixture file split with keepends (same grammar as markdown-it-py)."""
    cases: list[FixtureCase] = []
    dots: list[int] = []
    title = ""
    for i, line in enumerate(lines):
        if line.rstrip() != ".":
            continue
        if not dots:
            title = lines[i - 1].strip() if i > 0 else ""
        dots.append(i)
        if len(dots) == 3:
            first, second, third = dots
            text = "".join(lines[first + 1 : second])
            cases.append(FixtureCase(title, first, first + 1, second, third, text))
            dots = []
    if dots:
        raise GoldenError(f"unterminated case {title!r} (line {dots[0] + 1})")
    return cases


def read_lines(path: Path) -> list[str]:
    """Read a fixture file as the test does (universal newlines) and split it like it."""
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def check_input(path: Path, case: FixtureCase) -> None:
    """Refuse inputs that the site round trip or the fixture format would alter."""
    where = f"{path.name}:{case.title_line + 1} {case.title!r}"
    if not case.title:
        raise GoldenError(f"{where}: case without a title")
    if not case.input.strip():
        raise GoldenError(f"{where}: empty input")
    if not case.input.splitlines()[0].strip():
        # Jekyll's front-matter split drops leading blank lines; keep cases unambiguous.
        raise GoldenError(f"{where}: input must start with a non-blank line")


def expected_block(fragment: str, where: str) -> str:
    """The text of an expected block holding `fragment` verbatim."""
    if fragment and not fragment.endswith("\n"):
        raise GoldenError(f"{where}: oracle fragment does not end with a newline")
    pieces = fragment.splitlines(keepends=True)
    if "".join(pieces) != fragment or "\r" in fragment:
        raise GoldenError(f"{where}: fragment cannot be stored in a fixture file")
    if any(piece.rstrip() == "." for piece in pieces):
        raise GoldenError(f"{where}: fragment has a line that is a lone '.'")
    return fragment


# --------------------------------------------------------------------------- oracle


def oracle_command() -> Path:
    """Path of the oracle's `run` script."""
    env = os.environ.get("DEJEKYLL_ORACLE")
    path = Path(env) if env else DEFAULT_ORACLE
    if not path.exists():
        raise GoldenError(f"oracle not found at {path} (set DEJEKYLL_ORACLE)")
    return path


def run_oracle(
    site: Path, out: Path, *, extra: Sequence[str] = (), env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Build `site` with the oracle into `out` (no `_site` copy); return the manifest."""
    proc = subprocess.run(
        [str(oracle_command()), str(site), str(out), "--no-site", *extra],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode != 0:
        log_file = out / "build.log"
        log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
        raise OracleBuildError(f"oracle failed on {site}:\n{proc.stderr}", log or proc.stderr)
    manifest: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def read_output(out: Path, rel: str | None) -> str | None:
    """Text of an oracle output file named in the manifest (None if absent)."""
    if not rel:
        return None
    path = out / rel
    if not path.exists():
        return None
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as err:
        raise GoldenError(f"{rel}: the oracle wrote invalid UTF-8 ({err})") from err


# --------------------------------------------------------------------------- markdown goldens


Parsed = dict[Path, tuple[list[str], list[FixtureCase]]]
Pages = dict[str, tuple[Path, FixtureCase]]


def regen_markdown(files: Iterable[Path]) -> int:
    """Rewrite the expected block of every case in `files` with the oracle's fragment."""
    parsed, pages = collect_cases(sorted(files))
    fragments = oracle_fragments(pages)
    changed = sum(
        rewrite_expected(path, lines, cases, fragments) for path, (lines, cases) in parsed.items()
    )
    remap_gaps()
    print(f"markdown: {len(pages)} cases in {len(parsed)} files, {changed} files changed")
    return 0


def collect_cases(files: Sequence[Path]) -> tuple[Parsed, Pages]:
    """Parse and check every case; name the page each case becomes in the oracle's site."""
    parsed: Parsed = {}
    pages: Pages = {}
    for path in files:
        lines = read_lines(path)
        cases = parse_fixture_lines(lines)
        titles: set[str] = set()
        for case in cases:
            check_input(path, case)
            if case.title in titles:
                raise GoldenError(f"{path.name}: duplicate title {case.title!r}")
            titles.add(case.title)
            pages[f"c{len(pages):05d}.md"] = (path, case)
        parsed[path] = (lines, cases)
    return parsed, pages


def oracle_fragments(pages: Pages) -> dict[tuple[Path, int], str]:
    """Build one site with a page per case; return each case's fragment, verbatim."""
    fragments: dict[tuple[Path, int], str] = {}
    with tempfile.TemporaryDirectory(prefix="dejekyll-golden-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        site.mkdir()
        for name, (_path, case) in pages.items():
            (site / name).write_text(CASE_FRONT_MATTER + case.input, encoding="utf-8", newline="")
        manifest = run_oracle(site, out)
        by_source = {e.get("source"): e for e in manifest["entries"]}
        for name, (path, case) in pages.items():
            where = f"{path.name}:{case.title_line + 1} {case.title!r}"
            entry = by_source.get(name)
            if entry is None:
                raise GoldenError(f"{where}: no oracle entry for {name}")
            if read_output(out, entry.get("liquid")) != case.input:
                raise GoldenError(f"{where}: kramdown did not receive the input verbatim")
            fragment = read_output(out, entry.get("fragment"))
            if fragment is None:
                raise GoldenError(f"{where}: no fragment")
            fragments[path, case.title_line] = expected_block(fragment, where)
    return fragments


def rewrite_expected(
    path: Path,
    lines: list[str],
    cases: list[FixtureCase],
    fragments: dict[tuple[Path, int], str],
) -> bool:
    """Put each case's fragment in its expected block; write the file if it changed."""
    new_lines = list(lines)
    for case in reversed(cases):
        block = fragments[path, case.title_line].splitlines(keepends=True)
        new_lines[case.expected_start + 1 : case.expected_end] = block
    text = "".join(new_lines)
    if text == "".join(lines):
        return False
    path.write_text(text, encoding="utf-8", newline="")
    return True


# --------------------------------------------------------------------------- site goldens


def site_expected(
    out: Path, manifest: dict[str, Any], static_dump: Path
) -> tuple[dict[str, Any], dict[str, str]]:
    """The stored golden of one site: entries, redirects, static files and fragment files.

    Each page/document/generated entry keeps `kind`, `source`, `collection`, `url`,
    `output_path` and the name of its fragment file (stored under `fragments/`, named as
    the oracle names it). Redirect stub pages are described by `redirects` instead.
    `static_files` lists the output paths of the static files Jekyll wrote (recorded by
    `scripts/oracle_static_files.rb` inside the oracle's Jekyll).
    """
    entries: list[dict[str, Any]] = []
    fragments: dict[str, str] = {}
    for entry in manifest["entries"]:
        if entry.get("kind") not in ("page", "document", "generated"):
            continue
        row: dict[str, Any] = {
            "kind": entry.get("kind"),
            "source": entry.get("source"),
            "collection": entry.get("collection"),
            "url": entry.get("url"),
            "output_path": entry.get("output_path"),
            "fragment": None,
        }
        fragment = read_output(out, entry.get("fragment"))
        if fragment is not None:
            name = Path(entry["fragment"]).name
            fragments[name] = fragment
            row["fragment"] = f"fragments/{name}"
        entries.append(row)
    redirects = []
    for item in manifest.get("redirects", []):
        row = {key: item.get(key) for key in ("from", "to", "output_path")}
        for key in ("target_source", "redirect_to_in"):
            if item.get(key):
                row[key] = item[key]
        redirects.append(row)
    statics = json.loads(static_dump.read_text(encoding="utf-8"))
    entries.sort(key=lambda e: (e["source"] or "", e["url"] or ""))
    redirects.sort(key=lambda r: (str(r["from"]), str(r["to"]), str(r["output_path"])))
    expected = {
        "entries": entries,
        "redirects": redirects,
        "static_files": sorted({row["output_path"] for row in statics}),
    }
    return expected, fragments


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RUBY_FRAME = re.compile(r"^\S+:\d+:in `[^']*': ")
_TEMP_SOURCE = re.compile(r"/tmp/oracle\.[^/\s]+/src/")


def build_error(log: str) -> str:
    """The first message Jekyll printed about a failed build, without temporary paths."""
    lines = _ANSI.sub("", log).splitlines()
    start = next((i for i, line in enumerate(lines) if "Generating..." in line), -1) + 1
    for line in lines[start:]:
        text = _TEMP_SOURCE.sub("", line.strip())
        if not text or text.startswith(("from ", "---", "ERROR: YOUR SITE", "oracle:")):
            continue
        return _RUBY_FRAME.sub("", text)
    return "build failed"


def regen_site(case_dir: Path) -> None:
    """Build one site case with the oracle and store its golden next to `src/`.

    A case directory holding a `build-fails` file is expected to fail: its golden records
    `{"build_fails": true, "error": <Jekyll's message>}`.
    """
    src = case_dir / "src"
    if not src.is_dir():
        raise GoldenError(f"{case_dir}: no src/ directory")
    must_fail = (case_dir / "build-fails").exists()
    with tempfile.TemporaryDirectory(prefix="dejekyll-site-") as tmp:
        out, dump = Path(tmp) / "out", Path(tmp) / "static_files.json"
        try:
            manifest = run_oracle(
                src,
                out,
                extra=["--require", str(STATIC_FILES_PLUGIN)],
                env={"DEJEKYLL_STATIC_DUMP": str(dump)},
            )
        except OracleBuildError as err:
            if not must_fail:
                raise
            expected: dict[str, Any] = {"build_fails": True, "error": build_error(err.log)}
            fragments: dict[str, str] = {}
        else:
            if must_fail:
                raise GoldenError(f"{case_dir.name}: marked build-fails but the build succeeded")
            expected, fragments = site_expected(out, manifest, dump)
    frag_dir = case_dir / "fragments"
    if frag_dir.exists():
        shutil.rmtree(frag_dir)
    if fragments:
        frag_dir.mkdir()
        for name, text in sorted(fragments.items()):
            (frag_dir / name).write_text(text, encoding="utf-8", newline="")
    text = json.dumps(expected, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    (case_dir / "expected.json").write_text(text, encoding="utf-8", newline="")


def regen_sites(names: Sequence[str]) -> int:
    """Regenerate the named site cases (all of them when `names` is empty)."""
    dirs = [SITES_DIR / n for n in names] if names else sorted(p for p in SITES_DIR.iterdir())
    dirs = [d for d in dirs if d.is_dir()]
    failed = []
    for case_dir in dirs:
        try:
            regen_site(case_dir)
        except GoldenError as err:
            failed.append(case_dir.name)
            print(f"error: {case_dir.name}: {err}", file=sys.stderr)
    print(f"sites: {len(dirs) - len(failed)} of {len(dirs)} cases regenerated")
    if failed:
        raise GoldenError(f"{len(failed)} site cases failed: {', '.join(failed)}")
    return 0


# --------------------------------------------------------------------------- known gaps


def load_gaps(path: Path) -> dict[str, str]:
    """Current known gaps: test id -> reason."""
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    gaps: dict[str, str] = data.get("markdown", {})
    return gaps


def describe_failure(expected: str, got: str) -> str:
    """A one-line reason: where the normalised outputs first differ."""
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(expected), len(got)),
    )
    start = max(0, at - 20)
    want, have = expected[start : at + 30], got[start : at + 30]
    return f"differs at {at}: expected {want!r}, got {have!r}"


def update_gaps() -> int:
    """Rewrite tests/known_gaps.toml with every Markdown case that fails right now."""
    sys.path.insert(0, str(ROOT / "tests"))
    from goldens import find_renderer, markdown_cases
    from normalize import normalize

    old = load_gaps(GAPS_FILE)
    old_by_title = {_without_line(key): reason for key, reason in old.items()}
    gaps: dict[str, str] = {}
    cases = markdown_cases()
    for case in cases:
        want = normalize(case.expected)
        try:
            got = normalize(find_renderer()(case.source))
        except Exception as err:  # noqa: BLE001 - a crash is a gap too; record it
            reason = f"raises {type(err).__name__}: {err}".splitlines()[0][:200]
        else:
            if got == want:
                continue
            reason = describe_failure(want, got)
        kept = old.get(case.id) or old_by_title.get(_without_line(case.id))
        gaps[case.id] = kept if kept and not kept.startswith(AUTO_REASONS) else reason
    write_gaps(GAPS_FILE, gaps)
    print(f"known gaps: {len(gaps)} of {len(cases)} markdown cases fail")
    return 0


def remap_gaps() -> None:
    """Keep known gaps attached to their cases when regenerated blocks move line numbers.

    A gap is matched to its case by file stem and title; gaps of cases that no longer exist
    are dropped (run `--update-gaps` to re-measure).
    """
    old = load_gaps(GAPS_FILE)
    if not old:
        return
    by_title = {_without_line(key): reason for key, reason in old.items()}
    gaps: dict[str, str] = {}
    for path in sorted(MARKDOWN_DIR.glob("*.md")):
        for case in parse_fixture_lines(read_lines(path)):
            key = f"{path.stem}:{case.title_line + 1}:{case.title}"
            reason = by_title.get(_without_line(key))
            if reason is not None:
                gaps[key] = reason
    if gaps != old:
        write_gaps(GAPS_FILE, gaps)


def _sort_key(case_id: str) -> tuple[str, int]:
    stem, line, _title = case_id.split(":", 2)
    return stem, int(line)


# Reasons written by this script; they are recomputed on each run, hand-written ones are kept.
AUTO_REASONS = ("differs at ", "raises ")


def _without_line(case_id: str) -> str:
    """`stem:line:title` -> `stem:title` (a case keeps its reason when lines move)."""
    stem, _line, title = case_id.split(":", 2)
    return f"{stem}:{title}"


def write_gaps(path: Path, gaps: dict[str, str]) -> None:
    """Write the known-gaps TOML file (sorted, one `"id" = "reason"` per line)."""
    out = [
        "# Markdown fixture cases that dejekyll does not pass yet: test id -> one-line reason.",
        "# Rewritten by `scripts/regen_goldens.py --update-gaps` from a real run; each entry",
        "# is an xfail(strict=True), so a case that starts passing must leave this list.",
        "",
        "[markdown]",
    ]
    for key in sorted(gaps, key=_sort_key):
        out.append(f"{json.dumps(key, ensure_ascii=False)} = {json.dumps(gaps[key])}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", choices=["markdown", "sites"])
    parser.add_argument("names", nargs="*", help="fixture files or site case names")
    parser.add_argument("--update-gaps", action="store_true", help="rewrite tests/known_gaps.toml")
    args = parser.parse_args(argv)
    if not args.what and not args.update_gaps:
        parser.error("say what to regenerate: markdown, sites or --update-gaps")
    try:
        if args.what == "markdown":
            files = [Path(n).resolve() for n in args.names] or list(MARKDOWN_DIR.glob("*.md"))
            regen_markdown(files)
        elif args.what == "sites":
            regen_sites(args.names)
        if args.update_gaps:
            update_gaps()
    except GoldenError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
