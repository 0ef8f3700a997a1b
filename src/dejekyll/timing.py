"""Lightweight per-stage timing, collected only when asked for.

A build given a ``timings`` dict adds the seconds each stage took to
``timings[stage]`` (``read``, ``setup``, ``cache``, ``liquid``, ``markdown``,
``clean``, ``write``); without one, measuring costs nothing but a ``None`` test.
With several worker processes the per-page stages add up the workers' seconds, so
they can exceed the wall-clock time of the build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from time import perf_counter

Timings = dict[str, float]
"""Seconds per stage name."""

STAGES = ("read", "setup", "cache", "liquid", "markdown", "clean", "write")
"""The stage names a build reports, in pipeline order."""


@contextmanager
def measure(timings: Timings | None, stage: str) -> Iterator[None]:
    """Add the time the ``with`` block takes to ``timings[stage]`` (if ``timings``)."""
    if timings is None:
        yield
        return
    started = perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + perf_counter() - started


def merge(into: Timings | None, more: Mapping[str, float]) -> None:
    """Add ``more``'s seconds to ``into`` (nothing when ``into`` is ``None``)."""
    if into is None:
        return
    for stage, seconds in more.items():
        into[stage] = into.get(stage, 0.0) + seconds
