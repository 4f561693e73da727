"""METI, 資料３「レアメタル等の確保に向けた取組の全体像」, December 2011 (平成23年12月)."""

from extract.decks import Citation, Deck

from .checks import DECK_CHECKS
from .glossary import english, term_english
from .pages import identify, segment_pages
from .slides import DEFAULT_ERA, parse_deck
from .story import story

CITATION = Citation(
    title_ja="資料３「レアメタル等の確保に向けた取組の全体像」",
    title_en="Overview of the measures to secure rare metals",
    publisher_ja="経済産業省",
    publisher_en="Ministry of Economy, Trade and Industry (METI), Government of Japan",
    issued="2011-12",
    attribution="出典：経済産業省「レアメタル等の確保に向けた取組の全体像」(平成23年12月)",
    licence=("A public-sector work of the Government of Japan, reused with attribution; the figures "
             "are reproduced, the text lines are quoted as provenance."),
)

DECK = Deck(
    name="meti_2011_12",
    identify=identify,
    segment=segment_pages,
    parse=parse_deck,
    checks=DECK_CHECKS,
    default_era=DEFAULT_ERA,
    english=english,
    term_english=term_english,
    citation=CITATION,
    story=story,
)
