"""Charts of the city reports, drawn on the server (matplotlib, Agg) as PNG for the screen
and the PDF: bookings and visitors per day, 応答率 per day, no-show rate per centre.

Japanese labels need a Japanese font: the first CJK font matplotlib knows is used; on a
machine without one the charts are drawn with English labels rather than empty boxes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from agent_console.report_catalog_ja import CHART_LABELS_EN, label

CJK_FAMILIES = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic",
                "Hiragino Sans", "Yu Gothic", "Meiryo", "Noto Serif CJK JP")  # fmt: skip
COLORS = ("#1f5fa8", "#c0504d", "#2e7d32")
CHARTS = ("bookings_visitors", "answer_rate", "no_show_rate", "by_channel")

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@cache
def _matplotlib() -> Any:
    """matplotlib, imported on the first chart: it takes about a second, and every process
    (gunicorn workers, rq workers, the command line) would otherwise pay it at start."""
    # Figure objects straight, never pyplot: no global state, no GUI backend, Agg draws the PNG.
    import matplotlib.figure
    import matplotlib.font_manager
    import matplotlib.ticker

    return matplotlib


def _integer_ticks() -> Any:
    return _matplotlib().ticker.MaxNLocator(integer=True)


@cache
def japanese_font() -> str | None:
    """The family name of a Japanese font matplotlib can use, or None when there is none."""
    known = {f.name for f in _matplotlib().font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in known), None)


def _words() -> Callable[[str], str]:
    if japanese_font():
        return label
    return lambda key: CHART_LABELS_EN.get(key, key)


def _figure() -> tuple[Figure, Any]:
    figure = _matplotlib().figure.Figure(figsize=(8, 3.4), dpi=100)
    axes = figure.add_subplot()
    axes.grid(axis="y", color="#dddddd")
    axes.set_axisbelow(True)
    return figure, axes


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.tight_layout()
    figure.savefig(out, format="png")
    return out.getvalue()


def _style(figure: Figure) -> None:
    family = japanese_font()
    for text in figure.findobj(lambda o: hasattr(o, "set_fontfamily")):
        if family:
            text.set_fontfamily(family)  # type: ignore[attr-defined]


def _days(report: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    rows = report.get("days", [])
    return [r["date"][-2:] for r in rows], rows


def bookings_visitors(report: dict[str, Any]) -> bytes:
    """Bookings made and visitors, day by day (grouped bars)."""
    words = _words()
    ticks, rows = _days(report)
    figure, axes = _figure()
    xs = range(len(rows))
    axes.bar([x - 0.2 for x in xs], [r["made"] for r in rows], 0.4, label=words("made"),
             color=COLORS[0])  # fmt: skip
    axes.bar([x + 0.2 for x in xs], [r["visitors"] for r in rows], 0.4, label=words("visitors"),
             color=COLORS[2])  # fmt: skip
    axes.set_xticks(list(xs), ticks, fontsize=7)
    axes.yaxis.set_major_locator(_integer_ticks())
    axes.set_title(words("chart_bookings_visitors"))
    axes.set_ylabel(words("axis_count"))
    axes.legend(loc="upper right", fontsize=8)
    _style(figure)
    return _png(figure)


def answer_rate(report: dict[str, Any]) -> bytes:
    """応答率 day by day (a line; days without calls offered to agents are gaps)."""
    words = _words()
    ticks, rows = _days(report)
    figure, axes = _figure()
    values = [r["answer_rate"] * 100 if r["answer_rate"] is not None else float("nan")
              for r in rows]  # fmt: skip
    axes.plot(range(len(rows)), values, marker="o", color=COLORS[0], label=words("answer_rate"))
    axes.set_xticks(list(range(len(rows))), ticks, fontsize=7)
    axes.set_ylim(0, 105)
    axes.set_title(words("chart_answer_rate"))
    axes.set_ylabel(words("axis_rate"))
    _style(figure)
    return _png(figure)


def no_show_rate(report: dict[str, Any]) -> bytes:
    """The no-show rate of each centre over the period (bars)."""
    words = _words()
    names = report.get("center_names", {})
    centers = list(report["by_center"])
    figure, axes = _figure()
    values = [(report["by_center"][c]["no_show_rate"] or 0) * 100 for c in centers]
    shown = [names.get(c, c).replace("マイナンバーカード特設センター", "") for c in centers]
    if not japanese_font():
        shown = centers
    axes.bar(range(len(centers)), values, 0.5, color=COLORS[1])
    axes.set_ylim(0, max([*values, 1.0]) * 1.15)  # never a negative axis when all are zero
    axes.set_xticks(list(range(len(centers))), shown, fontsize=9)
    axes.set_title(words("chart_no_show_rate"))
    axes.set_ylabel(words("axis_rate"))
    _style(figure)
    return _png(figure)


def by_channel(report: dict[str, Any]) -> bytes:
    """Bookings made by channel (bars)."""
    words = _words()
    channels = report["bookings"]["by_channel"]
    figure, axes = _figure()
    made = [v["made"] for v in channels.values()]
    axes.bar(range(len(channels)), made, 0.5, color=COLORS[0])
    axes.set_ylim(0, max([*made, 1]) * 1.15)
    axes.set_xticks(list(range(len(channels))), [words(c) for c in channels], fontsize=9)
    axes.yaxis.set_major_locator(_integer_ticks())
    axes.set_title(words("chart_by_channel"))
    axes.set_ylabel(words("axis_count"))
    _style(figure)
    return _png(figure)


DRAW: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "bookings_visitors": bookings_visitors,
    "answer_rate": answer_rate,
    "no_show_rate": no_show_rate,
    "by_channel": by_channel,
}


def charts_of(report: dict[str, Any]) -> tuple[str, ...]:
    """The charts a report has: a month's three, a day's by channel and by centre."""
    if report["kind"] == "monthly":
        return ("bookings_visitors", "answer_rate", "no_show_rate")
    return ("by_channel", "no_show_rate")


def draw(report: dict[str, Any], name: str) -> bytes:
    """One chart of the report as PNG."""
    return DRAW[name](report)
