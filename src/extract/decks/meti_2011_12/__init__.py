"""METI, 資料３「レアメタル等の確保に向けた取組の全体像」, December 2011 (平成23年12月)."""

from extract.decks import Deck

from .checks import DECK_CHECKS
from .glossary import english
from .pages import identify, segment_pages
from .slides import DEFAULT_ERA, parse_deck

DECK = Deck(
    name="meti_2011_12",
    identify=identify,
    segment=segment_pages,
    parse=parse_deck,
    checks=DECK_CHECKS,
    default_era=DEFAULT_ERA,
    english=english,
)
