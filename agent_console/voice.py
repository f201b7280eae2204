"""Access tokens for the in-page softphone (Twilio Voice JS SDK), one Client identity per agent."""

from __future__ import annotations

from flask import Response, abort, g, jsonify, request
from twilio.jwt.access_token import AccessToken
from twilio.jwt.access_token.grants import VoiceGrant
from twilio.twiml.voice_response import VoiceResponse

from agent_console.api import ApiError, api_bp, staff_required
from agent_console.blueprint import bp
from agent_console.guard import staff_page
from queues import call_control
from queues.acd import client_identity
from runtime.config import Settings
from runtime.flask_glue import rt
from runtime.twilio_signature import signed

TOKEN_TTL_SECONDS = 3600


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
    return _token_reply(g.staff.username)


@bp.post("/voice/connect")
@signed
def connect_to_agent() -> Response:
    """TwiML for an answered outbound callback: put the resident through to the agent's browser."""
    identity = request.args.get("client", "")
    if not identity.startswith("agent_"):
        abort(404)
    twiml = VoiceResponse()
    dial = twiml.dial(caller_id=rt().settings.twilio_caller_id)
    dial.client(identity)
    return Response(str(twiml), mimetype="text/xml")


@bp.post("/voice/hold-music")
@signed
def hold_music() -> Response:
    """The hold queue's wait TwiML: music on a loop until the agent brings the caller back."""
    return Response(call_control.hold_music_twiml(), mimetype="text/xml")


@bp.post("/voice/outgoing")
@signed
def outgoing() -> Response:
    """The TwiML App's voice URL: a browser call to another agent (the consult before a
    consulted transfer). Only agents' Client identities are dialled, never a phone number."""
    to, caller = request.form.get("To", ""), request.form.get("From", "")
    if not to.startswith("agent_") or not caller.startswith("client:agent_"):
        abort(404)
    return Response(call_control.consult_twiml(to.removeprefix("agent_")), mimetype="text/xml")


def _token_reply(username: str) -> Response:
    settings = rt().settings
    if not settings.twilio_api_key or not settings.twilio_api_secret:
        raise ApiError(503, "voice_not_configured")
    return jsonify(
        token=voice_token(settings, username),
        identity=client_identity(username),
        expires_in=TOKEN_TTL_SECONDS,
    )


@bp.get("/voice-token")
@staff_page()
def console_voice_token() -> Response | tuple[Response, int]:
    """The softphone token for the console page (session cookie instead of a bearer token)."""
    try:
        return _token_reply(g.staff.username)
    except ApiError as error:
        return jsonify(error=error.code, message=error.message, fields={}), error.status
