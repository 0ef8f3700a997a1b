"""Rendering entries in worker processes.

Workers are forked from the parent once it has read the site (``fork`` start method,
Linux only), so they inherit the model without pickling it.  Each sets up its own
stages (importing them and building the Markdown engine, about half a second) while
the parent goes on with the render cache, then receives entry indices and sends back
small :class:`~dejekyll.pipeline.Rendered` records, which the parent puts back in the
model's order: the output is the same as a one-process build's, byte for byte.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from .pipeline import Rendered, Stages, render_content, warm_up
from .records import Entry
from .timing import Timings, merge

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from .cache import IncludeTracker

MIN_ENTRIES_PER_JOB = 24
"""Below this many entries per worker, forking costs more than it saves."""
_CHUNK = 4
"""Entries per task sent to a worker (small: page sizes vary a lot)."""
_YOUNG_OBJECTS = 20_000
"""A worker's first-generation garbage threshold: parsing makes many short-lived
objects, and Python's default (700) runs a collection every few paragraphs."""

Result = tuple[int, Rendered, frozenset[Path]]
"""An entry's index, its rendered content and the include files it read."""

Shared = tuple[Sequence[Entry], Stages, "IncludeTracker | None"]
"""What a worker renders with: the entries, the stages, the include tracker."""


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def effective_jobs(jobs: int, count: int) -> int:
    """How many processes are worth using for ``count`` entries (1: render here)."""
    if jobs <= 1 or not sys.platform.startswith("linux"):
        return 1
    return max(1, min(jobs, count // MIN_ENTRIES_PER_JOB))


def render_one(
    entry: Entry, stages: Stages, tracker: IncludeTracker | None, timings: Timings | None
) -> tuple[Rendered, frozenset[Path]]:
    """Render one entry, noting the includes it read when a tracker is given."""
    if tracker is None:
        return render_content(entry, stages, timings), frozenset()
    tracker.start()
    try:
        rendered = render_content(entry, stages, timings)
    finally:
        read = tracker.stop()
    return rendered, read


def render_here(
    entries: Sequence[Entry],
    indices: Sequence[int],
    stages: Stages,
    *,
    tracker: IncludeTracker | None = None,
    timings: Timings | None = None,
) -> Iterator[Result]:
    """Render ``entries[i]`` for every ``i`` in ``indices``, in this process, in order."""
    for index in indices:
        rendered, read = render_one(entries[index], stages, tracker, timings)
        yield index, rendered, read


class Workers:
    """``count`` worker processes that render with what ``setup(*args)`` returns.

    They are forked at once and call ``setup`` (on the objects they inherit) before
    their first task, while the parent goes on.  Use it as a context manager.
    """

    def __init__(self, count: int, setup: Callable[..., Shared], *args: Any) -> None:
        global _setup
        import multiprocessing

        _setup = (setup, args)  # kept while they run: a worker forked again inherits it too
        gc.collect()
        gc.freeze()  # the inherited objects stay shared instead of copied on first touch
        self._pool: Pool | None = None
        try:
            self._pool = multiprocessing.get_context("fork").Pool(count, _start)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def render(self, indices: Sequence[int], timings: Timings | None = None) -> Iterator[Result]:
        """Render the entries at ``indices`` (in order) in the workers."""
        assert self._pool is not None, "the workers were closed"
        chunks = [list(indices[i : i + _CHUNK]) for i in range(0, len(indices), _CHUNK)]
        work = _work_timed if timings is not None else _work
        for results, spent in self._pool.imap(work, chunks):
            merge(timings, spent)
            yield from results

    def close(self) -> None:
        """End the workers (at once: once their results are in, they hold nothing)."""
        global _setup
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()
            pool.join()
        if _setup is not None:
            gc.unfreeze()
            _setup = None


# -- in a worker ------------------------------------------------------------------------

_setup: tuple[Callable[..., Shared], tuple[Any, ...]] | None = None
"""In the parent while workers run: what they set up with (they inherit it)."""
_shared: Shared | None = None
_failed: BaseException | None = None


def _start() -> None:
    """A worker's start: import the stages and set them up."""
    global _shared, _failed
    try:
        gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
        warm_up()
        assert _setup is not None
        setup, args = _setup
        _shared = setup(*args)
    except BaseException as err:  # noqa: BLE001 - raised again with the first task
        _failed = err


def _work(chunk: list[int]) -> tuple[list[Result], Timings]:
    """In a worker: render the entries of one chunk."""
    return _render_chunk(chunk, None)


def _work_timed(chunk: list[int]) -> tuple[list[Result], Timings]:
    """In a worker: render the entries of one chunk, timing the stages."""
    return _render_chunk(chunk, {})


def _render_chunk(chunk: list[int], spent: Timings | None) -> tuple[list[Result], Timings]:
    if _failed is not None:
        raise _failed
    assert _shared is not None
    entries, stages, tracker = _shared
    results = [(i, *render_one(entries[i], stages, tracker, spent)) for i in chunk]
    return results, spent or {}
