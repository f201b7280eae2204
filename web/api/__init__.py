"""The public JSON API, /api/v1, documented in OpenAPI."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Imported after `bp` exists so their routes and handlers register on it.
from web.api import errors, openapi, views  # noqa: E402

__all__ = ["bp", "errors", "openapi", "views"]
