"""Server-rendered SVG charts for the console: stacked bars per month, no script, no CDN. Pure.

Every label is escaped; the chart carries its title for screen readers (`role="img"`, `<title>`), and the
same numbers follow as a table in a <details> element for anyone who would rather read than look.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from hogo.dashboard import Chart

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
"""Okabe–Ito: told apart by people with colour-vision deficiencies."""
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 40, 40, 10


def _nice_max(value: int) -> int:
    """The axis top: four equal steps of 1, 2 or 5 × 10^k, so every tick is a whole number."""
    step = 1
    while step * 4 < value:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = int(step * factor)
            if step * 4 >= value:
                break
    return step * 4


def stacked_bars(chart: Chart, chart_id: str) -> Markup:
    months = chart.months
    totals = [sum(s.values[i] for s in chart.series) for i in range(len(months))]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    slot = plot_w / max(len(months), 1)
    bar = slot * 0.7
    title = f"{chart.title_ja} / {chart.title_en}"
    height = HEIGHT + 24 * _legend_rows(chart)
    parts = [
        f'<svg id="{escape(chart_id)}" class="chart" role="img" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="{escape(chart_id)}-title">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d8dde6"/>')
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10">{value:.0f}</text>')
    for i, month in enumerate(months):
        x = LEFT + slot * i + (slot - bar) / 2
        y = TOP + plot_h
        for n, series in enumerate(chart.series):
            count = series.values[i]
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            label = f"{month} {series.label_ja} {count}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{PALETTE[n % len(PALETTE)]}"'
                f' data-month="{escape(month)}" data-series="{escape(series.label_en)}" data-count="{count}">'
                f"<title>{escape(label)}</title></rect>"
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle" font-size="10">'
            f"{escape(month[2:])}</text>"
        )
    for n, series in enumerate(chart.series):
        row, col = divmod(n, 3)
        lx, ly = LEFT + col * 200, HEIGHT - 8 + row * 24
        parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{PALETTE[n % len(PALETTE)]}"/>')
        parts.append(f'<text x="{lx + 16}" y="{ly}" font-size="11">{escape(series.label_ja)}</text>')
    parts.append("</svg>")
    caption = f'{escape(chart.title_ja)} <span class="en">{escape(chart.title_en)}</span>'
    parts.insert(0, f"<figcaption>{caption}</figcaption>")
    parts.append(_table(chart, chart_id))
    return Markup("".join(parts))


def _legend_rows(chart: Chart) -> int:
    return max(1, (len(chart.series) + 2) // 3)


def _table(chart: Chart, chart_id: str) -> str:
    head = "".join(f'<th>{escape(s.label_ja)} <span class="en">{escape(s.label_en)}</span></th>' for s in chart.series)
    rows = "".join(
        f"<tr><td>{escape(month)}</td>" + "".join(f"<td>{s.values[i]}</td>" for s in chart.series) + "</tr>"
        for i, month in enumerate(chart.months)
    )
    return (
        f'<details><summary>数値で見る <span class="en">As a table</span></summary>'
        f'<table id="{escape(chart_id)}-table"><tr><th>月 <span class="en">Month</span></th>{head}</tr>{rows}</table>'
        "</details>"
    )


def line_chart(
    points: list[tuple[float, float]], chart_id: str, title: str, x_label: str, y_label: str, *, y_max: float = 1.0
) -> Markup:
    """One series as a line with dots (e.g. information loss against k): x spaced by rank (k grows unevenly),
    y from 0 to `y_max`; the numbers follow as a table."""
    if not points:
        return Markup("")
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    step = plot_w / max(len(points) - 1, 1)
    coords = [(LEFT + i * step, TOP + plot_h * (1 - min(y, y_max) / y_max)) for i, (_, y) in enumerate(points)]
    parts = [
        f'<svg id="{escape(chart_id)}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#666"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#666"/>',
    ]
    for frac in (0.0, 0.5, 1.0):
        y = TOP + plot_h * (1 - frac)
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{frac * y_max:g}</text>')
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for (x, y), (k, v) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}"><title>{k:g}: {v:.4f}</title></circle>'
        )
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 14}" font-size="10" text-anchor="middle">{k:g}</text>')
    middle = LEFT + plot_w / 2
    axis = escape(x_label)
    parts.append(f'<text x="{middle:.0f}" y="{HEIGHT - 6}" font-size="11" text-anchor="middle">{axis}</text>')
    parts.append("</svg>")
    rows = "".join(f"<tr><td>{k:g}</td><td>{v:.4f}</td></tr>" for k, v in points)
    table = (
        f'<details><summary>{escape(title)}</summary><table id="{escape(chart_id)}-table">'
        f"<tr><th>{escape(x_label)}</th><th>{escape(y_label)}</th></tr>{rows}</table></details>"
    )
    return Markup("".join(parts) + table)
