"""Headers, caching, and no personal data in URLs, logs or the session cookie."""

from __future__ import annotations

import logging

from tests.web.conftest import text_of

PERSONAL = (
    "横浜 花子",
    "ヨコハマ",
    "19600505",
    "1960-05-05",
    "09012345678",
    "+819012345678",
    "090-1234-5678",
    "本町6-50-10",
)


def test_every_page_carries_the_security_headers(resident):
    response = resident.get("/book")
    headers = response.headers
    assert headers["Content-Security-Policy"].startswith("default-src 'self';")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["Cache-Control"] == "no-store"


def test_pages_with_personal_data_are_not_stored_but_assets_may_be(resident):
    resident.book_until_review()
    assert resident.get("/book/review").headers["Cache-Control"] == "no-store"
    with resident.get("/assets/pages/pages.css") as css:
        assert css.status_code == 200 and "no-store" not in css.headers.get("Cache-Control", "")


def test_no_personal_data_travels_in_urls_logs_or_the_cookie(resident, app, caplog):
    caplog.set_level(logging.DEBUG)
    locations = []
    resident.submit("/book", "/book", {"service": "cert"})
    resident.submit("/book/centre", "/book/centre", {"center": "yokohama", "party_size": "1"})
    resident.submit("/book/day/2026-11-06", "/book/time", {"day": "2026-11-06", "start": "14:00"})
    details = resident.submit(
        "/book/details",
        "/book/details",
        {
            "name": "横浜 花子",
            "kana": "ヨコハマ ハナコ",
            "birth_date": "19600505",
            "phone": "090-1234-5678",
            "address": "横浜市中区本町6-50-10",
        },
    )
    locations.append(details.location)
    locations.append(resident.submit("/book/review", "/book/confirm", {}).location)
    assert "予約が完了しました" in text_of(resident.get("/book/done"))
    for text in [*locations, caplog.text]:
        assert not any(value in text for value in PERSONAL), text
    cookie = resident.client.get_cookie("session")
    stored = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert set(stored) <= {"lang", "csrf", "draft:book", "draft:manage"}
    assert not any(value in str(stored) for value in PERSONAL)


def test_a_forged_post_from_another_site_is_refused(resident):
    response = resident.client.post("/book", data={"service": "cert", "csrf_token": "forged"})
    assert response.status_code == 400
    assert resident.get("/book/centre").location == "/book?expired=1"


def test_unknown_pages_wrong_methods_and_stale_forms_are_refused(resident):
    assert resident.client.get("/book/nowhere").status_code == 404
    assert resident.client.get("/book/confirm").status_code == 405
    expired = resident.client.post("/book/time", data={})
    assert expired.status_code == 400 and "ページの有効期限が切れました" in text_of(expired)
