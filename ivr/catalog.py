"""Per-language catalogs: the words, the TTS voice and language, and how dates are spoken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from ivr import catalog_en, catalog_ja, catalog_ko, catalog_vi, catalog_zh

DEFAULT_LANGUAGE = "ja"


@dataclass(frozen=True)
class Speech:
    """One thing said: the text and the catalog language it is in.

    `fixed` marks a catalog prompt said word for word (nothing of the caller's filled in):
    TwiML made only of such prompts is rendered once and reused (ivr.twiml).
    """

    lang: str
    text: str
    fixed: bool = field(default=False, compare=False)


class Catalog:
    """One language's prompts and spoken formats, read from a catalog module."""

    def __init__(self, module: ModuleType) -> None:
        self.m = module
        self.code: str = module.CODE
        self.language: str = module.LANGUAGE
        self.voice_setting: str = module.VOICE_SETTING
        self.web_setting: str = module.WEB_SETTING

    def web(self, settings: object) -> str:
        """The web address as this language says it (from configuration, like the texts')."""
        return str(getattr(settings, self.web_setting))

    def text(self, key: str, **values: Any) -> str:
        """A prompt with its placeholders filled."""
        template: str = self.m.PROMPTS[key]
        return template.format(**values) if values else template

    def say(self, key: str, **values: Any) -> Speech:
        """A prompt as Speech."""
        return Speech(self.code, self.text(key, **values), fixed=not values)

    def date(self, day: dt.date) -> str:
        """A date as people say it: 6月12日 金曜日 / Friday, June 12."""
        return str(
            self.m.DATE.format(
                month=self.m.MONTHS[day.month - 1],
                day=day.day,
                weekday=self.m.WEEKDAYS[day.weekday()],
            )
        )

    def birth_date(self, day: dt.date) -> str:
        """A birth date with its year."""
        return str(
            self.m.BIRTH_DATE.format(year=day.year, month=self.m.MONTHS[day.month - 1], day=day.day)
        )

    def time(self, at: dt.time) -> str:
        """A time as people say it: 午後2時15分 / 2:15 P.M."""
        period = self.m.PERIODS["am" if at.hour < 12 else "pm"]
        hour = at.hour % 12 or self.m.NOON_HOUR
        template = self.m.TIME_ON_HOUR if at.minute == 0 else self.m.TIME_WITH_MINUTES
        return str(template.format(period=period, hour=hour, minute=at.minute))

    def digits(self, number: str) -> str:
        """A number read digit by digit."""
        return str(self.m.DIGIT_SEPARATOR.join(number))

    def reference(self, number: str) -> str:
        """A booking reference in groups of 3, 3 and 4 digits, each read digit by digit."""
        groups = [number[:3], number[3:6], number[6:]] if len(number) == 10 else [number]
        return str(self.m.REFERENCE_GROUP.join(self.digits(g) for g in groups if g))

    def phone_number(self, number: str) -> str:
        """A phone number read digit by digit, its groups (0120-769-706) apart."""
        groups = [g for g in number.replace(" ", "-").split("-") if g]
        return str(self.m.REFERENCE_GROUP.join(self.digits(g) for g in groups))

    def bring(self, service: str) -> str:
        """What to bring for a procedure: the items the booking's text names, as a sentence."""
        items = self.m.TEXTS.BRING.get(service, self.m.TEXTS.BRING["default"])
        return str(self.m.BRING_PHRASE.format(items=items))

    def choices(self, items: list[str]) -> str:
        """A numbered list of choices, keys from 1."""
        spoken = [self.m.CHOICE.format(key=i, what=w) for i, w in enumerate(items, start=1)]
        return str(self.m.LIST_SEPARATOR.join(spoken))

    def keyed_choices(self, pairs: list[tuple[str, str]]) -> str:
        """Choices with their own keys: (key, what) pairs as said in a menu."""
        spoken = [self.m.CHOICE.format(key=key, what=what) for key, what in pairs]
        return str(self.m.LIST_SEPARATOR.join(spoken))

    def listing(self, items: list[str]) -> str:
        """Items one after another."""
        return str(self.m.LIST_SEPARATOR.join(items))

    def service(self, code: str) -> str:
        """A procedure's spoken name."""
        return str(self.m.SERVICES.get(code, code))

    def center(self, center_id: str) -> str:
        """A centre's spoken name."""
        return str(self.m.CENTERS.get(center_id, center_id))

    def address(self, center_id: str) -> str:
        """A centre's spoken address."""
        return str(self.m.ADDRESSES.get(center_id, ""))

    def closed_reason(self, reason: str) -> str:
        """Why a centre is closed, as a phrase."""
        return str(self.m.CLOSED_REASONS.get(reason, self.m.CLOSED_REASONS["ad_hoc"]))


CATALOGS = {
    c.code: c for c in map(Catalog, (catalog_ja, catalog_en, catalog_zh, catalog_ko, catalog_vi))
}
# The welcome's language keys: Japanese goes on without one (or with 1).
LANGUAGE_KEYS = {"1": "ja", "2": "en", "3": "zh", "4": "ko", "5": "vi"}


def catalog(code: str) -> Catalog:
    """The catalog of a language, Japanese when unknown."""
    return CATALOGS.get(code) or CATALOGS[DEFAULT_LANGUAGE]
