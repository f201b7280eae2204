"""The phone front's blueprint: Twilio's webhooks under /ivr."""

from flask import Blueprint

bp = Blueprint("ivr", __name__, url_prefix="/ivr")
