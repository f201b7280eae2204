"""Screen pop and searches (audited), wrap-up records, interval history on the real database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from booking_core.bookings import cancel_booking, create_booking
from booking_core.call_records import recent_records, record_wrap_up
from booking_core.errors import InvalidRequest
from booking_core.models import AuditEvent
from booking_core.policy import Actor
from booking_core.resident_records import caller_records, search
from queues import history
from tests.conftest import work_notifications

AGENT = Actor.staff("aoki")


def _audit(runtime, action):
    with runtime.uow() as uow:
        query = select(AuditEvent.entity_id, AuditEvent.actor).where(AuditEvent.action == action)
        return [(entity_id, actor) for entity_id, actor in uow.session.execute(query)]


def test_screen_pop_shows_the_callers_bookings_and_cards_and_audits_each(
    runtime, clock, booking_request, ready_card
):
    ready_card(notice_number="123456789", birth_date=date(1950, 4, 1))
    web = Actor.resident("web")
    cert = create_booking(
        runtime.uow(), booking_request(), now=clock.now(), actor=web, policy=runtime.policy
    )
    issue = create_booking(
        runtime.uow(),
        booking_request(
            service="issue",
            center=None,
            notice_number="123456789",
            birth_date=date(1950, 4, 1),
            day=date(2026, 11, 13),
        ),
        now=clock.now(),
        actor=web,
        policy=runtime.policy,
    )
    found = caller_records(
        runtime.uow(), phone="+819012345678", now=clock.now(), actor=AGENT, policy=runtime.policy
    )
    assert {b.reference for b in found.bookings} == {cert.reference, issue.reference}
    assert [(c.notice_number, c.center_id, c.ward_id) for c in found.cards] == [
        ("123456789", "yokohama", "nishi")
    ]
    reads = _audit(runtime, "booking.read")
    assert {entity for entity, _ in reads} == {cert.reference, issue.reference}
    assert {actor for _, actor in reads} == {"staff:aoki"}
    assert [entity for entity, _ in _audit(runtime, "caller.lookup")] == ["+81******5678"]


def test_an_agent_sees_how_each_text_a_booking_owed_went(runtime, clock, booking_request, texts):
    made = create_booking(
        runtime.uow(), booking_request(), now=clock.now(), actor=Actor.resident("web"),
        policy=runtime.policy,
    )  # fmt: skip
    found = search(
        runtime.uow(), reference=made.reference, now=clock.now(), actor=AGENT, policy=runtime.policy
    )
    assert [(x.purpose, x.status) for x in found.texts[made.reference]] == [
        ("confirmation", "pending")
    ]
    work_notifications(runtime)
    cancel_booking(
        runtime.uow(), reference=made.reference, birth_date=date(1960, 5, 5), now=clock.now(),
        actor=Actor.resident("web"),
    )  # fmt: skip
    found = search(
        runtime.uow(), reference=made.reference, now=clock.now(), actor=AGENT, policy=runtime.policy
    )
    [sent, owed] = found.texts[made.reference]
    assert (sent.purpose, sent.status, owed.purpose, owed.status) == (
        "confirmation", "sent", "cancellation", "pending"
    )  # fmt: skip
    assert sent.at == clock.now()


def test_a_booking_for_a_landline_shows_no_texts(runtime, clock, booking_request):
    made = create_booking(
        runtime.uow(), booking_request(phone="+81452001234"), now=clock.now(),
        actor=Actor.resident("web"), policy=runtime.policy,
    )  # fmt: skip
    found = search(
        runtime.uow(), reference=made.reference, now=clock.now(), actor=AGENT, policy=runtime.policy
    )
    assert found.bookings and found.texts == {}


def test_search_by_notice_number_finds_the_card_even_without_a_booking(runtime, clock, ready_card):
    ready_card(notice_number="987654321")
    found = search(
        runtime.uow(),
        notice_number="987654321",
        now=clock.now(),
        actor=AGENT,
        policy=runtime.policy,
    )
    assert found.bookings == ()
    assert [c.notice_number for c in found.cards] == ["987654321"]
    assert _audit(runtime, "card.read") == [("987654321", "staff:aoki")]


def test_a_wrap_up_note_with_a_my_number_is_refused(runtime, clock):
    with pytest.raises(InvalidRequest) as refused:
        record_wrap_up(
            runtime.uow(),
            call_sid="CA-1",
            queue="general",
            kind="call",
            code="enquiry",
            topic="procedure",
            note="番号 1234 5678 9018 を聞いた",
            now=clock.now(),
            actor=AGENT,
        )
    assert refused.value.fields == {"note": "my_number_not_accepted"}


def test_a_wrap_up_is_recorded_once_per_call(runtime, clock):
    for code in ("enquiry", "booked"):
        record_wrap_up(
            runtime.uow(),
            call_sid="CA-1",
            queue="booking",
            kind="call",
            code=code,
            topic="booking",
            note="予約を取得",
            now=clock.now(),
            actor=AGENT,
        )
    records = recent_records(runtime.uow(), agent="aoki")
    assert [(r.call_sid, r.wrap_code, r.note) for r in records] == [
        ("CA-1", "booked", "予約を取得")
    ]


def test_half_hours_move_from_redis_to_the_database(runtime, clock, make_call, make_agent):
    make_call("CA-1")
    make_agent("aoki")
    make_call("CA-2")
    clock.set(clock.now() + timedelta(minutes=40))
    make_call("CA-3")
    assert history.persist_intervals(runtime.redis, runtime.uow, clock.now()) == 2
    rows = history.history_rows(
        runtime.uow(), start=clock.now() - timedelta(hours=2), end=clock.now() + timedelta(hours=1)
    )
    assert [(r["start"][11:16], r["offered"], r["answered"], r["service_level"]) for r in rows] == [
        ("09:00", 2, 1, 0.5),  # SL over the calls offered: CA-2 still waiting counts
        ("09:30", 1, 0, 0.0),
    ]
    assert history.to_csv(rows).splitlines()[0].startswith("start,queue,offered,answered")
    assert history.persist_intervals(runtime.redis, runtime.uow, clock.now()) == 1  # only current


def test_half_hours_are_persisted_at_most_once_a_minute(runtime, clock, make_call):
    make_call("CA-1")
    assert history.persist_if_due(runtime.redis, runtime.uow, clock.now()) is True
    assert history.persist_if_due(runtime.redis, runtime.uow, clock.now()) is False
    rows = history.history_rows(
        runtime.uow(), start=clock.now() - timedelta(hours=1), end=clock.now() + timedelta(hours=1)
    )
    assert [(r["queue"], r["offered"]) for r in rows] == [("general", 1)]
