"""Decks: what one document family knows (page anchors, slide parsers, glossary, checks).

A second document is a new folder here with its own ``DECK``, listed in :func:`known_decks`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extract.document import Document
from extract.errors import BadInput
from extract.lines import NormalizedLine
from extract.reconcile import Check
from extract.records import DeckRecords


@dataclass(frozen=True)
class Citation:
    """What a deck is, who issued it, and how it may be reused (for the outputs' front matter)."""

    title_ja: str
    title_en: str
    publisher_ja: str
    publisher_en: str
    issued: str  # ISO year-month
    attribution: str  # the credit line a reuser must give
    licence: str  # the terms of reuse, in words


@dataclass(frozen=True)
class Deck:
    """The hooks the runner calls for one document family."""

    name: str
    identify: Callable[[Document], None]  # raises BadInput if the document is not this deck
    segment: Callable[[Document], Document]
    parse: Callable[[dict[int, list[NormalizedLine]]], DeckRecords]
    checks: dict[str, Check] = field(default_factory=dict)
    default_era: str | None = None
    english: Callable[[str], str | None] = lambda name: None  # English names, where known
    term_english: Callable[[str], str | None] = lambda term: None  # English for codes (特会, 出資)
    citation: Citation | None = None
    story: Callable[[dict], list] = lambda tables: []  # the report's charts (extract.report.Chart)


def known_decks() -> tuple[Deck, ...]:
    """Every deck this tool can read (imported on first use)."""
    from extract.decks.meti_2011_12 import DECK as METI_2011_12

    return (METI_2011_12,)


def deck_named(name: str) -> Deck:
    """The deck a manifest names."""
    for deck in known_decks():
        if deck.name == name:
            return deck
    raise BadInput(f"unknown deck {name!r} in the manifest")


def find_deck(document: Document) -> Deck:
    """The deck this document is; BadInput naming why if it is none of them."""
    refusal: BadInput | None = None
    for deck in known_decks():
        try:
            deck.identify(document)
            return deck
        except BadInput as error:
            refusal = error
    assert refusal is not None
    raise refusal
