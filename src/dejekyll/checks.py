"""Site-wide checks: output paths claimed twice, redirects that shadow pages, redirect
chains and loops.  Each finding is a :class:`~dejekyll.records.Diagnostic` naming both
sides.  Jekyll itself only warns ("Conflict: ...") and writes the later file last, in
its write order: pages (redirect stubs after the real pages), static files, documents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .records import Diagnostic, Entry, Redirect, StaticFile
from .redirects import target_url


@dataclass(frozen=True, slots=True)
class _Claim:
    output_path: str
    what: str
    source: str | None
    is_redirect: bool = False
    is_entry: bool = False


def _describe_redirect(item: Redirect) -> str:
    origin = f" (declared in {item.origin})" if item.origin else ""
    return f"the redirect from {item.from_url}{origin}"


def _claims(
    entries: Sequence[Entry], redirects: Sequence[Redirect], static_files: Sequence[StaticFile]
) -> list[_Claim]:
    """Everything written, in Jekyll's write order."""
    claims: list[_Claim] = []
    claims.extend(
        _Claim(e.output_path, f"the page {e.source}", e.source, is_entry=True)
        for e in entries
        if e.kind == "page" and e.output_path is not None
    )
    claims.extend(
        _Claim(r.output_path, _describe_redirect(r), r.origin, is_redirect=True)
        for r in redirects
        if r.kind == "redirect_from"
    )
    claims.extend(
        _Claim(s.output_path, f"the static file {s.relpath}", s.relpath)
        for s in static_files
        if s.output_path is not None
    )
    claims.extend(
        _Claim(e.output_path, f"the document {e.source}", e.source, is_entry=True)
        for e in entries
        if e.kind == "document" and e.output_path is not None
    )
    return claims


def output_conflicts(
    entries: Sequence[Entry], redirects: Sequence[Redirect], static_files: Sequence[StaticFile]
) -> list[Diagnostic]:
    """One warning per output path written more than once; the last writer wins."""
    groups: dict[str, list[_Claim]] = {}
    for claim in _claims(entries, redirects, static_files):
        groups.setdefault(claim.output_path, []).append(claim)
    found = []
    for path, claims in groups.items():
        if len(claims) < 2:
            continue
        winner, losers = claims[-1], claims[:-1]
        shadow = any(c.is_redirect for c in claims) and any(c.is_entry for c in claims)
        message = (
            f"{path} is written by {', '.join(c.what for c in losers)} and then by "
            f"{winner.what}, which wins (Jekyll: 'Conflict: ...')"
        )
        if shadow:
            message = "a redirect and a page share an output path: " + message
        found.append(
            Diagnostic(
                "warning",
                winner.source,
                None,
                message,
                kind="redirect" if shadow else "conflict",
            )
        )
    return found


def redirect_chains(redirects: Sequence[Redirect], config: Mapping[str, Any]) -> list[Diagnostic]:
    """A redirect whose target is itself redirected: a chain, or a loop back to itself."""
    by_target: dict[str, Redirect] = {}
    for item in redirects:
        by_target[target_url(item.from_url, config)] = item
    found = []
    for item in redirects:
        nxt = by_target.get(item.to)
        if nxt is None:
            continue
        path = [item]
        while nxt is not None and nxt not in path:
            path.append(nxt)
            nxt = by_target.get(nxt.to)
        loop = nxt is not None
        hops = " -> ".join(r.from_url for r in path) + f" -> {path[-1].to}"
        second = path[1] if len(path) > 1 else item
        message = (
            f"redirect {'loop' if loop else 'chain'}: {hops} "
            f"({_describe_redirect(item)} leads to {_describe_redirect(second)})"
        )
        found.append(Diagnostic("warning", item.origin, None, message, kind="redirect"))
    return found


def check_site(
    entries: Sequence[Entry],
    redirects: Sequence[Redirect],
    static_files: Sequence[StaticFile],
    config: Mapping[str, Any],
) -> tuple[Diagnostic, ...]:
    """All site-wide findings."""
    return (
        *output_conflicts(entries, redirects, static_files),
        *redirect_chains(redirects, config),
    )
