"""The half-hour history as an inline SVG bar chart (numbers only, so safe to inline)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from markupsafe import Markup

WIDTH, HEIGHT, PAD = 1200, 180, 24
SERIES = ("offered", "answered", "abandoned")


DAY_LABELS = tuple(f"{h:02}:{m:02}" for h in range(8, 20) for m in (0, 30))  # staffed hours


def _totals(rows: list[dict[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    sums: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SERIES, 0))
    for label in DAY_LABELS:
        sums.setdefault(label, dict.fromkeys(SERIES, 0))  # every half-hour has its place
    for row in rows:
        for name in SERIES:
            sums[row["start"][11:16]][name] += int(row[name])
    return sorted(sums.items())


def history_svg(rows: list[dict[str, Any]]) -> Markup:
    """Bars of offered, answered and abandoned calls per half-hour, all queues together."""
    if not rows:
        return Markup("")
    totals = _totals(rows)
    top = max(max(v.values()) for _, v in totals) or 1
    slot = (WIDTH - PAD) / len(totals)
    bar = max(1.0, slot / (len(SERIES) + 1))
    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT + PAD}" role="img" aria-label="history">']
    for i, (label, values) in enumerate(totals):
        x0 = PAD + i * slot
        for j, name in enumerate(SERIES):
            h = (HEIGHT - PAD) * values[name] / top
            parts.append(
                f'<rect class="bar-{name}" x="{x0 + j * bar:.1f}" y="{HEIGHT - h:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{label} {name} {values[name]}</title></rect>"
            )
        if label.endswith(":00") and int(label[:2]) % 2 == 0:
            parts.append(f'<text x="{x0:.1f}" y="{HEIGHT + 14}">{label}</text>')
    parts.append(f'<text x="0" y="12">{top}</text></svg>')
    return Markup("".join(parts))
