"""Home-visit requests on the web: form, review, receipt, and the callback list staff work from."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest
from sqlalchemy import select

from booking_core.errors import InvalidRequest
from booking_core.home_visits import HomeVisitDetails, HomeVisitRequest, request_home_visit
from booking_core.models import AuditEvent
from booking_core.policy import Actor
from booking_core.visit_models import HomeVisit
from queues import acd, callbacks, keys
from tests.web.conftest import form_token, text_of

FORM = {
    "service": "visit-apply",
    "reason": "bedridden",
    "name": "横浜 ハル",
    "kana": "よこはま はる",
    "birth_date": "19380303",
    "phone": "045-200-1234",
    "address": "横浜市中区本町6-50-10 みなとハイツ101",
    "facility": "",
    "access_notes": "耳が遠いので、インターホンの後に戸を叩いてください",
}
PERSONAL = ("横浜 ハル", "ヨコハマ", "19380303", "1938-03-03", "2001234", "本町6-50-10", "耳が遠い")


def _send(resident, **changes):
    return resident.submit("/visit", "/visit", {**FORM, **changes})


def _rows(runtime) -> list[HomeVisitDetails]:
    with runtime.uow() as uow:
        return [HomeVisitDetails.of(v) for v in uow.session.scalars(select(HomeVisit))]


def test_the_front_page_leads_to_the_home_visit_form(resident):
    start = text_of(resident.get("/"))
    assert 'href="/visit">訪問によるサポートを申し込む</a>' in start
    page = text_of(resident.get("/visit"))
    assert "<h1>訪問によるサポートのお申し込み</h1>" in page
    assert 'value="visit-apply"' in page and 'value="visit-issue"' in page
    assert "訪問による申請サポート" in page and "訪問によるカードの交付" in page


def test_a_request_is_reviewed_then_recorded_audited_and_queued_for_a_callback(resident, runtime):
    assert _send(resident).location == "/visit/review"
    review = text_of(resident.get("/visit/review"))
    assert "まだお申し込みは完了していません" in review
    assert "ヨコハマ ハル" in review and "045-200-1234" in review and "耳が遠い" in review
    assert _rows(runtime) == []
    done = resident.submit("/visit/review", "/visit/review", {})
    assert done.location == "/visit/done"
    [row] = _rows(runtime)
    assert (row.service_code, row.kana) == ("visit-apply", "ヨコハマ ハル")
    assert row.phone == "+81452001234"
    page = text_of(resident.get("/visit/done"))
    assert "お申し込みを受け付けました" in page
    assert f"{row.reference[:4]} {row.reference[4:]}" in page
    assert "末尾1234の電話番号にお電話して" in page
    [entry] = [json.loads(x) for x in runtime.redis.lrange(keys.CALLBACKS_KEY, 0, -1)]
    assert (entry["caller"], entry["topic"], entry["language"]) == ("+81452001234", "visit", "ja")
    with runtime.uow() as uow:
        actions = [(a.action, a.entity_id) for a in uow.session.scalars(select(AuditEvent))]
    assert ("home_visit.request", row.reference) in actions


def test_the_request_shows_in_the_visit_queue_callback_list(resident, runtime, clock):
    _send(resident)
    resident.submit("/visit/review", "/visit/review", {})
    acd.absorb_callbacks(runtime.redis, clock.now())
    [waiting] = callbacks.waiting(runtime.redis)
    assert (waiting["queue"], waiting["kind"], waiting["number"]) == (
        "visit", "callback", "+81452001234",
    )  # fmt: skip


def test_sending_the_review_twice_records_one_request(resident, runtime):
    _send(resident)
    token = form_token(resident.get("/visit/review").get_data(as_text=True))
    first = resident.client.post("/visit/review", data={"csrf_token": token})
    second = resident.client.post("/visit/review", data={"csrf_token": token})
    assert first.location == second.location == "/visit/done"
    assert len(_rows(runtime)) == 1
    assert runtime.redis.llen(keys.CALLBACKS_KEY) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("service", "", "ご希望の内容を選んでください"),
        ("service", "cert", "ご希望の内容を選んでください"),
        ("address", "", "訪問先の住所を入力してください"),
        ("kana", "yokohama", "フリガナはカタカナで入力してください"),
        ("birth_date", "1938", "生年月日の形式が正しくありません"),
        ("phone", "12", "電話番号が正しくありません"),
        ("access_notes", "あ" * 301, "300文字以内で入力してください"),
        ("access_notes", "番号は 1234 5678 9018", "マイナンバー（12桁の個人番号）は入力しない"),
    ],
)
def test_errors_are_shown_next_to_the_field(resident, runtime, field, value, message):
    response = _send(resident, **{field: value})
    page = text_of(response)
    assert response.status_code == 422
    assert f'<p class="error-message" id="error-{field}">' in page and message in page
    assert _rows(runtime) == []


def test_the_form_is_in_english_when_chosen(resident, ready_card):
    ready_card(birth_date=date(1938, 3, 3))
    resident.get("/?lang=en")
    _send(resident, service="visit-issue", notice_number="123-456789")
    review = text_of(resident.get("/visit/review"))
    assert "Check your request" in review and "Home-visit card issuance" in review
    resident.submit("/visit/review", "/visit/review", {})
    assert "We have received your request" in text_of(resident.get("/visit/done"))


def test_a_post_without_the_token_is_refused(resident, runtime):
    response = resident.client.post("/visit", data=FORM)
    assert response.status_code == 400 and _rows(runtime) == []


def test_no_personal_data_in_urls_logs_or_cookie(resident, app, caplog):
    caplog.set_level(logging.DEBUG)
    locations = [_send(resident).location]
    locations.append(resident.submit("/visit/review", "/visit/review", {}).location)
    text_of(resident.get("/visit/done"))
    cookie = resident.client.get_cookie("session")
    stored = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    for text in [*locations, caplog.text, str(stored)]:
        assert not any(value in text for value in PERSONAL), text
    assert resident.get("/visit/done").headers["Cache-Control"] == "no-store"


def test_the_review_and_receipt_need_a_request_first(resident):
    assert resident.get("/visit/review").location == "/visit?expired=1"
    assert resident.get("/visit/done").location == "/visit?expired=1"


def test_the_core_refuses_a_procedure_that_is_not_a_home_visit(runtime, clock):
    request = HomeVisitRequest(
        service="cert", name="横浜 ハル", kana="ヨコハマ ハル", birth_date=clock.now().date(),
        phone="+81452001234", address="",
    )  # fmt: skip
    with pytest.raises(InvalidRequest) as refused:
        request_home_visit(runtime.uow(), request, now=clock.now(), actor=Actor.resident("web"))
    assert refused.value.fields == {"service": "invalid", "address": "required"}


def test_a_card_issuance_at_home_needs_the_card_on_the_ready_list(resident, runtime):
    _send(resident, service="visit-issue", notice_number="123-456789")
    refused = resident.submit("/visit/review", "/visit/review", {})
    assert (
        refused.status_code == 409
        and "交付の準備ができたカードが見つかりませんでした" in text_of(refused)
    )
    assert _rows(runtime) == []


def test_a_needed_reason_and_notice_number_are_asked_for(resident):
    missing = _send(resident, service="visit-issue", reason="")
    page = text_of(missing)
    assert missing.status_code == 422
    assert (
        "ご来所が難しい理由を選んでください" in page
        and "交付通知書の番号を入力してください" in page
    )


def test_the_resident_sees_the_state_with_the_receipt_and_birth_date(resident, runtime):
    _send(resident)
    resident.submit("/visit/review", "/visit/review", {})
    [row] = _rows(runtime)
    wrong = resident.submit("/visit/status", "/visit/status",
                            {"receipt": row.reference, "birth_date": "19380304"})  # fmt: skip
    assert wrong.status_code == 404 and "お申し込みが見つかりませんでした" in text_of(wrong)
    shown = resident.submit("/visit/status", "/visit/status",
                            {"receipt": row.reference, "birth_date": "19380303"})  # fmt: skip
    assert shown.status_code == 200 and "受付済み（訪問日を調整しています）" in text_of(shown)
