"""Operator command of home visits: `flask --app wsgi visit-reminders [--date YYYY-MM-DD]`."""

from __future__ import annotations

from datetime import datetime

import click
from flask import Flask

from booking_core.visit_notices import owe_visit_reminders, reminder_day
from runtime.flask_glue import rt


def register_visit_commands(app: Flask) -> None:
    """Attach the home-visit commands to the app's CLI."""

    @app.cli.command("visit-reminders")
    @click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
    def visit_reminders_command(day: datetime | None) -> None:
        """Owe the day-before texts of the visits on a day (default tomorrow); run twice, once."""
        now = rt().clock.now()
        visit_day = day.date() if day else reminder_day(now)
        owed = owe_visit_reminders(rt().uow(), day=visit_day, now=now)
        click.echo(f"{visit_day}: {owed} visit reminders owed")
