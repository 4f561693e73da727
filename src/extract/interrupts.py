"""SIGINT and SIGTERM as an exception that cleans up, held back while the output is swapped.

:func:`handled` (the CLI wraps a run in it) turns either signal into :class:`Interrupted`,
so every ``finally`` runs: the staging folder is removed and ``--out`` is left as it was.
Inside :func:`deferred` (the one-step swap) a signal is only recorded: the swap finishes,
and the CLI then reports it (one line, 130 or 143: the output was written). Every signal
is recorded as it arrives, so one a library swallowed (an ``except BaseException`` in a
callback, a ``__del__``) still stops the commit: :func:`raise_if_received` before the swap.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state = {"deferring": 0, "committed": 0}
_pending: list[int] = []
_received: list[int] = []


class Interrupted(BaseException):
    """A run stopped by SIGINT or SIGTERM; exit 128 + the signal's number (130, 143)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _on_signal(signum: int, frame) -> None:
    _received.append(signum)
    if _state["deferring"]:
        _pending.append(signum)
        return
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """Within: SIGINT and SIGTERM raise :class:`Interrupted` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _on_signal) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _pending.clear()
        _received.clear()
        _state["committed"] = 0


@contextmanager
def deferred() -> Iterator[None]:
    """Within: a signal is recorded, not raised, so the step inside is never cut short."""
    _state["deferring"] += 1
    try:
        yield
    finally:
        _state["deferring"] -= 1


def pending() -> list[int]:
    """Signals that arrived while deferred."""
    return list(_pending)


def mark_committed() -> None:
    """Say the output was swapped in: a signal from now on comes after it was written."""
    _state["committed"] = 1


def committed() -> bool:
    """Whether this run's output was swapped in."""
    return bool(_state["committed"])


def raise_if_received() -> None:
    """Raise :class:`Interrupted` for the first signal received, if any."""
    if _received:
        raise Interrupted(_received[0])
