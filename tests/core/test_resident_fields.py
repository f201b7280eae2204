"""Residents' own fields: names with or without kana, birth dates year first, My Numbers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from booking_core.calendar_file import Appointment, appointment_ics
from booking_core.resident_fields import (
    NameReading,
    fields_with_my_number,
    needs_kana,
    parse_birth_date,
    read_name,
)
from booking_core.what_to_bring import WHAT_TO_BRING, what_to_bring

TODAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("name", "kana", "read"),
    [
        ("Nguyen Van An", "", NameReading("Nguyen Van An", "")),
        ("Ｊｏｈｎ　Ｓｍｉｔｈ", "", NameReading("John Smith", "")),
        ("José Müller-O'Brien", "", NameReading("José Müller-O'Brien", "")),
        ("よこはま はなこ", "", NameReading("よこはま はなこ", "")),
        ("横浜 花子", "よこはま　ﾊﾅｺ", NameReading("横浜 花子", "ヨコハマ ハナコ")),
        ("Smith John", "スミス ジョン", NameReading("Smith John", "スミス ジョン")),
    ],
)
def test_a_name_in_latin_letters_or_kana_needs_no_kana(name, kana, read):
    assert read_name(name, kana) == read


@pytest.mark.parametrize("name", ["横浜 花子", "王 小明", "김 민준"])
def test_a_name_in_kanji_hanzi_or_hangul_asks_for_its_reading(name):
    assert needs_kana(name)
    assert read_name(name, "") == {"kana": "kana_required"}


def test_a_long_name_is_refused_not_cut_short():
    assert read_name("A" * 51, "") == {"name": "name_too_long"}
    assert read_name("A" * 50, "") == NameReading("A" * 50, "")
    assert read_name("横浜 花子", "ア" * 51) == {"kana": "kana_too_long"}
    assert read_name("", "Yokohama") == {"name": "name_required", "kana": "kana_katakana"}


@pytest.mark.parametrize(
    "typed",
    [
        "19600505",
        "1960-05-05",
        "1960/5/5",
        "1960.5.5",
        "1960 5 5",
        "1960年5月5日",
        "１９６００５０５",
    ],
)
def test_a_birth_date_is_read_year_first_in_the_ways_people_write_it(typed):
    assert parse_birth_date(typed, today=TODAY) == date(1960, 5, 5)


@pytest.mark.parametrize("typed", ["05/06/1980", "5.6.1980", "1980", "19800506x", "S55.5.6"])
def test_a_birth_date_not_year_first_is_named_a_format_error(typed):
    assert parse_birth_date(typed, today=TODAY) == "birth_date_format"


@pytest.mark.parametrize("typed", ["19801345", "20301231", "18991231"])
def test_a_birth_date_of_the_right_shape_but_no_real_past_day_is_invalid(typed):
    assert parse_birth_date(typed, today=TODAY) == "birth_date_invalid"


def test_every_field_holding_a_my_number_is_named():
    form = {"name": "番号 123456789018", "birth_date": "1234-5678-9018", "phone": "09012345678"}
    assert fields_with_my_number(form) == {"name", "birth_date"}


def test_what_to_bring_is_said_for_each_procedure_in_each_language():
    for words in WHAT_TO_BRING.values():
        assert {"issue", "apply", "default"} <= set(words)
    assert "交付通知書" in what_to_bring("issue", "ja")
    assert what_to_bring("pin", "en") == WHAT_TO_BRING["en"]["default"]
    assert what_to_bring("pin", "xx") == WHAT_TO_BRING["ja"]["default"]


def test_an_appointment_file_holds_the_time_in_utc_and_folds_long_lines():
    text = appointment_ics(
        Appointment(
            reference="1234567890",
            day=date(2026, 11, 6),
            start=time(14, 0),
            minutes=10,
            title="Card, issuance; today",
            place="横浜駅マイナンバーカード特設センター, 横浜市西区",
            description="予約番号：1234567890。" * 8,
        ),
        now=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
    )
    lines = text.split("\r\n")
    assert "DTSTART:20261106T050000Z" in lines and "DTEND:20261106T051000Z" in lines
    assert "SUMMARY:Card\\, issuance\\; today" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert text.endswith("END:VCALENDAR\r\n")
    assert "予約番号：1234567890。" * 8 in text.replace("\r\n ", "")
