"""``python -m extract budget SOURCE... [--out DIR] [--keep-going] [--force]``: a budget book → tables.

Exit codes as for ``extract``: 0 written, 1 a check failed (named with page, row, stated and
computed; nothing written unless ``--keep-going``), 2 bad input (one line, nothing written).
"""

from __future__ import annotations

import argparse
import sys

from extract.cli.arguments import OneLineParser, add_force
from extract.errors import shown
from extract.families import FamilyCommand

DEFAULT_OUT = "budget-out"
FAMILY_NAME = "budget_book"


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m extract budget",
                                     description="A municipal budget book (予算書: one PDF or the files it "
                                     "is split into) -> budget_lines and budget_checks, every identity proven.",
                                     epilog="example: python -m extract budget book/*.pdf --out budget-out")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="PDF files of one book, in book order")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help=f"folder to write, replaced in one atomic step (default: {DEFAULT_OUT}/)")
    parser.add_argument("--keep-going", action="store_true",
                        help="write the tables even when a check fails; budget_checks says which")
    add_force(parser)
    return parser


def main_budget(argv: list[str]) -> int:
    """Read, check and write one budget book through the shared pipeline; exceptions go to
    the caller."""
    args = _parser().parse_intermixed_args(argv)
    from extract.families.budget_book.proof import summary
    from extract.pipeline import run

    tables = run(list(args.sources), args.out, force=args.force, family_name=FAMILY_NAME,
                 keep_going=args.keep_going)
    print(f"extract: wrote {summary(tables)} to {shown(args.out).rstrip('/')}/", file=sys.stdout)
    return 0


COMMAND = FamilyCommand("budget", "a municipal budget book (予算書), one PDF or its split files -> proven tables",
                        main_budget)
