"""The residents' booking pages (Japanese first, English too)."""

# The modules attach their routes to bp when imported.
import web.pages.book
import web.pages.book_confirm
import web.pages.errors
import web.pages.manage
import web.pages.phone_link
import web.pages.rebook
import web.pages.site
import web.pages.visit
import web.pages.visit_status  # noqa: F401
from web.pages.blueprint import bp

__all__ = ["bp"]
