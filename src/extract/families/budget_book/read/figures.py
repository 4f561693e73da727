"""Cell text → numbers: amounts with △/▲ negatives, item numbers and names."""

from __future__ import annotations

import unicodedata

import regex

AMOUNT = regex.compile(r"^(?P<sign>[△▲\-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)$")
NUMBERED = regex.compile(r"^(?P<number>\d{1,3})\s*(?P<name>\S.*)?$")
UNIT_FACTORS = {"千円": 1000, "円": 1}
BLANKS = regex.compile(r"[\s\u3000]+")


def normal(text: str) -> str:
    """Full-width digits and commas as ASCII (NFKC); △ and ▲ stay."""
    return unicodedata.normalize("NFKC", text)


def amount_of(text: str) -> int | None:
    """The whole number a cell states (△ 1,000 → -1000), None where it is not one."""
    match = AMOUNT.match(BLANKS.sub("", normal(text)))
    if match is None:
        return None
    value = int(match["digits"].replace(",", ""))
    return -value if match["sign"] else value


def yen(value: int, unit: str | None) -> int | None:
    """A stated amount in yen under its unit; None where the unit is unknown."""
    factor = UNIT_FACTORS.get(unit or "")
    return None if factor is None else value * factor


def numbered(text: str) -> tuple[int, str] | None:
    """An item number and the name after it (1 現年課税分 → (1, 現年課税分)); the number is
    a label, never an amount."""
    match = NUMBERED.match(normal(text).strip())
    if match is None:
        return None
    return int(match["number"]), name_of(match["name"] or "")


def name_of(text: str) -> str:
    """A name as the page shows it, blanks between characters removed."""
    return BLANKS.sub("", text)
