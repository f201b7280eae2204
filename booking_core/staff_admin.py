"""Administrators manage staff accounts: add, change the role, disable or enable, reset the
password (which ends any wait after failures); the list shows each one's last sign-in.

There is always an administrator left: no change may disable or demote the last active one.
Every change is audited with who made it and when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from booking_core import audit
from booking_core.db import UnitOfWork
from booking_core.errors import BookingError, InvalidRequest, NotFound
from booking_core.models import StaffUser
from booking_core.policy import Actor
from booking_core.staff import MAX_FAILURES, MIN_PASSWORD, ROLES, hash_password

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
ADMIN = "admin"


class LastAdministrator(BookingError):
    """The change would leave no active administrator."""

    code = "last_admin"


class StaffExists(BookingError):
    """A new account was asked for with a name already in use."""

    code = "staff_exists"


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as administrators see it (never its password or secret)."""

    username: str
    display_name: str
    role: str
    active: bool
    last_sign_in_at: datetime | None
    waiting: bool  # too many failures in a row: the account waits before the next try
    second_factor_enrolled: bool


def _account(user: StaffUser, now: datetime) -> StaffAccount:
    waiting = user.failed_logins >= MAX_FAILURES or bool(
        user.locked_until and user.locked_until > now
    )
    return StaffAccount(
        user.username, user.display_name, user.role, user.active, user.last_sign_in_at,
        waiting, user.totp_secret is not None,
    )  # fmt: skip


def staff_accounts(uow: UnitOfWork, *, now: datetime) -> list[StaffAccount]:
    """Every staff account, administrators first, then by name."""
    with uow:
        users = uow.session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
        accounts = [_account(u, now) for u in users]
    return sorted(accounts, key=lambda a: (ROLES.index(a.role) * -1, a.username))


def _check_fields(*, username: str | None = None, role: str | None = None,
                  password: str | None = None) -> None:  # fmt: skip
    errors: dict[str, str] = {}
    if username is not None and not USERNAME.fullmatch(username):
        errors["username"] = "invalid_username"
    if role is not None and role not in ROLES:
        errors["role"] = "unknown_role"
    if password is not None and len(password) < MIN_PASSWORD:
        errors["password"] = "too_short"
    if errors:
        raise InvalidRequest("Invalid staff account", fields=errors)


def _user(session: Session, username: str) -> StaffUser:
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise NotFound("No such staff account")
    return user


def _refuse_last_admin(session: Session, user: StaffUser) -> None:
    """Refuse to remove an active administrator when no other one is left.

    The active administrators' rows are locked (PostgreSQL; SQLite writers queue anyway), so two
    administrators demoting each other at once cannot both succeed.
    """
    if user.role != ADMIN or not user.active:
        return
    admins = session.scalars(
        select(StaffUser.id)
        .where(StaffUser.role == ADMIN, StaffUser.active.is_(True))
        .with_for_update()
    ).all()
    if not set(admins) - {user.id}:
        raise LastAdministrator("The last administrator cannot be removed")


def _audit(session: Session, actor: Actor, action: str, user: StaffUser, now: datetime,
           **detail: Any) -> None:  # fmt: skip
    # The account's id, as the sign-in events name it; its username in the detail for readers.
    audit.record(session, actor=actor, action=action, entity="staff_user", entity_id=user.id,
                 at=now, username=user.username, **detail)  # fmt: skip


def add_staff(
    uow: UnitOfWork,
    *,
    username: str,
    role: str,
    password: str,
    display_name: str = "",
    now: datetime,
    actor: Actor,
) -> StaffAccount:
    """Open a new account; a name already in use is refused (StaffExists)."""
    _check_fields(username=username, role=role, password=password)
    with uow:
        if uow.session.scalar(select(StaffUser.id).where(StaffUser.username == username)):
            raise StaffExists("That username is already in use")
        user = StaffUser(
            username=username, display_name=display_name[:100] or username, role=role,
            password_hash=hash_password(password), active=True, failed_logins=0, created_at=now,
        )  # fmt: skip
        uow.session.add(user)
        uow.session.flush()
        _audit(uow.session, actor, "staff.create", user, now, role=role)
        uow.commit()
        return _account(user, now)


def change_role(
    uow: UnitOfWork, *, username: str, role: str, now: datetime, actor: Actor
) -> StaffAccount:
    """Give an account another role; the last administrator keeps theirs."""
    _check_fields(role=role)
    with uow:
        user = _user(uow.session, username)
        before = user.role
        if role != ADMIN:
            _refuse_last_admin(uow.session, user)
        user.role = role
        _audit(uow.session, actor, "staff.role", user, now, role_from=before, role_to=role)
        uow.commit()
        return _account(user, now)


def set_active(
    uow: UnitOfWork, *, username: str, active: bool, now: datetime, actor: Actor
) -> StaffAccount:
    """Disable an account (it can no longer sign in) or enable it again."""
    with uow:
        user = _user(uow.session, username)
        if not active:
            _refuse_last_admin(uow.session, user)
        user.active = active
        if active:
            user.failed_logins, user.locked_until = 0, None
        _audit(uow.session, actor, "staff.enable" if active else "staff.disable", user, now)
        uow.commit()
        return _account(user, now)


def reset_password(
    uow: UnitOfWork,
    *,
    username: str,
    password: str,
    now: datetime,
    actor: Actor,
    new_second_factor: bool = False,
) -> StaffAccount:
    """Set a new password and end any wait after failures; `new_second_factor` makes the next
    sign-in enrol an authenticator again (a lost phone). A disabled account stays disabled."""
    _check_fields(password=password)
    with uow:
        user = _user(uow.session, username)
        user.password_hash = hash_password(password)
        user.failed_logins, user.locked_until = 0, None
        if new_second_factor:
            user.totp_secret, user.totp_step = None, None
        _audit(uow.session, actor, "staff.password_reset", user, now,
               new_second_factor=new_second_factor)  # fmt: skip
        uow.commit()
        return _account(user, now)


def active_admins(uow: UnitOfWork) -> int:
    """How many administrators can sign in."""
    with uow:
        return int(
            uow.session.scalar(
                select(func.count())
                .select_from(StaffUser)
                .where(StaffUser.role == ADMIN, StaffUser.active.is_(True))
            )
            or 0
        )
