"""The agents' console, the supervisors' dashboard, administration pages and staff login."""

# The route modules register their views on the blueprints when imported.
from agent_console import (  # noqa: F401
    admin_api,
    admin_pages,
    admin_plans_api,
    admin_plans_pages,
    booking_views,
    card_list_api,
    counter_api,
    counter_form,
    counter_pages,
    custody_api,
    custody_pages,
    dashboard,
    guard,
    openapi,
    pages,
    voice,
)
from agent_console.blueprint import bp

__all__ = ["bp"]
