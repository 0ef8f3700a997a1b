"""Rendering entries in worker processes (``fork`` start method, Linux only).

When a build starts, one process is forked, the *zygote*: it imports the stages and
builds the Markdown engine (about half a second) while the parent reads the site.
The parent then sends it the model, pickled (a tenth of a second for 2,000 pages);
the zygote sets up the stages once and forks the workers, which inherit all of it.
A worker receives entry indices and sends back small
:class:`~dejekyll.pipeline.Rendered` records, which the parent puts back in the
model's order: the output is the same as a one-process build's, byte for byte.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import io
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Self

from .pipeline import Rendered, Stages, render_content, warm_up
from .records import Entry
from .timing import Timings, merge

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

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


def can_fork() -> bool:
    """Whether workers can be forked here (Linux)."""
    return sys.platform.startswith("linux")


def effective_jobs(jobs: int, count: int) -> int:
    """How many processes are worth using for ``count`` entries (1: render here)."""
    if jobs <= 1 or not can_fork():
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
    """``count`` worker processes rendering with what ``setup(*args)`` returns.

    ``Workers(count)`` forks one process at once, the *zygote*, which imports the
    stages (about half a second) while this process reads the site.  :meth:`prepare`
    sends it the setup, pickled; it calls it, then forks the workers, which inherit
    the imported stages and the model instead of each importing them again.  Each
    worker has its own pipe: :meth:`render` hands out chunks of entries and takes the
    results back in order; a worker's error is raised here, and a worker that dies
    fails the build instead of hanging it.  Use it as a context manager.
    """

    def __init__(self, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        pairs = [context.Pipe() for _ in range(count)]
        self._conns: list[Connection] = [here for here, _ in pairs]
        setup_in, self._setup_out = context.Pipe(duplex=False)
        ends = [there for _, there in pairs]
        ours = [*self._conns, self._setup_out]
        self._zygote: BaseProcess | None = context.Process(
            target=_zygote, args=(setup_in, ends, ours), name="dejekyll-zygote", daemon=False
        )
        self._zygote.start()
        setup_in.close()
        for end in ends:
            end.close()
        self._feeder: threading.Thread | None = None
        self._finished = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def prepare(self, count: int, setup: Callable[..., Shared], *args: Any) -> bool:
        """Have ``count`` workers (at most as many as forked for) render with
        ``setup(*args)``, which the zygote calls before forking them.

        Returns False (and ends the processes) when the arguments cannot be pickled.
        """
        for conn in self._conns[count:]:
            conn.close()
        self._conns = self._conns[:count]
        try:
            payload = _dumps((len(self._conns), setup, args))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            self.close()
            return False
        # Sent by a thread: the zygote may still be importing, and this process has
        # the render cache to read meanwhile.
        self._feeder = threading.Thread(target=self._send, args=(payload,), daemon=True)
        self._feeder.start()
        return True

    def _send(self, payload: bytes) -> None:
        with contextlib.suppress(OSError):  # the zygote was ended first, by close()
            self._setup_out.send_bytes(payload)

    @property
    def ready(self) -> bool:
        """Whether :meth:`prepare` succeeded and the workers are there."""
        return self._feeder is not None and self._zygote is not None

    def render(self, indices: Sequence[int], timings: Timings | None = None) -> Iterator[Result]:
        """Render the entries at ``indices`` in the workers; the results come in order."""
        assert self.ready, "prepare() first"
        from multiprocessing.connection import wait

        chunks = [list(indices[i : i + _CHUNK]) for i in range(0, len(indices), _CHUNK)]
        timed = timings is not None
        sent = 0
        owner: dict[Connection, list[int]] = {conn: [] for conn in self._conns}
        done: dict[int, list[Result]] = {}
        upcoming = 0

        def hand_out(conn: Connection) -> None:
            nonlocal sent
            if sent < len(chunks):
                try:
                    conn.send((chunks[sent], timed))
                except OSError:
                    raise WorkerError(_DIED) from None
                owner[conn].append(sent)
                sent += 1

        for conn in self._conns:  # two chunks each: a worker never waits for the next
            hand_out(conn)
            hand_out(conn)
        while upcoming < len(chunks):
            for ready in wait([conn for conn, pending in owner.items() if pending]):
                conn = next(c for c in owner if c is ready)
                try:
                    outcome = conn.recv()
                except (EOFError, OSError):
                    raise WorkerError(_DIED) from None
                if isinstance(outcome, BaseException):
                    raise outcome
                results, spent = outcome
                merge(timings, spent)
                done[owner[conn].pop(0)] = results
                hand_out(conn)
            while upcoming in done:
                yield from done.pop(upcoming)
                upcoming += 1
        self._finished = True

    def close(self) -> None:
        """End the processes (at once: once the results are in, they hold nothing)."""
        zygote, self._zygote = self._zygote, None
        feeder, self._feeder = self._feeder, None
        if zygote is not None and not self._finished:
            zygote.terminate()  # its work is not wanted: no need to wait for it
        if feeder is not None:
            feeder.join()
        for conn in [*self._conns, self._setup_out]:
            conn.close()  # the workers read the end of their input and stop
        if zygote is not None:
            zygote.join(timeout=5)
            if zygote.exitcode is None:
                zygote.kill()
                zygote.join()


_DIED = "a worker process ended before its pages were done (killed? out of memory?)"


class WorkerError(RuntimeError):
    """A worker process ended without finishing (killed, out of memory)."""


def _proxy(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(mapping)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _proxy, (dict(proxy),)


def _dumps(value: object) -> bytes:
    """``value`` pickled, read-only mappings (the model's) included."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table = copyreg.dispatch_table.copy()
    table[MappingProxyType] = _reduce_proxy
    pickler.dispatch_table = table
    pickler.dump(value)
    return buffer.getvalue()


# -- in the zygote and the workers ---------------------------------------------------------

_shared: Shared | None = None


def _zygote(setup_in: Connection, ends: list[Connection], parents: list[Connection]) -> None:
    """Import the stages, wait for the setup, set up, fork the workers, wait for them.

    ``parents`` are the parent's ends of the pipes, inherited by the fork: closed at
    once, so that a worker reads the end of input when the parent closes its end.
    """
    import multiprocessing
    import signal

    # Ctrl-C is the parent's to handle: it closes the pipes, and the workers stop quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for conn in parents:
        conn.close()
    try:
        warm_up()
        try:
            payload = setup_in.recv_bytes()
        except EOFError:  # the parent had nothing for the workers to do
            return
        count, setup, args = pickle.loads(payload)
        for end in ends[count:]:
            end.close()
        ends = ends[:count]
        global _shared
        _shared = setup(*args)
    except Exception as err:  # noqa: BLE001 - each worker's pipe carries it to the parent
        for end in ends:
            _send_quietly(end, err)
        return
    gc.collect()
    gc.freeze()  # what the workers inherit stays shared instead of copied on first touch
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_serve, args=(end, ends), daemon=True) for end in ends]
    for worker in workers:
        worker.start()
    for end in ends:
        end.close()
    for worker in workers:
        worker.join()


def _serve(conn: Connection, ends: list[Connection]) -> None:
    """A worker: render the chunks the parent sends until it closes the pipe.

    The other workers' ends are closed first: when one of them dies, the parent must
    read the end of its pipe."""
    for end in ends:
        if end is not conn:
            end.close()
    gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    assert _shared is not None
    entries, stages, tracker = _shared
    while True:
        try:
            chunk, timed = conn.recv()
        except (EOFError, OSError):  # the parent is done (or gone)
            return
        spent: Timings | None = {} if timed else None
        try:
            results = [(i, *render_one(entries[i], stages, tracker, spent)) for i in chunk]
        except Exception as err:  # noqa: BLE001 - raised again in the parent
            _send_quietly(conn, err)
            return
        try:
            conn.send((results, spent or {}))
        except OSError:
            return


def _send_quietly(conn: Connection, err: BaseException) -> None:
    """Send ``err`` to the parent (as a plain error if it does not pickle)."""
    try:
        conn.send(err)
    except (pickle.PicklingError, TypeError, AttributeError):
        conn.send(RuntimeError(f"{type(err).__name__}: {err}"))
    except OSError:
        pass  # the parent is gone
