"""Fixtures of the call-centre tests: Redis from the shared runtime, agents and calls factories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import redis

from booking_core.clock import FrozenClock
from queues import acd, presence
from runtime.bootstrap import Runtime

ALL_TOPICS = ("general", "booking", "visit")


@pytest.fixture
def r(runtime: Runtime) -> redis.Redis:
    """The test Redis, emptied for this test."""
    return runtime.redis


@pytest.fixture
def make_agent(r: redis.Redis, clock: FrozenClock) -> Callable[..., str]:
    """Factory: register an agent (Japanese, all Japanese topics by default) and set a state."""

    def make(
        agent_id: str,
        *,
        state: str = "available",
        topics: tuple[str, ...] = ALL_TOPICS,
        languages: tuple[str, ...] = ("ja",),
        route: bool = True,
    ) -> str:
        presence.register_agent(
            r, agent_id, name=agent_id.title(), topics=topics, languages=languages, now=clock.now()
        )
        presence.set_state(
            r, agent_id, state, clock.now(), "rest" if state == "break" else "", route=route
        )
        return agent_id

    return make


@pytest.fixture
def make_call(r: redis.Redis, clock: FrozenClock) -> Callable[..., str]:
    """Factory: a caller joins a queue now, then the clock moves on one second."""

    def make(sid: str, **overrides: Any) -> str:
        values: dict[str, Any] = {"queue": "general", "caller": "+819012345678", "language": "ja"}
        values.update(overrides)
        acd.enqueue_call(r, call_sid=sid, now=clock.now(), **values)
        clock.set(clock.now() + timedelta(seconds=1))
        return sid

    return make


PASSWORD = "correct horse battery"
# The authenticator secret every supervisor and administrator of the tests has enrolled.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SECOND_FACTOR_ROLES = ("supervisor", "admin")


@pytest.fixture
def make_staff(runtime: Runtime, clock: FrozenClock) -> Callable[..., str]:
    """Factory: a staff account (password PASSWORD), optionally with skills.

    Supervisors and administrators have TOTP_SECRET enrolled unless enrolled=False.
    """
    from sqlalchemy import update

    from booking_core.call_records import Skills, set_skills
    from booking_core.models import StaffUser
    from booking_core.staff import create_user

    def make(
        username: str, *, role: str = "agent", skills: Skills | None = None, enrolled: bool = True
    ) -> str:
        create_user(
            runtime.uow(),
            username=username,
            password=PASSWORD,
            role=role,
            now=clock.now(),
            display_name=username.title(),
        )
        if skills is not None:
            set_skills(runtime.uow(), username, skills)
        if enrolled and role in SECOND_FACTOR_ROLES:
            with runtime.uow() as uow:
                uow.session.execute(
                    update(StaffUser)
                    .where(StaffUser.username == username)
                    .values(totp_secret=TOTP_SECRET)
                )
                uow.commit()
        return username

    return make


@pytest.fixture
def totp_code(clock: FrozenClock) -> Callable[[], str]:
    """The code the authenticator app of TOTP_SECRET shows at the frozen clock's time."""
    from booking_core.second_factor import code_at

    return lambda: code_at(TOTP_SECRET, clock.now())


@pytest.fixture
def api_login(
    client: Any, make_staff: Callable[..., str], totp_code: Callable[[], str]
) -> Callable[..., dict[str, str]]:
    """Factory: create a staff account, log in through the API, return the auth header."""

    def login(username: str, **staff: Any) -> dict[str, str]:
        make_staff(username, **staff)
        body = {"username": username, "password": PASSWORD}
        if staff.get("role") in SECOND_FACTOR_ROLES:
            body["totp"] = totp_code()
        reply = client.post("/api/v1/staff/login", json=body)
        assert reply.status_code == 200, reply.json
        return {"Authorization": f"Bearer {reply.json['token']}"}

    return login


def csrf_from(html: str) -> str:
    """The CSRF token of the first form on a page."""
    import re

    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


@pytest.fixture
def page_login(
    client: Any, make_staff: Callable[..., str], totp_code: Callable[[], str]
) -> Callable[..., str]:
    """Factory: create a staff account and log in through the login form (and the code form
    for supervisors); returns a CSRF token."""

    def login(username: str, **staff: Any) -> str:
        make_staff(username, **staff)
        token = csrf_from(client.get("/console/login").get_data(as_text=True))
        reply = client.post(
            "/console/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
        )
        assert reply.status_code == 302, reply.get_data(as_text=True)
        if staff.get("role") in SECOND_FACTOR_ROLES:
            token = csrf_from(client.get("/console/login/code").get_data(as_text=True))
            reply = client.post(
                "/console/login/code", data={"code": totp_code(), "csrf_token": token}
            )
            assert reply.status_code == 302, reply.get_data(as_text=True)
        return csrf_from(client.get("/console/").get_data(as_text=True))

    return login


AXE = Path(__file__).parents[1] / "web" / "vendor" / "axe.min.js"
AXE_RUN = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',
                                    'best-practice']}
  });
  return result.violations.map(v => ({id: v.id, impact: v.impact,
                                       nodes: v.nodes.map(n => n.target.join(' '))}));
}"""


def axe_check(page: Any, shot: Path) -> None:
    """Screenshot the page and fail on serious or critical axe-core findings (WCAG 2.2 AA, target
    size included); the page must be opened with bypass_csp=True to take the script."""
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    page.add_script_tag(path=str(AXE))
    serious = [v for v in page.evaluate(AXE_RUN) if v["impact"] in {"serious", "critical"}]
    assert serious == [], f"{shot.name}: {serious}"


def sign_in(page: Any, base: str, username: str, *, code: str | None = None) -> None:
    """Sign a staff member in on the console's login page (and the second factor's, if given)."""
    page.goto(f"{base}/console/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login")
    if code is not None:
        page.fill("#code", code)
        page.click("#confirm-code")


@pytest.fixture
def ring(app: Any, runtime: Runtime) -> Callable[..., Any]:
    """Factory: a resident rings the phone front through the simulator (in-process) and
    presses the keys; returns the SimulatedCall and its transport."""
    from ivr.simulator import FlaskTransport, SimulatedCall

    def call(keys: list[str]) -> tuple[SimulatedCall, FlaskTransport]:
        settings = runtime.settings
        transport = FlaskTransport(app.test_client(), settings.public_base_url)
        phone = SimulatedCall(settings.public_base_url, settings.twilio_auth_token)
        return phone.run(transport, keys), transport

    return call
