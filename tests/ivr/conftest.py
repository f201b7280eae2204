"""Fixtures of the phone front: a simulated phone ringing the app in-process."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pytest
from flask import Flask

from booking_core.clock import FrozenClock
from ivr.simulator import FlaskTransport, SimulatedCall
from queues import presence
from queues.gateway import Sent
from runtime.bootstrap import Runtime

JAPANESE_TOPICS = ("general", "booking", "visit")
MOBILE = "+819012345678"
LANDLINE = "+81452001234"


@dataclass
class Phone:
    """Rings the IVR through the simulator, as Twilio would, against the test app."""

    app: Flask
    runtime: Runtime

    def transport(self, headers: Mapping[str, str] | None = None) -> FlaskTransport:
        """An in-process transport to the app."""
        return FlaskTransport(
            self.app.test_client(), self.runtime.settings.public_base_url, headers
        )

    def new_call(self, caller: str = MOBILE, **kwargs: object) -> SimulatedCall:
        """A call not yet placed."""
        settings = self.runtime.settings
        return SimulatedCall(
            settings.public_base_url, settings.twilio_auth_token, caller=caller, **kwargs
        )

    def ring(self, keys: Iterable[str], caller: str = MOBILE, **kwargs: object) -> SimulatedCall:
        """Place a call and press the keys in turn."""
        return self.new_call(caller, **kwargs).run(self.transport(), keys)

    def pick_up(self, placed: Sent, keys: Iterable[str] = ()) -> SimulatedCall:
        """The resident answers a call the city placed (as the gateway recorded it)."""
        settings = self.runtime.settings
        call = SimulatedCall.placed(
            settings.public_base_url, settings.twilio_auth_token, to=placed.to, url=placed.body,
            status_callback=placed.status_callback, city=settings.twilio_caller_id,
        )  # fmt: skip
        call.pick_up(self.transport(), placed.body)
        return self.press(call, keys)

    def press(self, call: SimulatedCall, keys: Iterable[str]) -> SimulatedCall:
        """Press more keys on a call in progress."""
        for entry in keys:
            call.press(self.transport(), entry)
        return call

    def hang_up(self, call: SimulatedCall) -> int:
        """The caller hangs up: Twilio's status callback for the call; the HTTP status."""
        form = {**call.params({}), "CallStatus": "completed"}
        url = call.public_base_url + "/ivr/status"
        return self.transport().post(url, form, call.sign(url, form))[0]


@pytest.fixture
def phone(app: Flask, runtime: Runtime) -> Phone:
    """A phone that rings the IVR in-process."""
    return Phone(app, runtime)


@pytest.fixture
def agent_on_duty(runtime: Runtime, clock: FrozenClock) -> Callable[..., str]:
    """Factory: an agent on duty through the console's presence script (a break by default,
    so callers stay waiting; "available" takes the next call at once)."""

    def make(
        agent_id: str,
        *,
        topics: tuple[str, ...] = JAPANESE_TOPICS,
        languages: tuple[str, ...] = ("ja",),
        state: str = "break",
    ) -> str:
        now = clock.now()
        presence.register_agent(
            runtime.redis, agent_id, name=agent_id, topics=topics, languages=languages, now=now
        )
        reason = "rest" if state == "break" else ""
        presence.set_state(runtime.redis, agent_id, state, now, reason)
        return agent_id

    return make
