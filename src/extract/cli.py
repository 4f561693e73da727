"""The command line: arguments, exit codes, and every message a user sees.

    python -m extract [SOURCE ...] [--out DIR]   exit 0 written, 1 a check failed, 2 bad input
        [--debug-images DIR]                     (PDF sources) PNGs of the pages, figures boxed
    python -m extract check [DIR]                 re-validate written tables from disk
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.errors import BadInput, ExtractError, ValidationFailed

DEFAULT_RAW = Path("raw")
DEFAULT_OUT = Path("output")
SOURCE_SUFFIXES = (".txt", ".pdf")


def default_sources() -> list[Path]:
    """The document(s) in raw/."""
    return sorted(p for p in DEFAULT_RAW.glob("*") if p.suffix.lower() in SOURCE_SUFFIXES)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m extract",
        description="METI's Dec 2011 rare-metal deck -> validated CSV/Parquet/Excel tables. "
        "Use `python -m extract check [DIR]` to re-validate written tables.",
    )
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE",
                        help="text layer (.txt) or PDF; default: the file(s) in raw/")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="folder to write (replaced atomically; default: output/)")
    parser.add_argument("--debug-images", type=Path, default=None, metavar="DIR",
                        help="PDF sources only: also write one PNG per page with every "
                        "extracted figure boxed and labelled")
    return parser


def _fail(error: ExtractError) -> int:
    if isinstance(error, ValidationFailed):
        print(f"extract: {len(error.failures)} check(s) failed; nothing was written:", file=sys.stderr)
        for failure in error.failures:
            print(f"  {failure}", file=sys.stderr)
    else:
        print(f"extract: {error}", file=sys.stderr)
    return error.exit_code


def _extract(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    sources = args.sources or default_sources()
    if not sources:
        raise BadInput("no source given and none in raw/")
    from extract.run import run

    rows = run(sources, args.out, debug_images=args.debug_images)
    print(f"extract: wrote {', '.join(f'{n} {c}' for n, c in rows.items())} rows to {args.out}/")
    if args.debug_images is not None:
        print(f"extract: wrote debug images to {args.debug_images}/")
    return 0


def _check(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_OUT
    from extract.readback import check_outputs

    failures = check_outputs(folder)
    if failures:
        raise ValidationFailed(failures)
    print(f"extract: {folder}/ read back as CSV and Parquet: every schema and reconciliation holds")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["check"]:
            return _check(argv[1:])
        if argv[:1] == ["figures"]:
            from extract.cli_figures import main_figures

            return main_figures(argv[1:])
        return _extract(argv)
    except ExtractError as error:
        return _fail(error)
    except KeyboardInterrupt:
        print("extract: interrupted; nothing was written", file=sys.stderr)
        return 130
