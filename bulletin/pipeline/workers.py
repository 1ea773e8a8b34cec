"""Worker processes for a build, forked before the issue is even read.

Importing WeasyPrint is the slowest part of starting. Forked first, each worker
pays it on its own core while the main process reads and checks the issue,
draws the charts and composes the HTML. They then take the jobs that fill a
core: photo separations, and each edition's layout, write and preflight.
"""
from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import os
import signal
from contextlib import contextmanager

from ..typeset.engine import import_weasyprint


@contextmanager
def no_cycle_collection():
    """Python's cycle collector off for a build, in every process of it: the
    workers are forked inside, with it off.

    A layout makes millions of small objects, and the collector kept walking
    them, and every module loaded, for garbage that is mostly freed by
    reference counting anyway: with it off a layout is faster for a little
    more memory (benchmarks/README.md). Whatever cycles remain are collected
    once it is back on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class Workers:
    """One process per core, at most `wanted`; with one, jobs run right here."""

    def __init__(self, wanted: int):
        self.count = max(1, min(wanted, os.cpu_count() or 1))
        self._pool: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> Workers:
        if self.count > 1:
            self._pool = multiprocessing.get_context("fork").Pool(self.count, initializer=_warm_up)
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop every worker, whatever it is doing (on a failure, a time-out or Ctrl-C)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def submit(self, function, *args):
        """Start `function(*args)`; what it returns has `.get()` for the result
        (or the exception it raised)."""
        if self._pool is None:
            return _Done(function(*args))
        return self._pool.apply_async(function, args)


class _Done:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


def _warm_up() -> None:
    """What every job needs, loaded while the main process reads the issue
    (preflight's pikepdf is loaded already: the main process imports it).

    Ctrl-C in a terminal reaches every process of the build: the main process
    answers it and stops the workers, which would otherwise each print a
    traceback of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import_weasyprint()
