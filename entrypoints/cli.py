"""Operator commands: `flask --app wsgi init | create-user | demo-data | import-cards | worker`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask

from booking_core.card_import import CardImportRejected
from booking_core.cards import import_card_list
from booking_core.policy import Actor
from booking_core.seed import load_reference_data
from booking_core.staff import ROLES, create_user
from entrypoints.demo import load_demo_data
from entrypoints.worker import run_worker
from runtime import migrate
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

    @app.cli.command("init")
    def init_command() -> None:
        """Migrate the database and load reference data; safe on every deploy."""
        init_database()
        click.echo("database ready: schema migrated, reference data loaded")

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", type=click.Choice(ROLES), required=True)
    @click.option("--name", "display_name", default="")
    def create_user_command(username: str, role: str, display_name: str) -> None:
        """Create or reset a staff account; the password is read from standard input."""
        password = sys.stdin.readline().rstrip("\n")
        view = create_user(
            rt().uow(),
            username=username,
            password=password,
            role=role,
            now=rt().clock.now(),
            display_name=display_name,
        )
        click.echo(f"user {view.username} ({view.role}) ready")

    @app.cli.command("demo-data")
    def demo_data_command() -> None:
        """Load demo staff, ready cards and bookings (never in production)."""
        if rt().settings.production:
            raise click.ClickException("demo data is refused in production")
        click.echo(load_demo_data(rt()))

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
