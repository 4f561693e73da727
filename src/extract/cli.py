"""The command line: arguments, exit codes, and every message a user sees.

    python -m extract [SOURCE ...] [--out DIR] [--debug-images]
        exit 0 written, 1 a check failed, 2 bad input, 130/143 interrupted (SIGINT/SIGTERM)
    python -m extract check [DIR]                 re-validate written files from disk
    python -m extract --version

One error boundary (:func:`main`): a refusal is one line (exit 2), a failed check names
each check (exit 1), an interruption removes the staging folder (130, 143), and anything
unexpected is one ``internal error`` line (exit 1), never a traceback. Library logging
and warnings never reach stderr.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract import __version__, interrupts
from extract.errors import BadInput, ExtractError, ValidationFailed, shown

DEFAULT_RAW = Path("raw")
DEFAULT_OUT = "output"
SOURCE_SUFFIXES = (".txt", ".pdf")
PROG = "python -m extract"


class _Parser(argparse.ArgumentParser):
    """argparse whose errors are one line of BadInput, not a usage dump and exit."""

    def error(self, message: str):
        raise BadInput(f"{message} (see `{self.prog} --help`)")


def default_sources() -> list[str]:
    """The document(s) in raw/."""
    return sorted(str(p) for p in DEFAULT_RAW.glob("*") if p.suffix.lower() in SOURCE_SUFFIXES)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="METI's Dec 2011 rare-metal deck -> validated CSV/Parquet/Excel tables. "
        f"Use `{PROG} check [DIR]` to re-validate written tables.",
        epilog="exit status: 0 written, 1 a check failed (DIR left as it was), 2 bad input "
        "(one line, nothing written), 130/143 interrupted (nothing written)",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="text layer (.txt) or PDF; default: the file(s) in raw/")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="folder to write, replaced in one atomic step; it must not exist, "
                        "be empty, or hold only a previous run's output (default: output/)")
    parser.add_argument("--debug-images", action="store_true",
                        help="PDF sources only: also write one PNG per page with every extracted "
                        "figure boxed and labelled, into DIR/debug-images/")
    parser.add_argument("--version", action="version", version=f"extract {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=f"{PROG} check",
        description="Read a written output folder back from disk and prove it: every file "
        "against the manifest's sha256 and row counts, CSV = Parquet = workbook exactly, "
        "every schema and reconciliation.",
        epilog="exit status: 0 holds, 1 a check failed, 2 not an output folder or a bad manifest",
    )
    parser.add_argument("folder", nargs="?", default=DEFAULT_OUT, metavar="DIR",
                        help="the output folder (default: output/)")
    return parser


def _say(text: str, stream) -> None:
    """Print one message; characters the stream cannot encode are escaped, a closed
    pipe is ignored."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    text = text.encode(encoding, "backslashreplace").decode(encoding)
    try:
        print(text, file=stream, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _fail(error: ExtractError, wrote: bool = True) -> int:
    if isinstance(error, ValidationFailed):
        outcome = "; nothing was written" if wrote else ""
        _say(f"extract: {len(error.failures)} check(s) failed{outcome}:", sys.stderr)
        for failure in error.failures:
            _say(f"  {failure}", sys.stderr)
    else:
        _say(f"extract: {' '.join(str(error).split())}", sys.stderr)
    return error.exit_code


def _extract(argv: list[str]) -> int:
    args = _parser().parse_intermixed_args(argv)
    sources = args.sources or default_sources()
    if not sources:
        raise BadInput("no source given and none in raw/")
    from extract.run import run

    rows = run(sources, args.out, debug_images=args.debug_images)
    out = shown(args.out).rstrip("/")
    _say(f"extract: wrote {', '.join(f'{n} {c}' for n, c in rows.items())} rows to {out}/", sys.stdout)
    if args.debug_images:
        _say(f"extract: wrote debug images to {out}/debug-images/", sys.stdout)
    return 0


def _check(argv: list[str]) -> int:
    folder = _check_parser().parse_args(argv).folder
    from extract.readback import check_outputs

    failures = check_outputs(folder)
    if failures:
        raise ValidationFailed(failures)
    _say(f"extract: {shown(folder).rstrip('/')}/ read back (CSV, Parquet, workbook): every file "
         "matches the manifest, every schema and reconciliation holds", sys.stdout)
    return 0


@contextmanager
def _quiet_libraries() -> Iterator[None]:
    """No library log record or warning reaches stderr (pdfminer, fontTools, PIL...)."""
    disabled = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(disabled)


def _stopped(stop: interrupts.Interrupted) -> str:
    return "interrupted" if stop.signum == interrupts.signal.SIGINT else "terminated"


def _interruption_behind(error: BaseException) -> interrupts.Interrupted | None:
    """The signal an exception was raised while handling, if any (its context chain)."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, interrupts.Interrupted):
            return error
        seen.add(id(error))
        error = error.__context__
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    with _quiet_libraries(), interrupts.handled():
        checking = argv[:1] == ["check"]
        try:
            if argv[:1] == ["figures"]:
                from extract.cli_figures import main_figures

                return main_figures(argv[1:])
            if argv[:1] == ["budget"]:
                from extract.families.budget_book.command import main_budget

                return main_budget(argv[1:])
            return _check(argv[1:]) if checking else _extract(argv)
        except ExtractError as error:
            return _fail(error, wrote=not checking)
        except SystemExit as done:  # --help, --version
            return done.code if isinstance(done.code, int) else 0
        except interrupts.Interrupted as stop:
            _say(f"extract: {_stopped(stop)}; nothing was written", sys.stderr)
            return stop.exit_code
        except KeyboardInterrupt:  # outside the main thread, where no handler is installed
            _say("extract: interrupted; nothing was written", sys.stderr)
            return 130
        except Exception as error:  # a bug: one line, never a traceback
            stop = _interruption_behind(error)
            if stop is not None:  # a library's cleanup failed while a signal unwound it
                _say(f"extract: {_stopped(stop)}; nothing was written", sys.stderr)
                return stop.exit_code
            message = " ".join(str(error).split())[:300]
            _say(f"extract: internal error: {type(error).__name__}: {message}; nothing was written",
                 sys.stderr)
            return 1
