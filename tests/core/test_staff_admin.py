"""Administrators manage staff accounts: the last administrator is never removed, a password
reset ends a wait, the list shows the last sign-in, every change is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from booking_core.errors import InvalidRequest
from booking_core.models import AuditEvent
from booking_core.policy import Actor
from booking_core.staff import LoginFailed, authenticate, create_user
from booking_core.staff_admin import (
    LastAdministrator,
    StaffExists,
    add_staff,
    change_role,
    reset_password,
    set_active,
    staff_accounts,
)

ADMIN = Actor.staff("kanri", channel="admin")
PASSWORD = "correct horse battery"


@pytest.fixture
def account(runtime, clock):
    """Factory: a staff account made by the administrator kanri."""

    def make(username, role="agent"):
        return add_staff(runtime.uow(), username=username, role=role, password=PASSWORD,
                         now=clock.now(), actor=ADMIN)  # fmt: skip

    return make


def test_the_last_administrator_can_be_neither_disabled_nor_demoted(runtime, clock, account):
    account("kanri", role="admin")
    with pytest.raises(LastAdministrator):
        set_active(runtime.uow(), username="kanri", active=False, now=clock.now(), actor=ADMIN)
    with pytest.raises(LastAdministrator):
        change_role(runtime.uow(), username="kanri", role="supervisor", now=clock.now(),
                    actor=ADMIN)  # fmt: skip
    account("fuku", role="admin")
    demoted = change_role(runtime.uow(), username="kanri", role="supervisor", now=clock.now(),
                          actor=ADMIN)  # fmt: skip
    assert demoted.role == "supervisor"
    with pytest.raises(LastAdministrator):
        set_active(runtime.uow(), username="fuku", active=False, now=clock.now(), actor=ADMIN)


def test_a_disabled_account_cannot_sign_in_until_enabled(runtime, clock, account):
    account("aoki")
    set_active(runtime.uow(), username="aoki", active=False, now=clock.now(), actor=ADMIN)
    with pytest.raises(LoginFailed):
        authenticate(runtime.uow(), username="aoki", password=PASSWORD, now=clock.now())
    set_active(runtime.uow(), username="aoki", active=True, now=clock.now(), actor=ADMIN)
    assert authenticate(runtime.uow(), username="aoki", password=PASSWORD, now=clock.now()).role


def test_a_password_reset_ends_the_wait_after_failures(runtime, clock, account):
    account("aoki")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate(runtime.uow(), username="aoki", password="wrong guess!", now=clock.now())
    [listed] = staff_accounts(runtime.uow(), now=clock.now())
    assert listed.waiting
    reset_password(runtime.uow(), username="aoki", password="a new password", now=clock.now(),
                   actor=ADMIN)  # fmt: skip
    signed = authenticate(runtime.uow(), username="aoki", password="a new password",
                          now=clock.now())  # fmt: skip
    assert signed.username == "aoki"
    assert not staff_accounts(runtime.uow(), now=clock.now())[0].waiting


def test_the_list_shows_the_last_sign_in(runtime, clock, account):
    account("aoki")
    account("ueda", role="reception")
    listed = staff_accounts(runtime.uow(), now=clock.now())
    assert [a.last_sign_in_at for a in listed] == [None, None]
    clock.set(clock.now() + timedelta(hours=2))
    authenticate(runtime.uow(), username="aoki", password=PASSWORD, now=clock.now())
    found = {a.username: a.last_sign_in_at for a in staff_accounts(runtime.uow(), now=clock.now())}
    assert found == {"aoki": clock.now(), "ueda": None}


def test_names_in_use_and_bad_fields_are_refused(runtime, clock, account):
    account("aoki")
    with pytest.raises(StaffExists):
        account("aoki")
    with pytest.raises(InvalidRequest) as bad:
        add_staff(runtime.uow(), username="A!", role="king", password="short", now=clock.now(),
                  actor=ADMIN)  # fmt: skip
    assert bad.value.fields == {"username": "invalid_username", "role": "unknown_role",
                                "password": "too_short"}  # fmt: skip


def test_every_change_is_audited_with_who_and_when(runtime, clock, account):
    create_user(runtime.uow(), username="kanri", password=PASSWORD, role="admin", now=clock.now())
    account("aoki")
    change_role(runtime.uow(), username="aoki", role="supervisor", now=clock.now(), actor=ADMIN)
    set_active(runtime.uow(), username="aoki", active=False, now=clock.now(), actor=ADMIN)
    reset_password(runtime.uow(), username="aoki", password=PASSWORD + "!", now=clock.now(),
                   actor=ADMIN, new_second_factor=True)  # fmt: skip
    with runtime.uow() as uow:
        events = uow.session.execute(
            select(AuditEvent.actor, AuditEvent.action, AuditEvent.detail["username"].as_string(),
                   AuditEvent.at)
            .where(AuditEvent.actor == "staff:kanri").order_by(AuditEvent.id)
        ).all()  # fmt: skip
    assert [(a, act, who) for a, act, who, _ in events] == [
        ("staff:kanri", "staff.create", "aoki"), ("staff:kanri", "staff.role", "aoki"),
        ("staff:kanri", "staff.disable", "aoki"), ("staff:kanri", "staff.password_reset", "aoki"),
    ]  # fmt: skip
    assert {at for *_, at in events} == {clock.now()}
