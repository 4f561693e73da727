"""Names the deck uses and what they stand for: minerals, countries, projects, and the
slide structure the text layer lost (which items a group's amount is the sum of).

Only names live here — never a figure. Every amount comes from parsing the text.
"""

from __future__ import annotations

from types import MappingProxyType

# Minerals named in the deck: Japanese name -> (element symbol, English name).
MINERALS = MappingProxyType(
    {
        "コバルト": ("Co", "cobalt"),
        "ネオジム": ("Nd", "neodymium"),
        "ジスプロシウム": ("Dy", "dysprosium"),
        "タンタル": ("Ta", "tantalum"),
        "タングステン": ("W", "tungsten"),
        "セリウム": ("Ce", "cerium"),
        "ランタン": ("La", "lanthanum"),
        "インジウム": ("In", "indium"),
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

# Accounts (会計) and instruments named on page 3.
ACCOUNTS = ("一般", "特会", "産投", "ODA")
INSTRUMENTS = ("出資・融資", "出資・債務保証", "債務保証", "出資", "融資")


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
