"""The migration report: one self-contained HTML page a person would rather read than a log.

``render_report(manifest)`` turns the manifest ``dejekyll build`` writes into
``report.html``: the counts, a section for each kind of manual work (plugin tags and
filters that were not run, conflicts, redirects that shadow a page, failed pages), and
every page with its old URL, its output, a link to its fragment and its diagnostics.
No network, no script needed to read it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

_MANUAL_WORK = {
    "unsupported-tag": "Plugin tags that were not run (their output is missing)",
    "unsupported-filter": "Plugin filters that were not run (the value passed through)",
    "unsupported-plugin": "Plugins whose pages dejekyll does not generate",
    "conflict": "Two entries on one output path (the later wins, as in Jekyll)",
    "redirect": "Redirects to check (shadowing a page, chains, loops)",
    "encoding": "Files that are not valid UTF-8",
    "yaml": "Front matter problems",
    "date": "Dates Jekyll cannot read",
    "liquid": "Liquid problems",
    "permalink": "Permalink problems",
}

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .5em;
vertical-align:top;border-bottom:1px solid #eee}th{background:#f6f6f6}
.counts{display:flex;gap:1.5em;flex-wrap:wrap}.counts div{background:#f6f6f6;padding:.6em 1em;
border-radius:6px}.counts b{display:block;font-size:1.4em}.error{color:#b00020}
.warning{color:#8a5a00}code{font-size:.92em}.ok{color:#1b7f3b}
"""


def _diagnostic_line(d: Mapping[str, Any]) -> str:
    where = escape(str(d.get("source") or "site"))
    if d.get("line"):
        where += f":{d['line']}"
        if d.get("column"):
            where += f":{d['column']}"
    level = escape(str(d.get("level", "")))
    return (
        f'<li><span class="{level}">{level}</span> <code>{where}</code> '
        f"{escape(str(d.get('message', '')))}</li>"
    )


def _manual_work(diagnostics: Iterable[Mapping[str, Any]]) -> str:
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for d in diagnostics:
        groups[str(d.get("kind") or "general")].append(d)
    if not groups:
        return '<p class="ok">Nothing to do by hand: every page converted cleanly.</p>'
    parts = []
    for kind in sorted(groups, key=lambda k: (k not in _MANUAL_WORK, k)):
        title = _MANUAL_WORK.get(kind, f"Other ({kind})")
        items = "".join(_diagnostic_line(d) for d in groups[kind])
        parts.append(
            f'<h3 id="kind-{escape(kind)}">{escape(title)} ({len(groups[kind])})</h3><ul>{items}</ul>'
        )
    return "".join(parts)


def _pages_table(manifest: Mapping[str, Any]) -> str:
    by_source: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for d in manifest.get("diagnostics", []):
        if d.get("source"):
            by_source[str(d["source"])].append(d)
    redirects: dict[str, list[str]] = defaultdict(list)
    for r in manifest.get("redirects", []):
        if r.get("target_source"):
            redirects[str(r["target_source"])].append(str(r["from"]))
    rows = []
    for entry in manifest.get("entries", []):
        source = entry.get("source")
        if not source:
            continue
        fragment = entry.get("fragment")
        link = (
            f'<a href="{escape(fragment, quote=True)}">{escape(str(entry.get("output_path") or fragment))}</a>'
            if fragment
            else "—"
        )
        notes = "".join(_diagnostic_line(d) for d in by_source.get(source, []))
        olds = ", ".join(f"<code>{escape(u)}</code>" for u in redirects.get(source, []))
        status = '<span class="error">failed</span>' if entry.get("failed") else "ok"
        rows.append(
            f"<tr><td><code>{escape(source)}</code></td><td>{escape(str(entry.get('kind')))}</td>"
            f"<td><code>{escape(str(entry.get('url')))}</code></td><td>{link}</td>"
            f"<td>{olds}</td><td>{status}{'<ul>' + notes + '</ul>' if notes else ''}</td></tr>"
        )
    head = (
        "<tr><th>source</th><th>kind</th><th>URL</th><th>output (fragment)</th>"
        "<th>old URLs redirected here</th><th>status</th></tr>"
    )
    return f'<table id="pages">{head}{"".join(rows)}</table>'


def render_report(manifest: Mapping[str, Any]) -> str:
    """The report page for a build's manifest."""
    counts = manifest.get("counts", {})
    boxes = "".join(
        f"<div><b>{int(counts.get(key, 0))}</b>{label}</div>"
        for key, label in (
            ("page", "pages"),
            ("document", "documents"),
            ("redirect", "redirects"),
            ("static_files", "static files"),
            ("failed", "failed"),
        )
    )
    diagnostics = manifest.get("diagnostics", [])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>dejekyll report: {escape(str(manifest.get('source', '')))}</title>"
        f"<style>{_STYLE}</style></head><body>"
        f"<h1>Migration report</h1><p>Site <code>{escape(str(manifest.get('source', '')))}</code>, "
        f"converted by dejekyll {escape(str(manifest.get('dejekyll_version', '')))}.</p>"
        f'<div class="counts">{boxes}</div>'
        f'<h2 id="manual-work">What to do by hand</h2>{_manual_work(diagnostics)}'
        f'<h2 id="every-page">Every page</h2>{_pages_table(manifest)}'
        "</body></html>\n"
    )
