"""The supervisors' dashboard: roles, the live stream, switches, history and CSV."""

from __future__ import annotations

import json
from datetime import timedelta

from agent_console.dashboard import stream_events
from queues import acd, keys, presence, stats


def _events(chunks, count):
    """The next `count` SSE blocks (comments included) from a stream."""
    return [next(chunks) for _ in range(count)]


def test_agents_may_not_see_the_dashboard(client, page_login):
    page_login("aoki")
    assert client.get("/console/dashboard").status_code == 403
    assert client.get("/console/dashboard/stream").status_code == 403


def test_the_dashboard_shows_queues_agents_staffing_and_centres(client, r, clock, page_login):
    page_login("sato", role="supervisor")
    acd.enqueue_call(r, call_sid="CA-1", queue="general", caller="", language="ja", now=clock.now())
    page = client.get("/console/dashboard").get_data(as_text=True)
    assert '<tr id="queue-general" data-queue="general">' in page
    assert '<td class="big waiting">1</td>' in page
    assert 'id="centre-yokohama"' in page and 'id="staffing-english"' in page


def test_the_stream_sends_the_full_picture_then_each_change(runtime, clock, make_agent):
    make_agent("aoki", state="break")
    chunks = stream_events(runtime, keepalive=3600, refresh=3600)
    retry, snapshot = _events(chunks, 2)
    assert retry == "retry: 2000\n\n"
    kind, data = snapshot.split("\n", 1)
    board = json.loads(data.removeprefix("data: "))
    assert kind == "event: snapshot"
    assert [(a["id"], a["state"]) for a in board["agents"]] == [("aoki", "break")]
    assert {c["center_id"] for c in board["centres"]} >= {"yokohama", "futamatagawa"}
    acd.enqueue_call(
        runtime.redis, call_sid="CA-1", queue="visit", caller="", language="ja", now=clock.now()
    )
    change = next(chunks)
    message = json.loads(change.split("data: ", 1)[1])
    assert change.startswith("event: change\n")
    assert (message["kind"], message["data"]["queue"], message["data"]["waiting"]) == (
        "queue",
        "visit",
        1,
    )
    chunks.close()


def test_the_stream_sends_keep_alive_comments(runtime):
    chunks = stream_events(runtime, keepalive=0.0, refresh=3600)
    _events(chunks, 2)
    assert next(chunks) == ": keep-alive\n\n"
    chunks.close()


def test_the_emergency_switch_sets_and_clears_the_announcement(client, r, page_login):
    csrf = page_login("sato", role="supervisor")
    client.post(
        "/console/dashboard/emergency",
        data={
            "csrf_token": csrf,
            "language": "ja",
            "text": "本日は臨時休所です。",
            "action": "set",
        },
    )
    assert r.get(keys.EMERGENCY_KEY_PREFIX + "ja").decode() == "本日は臨時休所です。"
    client.post(
        "/console/dashboard/emergency",
        data={"csrf_token": csrf, "language": "ja", "text": "", "action": "clear"},
    )
    assert r.get(keys.EMERGENCY_KEY_PREFIX + "ja") is None


def test_closing_a_queue_refuses_new_callers(client, r, clock, page_login):
    csrf = page_login("sato", role="supervisor")
    client.post(
        "/console/dashboard/queue", data={"csrf_token": csrf, "queue": "visit", "open": "0"}
    )
    assert acd.is_closed(r, "visit")
    client.post(
        "/console/dashboard/queue", data={"csrf_token": csrf, "queue": "visit", "open": "1"}
    )
    assert not acd.is_closed(r, "visit")


def test_history_is_charted_and_exported_as_csv(client, r, clock, page_login, make_agent):
    page_login("sato", role="supervisor")
    acd.enqueue_call(r, call_sid="CA-1", queue="general", caller="", language="ja", now=clock.now())
    clock.set(clock.now() + timedelta(seconds=30))
    make_agent("aoki")  # answered after 30 s: outside the 20 s service level
    acd.enqueue_call(r, call_sid="CA-2", queue="english", caller="", language="en", now=clock.now())
    acd.call_left(r, "CA-2", "hangup", clock.now())
    page = client.get("/console/dashboard").get_data(as_text=True)
    assert "<tr><td>09:00</td><td>2</td><td>1</td><td>1</td></tr>" in page  # the chart's table
    csv_reply = client.get("/console/dashboard/history.csv?day=2026-11-02")
    lines = csv_reply.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert csv_reply.mimetype == "text/csv"
    assert lines[0].split(",")[:6] == [
        "start",
        "queue",
        "offered",
        "answered",
        "abandoned",
        "answered_in_sl",
    ]
    rows = {line.split(",")[1]: line.split(",") for line in lines[1:]}
    assert rows["general"][2:6] == ["1", "1", "0", "0"]
    assert rows["english"][2:6] == ["1", "0", "1", "0"]
    assert presence.agent(r, "aoki")["call"] == "CA-1"


def test_a_supervisor_gives_an_agent_the_english_skill(
    client, r, runtime, clock, page_login, make_agent
):
    from booking_core.call_records import skills_of

    make_agent("aoki", state="break")
    acd.enqueue_call(
        r, call_sid="CA-en", queue="english", caller="", language="en", now=clock.now()
    )
    csrf = page_login("sato", role="supervisor")
    client.post(
        "/console/dashboard/skills",
        data={
            "csrf_token": csrf,
            "username": "aoki",
            "topic_general": "1",
            "topic_english": "1",
            "lang_ja": "1",
            "lang_en": "1",
        },
    )
    assert skills_of(runtime.uow(), "aoki").topics == ("general", "english")
    assert presence.on_duty(r, "english") == {"aoki"}
    presence.set_state(r, "aoki", "available", clock.now())
    assert presence.agent(r, "aoki")["call"] == "CA-en"


def test_the_stream_ends_when_the_session_ends(runtime):
    sessions = {"alive": True}
    chunks = stream_events(runtime, keepalive=3600, refresh=0.0, alive=lambda: sessions["alive"])
    _events(chunks, 2)
    assert next(chunks).startswith("event: live\n")
    sessions["alive"] = False
    assert list(chunks) == []


def test_callback_requests_left_out_of_hours_count_on_the_board(client, r, clock, page_login):
    entry = {
        "caller": "+819033334444",
        "language": "ja",
        "topic": "general",
        "requested_at": clock.now().isoformat(),
    }
    r.rpush(keys.CALLBACKS_KEY, json.dumps(entry))
    page_login("sato", role="supervisor")
    client.get("/console/dashboard")
    general = stats.queue_figures(r, "general", clock.now())
    assert (general["callbacks_waiting"], r.llen(keys.CALLBACKS_KEY)) == (1, 0)


def test_the_stream_hears_only_its_own_databases_changes(runtime, clock):
    """Pub/sub channels are server-wide: a system on another Redis database stays apart."""
    from queues import events

    chunks = stream_events(runtime, keepalive=3600, refresh=3600)
    _events(chunks, 2)
    db = runtime.redis.connection_pool.connection_kwargs.get("db", 0) or 0
    runtime.redis.publish(keys.events_channel(db + 1), json.dumps({"kind": "queue"}))
    events.publish(runtime.redis, "emergency", {"emergencies": []}, clock.now())
    message = json.loads(next(chunks).split("data: ", 1)[1])
    assert message["kind"] == "emergency"
    chunks.close()
