"""Checked records → validated tables → the shared writer."""

from __future__ import annotations

from collections import Counter

from extract import __version__
from extract.errors import ValidationFailed, WriteFailed
from extract.families.budget_book.checks_book import check_book
from extract.families.budget_book.frames import checks_frame, failure_message, lines_frame
from extract.families.budget_book.models import MODELS
from extract.families.budget_book.records import Book


def _validated(tables: dict) -> dict:
    """Each table through its pandera model; a schema error is a failed check."""
    import pandera.errors

    typed = {}
    for name, frame in tables.items():
        try:
            typed[name] = MODELS[name].validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as error:
            raise ValidationFailed([f"{name}: {error.failure_cases.head(5).to_dict('records')}"]) from None
    return typed


def publish(book: Book, names: list[str], folder, keep_going: bool) -> str:
    """Check every identity; stop on a failure (unless ``keep_going``); write the tables."""
    checks = check_book(book)
    failed = [c for c in checks if c.status == "failed"]
    if failed and not keep_going:
        raise ValidationFailed([failure_message(c) for c in failed])
    tables = _validated({"budget_lines": lines_frame(book), "budget_checks": checks_frame(checks)})
    counts = Counter(c.status for c in checks)
    manifest = {"tool": f"extract {__version__}", "command": "budget", "sources": names,
                "rows": {name: len(frame) for name, frame in tables.items()},
                "checks": dict(counts), "fiscal_year": book.fiscal_year}
    from extract.publish.write import write_outputs

    try:
        write_outputs(tables, manifest, folder, models=MODELS)
    except OSError as error:
        raise WriteFailed(f"could not write {folder.shown}/: {error.strerror or error}; it is left as it was") from None
    return (f"{len(tables['budget_lines'])} budget lines and {len(checks)} checks "
            f"({counts['holds']} hold, {counts['failed']} failed, {counts['not_made']} not made)")
