"""Dates and times as callers key or say them: birth dates (西暦 or 元号), month and day,
clock times, and the words a speech recogniser returns (「6月12日」「あした」「午後2時」).

Pure functions of the text and today's date: no clock, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time, timedelta

# 元号 keyed as one digit before YYMMDD: code -> (name, first day of the era)
ERAS = {
    "1": ("明治", date(1868, 10, 23)),
    "2": ("大正", date(1912, 7, 30)),
    "3": ("昭和", date(1926, 12, 25)),
    "4": ("平成", date(1989, 1, 8)),
    "5": ("令和", date(2019, 5, 1)),
}
OLDEST_BIRTH = date(1900, 1, 1)
# A month and day earlier this year than today is "past" up to this many days back; earlier
# than that it means next year (「0105」 keyed in December).
PAST_DAYS = 90


def plain(text: str) -> str:
    """Full-width digits and letters as ASCII, spaces removed (as callers and recognisers give)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _era_end(code: str) -> date:
    later = ERAS.get(str(int(code) + 1))
    return later[1] - timedelta(days=1) if later else date.max


def parse_birth_date(digits: str, today: date) -> date | None:
    """YYYYMMDD (西暦), or a 元号 code and YYMMDD (3350505 = 昭和35年5月5日); a real day of
    that era, from 1900 to today."""
    digits = plain(digits)
    if not digits.isdigit():
        return None
    try:
        if len(digits) == 8:
            born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        elif len(digits) == 7 and digits[0] in ERAS:
            start = ERAS[digits[0]][1]
            year = start.year + int(digits[1:3]) - 1
            born = date(year, int(digits[3:5]), int(digits[5:]))
            if int(digits[1:3]) == 0 or not start <= born <= _era_end(digits[0]):
                return None
        else:
            return None
    except ValueError:
        return None
    return born if OLDEST_BIRTH <= born <= today else None


def looks_too_old(born: date, today: date) -> bool:
    """A birth date that makes the person over 110: read it back before going on."""
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) > 110


def month_day(month: int, day: int, today: date) -> date | None:
    """The date a caller means by a month and day: this year, a recent past day as past (never
    silently next year), otherwise the next year that has it."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    for year in range(today.year, today.year + 5):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today or (year == today.year and (today - candidate).days <= PAST_DAYS):
            return candidate
    return None


def parse_month_day(digits: str, today: date) -> date | None:
    """MMDD keyed in (see month_day; a past date comes back as it is, for the caller to say so)."""
    digits = plain(digits)
    if len(digits) != 4 or not digits.isdigit():
        return None
    return month_day(int(digits[:2]), int(digits[2:]), today)


def parse_clock_time(digits: str) -> time | None:
    """HHMM on the 24-hour clock."""
    digits = plain(digits)
    if len(digits) != 4 or not digits.isdigit():
        return None
    hour, minute = int(digits[:2]), int(digits[2:])
    return time(hour, minute) if hour < 24 and minute < 60 else None


_KANJI_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _kanji_number(text: str) -> str:
    """Kanji numerals up to 99 (十二, 二十五, 三十) as digits; anything else is left alone."""

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if "十" not in word:
            return "".join(str(_KANJI_DIGITS[c]) for c in word)
        tens, _, ones = word.partition("十")
        return str((_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0))

    return re.sub(r"[〇一二三四五六七八九十]+", one, text)


def _spoken(text: str) -> str:
    return _kanji_number(plain(text).replace("ついたち", "1日"))


_WEEKDAYS = "月火水木金土日"
_RELATIVE = {"今日": 0, "きょう": 0, "本日": 0, "明日": 1, "あした": 1, "あす": 1,
             "明後日": 2, "あさって": 2}  # fmt: skip


def _weekday(text: str, today: date) -> date | None:
    found = re.search(r"(再来週|来週|今週)?の?([月火水木金土日])曜", text)
    if found is None:
        return None
    target = _WEEKDAYS.index(found.group(2))
    week = {"来週": 1, "再来週": 2, "今週": 0}.get(found.group(1) or "")
    if week is None:  # 「金曜日」 alone: the next one from today on
        return today + timedelta(days=(target - today.weekday()) % 7)
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week)
    return monday + timedelta(days=target)


_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")  # fmt: skip
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _english_date(said: str, today: date) -> date | None:
    """「June 12」「the 12th of June」「tomorrow」「next Friday」 (English callers)."""
    words = re.sub(r"[^a-z0-9 ]", " ", said.lower())
    for word, days in (("day after tomorrow", 2), ("tomorrow", 1), ("today", 0)):
        if word in words:
            return today + timedelta(days=days)
    for number, name in enumerate(_MONTHS_EN, start=1):
        if name in words and (found := re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", words)):
            return month_day(number, int(found.group(1)), today)
    for number, name in enumerate(_WEEKDAYS_EN):
        if name in words:
            ahead = (number - today.weekday()) % 7
            if "next" in words:  # 「next Friday」: in the coming week, as 来週の金曜日
                monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
                return monday + timedelta(days=number)
            return today + timedelta(days=ahead)
    return None


def parse_spoken_date(text: str, today: date) -> date | None:
    """A date as said: 「6月12日」「12日」「あした」「来週の金曜日」, or in English; None when
    unclear."""
    if re.search(r"[A-Za-z]{3}", text):
        return _english_date(text, today)
    said = _spoken(text)
    if found := re.search(r"(\d{1,2})月(\d{1,2})日", said):
        return month_day(int(found.group(1)), int(found.group(2)), today)
    for word, days in sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0])):
        if word in said:
            return today + timedelta(days=days)
    if (day := _weekday(said, today)) is not None:
        return day
    if found := re.fullmatch(r"(\d{1,2})日", said.rstrip("。です")):
        day_no = int(found.group(1))
        for months_ahead in range(2):
            month = (today.month - 1 + months_ahead) % 12 + 1
            year = today.year + (today.month - 1 + months_ahead) // 12
            try:
                candidate = date(year, month, day_no)
            except ValueError:
                continue
            if candidate >= today:
                return candidate
    return None


def _english_time(found: re.Match[str]) -> str:
    period = "午前" if found.group(3) == "am" else "午後"
    return f"{period}{found.group(1)}時{found.group(2) or '00'}分"


def parse_spoken_time(text: str) -> time | None:
    """A time as said: 「午後2時」「14時半」「2時15分」「10:30」; an hour from 1 to 8 without
    午前 means the afternoon (the centres open at 9:00 at the earliest)."""
    said = _spoken(text).lower().replace(".", "")
    said = re.sub(r"(\d{1,2})(?::(\d{2}))?(am|pm)", _english_time, said)  # 「2:30 p.m.」
    found = re.search(r"(午前|午後)?(\d{1,2})(?:時|:)(半|(\d{1,2})分?)?", said)
    if found is None:
        return None
    period, hour = found.group(1), int(found.group(2))
    minute = 30 if found.group(3) == "半" else int(found.group(4) or 0)
    if (period == "午後" and hour < 12) or (period is None and 1 <= hour <= 8):
        hour += 12
    if period == "午前" and hour == 12:
        hour = 0
    return time(hour, minute) if hour < 24 and minute < 60 else None
