"""Writing a rendered site: the output tree, redirect stubs, static files, the manifest.

The destination is built in a temporary folder beside it and swapped in only when
everything is written, so an interrupted build never leaves half an output.  Nothing
is written outside the destination: every output path is checked before use.

Files land in Jekyll's write order (pages, then redirect pages and ``redirects.json``,
then static files, then collection documents), and when two claim one output path the
later wins, as in Jekyll; the loser's fragment is still written, under ``_fragments/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import ConfigError
from .frontmatter import split
from .records import Diagnostic, Page, Redirect
from .redirects import redirect_stub_html, redirects_json, to_apache, to_netlify, to_nginx
from .report import render_report

if TYPE_CHECKING:
    from .cache import OutputState
    from .site import Site

MANIFEST = "manifest.json"
ORPHANS = "_fragments"
LIQUID = "_liquid"
_MARKER = "generator"
_REMOVERS = 8
"""Threads removing a replaced output tree."""


class UnsafePathError(ValueError):
    """An output path that would leave the destination."""


def safe_relpath(path: str) -> PurePosixPath:
    """``path`` as a relative path that stays inside the destination, or raise.

    Backslashes count as separators (Windows).  Empty and ``.`` segments are refused
    too, not collapsed: the path written must be the path the manifest names.  A NUL
    byte, which no file system takes, is refused.
    """
    parts = path.replace("\\", "/").split("/")
    if any(p in ("", ".", "..") for p in parts) or "\0" in path:
        raise UnsafePathError(path)
    if len(parts[0]) == 2 and parts[0][1] == ":":  # C: on Windows
        raise UnsafePathError(path)
    return PurePosixPath(*parts)


@dataclass(frozen=True, slots=True)
class _File:
    """One file to write: where, what, and which manifest entry it belongs to."""

    output_path: str
    text: str
    owner: str
    """Manifest key: the source for pages, ``redirect:<from>`` for stubs."""
    is_fragment: bool = True
    """False for a ``redirect_to`` page, whose output is the stub, not its fragment."""
    blame: str | None = None
    """The source file that asked for this output path (named by a diagnostic)."""
    key: str | None = None
    """The front matter key that set the path (``permalink``, ``redirect_from``)."""


def _flat(source: str) -> str:
    """One file name for a source path (a backslash is a separator to ``safe_relpath``)."""
    return source.replace("\\", "%5C").replace("/", "__")


REDIRECT_FORMATS = {
    "html": "redirect stub pages, as jekyll-redirect-from writes them",
    "json": "redirects.json, as jekyll-redirect-from writes it",
    "netlify": "_redirects (Netlify, Cloudflare Pages)",
    "nginx": "redirects.nginx.conf (location blocks to include in a server block)",
    "apache": "redirects.apache.conf (RedirectMatch lines for .htaccess or a vhost)",
}
"""What ``--redirects`` can write; ``html`` and ``json`` are what Jekyll writes."""
DEFAULT_REDIRECT_FORMATS = ("html", "json")
_HOST_FILES = {
    "netlify": ("_redirects", to_netlify),
    "nginx": ("redirects.nginx.conf", to_nginx),
    "apache": ("redirects.apache.conf", to_apache),
}
REPORT = "report.html"


def _write_plan(site: Site, formats: Collection[str]) -> Iterator[_File]:
    """Files in Jekyll's write order: pages, redirect pages, redirects.json, documents."""
    pages = [p for p in site.pages if p.kind == "page"]
    documents = [p for p in site.pages if p.kind == "document"]
    yield from _page_files(pages)
    for redirect in site.redirects if "html" in formats else ():
        if redirect.kind == "redirect_from":
            yield _File(
                redirect.output_path,
                redirect_stub_html(redirect.to),
                _stub(redirect),
                blame=redirect.origin or redirect.target_source,
                key="redirect_from",
            )
    if site.redirects and "json" in formats and _wants_redirects_json(site):
        yield _File("redirects.json", redirects_json(site.redirects), "generated:redirects.json")
    yield from _page_files(documents)


def _page_files(pages: list[Page]) -> Iterator[_File]:
    for page in pages:
        if page.output_path is None or page.source is None:
            continue
        key = "permalink" if "permalink" in page.front_matter else None
        redirect_to = [r for r in page.redirects if r.kind == "redirect_to"]
        if redirect_to:
            stub = redirect_stub_html(redirect_to[0].to)
            yield _File(
                page.output_path, stub, page.source, is_fragment=False, blame=page.source, key=key
            )
        else:
            yield _File(page.output_path, page.html, page.source, blame=page.source, key=key)


def _stub(redirect: Redirect) -> str:
    return f"redirect:{redirect.from_url}"


def _wants_redirects_json(site: Site) -> bool:
    setting = site.config.get("redirect_from")
    if isinstance(setting, dict) and setting.get("json") is False:
        return False
    return not (site.source / "redirects.json").exists()


def check_destination(site: Site, destination: str | Path) -> None:
    """Raise :class:`ConfigError` where a build would refuse to write ``destination``."""
    _check_destination(site, Path(destination))


def _check_destination(site: Site, destination: Path) -> None:
    dest = destination.resolve()
    source = site.source.resolve()
    if dest == source or source.is_relative_to(dest):
        raise ConfigError(f"the destination {destination} would overwrite the site's source")
    if dest.exists() and not dest.is_dir():
        raise ConfigError(f"the destination {destination} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()):
        manifest = dest / MANIFEST
        ours = False
        if manifest.is_file():
            try:
                ours = json.loads(manifest.read_text("utf-8")).get(_MARKER) == "dejekyll"
            except (OSError, ValueError, AttributeError):
                ours = False
        if not ours:
            raise ConfigError(
                f"the destination {destination} is not empty and was not written by dejekyll; "
                "choose an empty or new folder"
            )


def write_site(
    site: Site,
    destination: Path,
    *,
    save_liquid: bool = False,
    redirect_formats: Collection[str] = DEFAULT_REDIRECT_FORMATS,
    state: OutputState | None = None,
) -> Written:
    """Write ``site`` to ``destination`` (replaced as a whole, atomically).

    Returns where it went and the problems met on the way (an output path refused
    because it would leave the destination, a file the system would not write): each
    is also in the manifest, and the page it concerns is marked failed there.

    ``redirect_formats`` picks how redirects are written (:data:`REDIRECT_FORMATS`).

    With a ``state`` (see :class:`dejekyll.cache.OutputState`), a destination that
    already holds exactly this output, untouched since, is left as it is.
    """
    _check_destination(site, destination)
    destination = destination.resolve()
    unknown = sorted(set(redirect_formats) - set(REDIRECT_FORMATS))
    if unknown:
        raise ConfigError(
            f"unknown redirect format {', '.join(unknown)}; choose from {', '.join(REDIRECT_FORMATS)}"
        )
    key = state.build_key(site, destination, save_liquid=save_liquid) if state else ""
    key += "|redirects=" + ",".join(sorted(redirect_formats))
    if state is not None and (tree := state.unchanged(destination, key)) is not None:
        return Written(destination, _recorded_problems(destination), tree)
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        problems = _write_tree(site, staging, save_liquid=save_liquid, formats=redirect_formats)
        _swap_in(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    tree = state.record(destination, key) if state is not None else None
    return Written(destination, problems, tree)


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write_site` did."""

    destination: Path
    problems: tuple[Diagnostic, ...] = ()
    """Output problems (kind ``output``), as the manifest records them."""
    tree: str | None = None
    """The destination's state once written (:func:`dejekyll.cache.tree_state`), when
    the writer recorded it."""


def _recorded_problems(destination: Path) -> tuple[Diagnostic, ...]:
    """The output problems an unchanged destination's manifest recorded."""
    try:
        manifest = json.loads((destination / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(
        Diagnostic(
            d["level"], d.get("source"), d.get("line"), d["message"], d.get("column"), "output"
        )
        for d in manifest.get("diagnostics", [])
        if d.get("kind") == "output"
    )


def _swap_in(staging: Path, destination: Path) -> None:
    if destination.exists():
        old = destination.with_name(f".{destination.name}.old-{os.getpid()}")
        destination.rename(old)
        staging.rename(destination)
        _discard(old)
    else:
        staging.rename(destination)


def _discard(folder: Path) -> None:
    """Remove a replaced output tree, many files at a time.

    Each removal waits on the disk, not on Python: a few threads finish a tree of
    thousands of files in a fraction of the time one would take.
    """
    files: list[str] = []
    levels: dict[int, list[str]] = {}
    for current, _, names in os.walk(folder):
        levels.setdefault(current.count(os.sep), []).append(current)
        files.extend(os.path.join(current, name) for name in names)  # noqa: PTH118 - speed
    with ThreadPoolExecutor(_REMOVERS) as pool:
        list(pool.map(_quietly(os.unlink), files, chunksize=32))
        for depth in sorted(levels, reverse=True):
            list(pool.map(_quietly(os.rmdir), levels[depth], chunksize=32))
    shutil.rmtree(folder, ignore_errors=True)  # anything left (a file added meanwhile)


def _quietly(remove: Callable[[str], None]) -> Callable[[str], None]:
    def run(path: str) -> None:
        with contextlib.suppress(OSError):
            remove(path)

    return run


def _put(root: Path, relpath: str, text: str | bytes) -> str:
    target = root.joinpath(*safe_relpath(relpath).parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        target.write_text(text, encoding="utf-8", newline="")
    else:
        target.write_bytes(text)
    return target.relative_to(root).as_posix()


def _key_line(source: Path, relpath: str | None, key: str | None) -> int | None:
    """The line of ``key:`` in the front matter of ``relpath``, if it is there."""
    if relpath is None or key is None:
        return None
    try:
        text = (source / relpath).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
    parts = split(text.removeprefix("\ufeff"))
    if parts is None:
        return None
    found = re.search(rf"^['\"]?{re.escape(key)}['\"]?[ \t]*:", parts[0], re.MULTILINE)
    return parts[0].count("\n", 0, found.start()) + 1 if found else None


def _write_tree(
    site: Site,
    root: Path,
    *,
    save_liquid: bool,
    formats: Collection[str] = DEFAULT_REDIRECT_FORMATS,
) -> tuple[Diagnostic, ...]:
    """Write the tree into ``root``; returns the problems met (paths refused, I/O errors)."""
    written: dict[str, str] = {}  # output path -> owner of its fragment (the later wins)
    problems: list[Diagnostic] = []
    plan: list[tuple[_File, Path]] = []
    for item in _write_plan(site, formats):
        try:
            plan.append((item, root.joinpath(*safe_relpath(item.output_path).parts)))
        except (UnsafePathError, ValueError) as err:
            problems.append(_not_written(site, item, err))
    results = _write_all([(target, item.text) for item, target in plan])
    for index, (item, _) in enumerate(plan):
        if index not in results:
            continue  # a later file has the same output path
        failure = results[index]
        if failure is not None:
            problems.append(_not_written(site, item, failure))
        else:
            written[item.output_path] = item.owner if item.is_fragment else ""
    copies: list[tuple[Path, Path]] = []
    copied: list[str] = []
    for static in site.static_files:
        if static.output_path is None:
            continue
        try:
            target = root.joinpath(*safe_relpath(static.output_path).parts)
        except (UnsafePathError, ValueError) as err:
            problems.append(_not_copied(static.relpath, err))
            continue
        copies.append((target, site.source / static.relpath))
        copied.append(static.relpath)
    for index, failure in _write_all(copies).items():
        if failure is not None:
            problems.append(_not_copied(copied[index], failure))
    for name in formats:
        if name in _HOST_FILES and site.redirects:
            filename, render = _HOST_FILES[name]
            _put(root, filename, render(site.redirects))
    manifest = _manifest(site, root, written, save_liquid, problems)
    (root / MANIFEST).write_text(_manifest_json(manifest), encoding="utf-8")
    (root / REPORT).write_text(render_report(manifest), encoding="utf-8")
    return tuple(problems)


def _reason(err: Exception) -> str:
    """An error as a person reads it (not the staging folder's temporary path)."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err)


def _not_written(site: Site, item: _File, err: Exception) -> Diagnostic:
    reason = "it would leave the destination" if isinstance(err, UnsafePathError) else _reason(err)
    return Diagnostic(
        "error",
        item.blame,
        _key_line(site.source, item.blame, item.key),
        f"not written: output path {item.output_path!r} ({reason})",
        kind="output",
    )


def _not_copied(relpath: str, err: Exception) -> Diagnostic:
    return Diagnostic("error", relpath, None, f"not copied: {_reason(err)}", kind="output")


_WRITERS = 4
"""Threads writing files: creating a file is mostly the kernel's work, which the other
cores share (the tree is written once rendering is over, when they are idle)."""


def _nested(targets: Iterable[Path]) -> bool:
    """Whether one target lies inside another."""
    found = {str(target) for target in targets}
    for target in found:
        cut = target.rfind(os.sep)
        while cut > 0:
            if target[:cut] in found:
                return True
            cut = target.rfind(os.sep, 0, cut)
    return False


def _write_all(files: Sequence[tuple[Path, str | Path]]) -> dict[int, OSError | None]:
    """Write each text (or copy each file) to its target, as if in order.

    Returns, for each file written, its error (``None``: written); a file another one
    later in the list replaces is not written at all.  Files are written by a few
    threads at once, which gives the tree writing them one after the other gives; when
    a target lies inside another (one would need the other to be a folder, which then
    fails the one way or the other) they are written one after the other.
    """
    last = {str(target): index for index, (target, _) in enumerate(files)}
    failures: dict[int, OSError | None] = {}
    made: set[Path] = set()

    def write(index: int) -> None:
        target, content = files[index]
        failures[index] = None
        try:
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                with target.open("w", encoding="utf-8", newline="") as handle:
                    handle.write(content)
        except OSError as err:
            failures[index] = err

    if len(files) < 2 * _WRITERS or _nested(target for target, _ in files):
        for index in range(len(files)):
            write(index)
        return failures
    with ThreadPoolExecutor(_WRITERS) as pool:
        list(pool.map(write, sorted(last.values()), chunksize=16))
    return failures


def _fragment_path(root: Path, page: Page, written: dict[str, str]) -> str:
    """Where the page's fragment is: its output path if it won it, else ``_fragments/``."""
    assert page.source is not None
    if page.output_path is not None and written.get(page.output_path) == page.source:
        return page.output_path
    return _put_flat(root, ORPHANS, page.source, ".html", page.html)


def _put_flat(root: Path, folder: str, source: str, suffix: str, text: str) -> str:
    """Write ``text`` under ``folder`` in one file named after ``source``.

    A name too long for the file system falls back to a digest of the source.
    """
    try:
        return _put(root, f"{folder}/{_flat(source)}{suffix}", text)
    except OSError:
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return _put(root, f"{folder}/{digest}{suffix}", text)


def _manifest(
    site: Site,
    root: Path,
    written: dict[str, str],
    save_liquid: bool,
    problems: list[Diagnostic],
) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    unwritten = {d.source for d in problems if d.level == "error"}
    for page in site.pages:
        assert page.source is not None
        entry: dict[str, Any] = {
            **page.identity(),
            "fragment": _fragment_path(root, page, written),
            "failed": page.failed or page.source in unwritten,
        }
        if save_liquid and page.liquid is not None:
            entry["liquid"] = _put_flat(root, LIQUID, page.source, ".txt", page.liquid)
        winner = written.get(page.output_path) if page.output_path is not None else None
        if winner and winner != page.source:
            entry["overwritten_by"] = winner
        entries.append(entry)
    for redirect in site.redirects:
        if redirect.kind != "redirect_from":
            continue
        entries.append(
            {
                "kind": "redirect",
                "source": None,
                "collection": None,
                "url": redirect.from_url,
                "output_path": redirect.output_path,
                "fragment": redirect.output_path
                if written.get(redirect.output_path) == _stub(redirect)
                else None,
                "redirect": {"from": redirect.from_url, "to": redirect.to},
            }
        )
    diagnostics = [*site.diagnostics, *problems]
    for page in site.pages:
        diagnostics.extend(page.diagnostics)
    return {
        _MARKER: "dejekyll",
        "dejekyll_version": __version__,
        "source": str(site.source),
        "counts": _counts(site, unwritten),
        "entries": entries,
        "redirects": [
            {
                "from": r.from_url,
                "to": r.to,
                "output_path": r.output_path,
                "target_source": r.target_source,
                "kind": r.kind,
            }
            for r in site.redirects
        ],
        "static_files": [
            {"source": s.relpath, "output_path": s.output_path} for s in site.static_files
        ],
        "diagnostics": [d.as_json() for d in diagnostics],
    }


def _manifest_json(manifest: dict[str, Any]) -> str:
    """The manifest as JSON, one entry per line (the C encoder: indenting is slow)."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, default=_json_default)

    parts = []
    for key, value in manifest.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(dump(item) for item in value)
            parts.append(f"{dump(key)}: [\n  {items}\n ]")
        else:
            parts.append(f"{dump(key)}: {dump(value)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def _counts(site: Site, unwritten: set[str | None]) -> dict[str, int]:
    return {
        "page": sum(p.kind == "page" for p in site.pages),
        "document": sum(p.kind == "document" for p in site.pages),
        "redirect": len(site.redirects),
        "static_files": len(site.static_files),
        "failed": sum(p.failed or p.source in unwritten for p in site.pages),
    }


def _json_default(value: object) -> Any:
    """Dates and times as Ruby's ``to_s`` prints them (what ``{{ page.date }}`` shows)."""
    from .values import ruby_str

    return ruby_str(value)
