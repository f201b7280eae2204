"""Settings read from the environment (12-factor), with an embedded default for every service."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from booking_core.clock import TOKYO

INSTANCE_DIR = Path(__file__).resolve().parent.parent / "instance"


class ConfigError(RuntimeError):
    """A setting is missing or not allowed in this environment."""


def _flag(value: str | None, *, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _parse_now(raw: str | None, app_env: str) -> datetime | None:
    if not raw:
        return None
    if app_env == "production":
        raise ConfigError("APP_NOW freezes the clock and is refused when APP_ENV=production")
    try:
        frozen = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise ConfigError(f"APP_NOW is not ISO 8601: {raw!r}") from exc
    return frozen if frozen.tzinfo else frozen.replace(tzinfo=TOKYO)


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
    telephony: str = "offline"
    # Seconds to open a connection to Twilio, then to wait for its answer once the request left.
    twilio_connect_timeout: float = 3.05
    twilio_read_timeout: float = 15.0
    city_line_number: str = "0120-769-706"
    web_address_spoken: str = "よこはま まいなんばー どっと じぇいぴー"
    web_address: str = "https://www.city.yokohama.lg.jp/mynumber/"
    booking_horizon_days: int = 60
    max_party_size: int = 4
    notice_number_digits: int = 9
    ratelimit_enabled: bool = True
    lookup_limit_per_minute: int = 10
    lookup_limit_per_day: int = 100
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
        app_env = env.get("APP_ENV", "development")
        values: dict[str, object] = {
            "app_env": app_env,
            "secret_key": env.get("SECRET_KEY") or cls.secret_key,
            "database_url": env.get("DATABASE_URL") or None,
            "redis_url": env.get("REDIS_URL") or None,
            "app_now": _parse_now(env.get("APP_NOW"), app_env),
            "public_base_url": env.get("PUBLIC_BASE_URL", cls.public_base_url).rstrip("/"),
            "ratelimit_enabled": _flag(env.get("RATELIMIT_ENABLED"), default=True),
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
        ):
            raw = env.get(name.upper())
            if raw:
                values[name] = int(raw)
        for name in ("twilio_connect_timeout", "twilio_read_timeout"):
            raw = env.get(name.upper())
            if raw:
                values[name] = float(raw)
        if env.get("INSTANCE_DIR"):
            values["instance_dir"] = Path(env["INSTANCE_DIR"])
        values.update(overrides)
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse settings that would be unsafe in production."""
        if not self.production:
            return
        if self.app_now is not None:
            raise ConfigError("APP_NOW is refused when APP_ENV=production")
        if self.secret_key == Settings.secret_key:
            raise ConfigError("SECRET_KEY must be set in production")
        if not self.database_url or not self.redis_url:
            raise ConfigError("DATABASE_URL and REDIS_URL must be set in production")
