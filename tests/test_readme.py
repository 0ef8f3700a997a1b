"""The README's examples work: its Python blocks run, its command lines name real options.

Each ```python block is executed (or, if written as ``>>>`` sessions, doctested) in a
fresh folder holding what the block refers to: ``about.md`` (the example site's about
page) and ``path/to/site`` (a copy of the example site).  What the block leaves behind
(``out/``, ``hugo-content/``) is checked too, so an example that silently does nothing
also fails.
"""

from __future__ import annotations

import doctest
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
EXAMPLE = ROOT / "examples" / "site"
_PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _python_blocks() -> list[str]:
    return _PYTHON_BLOCK.findall(README.read_text(encoding="utf-8"))


def test_the_readme_has_python_examples() -> None:
    assert _python_blocks()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the files the README's examples name, made the working directory."""
    shutil.copytree(EXAMPLE, tmp_path / "path" / "to" / "site")
    shutil.copy(EXAMPLE / "_pages" / "about.md", tmp_path / "about.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("index", range(len(_python_blocks())))
def test_python_example_runs(index: int, workdir: Path) -> None:
    block = _python_blocks()[index]
    if ">>>" in block:
        parser = doctest.DocTestParser()
        test = parser.get_doctest(block, {}, f"README block {index}", str(README), 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
        assert runner.failures == 0
        return
    script = workdir / f"readme_block_{index}.py"
    script.write_text(block, encoding="utf-8")
    runpy.run_path(str(script), run_name="__readme__")
    if "site.write(" in block:
        assert (workdir / "out" / "manifest.json").is_file()
        assert (workdir / "out" / "report.html").is_file()
    if "export_site(" in block:
        assert any((workdir / "hugo-content" / "content").rglob("*.html"))
        assert (workdir / "hugo-content" / "hugo.toml").is_file()


def test_the_runnable_example_runs() -> None:
    script = ROOT / "examples" / "convert_one_page.py"
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "/notes/ notes/index.html" in result.stdout


def _command_lines() -> list[tuple[str, set[str]]]:
    """Each ``dejekyll COMMAND …`` line of the README with the options it names."""
    found = []
    text = README.read_text(encoding="utf-8")
    for command, rest in re.findall(r"dejekyll (build|markdown|page|export)\b([^\n]*)", text):
        found.append((command, set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", rest))))
    return found


def test_every_option_the_readme_names_exists(capsys: pytest.CaptureFixture[str]) -> None:
    from dejekyll.cli import main

    lines = _command_lines()
    assert {command for command, _ in lines} >= {"build", "markdown", "page", "export"}
    for command, options in lines:
        with pytest.raises(SystemExit):
            main([command, "--help"])
        usage = capsys.readouterr().out
        for option in options - {"-"}:
            assert re.search(rf"(?<![\w-]){re.escape(option)}\b", usage), (command, option)
