"""The second factor of supervisors and administrators: TOTP codes (RFC 6238) from an app.

After the password (booking_core.staff.authenticate) they either enrol, scanning a new secret
and proving it with a first code, or give the code of the secret they enrolled. Code guesses
count as failures of the account like wrong passwords, and a code is accepted only once.
"""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp
from sqlalchemy import select, update

from booking_core.db import UnitOfWork
from booking_core.models import StaffUser
from booking_core.staff import (
    LoginFailed,
    StaffView,
    audit_staff,
    claim_attempt,
    signed_in,
)

ISSUER = "Yokohama mynacall"
STEPS_EITHER_SIDE = 1  # a code of the previous or next 30 s is still taken (clock drift)


def new_secret() -> str:
    """A fresh random secret (base32, 160 bits) for an enrolment."""
    return pyotp.random_base32(32)


def enrolment_uri(secret: str, username: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def code_at(secret: str, at: datetime) -> str:
    """The six-digit code of a secret at a moment (what the app shows then)."""
    return pyotp.TOTP(secret).at(at)


def _matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step whose code this is, within the drift allowed; None when none matches."""
    totp = pyotp.TOTP(secret)
    now_step = totp.timecode(at)
    for step in range(now_step - STEPS_EITHER_SIDE, now_step + STEPS_EITHER_SIDE + 1):
        if hmac.compare_digest(totp.generate_otp(step), code.strip()):
            return step
    return None


def _take_step(uow: UnitOfWork, user_id: int, step: int) -> bool:
    """Record the step as used; False when this or a later code was already accepted."""
    unused = StaffUser.totp_step.is_(None) | (StaffUser.totp_step < step)
    taken = uow.session.execute(
        update(StaffUser)
        .where(StaffUser.id == user_id, unused)
        .values(totp_step=step)
        .returning(StaffUser.id)
    ).scalar_one_or_none()
    return taken is not None


def confirm_code(
    uow: UnitOfWork, *, username: str, code: str, now: datetime, enrol: str | None = None
) -> StaffView:
    """Check the code (of the enrolled secret, or of `enrol`, a secret being enrolled).

    Call only after the password was right. On success the member of staff is signed in (and
    an enrolled secret stored); a wrong or replayed code is a failure of the account.
    """
    with uow:
        user = uow.session.scalar(select(StaffUser).where(StaffUser.username == username))
        if user is None or not user.active or (enrol and user.totp_secret):
            raise LoginFailed("Login failed")  # an enrolled secret is never replaced here
        if claim_attempt(uow, user.id, now) is None:
            raise LoginFailed("Login failed")
        secret = enrol or user.totp_secret
        step = _matching_step(secret, code, now) if secret else None
        if step is None or not _take_step(uow, user.id, step):
            audit_staff(uow, user, "staff.second_factor_failed", now)
            uow.commit()
            raise LoginFailed("Login failed")
        if enrol:
            user.totp_secret = enrol
            audit_staff(uow, user, "staff.second_factor_enrolled", now)
        signed_in(uow, user, now)
        return StaffView(user.id, user.username, user.display_name, user.role)
