"""Cookie sessions: skipped signing set-up without a cookie, same checks with one."""

from __future__ import annotations

from flask import Flask, session

from runtime.flask_glue import CookieSessions


def _app() -> Flask:
    app = Flask(__name__)
    app.secret_key = "a test key"
    app.session_interface = CookieSessions()

    @app.get("/count")
    def count() -> str:
        session["n"] = session.get("n", 0) + 1
        return str(session["n"])

    @app.get("/peek")
    def peek() -> str:
        return str(session.get("n", "none"))

    return app


def test_a_request_without_a_cookie_gets_an_empty_session_that_can_be_saved():
    client = _app().test_client()
    assert client.get("/peek").text == "none"
    assert client.get("/count").text == "1"
    assert client.get("/count").text == "2"  # the signed cookie was set and read back


def test_a_tampered_session_cookie_is_not_believed():
    app = _app()
    client = app.test_client()
    client.get("/count")
    cookie = client.get_cookie("session")
    assert cookie is not None
    payload, _, signature = cookie.value.rpartition(".")
    # Change the signature's first character: its last ones may carry unused base64 bits, so a
    # changed tail could still decode to the same signature.
    forged = ("B" if signature[0] == "A" else "A") + signature[1:]
    client.set_cookie("session", f"{payload}.{forged}")
    assert client.get("/peek").text == "none"


def test_no_cookie_set_when_nothing_is_stored():
    response = _app().test_client().get("/peek")
    assert "Set-Cookie" not in response.headers
