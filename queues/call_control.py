"""The softphone's call controls on the caller's leg: hold with music, back to the agent, a
transfer to another agent's browser or into a queue (TwiML the telephony gateway gives the
live call)."""

from __future__ import annotations

import redis
from twilio.twiml.voice_response import VoiceResponse

from queues import keys
from queues.acd import client_identity

# Twilio's own hold music (public); the wait URL plays it on a loop while the caller is held.
HOLD_MUSIC = "https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3"


def hold_queue(agent_id: str) -> str:
    """The Twilio queue a held caller waits in (one per agent)."""
    return f"hold_{client_identity(agent_id)}"


def hold_twiml(agent_id: str, music_url: str) -> str:
    """TwiML that parks the caller in the agent's hold queue, hearing music."""
    response = VoiceResponse()
    response.enqueue(hold_queue(agent_id), wait_url=music_url, wait_url_method="POST")
    return str(response)


def hold_music_twiml(music: str = HOLD_MUSIC) -> str:
    """The hold queue's wait TwiML: music on a loop."""
    response = VoiceResponse()
    response.play(music, loop=0)
    return str(response)


def to_agent_twiml(agent_id: str) -> str:
    """TwiML that rings an agent's browser (back from hold, or a transfer)."""
    response = VoiceResponse()
    response.dial().client(client_identity(agent_id))
    return str(response)


def to_queue_twiml(public_base_url: str) -> str:
    """TwiML that sends a caller transferred into another queue back to the phone front, which
    enqueues them there with the usual hold announcements (/ivr/queue/transfer)."""
    response = VoiceResponse()
    response.redirect(f"{public_base_url.rstrip('/')}/ivr/queue/transfer", method="POST")
    return str(response)


def consult_twiml(agent_id: str) -> str:
    """TwiML of the consult: the held caller's agent rings another agent's browser."""
    return to_agent_twiml(agent_id)


def set_held(r: redis.Redis, call_sid: str, held: bool) -> None:
    """Mark the call held (the console shows 保留中) or no longer."""
    r.hset(keys.call_key(call_sid), "held", "1" if held else "")
