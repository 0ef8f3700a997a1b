"""Rendering entries in worker processes.

The parent reads the site and builds the stages once; workers are forked from it
(``fork`` start method, Linux only), so they inherit the model, the parsed includes
and the ``site`` payload without pickling any of it.  A worker receives entry
indices and sends back small :class:`~dejekyll.pipeline.Rendered` records, which the
parent puts back in the model's order: the output is the same as a one-process
build's, byte for byte.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .pipeline import Rendered, Stages, render_content
from .records import Entry
from .timing import Timings, merge

if TYPE_CHECKING:
    from .cache import IncludeTracker

MIN_ENTRIES_PER_JOB = 24
"""Below this many entries per worker, forking costs more than it saves."""
_CHUNK = 4
"""Entries per task sent to a worker (small: page sizes vary a lot)."""

Result = tuple[int, Rendered, frozenset[Path]]
"""An entry's index, its rendered content and the include files it read."""

_shared: tuple[Sequence[Entry], Stages, IncludeTracker | None, bool] | None = None


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


def render_many(
    entries: Sequence[Entry],
    indices: Sequence[int],
    stages: Stages,
    *,
    jobs: int = 1,
    tracker: IncludeTracker | None = None,
    timings: Timings | None = None,
) -> Iterator[Result]:
    """Render ``entries[i]`` for every ``i`` in ``indices``, in that order."""
    workers = effective_jobs(jobs, len(indices))
    if workers <= 1:
        for index in indices:
            rendered, read = render_one(entries[index], stages, tracker, timings)
            yield index, rendered, read
        return
    yield from _in_workers(entries, indices, stages, workers, tracker, timings)


def _in_workers(
    entries: Sequence[Entry],
    indices: Sequence[int],
    stages: Stages,
    workers: int,
    tracker: IncludeTracker | None,
    timings: Timings | None,
) -> Iterator[Result]:
    global _shared  # what forked workers inherit
    chunks = [list(indices[i : i + _CHUNK]) for i in range(0, len(indices), _CHUNK)]
    _shared = (entries, stages, tracker, timings is not None)
    gc.collect()
    gc.freeze()  # the inherited objects stay shared instead of copied on first touch
    try:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            for results, spent in pool.imap(_work, chunks):
                merge(timings, spent)
                yield from results
    finally:
        gc.unfreeze()
        _shared = None


def _work(chunk: list[int]) -> tuple[list[Result], Timings]:
    """In a worker: render the entries of one chunk."""
    assert _shared is not None
    entries, stages, tracker, timed = _shared
    spent: Timings | None = {} if timed else None
    results = []
    for index in chunk:
        rendered, read = render_one(entries[index], stages, tracker, spent)
        results.append((index, rendered, read))
    return results, spent or {}
