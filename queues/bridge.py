"""With Twilio: a routed caller is taken out of `<Enqueue>` and put through to the agent's browser.

Updating a queued call with new TwiML dequeues it (Twilio's "redirected" queue result); the
new TwiML dials the agent's Client identity, which rings the softphone in the console.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from twilio.twiml.voice_response import VoiceResponse

from queues.acd import Assignment, client_identity
from queues.gateway import timed_http
from runtime.config import Settings

log = logging.getLogger(__name__)


def bridge_twiml(agent_id: str) -> str:
    """TwiML that rings the agent's browser."""
    response = VoiceResponse()
    response.dial().client(client_identity(agent_id))
    return str(response)


class TwilioBridge:
    """An assignment hook (acd.on_assign) that dequeues the caller to the chosen agent."""

    def __init__(self, settings: Settings, http_client: Any = None) -> None:
        from twilio.rest import Client

        self._client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            http_client=http_client or timed_http(settings),
        )

    def __call__(self, r: redis.Redis, done: Assignment) -> None:
        """Redirect a routed caller to the agent (a callback waits for the agent to dial)."""
        if done.kind != "call":
            return
        self._client.calls(done.call_sid).update(twiml=bridge_twiml(done.agent_id))
        log.info("bridged a %s call to an agent", done.queue)
