"""The residents' pages' blueprint, with their templates and static files."""

from flask import Blueprint

bp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets/pages",
)
