"""Operator commands of administration: `flask --app wsgi import-bookings | anonymise-old`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask

from booking_core.booking_import import ImportRefused, import_bookings, preview_import
from booking_core.import_plan import band_problems
from booking_core.policy import Actor
from booking_core.retention import run_retention
from runtime.flask_glue import rt

CLI = Actor.system("cli")


def _dry_run(data: bytes) -> None:
    """Print every problem and overbooked band; exit non-zero when the file would be refused."""
    runtime = rt()
    plan = preview_import(runtime.uow(), data, now=runtime.clock.now(), actor=CLI,
                          policy=runtime.policy)  # fmt: skip
    for problem in plan.problems:
        click.echo(problem.message, err=True)
    for problem in band_problems(plan, {}):
        click.echo(problem.message, err=True)
    click.echo(f"dry run: {plan.lines} line(s), {len(plan.new)} to import, "
               f"{plan.already_imported} imported before, {len(plan.problems)} problem(s), "
               f"{len(plan.full_bands)} overbooked band(s); nothing changed")  # fmt: skip
    if plan.problems or plan.full_bands:
        raise click.exceptions.Exit(1)


def register_admin_commands(app: Flask) -> None:
    """Attach the administration commands to the app's CLI."""

    @app.cli.command("import-bookings")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="List the problems; change nothing.")
    @click.option("--notify", is_flag=True, help="Text each imported booking on a mobile.")
    @click.option("--leave-out-full-bands", is_flag=True,
                  help="Import the rest when bands would be overbooked (each such band left out "
                       "whole) instead of refusing the file.")  # fmt: skip
    def import_bookings_command(
        path: Path, dry_run: bool, notify: bool, leave_out_full_bands: bool
    ) -> None:
        """Import the current system's bookings (go-live) in one transaction; twice imports
        nothing more."""
        data = path.read_bytes()
        if dry_run:
            _dry_run(data)
            return
        runtime = rt()
        try:
            done = import_bookings(
                runtime.uow(), data, now=runtime.clock.now(), actor=CLI, policy=runtime.policy,
                notify=notify, leave_out_full_bands=leave_out_full_bands,
            )  # fmt: skip
        except ImportRefused as refused:
            for problem in refused.problems:
                click.echo(problem.message, err=True)
            raise click.ClickException(f"refused: {len(refused.problems)} problem(s); "
                                       "nothing imported") from refused  # fmt: skip
        click.echo(f"imported: {done.imported} booking(s), {done.already_imported} imported "
                   f"before, {len(done.left_out)} band(s) left out, {done.notified} text(s) "
                   "owed")  # fmt: skip

    @app.cli.command("anonymise-old")
    @click.option("--dry-run", is_flag=True, help="Only count; change nothing.")
    def anonymise_old_command(dry_run: bool) -> None:
        """Anonymise bookings past BOOKING_RETENTION_DAYS and disable accounts unused for
        STAFF_INACTIVE_DAYS (the workers do it every night)."""
        runtime = rt()
        settings = runtime.settings
        done = run_retention(
            runtime.uow(), now=runtime.clock.now(), keep_days=settings.booking_retention_days,
            inactive_days=settings.staff_inactive_days, dry_run=dry_run, actor=CLI,
        )  # fmt: skip
        verb = "would anonymise" if dry_run else "anonymised"
        click.echo(f"{verb}: {done.bookings} booking(s) before {done.before_day}, "
                   f"{done.home_visits} home visit(s); accounts disabled: "
                   f"{', '.join(done.disabled) or 'none'}")  # fmt: skip
