"""Japanese budget vocabulary: which stage of the budget an amount belongs to.

Generic to Japanese government budget documents (no knowledge of any one deck):
概算要求/要求額 (request), 予算額/当初予算 (initial budget), うち要望枠 (the part of a request
in the special request frame), 補正予算 with its round (三次補正 = ３次補正 = round 3),
基金残高 (fund balance), 出資済み (investment made).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extract.japanese.numerals import parse_number

STAGES = ("request", "budget", "request_frame", "supplementary", "fund_balance", "investment")

# Order matters: the more specific phrase first (要望枠 before 要求, 補正 before 予算).
_STAGE_PATTERNS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("request_frame", regex.compile(r"うち\s*要望\s*枠|要望枠")),
    ("supplementary", regex.compile(r"補正")),
    ("fund_balance", regex.compile(r"基金残高")),
    ("investment", regex.compile(r"出資済")),
    ("request", regex.compile(r"概算要求|要求額|予算要求")),
    ("budget", regex.compile(r"当初予算|予算額")),
)

SUPPLEMENTARY_ROUND = regex.compile(
    r"(?:第\s*)?(?P<round>[0-9０-９]+|[一二三四五六七八九十]+)\s*次\s*補正"
)
SUPPLEMENTARY = regex.compile(r"補正(?:予算)?")


@dataclass(frozen=True, slots=True)
class Supplementary:
    """A mention of a supplementary budget; ``round`` is None where no round is named."""

    round: int | None
    span: tuple[int, int]


def stage_of(text: str) -> str | None:
    """The budget stage a phrase names (``'２４年度予算要求額'`` -> ``'request'``), or None."""
    for stage, pattern in _STAGE_PATTERNS:
        if pattern.search(text):
            return stage
    return None


def find_supplementary(text: str) -> Supplementary | None:
    """The first supplementary-budget mention in ``text``, with its round when named."""
    numbered = SUPPLEMENTARY_ROUND.search(text)
    if numbered:
        return Supplementary(int(parse_number(numbered["round"])), numbered.span())
    plain = SUPPLEMENTARY.search(text)
    if plain:
        return Supplementary(None, plain.span())
    return None
