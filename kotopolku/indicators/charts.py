"""Charts drawn on the server as SVG. Each chart is decorative next to its data table (the table
carries the figures for screen readers), so the SVG is ``aria-hidden``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
WIDTH = 640
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="kp-chart" viewBox="0 0 {} {}" width="100%" '
    'aria-hidden="true" focusable="false">{}</svg>'
)
FILL = "var(--color-bus, #0000bf)"


def _n(value: float) -> str:
    """A coordinate as SVG wants it (format_html escapes its arguments to text first)."""
    return f"{value:.1f}"


def bar_chart(bars: Sequence[tuple[str, float | None, float | None]]) -> SafeString:
    """Horizontal bars of actual against target: (label, actual, target). The bar shows the
    actual; a dark mark shows the target."""
    if not bars:
        return SafeString("")
    top = max([max(a or 0, t or 0) for _label, a, t in bars] + [1])
    plot = WIDTH - LABEL_WIDTH - 70
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    parts = []
    for index, (label, actual, target) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = 0 if actual is None else plot * actual / top
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="12">{}</text>',
                LABEL_WIDTH - 8, y + 15, label[:40],
                LABEL_WIDTH, y, _n(length), BAR_HEIGHT, FILL,
                _n(LABEL_WIDTH + length + 4), y + 15, "–" if actual is None else f"{actual:g}",
            )
        )  # fmt: skip
        if target is not None:
            x = _n(LABEL_WIDTH + plot * target / top)
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#1a1a1a" stroke-width="3"/>',
                    x, x, y - 3, y + BAR_HEIGHT + 3,
                )
            )  # fmt: skip
    return format_html(SVG, WIDTH, height, format_html_join("", "{}", ((part,) for part in parts)))


def column_chart(labels: Sequence[str], values: Sequence[int | None]) -> SafeString:
    """Vertical columns, one per label (months), for a series of counts."""
    if not labels:
        return SafeString("")
    height, bottom = 200, 30
    top = max([v or 0 for v in values] + [1])
    step = WIDTH / len(labels)
    width = max(step * 0.7, 2)
    scale = (height - bottom - 10) / top
    columns = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
        (
            (
                _n(i * step + (step - width) / 2),
                _n(height - bottom - scale * (v or 0)),
                _n(width),
                _n(scale * (v or 0)),
                FILL,
                _n(i * step + step / 2),
                height - bottom + 14,
                label,
            )
            for i, (label, v) in enumerate(zip(labels, values, strict=True))
        ),
    )
    return format_html(SVG, WIDTH, height, columns)
