"""The catalogs: both languages say everything the templates ask for, with the same blanks."""

from __future__ import annotations

import re
import string
from datetime import date, time
from pathlib import Path

import pytest

from web.pages.i18n import (
    LANGUAGES,
    catalog,
    format_day,
    format_month,
    format_time,
    group_reference,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "pages" / "templates" / "pages"
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_]+)["']\s*[,)]""")


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_japanese_and_english_have_the_same_keys_and_blanks():
    ja, en = catalog("ja"), catalog("en")
    assert set(ja) == set(en)
    differ = {k for k in ja if _blanks(ja[k]) != _blanks(en[k])}
    assert differ == {"format.day", "format.month"}  # 11月 is a number, November a name


STAFF_ONLY = "staff_error."  # the staff screens' error pages: Japanese and English only


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang not in ("ja", "en")])
def test_every_other_language_says_every_phrase_with_the_same_blanks(language):
    ja, other = catalog("ja"), catalog(language)
    wanted = {key for key in ja if not key.startswith(STAFF_ONLY)}
    assert sorted(wanted - set(other)) == [], f"{language} misses phrases"
    assert sorted(set(other) - set(ja)) == [], f"{language} has phrases ja lacks"
    differ = {k for k in wanted if _blanks(ja[k]) != _blanks(other[k])}
    assert differ <= {"format.day", "format.month"}
    assert all(other[k].strip() for k in other)


def test_every_key_a_template_names_is_in_the_catalog():
    used = {
        key
        for path in TEMPLATES.glob("*.html")
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 80
    assert sorted(used - set(catalog("ja"))) == []


def test_no_template_carries_japanese_text_of_its_own():
    for path in TEMPLATES.glob("*.html"):
        text = re.sub(r"\{[{%#].*?[}%#]\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text.replace("□", "")), path.name


@pytest.mark.parametrize(
    ("language", "day", "month"),
    [("ja", "2026年11月6日（金）", "2026年11月"), ("en", "Fri 6 November 2026", "November 2026")],
)
def test_dates_read_as_people_write_them(app, language, day, month):
    with app.test_request_context():
        from flask import session

        session["lang"] = language
        assert format_day(date(2026, 11, 6)) == day
        assert format_month(2026, 11) == month
    assert format_time(time(9, 0)) == "9:00" and group_reference("1234567890") == "123 456 7890"
