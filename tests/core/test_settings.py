"""Settings checked at start: exact APP_ENV values and a production that refuses to fail open."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from entrypoints import devserver
from runtime.config import ConfigError, Settings, reminder_clock

ROOT = Path(__file__).resolve().parents[2]

# Every variable the README lists for production, each with a value of the right form.
PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": "k" * 32,
    "DATABASE_URL": "postgresql://db.example/mynacall",
    "REDIS_URL": "redis://redis.example/0",
    "PUBLIC_BASE_URL": "https://mynacall.example.jp",
    "TWILIO_ACCOUNT_SID": "AC" + "0123456789abcdef" * 2,
    "TWILIO_AUTH_TOKEN": "fedcba9876543210" * 2,
}


def production(**changes: str | None) -> dict[str, str]:
    """The production environment with some variables changed (None removes one)."""
    env = {**PRODUCTION, **changes}
    return {name: value for name, value in env.items() if value is not None}


def test_a_complete_production_environment_is_accepted():
    settings = Settings.from_env(PRODUCTION)
    assert settings.production
    assert settings.telephony == "twilio"


@pytest.mark.parametrize("value", ["Production", "prod", "PRODUCTION", "dev", ""])
def test_app_env_must_be_one_of_three_exact_values(value):
    with pytest.raises(ConfigError, match="APP_ENV must be exactly one of"):
        Settings.from_env(production(APP_ENV=value))


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"TWILIO_AUTH_TOKEN": None}, "TWILIO_AUTH_TOKEN"),
        ({"TWILIO_AUTH_TOKEN": "dev-auth-token"}, "TWILIO_AUTH_TOKEN"),
        ({"TWILIO_ACCOUNT_SID": None}, "TWILIO_ACCOUNT_SID"),
        ({"TWILIO_ACCOUNT_SID": "AC" + "0" * 32}, "TWILIO_ACCOUNT_SID"),
        ({"TWILIO_ACCOUNT_SID": "ACnot-a-sid"}, "TWILIO_ACCOUNT_SID"),
        ({"TWILIO_API_KEY": "key"}, "TWILIO_API_KEY"),
        ({"TWILIO_TWIML_APP_SID": "AC" + "0" * 32}, "TWILIO_TWIML_APP_SID"),
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "x"}, "SECRET_KEY"),
        ({"SECRET_KEY": "k" * 31}, "SECRET_KEY"),
        ({"TELEPHONY": "offline"}, "TELEPHONY"),
        ({"APP_NOW": "2026-06-12T14:00"}, "APP_NOW"),
        ({"PUBLIC_BASE_URL": "http://mynacall.example.jp"}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"REDIS_URL": None}, "REDIS_URL"),
    ],
)
def test_production_refuses_a_setting_that_would_fail_open(changes, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(production(**changes))


def test_every_problem_is_named_at_once():
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({"APP_ENV": "production", "TELEPHONY": "offline"})
    message = str(refused.value)
    for name in ("SECRET_KEY", "TWILIO_AUTH_TOKEN", "TELEPHONY", "PUBLIC_BASE_URL"):
        assert name in message


def test_a_secret_key_counts_bytes_not_characters():
    assert Settings.from_env(production(SECRET_KEY="鍵" * 11)).production  # 33 bytes


def test_an_unknown_telephony_is_refused_everywhere():
    with pytest.raises(ConfigError, match="TELEPHONY"):
        Settings.from_env({"TELEPHONY": "twillio"})


def test_a_malformed_number_setting_is_named():
    with pytest.raises(ConfigError, match="MAX_PARTY_SIZE"):
        Settings.from_env({"MAX_PARTY_SIZE": "four"})


def test_demo_data_is_refused_in_production(app, runtime):
    from dataclasses import replace

    runtime.settings = replace(runtime.settings, app_env="production")
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code != 0
    assert "refused in production" in result.output


def _flask_init(env: dict[str, str], instance: Path) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    return subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "init"],
        cwd=ROOT,
        env={**keep, "INSTANCE_DIR": str(instance), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"APP_ENV": "Production"}, "APP_ENV must be exactly one of"),
        ({"TWILIO_AUTH_TOKEN": None}, "TWILIO_AUTH_TOKEN"),
        ({"TELEPHONY": "offline"}, "TELEPHONY=offline"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
    ],
)
def test_init_exits_non_zero_naming_the_refused_setting(changes, named, tmp_path):
    done = _flask_init(production(**changes), tmp_path)
    assert done.returncode != 0
    assert named in done.stderr
    assert "Traceback" not in done.stderr


def test_init_succeeds_in_production_with_valid_settings(settings, engine, redis_url, tmp_path):
    database = settings.database_url or f"sqlite:///{tmp_path / 'production.db'}"
    done = _flask_init(production(DATABASE_URL=database, REDIS_URL=redis_url), tmp_path)
    assert done.returncode == 0, done.stderr
    assert "database ready" in done.stdout


def test_gunicorn_stops_instead_of_rebooting_a_refused_worker(tmp_path):
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--bind", "127.0.0.1:0", "wsgi:app"],
        cwd=ROOT,
        env={**keep, "INSTANCE_DIR": str(tmp_path), "APP_ENV": "prod"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 3  # gunicorn's "worker failed to boot"
    assert "APP_ENV must be exactly one of" in done.stderr


def test_the_development_launcher_is_refused_in_production(monkeypatch):
    for name, value in PRODUCTION.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "argv", ["run"])
    with pytest.raises(SystemExit, match="refused with APP_ENV=production"):
        devserver.main()


@pytest.mark.parametrize("value", ["23:00", "7:59", "10am", "25:00"])
def test_a_reminder_time_at_night_or_malformed_is_refused(value):
    with pytest.raises(ConfigError, match="REMINDER_TIME"):
        Settings.from_env({"REMINDER_TIME": value})


def test_the_reminder_time_sets_the_hour_reminders_are_owed():
    settings = Settings.from_env({"REMINDER_TIME": "09:30"})
    assert reminder_clock(settings.reminder_time) == time(9, 30)
