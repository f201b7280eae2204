"""Booking through the pages: every step, its errors, and the booking the core holds."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from booking_core.bookings import BookingDetails, create_booking
from booking_core.models import Booking
from booking_core.policy import Actor
from tests.conftest import DEFAULT_NOW, owed_texts
from tests.web.conftest import form_token, text_of


def _bookings(runtime):
    with runtime.uow() as uow:
        return [BookingDetails.of(b) for b in uow.session.scalars(select(Booking))]


def test_a_full_booking_ends_with_the_reference_grouped_and_an_sms_note(resident, runtime):
    review = resident.book_until_review(party="2")
    assert review.status_code == 200
    page = text_of(review)
    assert "2026年11月6日（金） 14:00" in page and "ヨコハマ ハナコ" in page
    done = resident.submit("/book/review", "/book/confirm", {})
    assert done.status_code == 302 and done.location.endswith("/book/done")
    [booking] = _bookings(runtime)
    assert (booking.day, booking.start, booking.party_size) == (date(2026, 11, 6), time(14), 2)
    assert (booking.kana, booking.phone, booking.channel) == (
        "ヨコハマ ハナコ",
        "+819012345678",
        "web",
    )
    shown = text_of(resident.get("/book/done"))
    grouped = f"{booking.reference[:3]} {booking.reference[3:6]} {booking.reference[6:]}"
    assert grouped in shown
    assert "末尾5678の携帯電話にお送りします" in shown


def test_the_pages_are_japanese_by_default_and_english_on_request(resident):
    page = text_of(resident.get("/"))
    assert '<html lang="ja">' in page and "新しく予約する" in page
    assert 'href="/?lang=en" lang="en" hreflang="en">English<' in page
    english = text_of(resident.get("/book?lang=en"))
    assert '<html lang="en">' in english and "What do you need to do?" in english
    assert '<html lang="en">' in text_of(resident.get("/"))  # the choice is kept


def test_the_language_switch_keeps_the_page_and_its_month(resident):
    resident.book_until_review()
    page = text_of(resident.get("/book/calendar?month=2026-12"))
    assert 'href="/book/calendar?month=2026-12&amp;lang=en"' in resident.get(
        "/book/calendar?month=2026-12"
    ).get_data(as_text=True)
    assert "2026年12月" in page


def test_choosing_no_procedure_says_so_next_to_the_choices(resident):
    response = resident.submit("/book", "/book", {})
    page = text_of(response)
    assert response.status_code == 422
    assert '<a href="#field-service">手続きを選んでください</a>' in page
    assert 'aria-describedby="error-service"' in page


def test_a_step_without_the_earlier_ones_starts_again(resident):
    response = resident.get("/book/calendar")
    assert response.status_code == 302 and response.location == "/book?expired=1"
    assert "一定の時間が過ぎたため" in text_of(resident.get("/book?expired=1"))


def test_the_calendar_shows_closed_days_with_their_reasons(resident, runtime):
    from booking_core.models import ClosureRecord

    with runtime.uow() as uow:
        uow.session.add(
            ClosureRecord(
                center_id="yokohama",
                day=date(2026, 11, 13),
                note="システム点検",
                created_at=DEFAULT_NOW,
            )
        )
        uow.commit()
    resident.submit("/book", "/book", {"service": "cert"})
    resident.submit("/book/centre", "/book/centre", {"center": "yokohama", "party_size": "1"})
    november = text_of(resident.get("/book/calendar"))
    assert "2026年11月4日（水） 休所日 定休日（毎週水曜・木曜）" in november
    assert "2026年11月22日（日）: J-LISシステム保守日" in november
    assert "2026年11月13日（金）: 臨時休所 (システム点検)" in november
    assert '<a href="/book/day/2026-11-06">' in november
    assert '<a href="/book/day/2026-11-13">' not in november
    december = text_of(resident.get("/book/calendar?month=2026-12"))
    assert "2026年12月29日（火）: 年末年始" in december


def test_a_day_without_room_for_the_whole_party_is_full(resident, one_place_band):
    one_place_band(date(2026, 11, 6), time(11, 30), 1)
    for start in range(11 * 60 + 45, 19 * 60 + 30, 15):
        one_place_band(date(2026, 11, 6), time(start // 60, start % 60), 1)
    resident.submit("/book", "/book", {"service": "cert"})
    resident.submit("/book/centre", "/book/centre", {"center": "yokohama", "party_size": "2"})
    page = text_of(resident.get("/book/calendar"))
    assert "2026年11月6日（金） 満員" in page
    gone = resident.get("/book/day/2026-11-06")
    assert gone.status_code == 302 and gone.location == "/book/calendar?month=2026-11&gone=1"


def test_the_day_page_lists_times_with_places_left(resident):
    resident.submit("/book", "/book", {"service": "cert"})
    resident.submit("/book/centre", "/book/centre", {"center": "yokohama", "party_size": "1"})
    page = text_of(resident.get("/book/day/2026-11-06"))
    assert '<button class="time-button" type="submit" name="start" value="11:30">' in page
    assert 'value="19:15"' in page and 'value="19:30"' not in page
    assert "残り22" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "birth_date",
            "05/06/1980",
            "生年月日の形式が正しくありません。西暦・年月日の順に8桁の数字で入力してください（例：19600505）",
        ),
        ("birth_date", "19601345", "生年月日が正しくありません。西暦の年・月・日をご確認ください"),
        ("kana", "Yokohama", "フリガナはカタカナで入力してください"),
        ("phone", "12345", "電話番号が正しくありません。市外局番から入力してください"),
        ("name", "番号 123456789018", "マイナンバー（12桁の個人番号）は入力しないでください"),
    ],
)
def test_a_bad_detail_is_explained_next_to_its_field(resident, field, value, message):
    resident.book_until_review()
    page_url = "/book/details"
    good = {
        "name": "横浜 花子",
        "kana": "ヨコハマ ハナコ",
        "birth_date": "19600505",
        "phone": "09012345678",
        "address": "",
    }
    response = resident.submit(page_url, page_url, {**good, field: value})
    page = text_of(response)
    assert response.status_code == 422
    assert f'<p class="error-message" id="error-{field}">' in page and message in page
    assert f'aria-describedby="hint-{field} error-{field}"' in page
    assert page.index("error-summary") < page.index("<h1>")


@pytest.mark.parametrize("field", ["name", "kana", "address", "phone", "birth_date"])
def test_a_refused_my_number_is_never_echoed_back_into_the_form(resident, field):
    resident.book_until_review()
    good = {
        "name": "横浜 花子",
        "kana": "ヨコハマ ハナコ",
        "birth_date": "19600505",
        "phone": "09012345678",
        "address": "",
    }
    response = resident.submit("/book/details", "/book/details", {**good, field: "123456789018"})
    assert response.status_code == 422
    assert "123456789018" not in text_of(response)


def test_a_my_number_as_notice_number_is_not_echoed(resident):
    resident.submit("/book", "/book", {"service": "issue"})
    response = resident.submit(
        "/book/card", "/book/card", {"notice_number": "1234 5678 9018", "birth_date": "19500401"}
    )
    assert response.status_code == 422
    assert "1234 5678 9018" not in text_of(response)


def test_hiragana_and_half_width_kana_are_kept_as_katakana(resident, runtime):
    resident.book_until_review(details={"kana": "よこはま　ﾊﾅｺ"})
    resident.submit("/book/review", "/book/confirm", {})
    [booking] = _bookings(runtime)
    assert booking.kana == "ヨコハマ ハナコ"


def test_issuance_finds_the_centre_of_the_cards_ward(resident, runtime, ready_card):
    ready_card(notice_number="123456789", birth_date=date(1950, 4, 1), ward_id="kohoku")
    resident.submit("/book", "/book", {"service": "issue"})
    found = resident.submit(
        "/book/card", "/book/card", {"notice_number": "123 456789", "birth_date": "19500401"}
    )
    assert found.location == "/book/calendar"
    calendar = text_of(resident.get("/book/calendar"))
    assert "お住まいの区を担当する、次の特設センターでカードをお渡しします。" in calendar
    assert "センター北駅マイナンバーカード特設センター" in calendar
    resident.submit("/book/day/2026-11-13", "/book/time", {"day": "2026-11-13", "start": "12:00"})
    details = text_of(resident.get("/book/details"))
    assert 'id="field-birth_date"' not in details  # already given with the notice number
    resident.submit(
        "/book/details",
        "/book/details",
        {"name": "港北 一郎", "kana": "コウホク イチロウ", "phone": "045-000-0000"},
    )
    resident.submit("/book/review", "/book/confirm", {})
    [booking] = _bookings(runtime)
    assert (booking.center_id, booking.notice_number, booking.party_size) == (
        "center-kita",
        "123456789",
        1,
    )
    assert "携帯電話の番号ではないため、SMSはお送りしません。" in text_of(
        resident.get("/book/done")
    )


def test_an_unknown_card_is_refused_in_plain_words(resident, ready_card):
    resident.submit("/book", "/book", {"service": "issue"})
    response = resident.submit(
        "/book/card", "/book/card", {"notice_number": "999999999", "birth_date": "19500401"}
    )
    assert response.status_code == 404
    assert "交付の準備ができたカードが見つかりませんでした" in text_of(response)
    short = resident.submit(
        "/book/card", "/book/card", {"notice_number": "1234", "birth_date": "19500401"}
    )
    assert short.status_code == 422 and "9桁の数字で入力してください" in text_of(short)


def test_a_place_gone_during_review_offers_the_nearest_times(
    resident, runtime, one_place_band, booking_request, clock
):
    one_place_band(date(2026, 11, 6), time(14, 0), 1)
    resident.book_until_review()
    create_booking(
        runtime.uow(),
        booking_request(phone="+819099998888"),
        now=clock.now(),
        actor=Actor.resident("api"),
        policy=runtime.policy,
    )
    response = resident.submit("/book/review", "/book/confirm", {})
    assert response.location == "/book/full"
    page = text_of(resident.get("/book/full"))
    assert "選ばれた時間は満員になりました" in page and "予約はまだ完了していません" in page
    assert 'name="start" value="14:15"' in page and 'name="start" value="13:45"' in page
    assert [b.phone for b in _bookings(runtime)] == ["+819099998888"]
    resident.submit("/book/full", "/book/time", {"day": "2026-11-06", "start": "14:15"})
    done = resident.submit("/book/review", "/book/confirm", {})
    assert done.location == "/book/done"
    assert sorted(b.start for b in _bookings(runtime)) == [time(14, 0), time(14, 15)]


def test_a_double_submitted_review_makes_one_booking_and_owes_one_text(resident, runtime):
    resident.book_until_review()
    token = form_token(resident.get("/book/review").get_data(as_text=True))
    first = resident.client.post("/book/confirm", data={"csrf_token": token})
    second = resident.client.post("/book/confirm", data={"csrf_token": token})
    assert first.location == second.location == "/book/done"
    [booking] = _bookings(runtime)
    assert owed_texts(runtime, booking.reference) == [("sms_confirmation", "pending")]
    assert owed_texts(runtime) == [("sms_confirmation", "pending")]


def test_a_second_booking_of_the_same_procedure_is_explained(
    resident, runtime, booking_request, clock
):
    create_booking(
        runtime.uow(),
        booking_request(start=time(15, 0)),
        now=clock.now(),
        actor=Actor.resident("api"),
        policy=runtime.policy,
    )
    resident.book_until_review()
    response = resident.submit("/book/review", "/book/confirm", {})
    assert response.status_code == 409
    assert "この手続きのご予約がすでにあります" in text_of(response)
    assert len(_bookings(runtime)) == 1


def test_a_form_without_its_token_is_refused(resident, runtime):
    resident.book_until_review()
    response = resident.client.post("/book/confirm", data={})
    assert response.status_code == 400
    assert "ページの有効期限が切れました" in text_of(response)
    assert _bookings(runtime) == []
