"""METI, 資料３「レアメタル等の確保に向けた取組の全体像」, December 2011 (平成23年12月)."""

from extract.families import Citation, Family, FrontMatter

from .checks import DECK_CHECKS
from .front import FRONT
from .models import FOREIGN_KEYS, MODELS
from .parse.pages import identify
from .read import read_deck
from .reconcile import GENERIC_CHECKS
from .story import boxes_to_draw, report_sections, story

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

FAMILY = Family(
    name="meti_2011_12",
    recognise=identify,
    read=read_deck,
    models=MODELS,
    front=FRONT,
    foreign_keys=FOREIGN_KEYS,
    checks={**GENERIC_CHECKS, **DECK_CHECKS},
    citation=CITATION,
    story=story,
    report_sections=report_sections,
    debug_boxes=boxes_to_draw,
)

__all__ = ["CITATION", "FAMILY", "FrontMatter"]
