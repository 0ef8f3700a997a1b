"""The golden files and the script that writes them: well-formed, complete, consistent."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from goldens import KNOWN_GAPS, MARKDOWN_FIXTURES, known_gaps, markdown_cases
from markdown_it.utils import read_fixture_file

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "fixtures" / "sites"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "regen_goldens", ROOT / "scripts" / "regen_goldens.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("regen_goldens", module)
    spec.loader.exec_module(module)
    return module


regen = _load_script()


# --------------------------------------------------------------------------- markdown fixtures


def test_enough_markdown_cases() -> None:
    assert len(markdown_cases()) >= 250


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in markdown_cases()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", sorted(MARKDOWN_FIXTURES.glob("*.md")), ids=lambda p: p.stem)
def test_script_reads_fixtures_as_the_test_does(path: Path) -> None:
    ours = regen.parse_fixture_lines(regen.read_lines(path))
    theirs = read_fixture_file(path)
    assert [(c.title_line, c.title, c.input) for c in ours] == [(t[0], t[1], t[2]) for t in theirs]
    for case in ours:
        regen.check_input(path, case)  # raises on a case the oracle round trip would alter


def test_known_gaps_name_existing_cases() -> None:
    ids = {case.id for case in markdown_cases()}
    assert set(known_gaps()) <= ids
    assert all(reason.strip() for reason in known_gaps().values())


def test_known_gaps_file_is_what_the_script_writes(tmp_path: Path) -> None:
    gaps = regen.load_gaps(KNOWN_GAPS)
    copy = tmp_path / "gaps.toml"
    regen.write_gaps(copy, gaps)
    assert copy.read_text(encoding="utf-8") == KNOWN_GAPS.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- site fixtures


def _site_cases() -> list[Path]:
    return sorted(p for p in SITES.iterdir() if p.is_dir())


def test_enough_site_cases() -> None:
    assert len(_site_cases()) >= 80


@pytest.mark.parametrize("case", _site_cases(), ids=lambda p: p.name)
def test_site_golden_is_complete(case: Path) -> None:
    assert (case / "src").is_dir()
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    if (case / "build-fails").exists():
        assert expected["build_fails"] is True
        assert expected["error"]
        return
    assert "build_fails" not in expected
    for entry in expected["entries"]:
        assert entry["kind"] in ("page", "document", "generated")
        if entry["fragment"]:
            assert (case / entry["fragment"]).is_file()
    stored = (
        {p.name for p in (case / "fragments").glob("*")} if (case / "fragments").exists() else set()
    )
    assert stored == {Path(e["fragment"]).name for e in expected["entries"] if e["fragment"]}


# --------------------------------------------------------------------------- the script's own rules

FIXTURE = """first case
.
*a*
.
<p><em>a</em></p>
.

second case
.
b
.
.
"""


def test_parse_fixture_lines_finds_blocks() -> None:
    cases = regen.parse_fixture_lines(FIXTURE.splitlines(keepends=True))
    assert [(c.title, c.input, c.title_line) for c in cases] == [
        ("first case", "*a*\n", 1),
        ("second case", "b\n", 8),
    ]
    assert (cases[1].expected_start, cases[1].expected_end) == (10, 11)


def test_unterminated_case_is_an_error() -> None:
    with pytest.raises(regen.GoldenError, match="unterminated"):
        regen.parse_fixture_lines("t\n.\nx\n".splitlines(keepends=True))


def test_inputs_starting_with_a_blank_line_are_refused() -> None:
    case = regen.FixtureCase("t", 1, 2, 4, 5, "\n# x\n")
    with pytest.raises(regen.GoldenError, match="non-blank"):
        regen.check_input(Path("f.md"), case)


@pytest.mark.parametrize("fragment", ["<p>a</p>", "<p>\n.\n</p>\n", "<p>a\r\nb</p>\n"])
def test_unstorable_fragments_are_refused(fragment: str) -> None:
    with pytest.raises(regen.GoldenError):
        regen.expected_block(fragment, "here")


def test_build_error_message_drops_temporary_paths_and_frames() -> None:
    log = (
        "      Generating... \n"
        "\x1b[31m  Error: could not read file /tmp/oracle.AbC12/src/_ev/a.md: bad date\x1b[0m\n"
        "  from /usr/lib/x.rb:1:in `y'\n"
    )
    assert regen.build_error(log) == "Error: could not read file _ev/a.md: bad date"
    frame = "Generating...\n/x/url.rb:102:in `block in g': The URL is bad (NoMethodError)\n"
    assert regen.build_error(frame) == "The URL is bad (NoMethodError)"
