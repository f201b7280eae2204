"""Settings from the environment and the operator commands."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from booking_core.clock import TOKYO
from booking_core.models import AuditEvent, CapacityTemplate, CardReadyRecord, Center, StaffUser
from booking_core.visit_models import VisitTeam
from queues.outbox import relay_all
from runtime.config import ConfigError, Settings
from tests.conftest import owed_texts

CSV = "notice_number,birth_date,ward,ready_on\n123456789,1950-04-01,西区,2026-10-01\n"


def test_app_now_freezes_the_clock_in_tokyo_time():
    settings = Settings.from_env({"APP_NOW": "2026-06-12T14:00"})
    assert settings.app_now == datetime(2026, 6, 12, 14, 0, tzinfo=TOKYO)


def test_app_now_is_refused_in_production():
    env = {
        "APP_ENV": "production",
        "APP_NOW": "2026-06-12T14:00",
        "SECRET_KEY": "x" * 32,
        "DATABASE_URL": "postgresql://db/x",
        "REDIS_URL": "redis://r",
    }
    with pytest.raises(ConfigError, match="APP_NOW"):
        Settings.from_env(env)


def test_production_needs_a_secret_key_and_real_services():
    with pytest.raises(ConfigError):
        Settings.from_env({"APP_ENV": "production"})


def test_a_plain_postgresql_url_uses_psycopg_3():
    settings = Settings.from_env({"DATABASE_URL": "postgresql://postgres@127.0.0.1/test"})
    assert settings.effective_database_url == "postgresql+psycopg://postgres@127.0.0.1/test"


def test_init_is_safe_to_run_twice(app, runtime):
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(args=["init"])
        assert result.exit_code == 0, result.output
    with runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Center)) == 4
        assert uow.session.scalar(select(func.count()).select_from(CapacityTemplate)) == 40


def test_create_user_reads_the_password_from_standard_input(app, runtime):
    result = app.test_cli_runner().invoke(
        args=["create-user", "alice", "--role", "supervisor"], input="a-long-password\n"
    )
    assert result.exit_code == 0, result.output
    with runtime.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == "alice"))
        assert user is not None and user.role == "supervisor"
        assert user.password_hash.startswith("$argon2id$")


def test_import_cards_twice_changes_nothing_the_second_time(app, runtime, tmp_path):
    path = tmp_path / "ready.csv"
    path.write_text(CSV, encoding="utf-8")
    first = app.test_cli_runner().invoke(args=["import-cards", str(path)])
    second = app.test_cli_runner().invoke(args=["import-cards", str(path)])
    assert "1 added" in first.output
    assert "nothing changed" in second.output
    with runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(CardReadyRecord)) == 1


def test_a_card_file_with_a_my_number_is_refused_without_echoing_it(app, runtime, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "123456789018,1950-04-01,西区,2026-10-01\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-cards", str(path)])
    assert result.exit_code != 0
    assert "123456789018" not in result.output
    with runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(CardReadyRecord)) == 0


def test_demo_data_loads_staff_cards_and_bookings_and_is_repeatable(app, runtime):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    assert runner.invoke(args=["demo-data"]).exit_code == 0
    with runtime.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(StaffUser)) == 7
        assert uow.session.scalar(select(func.count()).select_from(VisitTeam)) == 2
        assert uow.session.scalar(select(func.count()).select_from(CardReadyRecord)) == 5
        assert uow.session.scalar(select(func.count()).select_from(AuditEvent)) > 0


def test_demo_bookings_text_nobody(app, runtime):
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    owed = owed_texts(runtime)  # fictitious residents: their numbers may be somebody's
    assert owed and set(owed) == {("sms_confirmation", "skipped")}
    assert relay_all(runtime) == 0


def test_create_user_resets_the_wait_and_can_forget_the_authenticator(app, runtime, clock):
    from datetime import timedelta

    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "alice", "--role", "supervisor"], input="a-long-password\n")
    with runtime.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == "alice"))
        user.failed_logins, user.locked_until = 9, clock.now() + timedelta(minutes=10)
        user.totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        uow.commit()
    result = runner.invoke(
        args=["create-user", "alice", "--role", "supervisor", "--new-second-factor"],
        input="another-long-password\n",
    )
    assert result.exit_code == 0, result.output
    with runtime.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == "alice"))
        assert (user.failed_logins, user.locked_until, user.totp_secret) == (0, None, None)
