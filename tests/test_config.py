"""The configuration as Jekyll builds it, against the Jekyll oracle.

Expected values: ``tests/fixtures/model/{config-*,bad-*}/expected.json``
(``scripts/regen_site_goldens.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from model_goldens import case_names, expected, model, ruby_json, site_dir

from dejekyll.config import load_config
from dejekyll.errors import ConfigError
from dejekyll.model import build_model


@dataclass(frozen=True)
class Case:
    description: str
    key: str
    value: object


def _cases() -> list[Case]:
    text = expected("config-merge")["liquid"]["show.html"]
    rows = [line.split("|", 1) for line in text.splitlines() if "|" in line]
    return [Case(key, key, json.loads(value)) for key, value in rows]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.description)
def test_merged_config_value(case: Case) -> None:
    site = site_dir("config-merge")
    config, problems = load_config(site, config_files=[site / "_config.yml", site / "_extra.yml"])
    assert problems == ()
    assert ruby_json(config.get(case.key)) == case.value


def test_collections_from_an_array_and_posts_first() -> None:
    collections = dict(model("config-merge").config["collections"])
    assert list(collections) == ["posts", "things"]
    assert collections["posts"]["output"] is True
    expected_docs = {e["source"] for e in expected("config-merge")["entries"]}
    assert {e.source for e in model("config-merge").entries} == expected_docs


def test_a_config_that_is_not_a_mapping_is_ignored_with_a_warning() -> None:
    site = model("config-not-mapping")
    assert [(e.url, e.output_path) for e in site.entries] == [
        (e["url"], e["output_path"]) for e in expected("config-not-mapping")["entries"]
    ]
    assert [r.from_url for r in site.redirects] == [
        r["from"] for r in expected("config-not-mapping")["redirects"]
    ]
    assert [d.kind for d in site.diagnostics] == ["config"]


@pytest.mark.parametrize("name", case_names("bad-config-"))
def test_unusable_config_raises(name: str) -> None:
    assert expected(name)["failed"], "Jekyll builds this site"
    with pytest.raises(ConfigError) as caught:
        build_model(site_dir(name))
    assert caught.value.path is None or caught.value.path.endswith("_config.yml")


def test_yaml_error_names_file_and_line() -> None:
    with pytest.raises(ConfigError, match=r"_config\.yml:\d+: YAML error"):
        build_model(site_dir("bad-config-yaml"))


def test_missing_explicit_config_file_raises(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="could not be found"):
        load_config(tmp_path, config_files=[tmp_path / "nope.yml"])


def test_empty_page_permalink_is_an_error() -> None:
    assert expected("bad-page-permalink")["failed"]
    site = build_model(site_dir("bad-page-permalink"))
    assert site.entries == ()
    (error,) = site.diagnostics
    assert (error.level, error.source, error.kind) == ("error", "a.md", "permalink")


def test_unknown_timezone_is_utc_with_a_warning() -> None:
    site = model("timezone-unknown")
    assert [ruby_json(e.data["date"]) for e in site.entries] == [
        e["data"]["date"] for e in expected("timezone-unknown")["entries"]
    ]
    assert [d.kind for d in site.diagnostics] == ["config"]
