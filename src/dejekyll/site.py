"""A whole site: read (the model), render every entry (the pipeline), check, write.

``load_site(path)`` reads the site the way Jekyll does and renders every page and
document; the result is a :class:`Site` whose ``pages`` are the fragments with their
URLs, output paths and redirects, ready to write with :meth:`Site.write`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .cache import CACHE_DIR, CacheStats, IncludeTracker, RenderCache, needs_liquid
from .clean import CleanOptions
from .errors import ConfigError, error_class
from .frontmatter import has_front_matter
from .model import build_model
from .parallel import Result, Shared, Workers, can_fork, effective_jobs, render_here
from .pipeline import Rendered, Stages, assemble
from .records import Diagnostic, Entry, Page, Redirect, SiteModel, StaticFile
from .timing import Timings, measure

if TYPE_CHECKING:
    from .output import Written

Progress = Callable[[Page], None]


@dataclass(frozen=True, slots=True)
class Site:
    """A rendered site."""

    model: SiteModel
    pages: tuple[Page, ...]
    diagnostics: tuple[Diagnostic, ...]
    """Site-wide diagnostics (config, reading, conflicts); pages carry their own."""
    cache: CacheStats = field(default_factory=CacheStats)
    """Which pages were rendered and which came from the cache."""

    @property
    def source(self) -> Path:
        """The site's source folder."""
        return Path(self.model.source)

    @property
    def config(self) -> Mapping[str, Any]:
        """The effective ``_config.yml`` (Jekyll's defaults merged in)."""
        return self.model.config

    @property
    def redirects(self) -> tuple[Redirect, ...]:
        """Every redirect, in jekyll-redirect-from's order."""
        return self.model.redirects

    @property
    def static_files(self) -> tuple[StaticFile, ...]:
        """Files Jekyll copies as they are."""
        return self.model.static_files

    def all_diagnostics(self) -> Iterator[Diagnostic]:
        """Site-wide diagnostics, then every page's."""
        yield from self.diagnostics
        for page in self.pages:
            yield from page.diagnostics

    @property
    def failed_pages(self) -> tuple[Page, ...]:
        """Pages that could not be converted the way Jekyll would have."""
        return tuple(p for p in self.pages if p.failed)

    def page(self, source: str) -> Page:
        """The page rendered from ``source`` (a path relative to the site)."""
        for page in self.pages:
            if page.source == source:
                return page
        raise KeyError(source)

    def write(
        self,
        destination: str | Path,
        *,
        save_liquid: bool = False,
        redirect_formats: Collection[str] = ("html", "json"),
        cache_dir: str | Path | None = None,
    ) -> Written:
        """Write the output tree, ``manifest.json`` and ``report.html`` (:mod:`dejekyll.output`).

        Returns the destination and the problems met writing (paths refused ...).

        ``redirect_formats``: ``html`` (stub pages) and ``json`` (``redirects.json``), as
        Jekyll writes them, and ``netlify``, ``nginx``, ``apache`` for the next host.
        With a ``cache_dir``, a destination already holding this very output (as the
        last build left it) is not written again.
        """
        from .cache import OutputState
        from .output import write_site

        state = OutputState(Path(cache_dir)) if cache_dir is not None else None
        return write_site(
            self,
            Path(destination),
            save_liquid=save_liquid,
            redirect_formats=redirect_formats,
            state=state,
        )


def load_site(
    source: str | Path,
    *,
    config_files: Sequence[str | Path] | None = None,
    overrides: Mapping[str, Any] | None = None,
    drafts: bool = False,
    future: bool | None = None,
    unpublished: bool = False,
    clean: CleanOptions | None = None,
    progress: Progress | None = None,
    on_model: Callable[[int], None] | None = None,
    jobs: int = 1,
    cache_dir: str | Path | None = None,
    timings: Timings | None = None,
) -> Site:
    """Read and render a Jekyll site.

    Args:
        source: the site's folder (where ``_config.yml`` is).
        config_files: config files to use instead of ``_config.yml``, merged in order
            (``jekyll build --config a.yml,b.yml``).
        overrides: config keys set last, over every file.
        drafts: render ``_drafts`` as Jekyll's ``--drafts`` does.
        future: render future-dated documents (default: the config's ``future``).
        unpublished: render ``published: false`` documents (``--unpublished``).
        clean: what the clean stage removes (comments by default).
        progress: called after each page is rendered.
        on_model: called with the number of entries once the site is read.
        jobs: render in this many processes (where the site is large enough).
        cache_dir: keep rendered results there and reuse those still valid (see
            :mod:`dejekyll.cache`; the command uses ``SOURCE/.dejekyll-cache``).
        timings: if given, the seconds each stage took are added to it.
    """
    # The workers' zygote starts now, importing the stages while this process reads the
    # site, and before any other thread (a progress bar's) exists here: a fork would copy
    # a lock such a thread holds, held for ever in the child.
    with Workers(jobs) if jobs > 1 and can_fork() else nullcontext() as workers:
        with measure(timings, "read"):
            model = build_model(
                Path(source),
                config_files=[Path(p) for p in config_files] if config_files else None,
                overrides=overrides,
                drafts=drafts,
                future=future,
                unpublished=unpublished,
            )
        if on_model is not None:
            on_model(len(model.entries))
        clean = (clean or CleanOptions()).for_site(model.config)
        if cache_dir is None or not RenderCache.holds_results(Path(cache_dir)):
            # Every entry will be rendered: the zygote sets up while the cache is read.
            tracked = cache_dir is not None
            count = len(model.entries)
            if workers is not None and not _prepare(workers, model, clean, jobs, count, tracked):
                workers.close()
                workers = None
        return _finish_load(model, clean, progress, jobs, workers, cache_dir, timings)


def _finish_load(
    model: SiteModel,
    clean: CleanOptions,
    progress: Progress | None,
    jobs: int,
    workers: Workers | None,
    cache_dir: str | Path | None,
    timings: Timings | None,
) -> Site:
    cache = None
    if cache_dir is not None:
        with measure(timings, "cache"):
            cache = RenderCache(Path(cache_dir), model, clean)
    # With a new baseurl, redirects lead to the pages' new place, as links do (Liquid
    # still sees the site as Jekyll built it).
    moved = model if clean.baseurl is None else replace(model, redirects=_moved(model, clean))
    by_target: dict[str | None, list[Redirect]] = {}  # the page that declared them
    for redirect in moved.redirects:
        by_target.setdefault(redirect.origin or redirect.target_source, []).append(redirect)
    pages: list[Page | None] = [None] * len(model.entries)

    def finish(index: int, rendered: Rendered) -> None:
        entry = model.entries[index]
        page = assemble(entry, rendered)
        page = replace(page, redirects=tuple(by_target.get(entry.source, ())))
        pages[index] = page
        if progress is not None:
            progress(page)

    stats = _render(model, clean, cache, finish, jobs=jobs, workers=workers, timings=timings)
    done = tuple(p for p in pages if p is not None)
    assert len(done) == len(pages)
    return Site(model=moved, pages=done, diagnostics=model.diagnostics, cache=stats)


def _moved(model: SiteModel, clean: CleanOptions) -> tuple[Redirect, ...]:
    """The site's redirects with their targets moved to ``clean.baseurl``."""
    from .relink import rebase_target

    old, new, url = clean.site_baseurl or "", clean.baseurl or "", model.config.get("url")
    return tuple(replace(r, to=rebase_target(r.to, url, old, new)) for r in model.redirects)


def default_cache_dir(source: str | Path) -> Path:
    """Where the command keeps a site's render cache: ``SOURCE/.dejekyll-cache``."""
    return Path(source) / CACHE_DIR


def make_stages(model: SiteModel, clean: CleanOptions) -> Stages:
    """The Liquid stage and the converter's options for a site (imported only now)."""
    from .config import kramdown_options
    from .liquid import LiquidStage

    return Stages(
        liquid=LiquidStage(model, source_dir=Path(model.source)),
        markdown_options=kramdown_options(model.config),
        clean=clean,
    )


def _prepare(
    workers: Workers, model: SiteModel, clean: CleanOptions, jobs: int, count: int, tracked: bool
) -> bool:
    """Set ``workers`` up to render ``count`` entries; False if one process is better.

    ``tracked``: the workers note the includes each entry reads (for the cache)."""
    wanted = effective_jobs(jobs, count)
    return wanted > 1 and workers.prepare(wanted, _worker_setup, model, clean, tracked)


def _worker_setup(model: SiteModel, clean: CleanOptions, tracked: bool) -> Shared:
    """What a worker process renders with (it calls this on the model it inherited)."""
    stages = make_stages(model, clean)
    tracker = IncludeTracker(stages.liquid) if tracked and stages.liquid else None
    return model.entries, stages, tracker


def _render(
    model: SiteModel,
    clean: CleanOptions,
    cache: RenderCache | None,
    finish: Callable[[int, Rendered], None],
    *,
    jobs: int,
    workers: Workers | None,
    timings: Timings | None,
) -> CacheStats:
    """Render every entry (or take it from the cache), calling ``finish`` for each."""
    entries = model.entries
    keys: list[tuple[str, bool]] = []
    todo: list[int] = list(range(len(entries)))
    uncached: list[str] = []
    if cache is not None:
        with measure(timings, "cache"):
            keys, todo = _lookup(cache, entries, finish)
    # Not set up yet (the cache had results): now it is known how many pages need them.
    tracked = cache is not None
    if workers is not None and (
        not todo
        or (not workers.ready and not _prepare(workers, model, clean, jobs, len(todo), tracked))
    ):
        workers.close()
        workers = None
    rendered: Iterator[Result] = iter(())
    if workers is not None:
        rendered = workers.render(todo, timings)
    elif todo:
        with measure(timings, "setup"):
            stages = make_stages(model, clean)
        tracker = IncludeTracker(stages.liquid) if cache and stages.liquid else None
        rendered = render_here(entries, todo, stages, tracker=tracker, timings=timings)
    try:
        for index, result, read in rendered:
            if cache is not None:
                key, liquid = keys[index]
                with measure(timings, "cache"):
                    if not cache.store(entries[index], key, result, read, liquid=liquid):
                        uncached.append(entries[index].source)
            finish(index, result)
    finally:
        if workers is not None:
            workers.close()  # done: their memory is back before the tree is written
    if cache is not None:
        with measure(timings, "cache"):
            cache.prune(e.source for e in entries)
            cache.save()
    redone = set(todo)
    return CacheStats(
        reused=tuple(e.source for i, e in enumerate(entries) if i not in redone),
        rendered=tuple(entries[i].source for i in todo),
        uncached=tuple(uncached),
    )


def _lookup(
    cache: RenderCache, entries: Sequence[Entry], finish: Callable[[int, Rendered], None]
) -> tuple[list[tuple[str, bool]], list[int]]:
    """Finish the entries the cache holds; the keys of every entry and those to render."""
    keys = []
    todo = []
    for index, entry in enumerate(entries):
        liquid = needs_liquid(entry)
        key = cache.entry_key(entry, liquid=liquid)
        keys.append((key, liquid))
        found = cache.lookup(entry, key)
        if found is None:
            todo.append(index)
        else:
            finish(index, found)
    return keys, todo


def convert_page(
    text: str,
    *,
    path: str = "page.md",
    config: Mapping[str, Any] | None = None,
    clean: CleanOptions | None = None,
) -> Page:
    """Convert one page on its own, as Jekyll would inside a site holding only it.

    ``path`` is where the page would sit in the site: it decides the URL, the converter
    (``.md`` → Markdown) and whether it is a post (``_posts/2020-01-02-x.md``).
    ``config`` plays ``_config.yml`` (without one: Jekyll's defaults and
    jekyll-redirect-from, as for any folder without a config file).  Future and unpublished pages are converted too.  A text without front
    matter (which Jekyll would copy as a static file) is converted as if it had an empty
    one, with a warning saying so.
    """
    relpath = _page_path(path)
    diagnostics: list[Diagnostic] = []
    shift = 0
    if not has_front_matter(text.encode("utf-8")):
        diagnostics.append(
            Diagnostic(
                "warning",
                path,
                1,
                "no front matter: Jekyll would copy this file unchanged; converted anyway",
                kind="front-matter",
            )
        )
        text, shift = "---\n---\n" + text, 2
    with tempfile.TemporaryDirectory(prefix="dejekyll-page-") as tmp:
        target = Path(tmp).joinpath(*relpath.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        site = load_site(
            tmp,
            overrides=config,
            future=True,
            unpublished=True,
            clean=clean,
        )
        for page in site.pages:
            if page.source == relpath.as_posix():
                moved = [
                    replace(d, line=d.line - shift if d.line and d.line > shift else d.line)
                    for d in (*site.diagnostics, *page.diagnostics)
                ]
                return replace(page, diagnostics=(*diagnostics, *moved))
        # Not rendered: say why, from the model's own diagnostic about this file.
        for problem in site.diagnostics:
            if problem.source == relpath.as_posix() and problem.level == "error":
                line = problem.line - shift if problem.line and problem.line > shift else None
                raise error_class(problem.kind)(
                    problem.message, path=path, line=line or problem.line, column=problem.column
                )
    raise ConfigError("Jekyll does not render a page at this path", path=path)


def _page_path(path: str) -> PurePosixPath:
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or not pure.parts or ".." in pure.parts:
        raise ConfigError(f"page path must be relative and inside the site: {path!r}")
    return pure
