"""The agents' console, the supervisors' dashboard, administration pages and staff login."""

from flask import Blueprint
from flask.sansio.blueprints import BlueprintSetupState

bp = Blueprint(
    "agent_console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)


def _register_staff_api(state: BlueprintSetupState) -> None:
    # The staff JSON API lives under /api/v1 (not /console): registered with the console.
    from agent_console.api import api_bp

    state.app.register_blueprint(api_bp)
    runtime = state.app.extensions.get("runtime")
    if runtime is not None and runtime.settings.telephony == "twilio":
        from queues import acd
        from queues.bridge import TwilioBridge

        acd.on_assign(TwilioBridge(runtime.settings))  # routed callers go to the browser


bp.record_once(_register_staff_api)

# Routes of both blueprints, imported for their side effect of registering.
from agent_console import (  # noqa: E402,F401
    admin_api,
    admin_pages,
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
