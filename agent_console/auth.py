"""Staff sessions: bearer tokens in Redis with an idle timeout and an absolute lifetime.

The API and the pages share them. A person's actions renew the idle timeout, never beyond the
session's end, which is fixed at sign-in (STAFF_SESSION_HOURS).
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime

import redis
from flask import request, session

from agent_console import throttle
from booking_core.call_records import skills_of
from booking_core.db import UnitOfWork
from booking_core.second_factor import confirm_code
from booking_core.staff import StaffView, authenticate
from queues import keys, presence, scripts

IDLE_TIMEOUT_SECONDS = 30 * 60
SESSION_HOURS = 12  # the default absolute lifetime
SESSION_TOKEN = "console_token"
SESSION_USER = "console_user"  # who held the token, to set them offline when it expires
CSRF_SESSION_KEY = "console_csrf"
CSRF_FIELD = "csrf_token"
SUPERVISOR_ROLES = ("supervisor", "admin")
DESK_ROLES = ("agent", "supervisor", "admin")  # the agents' console and its API
COUNTER_ROLES = ("reception", "supervisor", "admin")  # the centres' counter screen and its API
CUSTODY_ROLES = ("transport", "reception", "supervisor", "admin")  # cards' hand-overs
USER_TOKENS = "mynacall:staff:tokens:{username}"  # a member of staff's tokens, to end them all
VISIT_ROLES = ("visit_coordinator", "supervisor", "admin")  # home visits' coordination
VISIT_INTAKE_ROLES = ("agent", *VISIT_ROLES)  # who takes a home-visit request for a resident


@dataclass(frozen=True)
class StaffSession:
    """Who holds a token: a member of staff and their role."""

    token: str
    username: str
    display_name: str
    role: str

    @property
    def supervisor(self) -> bool:
        """True for supervisors and administrators."""
        return self.role in SUPERVISOR_ROLES


class SecondFactorOwed(Exception):
    """The password was right; a supervisor or administrator still owes enrolment or a code."""

    def __init__(self, staff: StaffView) -> None:
        super().__init__(staff.second_factor)
        self.staff = staff


def login(
    r: redis.Redis,
    uow: UnitOfWork,
    skills_uow: UnitOfWork,
    *,
    username: str,
    password: str,
    client: str,
    now: datetime,
    hours: int = SESSION_HOURS,
) -> StaffSession:
    """Check the password (argon2, waits per address and account), register skills, issue a token.

    AddressWaiting when the client's address must wait; SecondFactorOwed for supervisors and
    administrators (then `confirm`); LoginFailed otherwise.
    """
    attempt = throttle.claim(r, client)
    staff = authenticate(uow, username=username, password=password, now=now)
    throttle.release(r, client, attempt)
    if staff.second_factor:
        raise SecondFactorOwed(staff)
    return open_session(r, skills_uow, staff, now=now, hours=hours)


def confirm(
    r: redis.Redis,
    uow: UnitOfWork,
    skills_uow: UnitOfWork,
    *,
    username: str,
    code: str,
    client: str,
    now: datetime,
    hours: int = SESSION_HOURS,
    enrol: str | None = None,
) -> StaffSession:
    """The second step: check the TOTP code (of `enrol` when enrolling), then issue a token."""
    attempt = throttle.claim(r, client)
    staff = confirm_code(uow, username=username, code=code, now=now, enrol=enrol)
    throttle.release(r, client, attempt)
    return open_session(r, skills_uow, staff, now=now, hours=hours)


def open_session(
    r: redis.Redis, skills_uow: UnitOfWork, staff: StaffView, *, now: datetime, hours: int
) -> StaffSession:
    """Register the agent's skills and issue a token that ends `hours` from now at the latest."""
    if staff.role in DESK_ROLES:  # counter clerks and couriers take no calls
        skills = skills_of(skills_uow, staff.username)
        presence.register_agent(
            r,
            staff.username,
            name=staff.display_name,
            topics=skills.topics,
            languages=skills.languages,
            now=now,
            role=staff.role,
        )
    token = secrets.token_urlsafe(32)
    found = StaffSession(token, staff.username, staff.display_name, staff.role)
    data = {k: v for k, v in asdict(found).items() if k != "token"}
    data["ends"] = int(now.timestamp()) + hours * 3600
    with r.pipeline() as pipe:
        pipe.set(keys.TOKEN_PREFIX + token, json.dumps(data, ensure_ascii=False),
                 ex=IDLE_TIMEOUT_SECONDS)  # fmt: skip
        pipe.sadd(USER_TOKENS.format(username=staff.username), token)
        pipe.expire(USER_TOKENS.format(username=staff.username), hours * 3600)
        pipe.execute()
    return found


def resolve(
    r: redis.Redis, token: str, now: datetime, *, renew: bool = True
) -> StaffSession | None:
    """The session of a token (renewing its idle timeout); None when unknown or ended.

    Background requests (the console's poll, the board's stream) pass renew=False, so only
    what a person does keeps a session alive; nothing keeps it past its absolute end.
    """
    if not token:
        return None
    key = keys.TOKEN_PREFIX + token
    raw = scripts.text(r.get(key))
    if not raw:
        return None
    data = json.loads(raw)
    left = int(data.get("ends", 0)) - int(now.timestamp())
    if left <= 0:
        r.delete(key)
        return None
    if renew:
        r.expire(key, min(IDLE_TIMEOUT_SECONDS, left))
    return StaffSession(token, data["username"], data["display_name"], data["role"])


def end_sessions(r: redis.Redis, username: str) -> None:
    """End every session of a member of staff at once (disabled, new role, new password)."""
    listed = USER_TOKENS.format(username=username)
    tokens = [scripts.text(t) for t in r.smembers(listed)]
    with r.pipeline() as pipe:
        for token in tokens:
            pipe.delete(keys.TOKEN_PREFIX + token)
        pipe.delete(listed)
        pipe.execute()


def logout(r: redis.Redis, token: str) -> None:
    """End a token's session at once."""
    r.delete(keys.TOKEN_PREFIX + token)


def client() -> str:
    """The request's client address, hashed (the key of its sign-in attempts)."""
    return throttle.client_key(request.remote_addr)


def bearer_token() -> str:
    """The token of an `Authorization: Bearer` header ('' when none)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def page_token() -> str:
    """The token kept in the console's signed session cookie ('' when none)."""
    token = session.get(SESSION_TOKEN)
    return token if isinstance(token, str) else ""


def csrf_token() -> str:
    """This session's CSRF token for the console's forms, made on first use."""
    token = session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_SESSION_KEY] = token
    return token


def csrf_ok() -> bool:
    """True when the form (or the X-CSRF-Token header) carries this session's token."""
    expected = session.get(CSRF_SESSION_KEY)
    sent = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token", "")
    return isinstance(expected, str) and hmac.compare_digest(expected.encode(), sent.encode())
