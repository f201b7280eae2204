"""Report commands: `flask --app wsgi report daily --date D | monthly --month M | keep`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click
from flask import Flask

from agent_console import report_files
from booking_core import city_reports
from queues.report_keeper import keep_reports_due
from runtime.flask_glue import rt

FORMAT = click.Choice(["csv", "pdf"])


def _write(report: dict[str, Any], fmt: str, out: Path | None) -> None:
    path = out or Path(f"report-{report['kind']}-{report['period']}.{fmt}")
    if fmt == "pdf":
        path.write_bytes(report_files.to_pdf(report))
    else:
        path.write_text("\ufeff" + report_files.to_csv(report), encoding="utf-8")
    click.echo(f"{report['kind']} report {report['period']} written to {path}")


def register_report_commands(app: Flask) -> None:
    """Attach `report daily`, `report monthly` and `report keep` to the app's CLI."""

    @app.cli.group("report")
    def report_group() -> None:
        """City reports: write a day's or a month's figures as CSV or PDF; keep closed periods."""

    @report_group.command("daily")
    @click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), required=True)
    @click.option("--format", "fmt", type=FORMAT, default="csv")
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
    def daily_command(day: datetime, fmt: str, out: Path | None) -> None:
        """Write a day's report (the kept copy once the day has closed)."""
        report = city_reports.daily_report(rt().uow(), day=day.date(), now=rt().clock.now())
        _write(report, fmt, out)

    @report_group.command("monthly")
    @click.option("--month", type=click.DateTime(formats=["%Y-%m"]), required=True)
    @click.option("--format", "fmt", type=FORMAT, default="pdf")
    @click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
    def monthly_command(month: datetime, fmt: str, out: Path | None) -> None:
        """Write a month's report (the kept copy once the month has closed)."""
        report = city_reports.monthly_report(
            rt().uow(), year=month.year, month=month.month, now=rt().clock.now()
        )
        _write(report, fmt, out)

    @report_group.command("keep")
    def keep_command() -> None:
        """Store now the closed days (the last week) and last month not stored yet."""
        kept = keep_reports_due(rt(), force=True)
        click.echo(f"kept: {', '.join(kept) or 'nothing new'}")
