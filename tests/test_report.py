"""report.html: one self-contained page (no network, its font embedded) whose charts link
every bar to its figure's page and line, and which a real browser draws with Japanese
glyphs, not tofu.

The browser test runs Chromium twice: once to read where the page lays out its charts and
labels (a copy with a probe script that only appends to the end of the page), once to take
the screenshot of the page itself at the same window size.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from extract.publish.fonts import FAMILY, FontMetrics, font_path
from extract.publish.report import BAR_PX, FONT_PX, REPORT

WINDOW = (1000, 2600)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--virtual-time-budget=5000", f"--window-size={WINDOW[0]},{WINDOW[1]}"]
COLOURS = {"requests": (0x1F, 0x5F, 0xA8), "package": (0x2E, 0x7D, 0x4F), "subsidies": (0xC0, 0x62, 0x2B)}


@pytest.fixture(scope="module")
def page(fresh_output) -> str:
    return (fresh_output / REPORT).read_text(encoding="utf-8")


def _embedded_font(page: str) -> bytes:
    data = re.search(r"url\(data:font/otf;base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    return base64.b64decode(data)


@pytest.fixture(scope="module")
def metrics(page) -> FontMetrics:
    """Advance widths of the font the page embeds."""
    return FontMetrics(_embedded_font(page))


def _text_of(page: str) -> str:
    """The characters a reader sees: the page without its tags, style and font data."""
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


# ------------------------------------------------------------------ self-contained


def test_the_page_needs_no_network_and_no_other_file(page):
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", page)
    assert "@import" not in page
    urls = re.findall(r"url\(([^)]*)\)", page)
    assert len(urls) == 1 and urls[0].startswith("data:font/otf;base64,")
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    # the only http: on the page is the SVG namespace, a name and never fetched
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}


def test_the_embedded_font_is_noto_and_has_every_character_of_the_page(page):
    data = _embedded_font(page)
    font = TTFont(io.BytesIO(data))
    assert "Noto Sans CJK JP" in font["name"].getDebugName(1)
    assert "SIL Open Font License" in (font["name"].getDebugName(13) or "")
    cmap = font.getBestCmap()
    seen = {c for c in _text_of(page) if c.isprintable() and not c.isspace()}
    assert {"希", "少", "億", "円", "ジ", "【", "＜"} <= seen
    assert sorted(c for c in seen if ord(c) not in cmap) == []
    assert len(data) < 200_000, "a subset, not the 16 MB font"
    assert f"font-family: '{FAMILY}'" in page


# ------------------------------------------------------------------ every figure linked


def test_every_bar_links_to_its_amount_row_with_page_and_line(page, fresh_output):
    amounts = pd.read_parquet(fresh_output / "amounts.parquet").set_index("amount_id")
    anchors = set(re.findall(r'<tr id="(A\d+)">', page))
    assert anchors == set(amounts.index)
    bars = re.findall(r'<a href="#(A\d+)" class="bar" data-amount="\1"><title>([^<]*)</title>', page)
    charts = dict(re.findall(r'<svg class="chart" id="(\w+)"(.*?)</svg>', page, flags=re.S))
    assert list(charts) == ["requests", "package", "subsidies"]
    per_chart = {name: re.findall(r'data-amount="(A\d+)"', svg) for name, svg in charts.items()}
    assert len(per_chart["requests"]) == 16 + 12  # 16 FY2012 requests of page 3, 12 with a 【…】 budget
    assert len(per_chart["package"]) == 3 + 1  # the pillars and the total
    assert len(per_chart["subsidies"]) == 5
    for amount_id, title in bars:
        row = amounts.loc[amount_id]
        assert html.unescape(title).startswith(f"{amount_id} · p{row['page']} l{row['line']} 「")
    requests = amounts.loc[per_chart["requests"]]
    assert set(requests["stage"]) == {"request", "budget"} and requests["restates"].isna().all()
    assert amounts.loc[per_chart["package"], "amount"].max() == 1000 * 10**8
    for amount_id, row in amounts.iterrows():  # the table gives each figure's page and line
        cells = re.search(rf'<tr id="{amount_id}">(.*?)</tr>', page).group(1)
        assert f"<td class='num'>{row['page']}</td><td class='num'>{row['line']}</td>" in cells


def test_the_page_lists_every_check_the_tables_passed(page, fresh_output):
    manifest = json.loads((fresh_output / "manifest.json").read_text(encoding="utf-8"))
    for name in manifest["checks_passed"]["reconciliations"]:
        assert f"<code>{name}</code> — " in page
    for schema in manifest["checks_passed"]["schemas"]:
        assert schema in page


def _bars_of(svg: str) -> list[tuple[str, float, str]]:
    """(amount id, bar width in px, value printed beside it) for every bar of a chart."""
    return [(ident, float(width), html.unescape(value)) for ident, width, value in re.findall(
        r'data-amount="(A\d+)"><title>[^<]*</title><rect [^>]*width="([\d.]+)" [^>]*/>'
        r'<text [^>]*class="value">([^<]*)</text>', svg)]


def test_every_bar_is_seen_with_its_value(page, fresh_output):
    """One chart spans 0.8億円 to 340億円: on a linear scale the small bars were slivers. Every
    chart now shows each non-zero bar at a tenth of its longest or more (a log scale, said on
    the chart, where the bars span more than 30 times), and prints every bar's value."""
    amounts = pd.read_parquet(fresh_output / "amounts.parquet").set_index("amount_id")
    charts = dict(re.findall(r'<svg class="chart" id="(\w+)"(.*?)</svg>', page, flags=re.S))
    scales = {name: re.search(r'data-scale="(\w+)"', svg).group(1) for name, svg in charts.items()}
    assert scales == {"requests": "log", "package": "linear", "subsidies": "linear"}
    assert "log scale: each gridline is ten times the one before" in charts["requests"]
    for name, svg in charts.items():
        bars = _bars_of(svg)
        assert len(bars) == len(re.findall(r'data-amount="', svg)), name
        longest = max(width for _, width, _ in bars)
        for ident, width, value in bars:
            assert value == amounts.loc[ident, "amount_text"] or value.endswith(("億円", "百万$")), (ident, value)
            if amounts.loc[ident, "amount"] > 0:
                assert width >= longest / 10, (name, ident, width, longest)


def test_new_requests_are_marked_and_legends_say_what_they_show(page):
    """【新規】 on JOGMEC's ３４０億円 (new under ＜出資＞) is shown as on its three other rows; the
    legend of the budgets reads 予算額【…】, not 【】; the checks read as plain text."""
    requests = re.search(r'<svg class="chart" id="requests"(.*?)</svg>', page, flags=re.S).group(1)
    rows = re.split(r'(?=<text [^>]*class="label" text-anchor="end" data-label=)', requests)[1:]
    marked = [html.unescape(re.search(r'data-label="([^"]*)"', row).group(1)) for row in rows
              if 'class="note">【新規】' in row]
    assert marked == ["JOGMEC出資・債務保証＜出資＞", "リサイクル優先レアメタルの回収技術開発", "資源循環実証事業",
                      "次世代自動車向け高効率モーター用磁性材料技術開発"]
    assert "予算額【…】" in requests and "予算額【】" not in page
    checks = re.search(r"<ul class='checks'>(.*?)</ul>", page, flags=re.S).group(1)
    assert "``" not in checks and ":func:" not in checks


# ------------------------------------------------------------------ in a browser


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is missing: `make test` installs it (after `rm .venv/.chromium` if it was removed)"
    return found


PROBE = """<script>
document.fonts.ready.then(() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const found = {
    fonts: [...document.fonts].map(f => f.family + ':' + f.status),
    charts: [...document.querySelectorAll('svg.chart')].map(e => ({id: e.id, box: box(e)})),
    labels: [...document.querySelectorAll('svg.chart text.label')].map(
      e => ({text: e.textContent, lines: e.children.length, box: box(e)})),
  };
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(found);
  document.body.appendChild(pre);
});
</script>"""


@pytest.fixture(scope="module")
def browser(fresh_output, tmp_path_factory) -> tuple[dict, np.ndarray]:
    """(where the page lays out its fonts, charts and labels; the screenshot as RGB)."""
    chromium = _chromium()
    work = tmp_path_factory.mktemp("browser")
    report = fresh_output / REPORT
    probe = work / "probe.html"
    probe.write_text(report.read_text(encoding="utf-8").replace("</head>", PROBE + "</head>", 1),
                     encoding="utf-8")
    run = {"capture_output": True, "text": True, "timeout": 120}
    dom = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'p1'}", "--dump-dom",
                          probe.as_uri()], **run)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout, flags=re.S)
    assert found, dom.stderr[-2000:]
    shot = work / "shot.png"
    subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'p2'}", f"--screenshot={shot}",
                    report.as_uri()], **run)
    image = Image.open(shot).convert("RGB")
    assert image.size == WINDOW
    return json.loads(html.unescape(found.group(1))), np.asarray(image)


def _ink(gray: np.ndarray) -> np.ndarray | None:
    """Darkness (0..1) trimmed to the box of the ink, or None where there is none."""
    dark = 1 - gray / 255.0
    rows, columns = np.nonzero(dark > 0.1)
    if not len(rows):
        return None
    return dark[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


def _drawn_by_pil(text: str) -> np.ndarray:
    """``text`` as Pillow sets it in Noto Sans CJK JP at the report's size."""
    font = ImageFont.truetype(font_path(), FONT_PX)
    image = Image.new("L", (FONT_PX * 2 * len(text) + 20, FONT_PX * 3), 255)
    ImageDraw.Draw(image).text((10, FONT_PX), text, font=font, fill=0)
    return _ink(np.asarray(image, dtype=float))


def _tofu(text: str, metrics: FontMetrics) -> np.ndarray:
    """``text`` as a browser without the font draws it: a hollow box per character."""
    image = Image.new("L", (FONT_PX * 2 * len(text) + 20, FONT_PX * 3), 255)
    draw = ImageDraw.Draw(image)
    x = 10.0
    for character in text:
        advance = metrics.width(character, FONT_PX)
        if not character.isspace():
            draw.rectangle((x + 1, FONT_PX, x + advance - 2, 2 * FONT_PX), outline=0)
        x += advance
    return _ink(np.asarray(image, dtype=float))


def _likeness(a: np.ndarray, b: np.ndarray, ems: float) -> float:
    """Correlation of two inked texts on a coarse grid (3 cells per em, 6 rows): glyph
    shapes match, tofu boxes do not, and a pixel of subpixel drift does not matter."""
    size = (max(4, round(ems * 3)), 6)
    grids = [np.asarray(Image.fromarray((x * 255).astype("uint8")).resize(size, Image.BOX), dtype=float)
             for x in (a, b)]
    return float(np.corrcoef(grids[0].ravel(), grids[1].ravel())[0, 1])


def test_the_browser_loads_the_embedded_font(browser):
    layout, _ = browser
    assert layout["fonts"] == [f"{FAMILY}:loaded"]
    assert [chart["id"] for chart in layout["charts"]] == ["requests", "package", "subsidies"]
    assert all(chart["box"][3] <= WINDOW[1] for chart in layout["charts"]), "the charts are in the screenshot"


def test_the_screenshot_shows_the_charts_bars(browser):
    layout, shot = browser
    for chart in layout["charts"]:
        left, top, right, bottom = (round(v) for v in chart["box"])
        region = shot[top:bottom, left:right].astype(int)
        colour = np.array(COLOURS[chart["id"]])
        bar_pixels = int((np.abs(region - colour).sum(axis=2) <= 6).sum())
        assert bar_pixels > 20 * BAR_PX * 3, (chart["id"], bar_pixels)  # more than three short bars
        ink = int((region.sum(axis=2) < 300).sum())  # dark text: labels and values
        assert ink > 1000, (chart["id"], ink)


def test_the_screenshot_shows_japanese_glyphs_not_tofu(browser, metrics):
    layout, shot = browser
    gray = shot.astype(float) @ np.array([0.299, 0.587, 0.114])
    labels = [label for label in layout["labels"] if label["lines"] == 1]
    assert len(labels) >= 15
    scores = []
    for label in labels:
        left, top, right, bottom = (round(v) for v in label["box"])
        drawn = _ink(gray[top:bottom, left:right])
        assert drawn is not None, f"nothing drawn for {label['text']}"
        ems = metrics.width(label["text"], FONT_PX) / FONT_PX
        noto = _likeness(drawn, _drawn_by_pil(label["text"]), ems)
        tofu = _likeness(drawn, _tofu(label["text"], metrics), ems)
        scores.append(noto)
        assert noto >= 0.5 and noto > tofu + 0.2, (label["text"], round(noto, 2), round(tofu, 2))
    assert np.mean(scores) >= 0.75, scores
