"""The command line of ``python -m extract figures``: arguments, progress bar, summary line.

    python -m extract figures SOURCE... [--out DIR] [--jobs N] [--kind KIND ...]

Errors are raised as :class:`~extract.errors.ExtractError` and turned into one message and
an exit code by :func:`extract.cli.main.main`, as for the deck (0 written, 1 a check failed or
the output could not be written, 2 bad input).
"""

from __future__ import annotations

import argparse
import sys

from extract.census import KINDS
from extract.cli.arguments import OneLineParser, add_force
from extract.errors import BadInput, shown

DEFAULT_OUT = "figures-out"


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="python -m extract figures",
        description="Every money amount, number with a unit, percentage and date in Japanese PDFs or "
        "text layers -> a `figures` table (CSV + Parquet).",
        epilog="example: python -m extract figures report.pdf notes.txt --out figures-out --jobs 2",
    )
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="text layer (.txt) or PDF")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="folder to write, replaced in one atomic step; it must not exist, be "
                        f"empty, or hold only a previous run's output (default: {DEFAULT_OUT}/)")
    add_force(parser)
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="sources read in N processes (default 1)")
    parser.add_argument("--kind", action="append", choices=KINDS, metavar="KIND",
                        help="write only figures of this kind (repeat for more): " + ", ".join(KINDS)
                        + "; every figure is still read and checked (default: all)")
    return parser


def main_figures(argv: list[str]) -> int:
    """Run the census and print one summary line; exceptions go to the caller."""
    args = _parser().parse_intermixed_args(argv)
    if args.jobs < 1:
        raise BadInput("--jobs must be at least 1")
    from extract.read import limits

    jobs, capped = limits.capped_jobs(args.jobs, *limits.machine())
    if capped:
        print(f"extract: {capped}", file=sys.stderr)
    from tqdm import tqdm

    from extract.census.run import page_total, run_figures, summary_line

    show = sys.stderr.isatty()
    total = sum(page_total(source) for source in args.sources) if show else None
    with tqdm(total=total or None, unit="page", disable=not show, file=sys.stderr) as bar:
        parts = run_figures(args.sources, args.out, jobs=jobs, force=args.force, progress=bar.update,
                            kinds=frozenset(args.kind) if args.kind else None)
    for part in parts:
        print(f"extract: {summary_line(part)}", file=sys.stderr)
    out = shown(args.out).rstrip("/")
    print(f"extract: wrote {sum(part.rows for part in parts)} figures from {len(parts)} source(s) to {out}/")
    return 0

