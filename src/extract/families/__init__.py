"""Document families: what the tool knows of one kind of document, as plug-ins.

A family is a folder here whose ``FAMILY`` (a :class:`Family`) gives the hooks the shared
pipeline calls: how it recognises its documents, how it reads one into tables, its
pandera models and named checks, what its outputs say about themselves, and its report's
story. The shared machinery (reading, the Japanese core, validation, writing, ``check``,
the command line) names no family; adding one is a new folder and one line in
:data:`REGISTERED`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING

from extract.errors import BadInput
from extract.read.document import Document

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

    from extract.validate.columns import ForeignKey

    Tables = dict[str, pd.DataFrame]
    Check = Callable[[Tables], list[str]]
    Source = tuple[str, bytes]  # a source's file name and its bytes

#: Every family this tool can read, by module, in the order they are tried.
REGISTERED = ("extract.families.meti_deck", "extract.families.budget_book")
#: Subcommands families add to the command line, by module (each module's ``COMMAND``).
COMMANDS = ("extract.families.budget_book.command",)


@dataclass(frozen=True)
class FamilyCommand:
    """A subcommand a family brings: its name, what it does in one line, and its entry point
    (arguments -> exit code; errors raised as :class:`~extract.errors.ExtractError`)."""

    name: str
    summary: str
    run: Callable[[list[str]], int]


def family_commands() -> tuple[FamilyCommand, ...]:
    """The subcommands of every family that brings one (their modules import lightly)."""
    return tuple(import_module(module).COMMAND for module in COMMANDS)


@dataclass(frozen=True)
class Citation:
    """What a document is, who issued it, and how it may be reused (the outputs' front matter)."""

    title_ja: str
    title_en: str
    publisher_ja: str
    publisher_en: str
    issued: str  # ISO year-month
    attribution: str  # the credit line a reuser must give
    licence: str  # the terms of reuse, in words


@dataclass(frozen=True)
class FrontMatter:
    """What a family's outputs say about themselves (workbook README, data package, report)."""

    title: str
    what: str  # what the tables are
    reading: str  # how to read them
    keys: str  # how they join
    package_name: str  # the data package's name


@dataclass(frozen=True)
class Family:
    """The hooks the shared pipeline calls for one kind of document."""

    name: str
    recognise: Callable[[Document], None]  # raises BadInput naming why it is not this family's
    read: Callable[[Document], Tables]  # one recognised document -> its tables, not yet validated
    models: Mapping[str, type[pa.DataFrameModel]]  # one per table, in the order written
    front: FrontMatter
    foreign_keys: tuple[ForeignKey, ...] = ()
    checks: Mapping[str, Check] = field(default_factory=dict)  # named reconciliations
    citation: Citation | None = None
    story: Callable[[Tables], list] = lambda tables: []  # the report's charts (extract.publish.report.Chart)
    report_sections: Callable[[Tables], list[tuple[str, str]]] = lambda tables: []  # (heading, HTML)
    debug_boxes: Callable[[Tables], list] = lambda tables: []  # (page, box, label) to draw
    #: Recognised on its own (tried by :func:`find_family`), or only when a command names it.
    automatic: bool = True
    #: Several sources read as ONE document (a book split into files), instead of ``read`` on each.
    read_set: Callable[[list[Source]], Tables] | None = None
    #: Findings in valid tables that stop a run unless ``--keep-going`` writes them as data.
    stops: Callable[[Tables], list[str]] = lambda tables: []


def known_families() -> tuple[Family, ...]:
    """Every registered family (imported on first use)."""
    return tuple(import_module(module).FAMILY for module in REGISTERED)


def family_named(name: str) -> Family:
    """The family a manifest names; BadInput if this tool knows none by that name."""
    for family in known_families():
        if family.name == name:
            return family
    raise BadInput(f"unknown document family {name!r} in the manifest")


def find_family(document: Document) -> Family:
    """The family this document belongs to (of those recognised on their own); BadInput
    naming why if it is none of them."""
    refusal: BadInput | None = None
    for family in (f for f in known_families() if f.automatic):
        try:
            family.recognise(document)
            return family
        except BadInput as error:
            refusal = error
    assert refusal is not None
    raise refusal
