"""Error answers: residents' pages in the site's layout, JSON under /api/, bare 4xx under /ivr/."""

from __future__ import annotations

import logging

import pytest

from tests.web.conftest import text_of


@pytest.fixture
def failing_app(app):
    """The app with two routes that fail the way a bug would, a resident's name in the message."""

    def explode() -> str:
        raise RuntimeError("横浜 花子 090-1234-5678")

    app.add_url_rule("/book/explode", "explode_page", explode)
    app.add_url_rule("/api/v1/explode", "explode_api", explode)
    app.add_url_rule("/console/explode", "explode_console", explode)
    return app


@pytest.mark.parametrize(
    ("lang", "title", "home"),
    [
        ("ja", "ページが見つかりません", "トップページに戻る"),
        ("en", "Page not found", "Back to the start"),
    ],
)
def test_an_unknown_page_is_a_page_of_the_site_in_the_chosen_language(client, lang, title, home):
    response = client.get(f"/no/such/page?lang={lang}")
    page = text_of(response)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert f'<html lang="{lang}">' in page and f"<h1>{title}</h1>" in page
    assert f'<a class="button button-secondary" href="/">{home}</a>' in page
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_the_language_chosen_earlier_carries_to_the_error_page(client):
    client.get("/?lang=en")
    assert "<h1>Page not found</h1>" in text_of(client.get("/book/nowhere"))


def test_a_wrong_method_on_a_page_is_a_405_page_with_allow(client):
    response = client.post("/")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    assert "<h1>ページを表示できません</h1>" in text_of(response)
    wrong = client.get("/manage/time")
    assert wrong.status_code == 405
    assert set(wrong.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}


def test_unknown_api_paths_stay_json_even_outside_v1(client):
    for path in ("/api/nothing", "/api/v1/nothing"):
        response = client.get(path)
        assert response.status_code == 404 and response.is_json
        assert set(response.get_json()) == {"error", "message", "fields"}
        assert response.get_json()["error"] == "not_found"


def test_unknown_ivr_paths_are_a_bare_4xx_for_twilio(client):
    response = client.post("/ivr/nowhere")
    assert response.status_code == 404 and response.mimetype == "text/plain"
    assert response.get_data() == b""
    assert client.get("/ivr/voice").status_code == 405


def test_a_failure_shows_a_polite_page_and_logs_no_personal_data(failing_app, caplog):
    caplog.set_level(logging.INFO)
    response = failing_app.test_client().get("/book/explode?lang=en")
    page = text_of(response)
    assert response.status_code == 500
    assert "<h1>Sorry, there is a problem</h1>" in page and "Back to the start" in page
    assert "RuntimeError" not in page and "Traceback" not in page and "花子" not in page
    assert "unexpected RuntimeError on GET /book/explode" in caplog.text
    assert "花子" not in caplog.text and "1234" not in caplog.text


def test_a_failure_under_the_api_is_json(failing_app):
    response = failing_app.test_client().get("/api/v1/explode")
    assert response.status_code == 500
    assert response.get_json()["error"] == "internal_error"
    assert "花子" not in response.get_data(as_text=True)


def test_an_unknown_console_url_is_a_staff_page_leading_back_to_the_console(client):
    response = client.get("/console/no/such/screen")
    page = text_of(response)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "<h1>画面が見つかりません</h1>" in page
    assert '<a class="button button-secondary" href="/console/">オペレーター画面に戻る</a>' in page
    assert 'href="/"' not in page and "トップページ" not in page
    assert response.headers["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_a_wrong_method_on_a_console_url_is_a_staff_405_with_allow(client):
    response = client.delete("/console/login")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert "<h1>この操作はできません</h1>" in text_of(response)


def test_a_failure_on_a_console_page_is_a_staff_page(failing_app, caplog):
    response = failing_app.test_client().get("/console/explode")
    page = text_of(response)
    assert response.status_code == 500 and "<h1>ただいま表示できません</h1>" in page
    assert 'href="/console/"' in page and "花子" not in page
    assert "unexpected RuntimeError on GET /console/explode" in caplog.text
