"""The generic Japanese text core: normalization, numbers, money amounts and era dates.

Nothing here knows any particular document; it is reusable on any Japanese PDF text layer.
"""

from extract.japanese.amounts import Amount, find_amounts, parse_amount
from extract.japanese.eras import EraDate, find_eras, parse_era
from extract.japanese.normalize import NormalizedText, Substitution, normalize, normalize_with_log
from extract.japanese.numerals import NumberMatch, find_numbers, parse_number

__all__ = [
    "Amount",
    "EraDate",
    "NormalizedText",
    "NumberMatch",
    "Substitution",
    "find_amounts",
    "find_eras",
    "find_numbers",
    "normalize",
    "normalize_with_log",
    "parse_amount",
    "parse_era",
    "parse_number",
]
