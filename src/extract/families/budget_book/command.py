"""``python -m extract budget SOURCE... [--out DIR] [--keep-going]``: a budget book → tables.

Exit codes as for ``extract``: 0 written, 1 a check failed (named with page, row, stated and
computed; nothing written unless ``--keep-going``), 2 bad input (one line, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.errors import BadInput, shown
from extract.families import FamilyCommand

DEFAULT_OUT = "budget-out"
USAGE = "python -m extract budget SOURCE... [--out DIR] [--keep-going]"


class _ArgumentError(Exception):
    pass


def _refuse(message: str) -> None:
    raise _ArgumentError(f"budget: {message} (usage: {USAGE})")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m extract budget",
                                     description="A municipal budget book (予算書: one PDF or the files it "
                                     "is split into) -> budget_lines and budget_checks, every identity proven.",
                                     epilog="example: python -m extract budget book/*.pdf --out budget-out")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="PDF files of one book, in book order")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help=f"folder to write, replaced in one atomic step (default: {DEFAULT_OUT}/)")
    parser.add_argument("--keep-going", action="store_true",
                        help="write the tables even when a check fails; budget_checks says which")
    return parser


def _readable(sources: list[str]) -> None:
    """Refuse a missing, unreadable or non-PDF source, naming it."""
    for source in sources:
        path = Path(source)
        if not path.is_file():
            raise BadInput(f"{shown(source)}: no such file")
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                raise BadInput(f"{shown(source)}: not a PDF")


def _read(sources: list[str]):
    from extract.families.budget_book.read.book import read_book

    try:
        return read_book(sources)
    except (OSError, ValueError, TypeError, KeyError) as error:  # pdfminer's refusals of a broken file
        raise BadInput(f"a source could not be read as a PDF: {type(error).__name__}") from None


def main_budget(argv: list[str]) -> int:
    """Read, check and write one budget book; exceptions go to the caller."""
    parser = _parser()
    parser.error = _refuse  # type: ignore[method-assign]
    try:
        args = parser.parse_intermixed_args(argv)
    except _ArgumentError as error:
        raise BadInput(str(error)) from None
    from extract.families.budget_book.publish import publish
    from extract.publish.outdir import OutputFolder

    folder = OutputFolder(str(args.out), list(args.sources))
    folder.check()
    _readable(args.sources)
    book = _read(args.sources)
    if not any(line.part == "detail" for line in book.lines) and not book.totals:
        raise BadInput("no budget book part (第1条, 第1表, 事項別明細書) found in the sources")
    summary = publish(book, [Path(s).name for s in args.sources], folder, args.keep_going)
    print(f"extract: wrote {summary} to {shown(args.out).rstrip('/')}/", file=sys.stdout)
    return 0


COMMAND = FamilyCommand("budget", "a municipal budget book (予算書), one PDF or its split files -> proven tables",
                        main_budget)
