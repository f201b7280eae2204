"""The public JSON API, /api/v1, documented in OpenAPI."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
