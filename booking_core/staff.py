"""Staff accounts: argon2 password hashes, roles, and lockout after repeated failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from booking_core import audit
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError, InvalidRequest
from booking_core.models import StaffUser
from booking_core.policy import Actor

ROLES = ("agent", "reception", "transport", "supervisor", "admin")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
_hasher = PasswordHasher()


class LoginFailed(BookingError):
    """Wrong name or password, or the account is locked (not said which)."""

    code = "login_failed"


@dataclass(frozen=True)
class StaffView:
    """A logged-in member of staff."""

    id: int
    username: str
    display_name: str
    role: str


def create_user(
    uow: UnitOfWork,
    *,
    username: str,
    password: str,
    role: str,
    now: datetime,
    display_name: str = "",
) -> StaffView:
    """Add a member of staff, or reset the password and role of an existing one."""
    if role not in ROLES:
        raise InvalidRequest("Unknown role", fields={"role": "unknown_role"})
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest("Password too short", fields={"password": "too_short"})
    with uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None:
            user = StaffUser(username=username)
            uow.session.add(user)
        user.password_hash = _hasher.hash(password)
        user.role, user.active, user.failed_logins = role, True, 0
        user.display_name = display_name or user.display_name or username
        uow.session.flush()
        audit.record(
            uow.session,
            actor=Actor.system("cli"),
            action="staff.upsert",
            entity="staff_user",
            entity_id=user.id,
            at=now,
            role=role,
        )
        uow.commit()
        return StaffView(user.id, user.username, user.display_name, user.role)


def _verify(user: StaffUser, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(uow: UnitOfWork, *, username: str, password: str, now: datetime) -> StaffView:
    """Check a password; five failures lock the account for fifteen minutes."""
    with uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None or not user.active:
            _hasher.hash(password)  # same work either way: no timing hint that a name exists
            raise LoginFailed("Login failed")
        if user.locked_until and user.locked_until > now:
            raise LoginFailed("Login failed")
        if not _verify(user, password):
            user.failed_logins += 1
            if user.failed_logins >= MAX_FAILURES:
                user.locked_until, user.failed_logins = now + LOCKOUT, 0
            audit.record(
                uow.session,
                actor=Actor.staff(username, "admin"),
                action="staff.login_failed",
                entity="staff_user",
                entity_id=user.id,
                at=now,
            )
            uow.commit()
            raise LoginFailed("Login failed")
        user.failed_logins, user.locked_until = 0, None
        audit.record(
            uow.session,
            actor=Actor.staff(username, "admin"),
            action="staff.login",
            entity="staff_user",
            entity_id=user.id,
            at=now,
        )
        uow.commit()
        return StaffView(user.id, user.username, user.display_name, user.role)
