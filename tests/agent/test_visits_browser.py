"""In headless Chromium: a visit coordinator keeps the city staff list, schedules requests,
takes a card to the team, records the outcomes and prints the A4 visit sheets (axe-core, WCAG
2.2 AA)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from booking_core.calendar import TOKYO
from booking_core.home_visits import HomeVisitRequest, request_home_visit
from booking_core.policy import Actor

from .conftest import axe_check, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/visits-shots")
DESK = {"width": 1280, "height": 900}
CARE_HOME = "〒233-0002 横浜市港南区上大岡西1-6-1 ケアホーム港南 203号室"
FLAT = "〒220-0004 横浜市西区北幸2-1-1 北幸ハイツ5階"
RESIDENTS = [
    ("visit-apply", "港南 タロウ", "コウナン タロウ", CARE_HOME, "ケアホーム港南",
     "受付で面会票に記入してください。", None),
    ("visit-issue", "西 ハル", "ニシ ハル", FLAT, "",
     "エレベーターなし。インターホンの後に戸を叩いてください。", "123456789"),
]  # fmt: skip


def _requests(runtime, clock) -> list[str]:
    made = []
    for service, name, kana, address, facility, notes, notice in RESIDENTS:
        req = HomeVisitRequest(
            service=service, name=name, kana=kana, address=address, facility=facility,
            access_notes=notes, notice_number=notice, phone="+819012345678",
            birth_date=date(1950, 4, 1), reason="bedridden",
        )  # fmt: skip
        made.append(request_home_visit(runtime.uow(), req, now=clock.now(),
                                       actor=Actor.resident("web")).reference)  # fmt: skip
    return made


def _schedule(page, receipt: str) -> None:
    row = f"#visit-{receipt}"
    page.fill(f"{row} input[name=date]", "2026-11-06")
    page.select_option(
        f"{row} select[name=team]", label="横浜A（横浜駅マイナンバーカード特設センター）"
    )
    page.select_option(f"{row} select[name=city_staff]", label="市役所 一郎")
    page.click(f"{row} button[type=submit]")


def test_a_coordinator_plans_a_visit_day_and_prints_its_sheets(
    chromium, live_server, runtime, clock, ready_card, make_staff
):
    ready_card()
    apply_at_home, issue_at_home = _requests(runtime, clock)
    make_staff("coord1", role="visit_coordinator")
    page = chromium.new_page(viewport=DESK, locale="ja-JP", bypass_csp=True)
    sign_in(page, live_server, "coord1")
    assert "訪問の調整" in page.text_content("h1")
    axe_check(page, SHOTS / "01-requests.png")
    page.goto(f"{live_server}/console/visits/people")
    page.fill("#staff-name", "市役所 一郎")
    page.fill("#staff-section", "市民局 窓口サービス課")
    page.click("#staff-add")
    page.fill("#team-name", "横浜A")
    page.fill("#team-operators", "山田、佐藤")
    page.click("#team-add")
    assert "市役所 一郎" in page.text_content("#city-staff") and "横浜A" in page.text_content(
        "#teams"
    )
    axe_check(page, SHOTS / "02-people.png")
    page.goto(f"{live_server}/console/visits?status=requested")
    page.select_option(f"#visit-{apply_at_home} select[name=team]", index=1)
    page.fill(f"#visit-{apply_at_home} input[name=date]", "2026-11-06")
    page.click(f"#visit-{apply_at_home} button[type=submit]")  # no city staff member chosen
    assert page.locator(f"#visit-{apply_at_home}").count() == 1  # the browser asks for one
    _schedule(page, apply_at_home)
    assert "訪問日を 11月6日 に決めました" in page.text_content(".messages")
    _schedule(page, issue_at_home)
    axe_check(page, SHOTS / "03-scheduled.png")
    page.goto(f"{live_server}/console/visits/day?date=2026-11-06")
    assert [h.inner_text() for h in page.locator("main h3").all()] == ["港南区", "西区"]
    page.click(f"#card-{issue_at_home}")
    assert "カードをチームが受け取りました" in page.text_content(".messages")
    assert "訪問チームが携行中" in page.text_content(f"#stop-{issue_at_home}")
    axe_check(page, SHOTS / "04-day.png")
    page.goto(f"{live_server}/console/visits/day/2026-11-06/print")
    assert page.locator(".sheet").count() == 2  # one A4 page per visit
    page.screenshot(path=str(SHOTS / "05-sheets.png"), full_page=True)
    page.pdf(path=str(SHOTS / "visit-sheets.pdf"), format="A4")
    axe_check(page, SHOTS / "05-sheets-axe.png")
    page.close()


def test_the_outcomes_are_recorded_on_the_day(
    chromium, live_server, runtime, clock, ready_card, make_staff
):
    ready_card()
    apply_at_home, issue_at_home = _requests(runtime, clock)
    make_staff("coord1", role="visit_coordinator")
    page = chromium.new_page(viewport=DESK, locale="ja-JP", bypass_csp=True)
    sign_in(page, live_server, "coord1")
    page.goto(f"{live_server}/console/visits/people")
    page.fill("#staff-name", "市役所 一郎")
    page.click("#staff-add")
    page.fill("#team-name", "横浜A")
    page.fill("#team-operators", "山田")
    page.click("#team-add")
    page.goto(f"{live_server}/console/visits")
    _schedule(page, apply_at_home)
    _schedule(page, issue_at_home)
    page.goto(f"{live_server}/console/visits/day?date=2026-11-06")
    page.click(f"#card-{issue_at_home}")
    clock.set(datetime(2026, 11, 6, 15, 0, tzinfo=TOKYO))
    sign_in(page, live_server, "coord1")  # a new day's session
    page.goto(f"{live_server}/console/visits/day?date=2026-11-06")
    page.click(f"#outcome-save-{issue_at_home}")  # done: the card handed over at the door
    assert "「完了」として記録しました" in page.text_content(".messages")
    page.select_option(f"#outcome-{apply_at_home}", "postponed")
    page.click(f"#outcome-save-{apply_at_home}")
    assert "この操作はできません" not in page.text_content("main")
    assert "入力内容に誤りがあります（reason: required）" in page.text_content(".messages")
    page.select_option(f"#outcome-{apply_at_home}", "postponed")
    page.fill(f"#reason-{apply_at_home}", "ご本人の入院のため")
    page.click(f"#outcome-save-{apply_at_home}")
    assert "「延期（調整に戻す）」として記録しました" in page.text_content(".messages")
    assert "訪問完了" in page.text_content(f"#stop-{issue_at_home}")
    axe_check(page, SHOTS / "06-outcomes.png")
    page.goto(f"{live_server}/console/visits?status=requested")
    assert "ご本人の入院のため" in page.text_content(f"#visit-{apply_at_home}")
    assert page.text_content("#visit-figures tbody td:nth-child(3)") == "1"  # done this month
    axe_check(page, SHOTS / "07-back-in-queue.png")
    page.close()


def test_an_agent_takes_a_request_on_the_phone(chromium, live_server, make_staff):
    make_staff("agent1", role="agent")
    page = chromium.new_page(viewport=DESK, locale="ja-JP", bypass_csp=True)
    sign_in(page, live_server, "agent1")
    page.click("text=訪問の受付")
    axe_check(page, SHOTS / "08-intake.png")
    page.fill("#new-name", "横浜 ハル")
    page.fill("#new-kana", "ヨコハマ ハル")
    page.fill("#new-birth", "1938-03-03")
    page.select_option("#new-reason", "disability")
    page.fill("#new-phone", "045-200-1234")
    page.fill("#new-address", "横浜市中区本町6-50-10 みなとハイツ101")
    page.click("#new-take")
    assert "で受け付けました" in page.text_content(".messages")
    axe_check(page, SHOTS / "09-intake-taken.png")
    page.close()
