"""A browser walk through the administration screens of staff accounts, the audit log, the
go-live import and retention, with axe-core on each state (0 serious findings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import axe_check, sign_in

SHOTS = Path("/tmp/admin-staff-shots")


@pytest.fixture
def admin_page(chromium, live_server, make_staff, totp_code):
    """An administrator's browser page, signed in."""
    make_staff("kanri", role="admin")
    make_staff("aoki")
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                             bypass_csp=True)  # fmt: skip
    sign_in(page, live_server, "kanri", code=totp_code())
    yield page
    page.close()


@pytest.mark.browser
def test_an_admin_manages_staff_accounts_on_the_screen(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server}/console/admin/staff")
    axe_check(page, SHOTS / "01-staff.png")
    page.fill("#new-username", "ueda")
    page.fill("#new-display-name", "上田")
    page.select_option("#new-role", "reception")
    page.fill("#new-password", "correct horse battery")
    page.click("#add-staff")
    assert "ueda のアカウントを追加しました。" in page.text_content(".messages")
    page.select_option("#role-aoki", "supervisor")
    page.click("#save-role-aoki")
    assert "aoki の役割を「スーパーバイザー」に変更しました。" in page.text_content(".messages")
    page.click("#disable-kanri")
    assert "最後の管理者" in page.text_content(".messages")
    page.click("#disable-ueda")
    assert "無効" in page.text_content("#staff-ueda")
    axe_check(page, SHOTS / "02-staff-changed.png")


@pytest.mark.browser
def test_an_admin_reads_and_filters_the_audit_log(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server}/console/admin/audit")
    axe_check(page, SHOTS / "03-audit.png")
    page.fill("#audit-staff", "kanri")
    page.select_option("#audit-action", "staff.login")
    page.click("#audit-search")
    page.wait_for_url("**action=staff.login**")
    page.wait_for_selector("#audit-table")
    rows = page.locator("#audit-table tbody tr")
    assert rows.count() == 1 and "staff.login" in rows.first.text_content()
    assert "action=staff.login" in page.get_attribute("#audit-export", "href")
    axe_check(page, SHOTS / "04-audit-filtered.png")


@pytest.mark.browser
def test_an_admin_previews_then_imports_bookings(admin_page, live_server, bookings_csv, tmp_path):
    page = admin_page
    page.goto(f"{live_server}/console/admin/import")
    axe_check(page, SHOTS / "05-import.png")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(bookings_csv({}, {"date": "2026-11-04", "phone": "090-2222-3333"}))
    page.set_input_files("#import-file", str(bad))
    page.click("#preview-import")
    assert "3行目: この日はセンターの休所日です" in page.text_content("#import-problems")
    assert page.locator("#confirm-import").count() == 0
    axe_check(page, SHOTS / "06-import-problems.png")
    good = tmp_path / "good.csv"
    good.write_bytes(bookings_csv({}, {"phone": "090-2222-3333"}))
    page.goto(f"{live_server}/console/admin/import")
    page.set_input_files("#import-file", str(good))
    page.click("#preview-import")
    assert "新しく取り込む予約 2件" in page.text_content("#import-plan")
    axe_check(page, SHOTS / "07-import-preview.png")
    page.click("#confirm-import")
    assert "新しい予約 2件、取込み済み 0件、SMS 0件" in page.text_content(".messages")
    axe_check(page, SHOTS / "08-imported.png")


@pytest.mark.browser
def test_an_admin_sees_and_runs_retention(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server}/console/admin/retention")
    assert "予約 0件" in page.text_content("#retention-due")
    axe_check(page, SHOTS / "09-retention.png")
    page.click("#retention-run")
    assert "実行しました" in page.text_content(".messages")
    axe_check(page, SHOTS / "10-retention-done.png")


@pytest.mark.browser
def test_an_admin_leaves_an_overbooked_band_out_of_the_import(
    admin_page, live_server, bookings_csv, one_place_band, tmp_path
):
    one_place_band(places=1)
    page = admin_page
    full = tmp_path / "full.csv"
    full.write_bytes(bookings_csv({}, {"phone": "090-2222-3333"},
                                  {"phone": "090-4444-5555", "start": "15:00"}))  # fmt: skip
    page.goto(f"{live_server}/console/admin/import")
    page.set_input_files("#import-file", str(full))
    page.click("#preview-import")
    assert "残り1人分に対して取込み2人分（2、3行目）" in page.text_content("#import-full-bands")
    axe_check(page, SHOTS / "11-import-full-band.png")
    page.check("#import-leave-out")
    page.click("#confirm-import")
    messages = page.text_content(".messages")
    assert "新しい予約 1件" in messages and "取り込まなかった時間帯：1件" in messages
