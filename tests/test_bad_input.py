"""Bad input never costs the good pages.

Every test here builds a site (or converts a page) holding something broken beside a
good page, and checks three things: the problem is a diagnostic naming the file, the
line and what went wrong; the good page still converts; nothing is written outside
the destination.  Inputs that could hang or blow up run in a child process under a
CPU budget (``RLIMIT_CPU``, see ``badsites/worker.py``) and a memory cap, so a
regression shows up as a failed test, never as a stuck or swapping test run.

Fixture sites are in ``tests/badsites/<case>/``; bytes that do not belong in a text
file (invalid UTF-8, binary) and symlinks are made by the tests themselves.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import dejekyll
from dejekyll.output import UnsafePathError, safe_relpath
from dejekyll.site import Site

BADSITES = Path(__file__).parent / "badsites"
WORKER = BADSITES / "worker.py"
GOOD = "good.md"
SECRET = "SECRET-OUTSIDE-THE-SITE"
MEMORY_CAP = 3 * 1024**3
"""Address-space cap of child processes: an input that tries to allocate without
bound fails there instead of swapping the machine."""


# --- building a site, watching what it writes ---------------------------------------


class _Deadline(BaseException):
    """Raised by SIGALRM; a BaseException so no ``except Exception`` swallows it."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``."""

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _Deadline(f"not finished within {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(root: Path, skip: Path) -> dict[str, tuple[bool, int, int]]:
    """Every path below ``root`` (not following symlinks), except ``skip``'s subtree."""
    found: dict[str, tuple[bool, int, int]] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if here == skip or skip in here.parents:
            dirs[:] = []
            continue
        for name in (*dirs, *files):
            stat = (here / name).lstat()
            found[str(here / name)] = ((here / name).is_symlink(), stat.st_size, stat.st_mtime_ns)
    return found


@dataclass(frozen=True)
class Built:
    """A site built into ``dest``, with its manifest."""

    site: Site | None
    manifest: dict[str, Any]
    dest: Path

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """The manifest's diagnostics."""
        return list(self.manifest["diagnostics"])

    def entry(self, source: str) -> dict[str, Any] | None:
        """The manifest entry rendered from ``source``, if any."""
        for entry in self.manifest["entries"]:
            if entry["source"] == source:
                return dict(entry)
        return None

    def fragment(self, source: str) -> str:
        """The fragment written for ``source``."""
        entry = self.entry(source)
        assert entry is not None, f"{source} is not in the manifest"
        return (self.dest / str(entry["fragment"])).read_text("utf-8")

    def written_text(self) -> str:
        """Everything written to the destination, as one text (for leak checks)."""
        parts = []
        for path in sorted(self.dest.rglob("*")):
            if path.is_file():
                parts.append(path.read_bytes().decode("utf-8", errors="replace"))
        return "\n".join(parts)


def make_site(tmp_path: Path, *cases: str) -> Path:
    """A site in ``tmp_path/site``: the fixture folders ``cases`` and the good page."""
    source = tmp_path / "site"
    source.mkdir(exist_ok=True)
    for case in ("good", *cases):
        shutil.copytree(BADSITES / case, source, dirs_exist_ok=True)
    return source


def _check_destination(tmp_path: Path, before: dict[str, Any], dest: Path) -> None:
    after = snapshot(tmp_path, dest)
    ancestors = {str(dest), *(str(p) for p in dest.parents)}
    outside = sorted(set(after) - set(before) - ancestors)
    assert not outside, f"written outside the destination: {outside}"
    changed = sorted(p for p in before if p in after and after[p] != before[p])
    changed = [p for p in changed if p not in ancestors]
    assert not changed, f"changed outside the destination: {changed}"
    removed = sorted(set(before) - set(after))
    assert not removed, f"removed outside the destination: {removed}"
    real_dest = dest.resolve()
    for path in dest.rglob("*"):
        assert not path.is_symlink(), f"symlink written in the destination: {path}"
        assert path.resolve().is_relative_to(real_dest), path


def build(tmp_path: Path, source: Path, *, seconds: int = 60) -> Built:
    """Build ``source`` in-process into a deep destination and check where it wrote."""
    dest = tmp_path / "d1" / "d2" / "d3" / "out"
    before = snapshot(tmp_path, dest)
    with deadline(seconds):
        site = dejekyll.load_site(source)
        site.write(dest)
    _check_destination(tmp_path, before, dest)
    manifest = json.loads((dest / "manifest.json").read_text("utf-8"))
    built = Built(site, manifest, dest)
    assert "root:x:0:0" not in built.written_text(), "a system file leaked into the output"
    return built


def assert_good_page(built: Built) -> None:
    """The good page beside the bad input converted, fully."""
    entry = built.entry(GOOD)
    assert entry is not None, "the good page is missing from the manifest"
    assert not entry["failed"]
    html = built.fragment(GOOD)
    assert '<h1 id="still-here">Still here</h1>' in html
    assert "<em>good</em>" in html
    assert not [d for d in built.diagnostics if d["source"] == GOOD]


def find_diagnostic(
    diagnostics: list[dict[str, Any]],
    source: str,
    *,
    line: int | None,
    text: str,
    level: str | None = None,
) -> dict[str, Any]:
    """The diagnostic on ``source`` at ``line`` whose message contains ``text``."""
    for diagnostic in diagnostics:
        if (
            diagnostic["source"] == source
            and diagnostic["line"] == line
            and text in diagnostic["message"]
            and (level is None or diagnostic["level"] == level)
        ):
            return diagnostic
    shown = "\n".join(
        f"  {d['source']}:{d['line']}: {d['level']}: {d['message']}" for d in diagnostics
    )
    raise AssertionError(
        f"no {level or 'any'} diagnostic {source}:{line} containing {text!r}; got:\n{shown}"
    )


# --- one bad file beside the good page -----------------------------------------------


@dataclass(frozen=True)
class Case:
    """A fixture folder with one bad file, and the diagnostic it must give."""

    folder: str
    source: str
    line: int
    level: str
    text: str


CASES = [
    Case("yaml-malformed", "bad.md", 4, "warning", "YAML error"),
    Case("yaml-not-mapping", "bad.md", 1, "error", "not a mapping"),
    Case("yaml-scalar", "bad.md", 1, "error", "not a mapping"),
    Case("yaml-alias-bomb", "bad.md", 1, "warning", "alias bomb"),
    Case("date-year-only", "_posts/2020-01-01-bad.md", 3, "error", "invalid date '2023'"),
    Case("date-impossible", "_posts/2020-01-01-bad.md", 3, "error", "invalid date '2020-13-45'"),
    Case("liquid-unclosed-if", "bad.md", 5, "error", "endif"),
    Case("liquid-unclosed-for", "bad.md", 5, "error", "endfor"),
    Case("liquid-unknown-tag", "bad.md", 5, "warning", "frobnicate"),
    Case("liquid-unknown-filter", "bad.md", 5, "warning", "frobnicate"),
    Case("include-recursion", "bad.md", 5, "error", "self.html"),
    Case("include-missing", "bad.md", 5, "error", "nowhere.html"),
    Case("include-dotdot", "bad.md", 5, "error", "../../../../../../etc/passwd"),
    Case("include-relative-dotdot", "bad.md", 5, "error", "../../../../../../etc/passwd"),
    Case("include-absolute", "bad.md", 5, "error", "/etc/passwd"),
    Case("include-relative-absolute", "bad.md", 5, "error", "/etc/passwd"),
    Case("liquid-huge-loop", "bad.md", 5, "error", "loop iteration limit"),
    Case("liquid-nested-loops", "bad.md", 5, "error", "loop iteration limit"),
    Case("date-impossible-filename", "_posts/2020-13-45-bad.md", 1, "error", "2020-13-45"),
    Case("liquid-unclosed-raw", "bad.md", 5, "error", "'raw' tag was never closed"),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.folder) for c in CASES])
def test_bad_file_is_located_and_the_good_page_converts(tmp_path: Path, case: Case) -> None:
    built = build(tmp_path, make_site(tmp_path, case.folder))
    assert_good_page(built)
    find_diagnostic(
        built.diagnostics, case.source, line=case.line, text=case.text, level=case.level
    )
    entry = built.entry(case.source)
    if case.level == "error" and entry is not None:
        assert entry["failed"], f"{case.source} has an error but is not marked failed"


def test_alias_bomb_is_refused_quickly_and_leaves_no_data(tmp_path: Path) -> None:
    built = build(tmp_path, make_site(tmp_path, "yaml-alias-bomb"), seconds=20)
    entry = built.entry("bad.md")
    assert entry is not None
    assert entry["front_matter"] == {}
    assert built.fragment("bad.md") == "<p>4</p>\n"  # jsonify of nil is "null"


def test_invalid_utf8_is_located_to_the_byte(tmp_path: Path) -> None:
    source = make_site(tmp_path)
    (source / "bad.md").write_bytes(b"---\ntitle: ok\n---\nline 4\nbad \xff\xfe here\n")
    built = build(tmp_path, source)
    assert_good_page(built)
    found = find_diagnostic(
        built.diagnostics, "bad.md", line=5, text="invalid UTF-8 (byte 0xff)", level="error"
    )
    assert found["column"] == 5
    entry = built.entry("bad.md")
    assert entry is not None and entry["failed"]
    assert "line 4" in built.fragment("bad.md")


def test_invalid_utf8_in_front_matter(tmp_path: Path) -> None:
    source = make_site(tmp_path)
    (source / "bad.md").write_bytes(b"---\ntitle: caf\xe9\n---\nbody\n")
    built = build(tmp_path, source)
    assert_good_page(built)
    found = find_diagnostic(built.diagnostics, "bad.md", line=2, text="invalid UTF-8")
    assert found["column"] == 11


def test_binary_file_with_a_front_matter_line(tmp_path: Path) -> None:
    source = make_site(tmp_path)
    # "---" then every byte value: NULs, control characters, invalid UTF-8 from 0x80
    # (on line 3: byte 10 is the only newline among them).
    (source / "blob.md").write_bytes(b"---\n" + bytes(range(256)) * 64)
    (source / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    built = build(tmp_path, source)
    assert_good_page(built)
    find_diagnostic(built.diagnostics, "blob.md", line=3, text="invalid UTF-8", level="error")
    assert (built.dest / "image.png").read_bytes() == (source / "image.png").read_bytes()


# --- data files and the config -------------------------------------------------------


def _data_case(name: str, raw: bytes, line: int, text: str, reason: str | None = None) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(name, raw, line, text, id=name, marks=marks)


@pytest.mark.parametrize(
    ("name", "raw", "line", "text"),
    [
        _data_case("bad.yml", b"a: 1\nb: [1\nc: 2\n", 3, "YAML error"),
        _data_case("bad.csv", b'a,b\n"1,2\n', 2, "Unclosed quoted field"),
        _data_case("utf.yml", b"a: 1\nb: \xff\n", 2, "UTF-8"),
    ],
)
def test_bad_data_file_is_located(
    tmp_path: Path, name: str, raw: bytes, line: int, text: str
) -> None:
    source = make_site(tmp_path)
    (source / "_data").mkdir()
    (source / "_data" / name).write_bytes(raw)
    built = build(tmp_path, source)
    assert_good_page(built)
    find_diagnostic(built.diagnostics, f"_data/{name}", line=line, text=text, level="error")


def test_malformed_config_stops_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dejekyll.cli import main

    source = make_site(tmp_path)
    (source / "_config.yml").write_text("title: ok\nlist: [x\nfoo: 1\n", "utf-8")
    dest = tmp_path / "out"
    code = main(["build", "-q", "--no-cache", "-s", str(source), "-d", str(dest)])
    assert code == 2
    assert "_config.yml:3" in capsys.readouterr().err
    assert not dest.exists()


def _config_case(
    setting: str, reason: str | None = None, raises: type[BaseException] = AssertionError
) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=reason, raises=raises)] if reason else []
    return pytest.param(setting, id=setting, marks=marks)


@pytest.mark.parametrize(
    "setting",
    [
        _config_case("data_dir: ../outside"),
        _config_case("collections_dir: ../outside"),
        _config_case("includes_dir: ../outside"),
        _config_case("layouts_dir: ../outside"),
        _config_case("plugins_dir: ../outside"),
        _config_case("source: ../outside"),
    ],
)
def test_config_folders_leading_outside_are_not_read(tmp_path: Path, setting: str) -> None:
    outside = _outside(tmp_path)
    (outside / "secret.yml").write_text(f"secret: {SECRET}\n", "utf-8")
    (outside / "_posts").mkdir()
    (outside / "_posts" / "2020-01-01-x.md").write_text(f"---\n---\n{SECRET}\n", "utf-8")
    source = make_site(tmp_path)
    (source / "_config.yml").write_text(setting + "\n", "utf-8")
    (source / "uses.md").write_text(
        "---\n---\n{{ site.data | jsonify }} {% include secret.html %}\n"
        "{% for p in site.posts %}{{ p.content }}{% endfor %}\n",
        "utf-8",
    )
    built = build(tmp_path, source, seconds=30)
    assert_good_page(built)
    assert SECRET not in built.written_text()


@pytest.mark.parametrize(
    "setting",
    [
        _config_case("exclude: [{a: 1}]"),
        _config_case("data_dir: /"),
        _config_case('destination: "\\0"'),
        _config_case("permalink: 5"),
        _config_case("collections: [1, null]"),
        _config_case("defaults: [{scope: null, values: 3}]"),
        _config_case("timezone: Nowhere/Never"),
        _config_case("markdown_ext: 5"),
    ],
)
def test_bad_config_values_never_crash(tmp_path: Path, setting: str) -> None:
    source = make_site(tmp_path)
    (source / "_config.yml").write_text(setting + "\n", "utf-8")
    try:
        with deadline(30):
            site = dejekyll.load_site(source)
    except dejekyll.ConfigError as err:
        assert err.path is not None and "_config.yml" in err.path, str(err)
        return
    assert site.page(GOOD).html


# --- symlinks ---------------------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text(f"{SECRET}\n", "utf-8")
    (outside / "page.md").write_text(f"---\ntitle: outside\n---\n{SECRET}\n", "utf-8")
    return outside


def test_include_through_a_symlink_leading_outside(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    source = make_site(tmp_path)
    (source / "_includes").mkdir()
    (source / "_includes" / "linked.html").symlink_to(outside / "secret.html")
    (source / "linked-relative.html").symlink_to(outside / "secret.html")
    (source / "linked-dir").symlink_to(outside, target_is_directory=True)
    (source / "bad.md").write_text(
        "---\n---\nline 3\n{% include linked.html %}\n{% include_relative linked-relative.html %}"
        "\n{% include_relative linked-dir/secret.html %}\n",
        "utf-8",
    )
    built = build(tmp_path, source)
    assert_good_page(built)
    for line, name in ((4, "linked.html"), (5, "linked-relative.html"), (6, "secret.html")):
        find_diagnostic(built.diagnostics, "bad.md", line=line, text=name, level="error")
    assert SECRET not in built.fragment("bad.md")


def test_symlinked_page_leading_outside(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    source = make_site(tmp_path)
    (source / "linked.md").symlink_to(outside / "page.md")
    built = build(tmp_path, source)
    assert_good_page(built)
    assert [d for d in built.diagnostics if d["source"] == "linked.md"]
    assert SECRET not in built.written_text()


def test_symlinked_folder_leading_outside(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    source = make_site(tmp_path)
    (source / "linked-dir").symlink_to(outside, target_is_directory=True)
    built = build(tmp_path, source)
    assert_good_page(built)
    assert [d for d in built.diagnostics if (d["source"] or "").startswith("linked-dir")]
    assert SECRET not in built.written_text()


# --- paths that try to leave the destination -----------------------------------------


def test_permalinks_redirects_and_collections_stay_inside(tmp_path: Path) -> None:
    source = make_site(tmp_path, "escape-paths")
    (source / "a\\..\\..\\..\\escaped-name.md").write_text("---\n---\nname\n", "utf-8")
    (source / "%2e%2e%2f%2e%2e%2fescaped-pct.md").write_text("---\n---\npct\n", "utf-8")
    built = build(tmp_path, source)
    assert_good_page(built)
    assert not list(Path(tempfile.gettempdir()).glob("escaped-*"))
    assert not list(Path("/").glob("escaped-*"))
    leave = "would leave the destination"
    find_diagnostic(built.diagnostics, "backslash.md", line=2, text=leave, level="error")
    find_diagnostic(built.diagnostics, "redirects.md", line=2, text=leave, level="error")
    name = "a\\..\\..\\..\\escaped-name.md"
    find_diagnostic(built.diagnostics, name, line=None, text=leave, level="error")
    refused = {d["source"] for d in built.diagnostics if d["kind"] == "output"}
    pages = [e for e in built.manifest["entries"] if e["kind"] != "redirect"]
    for item in [*pages, *built.manifest["redirects"]]:
        path = item.get("output_path")
        if path is None:
            continue
        owner = item.get("source") or item.get("target_source")
        try:
            inside = built.dest.joinpath(*safe_relpath(path).parts)
        except UnsafePathError:
            assert owner in refused, f"{path!r} refused without a diagnostic on {owner}"
            continue
        assert inside.resolve().is_relative_to(built.dest.resolve())
    for entry in built.manifest["entries"]:
        if entry["fragment"] is not None:
            fragment = built.dest / entry["fragment"]
            assert fragment.is_file() and fragment.resolve().is_relative_to(built.dest)


def test_collection_name_leading_outside_is_not_read(tmp_path: Path) -> None:
    _outside(tmp_path)
    source = make_site(tmp_path)
    (source / "_..").mkdir()  # "_" + "../../../outside" is then tmp/outside
    (source / "_config.yml").write_text(
        'collections:\n  "../../../outside":\n    output: true\n  "/etc":\n    output: true\n',
        "utf-8",
    )
    assert (source / "_../../../outside/page.md").is_file()
    built = build(tmp_path, source)
    assert_good_page(built)
    assert SECRET not in built.written_text()
    assert [e["source"] for e in built.manifest["entries"]] == [GOOD]


def test_unwritable_output_paths_are_diagnosed(tmp_path: Path) -> None:
    source = make_site(tmp_path)
    (source / "nul.md").write_text('---\npermalink: "/a\\0b.html"\n---\nnul\n', "utf-8")
    (source / "long.md").write_text(f"---\npermalink: /{'L' * 300}.html\n---\nlong\n", "utf-8")
    (source / "x1.md").write_text("---\npermalink: /x/\n---\nx\n", "utf-8")
    (source / "x2.md").write_text("---\npermalink: /x/index.html/y.html\n---\nx2\n", "utf-8")
    deep = source / ("a" * 100) / ("b" * 100) / ("c" * 100)
    deep.mkdir(parents=True)
    (deep / "deep.md").write_text('---\ntitle: t\npermalink: "/\\0"\n---\ndeep\n', "utf-8")
    built = build(tmp_path, source)
    assert_good_page(built)
    find_diagnostic(built.diagnostics, "nul.md", line=2, text="not written", level="error")
    find_diagnostic(built.diagnostics, "long.md", line=2, text="File name too long")
    find_diagnostic(built.diagnostics, "x2.md", line=2, text="not written", level="error")
    deep_source = deep.relative_to(source).as_posix() + "/deep.md"
    find_diagnostic(built.diagnostics, deep_source, line=3, text="not written")
    for name in ("nul.md", "long.md", "x2.md", deep_source):
        assert built.fragment(name).strip().endswith(name.rsplit("/", 1)[-1][:-3] + "</p>")
        entry = built.entry(name)
        assert entry is not None and entry["failed"], name
    assert built.manifest["counts"]["failed"] == 4


def test_large_front_matter_without_aliases_is_no_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    from dejekyll import yamlload
    from dejekyll.frontmatter import read_front_matter

    monkeypatch.setattr(yamlload, "MAX_EXPANDED_NODES", 1000)
    many = "".join(f"k{i}: {i}\n" for i in range(2000))
    found = read_front_matter(f"---\n{many}---\nbody\n".encode(), "p.md")
    assert found is not None and not found.diagnostics
    assert len(found.data) == 2000
    ten = "[" + ", ".join(["*a"] * 10) + "]"
    bomb = f"a: &a [{', '.join(['1'] * 10)}]\nb: &b {ten}\nc: {ten.replace('a', 'b')}\n"
    found = read_front_matter(f"---\n{bomb}---\nbody\n".encode(), "p.md")
    assert found is not None and "alias bomb" in found.diagnostics[0].message


def test_command_reports_paths_it_refused(tmp_path: Path) -> None:
    source = make_site(tmp_path)
    (source / "bad.md").write_text('---\npermalink: "/a\\0b.html"\n---\nx\n', "utf-8")
    done = _command_build(source, tmp_path / "out", "--no-cache")
    assert "bad.md:2" in done.stderr
    assert done.returncode == 1


def test_destination_inside_the_source_is_refused(tmp_path: Path) -> None:
    source = make_site(tmp_path)
    site = dejekyll.load_site(source)
    with pytest.raises(dejekyll.ConfigError):
        site.write(source)
    with pytest.raises(dejekyll.ConfigError):
        site.write(source / "..")


def test_convert_page_refuses_paths_outside_the_site() -> None:
    for path in ("../x.md", "/etc/x.md", "a/../../x.md", "..\\x.md"):
        with pytest.raises(dejekyll.ConfigError):
            dejekyll.convert_page("---\n---\nx\n", path=path)


def test_convert_page_of_a_post_with_an_invalid_date() -> None:
    path = "_posts/2020-01-02-post.md"
    try:
        page = dejekyll.convert_page("---\ndate: x\n---\nbody\n", path=path)
    except dejekyll.DejekyllError as err:
        assert (err.path, err.line) == (path, 2), str(err)
        assert "invalid date" in err.message
        return
    assert page.failed
    found = [d.as_json() for d in page.diagnostics]
    find_diagnostic(found, path, line=2, text="invalid date", level="error")


# --- inputs that could hang: in a child process, under a CPU budget -----------------


class BudgetExceededError(AssertionError):
    """The child process was stopped by its CPU budget (or the wall-clock guard)."""


class Worker:
    """A long-lived converter process (``badsites/worker.py``); restarted after a kill."""

    def __init__(self, tmp: Path) -> None:
        self._tmp = tmp
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(MEMORY_CAP)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._read(proc, 120, what="start")
        return proc

    def _read(self, proc: subprocess.Popen[str], seconds: float, *, what: str) -> Any:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], seconds)
        line = proc.stdout.readline() if ready else ""
        if not line:
            proc.kill()
            proc.wait()
            code = proc.returncode
            raise BudgetExceededError(
                f"{what}: the converter was stopped ({_signal_name(code)}) or gave no "
                f"answer within {seconds:.0f} s"
            )
        return json.loads(line)

    def run(
        self, mode: str, text: str, *, cpu: int, path: str = "big.md", expect: Sequence[str] = ()
    ) -> Any:
        """Convert ``text`` in the child; fail if it needs more than ``cpu`` CPU seconds."""
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        source = self._tmp / "input.txt"
        source.write_bytes(text.encode("utf-8"))
        request = {"mode": mode, "file": str(source), "path": path, "cpu": cpu}
        request["expect"] = list(expect)
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps(request) + "\n")
        self._proc.stdin.flush()
        try:
            reply = self._read(self._proc, 20 * cpu + 30, what=f"{mode} of {len(text):,} chars")
        except BudgetExceededError:
            self._proc = None
            raise
        if not reply["ok"]:
            raise AssertionError(f"the converter raised:\n{reply['error']}")
        return reply

    def close(self) -> None:
        """Stop the child."""
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


def _signal_name(code: int | None) -> str:
    if code is not None and code < 0:
        return signal.Signals(-code).name
    return f"exit {code}"


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    """One converter process for the module's large inputs."""
    child = Worker(tmp_path_factory.mktemp("worker"))
    yield child
    child.close()


def _prose_page(size: int) -> str:
    paragraph = (
        "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. Ut enim ad [minim](https://example.com/) "
        "veniam, quis nostrud **exercitation** ullamco laboris nisi ut `aliquip` ex ea.\n\n"
    )
    parts = ["---\ntitle: big\n---\n"]
    total, section = 0, 0
    while total < size:
        section += 1
        block = f"## Section {section}\n\n" + paragraph * 20 + "- one\n- two\n- three\n\n"
        parts.append(block)
        total += len(block)
    parts.append("THE END\n")
    return "".join(parts)


@dataclass(frozen=True)
class Large:
    """A large or deep input that must convert in bounded CPU time."""

    name: str
    mode: str
    make: Any
    expect: tuple[str, ...]
    cpu: int = 5


LARGE = [
    Large("single-line-5mb", "markdown", lambda: "word " * 1_000_000 + "\n", ("word word",)),
    Large("blockquote-50k-deep", "markdown", lambda: ">" * 50_000 + " deep\n", ("deep",)),
    Large("list-3000-deep", "markdown", lambda: "- " * 3000 + "deep\n", ("deep",)),
    Large(
        "list-1000-deep-indented",
        "markdown",
        lambda: "".join("  " * i + "- item\n" for i in range(1000)),
        ("item",),
    ),
    Large(
        "div-10k-deep",
        "markdown",
        lambda: "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "\n",
        ("deep",),
    ),
    Large("stars-100k", "markdown", lambda: "*" * 100_000 + "\n", ("<hr",)),
    Large("stars-100k-inline", "markdown", lambda: "a " + "*" * 100_000 + " b\n", ("a ",)),
    Large("emphasis-openers", "markdown", lambda: "*a _b " * 20_000 + "\n", ("a",)),
    Large("entities", "markdown", lambda: "&#" * 50_000 + "\n", ("&amp;#",)),
    Large("strong-openers-20k", "markdown", lambda: "**a " * 20_000 + "\n", ("a",)),
    Large("strike-openers-20k", "markdown", lambda: "~~a " * 20_000 + "\n", ("a",)),
    Large(
        "span-10k-deep",
        "markdown",
        lambda: "a " + "<span>" * 10_000 + "deep" + "</span>" * 10_000 + "\n",
        ("deep",),
    ),
    Large("page-2mb", "page", lambda: _prose_page(2_000_000), ("THE END", "<h2"), cpu=15),
    Large(
        "liquid-huge-loop-page",
        "page",
        lambda: "---\n---\n{% for i in (1..100000000) %}{{ i }}{% endfor %}\nafter\n",
        ("after",),
    ),
    Large("backticks-20k", "markdown", lambda: "`" * 20_000 + "\n", ("``",), cpu=3),
    Large("link-openers-20k", "markdown", lambda: "[a](" * 20_000 + "\n", ("[a](",), cpu=3),
    Large(
        "nested-brackets-20k",
        "markdown",
        lambda: "[" * 20_000 + "a" + "]" * 20_000 + "\n",
        ("a",),
        cpu=3,
    ),
    Large(
        "nested-images-20k",
        "markdown",
        lambda: "![" * 20_000 + "a" + "]" * 20_000 + "\n",
        ("a",),
        cpu=3,
    ),
    Large("ial-openers-20k", "markdown", lambda: "{:" * 20_000 + "\n", ("{:",), cpu=3),
    Large("autolink-openers-20k", "markdown", lambda: "<http://" * 20_000 + "\n", ("http",), cpu=3),
    Large("liquid-output-openers", "page", lambda: "---\n---\n" + "{{" * 10_000, ("{{",), cpu=3),
]


def _slow(large: Large, reason: str) -> Any:
    return pytest.param(
        large,
        id=large.name,
        marks=pytest.mark.xfail(strict=True, reason=reason, raises=BudgetExceededError),
    )


LARGE_XFAIL: list[Any] = []


@pytest.mark.parametrize("large", [*[pytest.param(x, id=x.name) for x in LARGE], *LARGE_XFAIL])
def test_large_input_converts_in_bounded_time(worker: Worker, large: Large) -> None:
    reply = worker.run(large.mode, large.make(), cpu=large.cpu, expect=large.expect)
    missing = [s for s, found in reply["found"].items() if not found]
    assert not missing, f"missing from the HTML: {missing}"
    crashes = [d for d in reply["diagnostics"] if "conversion failed" in d["message"]]
    assert not crashes, crashes
    for diagnostic in reply["diagnostics"]:
        assert diagnostic["line"] is not None, diagnostic


def test_huge_output_page_fails_fast_once(worker: Worker) -> None:
    text = "---\n---\n{% for i in (1..900000) %}" + "*a* [l](u) " * 4 + "{% endfor %}\n"
    reply = worker.run("page", text, cpu=5, path="big.md")
    assert reply["failed"]
    limits = [d for d in reply["diagnostics"] if "limit" in d["message"]]
    assert len(limits) == 1, limits
    find_diagnostic(reply["diagnostics"], "big.md", line=3, text="output stream limit")


def test_huge_loop_page_is_an_error_on_its_line(worker: Worker) -> None:
    text = "---\ntitle: loop\n---\nline 4\n{% for i in (1..100000000) %}{{ i }}{% endfor %}\n"
    reply = worker.run("page", text, cpu=5, path="loop.md")
    assert reply["failed"]
    find_diagnostic(reply["diagnostics"], "loop.md", line=5, text="loop iteration limit")


def test_doubling_string_is_bounded(worker: Worker) -> None:
    text = (
        '---\n---\nline 3\n{% assign s = "xx" %}{% for i in (1..40) %}'
        "{% assign s = s | append: s %}{% endfor %}{{ s | size }}\n"
    )
    reply = worker.run("page", text, cpu=10, path="double.md")
    assert reply["failed"]
    find_diagnostic(reply["diagnostics"], "double.md", line=4, text="limit")


@pytest.mark.parametrize("body", ["{{ 99999999999999999999 | date: '%Y' }}", "{{{{"])
def test_liquid_errors_always_have_a_line(worker: Worker, body: str) -> None:
    reply = worker.run("page", f"---\n---\nline 3\n{body}\n", cpu=5, path="l.md")
    assert reply["diagnostics"], body
    for diagnostic in reply["diagnostics"]:
        assert diagnostic["line"] == 4, (body, diagnostic)


# --- twenty bad files beside one good page ----------------------------------------------


def _twenty_bad_files(tmp_path: Path) -> tuple[Path, list[str]]:
    """Every fixture case in one site (renamed apart), plus generated bad bytes."""
    source = make_site(tmp_path)
    bad: list[str] = []
    for case in [c.folder for c in CASES] + ["liquid-unclosed-raw"]:
        folder = BADSITES / case
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            relative = path.relative_to(folder)
            if relative.parts[0] == "_includes":
                target = source / relative
            elif relative.parts[0] == "_posts":
                target = source / "_posts" / path.name.replace("bad", case)
                bad.append(target.relative_to(source).as_posix())
            else:
                target = source / f"{case}.md"
                bad.append(target.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    (source / "invalid-utf8.md").write_bytes(b"---\n---\nline 3 \xc3\x28\n")
    (source / "binary.md").write_bytes(b"---\n" + bytes(range(256)) * 8)
    bad += ["invalid-utf8.md", "binary.md"]
    return source, bad


_LIMITED_COMMAND = f"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
resource.setrlimit(resource.RLIMIT_CPU, (10, 11))
from dejekyll.cli import main
sys.exit(main(sys.argv[1:]))
"""
"""``dejekyll`` with the whole build held to 10 s of CPU and a memory cap."""


def _command_build(source: Path, dest: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``dejekyll build`` in a child with a 10 s CPU budget (and a wall-clock guard)."""
    command = [sys.executable, "-c", _LIMITED_COMMAND, "build", "-s", str(source)]
    try:
        return subprocess.run(
            [*command, "-d", str(dest), *options],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise AssertionError("dejekyll build did not finish within 120 s") from err


def test_twenty_bad_files_beside_one_good_page(tmp_path: Path) -> None:
    source, bad = _twenty_bad_files(tmp_path)
    assert len(bad) >= 20
    dest = tmp_path / "d1" / "out"
    cache = dest.parent / "cache"  # asked for: the only place besides dest written to
    before = snapshot(tmp_path, dest)
    done = _command_build(source, dest, "--cache-dir", str(cache))
    assert done.returncode == 1, (_signal_name(done.returncode), done.stderr[-2000:])
    shutil.rmtree(cache, ignore_errors=True)
    _check_destination(tmp_path, before, dest)
    manifest = json.loads((dest / "manifest.json").read_text("utf-8"))
    built = Built(None, manifest, dest)
    assert_good_page(built)
    named = {d["source"] for d in built.diagnostics}
    assert not [b for b in bad if b not in named], "bad files with no diagnostic"


def test_default_build_writes_only_the_destination_and_its_cache(tmp_path: Path) -> None:
    # The render cache lives in SOURCE/.dejekyll-cache, as Jekyll's .jekyll-cache does
    # (the speed issue asks for it there); nothing else outside the destination.
    source = make_site(tmp_path)
    dest = tmp_path / "out"
    before = snapshot(tmp_path, dest)
    done = _command_build(source, dest)
    assert done.returncode == 0, done.stderr[-2000:]
    cache = source / ".dejekyll-cache"
    assert cache.is_dir()
    after = snapshot(tmp_path, dest)
    cached = {p for p in after if p == str(source) or p.startswith(str(cache))}
    ancestors = {str(dest), *(str(p) for p in dest.parents)}
    outside = sorted(set(after) - set(before) - ancestors - cached)
    assert not outside, f"written outside the destination and the cache: {outside}"
    changed = [p for p in before if p not in cached | ancestors and after.get(p) != before[p]]
    assert not changed, f"changed outside the destination: {changed}"


def test_unwritable_cache_folder_still_builds(tmp_path: Path) -> None:
    # As on a read-only checkout: the cache folder cannot be made (here, a file is there).
    source = make_site(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", "utf-8")
    done = _command_build(source, tmp_path / "out", "--cache-dir", str(blocker))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "building without a cache" in done.stderr
    assert (tmp_path / "out" / "manifest.json").is_file()
