"""Only Twilio-signed webhooks are served; anything else is refused before it changes anything."""

from __future__ import annotations

import pytest

from ivr.keys import CALL_KEY_PREFIX

PUBLIC = "https://ivr.example.test"


def _calls_stored(runtime) -> int:
    return len(list(runtime.redis.scan_iter(CALL_KEY_PREFIX + "*")))


def _entry(
    phone,
    *,
    sign_url: str = PUBLIC + "/ivr/voice",
    tamper: dict | None = None,
    signature: str | None = "sign",
    headers: dict | None = None,
) -> int:
    call = phone.new_call()
    form = call.params({})
    signed = call.sign(sign_url, form) if signature == "sign" else signature
    sent = {**form, **(tamper or {})}
    client = phone.app.test_client()
    extra = {"X-Twilio-Signature": signed} if signed is not None else {}
    reply = client.post("/ivr/voice", data=sent, headers={**extra, **(headers or {})})
    return reply.status_code


def test_a_correctly_signed_entry_is_served(phone, runtime):
    assert _entry(phone) == 200
    assert _calls_stored(runtime) == 1


@pytest.mark.parametrize(
    ("case", "kwargs"),
    [
        ("missing signature", {"signature": None}),
        ("empty signature", {"signature": ""}),
        ("garbage signature", {"signature": "bm90IGEgc2lnbmF0dXJl"}),
        ("tampered parameter", {"tamper": {"From": "+819099999999"}}),
        ("added parameter", {"tamper": {"Digits": "1"}}),
        ("wrong host", {"sign_url": "https://evil.example/ivr/voice"}),
        ("plain http", {"sign_url": "http://ivr.example.test/ivr/voice"}),
        ("other path", {"sign_url": PUBLIC + "/ivr/step?s=0"}),
    ],
)
def test_an_unsigned_or_tampered_entry_is_refused_and_stores_nothing(phone, runtime, case, kwargs):
    assert _entry(phone, **kwargs) == 403, case
    assert _calls_stored(runtime) == 0


def test_behind_a_tls_proxy_the_public_url_is_what_counts(phone, runtime):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "ivr.example.test"}
    assert _entry(phone, headers=headers) == 200
    # the app itself is reached over plain http on localhost: that URL must not validate
    assert _entry(phone, sign_url="http://localhost/ivr/voice", headers=headers) == 403


def test_a_step_with_a_changed_step_counter_is_refused(phone, runtime):
    call = phone.ring([])
    assert call.pending is not None
    url = call.pending.action
    form = call.params({"Digits": "1"})
    signature = call.sign(url, form)
    code, _ = phone.transport().post(url.replace("s=0", "s=5"), form, signature)
    assert code == 403
    code, _ = phone.transport().post(url, form, signature)
    assert code == 200


@pytest.mark.parametrize(
    "path", ["/ivr/step?s=0", "/ivr/status", "/ivr/queue/wait", "/ivr/queue/done?s=1"]
)
def test_every_webhook_checks_the_signature(phone, path):
    reply = phone.app.test_client().post(path, data={"CallSid": "CA" + "1" * 32})
    assert reply.status_code == 403
