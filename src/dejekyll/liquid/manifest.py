"""A :class:`~dejekyll.records.SiteModel` built from an oracle manifest.

Measurement and tests of the Liquid stage need a site model whose urls and data are
exactly Jekyll's: this reads them from the oracle's ``manifest.json`` and the site's
files (bodies, ``_config.yml``, ``_data``).  It is not how dejekyll reads a site.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ..frontmatter import read_front_matter
from ..records import Entry, Redirect, SiteModel
from .rubytime import site_zone

_RUBY_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4})$")


def fold(text: str) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def _split(path: Path) -> tuple[str, int, Mapping[str, Any]]:
    """The body as Jekyll splits it (``dejekyll.frontmatter``), its line, the typed YAML."""
    raw = path.read_bytes()
    found = read_front_matter(raw, str(path))
    if found is None:
        return raw.decode("utf-8", errors="replace"), 1, {}
    return found.body, found.body_line, found.data


def _typed(value: Any, parsed: Any) -> Any:
    """The manifest's JSON value, with YAML's type back when the file's YAML has it.

    The manifest gives dates and times as Ruby prints them; a YAML date stays a date.
    """
    is_date = isinstance(parsed, dt.date) and not isinstance(parsed, dt.datetime)
    if is_date and value == parsed.isoformat():
        return parsed
    return _time(value)


def _time(value: Any) -> Any:
    if isinstance(value, str):
        match = _RUBY_TIME.match(value)
        if match:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S %z")
    return value


def _data_dir(folder: Path) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if not folder.is_dir():
        return result
    for path in sorted(folder.iterdir()):
        key = path.stem
        if path.is_dir():
            result[key] = _data_dir(path)
        elif path.suffix in (".yml", ".yaml"):
            result[key] = yaml.safe_load(path.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            result[key] = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix in (".csv", ".tsv"):
            delimiter = "," if path.suffix == ".csv" else "\t"
            with path.open(encoding="utf-8", newline="") as handle:
                result[key] = list(csv.DictReader(handle, delimiter=delimiter))
    return result


def _config(site: Path) -> dict[str, Any]:
    config: dict[str, Any] = {
        "baseurl": None,
        "url": None,
        "excerpt_separator": "\n\n",
        "collections_dir": "",
        "includes_dir": "_includes",
    }
    path = site / "_config.yml"
    if path.exists():
        config.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return config


def _redirects(manifest: dict[str, Any], entries: list[Entry]) -> tuple[Redirect, ...]:
    """The manifest's redirects, in front-matter order (as the site model reads them)."""
    order: dict[tuple[str, str], int] = {}
    for entry in entries:
        listed = entry.data.get("redirect_from") or []
        for index, url in enumerate([listed] if isinstance(listed, str) else listed):
            order[(entry.source, str(url))] = index
    items = [item for item in manifest.get("redirects", []) if item.get("from")]
    items.sort(key=lambda item: order.get((item.get("target_source"), item["from"]), 0))
    return tuple(
        Redirect(item["from"], item["to"], item["output_path"], item.get("target_source"))
        for item in items
    )


def model_from_manifest(site: Path, manifest_path: Path) -> tuple[SiteModel, dict[str, str]]:
    """A ``SiteModel`` from an oracle manifest, and each entry's oracle liquid file."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entries = []
    liquid_files: dict[str, str] = {}
    config = _config(site)
    zone = site_zone(config.get("timezone"))
    for item in manifest["entries"]:
        if item["kind"] not in ("page", "document") or not item.get("source"):
            continue
        if item["source"] in liquid_files:
            continue  # a plugin's copy of a page (jekyll-paginate's page 2...): not a source
        body, body_line, typed = _split(site / item["source"])
        front = item.get("front_matter") or {}
        data = {
            key: _typed(value, typed.get(key)) for key, value in (item.get("data") or {}).items()
        }
        if item["kind"] == "document" and isinstance(data.get("date"), dt.datetime):
            data["date"] = data["date"].astimezone(zone)  # Jekyll's localtime
        if "excerpt" not in front:
            data.pop("excerpt", None)
        entries.append(
            Entry(
                source=item["source"],
                kind=item["kind"],
                collection=item.get("collection"),
                url=item["url"],
                output_path=item.get("output_path"),
                front_matter=front,
                data=data,
                body=body,
                body_line=body_line,
                ext=Path(item["source"]).suffix,
            )
        )
        if item.get("liquid"):
            liquid_files[item["source"]] = item["liquid"]
    model = SiteModel(
        source=str(site),
        config=config,
        entries=tuple(entries),
        redirects=_redirects(manifest, entries),
        data=_data_dir(site / "_data"),
    )
    return model, liquid_files
