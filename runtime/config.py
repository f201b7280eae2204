"""Settings read from the environment (12-factor), with an embedded default for every service."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path

from booking_core.clock import TOKYO

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


APP_ENVS = ("development", "test", "production")
TELEPHONIES = ("twilio", "offline")
MIN_SECRET_KEY_BYTES = 32
# Twilio's identifiers: two letters naming the kind, then 32 lowercase hex digits.
_SID = {
    "TWILIO_ACCOUNT_SID": re.compile(r"AC[0-9a-f]{32}"),
    "TWILIO_API_KEY": re.compile(r"SK[0-9a-f]{32}"),
    "TWILIO_TWIML_APP_SID": re.compile(r"AP[0-9a-f]{32}"),
}
_AUTH_TOKEN = re.compile(r"[0-9a-f]{32}")


class ConfigError(RuntimeError):
    """A setting is missing or not allowed in this environment."""


def _app_env(raw: str | None) -> str:
    # Exact values only: `Production` or `prod` once ran as development, with every guard off.
    app_env = "development" if raw is None else raw
    if app_env not in APP_ENVS:
        raise ConfigError(f"APP_ENV must be exactly one of {', '.join(APP_ENVS)}; got {raw!r}")
    return app_env


def _flag(value: str | None, *, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _parse_now(raw: str | None) -> datetime | None:
    if not raw:
        return None
    try:
        frozen = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigError(f"APP_NOW is not ISO 8601: {raw!r}") from exc
    return frozen if frozen.tzinfo else frozen.replace(tzinfo=TOKYO)


def _integer(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number; got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """Every knob of the system; `from_env` is the only place that reads os.environ."""

    app_env: str = "development"
    secret_key: str = "dev-insecure-secret-key"
    database_url: str | None = None
    redis_url: str | None = None
    app_now: datetime | None = None
    public_base_url: str = "http://127.0.0.1:5000"
    twilio_account_sid: str = "AC00000000000000000000000000000000"
    twilio_auth_token: str = "dev-auth-token"
    twilio_api_key: str = ""
    twilio_api_secret: str = ""
    twilio_twiml_app_sid: str = ""
    twilio_caller_id: str = "+81120769706"
    twilio_voice_ja: str = "Polly.Mizuki"
    twilio_voice_en: str = "Polly.Joanna"
    twilio_voice_zh: str = "Polly.Zhiyu"
    twilio_voice_ko: str = "Polly.Seoyeon"
    twilio_voice_vi: str = "Google.vi-VN-Standard-A"  # Polly has no Vietnamese voice
    telephony: str = "offline"
    # Seconds to open a connection to Twilio, then to wait for its answer once the request left.
    twilio_connect_timeout: float = 3.05
    twilio_read_timeout: float = 15.0
    city_line_number: str = "0120-769-706"
    # Played between the hold announcements (HOLD_MUSIC_URL; empty: a pause); Twilio's own.
    hold_music_url: str = "https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3"
    # The web address as the texts print it, and as the phone line says it per language
    # (WEB_ADDRESS, WEB_ADDRESS_SPOKEN_JA, WEB_ADDRESS_SPOKEN_EN): keep them the same address.
    web_address: str = "https://www.city.yokohama.lg.jp/mynumber/"
    web_address_spoken: str = (
        "シティ、ドット、ヨコハマ、ドット、エルジー、ドット、ジェイピー、スラッシュ、マイナンバー"
    )
    web_address_spoken_en: str = "city dot yokohama dot L G dot J P slash mynumber"
    booking_horizon_days: int = 60
    max_party_size: int = 4
    notice_number_digits: int = 9
    ratelimit_enabled: bool = True
    lookup_limit_per_minute: int = 10
    lookup_limit_per_day: int = 100
    metrics_token: str = ""
    staff_session_hours: int = 12
    reminder_time: str = "10:00"  # HH:MM, between REMINDER_EARLIEST and REMINDER_LATEST
    trusted_proxies: int = 0
    # Retention: a booking's personal data is anonymised this many days after its appointment;
    # a staff account not signed in for this many days is disabled.
    booking_retention_days: int = 365
    staff_inactive_days: int = 90
    instance_dir: Path = field(default=INSTANCE_DIR)

    @property
    def production(self) -> bool:
        """True when running as the live service."""
        return self.app_env == "production"

    @property
    def effective_database_url(self) -> str:
        """The configured database, or the embedded SQLite file."""
        url = self.database_url or f"sqlite:///{self.instance_dir / 'mynacall.db'}"
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):  # the usual form of a DATABASE_URL; we use psycopg 3
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read settings from the environment; keyword overrides win (tests)."""
        env = os.environ if environ is None else environ
        app_env = _app_env(env.get("APP_ENV"))
        values: dict[str, object] = {
            "app_env": app_env,
            "secret_key": env.get("SECRET_KEY") or cls.secret_key,
            "database_url": env.get("DATABASE_URL") or None,
            "redis_url": env.get("REDIS_URL") or None,
            "app_now": _parse_now(env.get("APP_NOW")),
            "public_base_url": env.get("PUBLIC_BASE_URL", cls.public_base_url).rstrip("/"),
            "ratelimit_enabled": _flag(env.get("RATELIMIT_ENABLED"), default=True),
            "metrics_token": env.get("METRICS_TOKEN", ""),
            "telephony": env.get("TELEPHONY", "twilio" if app_env == "production" else "offline"),
        }
        for name in (
            "account_sid",
            "auth_token",
            "api_key",
            "api_secret",
            "twiml_app_sid",
            "caller_id",
            "voice_ja",
            "voice_en",
            "voice_zh",
            "voice_ko",
            "voice_vi",
        ):
            raw = env.get(f"TWILIO_{name.upper()}")
            if raw:
                values[f"twilio_{name}"] = raw
        for name in (
            "booking_horizon_days",
            "max_party_size",
            "notice_number_digits",
            "lookup_limit_per_minute",
            "lookup_limit_per_day",
            "staff_session_hours",
            "trusted_proxies",
            "booking_retention_days",
            "staff_inactive_days",
        ):
            raw = env.get(name.upper())
            if raw:
                values[name] = _integer(name.upper(), raw)
        for name in ("twilio_connect_timeout", "twilio_read_timeout"):
            raw = env.get(name.upper())
            if raw:
                values[name] = float(raw)
        for name in (
            "web_address",
            "web_address_spoken",
            "web_address_spoken_en",
            "city_line_number",
            "hold_music_url",
        ):
            key = "WEB_ADDRESS_SPOKEN_JA" if name == "web_address_spoken" else name.upper()
            if env.get(key):
                values[name] = env[key].strip()
        if env.get("REMINDER_TIME"):
            values["reminder_time"] = env["REMINDER_TIME"].strip()
        if env.get("INSTANCE_DIR"):
            values["instance_dir"] = Path(env["INSTANCE_DIR"])
        values.update(overrides)
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse settings that are malformed, or unsafe in production; names every problem."""
        problems = self.problems()
        if problems:
            raise ConfigError("settings refused:\n  " + "\n  ".join(problems))

    def problems(self) -> list[str]:
        """What is wrong with these settings, one line each (empty when they may run)."""
        problems: list[str] = []
        if self.app_env not in APP_ENVS:
            problems.append(f"APP_ENV must be exactly one of {', '.join(APP_ENVS)}")
        if self.telephony not in TELEPHONIES:
            problems.append(f"TELEPHONY must be one of {', '.join(TELEPHONIES)}")
        if reminder_clock(self.reminder_time) is None:
            problems.append(
                f"REMINDER_TIME must be HH:MM between {REMINDER_EARLIEST:%H:%M} and "
                f"{REMINDER_LATEST:%H:%M} (no texts or calls at night)"
            )
        if self.booking_retention_days < 1 or self.staff_inactive_days < 1:
            problems.append("BOOKING_RETENTION_DAYS and STAFF_INACTIVE_DAYS must be at least 1")
        if self.production:
            problems += _production_problems(self)
        return problems


REMINDER_EARLIEST, REMINDER_LATEST = time(8, 0), time(20, 0)


def reminder_clock(raw: str) -> time | None:
    """REMINDER_TIME as a time of day; None when malformed or at night."""
    try:
        at = time.fromisoformat(raw) if len(raw) == 5 else None
    except ValueError:
        return None
    return at if at is not None and REMINDER_EARLIEST <= at <= REMINDER_LATEST else None


def _production_problems(settings: Settings) -> list[str]:
    """Settings that are fine for development but fail open in production."""
    problems = [
        *_secret_problems(settings),
        *_twilio_problems(settings),
    ]
    if settings.app_now is not None:
        problems.append("APP_NOW freezes the clock and is refused when APP_ENV=production")
    if settings.telephony != "twilio":
        problems.append("TELEPHONY=offline is refused in production: texts would go nowhere")
    if not settings.public_base_url.startswith("https://"):
        problems.append("PUBLIC_BASE_URL must be an https:// URL in production")
    if not settings.database_url or not settings.redis_url:
        problems.append("DATABASE_URL and REDIS_URL must be set in production")
    return problems


def _secret_problems(settings: Settings) -> list[str]:
    if settings.secret_key == Settings.secret_key:
        return ["SECRET_KEY must be set in production"]
    if len(settings.secret_key.encode()) < MIN_SECRET_KEY_BYTES:
        return [f"SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes in production"]
    return []


def _twilio_problems(settings: Settings) -> list[str]:
    problems: list[str] = []
    token = settings.twilio_auth_token
    if token == Settings.twilio_auth_token or not _AUTH_TOKEN.fullmatch(token):
        problems.append("TWILIO_AUTH_TOKEN must be set to the account's token (32 hex digits)")
    sids = {
        "TWILIO_ACCOUNT_SID": settings.twilio_account_sid,
        "TWILIO_API_KEY": settings.twilio_api_key,
        "TWILIO_TWIML_APP_SID": settings.twilio_twiml_app_sid,
    }
    for name, value in sids.items():
        optional = name != "TWILIO_ACCOUNT_SID" and value == ""
        if not optional and not _SID[name].fullmatch(value):
            problems.append(f"{name} must look like {_SID[name].pattern}")
    if settings.twilio_account_sid == Settings.twilio_account_sid:
        problems.append("TWILIO_ACCOUNT_SID must be set in production (not the placeholder)")
    if settings.twilio_api_key and not settings.twilio_api_secret:
        problems.append("TWILIO_API_SECRET must be set with TWILIO_API_KEY")
    return problems
