"""Inquiry records: the city's topic list, escalations of complaints, counts by topic per day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from booking_core.audit_view import AuditFilter, audit_events
from booking_core.call_records import record_wrap_up
from booking_core.callcentre_models import CallRecord
from booking_core.errors import InvalidRequest, MyNumberRefused, NotFound
from booking_core.identifiers import group_reference, national_phone
from booking_core.inquiries import (
    calls_of_number,
    close_escalation,
    counts_by_topic,
    list_topics,
    open_escalations,
    save_topic,
)
from booking_core.models import AuditEvent
from booking_core.policy import Actor

AGENT = Actor.staff("aoki")
ADMIN = Actor.staff("root", "admin")
CALLER = "+819011110001"


def _wrap(runtime, clock, sid, topic, *, escalate=False, code="enquiry", note="", caller=CALLER):
    record_wrap_up(
        runtime.uow(), call_sid=sid, queue="general", kind="call", code=code, note=note,
        now=clock.now(), actor=AGENT, topic=topic, escalate=escalate, caller=caller,
    )  # fmt: skip


def test_a_new_installation_has_the_default_topics_with_complaint_marked(runtime):
    topics = {t.code: t for t in list_topics(runtime.uow())}
    assert {"booking", "procedure", "complaint", "other"} <= set(topics)
    assert topics["complaint"].complaint and not topics["booking"].complaint


def test_a_wrap_up_without_a_topic_is_refused(runtime, clock):
    with pytest.raises(InvalidRequest) as refused:
        _wrap(runtime, clock, "CA-1", "")
    assert refused.value.fields == {"topic": "required"}


def test_a_retired_topic_can_no_longer_be_chosen_but_keeps_its_records(runtime, clock):
    _wrap(runtime, clock, "CA-1", "card")
    save_topic(runtime.uow(), code="card", name_ja="カードの受取", name_en="Card",
               complaint=False, active=False, now=clock.now(), actor=ADMIN)  # fmt: skip
    with pytest.raises(InvalidRequest) as refused:
        _wrap(runtime, clock, "CA-2", "card")
    assert refused.value.fields == {"topic": "unknown_topic"}
    assert counts_by_topic(runtime.uow(), first=clock.now().date(), last=clock.now().date()) == {
        clock.now().date(): {"card": 1}
    }


def test_the_city_adds_a_topic_and_agents_can_use_it_at_once(runtime, clock):
    save_topic(runtime.uow(), code="fraud", name_ja="詐欺の相談", name_en="Fraud",
               complaint=False, active=True, now=clock.now(), actor=ADMIN)  # fmt: skip
    assert list_topics(runtime.uow())[-1].code == "fraud"
    _wrap(runtime, clock, "CA-1", "fraud")


def test_a_topic_code_must_be_lowercase_letters(runtime, clock):
    with pytest.raises(InvalidRequest) as refused:
        save_topic(runtime.uow(), code="Bad Code", name_ja="", name_en="x", complaint=False,
                   active=True, now=clock.now(), actor=ADMIN)  # fmt: skip
    assert refused.value.fields == {"code": "invalid_topic_code", "name_ja": "required"}


def test_a_note_with_a_my_number_is_refused_and_nothing_is_kept(runtime, clock):
    with pytest.raises(MyNumberRefused):
        _wrap(runtime, clock, "CA-1", "procedure", note="個人番号 1234 5678 9018")
    with runtime.uow() as uow:
        assert uow.session.scalars(select(CallRecord)).all() == []


def test_a_complaint_is_always_escalated_until_a_supervisor_closes_it(runtime, clock):
    _wrap(runtime, clock, "CA-1", "complaint", note="待ち時間が長い")
    _wrap(runtime, clock, "CA-2", "booking")
    _wrap(runtime, clock, "CA-3", "procedure", escalate=True)
    found = open_escalations(runtime.uow(), now=clock.now(), actor=AGENT)
    assert [(e.call_sid, e.topic) for e in found] == [("CA-1", "complaint"), ("CA-3", "procedure")]
    with runtime.uow() as uow:
        read = uow.session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "inquiry.escalations_read")
        ).all()
    assert read == [{"ids": [e.id for e in found]}]  # every record shown is in the audit
    close_escalation(runtime.uow(), found[0].id, now=clock.now(), actor=Actor.staff("sato"))
    assert [e.call_sid for e in open_escalations(runtime.uow(), now=clock.now(), actor=AGENT)] == [
        "CA-3"
    ]
    with pytest.raises(NotFound):
        close_escalation(runtime.uow(), found[0].id, now=clock.now(), actor=Actor.staff("sato"))


def test_counts_by_topic_list_every_day_of_the_range(runtime, clock):
    today = clock.now().date()
    _wrap(runtime, clock, "CA-1", "booking")
    _wrap(runtime, clock, "CA-2", "booking")
    clock.set(clock.now() + timedelta(days=1))
    _wrap(runtime, clock, "CA-3", "complaint")
    days = counts_by_topic(
        runtime.uow(), first=today - timedelta(days=1), last=today + timedelta(days=1)
    )
    assert days == {
        today - timedelta(days=1): {},
        today: {"booking": 2},
        today + timedelta(days=1): {"complaint": 1},
    }


def test_counts_refuse_a_range_longer_than_a_quarter(runtime):
    with pytest.raises(InvalidRequest) as refused:
        counts_by_topic(runtime.uow(), first=date(2026, 1, 1), last=date(2026, 6, 1))
    assert refused.value.fields == {"to": "range_too_long"}


def test_earlier_calls_of_a_number_are_read_newest_first_and_audited(runtime, clock):
    _wrap(runtime, clock, "CA-1", "booking")
    clock.set(clock.now() + timedelta(minutes=5))
    _wrap(runtime, clock, "CA-2", "complaint")
    _wrap(runtime, clock, "CA-3", "other", caller="+819022220002")
    found = calls_of_number(runtime.uow(), phone=CALLER, now=clock.now(), actor=AGENT)
    assert [c.call_sid for c in found] == ["CA-2", "CA-1"]
    wanted = AuditFilter(action="inquiry.timeline_read")
    events = audit_events(runtime.uow(), wanted, now=clock.now(), actor=ADMIN)
    assert len(events) == 1


def test_numbers_and_references_are_shown_the_japanese_way():
    assert national_phone("+819011110001") == "090-1111-0001"
    assert national_phone("+81451234567") == "045-123-4567"
    assert group_reference("1234567890") == "123 456 7890"
