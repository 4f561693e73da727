"""``report.html``: a family's tables told on one self-contained page.

Charts are inline SVG drawn here (horizontal bars, Japanese labels), the text is set in an
embedded subset of Noto Sans CJK JP (:mod:`extract.publish.fonts`), the style is inline CSS: the
page needs no network and no installed font. Each bar links to its figure's row in a
section of the page (the family's, e.g. a table of amounts giving the page and line each
was read from and the line as written). The page ends with every check the tables passed.

Which rows make which chart, and which sections follow, is the family's knowledge
(``Family.story``, ``Family.report_sections``); this module only draws :class:`Chart`
values and the sections' HTML. The page is drawn twice: once to learn which characters it
shows (wrapping a label moves characters between lines, never adds one), then, with the
widths of the font subset made for those characters, for real. The same tables and
manifest give the same bytes.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.publish.fonts import FAMILY, FontMetrics, characters, font_face, subset_font
from extract.validate.tables import format_amount

if TYPE_CHECKING:
    from extract.families import Citation

REPORT = "report.html"

WIDTH = 920  # px, the charts' width
LABEL_WIDTH = 330  # px, the category labels' column
FONT_PX = 13
LINE_PX = 16
BAR_PX = 13
GAP_PX = 10
AXIS_PX = 24
BREAKS = ("・", "/", "、", " ")  # a label may break after these
LOG_RATIO = 30  # a chart whose largest bar is this many times its smallest is drawn on a log scale

Measure = Callable[[str, float], float]  # (text, px size) -> px width


@dataclass(frozen=True)
class Bar:
    """One figure drawn as a bar, linked to its amounts row."""

    series: str
    value: int
    currency: str
    amount_id: str
    where: str  # 'p3 l12 「12.4億円（うち要望枠３．５億円）」'


@dataclass(frozen=True)
class Category:
    """One row of a chart: its label and its bars (one per series, or none)."""

    label: str
    bars: tuple[Bar, ...]
    note: str = ""  # shown after the bars (【新規】: no budget the year before)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: a title, what it shows, its series and its rows."""

    title: str
    caption: str
    series: tuple[tuple[str, str, str], ...]  # (key, legend, colour)
    categories: tuple[Category, ...]
    total: Bar | None = None  # a stated total the bars add up to, drawn first in grey
    total_label: str = "total"
    slug: str = "chart"  # the SVG element's id


def escape(text: object) -> str:
    """Text made safe inside HTML (and its attributes)."""
    return html.escape(str(text), quote=True)


_esc = escape


def wrap(text: str, width: float, measure: Measure, size: float = FONT_PX) -> list[str]:
    """``text`` broken into lines no wider than ``width`` px, after a ・ / 、 or blank where
    the line has one, else after the last character that fits."""
    lines, current = [], ""
    for character in text:
        if current and measure(current + character, size) > width:
            cut = max(current.rfind(mark) for mark in BREAKS) + 1
            cut = cut if 0 < cut < len(current) else len(current)
            lines.append(current[:cut])
            current = current[cut:]
        current += character
    return lines + [current] if current else lines


def _value_label(bar: Bar) -> str:
    return format_amount(bar.value, bar.currency)


def _room(bars: Iterable[Bar], note: str, measure: Measure) -> float:
    """Px needed right of a row's longest bar: its value label, and its note."""
    labels = [measure(_value_label(bar), FONT_PX) for bar in bars]
    return 10 + max(labels, default=0) + (measure(note, FONT_PX) + 12 if note else 0)


@dataclass(frozen=True)
class Scale:
    """Bar lengths in px: ``per`` px per unit (linear), or per decade above ``floor`` (log)."""

    per: float
    floor: float | None = None  # log scale: the value at the axis, the decade of the smallest bar

    def length(self, value: float) -> float:
        if self.floor is None:
            return value * self.per
        return math.log10(value / self.floor) * self.per if value > 0 else 0.0

    def ticks(self, largest: float) -> list[float]:
        """The decades a log axis marks (none on a linear one)."""
        if self.floor is None:
            return []
        return [10 ** power for power in range(round(math.log10(self.floor)), math.ceil(math.log10(largest)))]


def _bars(chart: Chart) -> list[Bar]:
    return [bar for c in chart.categories for bar in c.bars] + ([chart.total] if chart.total else [])


def _scale(chart: Chart, measure: Measure) -> Scale:
    """Px per unit (or per decade): the longest bar of each row leaves room for its labels. A
    chart whose bars span more than :data:`LOG_RATIO` times is drawn on a log scale, so the
    smallest bar is still seen (its value is printed on every bar either way)."""
    rows = [(c.bars, c.note) for c in chart.categories if c.bars]
    if chart.total is not None:
        rows.append(((chart.total,), ""))
    room = WIDTH - LABEL_WIDTH - 8
    positive = [bar.value for bar in _bars(chart) if bar.value > 0]
    floor = None
    if positive and max(positive) > LOG_RATIO * min(positive):
        floor = 10.0 ** math.floor(math.log10(min(positive)))
    unit = Scale(1.0, floor)
    return Scale(min((room - _room(bars, note, measure)) / (max(unit.length(bar.value) for bar in bars) or 1)
                     for bars, note in rows), floor)


def _axis(chart: Chart, scale: Scale, bottom: float) -> str:
    """The axis line and, on a log scale, a gridline per decade with its value, and a note."""
    parts = [f'<line x1="{LABEL_WIDTH}" y1="{AXIS_PX - 4}" x2="{LABEL_WIDTH}" y2="{bottom}" stroke="#888"/>']
    bars = _bars(chart)
    if scale.floor is None or not bars:
        return "".join(parts)
    currency = bars[0].currency
    for tick in scale.ticks(max(bar.value for bar in bars)):
        x = LABEL_WIDTH + scale.length(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{AXIS_PX - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#d0d4da" '
                     'stroke-dasharray="2,3"/>'
                     f'<text x="{x + 2:.1f}" y="{bottom + 12:.1f}" class="tick">'
                     f"{_esc(format_amount(int(tick), currency))}</text>")
    parts.append(f'<text x="{LABEL_WIDTH}" y="{bottom + 26:.1f}" class="tick">'
                 "log scale: each gridline is ten times the one before; the value is printed on every bar"
                 "</text>")
    return "".join(parts)


def _bar_svg(bar: Bar, x: float, y: float, length: float, colour: str) -> str:
    label = _value_label(bar)
    tip = f"{bar.amount_id} · {bar.where}"
    return (
        f'<a href="#{_esc(bar.amount_id)}" class="bar" data-amount="{_esc(bar.amount_id)}">'
        f"<title>{_esc(tip)}</title>"
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(length, 1):.1f}" height="{BAR_PX}" fill="{colour}"/>'
        f'<text x="{x + max(length, 1) + 5:.1f}" y="{y + BAR_PX - 2:.1f}" class="value">{_esc(label)}</text>'
        "</a>"
    )


def chart_svg(chart: Chart, measure: Measure) -> str:
    """One chart as an SVG element (sized in px, text in the embedded font)."""
    colours = {key: colour for key, _, colour in chart.series}
    scale = _scale(chart, measure)
    parts: list[str] = []
    y = AXIS_PX
    if chart.total is not None:
        length = scale.length(chart.total.value)
        parts.append(_bar_svg(chart.total, LABEL_WIDTH, y, length, "#555555"))
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_PX - 2}" class="label" text-anchor="end">'
                     f"{_esc(chart.total_label)}</text>")
        y += BAR_PX + GAP_PX * 2
    for number, category in enumerate(chart.categories):
        lines = wrap(category.label, LABEL_WIDTH - 12, measure)
        height = max(len(lines) * LINE_PX, len(chart.series) * (BAR_PX + 2)) + GAP_PX
        if number % 2 == 0:
            parts.append(f'<rect x="0" y="{y - GAP_PX / 2:.1f}" width="{WIDTH}" height="{height:.1f}" '
                         'fill="#f4f6f9"/>')
        texts = "".join(f'<tspan x="{LABEL_WIDTH - 8}" dy="{LINE_PX if i else 0}">{_esc(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + FONT_PX - 1}" class="label" text-anchor="end" '
                     f'data-label="{_esc(category.label)}">{texts}</text>')
        by_series = {bar.series: bar for bar in category.bars}
        bar_y, ends = y, [float(LABEL_WIDTH)]
        for key, _, _ in chart.series:
            bar = by_series.get(key)
            if bar is not None:
                length = scale.length(bar.value)
                parts.append(_bar_svg(bar, LABEL_WIDTH, bar_y, length, colours[key]))
                ends.append(LABEL_WIDTH + length + 10 + measure(_value_label(bar), FONT_PX))
            bar_y += BAR_PX + 2
        if category.note:
            parts.append(f'<text x="{max(ends) + 8:.1f}" y="{y + BAR_PX - 2:.1f}" class="note">'
                         f"{_esc(category.note)}</text>")
        y += height
    legend = "".join(
        f'<rect x="{LABEL_WIDTH + i * 190}" y="4" width="12" height="12" fill="{colour}"/>'
        f'<text x="{LABEL_WIDTH + i * 190 + 18}" y="15" class="legend">{_esc(text)}</text>'
        for i, (_, text, colour) in enumerate(chart.series)
    )
    axis = _axis(chart, scale, y)
    height = y + (32 if scale.floor is not None else 4)
    return (f'<svg class="chart" id="{_esc(chart.slug)}" xmlns="http://www.w3.org/2000/svg" '
            f'width="{WIDTH}" height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
            f'aria-label="{_esc(chart.title)}" data-scale="{"log" if scale.floor is not None else "linear"}">'
            f'{legend}{axis}{"".join(parts)}</svg>')


def plain(docstring: str) -> str:
    """A docstring as a reader sees it: one paragraph, ``literal`` and :role:`x` markup dropped."""
    text = " ".join(docstring.split())
    text = re.sub(r":\w+:`~?([^`]+)`", r"\1", text)
    return re.sub(r"``([^`]+)``", r"\1", text)


def checks_list(checks: dict[str, str], passed: Iterable[str]) -> str:
    """The checks the tables passed, each with what it proves (plain text)."""
    items = "".join(f"<li><code>{_esc(name)}</code> — {_esc(plain(checks.get(name, '')))}</li>" for name in passed)
    return f"<ul class='checks'>{items}</ul>"


STYLE = """
body { font-family: '%(family)s', sans-serif; margin: 24px auto; width: %(width)spx; color: #1d1d1d;
       font-size: 14px; line-height: 1.5; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 4px; }
p.caption { margin: 0 0 8px; color: #444; }
svg.chart { display: block; margin: 0 0 8px; }
svg text { font-family: '%(family)s', sans-serif; font-size: %(font)spx; fill: #1d1d1d; }
svg text.value { fill: #333; } svg text.tick { font-size: 11px; fill: #777; }
svg text.note { fill: #b3261e; } svg text.legend { font-size: 12px; }
svg a.bar:hover rect { opacity: 0.75; }
table { border-collapse: collapse; font-size: 12px; width: 100%%; }
th, td { border-bottom: 1px solid #ddd; padding: 2px 6px; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; } td.src { color: #555; }
tr:target { background: #fff3c4; }
ul.checks { padding-left: 20px; } code { font-size: 12px; }
footer { margin-top: 24px; color: #666; font-size: 12px; }
"""


@dataclass(frozen=True)
class Page:
    """What the report shows besides the charts: its title, its sources' citations (each a
    manifest source with its citation), the family's sections after the charts (heading,
    HTML), and what each check proves."""

    title: str
    cited: list[tuple[dict, Citation]]
    sections: list[tuple[str, str]]
    checks: dict[str, str]


def report_html(manifest: dict, page: Page, charts: list[Chart]) -> str:
    """The report page: front matter, ``charts``, the family's sections and the checks passed."""
    draft = _body(manifest, page, charts, lambda text, size: size * len(text))
    font = subset_font(characters(page.title + draft))
    body = _body(manifest, page, charts, FontMetrics(font).width)
    style = STYLE % {"family": FAMILY, "width": WIDTH, "font": FONT_PX}
    return (
        "<!DOCTYPE html>\n<html lang='ja'><head><meta charset='utf-8'>"
        f"<title>{_esc(page.title)}</title>\n<style>{font_face(font)}\n{style}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def _body(manifest: dict, page: Page, charts: list[Chart], measure: Measure) -> str:
    front = "".join(
        f"<p>{_esc(citation.publisher_ja + citation.title_ja)} — {_esc(citation.publisher_en)}, "
        f"<i>{_esc(citation.title_en)}</i>, {_esc(citation.issued)}. {_esc(citation.attribution)}. "
        f"{_esc(citation.licence)} Source file <code>{_esc(source['file'])}</code>.</p>"
        for source, citation in page.cited
    )
    rows = ", ".join(f"{name} {count}" for name, count in manifest["rows"].items())
    body = [
        f"<h1>{_esc(page.title)}</h1>", front,
        f"<p>Rows: {_esc(rows)}. Click a bar for its figure's page and line.</p>",
    ]
    for chart in charts:
        body += [f"<h2>{_esc(chart.title)}</h2>", f"<p class='caption'>{_esc(chart.caption)}</p>",
                 chart_svg(chart, measure)]
    for heading, section in page.sections:
        body += [f"<h2>{_esc(heading)}</h2>", section]
    passed = manifest["checks_passed"]
    body += [
        "<h2>Checks passed — 検証</h2>",
        "<p>Every table passed its schema: " + _esc(", ".join(passed["schemas"])) + ".</p>",
        "<p>And every reconciliation:</p>", checks_list(page.checks, passed["reconciliations"]),
        f"<footer>Made by {_esc(manifest['tool'])} from the tables beside this page. Set in Noto Sans "
        "CJK JP (SIL Open Font License 1.1), a subset embedded in this page.</footer>",
    ]
    return "\n".join(body)
