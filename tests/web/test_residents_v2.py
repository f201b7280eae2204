"""Residents' site v2: names without kana, input kept, errors summed up, the visit guide,
the privacy notice, six languages and the booking's language for its texts."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from booking_core.bookings import create_booking
from booking_core.models import Booking
from booking_core.policy import Actor
from tests.web.conftest import form_token, text_of
from web.pages import drafts

GOOD = {
    "name": "Nguyen Van An",
    "kana": "",
    "birth_date": "1980-05-06",
    "phone": "090-1234-5678",
    "address": "",
}


def _booking(runtime) -> Booking:
    with runtime.uow() as uow:
        [row] = uow.session.scalars(select(Booking)).all()
        uow.session.expunge(row)
        return row


@pytest.fixture
def booked(runtime, booking_request, clock) -> str:
    made = create_booking(
        runtime.uow(),
        booking_request(),
        now=clock.now(),
        actor=Actor.resident("web"),
        policy=runtime.policy,
    )
    return made.reference


def test_a_name_in_latin_letters_books_without_kana_on_the_english_site(resident, runtime):
    resident.get("/?lang=en")
    review = resident.book_until_review(details=GOOD)
    assert review.status_code == 200 and "Nguyen Van An" in text_of(review)
    resident.submit("/book/review", "/book/confirm", {})
    booking = _booking(runtime)
    assert (booking.name, booking.kana, booking.language) == ("Nguyen Van An", "", "en")


def test_a_name_in_kanji_asks_for_its_reading_with_the_reason(resident):
    resident.get("/?lang=en")
    resident.book_until_review()
    response = resident.submit("/book/details", "/book/details", {**GOOD, "name": "王 小明"})
    page = text_of(response)
    assert response.status_code == 422
    assert "Your name is not in Latin letters: enter how it sounds, in katakana" in page


def test_a_long_name_is_refused_with_a_word_and_the_field_has_no_length_cap(resident):
    resident.book_until_review()
    response = resident.submit("/book/details", "/book/details", {**GOOD, "name": "A" * 60})
    assert response.status_code == 422
    assert "氏名は50文字以内で入力してください" in text_of(response)
    assert "maxlength" not in text_of(resident.get("/book/details"))


def test_a_birth_date_day_first_is_named_a_format_error_and_the_format_is_stated(resident):
    resident.get("/?lang=en")
    resident.book_until_review()
    response = resident.submit(
        "/book/details", "/book/details", {**GOOD, "birth_date": "05/06/1980"}
    )
    page = text_of(response)
    assert "Date of birth is not in the right format" in page
    assert "8 digits, year first (YYYYMMDD)" in page


def test_a_refused_form_keeps_its_values_and_errors_in_the_next_language(resident):
    resident.book_until_review()
    typed = {**GOOD, "name": "王 小明", "phone": "12345"}
    response = resident.submit("/book/details", "/book/details", typed)
    token = form_token(text_of(response))
    assert 'formaction="/language?to=en&amp;next=/book/details"' in response.get_data(as_text=True)
    switched = resident.client.post(
        "/language?to=en&next=/book/details", data={"csrf_token": token, **typed}
    )
    assert switched.location == "/book/details"
    page = text_of(resident.get("/book/details"))
    assert '<html lang="en">' in page and 'value="王 小明"' in page
    assert page.startswith("<!doctype html>") and "<title>Error: " in page
    assert "Enter a valid phone number" in page and "enter how it sounds, in katakana" in page


def test_a_value_changed_before_the_switch_loses_its_old_error(resident):
    resident.book_until_review()
    typed = {**GOOD, "phone": "12345"}
    token = form_token(text_of(resident.submit("/book/details", "/book/details", typed)))
    resident.client.post(
        "/language?to=ko&next=/book/details",
        data={"csrf_token": token, **typed, "phone": "09011112222"},
    )
    page = text_of(resident.get("/book/details"))
    assert 'value="09011112222"' in page and "error-summary" not in page


def test_a_language_button_on_a_page_with_a_query_keeps_the_form_for_its_path(resident):
    token = form_token(text_of(resident.get("/manage?expired=1")))
    back = resident.client.post(
        "/language?to=zh&next=/manage?expired%3D1",
        data={"csrf_token": token, "reference": "1234567890", "birth_date": "1960"},
    )
    assert back.location == "/manage?expired=1"
    assert 'value="1234567890"' in text_of(resident.get(back.location))


def test_the_language_button_goes_back_only_to_this_site(resident):
    token = form_token(text_of(resident.get("/manage")))
    gone = resident.client.post("/language?to=vi&next=//evil.example/", data={"csrf_token": token})
    assert gone.location == "/"


def test_details_typed_after_the_booking_expired_are_kept_for_the_next_try(resident, runtime):
    resident.book_until_review()
    token = form_token(text_of(resident.get("/book/details")))
    drafts_key = [k for k in runtime.redis.keys("web:draft:book:*")]
    runtime.redis.delete(*drafts_key)
    late = resident.client.post("/book/details", data={"csrf_token": token, **GOOD})
    assert late.location == "/book?expired=1&kept=1"
    assert "入力されたお名前などは残してあります" in text_of(resident.get(late.location))
    resident.submit("/book", "/book", {"service": "cert"})
    resident.submit("/book/centre", "/book/centre", {"center": "yokohama", "party_size": "1"})
    resident.submit("/book/day/2026-11-06", "/book/time", {"day": "2026-11-06", "start": "14:00"})
    assert 'value="Nguyen Van An"' in text_of(resident.get("/book/details"))


@pytest.mark.parametrize("field", ["reference", "birth_date"])
def test_a_my_number_in_the_manage_lookup_is_refused_and_never_shown(resident, booked, field):
    typed = {"reference": booked, "birth_date": "19600505", field: "1234 5678 9018"}
    response = resident.submit("/manage", "/manage", typed)
    page = text_of(response)
    assert response.status_code == 422
    assert "マイナンバー（12桁の個人番号）は入力しないでください" in page
    assert "9018" not in page


def test_a_booking_not_found_is_in_the_error_summary_with_the_title_prefix(resident, booked):
    response = resident.submit(
        "/manage", "/manage", {"reference": booked, "birth_date": "19610505"}
    )
    page = text_of(response)
    assert response.status_code == 404 and "<title>エラー：" in page
    summary = page[page.index('class="error-summary"') :]
    assert '<a href="#field-reference">' in summary[:600]


def test_a_card_not_found_is_in_the_error_summary(resident):
    resident.submit("/book", "/book", {"service": "issue"})
    response = resident.submit(
        "/book/card", "/book/card", {"notice_number": "123456789", "birth_date": "19500401"}
    )
    page = text_of(response)
    assert response.status_code == 404 and "<title>エラー：" in page
    assert '<a href="#field-notice_number">' in page


def test_the_done_page_says_what_to_bring_when_to_come_and_how_to_get_there(resident):
    resident.book_until_review()
    resident.submit("/book/review", "/book/confirm", {})
    page = text_of(resident.get("/book/done"))
    assert "マイナンバーカード、本人確認書類" in page  # what_to_bring("cert", "ja")
    assert "予約時刻の5分前までにお越しください" in page
    assert "https://www.google.com/maps/search/?api=1&query=" in page
    assert re.search(r'href="tel:[0-9+]+"', page)
    assert 'href="/book/done/booking.ics"' in page and "print-button" in page


def test_the_booking_downloads_as_a_calendar_file(resident):
    resident.book_until_review()
    resident.submit("/book/review", "/book/confirm", {})
    answer = resident.get("/book/done/booking.ics")
    assert answer.mimetype == "text/calendar"
    assert answer.headers["Content-Disposition"].startswith("attachment;")
    body = answer.get_data(as_text=True)
    assert "DTSTART:20261106T050000Z" in body and "本人確認書類" in body.replace("\r\n ", "")


def test_an_opened_booking_downloads_as_a_calendar_file(resident, booked):
    resident.submit("/manage", "/manage", {"reference": booked, "birth_date": "19600505"})
    assert 'href="/manage/booking.ics"' in text_of(resident.get("/manage/booking"))
    body = resident.get("/manage/booking.ics").get_data(as_text=True)
    assert f"UID:{booked}@" in body


@pytest.mark.parametrize(
    "url", ["/book/details", "/book/card", "/manage", "/visit", "/visit/status"]
)
def test_every_form_links_to_the_privacy_notice(resident, url):
    resident.submit("/book", "/book", {"service": "issue" if url == "/book/card" else "cert"})
    if url == "/book/details":
        resident.book_until_review()
    assert 'href="/privacy"' in text_of(resident.get(url))


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(resident):
    page = text_of(resident.get("/privacy"))
    assert "<h1>個人情報の取扱い</h1>" in page and "1年" in page and "45分" in page


def test_the_procedures_are_explained_where_they_are_chosen(resident):
    page = text_of(resident.get("/book"))
    assert "電子証明書（コンビニ交付やe-Taxなどに使用）を発行・更新します" in page


def test_the_home_page_title_names_the_site_once_and_there_is_a_favicon(resident):
    page = text_of(resident.get("/"))
    title = re.search(r"<title>(.*)</title>", page).group(1)
    assert title == "横浜市 マイナンバーカード特設センター 来所予約"
    assert 'rel="icon"' in page
    assert resident.get("/favicon.ico").location == "/assets/pages/favicon.svg"
    icon = resident.get("/assets/pages/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    icon.close()


@pytest.mark.parametrize(
    ("lang", "html", "said"),
    [
        ("easy", "ja", "よやく"),
        ("zh", "zh-Hans", "预约"),
        ("ko", "ko", "예약"),
        ("vi", "vi", "Đặt lịch"),
    ],
)
def test_each_language_is_chosen_from_the_page_and_kept(resident, lang, html, said):
    page = text_of(resident.get(f"/?lang={lang}"))
    assert f'<html lang="{html}">' in page and said in page
    for other in ("ja", "easy", "en", "zh", "ko", "vi"):
        if other != lang:
            assert f"lang={other}" in page
    assert f'<html lang="{html}">' in text_of(resident.get("/book"))


@pytest.mark.parametrize(
    ("lang", "recorded"), [("zh", "zh"), ("ko", "ko"), ("vi", "vi"), ("easy", "ja")]
)
def test_a_booking_records_its_language_for_its_texts(resident, runtime, lang, recorded):
    resident.get(f"/?lang={lang}")
    resident.book_until_review(details=GOOD)
    resident.submit("/book/review", "/book/confirm", {})
    assert _booking(runtime).language == recorded


def test_the_kept_form_is_given_once(app, runtime):
    with app.test_request_context("/"):
        drafts.keep_switched_form("/manage", {"reference": "1"})
        assert drafts.kept_form("/manage") is not None
        assert drafts.kept_form("/manage") is None
