"""The wallboard over HTTP: its staff API, targets, the emergency banner's who and when, the
next open days, operators only, and the wall mode."""

from __future__ import annotations

from datetime import timedelta

from queues import acd, keys, presence


def test_the_wallboard_api_gives_rates_over_offered_and_erlang_for_those_on_duty(
    client, r, clock, api_login, make_agent
):
    headers = api_login("sato", role="supervisor")
    acd.enqueue_call(r, call_sid="CA-1", queue="general", caller="", language="ja", now=clock.now())
    acd.enqueue_call(r, call_sid="CA-2", queue="general", caller="", language="ja", now=clock.now())
    acd.call_left(r, "CA-2", "hangup", clock.now())  # abandoned: offered, never answered
    clock.set(clock.now() + timedelta(seconds=5))
    make_agent("aoki")  # answers CA-1 after 5 s: within the service level
    body = client.get("/api/v1/staff/wallboard", headers=headers).json
    general = next(q for q in body["queues"] if q["queue"] == "general")
    assert (general["offered"], general["answered"], general["abandoned"]) == (2, 1, 1)
    assert (general["answer_rate"], general["service_level"]) == (0.5, 0.5)
    assert general["answer_rate_grade"] == "bad"
    assert body["targets"] == {"answer_rate": 0.9, "service_level": 0.8, "warn_band": 0.1}
    assert body["bars"] == [{"start": "09:00", "offered": 2, "answered": 1, "abandoned": 1}]
    staffing = next(s for s in body["staffing"] if s["queue"] == "general")
    assert staffing["agents_on_duty"] == 1 and "expected_service_level" in staffing
    assert [a["id"] for a in body["agents"]] == ["aoki"]  # sato, the supervisor, is not listed


def test_the_wallboard_api_is_for_supervisors_only(client, api_login):
    headers = api_login("aoki", role="agent")
    assert client.get("/api/v1/staff/wallboard", headers=headers).status_code == 403
    assert (
        client.put("/api/v1/staff/wallboard/targets", json={}, headers=headers).status_code == 403
    )
    assert client.get("/api/v1/staff/wallboard").status_code == 401


def test_targets_set_through_the_api_recolour_the_rates(client, r, clock, api_login, make_agent):
    headers = api_login("sato", role="supervisor")
    make_agent("aoki")
    acd.enqueue_call(r, call_sid="CA-1", queue="general", caller="", language="ja", now=clock.now())
    chosen = {"answer_rate": 0.95, "service_level": 0.7, "warn_band": 0.05}
    assert (
        client.put("/api/v1/staff/wallboard/targets", json=chosen, headers=headers).json == chosen
    )
    assert client.get("/api/v1/staff/wallboard/targets", headers=headers).json == chosen
    refused = client.put("/api/v1/staff/wallboard/targets", json={"answer_rate": 2},
                         headers=headers)  # fmt: skip
    assert refused.status_code == 422 and refused.json["fields"] == {"answer_rate": "out_of_range"}


def test_the_emergency_banner_says_who_set_it_and_when(client, r, clock, page_login, api_login):
    headers = api_login("sato", role="supervisor")
    reply = client.put("/api/v1/staff/emergency/ja", json={"text": "本日は臨時休所です。"},
                       headers=headers)  # fmt: skip
    assert reply.json["emergencies"] == [
        {"language": "ja", "text": "本日は臨時休所です。", "by": "Sato",
         "at": clock.now().isoformat()}
    ]  # fmt: skip
    assert r.get(keys.emergency_key("ja")).decode() == "本日は臨時休所です。"  # the phone plays it
    page_login("suzuki", role="supervisor")
    page = client.get("/console/dashboard").get_data(as_text=True)
    assert "緊急アナウンス放送中（日本語）" in page and "設定：Sato（11月2日 9:00）" in page
    assert client.delete("/api/v1/staff/emergency/ja", headers=headers).json == {"emergencies": []}
    assert client.put("/api/v1/staff/emergency/fr", json={"text": "x"},
                      headers=headers).status_code == 404  # fmt: skip


def test_the_board_form_sets_targets_in_percent(client, r, page_login):
    csrf = page_login("sato", role="supervisor")
    client.post("/console/dashboard/targets",
                data={"csrf_token": csrf, "answer_rate": "85", "service_level": "75",
                      "warn_band": "5"})  # fmt: skip
    page = client.get("/console/dashboard").get_data(as_text=True)
    assert 'name="answer_rate" min="1" max="100" step="0.1" value="85"' in page
    assert "目標 75.0%" in page
    client.post("/console/dashboard/targets",
                data={"csrf_token": csrf, "answer_rate": "abc", "service_level": "75"})  # fmt: skip
    assert "目標値は1〜100の数で入力してください。" in client.get("/console/dashboard").get_data(
        as_text=True
    )


def test_centres_show_their_next_open_days(client, page_login):
    page_login("sato", role="supervisor")
    page = client.get("/console/dashboard").get_data(as_text=True)
    # Monday 2 November 2026: Tuesday 3 is a holiday (文化の日) but centres open; Wednesday and
    # Thursday are closed, so the next open days are the 3rd, 6th and 7th.
    for day in ("2026-11-03", "2026-11-06", "2026-11-07"):  # 11月3日（火） ...
        assert f'id="ahead-yokohama-{day}"' in page
    assert 'id="ahead-yokohama-2026-11-04"' not in page


def test_a_supervisor_is_listed_among_operators_only_while_taking_calls(
    client, r, clock, page_login
):
    page_login("sato", role="supervisor")
    page = client.get("/console/dashboard").get_data(as_text=True)
    assert 'id="agent-sato"' not in page
    presence.set_state(r, "sato", "available", clock.now())
    page = client.get("/console/dashboard").get_data(as_text=True)
    assert 'id="agent-sato"' in page


def test_the_wall_mode_leaves_the_switches_out(client, page_login):
    page_login("sato", role="supervisor")
    assert (
        client.get("/console/wallboard").headers["Location"].endswith("/console/dashboard?wall=1")
    )
    page = client.get("/console/dashboard?wall=1").get_data(as_text=True)
    assert '<body class="dashboard wall">' in page
    assert 'id="tile-service-level"' in page and 'id="targets-form"' not in page
