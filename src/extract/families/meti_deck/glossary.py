"""Names the deck uses and what they stand for: minerals, countries, projects, and the
slide structure the text layer lost (which items a group's amount is the sum of).

Only names live here — never a figure. Every amount comes from parsing the text.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple


class Mineral(NamedTuple):
    element: str  # chemical symbol
    english: str  # in sentence case, as every *_en column of the tables


# Minerals named in the deck: Japanese name -> its element and English name.
MINERALS = MappingProxyType(
    {
        "コバルト": Mineral("Co", "Cobalt"),
        "ネオジム": Mineral("Nd", "Neodymium"),
        "ジスプロシウム": Mineral("Dy", "Dysprosium"),
        "タンタル": Mineral("Ta", "Tantalum"),
        "タングステン": Mineral("W", "Tungsten"),
        "セリウム": Mineral("Ce", "Cerium"),
        "ランタン": Mineral("La", "Lanthanum"),
        "インジウム": Mineral("In", "Indium"),
    }
)

# Country names and the one-kanji abbreviations of the map -> ISO 3166-1 alpha-2.
COUNTRIES = MappingProxyType(
    {
        "豪州": "AU", "豪": "AU", "オーストラリア": "AU",
        "カザフスタン": "KZ", "カザフ": "KZ",
        "インド": "IN", "印": "IN",
        "ベトナム": "VN", "越": "VN",
        "米国": "US", "米": "US",
        "ロシア": "RU", "露": "RU",
        "フィリピン": "PH",
        "中国": "CN",
    }
)

# One place, several spellings: the spelling that wins -> the others seen in the deck.
PROJECT_SPELLINGS = MappingProxyType(
    {
        "マウントウェルド": ("マウントウエルド",),
    }
)

# The same measure named two ways on two pages: alias -> canonical name.
MEASURE_ALIASES = MappingProxyType(
    {
        "希少金属代替材料開発プロジェクト": "希少金属代替材料開発",
    }
)

# Page 3 draws these items inside their group's box; the text layer scatters them.
# group name -> member names. The group's amount must equal the sum of its members'.
GROUPS = MappingProxyType(
    {
        "レアメタルリサイクル・製錬技術対策": (
            "製造工程で発生するレアアースのリサイクル技術開発",
            "低品位・難処理鉱石製錬技術開発",
            "リサイクル優先レアメタルの回収技術開発",
            "資源循環実証事業",
        ),
    }
)

# The accounts (会計) page 3 names: in parentheses, (一般); 産投 alone on its line.
ACCOUNTS_IN_PARENTHESES = ("一般", "特会", "ODA")
ACCOUNTS_ALONE = ("産投",)

# The kinds of instrument page 3 names (＜出資・融資＞ joins two).
INSTRUMENT_KINDS = frozenset({"出資", "融資", "債務保証"})

# English for the codes of the tables (accounts, instruments, rare-earth classes, countries).
TERMS_EN = MappingProxyType(
    {
        "一般": "General account",
        "特会": "Special account",
        "産投": "Industrial investment (FILP special account)",
        "ODA": "Official development assistance",
        "出資": "equity investment",
        "融資": "loans",
        "債務保証": "debt guarantees",
        "軽稀土": "Light rare earth",
        "重稀土": "Heavy rare earth",
    }
)
COUNTRIES_EN = MappingProxyType(
    {
        "AU": "Australia", "KZ": "Kazakhstan", "IN": "India", "VN": "Vietnam",
        "US": "United States", "RU": "Russia", "PH": "Philippines", "CN": "China",
    }
)
INSTRUMENT_JOIN = "・"  # ＜出資・融資＞: two instruments under one label


def canonical_project(name: str) -> str:
    """The one spelling of a project place (マウントウエルド -> マウントウェルド)."""
    for canonical, spellings in PROJECT_SPELLINGS.items():
        if name in spellings:
            return canonical
    return name


def canonical_measure(name: str) -> str:
    """The one name of a budget measure (aliases resolved)."""
    return MEASURE_ALIASES.get(name, name)


def parent_group(name: str) -> str | None:
    """The group whose box holds this item on page 3, if any."""
    for group, members in GROUPS.items():
        if name in members:
            return group
    return None


# English names of the items and places the deck names (for analysts; None where unknown).
ENGLISH = MappingProxyType(
    {
        "鉱物資源人材育成": "Human resource development for mineral resources",
        "レアメタル資源基礎調査": "Basic survey of rare-metal resources",
        "省エネレアメタル資源基礎調査": "Basic survey of rare-metal resources for energy saving",
        "レアメタル備蓄": "Rare-metal stockpiling",
        "レアメタルリサイクル・製錬技術対策": "Rare-metal recycling and smelting technology",
        "製造工程で発生するレアアースのリサイクル技術開発":
            "Recycling technology for rare earths from manufacturing processes",
        "低品位・難処理鉱石製錬技術開発": "Smelting technology for low-grade and refractory ores",
        "JOGMEC出資・融資": "JOGMEC equity investment and loans",
        "JOGMEC出資・債務保証": "JOGMEC equity investment and debt guarantees",
        "途上国におけるベースメタル資源基礎調査": "Basic survey of base-metal resources in developing countries",
        "資源国協力事業(持続的資源開発推進対策事業)":
            "Cooperation with resource countries (sustainable resource development)",
        "リサイクル優先レアメタルの回収技術開発": "Recovery technology for recycling-priority rare metals",
        "資源国との関係強化の促進": "Strengthening relations with resource countries",
        "JOGMEC出資金": "Capital contribution to JOGMEC",
        "資源循環実証事業": "Resource circulation demonstration",
        "希少金属代替材料開発": "Rare-metal substitute materials development",
        "次世代自動車向け高効率モーター用磁性材料技術開発":
            "Magnetic materials for high-efficiency motors of next-generation vehicles",
        "レアアース・レアメタル使用量削減・利用部品代替支援事業":
            "Support for cutting rare-earth and rare-metal use and substituting parts",
        "希少金属代替・削減技術実用化開発助成事業":
            "Subsidies for practical rare-metal substitution and reduction technology",
        "国内立地推進事業": "Promotion of domestic plant siting",
        "代替材料・使用量低減技術開発": "Substitute materials and use-reduction technology",
        "日本を世界のレアアース・リサイクル大国に/レアアース等利用産業の高度化":
            "Making Japan a rare-earth recycling power / upgrading rare-earth-using industries",
        "鉱山開発・権益確保/供給確保": "Mine development, securing interests and supply",
        "レアアース等鉱物資源対策": "Rare-earth and mineral resources package (total)",
        "マウントウェルド": "Mount Weld",
        "SARECO": "SARECO",
        "インディアンレアアース": "Indian Rare Earths",
        "ドンパオ": "Dong Pao",
        "マウンテンパス": "Mountain Pass",
        "ソリカムスク": "Solikamsk",
        **{name: mineral.english for name, mineral in MINERALS.items()},
    }
)


def english(name: str) -> str | None:
    """The English name of an item, place or mineral, or None."""
    return ENGLISH.get(name)


def term_english(term: str) -> str | None:
    """English for a code of the tables, in sentence case, or None: an account (特会), an
    instrument or a pair of them (出資・融資 -> 'Equity investment and loans'), a rare-earth
    class (重稀土) or a country as the deck names it (豪州 -> 'Australia')."""
    if term in COUNTRIES:
        return COUNTRIES_EN.get(COUNTRIES[term])
    parts = [TERMS_EN.get(part) for part in term.split(INSTRUMENT_JOIN)]
    known = [part for part in parts if part is not None]
    if not term or len(known) != len(parts):
        return None
    phrase = " and ".join(known)
    return phrase[0].upper() + phrase[1:]
