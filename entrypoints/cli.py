"""Operator commands: `flask --app wsgi init | create-user | close-day | add-closure |
send-reminders | demo-data | import-cards | worker`, with `report` (entrypoints/report_cli.py)
and the administrators' (entrypoints/admin_cli.py)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
from flask import Flask

from booking_core.admin import add_closure
from booking_core.booking_life import close_day
from booking_core.card_import import CardImportRejected
from booking_core.cards import import_card_list
from booking_core.errors import InvalidRequest
from booking_core.policy import Actor
from booking_core.seed import load_reference_data
from booking_core.staff import ROLES, create_user
from entrypoints.admin_cli import register_admin_commands
from entrypoints.demo import load_demo_data
from entrypoints.report_cli import register_report_commands
from entrypoints.visit_cli import register_visit_commands
from entrypoints.worker import run_worker
from queues.reminders import send_reminders
from runtime import migrate
from runtime.config import ConfigError
from runtime.flask_glue import rt


def init_database() -> None:
    """Migrate to the latest schema and load the reference data (idempotent)."""
    runtime = rt()
    migrate.upgrade(runtime.engine)
    with runtime.uow() as uow:
        load_reference_data(uow.session)
        uow.commit()


def register_commands(app: Flask) -> None:
    """Attach the operator commands to the app's CLI."""
    register_report_commands(app)
    register_admin_commands(app)
    register_visit_commands(app)

    @app.cli.command("init")
    def init_command() -> None:
        """Migrate the database and load reference data; safe on every deploy."""
        init_database()
        click.echo("database ready: schema migrated, reference data loaded")

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", type=click.Choice(ROLES), required=True)
    @click.option("--name", "display_name", default="")
    @click.option(
        "--new-second-factor",
        is_flag=True,
        help="Forget the enrolled authenticator (lost phone): the next sign-in enrols again.",
    )
    def create_user_command(
        username: str, role: str, display_name: str, new_second_factor: bool
    ) -> None:
        """Create or reset a staff account (ends any sign-in wait); password from standard input."""
        password = sys.stdin.readline().rstrip("\n")
        view = create_user(
            rt().uow(),
            username=username,
            password=password,
            role=role,
            now=rt().clock.now(),
            display_name=display_name,
            new_second_factor=new_second_factor,
        )
        click.echo(f"user {view.username} ({view.role}) ready")

    @app.cli.command("close-day")
    @click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
    def close_day_command(day: datetime | None) -> None:
        """Mark no-show the bookings still active on a day whose centres have closed."""
        now = rt().clock.now()
        closed = close_day(rt().uow(), day=day.date() if day else now.date(), now=now)
        for center_id, count in closed.no_shows.items():
            click.echo(f"{closed.day} {center_id}: {count} marked no-show")
        for center_id in closed.still_open:
            click.echo(f"{closed.day} {center_id}: not closed yet, nothing changed")

    @app.cli.command("add-closure")
    @click.argument("center_id")
    @click.argument("day", type=click.DateTime(formats=["%Y-%m-%d"]))
    @click.option("--reason", required=True)
    @click.option("--notify", is_flag=True, help="text or call every resident booked that day")
    def add_closure_command(center_id: str, day: datetime, reason: str, notify: bool) -> None:
        """Close a centre (or `all`) for a whole day; --notify owes each booking a message."""
        try:
            result = add_closure(
                rt().uow(), center_id=None if center_id == "all" else center_id, day=day.date(),
                note=reason, now=rt().clock.now(), actor=Actor.system("cli"), notify=notify,
            )  # fmt: skip
        except InvalidRequest as refused:
            raise click.ClickException(f"refused: {refused.fields}") from refused
        click.echo(
            f"closure {result.closure_id}: {len(result.affected_references)} booking(s) hit, "
            f"{result.notified} message(s) owed"
        )

    @app.cli.command("send-reminders")
    @click.option(
        "--date",
        "day",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="the appointment day (default: the days whose reminders are owed today)",
    )
    def send_reminders_command(day: datetime | None) -> None:
        """Owe the day-before reminders of a day's bookings; run twice, it owes nothing more."""
        run = send_reminders(rt(), days=[day.date()] if day else None)
        days = ", ".join(d.isoformat() for d in run.days) or "none today (the line is closed)"
        due = ", ".join(f"{channel} {n}" for channel, n in sorted(run.due.items())) or "none"
        click.echo(f"reminders for {days}: {run.owed} newly owed (due: {due}; "
                   f"{run.unreachable} with no number to reach)")  # fmt: skip

    @app.cli.command("demo-data")
    def demo_data_command() -> None:
        """Load demo staff, ready cards and bookings (never in production)."""
        try:
            click.echo(load_demo_data(rt()))
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from exc

    @app.cli.command("import-cards")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def import_cards_command(path: Path) -> None:
        """Import the card-ready CSV; a bad file is refused whole with line numbers."""
        try:
            result = import_card_list(
                rt().uow(), path.read_bytes(), now=rt().clock.now(), actor=Actor.system("cli")
            )
        except CardImportRejected as exc:
            for error in exc.errors:
                click.echo(error.message, err=True)
            raise click.ClickException(f"refused: {len(exc.errors)} problem(s)") from exc
        if result.already_imported:
            click.echo("this file was imported before: nothing changed")
        else:
            click.echo(f"imported: {result.added} added, {result.unchanged} already listed")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Work until the queues are empty, then stop.")
    def worker_command(burst: bool) -> None:
        """Run an rq worker (with the scheduler) on our queues, and the relay of owed texts."""
        run_worker(rt(), burst=burst)
