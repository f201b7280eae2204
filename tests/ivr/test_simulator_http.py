"""The simulator against a running server over HTTP (`entrypoints.phone_simulator --url`)."""

from __future__ import annotations

from entrypoints.phone_simulator import main
from ivr.simulator import HttpTransport, SimulatedCall


def test_a_call_over_http_is_signed_for_the_public_url(live_server, runtime):
    transport = HttpTransport(live_server, runtime.settings.public_base_url)
    call = SimulatedCall(runtime.settings.public_base_url, runtime.settings.twilio_auth_token)
    call.run(transport, ["1", "4", "1"])
    assert any(s.startswith("横浜駅マイナンバーカード特設センター。") for s in call.said())


def test_the_command_line_prints_what_the_caller_hears(live_server, runtime, capsys):
    settings = runtime.settings
    code = main(
        ["--url", live_server, "--public-base-url", settings.public_base_url,
         "--auth-token", settings.twilio_auth_token, "--keys", "1,*"]
    )  # fmt: skip
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    assert (
        printed[0]
        == " ja-JP  お電話ありがとうございます。横浜市マイナンバーカード専用ダイヤルです。"
    )
    assert "   >>>  *" in printed and printed[-1] == "[call in-progress]"


def test_a_wrong_auth_token_is_refused_and_the_call_ends(live_server, runtime):
    transport = HttpTransport(live_server, runtime.settings.public_base_url)
    call = SimulatedCall(runtime.settings.public_base_url, "not-the-token").start(transport)
    assert [h.text for h in call.transcript if h.kind == "error"] == ["HTTP 403"]
    assert call.status == "completed"
