"""argparse for every subcommand: a wrong argument is one line of bad input (exit 2)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from extract.errors import BadInput


def add_force(parser: argparse.ArgumentParser) -> None:
    """``--force``: every command that writes a folder may replace one a user edited."""
    parser.add_argument("--force", action="store_true",
                        help="replace DIR even where a file in it was edited since it was written")


class OneLineParser(argparse.ArgumentParser):
    """argparse whose errors are one line of BadInput naming the help to read, never a
    usage dump and an exit from inside the library."""

    def error(self, message: str) -> NoReturn:
        raise BadInput(f"{message} (see `{self.prog} --help`)")
