"""Staff accounts: argon2 password hashes, roles, and growing waits after repeated failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from booking_core import audit
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError, InvalidRequest
from booking_core.models import StaffUser
from booking_core.policy import Actor

ROLES = ("agent", "reception", "transport", "supervisor", "admin", "visit_coordinator")
SECOND_FACTOR_ROLES = ("supervisor", "admin")  # sign in with a TOTP code after the password
MAX_FAILURES = 5  # tries in a row before the account waits
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(minutes=10)
MIN_PASSWORD = 10
_hasher = PasswordHasher()


class LoginFailed(BookingError):
    """Wrong name or password, or the account must wait (not said which)."""

    code = "login_failed"


@dataclass(frozen=True)
class StaffView:
    """A logged-in member of staff."""

    id: int
    username: str
    display_name: str
    role: str
    second_factor: str = ""  # after the password: "" signed in, "enrol" or "code" still owed


def create_user(
    uow: UnitOfWork,
    *,
    username: str,
    password: str,
    role: str,
    now: datetime,
    display_name: str = "",
    new_second_factor: bool = False,
) -> StaffView:
    """Add a member of staff, or reset the password and role of an existing one.

    A reset ends any wait after failures; `new_second_factor` forgets the enrolled TOTP
    secret (a lost phone), so the next sign-in enrols again.
    """
    if role not in ROLES:
        raise InvalidRequest("Unknown role", fields={"role": "unknown_role"})
    if len(password) < MIN_PASSWORD:
        raise InvalidRequest("Password too short", fields={"password": "too_short"})
    with uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None:
            user = StaffUser(username=username, created_at=now)
            uow.session.add(user)
        user.password_hash = hash_password(password)
        user.role, user.active = role, True
        user.failed_logins, user.locked_until = 0, None  # a reset ends any wait
        if new_second_factor:
            user.totp_secret, user.totp_step = None, None
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


def hash_password(password: str) -> str:
    """The argon2 hash kept for a password."""
    return _hasher.hash(password)


def account_wait(failures: int) -> timedelta:
    """How long an account waits after this many failures in a row: 30 s, doubling, at most 10 min.

    Short at first and growing, so that someone guessing from many addresses is slowed more
    and more, while the real person is never shut out for long by someone else's guesses.
    """
    if failures < MAX_FAILURES:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** (failures - MAX_FAILURES), LONGEST_WAIT)


def _verify(user: StaffUser, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def claim_attempt(uow: UnitOfWork, user_id: int, now: datetime) -> int | None:
    """Count an attempt before its password is checked; None while the account must wait.

    One conditional UPDATE counts the attempt as a failure (a success puts it back to zero);
    the attempt that reaches the limit sets the wait in the same transaction, so however many
    arrive at once, no more than MAX_FAILURES passwords are checked before the wait holds.
    """
    free = (StaffUser.locked_until.is_(None)) | (StaffUser.locked_until <= now)
    claimed = uow.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user_id, free)
        .values(failed_logins=StaffUser.failed_logins + 1)
        .returning(StaffUser.failed_logins)
    ).scalar_one_or_none()
    if claimed is not None and claimed >= MAX_FAILURES:
        wait_until = now + account_wait(claimed)
        uow.session.execute(
            update(StaffUser).where(StaffUser.id == user_id).values(locked_until=wait_until)
        )
    uow.commit()
    return claimed


def audit_staff(uow: UnitOfWork, user: StaffUser, action: str, now: datetime) -> None:
    """Record a sign-in event of a member of staff."""
    audit.record(
        uow.session,
        actor=Actor.staff(user.username, "admin"),
        action=action,
        entity="staff_user",
        entity_id=user.id,
        at=now,
    )


def authenticate(uow: UnitOfWork, *, username: str, password: str, now: datetime) -> StaffView:
    """Check a password; after five failures in a row the account waits longer each time.

    Supervisors and administrators are not signed in yet: the view says which second step
    they owe (enrolment or a code, booking_core.second_factor).
    """
    with uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None or not user.active:
            _hasher.hash(password)  # same work either way: no timing hint that a name exists
            raise LoginFailed("Login failed")
        claimed = claim_attempt(uow, user.id, now)
        if claimed is None:
            raise LoginFailed("Login failed")
        if not _verify(user, password):
            audit_staff(uow, user, "staff.login_failed", now)
            uow.commit()
            raise LoginFailed("Login failed")
        if user.role in SECOND_FACTOR_ROLES:
            give_back(uow, user.id, claimed, now)
            uow.commit()
            owed = "code" if user.totp_secret else "enrol"
            return StaffView(user.id, user.username, user.display_name, user.role, owed)
        signed_in(uow, user, now)
        return StaffView(user.id, user.username, user.display_name, user.role)


def give_back(uow: UnitOfWork, user_id: int, claimed: int, now: datetime) -> None:
    """A right password owing its second factor: its attempt is no failure, nor its wait.

    The count does not go back to zero: only a whole sign-in does that, so guesses at the
    code keep adding up however often the password is given.
    """
    uow.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user_id)
        .values(failed_logins=StaffUser.failed_logins - 1)
    )
    if claimed >= MAX_FAILURES:  # this attempt set the wait
        uow.session.execute(
            update(StaffUser)
            .where(StaffUser.id == user_id, StaffUser.locked_until == now + account_wait(claimed))
            .values(locked_until=None)
        )


def signed_in(uow: UnitOfWork, user: StaffUser, now: datetime) -> None:
    """A whole sign-in: the count of failures goes back to zero, the time is kept (the staff
    list shows it; long-unused accounts are disabled); audited; committed."""
    uow.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user.id)
        .values(failed_logins=0, locked_until=None, last_sign_in_at=now)
    )
    audit_staff(uow, user, "staff.login", now)
    uow.commit()
