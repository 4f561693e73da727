"""The two ways a run can refuse: bad input (exit 2) and a failed check (exit 1).

Stages raise these; only :mod:`extract.cli.main` turns them into messages and exit codes.
"""

from __future__ import annotations


class ExtractError(Exception):
    """Base of the errors a user can act on."""

    exit_code = 1


class BadInput(ExtractError):
    """The input cannot be read as this document: missing, empty, binary, undecodable,
    a broken/encrypted/scanned PDF, or another document. One line, exit 2."""

    exit_code = 2


class ValidationFailed(ExtractError):
    """One or more named checks failed; ``failures`` holds one message per failure. Exit 1."""

    exit_code = 1

    def __init__(self, failures: list[str]):
        self.failures = list(failures)
        super().__init__(f"{len(self.failures)} check(s) failed")


class WriteFailed(ExtractError):
    """The tables were valid but could not be written (disk full, no permission). Exit 1;
    the output folder is left as it was."""

    exit_code = 1


def shown(text: str) -> str:
    """A path or name as typed, printable: bytes that are not UTF-8 (a file name from
    another system) appear as ``\\xff`` escapes instead of failing to print."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
