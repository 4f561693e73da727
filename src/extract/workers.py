"""Worker processes that die with their parent and leave signals to it.

A worker of ``--jobs N`` is started with SIGINT and SIGTERM blocked (:func:`signals_blocked`
around the pool's start: a Ctrl-C in that instant reaches the parent once it unblocks, and
no worker prints a traceback), then :func:`bind_to_parent` makes it ignore SIGINT (Ctrl-C
goes to the whole process group; the parent stops the workers) and die with its parent:
Linux's ``PR_SET_PDEATHSIG``, and elsewhere a thread that watches the parent's id. So a
``kill -9`` of the parent leaves no worker running, and none holding anything.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)
PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5


@contextmanager
def signals_blocked() -> Iterator[None]:
    """Within: SIGINT and SIGTERM held back (POSIX); those that came are delivered after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def bind_to_parent(parent: int) -> None:
    """In a worker: ignore SIGINT, take SIGTERM's default, and die when ``parent`` dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    if not _death_signal():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker was bound to it
        os._exit(1)


def _death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Exit this worker once its parent is gone (it is then adopted: another parent id)."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
