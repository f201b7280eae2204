"""The Twilio signature check the phone front and the console's voice webhooks share."""

from __future__ import annotations

import pytest
from twilio.request_validator import RequestValidator

from runtime.twilio_signature import is_signed, public_url

TOKEN = "test-auth-token"
URL = "https://ivr.example.test/console/voice/connect?client=agent_aoki"
FORM = {"CallSid": "CA1", "From": "+819012345678"}


def test_the_public_url_is_the_configured_base_with_the_path_and_query():
    assert public_url("https://ivr.example.test/", "/ivr/step", b"s=1") == (
        "https://ivr.example.test/ivr/step?s=1"
    )
    assert public_url("https://ivr.example.test", "/ivr/voice", b"") == (
        "https://ivr.example.test/ivr/voice"
    )


def test_twilios_signature_of_the_url_and_form_is_accepted():
    signature = RequestValidator(TOKEN).compute_signature(URL, FORM)
    assert is_signed(TOKEN, URL, FORM, signature) is True


@pytest.mark.parametrize(
    ("token", "url", "form", "signature"),
    [
        (TOKEN, URL, FORM, None),
        (TOKEN, URL, FORM, ""),
        ("another-token", URL, FORM, "computed"),
        (TOKEN, URL.replace("aoki", "sato"), FORM, "computed"),
        (TOKEN, URL, {**FORM, "From": "+819099999999"}, "computed"),
    ],
)
def test_anything_else_is_refused(token, url, form, signature):
    if signature == "computed":
        signature = RequestValidator(TOKEN).compute_signature(URL, FORM)
    assert is_signed(token, url, form, signature) is False


def test_a_url_signed_with_the_default_port_written_out_is_accepted_too():
    # Twilio's own validator takes the URL with and without :443; so does the fast path's fallback
    with_port = URL.replace("ivr.example.test", "ivr.example.test:443")
    signature = RequestValidator(TOKEN).compute_signature(with_port, FORM)
    assert is_signed(TOKEN, URL, FORM, signature) is True


def test_a_signature_header_with_characters_outside_ascii_is_refused_not_an_error():
    assert is_signed(TOKEN, URL, FORM, "署名" * 14) is False
