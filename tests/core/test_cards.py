"""The card-ready list: importing it, and what it allows an issuance booking to do."""

from __future__ import annotations

import logging
from datetime import date, time

import pytest
from sqlalchemy import func, select

from booking_core.bookings import create_booking
from booking_core.card_import import CardImportRejected
from booking_core.cards import ImportResult, import_card_list, lookup_card
from booking_core.errors import CardNotReady, WrongCenter
from booking_core.models import (
    AuditEvent,
    Base,
    Booking,
    CardImport,
    CardReadyRecord,
    WardAssignment,
)
from booking_core.policy import Actor
from booking_core.schema import metadata

STAFF = Actor.staff("centre-admin", channel="admin")
WEB = Actor.resident("web")
MY_NUMBER = "123456789018"  # a valid 個人番号 check digit
HEADER = "notice_number,birth_date,ward,ready_on,備考"
GOOD = (
    f"{HEADER}\n"
    "111111111,1950-04-01,西区,2026-10-20,\n"
    "222222222,1985-12-31,港北区,2026/10/21,\n"
    "333-333333,19700707,保土ヶ谷区,2026-10-22,再交付\n"
).encode()
FRIDAY = date(2026, 11, 13)


def import_csv(runtime, clock, data: bytes) -> ImportResult:
    """Import a file as centre staff."""
    return import_card_list(runtime.uow(), data, now=clock.now(), actor=STAFF)


def count(runtime, model: type[Base]) -> int:
    """Rows in a table."""
    with runtime.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def issue(runtime, clock, booking_request, **overrides: object):
    """An issuance booking for the default ready card (西区 -> yokohama)."""
    values: dict[str, object] = {
        "service": "issue",
        "center": "yokohama",
        "day": FRIDAY,
        "start": time(14, 0),
        "notice_number": "123456789",
        "birth_date": date(1950, 4, 1),
        "phone": None,
    }
    values.update(overrides)
    return create_booking(
        runtime.uow(),
        booking_request(**values),
        now=clock.now(),
        actor=WEB,
        policy=runtime.policy,
    )


def test_a_good_file_is_imported_with_each_card_at_its_ward(runtime, clock):
    result = import_csv(runtime, clock, GOOD)
    assert result == ImportResult(added=3, unchanged=0, already_imported=False)
    with runtime.uow() as uow:
        cards = {
            c.notice_number: (c.birth_date, c.ward_id, c.ready_on, c.status)
            for c in uow.session.scalars(select(CardReadyRecord))
        }
        events = [(e.action, e.actor, e.detail) for e in uow.session.scalars(select(AuditEvent))]
    assert cards == {
        "111111111": (date(1950, 4, 1), "nishi", date(2026, 10, 20), "at_ward"),
        "222222222": (date(1985, 12, 31), "kohoku", date(2026, 10, 21), "at_ward"),
        "333333333": (date(1970, 7, 7), "hodogaya", date(2026, 10, 22), "at_ward"),
    }
    detail = {"rows": 3, "added": 3, "updated": 0}
    assert events == [("card_list.import", "staff:centre-admin", detail)]


def test_the_same_file_twice_changes_nothing(runtime, clock):
    import_csv(runtime, clock, GOOD)
    before = (
        count(runtime, CardImport),
        count(runtime, CardReadyRecord),
        count(runtime, AuditEvent),
    )
    again = import_csv(runtime, clock, GOOD)
    assert again == ImportResult(added=0, unchanged=0, already_imported=True)
    after = (
        count(runtime, CardImport),
        count(runtime, CardReadyRecord),
        count(runtime, AuditEvent),
    )
    assert after == before == (1, 3, 1)


def test_a_new_file_repeating_listed_cards_adds_only_the_new_ones(runtime, clock):
    import_csv(runtime, clock, GOOD)
    second = (
        f"{HEADER}\n111111111,1950-04-01,西区,2026-10-20,\n444444444,1990-01-01,旭区,2026-10-23,\n"
    )
    result = import_csv(runtime, clock, second.encode())
    assert result == ImportResult(added=1, unchanged=1, already_imported=False)
    assert count(runtime, CardReadyRecord) == 4


def test_a_bad_file_is_refused_whole_with_line_numbers(runtime, clock):
    bad = (
        f"{HEADER}\n"
        "111111111,1950-04-01,西区,2026-10-20,\n"
        "22222222,1985-12-31,港北区,2026-10-21,\n"
        "333333333,1970-07-07,川崎区,2026-10-22,\n"
        "444444444,1990-13-01,旭区,2026-10-23,\n"
        "555555555,1990-01-01,旭区,2026-10-23,\n"
    ).encode()
    with pytest.raises(CardImportRejected) as refused:
        import_csv(runtime, clock, bad)
    got = [(e.line, e.field, e.code) for e in refused.value.errors]
    assert got == [
        (3, "notice_number", "bad_notice_number"),
        (4, "ward", "unknown_ward"),
        (5, "birth_date", "bad_date"),
    ]
    assert [e.message[:3] for e in refused.value.errors] == ["3行目", "4行目", "5行目"]
    assert (count(runtime, CardImport), count(runtime, CardReadyRecord)) == (0, 0)
    assert count(runtime, AuditEvent) == 0


def _every_stored_value(runtime) -> list[str]:
    """Every value of every row of every table, as text."""
    with runtime.uow() as uow:
        return [
            str(value)
            for table in metadata.sorted_tables
            for row in uow.session.execute(select(table))
            for value in row
        ]


@pytest.mark.parametrize("form", [MY_NUMBER, "1234-5678-9018", "１２３４５６７８９０１８"])
def test_a_my_number_in_any_field_is_refused_and_never_stored(runtime, clock, caplog, form):
    caplog.set_level(logging.DEBUG)
    import_csv(runtime, clock, GOOD)  # something already stored, so the scan sees real rows
    tainted = (
        f"{HEADER}\n"
        "666666666,1950-04-01,西区,2026-10-20,\n"
        f"777777777,1960-01-01,中区,2026-10-20,本人番号 {form}\n"
    ).encode()
    with pytest.raises(CardImportRejected) as refused:
        import_csv(runtime, clock, tainted)
    assert [(e.line, e.field, e.code) for e in refused.value.errors] == [
        (3, "備考", "my_number_found")
    ]
    stored = _every_stored_value(runtime)
    assert len(stored) > 100  # centres, wards, templates, the first import
    shown = [*stored, caplog.text, str(refused.value), *(e.message for e in refused.value.errors)]
    for digits in (MY_NUMBER, "123456789018", "9018"):
        assert not any(digits in text for text in shown)
    assert count(runtime, CardReadyRecord) == 3
    with runtime.uow() as uow:
        actions = list(uow.session.scalars(select(AuditEvent.action)))
    assert actions == ["card_list.import"]


def test_an_imported_card_can_be_booked_for_issuance(runtime, clock, booking_request):
    import_csv(runtime, clock, GOOD)
    made = issue(runtime, clock, booking_request, notice_number="111111111")
    assert (made.center_id, made.service_code, made.notice_number) == (
        "yokohama",
        "issue",
        "111111111",
    )


def test_a_card_not_on_the_list_cannot_be_booked(runtime, clock, booking_request, ready_card):
    ready_card()
    with pytest.raises(CardNotReady):
        issue(runtime, clock, booking_request, notice_number="987654321")
    assert count(runtime, Booking) == 0


def test_a_wrong_birth_date_looks_like_a_card_not_on_the_list(
    runtime, clock, booking_request, ready_card
):
    ready_card()
    with pytest.raises(CardNotReady):
        issue(runtime, clock, booking_request, birth_date=date(1950, 4, 2))


def test_a_card_already_handed_over_cannot_be_booked(runtime, clock, booking_request, ready_card):
    ready_card(status="issued")
    with pytest.raises(CardNotReady):
        issue(runtime, clock, booking_request)


def test_issuance_only_at_the_centre_serving_the_ward(runtime, clock, booking_request, ready_card):
    ready_card()  # 西区 -> yokohama
    with pytest.raises(WrongCenter):
        issue(runtime, clock, booking_request, center="kamiooka")
    assert issue(runtime, clock, booking_request, center=None).center_id == "yokohama"


def test_a_later_ward_mapping_moves_the_serving_centre_from_its_date(
    runtime, clock, booking_request, ready_card
):
    ready_card()
    with runtime.uow() as uow:
        uow.session.add(
            WardAssignment(
                ward_id="nishi", center_id="kamiooka", valid_from=date(2026, 12, 1), valid_to=None
            )
        )
        uow.commit()
    with pytest.raises(WrongCenter):
        issue(runtime, clock, booking_request, day=date(2026, 12, 4), center="yokohama")
    december = issue(runtime, clock, booking_request, day=date(2026, 12, 4), center=None)
    assert december.center_id == "kamiooka"


def test_before_the_new_mapping_the_old_centre_still_serves(
    runtime, clock, booking_request, ready_card
):
    ready_card()
    with runtime.uow() as uow:
        uow.session.add(
            WardAssignment(
                ward_id="nishi", center_id="kamiooka", valid_from=date(2026, 12, 1), valid_to=None
            )
        )
        uow.commit()
    with pytest.raises(WrongCenter):
        issue(runtime, clock, booking_request, day=date(2026, 11, 30), center="kamiooka")
    assert issue(runtime, clock, booking_request, day=date(2026, 11, 30)).center_id == "yokohama"


def test_a_card_lookup_is_audited_without_personal_data(runtime, clock, ready_card):
    ready_card()
    status = lookup_card(
        runtime.uow(),
        notice_number="123456789",
        birth_date=date(1950, 4, 1),
        now=clock.now(),
        actor=Actor.staff("agent7"),
        policy=runtime.policy,
    )
    assert (status.center_id, status.ward_id, status.earliest_day) == (
        "yokohama",
        "nishi",
        date(2026, 11, 7),
    )
    with runtime.uow() as uow:
        event = uow.session.scalars(select(AuditEvent)).one()
        seen = (event.actor, event.action, event.entity, event.entity_id, event.detail)
    assert seen == ("staff:agent7", "card.read", "card_ready", "123456789", {})
