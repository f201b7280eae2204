"""Access tokens for the in-page softphone (Twilio Voice JS SDK), one Client identity per agent."""

from __future__ import annotations

from flask import Response, g, jsonify
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant

from agent_console.api import ApiError, api_bp, staff_required
from runtime.config import Settings
from runtime.flask_glue import rt

TOKEN_TTL_SECONDS = 3600


def client_identity(username: str) -> str:
    """The Twilio Client identity of an agent (what `<Dial><Client>` rings)."""
    return f"agent_{username}"


def voice_token(settings: Settings, username: str) -> str:
    """A signed access token letting the agent's browser receive and place calls."""
    token = AccessToken(
        settings.twilio_account_sid,
        settings.twilio_api_key,
        settings.twilio_api_secret,
        identity=client_identity(username),
        ttl=TOKEN_TTL_SECONDS,
    )
    token.add_grant(
        VoiceGrant(
            outgoing_application_sid=settings.twilio_twiml_app_sid or None, incoming_allow=True
        )
    )
    return str(token.to_jwt())


@api_bp.get("/staff/voice-token")
@staff_required()
def voice_token_view() -> Response:
    """The agent's softphone token (503 when no Twilio API key is configured)."""
    settings = rt().settings
    if not settings.twilio_api_key or not settings.twilio_api_secret:
        raise ApiError(503, "voice_not_configured")
    identity = client_identity(g.staff.username)
    return jsonify(
        token=voice_token(settings, g.staff.username),
        identity=identity,
        expires_in=TOKEN_TTL_SECONDS,
    )
