"""The city reports as files: CSV (one figure a line) and PDF (tables and charts, Japanese).

The PDF uses reportlab's built-in Japanese CID font (HeiseiKakuGo-W5): no font file needed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from agent_console import report_charts
from agent_console.report_catalog_ja import label

FONT = "HeiseiKakuGo-W5"
WIDTH = A4[0] - 24 * mm  # the page less its margins
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
NAMES = ("center_names", "service_names")  # reference data the renderers read, not figures
SUMMARY = ("appointments", "checked_in", "completed", "no_shows", "late", "walk_ins",
           "walk_in_persons", "visitors", "home_visits")  # fmt: skip
CENTER_COLUMNS = ("appointments", "checked_in", "no_shows", "no_show_rate", "walk_ins",
                  "visitors", "places_offered", "places_used", "cards_received",
                  "cards_issued")  # fmt: skip
CALL_ROWS = ("total", "ivr_only", "to_agent", "offered", "answered", "abandoned", "answer_rate",
             "service_level", "average_wait_seconds", "average_handle_seconds",
             "callbacks_requested", "callbacks_made")  # fmt: skip
DAY_COLUMNS = ("date", "made", "cancelled", "appointments", "checked_in", "no_shows",
               "walk_ins", "visitors", "calls_total", "ivr_only", "offered", "answered",
               "answer_rate")  # fmt: skip


def title(report: dict[str, Any]) -> str:
    """The report's heading."""
    return label(f"{report['kind']}_title", period=report["period"])


def shown(value: Any, *, percent: bool = False) -> str:
    """A figure as printed: rates as percentages, no value as a dash."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return label("yes" if value else "no")
    if percent or isinstance(value, float):
        return f"{value * 100:.1f}%"
    return str(value)


def _flat(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flat(f"{prefix}.{key}" if prefix else str(key), inner)
    elif isinstance(value, list):
        for row in value:
            day = row.get("date", "")
            yield from _flat(f"{prefix}.{day}", {k: v for k, v in row.items() if k != "date"})
    else:
        yield prefix, value


def _label_of(metric: str, names: dict[str, str]) -> str:
    parts = metric.split(".")
    if parts[0] == "places" and parts[-1] == "offered":  # places offered, not calls offered
        parts[-1] = "places_offered"
    return " / ".join(names.get(part, label(part)) for part in parts)


def to_csv(report: dict[str, Any]) -> str:
    """One line per figure: its key (stable, for machines), its Japanese name, its value."""
    names = {**report.get("center_names", {}), **report.get("service_names", {})}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("metric", "label", "value"))
    figures = {k: v for k, v in report.items() if k not in NAMES}
    for metric, value in _flat("", figures):
        writer.writerow((metric, _label_of(metric, names), "" if value is None else value))
    return out.getvalue()


def days_csv(rows: list[dict[str, Any]]) -> str:
    """One line per day: the day table's columns, keys as the header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DAY_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[k] is None else row[k] for k in DAY_COLUMNS])
    return out.getvalue()


def _style(size: float = 9) -> ParagraphStyle:
    return ParagraphStyle("ja", fontName=FONT, fontSize=size, leading=size * 1.4)


def _table(rows: list[list[str]], first: float = 24 * mm, size: float = 7.5) -> Table:
    """A table that fits the page: the header wraps (Japanese line breaks), columns share
    what the first one leaves."""
    header = ParagraphStyle("head", fontName=FONT, fontSize=size, leading=size * 1.25,
                            wordWrap="CJK")  # fmt: skip
    head = [Paragraph(cell, header) for cell in rows[0]]
    columns = len(rows[0])
    rest = min(24 * mm, (WIDTH - first) / max(1, columns - 1))
    table = Table([head, *rows[1:]], colWidths=[first, *[rest] * (columns - 1)], repeatRows=1,
                  hAlign="LEFT")  # fmt: skip
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, size),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))  # fmt: skip
    return table


def _pairs(rows: list[list[str]]) -> Table:
    return _table([[label("item"), label("value")], *rows], first=70 * mm)


def _center_name(report: dict[str, Any], center: str) -> str:
    name = report.get("center_names", {}).get(center, center)
    return str(name).replace("マイナンバーカード特設センター", "")


def summary_rows(report: dict[str, Any]) -> list[list[str]]:
    """The period's headline figures: bookings, visits, cards."""
    bookings = report["bookings"]
    rows = [[label(k), shown(bookings[k])] for k in ("made", "changed", "cancelled")]
    rows += [[label(k), shown(report[k])] for k in SUMMARY]
    rows += [[label(k), shown(v)] for k, v in report["cards"].items()]
    return rows


def channel_rows(report: dict[str, Any]) -> list[list[str]]:
    """Bookings made, changed and cancelled by channel."""
    by_channel = report["bookings"]["by_channel"]
    head = ["", *(label(k) for k in ("made", "changed", "cancelled"))]
    return [head, *([label(ch), *(shown(v[k]) for k in ("made", "changed", "cancelled"))]
                    for ch, v in by_channel.items())]  # fmt: skip


def center_rows(report: dict[str, Any]) -> list[list[str]]:
    """Visits, walk-ins, places and cards by centre."""
    head = ["", *(label(k) for k in CENTER_COLUMNS)]
    body = [[_center_name(report, c), *(shown(v[k]) for k in CENTER_COLUMNS)]
            for c, v in report["by_center"].items()]  # fmt: skip
    return [head, *body]


def call_rows(report: dict[str, Any]) -> list[list[str]]:
    """The line's figures, then what the menu alone did and how long abandoned callers waited."""
    calls = report["calls"]
    rows = [[label("total_calls" if k == "total" else k), shown(calls[k])] for k in CALL_ROWS]
    rows += [
        [f"{label('ivr_only')}：{label(k)}", shown(v)] for k, v in calls["ivr_outcomes"].items()
    ]
    rows += [[label(k), shown(v)] for k, v in calls["abandoned_after"].items()]
    return rows


def day_rows(report: dict[str, Any]) -> list[list[str]]:
    """One line per day of the month."""
    head = [label(k) for k in DAY_COLUMNS]
    return [head, *([shown(d[k]) for k in DAY_COLUMNS] for d in report.get("days", []))]


def to_pdf(report: dict[str, Any]) -> bytes:
    """The report as an A4 PDF: headline figures, tables by channel, centre and day, charts."""
    out = io.BytesIO()
    margin = 12 * mm
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin, title=title(report))  # fmt: skip
    state = "report_closed" if report.get("closed") else "report_open"
    story: list[Any] = [
        Paragraph(title(report), _style(16)),
        Paragraph(label(state, made_at=report["made_at"][:16].replace("T", " ")), _style(8)),
        Paragraph(label("figures_only"), _style(8)),
        Spacer(1, 4 * mm),
    ]

    def section(key: str, table: Table) -> None:
        story.extend([Paragraph(label(key), _style(11)), Spacer(1, 1.5 * mm), table,
                      Spacer(1, 4 * mm)])  # fmt: skip

    section("section_summary", _pairs(summary_rows(report)))
    section("section_bookings", _table(channel_rows(report)))
    section("section_centers", _table(center_rows(report), first=20 * mm, size=7))
    section("section_calls", _pairs(call_rows(report)))
    if "capacity" in report:
        cap = report["capacity"]
        keys = ("floor", "issue_renew_slots", "meets_floor")
        section("section_capacity", _pairs([[label(k), shown(cap[k])] for k in keys]))
    story.append(Paragraph(label("section_charts"), _style(11)))
    for name in report_charts.charts_of(report):
        png = report_charts.draw(report, name)
        story.append(Image(io.BytesIO(png), width=180 * mm, height=76 * mm))
    if report.get("days"):
        section("section_days", _table(day_rows(report), first=18 * mm, size=6.5))
    doc.build(story)
    return out.getvalue()
