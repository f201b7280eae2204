"""The phone front: Twilio voice webhooks, prompts per language, call state in Redis."""

from flask import Blueprint

bp = Blueprint("ivr", __name__, url_prefix="/ivr")

from ivr import devpage, text_status, views  # noqa: E402,F401  (registers the routes on bp)
