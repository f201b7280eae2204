"""In headless Chromium on a phone: a courier picks up the day's cards at the ward and hands
them over at the centre; the printed manifest is looked at (axe-core, WCAG 2.2 AA)."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.manifests import hand_over
from booking_core.models import CardReadyRecord
from booking_core.policy import Actor

from .conftest import axe_check, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/cards-shots")
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1024, "height": 768}


def test_a_courier_records_the_days_hand_overs_on_a_phone(
    chromium, live_server, runtime, clock, ready_card, make_staff, booking_request
):
    ready_card()
    ready_card(notice_number="223456789", birth_date=date(1985, 12, 31), ward_id="kohoku")
    for notice, birth in (("123456789", date(1950, 4, 1)), ("223456789", date(1985, 12, 31))):
        create_booking(
            runtime.uow(),
            booking_request(
                service="issue", center=None, notice_number=notice, birth_date=birth,
                day=date(2026, 11, 9), start=time(14, 0),
            ),
            now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
        )  # fmt: skip
    clock.set(datetime(2026, 11, 6, 9, 30, tzinfo=TOKYO))  # Friday: the transport day
    make_staff("yuso", role="transport")
    page = chromium.new_page(viewport=PHONE, locale="ja-JP", has_touch=True, bypass_csp=True)
    sign_in(page, live_server, "yuso")
    assert "西区 → 横浜駅マイナンバーカード特設センター" in page.text_content("main")
    assert "未回収 1枚" in page.text_content("main")
    axe_check(page, SHOTS / "01-manifest.png")
    page.fill("#notice-number", "123 456789")
    page.click("#record")
    assert "「区役所で受け取った」を記録しました（現在：輸送中）" in page.text_content(".messages")
    axe_check(page, SHOTS / "02-picked-up.png")
    page.fill("#notice-number", "123456789")
    page.check("input[name=event][value=picked_up]")
    page.click("#record")
    assert "このカードは現在「輸送中」です" in page.text_content(".messages")
    axe_check(page, SHOTS / "03-refused.png")
    page.fill("#notice-number", "123456789")
    page.check("input[name=event][value=received]")
    page.click("#record")
    assert "センターで保管中" in page.text_content("#card-123456789")
    axe_check(page, SHOTS / "04-received.png")
    page.goto(f"{live_server}/console/cards/manifest/2026-11-06/print")
    print_page = page
    assert print_page.locator(".sheet").count() == 2  # one page per ward
    print_page.screenshot(path=str(SHOTS / "05-print.png"), full_page=True)
    print_page.pdf(path=str(SHOTS / "manifest.pdf"), format="A4")
    page.close()


def test_a_clerk_hands_a_card_over_only_after_the_checks(
    chromium, live_server, runtime, clock, ready_card, make_staff, booking_request
):
    ready_card()
    made = create_booking(
        runtime.uow(),
        booking_request(
            service="issue", center=None, notice_number="123456789", birth_date=date(1950, 4, 1),
            day=date(2026, 11, 9), start=time(14, 0), name="西 花子",
        ),
        now=clock.now(), actor=Actor.resident("web"), policy=runtime.policy,
    )  # fmt: skip
    for event in ("picked_up", "received"):
        hand_over(
            runtime.uow(), notice_number="123456789", event=event, now=clock.now(),
            actor=Actor.staff("yuso", channel="custody"), policy=runtime.policy,
        )  # fmt: skip
    clock.set(datetime(2026, 11, 9, 13, 55, tzinfo=TOKYO))
    make_staff("madoguchi", role="reception")
    page = chromium.new_page(viewport=TABLET, locale="ja-JP", has_touch=True, bypass_csp=True)
    sign_in(page, live_server, "madoguchi")
    page.goto(f"{live_server}/console/counter/yokohama")
    row = page.locator(f"#booking-{made.reference}")
    row.get_by_role("button", name="受付する").click()
    row = page.locator(f"#booking-{made.reference}")
    axe_check(page, SHOTS / "06-issue-checks.png")
    for label in ("カードが交付通知書・ご本人と一致している", "カードに破損・汚損がない",
                  "交付前設定（統合端末）が済んでいる"):  # fmt: skip
        row.get_by_label(label).check()
    row.get_by_role("button", name="交付完了（カードお渡し）").click()
    assert "対応済" in page.locator(f"#booking-{made.reference}").text_content()
    with runtime.uow() as uow:
        assert uow.session.get(CardReadyRecord, "123456789").status == "issued"
    page.close()


def test_a_supervisor_previews_the_card_list_before_importing_it(
    chromium, live_server, runtime, clock, make_staff, totp_code, tmp_path
):
    make_staff("kanri", role="supervisor")
    upload = tmp_path / "cards.csv"
    upload.write_text(
        "交付通知書番号,生年月日,区,準備完了日\n323-456789,1970-07-07,中区,2026-10-20\n",
        encoding="utf-8",
    )
    page = chromium.new_page(viewport=TABLET, locale="ja-JP", bypass_csp=True)
    sign_in(page, live_server, "kanri", code=totp_code())
    page.goto(f"{live_server}/console/cards/list")
    axe_check(page, SHOTS / "07-card-list.png")
    page.set_input_files("#card-file", str(upload))
    page.click("#preview")
    assert "追加 1件、更新 0件、変更なし 0件" in page.text_content("main")
    axe_check(page, SHOTS / "08-card-list-preview.png")
    with runtime.uow() as uow:
        assert uow.session.get(CardReadyRecord, "323456789") is None
    page.click("#confirm-import")
    assert "取り込みました（追加 1件、更新 0件）。" in page.text_content(".messages")
    with runtime.uow() as uow:
        assert uow.session.get(CardReadyRecord, "323456789") is not None
    page.close()
