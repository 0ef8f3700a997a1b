"""Loading the site-model goldens (``tests/fixtures/model/``, made by
``scripts/regen_site_goldens.py`` from the Jekyll oracle) and building our model of
the same sites with the same configuration and flags."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any

from dejekyll.config import default_config_file
from dejekyll.dates import DATE_FILENAME
from dejekyll.model import build_model
from dejekyll.records import Entry, SiteModel

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def case_names(prefix: str = "") -> list[str]:
    """The golden cases whose name starts with ``prefix``."""
    return sorted(p.name for p in FIXTURES.iterdir() if p.name.startswith(prefix))


@functools.cache
def expected(name: str) -> dict[str, Any]:
    """The oracle's record for case ``name``."""
    record: dict[str, Any] = json.loads((FIXTURES / name / "expected.json").read_text("utf-8"))
    return record


def site_dir(name: str) -> Path:
    """The input site of case ``name``."""
    return FIXTURES / name / "site"


@functools.cache
def model(name: str) -> SiteModel:
    """Our model of case ``name``, read with the configs and flags the oracle used."""
    return model_of(name, site_dir(name))


def model_of(name: str, site: Path, time: dt.datetime | None = None) -> SiteModel:
    """Our model of case ``name``'s site read from ``site`` (a copy, maybe), as the oracle
    read it; with ``time``, the build time is that one (Jekyll's ``time`` setting)."""
    record = expected(name)
    extras = [site / extra for extra in record["config_files"]]
    own = default_config_file(site)
    files = ([own] if own else []) + extras if extras else None
    flags = record["flags"]
    return build_model(
        site,
        config_files=files,
        overrides=None if time is None else {"time": time},
        drafts="--drafts" in flags,
        future=True if "--future" in flags else None,
        unpublished="--unpublished" in flags,
    )


def dated_by_clock(site: SiteModel, entry: Entry) -> bool:
    """Whether the entry's date is the build time, or an undated draft's file time
    (Jekyll's rules): the oracle's value is of the day it ran."""
    return entry.data.get("date") == site.time or bool(
        entry.data.get("draft")
        and "date" not in entry.front_matter
        and not DATE_FILENAME.match(entry.source)
    )


def ruby_json(value: Any) -> Any:
    """A value as the oracle's manifest writes it (Time and Date as Ruby ``to_s``)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | type({}.items())) or hasattr(value, "items"):
        return {str(k): ruby_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [ruby_json(v) for v in value]
    return value


def liquid_lines(name: str, source: str, tag: str) -> list[str]:
    """The ``TAG|value|`` lines of a page's post-Liquid text, values in order."""
    text = expected(name)["liquid"][source]
    return re.findall(rf"^{re.escape(tag)}\|(.*?)\|$", text, flags=re.MULTILINE | re.DOTALL)


def front_matter_json(name: str, source: str) -> Any:
    """The JSON front matter written by the regen script for a Liquid case page."""
    text = (site_dir(name) / source).read_text("utf-8")
    return json.loads(text.split("\n---\n", 1)[0].removeprefix("---\n"))
