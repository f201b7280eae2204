"""The agents' console, the supervisors' dashboard, administration pages and staff login."""

# The route modules register their views on the blueprints when imported.
from agent_console import (  # noqa: F401
    admin_api,
    admin_import_api,
    admin_import_pages,
    admin_pages,
    admin_plans_api,
    admin_plans_pages,
    admin_staff_api,
    admin_staff_pages,
    booking_record_api,
    booking_views,
    card_list_api,
    counter_api,
    counter_form,
    counter_pages,
    custody_api,
    custody_pages,
    dashboard,
    guard,
    inquiry_api,
    inquiry_openapi,
    inquiry_pages,
    openapi,
    openapi_admin,
    pages,
    report_pages,
    reports_api,
    visit_api,
    visit_intake_pages,
    visit_openapi,
    visit_pages,
    voice,
    wallboard,
    wallboard_api,
)
from agent_console.blueprint import bp

__all__ = ["bp"]
