"""Every message kind exists in every language, fills every placeholder, and says what to bring."""

from __future__ import annotations

import string
from datetime import date, time

import pytest

from booking_core.messages import Taken
from ivr.catalog import CATALOGS
from queues.jobs import SMS_CATALOGS, TEXTS, booking_text
from runtime.config import Settings

LANGUAGES = ("ja", "en", "zh", "ko", "vi")
PLACEHOLDERS = {"reference", "when", "center", "service", "web", "line", "bring", "rebook",
                "expires"}  # fmt: skip


def test_texts_exist_in_japanese_english_chinese_korean_and_vietnamese():
    assert sorted(SMS_CATALOGS) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_has_every_kind_with_only_known_placeholders(language):
    catalog = SMS_CATALOGS[language]
    for name in TEXTS.values():
        template = getattr(catalog, name)
        used = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        assert used <= PLACEHOLDERS, (language, name, used - PLACEHOLDERS)
        assert "{reference}" in template and "{line}" in template
    assert len(catalog.WEEKDAYS) == 7
    assert {"issue", "default"} <= set(catalog.BRING)
    assert "{rebook}" in catalog.BOOKING_CLOSURE and "{bring}" in catalog.BOOKING_REMINDER


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("purpose", sorted(TEXTS))
def test_every_message_renders_in_every_language(language, purpose):
    taken = Taken(
        1, "sms", purpose, "+819012345678", "1234567890", language, date(2026, 11, 6),
        time(14, 0), "issue", "横浜駅センター", "Yokohama Station Center", "交付", "Card issuance",
        closure_id=3 if purpose == "closure" else None,
        closure_day=date(2026, 11, 6) if purpose == "closure" else None,
    )  # fmt: skip
    body = booking_text(taken, Settings())
    assert "1234567890" in body and "{" not in body
    assert ("横浜駅センター" in body) == (language == "ja")
    if purpose == "closure":
        assert "/rebook/" in body
        assert (f"?lang={language}" in body) == (language != "ja")  # the site speaks it too


def test_the_phone_line_says_reminders_and_closures_in_each_of_its_languages():
    keys = {
        "notice_reminder",
        "notice_reminder_menu",
        "notice_closure",
        "notice_closure_menu",
        "notice_kept",
        "notice_cancel_confirm",
        "notice_not_active",
        "closure_for_caller",
    }
    for catalog in CATALOGS.values():
        assert keys <= set(catalog.m.PROMPTS), catalog.code
