"""Administrators' reference data: ward-to-centre mapping by dates, procedures without code."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking_core.admin_reference import (
    ProcedureChange,
    assign_ward,
    list_procedures,
    update_procedure,
    ward_mapping,
)
from booking_core.bookings import create_booking
from booking_core.cards import lookup_card
from booking_core.errors import InvalidRequest
from booking_core.policy import Actor
from booking_core.schedule import list_services, phone_menu

ADMIN = Actor.staff("admin1", "admin")
WEB = Actor.resident("web")
TODAY = date(2026, 11, 2)


def change(**overrides: object) -> ProcedureChange:
    """The cert procedure's current values, with some changed."""
    values: dict[str, object] = {
        "name_ja": "電子証明書の発行・更新",
        "name_en": "E-certificate issue or renewal",
        "channels": ("web", "phone", "staff"),
        "ivr_key": "1",
    }
    values.update(overrides)
    return ProcedureChange(**values)  # type: ignore[arg-type]


def test_a_ward_moved_to_another_centre_from_a_date_is_served_there_from_that_date(
    runtime, clock, ready_card
):
    card = ready_card()
    saved = assign_ward(
        runtime.uow(), ward_id="nishi", center_id="kamiooka", valid_from=date(2026, 12, 1),
        now=clock.now(), actor=ADMIN,
    )  # fmt: skip
    status = lookup_card(
        runtime.uow(), notice_number=card.notice_number, birth_date=card.birth_date,
        now=clock.now(), actor=WEB, policy=runtime.policy,
    )  # fmt: skip
    nishi = next(w for w in ward_mapping(runtime.uow(), today=TODAY) if w.ward_id == "nishi")
    later = next(
        w for w in ward_mapping(runtime.uow(), today=date(2026, 12, 1)) if w.ward_id == "nishi"
    )
    assert (nishi.center_today, later.center_today, status.center_id) == (
        "yokohama", "kamiooka", "yokohama"
    )  # fmt: skip
    assert (nishi.assignments[0].changed_by, saved.bookings_elsewhere) == ("admin1", 0)


def test_a_temporary_move_ends_by_itself_after_its_last_day(runtime, clock):
    assign_ward(
        runtime.uow(), ward_id="seya", center_id="yokohama", valid_from=date(2026, 12, 1),
        valid_to=date(2026, 12, 31), now=clock.now(), actor=ADMIN,
    )  # fmt: skip
    january = ward_mapping(runtime.uow(), today=date(2027, 1, 5))
    assert next(w.center_today for w in january if w.ward_id == "seya") == "futamatagawa"


def test_moving_a_ward_counts_its_issuance_bookings_left_at_the_old_centre(
    runtime, clock, ready_card, booking_request
):
    card = ready_card()
    create_booking(
        runtime.uow(),
        booking_request(service="issue", center=None, notice_number=card.notice_number,
                        birth_date=card.birth_date, phone=None, day=date(2026, 12, 4)),
        now=clock.now(), actor=WEB, policy=runtime.policy,
    )  # fmt: skip
    saved = assign_ward(
        runtime.uow(), ward_id="nishi", center_id="kamiooka", valid_from=date(2026, 12, 1),
        now=clock.now(), actor=ADMIN,
    )  # fmt: skip
    assert saved.bookings_elsewhere == 1


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"ward_id": "atlantis"}, "ward", "unknown_ward"),
        ({"center_id": "nowhere"}, "center", "unknown_center"),
        ({"valid_from": TODAY}, "valid_from", "must_be_after_today"),
        ({"valid_to": date(2026, 11, 30)}, "valid_to", "bad_date_range"),
    ],
)
def test_a_ward_assignment_that_breaks_a_rule_is_refused(runtime, clock, values, field, code):
    given = {"ward_id": "nishi", "center_id": "kamiooka", "valid_from": date(2026, 12, 1)}
    with pytest.raises(InvalidRequest) as refused:
        assign_ward(runtime.uow(), **(given | values), now=clock.now(), actor=ADMIN)
    assert refused.value.fields[field] == code


def test_a_new_phone_key_and_name_reach_the_phone_menu_at_once(runtime, clock):
    phone_menu(runtime.uow())  # remembered by the reference data cache before the edit
    update_procedure(
        runtime.uow(), code="cert", change=change(ivr_key="9", name_ja="電子証明書の更新"),
        now=clock.now(), actor=ADMIN,
    )  # fmt: skip
    menu = {s.ivr_key: s.name_ja for s in phone_menu(runtime.uow())}
    assert menu["9"] == "電子証明書の更新" and "1" not in menu


def test_a_procedure_closed_to_the_web_is_refused_there_but_booked_by_staff(
    runtime, clock, booking_request
):
    update_procedure(
        runtime.uow(), code="cert", change=change(channels=("phone", "staff")),
        now=clock.now(), actor=ADMIN,
    )  # fmt: skip
    with pytest.raises(InvalidRequest) as refused:
        create_booking(runtime.uow(), booking_request(), now=clock.now(), actor=WEB,
                       policy=runtime.policy)  # fmt: skip
    made = create_booking(runtime.uow(), booking_request(start=time(15, 0)), now=clock.now(),
                          actor=Actor.staff("agent1"), policy=runtime.policy)  # fmt: skip
    cert = next(s for s in list_services(runtime.uow()) if s.code == "cert")
    assert refused.value.fields == {"service": "not_bookable_on_this_channel"}
    assert made.channel == "agent" and cert.channels == ("phone", "staff")


def test_an_edited_procedure_shows_who_changed_it(runtime, clock):
    update_procedure(runtime.uow(), code="pin", change=change(ivr_key="2", name_ja="暗証番号"),
                     now=clock.now(), actor=ADMIN)  # fmt: skip
    pin = next(p for p in list_procedures(runtime.uow()) if p.code == "pin")
    assert (pin.name_ja, pin.changed_by, pin.changed_at) == ("暗証番号", "admin1", clock.now())


@pytest.mark.parametrize(
    ("code", "values", "field", "error"),
    [
        ("cert", {"ivr_key": "2"}, "phone_key", "key_taken"),
        ("cert", {"ivr_key": "0"}, "phone_key", "one_digit_1_to_9"),
        ("cert", {"ivr_key": None}, "phone_key", "required_for_phone"),
        ("issue", {"ivr_key": "8"}, "phone_key", "not_in_phone_menu"),
        ("cert", {"name_ja": " "}, "name_ja", "required"),
        ("cert", {"channels": ("fax",)}, "channels", "unknown_channel"),
    ],
)
def test_a_procedure_edit_that_breaks_a_rule_is_refused(runtime, clock, code, values, field, error):
    with pytest.raises(InvalidRequest) as refused:
        update_procedure(runtime.uow(), code=code, change=change(**values), now=clock.now(),
                         actor=ADMIN)  # fmt: skip
    assert refused.value.fields[field] == error
