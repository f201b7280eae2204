"""The console's blueprint, and the staff JSON API registered along with it."""

from flask import Blueprint
from flask.sansio.blueprints import BlueprintSetupState

from agent_console.api import api_bp
from queues import acd
from queues.bridge import TwilioBridge

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
    state.app.register_blueprint(api_bp)
    runtime = state.app.extensions.get("runtime")
    if runtime is not None and runtime.settings.telephony == "twilio":
        acd.on_assign(TwilioBridge(runtime.settings))  # routed callers go to the browser


bp.record_once(_register_staff_api)
