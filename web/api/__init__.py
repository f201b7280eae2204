"""The public JSON API, /api/v1, documented in OpenAPI."""

# The modules register their routes and error handlers on bp when imported.
from web.api import errors, openapi, views, visit_views
from web.api.blueprint import bp

__all__ = ["bp", "errors", "openapi", "views", "visit_views"]
