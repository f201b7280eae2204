"""Dates and times keyed in on the phone: birth dates, month-and-day, clock times."""

from __future__ import annotations

from datetime import date, time


def parse_birth_date(digits: str, today: date) -> date | None:
    """YYYYMMDD, a real date in the past."""
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return born if date(1900, 1, 1) <= born <= today else None


def parse_month_day(digits: str, today: date) -> date | None:
    """MMDD: the next such date from today on (this year, else the next year it exists)."""
    if len(digits) != 4 or not digits.isdigit():
        return None
    month, day = int(digits[:2]), int(digits[2:])
    for year in range(today.year, today.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            if not 1 <= month <= 12 or not 1 <= day <= 31:
                return None
            continue
        if candidate >= today:
            return candidate
    return None


def parse_clock_time(digits: str) -> time | None:
    """HHMM on the 24-hour clock."""
    if len(digits) != 4 or not digits.isdigit():
        return None
    hour, minute = int(digits[:2]), int(digits[2:])
    return time(hour, minute) if hour < 24 and minute < 60 else None
