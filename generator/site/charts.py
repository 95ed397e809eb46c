"""Charts drawn at build time as inline SVG: no script, works offline, prints cleanly.

Each chart is a `Chart` (a title and labelled counts); `bar_chart` draws categories as
horizontal bars, `column_chart` draws a time series as columns. Colours come from CSS
classes (see extra.css), so the charts follow the site's palette and dark mode. The page
shows the same numbers in a table beside the chart for screen readers and for copying.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
BAR_HEIGHT, BAR_GAP = 22, 10
LABEL_WIDTH = 176  # room for about 12 Chinese characters at 13px
FONT = 13


@dataclass(frozen=True)
class Chart:
    slug: str  # unique on its page: used for element ids
    title: str
    rows: list[tuple[str, int]]
    unit: str = ""


def bar_chart(chart: Chart) -> Markup:
    """Categories as horizontal bars, largest first as given."""
    peak = max((value for _, value in chart.rows), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - 48
    height = len(chart.rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    parts = []
    for index, (label, value) in enumerate(chart.rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = max(round(plot * value / peak), 2 if value else 0)
        middle = y + BAR_HEIGHT / 2 + FONT * 0.35
        parts.append(
            f'<g><title>{escape(label)}：{value}{escape(chart.unit)}</title>'
            f'<text class="gx-chart__label" x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end">'
            f'{escape(_shorten(label))}</text>'
            f'<rect class="gx-chart__bar" x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" rx="3"/>'
            f'<text class="gx-chart__value" x="{LABEL_WIDTH + length + 6}" y="{middle:.1f}">{value}</text></g>'
        )
    return _svg(chart, height, "".join(parts))


def column_chart(chart: Chart) -> Markup:
    """A time series as columns, oldest on the left; every label shown while they fit."""
    count = len(chart.rows)
    peak = max((value for _, value in chart.rows), default=0) or 1
    top, bottom, left = 24, 44, 8
    height = 240
    plot_height = height - top - bottom
    step = (WIDTH - 2 * left) / max(count, 1)
    every = max(1, -(-count // 12))  # at most about 12 axis labels
    axis = height - bottom
    parts = [f'<line class="gx-chart__axis" x1="{left}" x2="{WIDTH - left}" y1="{axis}" y2="{axis}"/>']
    for index, (label, value) in enumerate(chart.rows):
        column = plot_height * value / peak
        x = left + index * step + step * 0.15
        width = step * 0.7
        y = height - bottom - column
        centre = x + width / 2
        parts.append(
            f'<g><title>{escape(label)}：{value}{escape(chart.unit)}</title>'
            f'<rect class="gx-chart__bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{column:.1f}" rx="2"/>'
            f'<text class="gx-chart__value" x="{centre:.1f}" y="{y - 5:.1f}" text-anchor="middle">{value}</text>'
        )
        if index % every == 0 or index == count - 1:
            parts.append(f'<text class="gx-chart__label" x="{centre:.1f}" y="{axis + 18}" '
                         f'text-anchor="middle">{escape(label)}</text>')
        parts.append("</g>")
    return _svg(chart, height, "".join(parts))


def _svg(chart: Chart, height: int, body: str) -> Markup:
    title_id = f"gx-chart-{chart.slug}"
    return Markup(
        f'<svg class="gx-chart" viewBox="0 0 {WIDTH} {max(height, 40)}" role="img" aria-labelledby="{title_id}" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{title_id}">{escape(chart.title)}</title>{body}</svg>'
    )


def _shorten(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
