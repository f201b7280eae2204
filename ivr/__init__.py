"""The phone front: Twilio voice webhooks, prompts per language, call state in Redis."""

from flask import Blueprint

bp = Blueprint("ivr", __name__, url_prefix="/ivr")
