"""The whole schema: every model module imported once, so `metadata` knows every table.

The model modules import `models` for its `Base`, never the other way round; what needs all
tables at once (Alembic's autogenerate, the tests' clean-up) imports this module.
"""

from __future__ import annotations

from booking_core import callcentre_models, models, report_models, visit_models

metadata = models.Base.metadata

__all__ = ["callcentre_models", "metadata", "models", "report_models", "visit_models"]
