"""Inquiry records through the staff API and the console's pages: every role checked on both."""

from __future__ import annotations

from datetime import timedelta

from queues import acd

CALLER = "+819011110001"


def _take_and_wrap(client, r, clock, headers, sid, **inquiry):
    client.put("/api/v1/staff/presence", json={"state": "available"}, headers=headers)
    acd.enqueue_call(
        r, call_sid=sid, queue="general", caller=CALLER, language="ja", now=clock.now()
    )
    client.post("/api/v1/staff/answer", headers=headers)
    clock.set(clock.now() + timedelta(minutes=3))
    client.post("/api/v1/staff/hangup", headers=headers)
    return client.post(
        "/api/v1/staff/wrap-up", json={"code": "enquiry", **inquiry}, headers=headers
    )


def test_a_wrap_up_needs_a_topic_and_a_complaint_is_escalated(client, r, clock, api_login):
    agent = api_login("aoki")
    refused = _take_and_wrap(client, r, clock, agent, "CA-1")
    assert (refused.status_code, refused.json["fields"]) == (422, {"topic": "required"})
    done = client.post(
        "/api/v1/staff/wrap-up",
        json={"code": "enquiry", "topic": "complaint", "note": "待ち時間が長い"},
        headers=agent,
    )
    assert done.status_code == 200
    open_ = client.get("/api/v1/staff/escalations", headers=agent).json["escalations"]
    assert [(e["topic"], e["caller"], e["note"]) for e in open_] == [
        ("complaint", CALLER, "待ち時間が長い")
    ]
    record_id = open_[0]["id"]
    assert (
        client.post(f"/api/v1/staff/escalations/{record_id}/close", headers=agent).status_code
        == 403
    )
    sato = api_login("sato", role="supervisor")
    closed = client.post(f"/api/v1/staff/escalations/{record_id}/close", headers=sato)
    assert (closed.status_code, closed.json["escalation"]) == (200, "closed")
    again = client.post(f"/api/v1/staff/escalations/{record_id}/close", headers=sato)
    assert (again.status_code, again.json["error"]) == (404, "not_found")


def test_the_city_edits_the_topic_list_and_only_administrators_may(client, clock, api_login):
    agent = api_login("aoki")
    listed = client.get("/api/v1/staff/inquiry-topics", headers=agent).json["topics"]
    assert "complaint" in [x["code"] for x in listed]
    body = {"code": "fraud", "name_ja": "詐欺の相談", "name_en": "Fraud"}
    assert client.post("/api/v1/staff/inquiry-topics", json=body, headers=agent).status_code == 403
    admin = api_login("root", role="admin")
    made = client.post("/api/v1/staff/inquiry-topics", json=body, headers=admin)
    assert (made.status_code, made.json["active"]) == (201, True)
    taken = client.post("/api/v1/staff/inquiry-topics", json=body, headers=admin)
    assert taken.status_code == 409
    retired = client.put(
        "/api/v1/staff/inquiry-topics/fraud", json={**body, "active": False}, headers=admin
    )
    assert (retired.status_code, retired.json["active"]) == (200, False)
    missing = client.put("/api/v1/staff/inquiry-topics/nothing", json=body, headers=admin)
    assert missing.status_code == 404


def test_counts_by_topic_per_day_are_for_supervisors(client, r, clock, api_login):
    agent = api_login("aoki")
    _take_and_wrap(client, r, clock, agent, "CA-1", topic="booking")
    assert client.get("/api/v1/staff/inquiries/counts", headers=agent).status_code == 403
    sato = api_login("sato", role="supervisor")
    day = clock.now().date().isoformat()
    counts = client.get(f"/api/v1/staff/inquiries/counts?from={day}&to={day}", headers=sato)
    assert counts.json["days"] == [{"date": day, "topics": {"booking": 1}}]
    report = client.get(f"/api/v1/staff/reports/daily?date={day}", headers=sato).json
    assert {"topic": "booking", "name_ja": "予約・変更・取消", "count": 1} in report["inquiries"]
    bad = client.get("/api/v1/staff/inquiries/counts?from=2026-13-01", headers=sato)
    assert (bad.status_code, bad.json["fields"]) == (422, {"from": "invalid_date"})


def test_the_caller_timeline_lists_earlier_calls_newest_first(client, r, clock, api_login):
    agent = api_login("aoki")
    _take_and_wrap(client, r, clock, agent, "CA-1", topic="booking", note="予約の相談")
    reply = client.post(
        "/api/v1/staff/caller-timeline", json={"phone": "090-1111-0001"}, headers=agent
    )
    assert reply.status_code == 200
    assert [(e["kind"], e["topic"], e["note"]) for e in reply.json["events"]] == [
        ("call", "booking", "予約の相談")
    ]
    bad = client.post("/api/v1/staff/caller-timeline", json={"phone": "abc"}, headers=agent)
    assert (bad.status_code, bad.json["fields"]) == (422, {"phone": "invalid_phone"})
    assert client.post("/api/v1/staff/caller-timeline", json={"phone": CALLER}).status_code == 401


def test_the_pages_show_escalations_to_agents_and_counts_to_supervisors(
    client, r, clock, api_login, page_login
):
    agent = api_login("aoki")
    _take_and_wrap(client, r, clock, agent, "CA-1", topic="complaint", note="対応が遅い")
    page_login("ito")
    page = client.get("/console/inquiries").get_data(as_text=True)
    assert "対応が遅い" in page and "090-1111-0001" in page and 'id="topic-counts"' not in page
    assert client.get("/console/admin/inquiry-topics").status_code == 403


def test_an_administrator_adds_a_topic_on_the_screen(client, page_login):
    csrf = page_login("root", role="admin")
    reply = client.post(
        "/console/admin/inquiry-topics",
        data={"csrf_token": csrf, "new": "1", "active": "1", "code": "fraud",
              "name_ja": "詐欺の相談", "name_en": "Fraud"},
        follow_redirects=True,
    )  # fmt: skip
    assert "「詐欺の相談」を保存しました。" in reply.get_data(as_text=True)
    counts = client.get("/console/inquiries").get_data(as_text=True)
    assert 'id="counts-table"' in counts and "詐欺の相談" in counts
