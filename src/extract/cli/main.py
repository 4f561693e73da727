"""The command line: subcommands, arguments, exit codes, and every message a user sees.

    python -m extract [tables] [SOURCE ...] [--out DIR] [--debug-images]
    python -m extract figures SOURCE... [--out DIR] [--jobs N]
    python -m extract check [DIR]
    python -m extract --help | --version        (--traceback anywhere: a bug's full traceback)

exit 0 written, 1 a check failed, 2 bad input, 130/143 interrupted (SIGINT/SIGTERM).
``tables`` is the default subcommand: ``python -m extract deck.txt`` reads the document
into its family's tables. An unknown subcommand is refused with the nearest one named.

One error boundary (:func:`main`): a refusal is one line (exit 2), a failed check names
each check (exit 1), an interruption removes the staging folder (130, 143), and anything
unexpected is one ``internal error`` line (exit 1), never a traceback, unless asked for
with ``--traceback`` or ``EXTRACT_TRACEBACK=1`` (for a bug report). Library logging and
warnings never reach stderr.
"""

from __future__ import annotations

import argparse
import difflib
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from extract import __version__, interrupts
from extract.cli.arguments import OneLineParser, add_force
from extract.errors import BadInput, ExtractError, ValidationFailed, shown

DEFAULT_RAW = Path("raw")
DEFAULT_OUT = "output"
SOURCE_SUFFIXES = (".txt", ".pdf")
PROG = "python -m extract"
TRACEBACK_FLAG = "--traceback"
TRACEBACK_VARIABLE = "EXTRACT_TRACEBACK"


def default_sources() -> list[str]:
    """The document(s) in raw/."""
    return sorted(str(p) for p in DEFAULT_RAW.glob("*") if p.suffix.lower() in SOURCE_SUFFIXES)


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=f"{PROG} tables",
        description="Read a document of a known family (its family recognises it: see the README) "
        "into its validated tables: CSV, Parquet, a workbook, a data package and a report. "
        "`tables` may be left out: `python -m extract SOURCE` is the same.",
        epilog=f"example: {PROG} tables raw/deck.txt --out output     (raw/ holds the default sources)\n\n"
        "exit status: 0 written, 1 a check failed (DIR left as it was), 2 bad input "
        "(one line, nothing written), 130/143 interrupted (nothing written)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help="text layer (.txt) or PDF; default: the file(s) in raw/")
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR",
                        help="folder to write, replaced in one atomic step; it must not exist, "
                        "be empty, or hold only a previous run's output (default: output/)")
    parser.add_argument("--debug-images", action="store_true",
                        help="PDF sources only: also write one PNG per page with every extracted "
                        "figure boxed and labelled, into DIR/debug-images/")
    add_force(parser)
    parser.add_argument("--version", action="version", version=f"extract {__version__}")
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog=f"{PROG} check",
        description="Read a written output folder back from disk and prove it: every file "
        "against the manifest's sha256 and row counts, CSV = Parquet = workbook exactly, "
        "every schema and reconciliation.",
        epilog=f"example: {PROG} check output\n\n"
        "exit status: 0 holds, 1 a check failed, 2 not an output folder or a bad manifest",
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    from extract.pipeline import run

    tables = run(sources, args.out, debug_images=args.debug_images, force=args.force)
    out = shown(args.out).rstrip("/")
    _say(f"extract: wrote {', '.join(f'{n} {len(t)}' for n, t in tables.items())} rows to {out}/", sys.stdout)
    if args.debug_images:
        _say(f"extract: wrote debug images to {out}/debug-images/", sys.stdout)
    return 0


def _check(argv: list[str]) -> int:
    folder = _check_parser().parse_args(argv).folder
    from extract.check.readback import check_outputs

    failures = check_outputs(folder)
    if failures:
        raise ValidationFailed(failures)
    _say(f"extract: {shown(folder).rstrip('/')}/ read back (every table in every format written): every file "
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
    word = "interrupted" if stop.signum == interrupts.signal.SIGINT else "terminated"
    if interrupts.committed():
        return f"{word} after the output was written (it is complete)"
    return f"{word}; nothing was written"


def _late(code: int) -> int:
    """A run's exit code, unless a signal arrived during its swap: then that, said."""
    late = interrupts.pending()
    if code != 0 or not late:
        return code
    stop = interrupts.Interrupted(late[0])
    _say(f"extract: {_stopped(stop)}", sys.stderr)
    return stop.exit_code


def _interruption_behind(error: BaseException) -> interrupts.Interrupted | None:
    """The signal an exception was raised while handling, if any (its context chain)."""
    seen = set()
    link: BaseException | None = error
    while link is not None and id(link) not in seen:
        if isinstance(link, interrupts.Interrupted):
            return link
        seen.add(id(link))
        link = link.__context__
    return None


def _figures(argv: list[str]) -> int:
    from extract.cli.figures import main_figures

    return main_figures(argv)


@dataclass(frozen=True)
class Command:
    """A subcommand: what it does in one line, and the function that runs it."""

    summary: str
    run: Callable[[list[str]], int]
    writes: bool = True  # a failure says "nothing was written"


COMMANDS: dict[str, Command] = {
    "tables": Command("a document of a known family -> its validated tables (the default)", _extract),
    "figures": Command("every figure of any Japanese PDF or text -> the figures table", _figures),
    "check": Command("prove a written output folder from disk, whatever command wrote it", _check,
                     writes=False),
}


def commands() -> dict[str, Command]:
    """The built-in subcommands, then those the families bring (``extract budget``)."""
    from extract.families import family_commands

    found = dict(COMMANDS)
    for command in family_commands():
        found.setdefault(command.name, Command(command.summary, command.run))
    return found


def _help() -> str:
    width = max(map(len, commands()))
    lines = [f"usage: {PROG} [COMMAND] [ARGS...] [{TRACEBACK_FLAG}]", "",
             "Japanese government documents as verified data.", "", "commands:"]
    lines += [f"  {name:<{width}}  {command.summary}" for name, command in commands().items()]
    lines += ["", f"`{PROG} COMMAND --help` shows a command's arguments and an example.",
              f"`{PROG} SOURCE...` is `{PROG} tables SOURCE...`.",
              f"{TRACEBACK_FLAG} (or {TRACEBACK_VARIABLE}=1): an internal error's full traceback, "
              "for a bug report.",
              "exit status: 0 done, 1 a check failed, 2 bad input, 130/143 interrupted"]
    return "\n".join(lines)


def _looks_like_source(word: str) -> bool:
    """A first argument that names a file rather than a subcommand."""
    return (Path(word).suffix.lower() in SOURCE_SUFFIXES or os.sep in word or "/" in word
            or Path(word).exists())


def command_of(argv: list[str]) -> tuple[str, list[str]]:
    """The subcommand ``argv`` asks for and its arguments; an unknown word that is not a
    source either is refused with the nearest subcommand named."""
    if not argv or argv[0].startswith("-") or _looks_like_source(argv[0]):
        return "tables", argv
    word, rest = argv[0], argv[1:]
    known = commands()
    if word in known:
        return word, rest
    nearest = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    hint = f"; did you mean `{PROG} {nearest[0]}`?" if nearest else (
        f" (commands: {', '.join(known)}; a source names a .txt or .pdf file)")
    raise BadInput(f"{word}: no such command or file{hint}")


def _top_level(argv: list[str]) -> int | None:
    """``--help`` and ``--version`` before any subcommand; None when neither was asked."""
    if argv[:1] in (["-h"], ["--help"]):
        _say(_help(), sys.stdout)
        return 0
    if argv[:1] == ["--version"]:
        _say(f"extract {__version__}", sys.stdout)
        return 0
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else [str(a) for a in argv]
    show_traceback = TRACEBACK_FLAG in argv or os.environ.get(TRACEBACK_VARIABLE) == "1"
    argv = [a for a in argv if a != TRACEBACK_FLAG]
    with _quiet_libraries(), interrupts.handled():
        writes = True
        try:
            done = _top_level(argv)
            if done is not None:
                return done
            name, rest = command_of(argv)
            command = commands()[name]
            writes = command.writes
            code = command.run(rest)
            return _late(code) if command.writes else code
        except ExtractError as error:
            return _fail(error, wrote=writes)
        except SystemExit as exit_:  # a subcommand's --help
            return exit_.code if isinstance(exit_.code, int) else 0
        except interrupts.Interrupted as stop:
            _say(f"extract: {_stopped(stop)}", sys.stderr)
            return stop.exit_code
        except KeyboardInterrupt:  # outside the main thread, where no handler is installed
            _say("extract: interrupted; nothing was written", sys.stderr)
            return 130
        except Exception as error:  # a bug: one line, never a traceback (unless asked for)
            return _internal_error(error, show_traceback)


def _internal_error(error: Exception, show_traceback: bool) -> int:
    """One line for a bug (and its traceback when asked for); a signal that unwound a
    library's cleanup is reported as the interruption it was."""
    stop = _interruption_behind(error)
    if stop is not None:  # a library's cleanup failed while a signal unwound it
        _say(f"extract: {_stopped(stop)}", sys.stderr)
        return stop.exit_code
    if show_traceback:
        _say("".join(traceback.format_exception(error)).rstrip(), sys.stderr)
    message = " ".join(str(error).split())[:300]
    _say(f"extract: internal error: {type(error).__name__}: {message}; nothing was written"
         + ("" if show_traceback else f" (run again with {TRACEBACK_FLAG} for the traceback)"),
         sys.stderr)
    return 1
