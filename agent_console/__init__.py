"""The agents' console, the supervisors' dashboard, administration pages and staff login."""

from flask import Blueprint

bp = Blueprint("agent_console", __name__, url_prefix="/console")
