"""Front matter: which files are pages, and the body Jekyll hands on (goldens from the oracle)."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest

from dejekyll.frontmatter import JekyllYAMLHandler, loads, read_front_matter
from dejekyll.yamlload import MAX_EXPANDED_NODES, plain_scalar, safe_load

FIXTURES = Path(__file__).parent / "fixtures" / "frontmatter"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_split_matches_jekyll(name: str) -> None:
    raw = (FIXTURES / "cases" / name).read_bytes()
    found = read_front_matter(raw, name)
    expected = EXPECTED[name]
    assert (found is not None) == expected["page"]
    if found is not None:
        assert found.body == expected["body"]


def test_every_case_has_a_golden() -> None:
    cases = {p.name for p in (FIXTURES / "cases").iterdir()}
    assert cases == set(EXPECTED)


def test_body_line_points_into_the_file() -> None:
    found = read_front_matter(b"---\ntitle: x\nlayout: y\n---\n\n\nbody\n", "a.md")
    assert found is not None
    assert found.body == "body\n"
    assert found.body_line == 7


def test_broken_yaml_is_a_warning_with_its_line() -> None:
    found = read_front_matter(b"---\ntitle: ok\nbad: [unclosed\n---\nbody\n", "p.md")
    assert found is not None
    assert dict(found.data) == {}
    assert found.body == "body\n"
    (problem,) = found.diagnostics
    assert problem.level == "warning"
    assert problem.source == "p.md"
    assert problem.line == 4
    assert "YAML" in problem.message


@pytest.mark.parametrize("yaml_body", ["- a\n- b\n", "just a string\n", "42\n"])
def test_front_matter_that_is_not_a_mapping_is_fatal(yaml_body: str) -> None:
    found = read_front_matter(f"---\n{yaml_body}---\nbody\n".encode(), "list.md")
    assert found is not None
    assert found.fatal
    assert found.diagnostics[0].level == "error"
    assert "not a mapping" in found.diagnostics[0].message
    assert found.body == "body\n"


def test_invalid_utf8_is_diagnosed_and_replaced() -> None:
    found = read_front_matter(b"---\ntitle: x\n---\nok\nbad \xff byte\n", "enc.md")
    assert found is not None
    assert found.body == "ok\nbad \ufffd byte\n"
    (problem,) = found.diagnostics
    assert (problem.kind, problem.line, problem.column) == ("encoding", 5, 5)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    found = read_front_matter(("---\n" + "\n".join(lines) + "\n---\nbody\n").encode(), "b.md")
    assert found is not None
    assert dict(found.data) == {}
    assert str(MAX_EXPANDED_NODES)[:3] in found.diagnostics[0].message.replace(",", "")


# SafeYAML 1.0.5's scalar rules (spec §1.3).  Jekyll upstream loads front matter with
# SafeYAML; the oracle (Debian) uses Psych instead, so these come from SafeYAML's rules
# as the spec states them, not from the oracle: see COMPAT.md.
SAFE_YAML = [
    ("true", True), ("yes", True), ("on", True), ("false", False), ("no", False),
    ("off", False), ("Yes", "Yes"), ("TRUE", "TRUE"), ("y", "y"), ("~", None),
    ("null", None), ("", None), ("NULL", "NULL"), ("42", 42), ("+1", 1), ("-0", 0),
    ("1,000", 1000), ("1_000", 1000), ("1,2,3", 123), ("010", 8), ("0x1F", 31),
    ("0b101", 5), ("1.10", 1.1), (".5", 0.5), ("-2.5e+3", -2500.0), ("1e3", "1e3"),
    ("1.", "1."), ("12:30", 750.0), ("3:25:45", 12345.0), ("2020-01-02", dt.date(2020, 1, 2)),
    ("2020-02-30", "2020-02-30"), ("2020-1-2", "2020-1-2"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value"), SAFE_YAML, ids=[t or "empty" for t, _ in SAFE_YAML])
def test_safe_yaml_plain_scalars(text: str, value: object) -> None:
    got = plain_scalar(text)
    assert got == value
    assert type(got) is type(value)


def test_safe_yaml_special_floats() -> None:
    assert plain_scalar(".inf") == math.inf
    assert math.isnan(plain_scalar(".nan"))


def test_safe_yaml_times_keep_their_offset() -> None:
    value = plain_scalar("2020-01-02 10:00:00 +01:00")
    assert value == dt.datetime(2020, 1, 2, 9, 0, tzinfo=dt.UTC)


def test_safe_yaml_ignores_tags_and_keeps_quoted_strings() -> None:
    data = safe_load("a: !!str 123\nb: '123'\nc: \"yes\"\nd: |\n  42\n2020: x\nyes: y\n")
    assert data == {"a": 123, "b": "123", "c": "yes", "d": "42\n", 2020: "x", True: "y"}


def test_safe_yaml_merge_keys_and_aliases() -> None:
    data = safe_load("base: &b {k: 1, j: 2}\nm:\n  <<: *b\n  k: 3\nl: *b\n")
    assert data["m"] == {"k": 3, "j": 2}
    assert data["l"] is data["base"]


def test_loads_without_front_matter_keeps_everything() -> None:
    page = loads("    code first\n")
    assert dict(page.data) == {}
    assert page.body == "    code first\n"


def test_python_frontmatter_handler_uses_jekyll_rules() -> None:
    handler = JekyllYAMLHandler()
    text = "---\nn: 010\n...\n\n    indented\n"
    assert handler.detect(text)
    yaml_text, body = handler.split(text)
    assert handler.load(yaml_text) == {"n": 8}
    assert body == "    indented\n"
