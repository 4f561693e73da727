"""Sources as the user typed them: their bytes, read once and bounded, and refusals that
name them that way (``../nope/x.txt``, not ``x.txt``). No heavy import: a refusal costs
little (``extract``, ``extract figures``)."""

from __future__ import annotations

import errno
import os
import stat

from extract.errors import BadInput, shown
from extract.read.ingest import is_pdf
from extract.read.limits import DECK_LIMITS, Limits

HEAD_BYTES = 1024  # enough to see a PDF's magic after leading blanks


def read_source(typed: str, limits: Limits = DECK_LIMITS) -> bytes:
    """A source file's bytes, or BadInput naming (as typed) why it cannot be read.

    Opened once, without following into a FIFO or device; a text layer is refused past
    ``limits.text_bytes`` and a PDF past ``limits.pdf_bytes`` before reading.
    """
    label = shown(typed)
    try:
        fd = os.open(typed, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise BadInput(f"{label}: {_unreadable(error)}") from None
    status = os.fstat(fd)
    if not stat.S_ISREG(status.st_mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a device, pipe or socket"
        raise BadInput(f"{label}: not a regular file ({kind})")
    with os.fdopen(fd, "rb") as handle:
        try:
            head = handle.read(HEAD_BYTES)
            pdf = is_pdf(head)
            limit = limits.pdf_bytes if pdf else limits.text_bytes
            kind = "a PDF" if pdf else "a text layer"
            if status.st_size > limit:
                raise BadInput(f"{label}: {status.st_size:,} bytes, over the limit of "
                               f"{limit // 2**20} MiB for {kind}")
            data = head + handle.read(limit + 1 - len(head))
        except OSError as error:
            raise BadInput(f"{label}: {_unreadable(error)}") from None
        if len(data) > limit:  # the file grew while being read
            raise BadInput(f"{label}: over the limit of {limit // 2**20} MiB for {kind}")
        return data


def _unreadable(error: OSError) -> str:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file"
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return f"cannot be read ({error.strerror})"


def as_typed(error: BadInput, name: str, typed: str) -> BadInput:
    """A refusal naming the source by its file name, reworded to name it as the user typed it."""
    message = str(error)
    if message.startswith(f"{name}: "):
        message = f"{shown(typed)}: {message[len(name) + 2:]}"
    return BadInput(message)
