"""Dates and times as callers key or say them (booking_core.phone_entries)."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core.phone_entries import (
    looks_too_old,
    parse_birth_date,
    parse_clock_time,
    parse_month_day,
    parse_spoken_date,
    parse_spoken_time,
)

MONDAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("keys", "born"),
    [
        ("19600505", date(1960, 5, 5)),
        ("3350505", date(1960, 5, 5)),  # 昭和35年5月5日
        ("4010108", date(1989, 1, 8)),  # 平成元年 from its first day
        ("3640107", date(1989, 1, 7)),  # 昭和64年, its last day
        ("5010501", date(2019, 5, 1)),  # 令和元年5月1日
        ("1991231", None),  # 明治99年 never existed
        ("3640108", None),  # 昭和64年1月8日 was already 平成
        ("4310501", None),  # 平成31年5月1日 was already 令和
        ("3000101", None),  # year 0
        ("6010101", None),  # no era 6
        ("19601332", None),
        ("20301231", None),  # not yet born
        ("1960055", None),
        ("１９６００５０５", date(1960, 5, 5)),  # full-width digits
    ],
)
def test_birth_dates_are_keyed_in_western_or_japanese_era_years(keys, born):
    assert parse_birth_date(keys, MONDAY) == born


def test_a_birth_date_over_110_years_ago_looks_wrong():
    assert looks_too_old(date(1910, 1, 1), MONDAY)
    assert not looks_too_old(date(1916, 11, 2), MONDAY)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ("0612", date(2027, 6, 12)),
        ("1102", date(2026, 11, 2)),
        ("1101", date(2026, 11, 1)),  # yesterday: past, never silently next year
        ("0105", date(2027, 1, 5)),
        ("0229", date(2028, 2, 29)),
        ("1332", None),
        ("612", None),
    ],
)
def test_month_and_day_mean_this_year_a_recent_day_past_and_early_months_next_year(keys, expected):
    assert parse_month_day(keys, MONDAY) == expected


def test_on_the_third_of_december_1202_is_past():
    assert parse_month_day("1202", date(2026, 12, 3)) == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("6月12日", date(2027, 6, 12)),
        ("十一月六日", date(2026, 11, 6)),
        ("11月ついたち", date(2026, 11, 1)),
        ("あした", date(2026, 11, 3)),
        ("明日でお願いします", date(2026, 11, 3)),
        ("あさって", date(2026, 11, 4)),
        ("来週の金曜日", date(2026, 11, 13)),
        ("今週の土曜日", date(2026, 11, 7)),
        ("金曜日", date(2026, 11, 6)),
        ("20日", date(2026, 11, 20)),
        ("1日", date(2026, 12, 1)),
        ("よろしくお願いします", None),
        ("June 12th", date(2027, 6, 12)),
        ("the 6th of November", date(2026, 11, 6)),
        ("tomorrow please", date(2026, 11, 3)),
        ("next Friday", date(2026, 11, 13)),
        ("Friday", date(2026, 11, 6)),
        ("as soon as possible", None),
    ],
)
def test_spoken_dates_are_understood(said, expected):
    assert parse_spoken_date(said, MONDAY) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("午後2時", time(14, 0)),
        ("14時半", time(14, 30)),
        ("午前10時30分", time(10, 30)),
        ("2時15分", time(14, 15)),
        ("十時", time(10, 0)),
        ("15:45", time(15, 45)),
        ("夕方", None),
        ("2 p.m.", time(14, 0)),
        ("2:30 PM", time(14, 30)),
        ("10:15 a.m.", time(10, 15)),
    ],
)
def test_spoken_times_are_understood(said, expected):
    assert parse_spoken_time(said) == expected


def test_clock_times_are_checked():
    assert parse_clock_time("1415") == time(14, 15)
    assert parse_clock_time("2460") is None
