"""City reports for supervisors and administrators: the staff API (JSON, CSV, PDF), the roles,
the screens (tables, charts, downloads) and a look at the PDF rendered to PNG."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pypdfium2
import pytest

from agent_console import report_charts
from booking_core import city_reports
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.policy import Actor
from queues.report_keeper import keep_reports_due

from .conftest import axe_check, sign_in

SHOTS = Path("/tmp/report-shots")


@pytest.fixture
def booked_today(runtime, clock, booking_request):
    """Two web bookings and one by phone, made on Monday 2 November for that day."""
    for n, actor in enumerate((Actor.resident("web"), Actor.resident("web"),
                               Actor.resident("ivr", "CA1"))):  # fmt: skip
        request = booking_request(day=date(2026, 11, 2), start=time(12, 0),
                                  birth_date=date(1960 + n, 5, 5))  # fmt: skip
        create_booking(runtime.uow(), request, now=clock.now(), actor=actor, policy=runtime.policy)


def test_a_supervisor_reads_the_day_as_json(client, api_login, booked_today):
    supervisor = api_login("sato", role="supervisor")
    reply = client.get("/api/v1/staff/reports/daily?date=2026-11-02", headers=supervisor)
    assert reply.status_code == 200
    report = reply.json
    assert (report["kind"], report["period"], report["closed"]) == ("daily", "2026-11-02", False)
    assert report["bookings"]["by_channel"]["web"]["made"] == 2
    assert report["bookings"]["by_channel"]["ivr"]["made"] == 1
    assert report["bookings"]["by_center"]["yokohama"]["made"] == 3
    assert report["bookings"]["by_service"]["cert"] == {"made": 3, "appointments": 3}
    assert (report["no_shows"], report["walk_ins"]) == (0, 0)
    assert set(report["calls"]) >= {"total", "ivr_only", "offered", "answered", "abandoned",
                                    "answer_rate", "service_level"}  # fmt: skip


@pytest.mark.parametrize("ask", [{"format": "csv"}, {"accept": "text/csv"}])
def test_the_day_comes_as_csv_on_request(client, api_login, booked_today, ask):
    admin = api_login("kanri", role="admin")
    headers = {**admin, **({"Accept": ask["accept"]} if "accept" in ask else {})}
    query = "&format=csv" if "format" in ask else ""
    reply = client.get(f"/api/v1/staff/reports/daily?date=2026-11-02{query}", headers=headers)
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    rows = {r["metric"]: r for r in csv.DictReader(io.StringIO(reply.get_data(as_text=True)[1:]))}
    assert rows["bookings.by_channel.web.made"]["value"] == "2"
    assert (
        rows["bookings.by_channel.web.made"]["label"]
        == "予約 / 受付経路別 / インターネット / 予約受付"
    )
    assert rows["calls.answer_rate"]["value"] == ""  # nothing offered to agents yet


def test_the_month_comes_as_a_pdf_with_its_pages(client, api_login, booked_today):
    supervisor = api_login("sato", role="supervisor")
    reply = client.get("/api/v1/staff/reports/monthly?month=2026-11&format=pdf", headers=supervisor)
    assert reply.status_code == 200 and reply.mimetype == "application/pdf"
    assert 'filename="report-monthly-2026-11.pdf"' in reply.headers["Content-Disposition"]
    pdf = pypdfium2.PdfDocument(reply.data)
    try:
        SHOTS.mkdir(exist_ok=True)
        for number in range(len(pdf)):
            pdf[number].render(scale=1.2).to_pil().save(SHOTS / f"monthly-pdf-{number}.png")
        first = pdf[0].get_textpage().get_text_range()
        assert len(pdf) >= 2 and "月次報告 2026-11" in first and "予約受付" in first
    finally:
        pdf.close()


def test_the_month_holds_each_day_and_the_capacity_floor(client, api_login, booked_today):
    admin = api_login("kanri", role="admin")
    report = client.get("/api/v1/staff/reports/monthly?month=2026-11", headers=admin).json
    assert [d["date"] for d in report["days"]][:2] == ["2026-11-01", "2026-11-02"]
    assert report["days"][1]["made"] == 3
    assert report["capacity"]["floor"] == 50_000


def test_a_range_of_days_comes_as_json_or_csv(client, api_login, booked_today):
    admin = api_login("kanri", role="admin")
    path = "/api/v1/staff/reports/days?from=2026-11-01&to=2026-11-03"
    days = client.get(path, headers=admin).json["days"]
    assert [(d["date"], d["made"], d["appointments"]) for d in days] == [
        ("2026-11-01", 0, 0), ("2026-11-02", 3, 3), ("2026-11-03", 0, 0),
    ]  # fmt: skip
    reply = client.get(path, headers={**admin, "Accept": "text/csv"})
    lines = reply.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("date,made,cancelled") and lines[2].startswith("2026-11-02,3,0")


@pytest.mark.parametrize("role", ["agent", "reception", "transport"])
def test_other_roles_may_not_read_reports(client, api_login, role):
    token = api_login("someone", role=role)
    paths = ("daily", "monthly", "days?from=2026-11-01&to=2026-11-02")
    for path in (f"/api/v1/staff/reports/{p}" for p in paths):
        reply = client.get(path, headers=token)
        assert (reply.status_code, reply.json["error"]) == (403, "forbidden")


@pytest.mark.parametrize(
    ("query", "field"),
    [("daily?date=2026-13-40", "date"), ("monthly?month=2026-1", "month"),
     ("daily?format=xlsx", "format"), ("days?from=2026-11-01&to=2027-01-02", "from"),
     ("days?from=2026-11-03&to=2026-11-02", "from")],
)  # fmt: skip
def test_a_malformed_period_is_refused_with_the_field(client, api_login, query, field):
    supervisor = api_login("sato", role="supervisor")
    reply = client.get(f"/api/v1/staff/reports/{query}", headers=supervisor)
    assert reply.status_code == 422 and field in reply.json["fields"]


def test_the_screen_is_for_supervisors_and_administrators_only(client, page_login):
    page_login("aoki", role="agent")
    assert client.get("/console/reports").status_code == 403


def test_the_screen_shows_a_day_and_offers_its_files(client, page_login, booked_today):
    page_login("sato", role="supervisor")
    html = client.get("/console/reports?kind=daily&date=2026-11-02").get_data(as_text=True)
    assert "日次報告 2026-11-02" in html and "data:image/png;base64," in html
    csv_reply = client.get("/console/reports/file?kind=daily&date=2026-11-02&format=csv")
    assert csv_reply.mimetype == "text/csv" and "bookings.made" in csv_reply.get_data(as_text=True)


@pytest.mark.browser
def test_a_supervisor_reads_a_month_and_a_range_on_the_screen(
    chromium, live_server, make_staff, totp_code, booked_today
):
    make_staff("sato", role="supervisor")
    page = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="ja-JP",
                             bypass_csp=True)  # fmt: skip
    sign_in(page, live_server, "sato", code=totp_code())
    page.goto(f"{live_server}/console/reports?kind=daily&date=2026-11-02")
    assert "日次報告 2026-11-02" in page.text_content("#report-heading")
    axe_check(page, SHOTS / "01-daily.png")
    page.select_option("#report-kind", "monthly")
    page.fill("#report-month", "2026-11")
    page.click("#report-show")
    assert "月次報告 2026-11" in page.text_content("#report-heading")
    assert page.locator("figure.chart img").count() == 3
    axe_check(page, SHOTS / "02-monthly.png")
    page.fill("#range-from", "2026-11-01")
    page.fill("#range-to", "2026-11-07")
    page.click("#range-show")
    assert "期間の日別集計 2026-11-01〜2026-11-07" in page.text_content("#range-heading")
    axe_check(page, SHOTS / "03-range.png")
    page.close()


def test_the_cli_writes_a_month_as_pdf_and_a_day_as_csv(app, tmp_path, booked_today):
    runner = app.test_cli_runner()
    pdf, day = tmp_path / "month.pdf", tmp_path / "day.csv"
    result = runner.invoke(args=["report", "monthly", "--month", "2026-11", "--out", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    result = runner.invoke(args=["report", "daily", "--date", "2026-11-02", "--format", "csv",
                                 "--out", str(day)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "bookings.by_channel.web.made,予約 / 受付経路別 / インターネット / 予約受付,2" in (
        day.read_text(encoding="utf-8-sig")
    )


def test_the_keeper_stores_closed_periods_after_one_in_the_morning(runtime, clock, booked_today):
    clock.set(datetime(2026, 12, 1, 0, 30, tzinfo=TOKYO))
    assert keep_reports_due(runtime) == []  # late status callbacks may still come
    clock.set(datetime(2026, 12, 1, 1, 0, tzinfo=TOKYO))
    assert keep_reports_due(runtime)[-2:] == ["2026-11-30", "2026-11"]
    kept = city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now())
    assert (kept["closed"], kept["bookings"]["made"]) == (True, 3)


def test_charts_fall_back_to_english_labels_without_a_japanese_font(
    runtime, clock, booked_today, monkeypatch
):
    monkeypatch.setattr(report_charts, "japanese_font", lambda: None)
    for report in (
        city_reports.monthly_report(runtime.uow(), year=2026, month=11, now=clock.now()),
        city_reports.daily_report(runtime.uow(), day=date(2026, 11, 2), now=clock.now()),
    ):
        for name in report_charts.charts_of(report):  # a missing glyph would warn (an error)
            assert report_charts.draw(report, name).startswith(b"\x89PNG")
