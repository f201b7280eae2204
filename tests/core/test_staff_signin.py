"""Staff sign-in on the real database: failures counted atomically, growing waits, reset."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from booking_core.models import AuditEvent, StaffUser
from booking_core.second_factor import code_at, confirm_code
from booking_core.staff import LoginFailed, account_wait, authenticate, create_user

PASSWORD = "correct horse battery"


def run_together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(i) in `count` threads released at the same instant; results or exceptions."""
    gate = threading.Barrier(count)

    def one(i: int) -> Any:
        gate.wait()
        try:
            return work(i)
        except Exception as exc:  # collected and asserted on by the caller
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


@pytest.fixture
def aoki(runtime, clock) -> str:
    """An agent account with the password PASSWORD."""
    create_user(runtime.uow(), username="aoki", password=PASSWORD, role="agent", now=clock.now())
    return "aoki"


def _login(runtime, clock, password: str = PASSWORD) -> Any:
    return authenticate(runtime.uow(), username="aoki", password=password, now=clock.now())


def _checked(runtime, action: str = "staff.login_failed") -> int:
    """How many passwords were checked and found wrong (one audit row each)."""
    with runtime.uow() as uow:
        return uow.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
        )


@pytest.mark.slow
def test_two_hundred_wrong_passwords_at_once_get_five_checks(runtime, clock, aoki):
    results = run_together(200, lambda _i: _login(runtime, clock, "wrong password"))
    assert all(isinstance(r, LoginFailed) for r in results)
    assert _checked(runtime) == 5
    with runtime.uow() as uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == "aoki"))
        assert (user.failed_logins, user.locked_until) == (5, clock.now() + timedelta(seconds=30))


def test_waits_grow_from_thirty_seconds_to_at_most_ten_minutes():
    waits = [account_wait(n).total_seconds() for n in range(3, 12)]
    assert waits == [0, 0, 30, 60, 120, 240, 480, 600, 600]


def test_after_five_failures_even_the_right_password_waits_then_works(runtime, clock, aoki):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            _login(runtime, clock, "wrong password")
    with pytest.raises(LoginFailed):
        _login(runtime, clock)
    clock.set(clock.now() + timedelta(seconds=30))
    assert _login(runtime, clock).username == "aoki"
    assert _checked(runtime) == 5  # the refused try during the wait was never checked


def test_each_failure_after_the_wait_doubles_it(runtime, clock, aoki):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            _login(runtime, clock, "wrong password")
    clock.set(clock.now() + timedelta(seconds=30))
    with pytest.raises(LoginFailed):
        _login(runtime, clock, "wrong password")
    clock.set(clock.now() + timedelta(seconds=59))
    with pytest.raises(LoginFailed):
        _login(runtime, clock)
    clock.set(clock.now() + timedelta(seconds=1))
    assert _login(runtime, clock).username == "aoki"


def test_a_success_clears_the_count(runtime, clock, aoki):
    for _ in range(4):
        with pytest.raises(LoginFailed):
            _login(runtime, clock, "wrong password")
    _login(runtime, clock)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            _login(runtime, clock, "wrong password")
    assert _login(runtime, clock).username == "aoki"


def test_a_password_reset_ends_the_wait(runtime, clock, aoki):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            _login(runtime, clock, "wrong password")
    create_user(
        runtime.uow(), username="aoki", password="a new password", role="agent", now=clock.now()
    )
    assert _login(runtime, clock, "a new password").username == "aoki"


SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def sato(runtime, clock) -> str:
    """A supervisor with the password PASSWORD and nothing enrolled yet."""
    create_user(
        runtime.uow(), username="sato", password=PASSWORD, role="supervisor", now=clock.now()
    )
    return "sato"


def test_a_supervisors_right_password_owes_enrolment_then_a_code(runtime, clock, sato):
    first = authenticate(runtime.uow(), username="sato", password=PASSWORD, now=clock.now())
    assert first.second_factor == "enrol"
    code = code_at(SECRET, clock.now())
    confirm_code(runtime.uow(), username="sato", code=code, now=clock.now(), enrol=SECRET)
    clock.set(clock.now() + timedelta(seconds=30))
    again = authenticate(runtime.uow(), username="sato", password=PASSWORD, now=clock.now())
    assert again.second_factor == "code"
    signed_in = confirm_code(
        runtime.uow(), username="sato", code=code_at(SECRET, clock.now()), now=clock.now()
    )
    assert (signed_in.username, signed_in.second_factor) == ("sato", "")
    assert _checked(runtime, "staff.second_factor_enrolled") == 1


def test_an_enrolled_secret_is_never_replaced_by_another_enrolment(runtime, clock, sato):
    code = code_at(SECRET, clock.now())
    confirm_code(runtime.uow(), username="sato", code=code, now=clock.now(), enrol=SECRET)
    other = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
    with pytest.raises(LoginFailed):
        confirm_code(
            runtime.uow(),
            username="sato",
            code=code_at(other, clock.now()),
            now=clock.now(),
            enrol=other,
        )


def test_a_right_password_does_not_clear_the_count_of_wrong_codes(runtime, clock, sato):
    code = code_at(SECRET, clock.now())
    confirm_code(runtime.uow(), username="sato", code=code, now=clock.now(), enrol=SECRET)
    for _ in range(4):
        authenticate(runtime.uow(), username="sato", password=PASSWORD, now=clock.now())
        with pytest.raises(LoginFailed):
            confirm_code(runtime.uow(), username="sato", code="000000", now=clock.now())
    with runtime.uow() as uow:
        failures = uow.session.scalar(select(StaffUser.failed_logins))
    assert failures == 4
