"""The phone front: Twilio voice webhooks, prompts per language, call state in Redis."""

from ivr import devpage, text_status, views  # noqa: F401  (registers the routes on bp)
from ivr.blueprint import bp

__all__ = ["bp"]
