"""The output stage never writes outside the destination, nor over a folder it did not make."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dejekyll.output import UnsafePathError, safe_relpath


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../x.html", "a/../../x", "", "a/./../b", "..", "C:/x"]
)
def test_unsafe_paths_are_refused(path: str) -> None:
    with pytest.raises(UnsafePathError):
        safe_relpath(path)


@pytest.mark.parametrize("path", ["index.html", "a/b/index.html", "my page/é/index.html", "v1.0"])
def test_ordinary_paths_pass(path: str) -> None:
    assert safe_relpath(path).as_posix() == path


@given(st.text(alphabet="ab./\\:-_ é", max_size=30))
def test_any_accepted_path_stays_inside(path: str) -> None:
    root = Path("/dest")
    try:
        rel = safe_relpath(path)
    except UnsafePathError:
        return
    target = root.joinpath(*rel.parts)
    assert target.resolve().is_relative_to(root.resolve())
