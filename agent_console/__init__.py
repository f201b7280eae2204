"""The agents' console, the supervisors' dashboard, administration pages and staff login."""

# The route modules register their views on the blueprints when imported.
from agent_console import (  # noqa: F401
    booking_views,
    counter_form,
    dashboard,
    guard,
    openapi,
    pages,
    voice,
)
from agent_console.blueprint import bp

__all__ = ["bp"]
