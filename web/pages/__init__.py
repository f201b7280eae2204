"""The residents' booking pages (Japanese first, English too)."""

from flask import Blueprint

bp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets/pages",
)

# The modules attach their routes to bp when imported.
import web.pages.book  # noqa: E402
import web.pages.book_confirm  # noqa: E402
import web.pages.errors  # noqa: E402
import web.pages.manage  # noqa: E402
import web.pages.site  # noqa: E402
import web.pages.visit  # noqa: E402, F401
