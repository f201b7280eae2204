"""Loading the reference data into the database; safe to run on every deploy."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from booking_core.inquiries import seed_topics
from booking_core.models import CapacityTemplate, Center, Service, Ward, WardAssignment
from booking_core.reference_data import CENTERS, FY2026_START, SERVICES, WARDS, default_templates


def _upsert_centers(session: Session) -> None:
    for order, data in enumerate(CENTERS):
        row = session.get(Center, data.id) or Center(id=data.id)
        for name, value in asdict(data).items():
            setattr(row, name, value)
        row.sort_order = order
        session.add(row)


# What administrators edit on the procedures screen (booking_core.admin_reference): a reload
# of the reference data sets them on a new procedure only, never over an administrator's edit.
ADMINISTRATORS_FIELDS = frozenset({"name_ja", "name_en", "ivr_key"})


def _upsert_services(session: Session) -> None:
    for order, data in enumerate(SERVICES):
        found = session.get(Service, data.code)
        row = found or Service(code=data.code)
        for name, value in asdict(data).items():
            if found is None or name not in ADMINISTRATORS_FIELDS:
                setattr(row, name, value)
        row.sort_order = order
        session.add(row)


def _insert_wards(session: Session) -> None:
    for ward_id, name_ja, name_en, center_id in WARDS:
        if session.get(Ward, ward_id) is None:
            session.add(Ward(id=ward_id, name_ja=name_ja, name_en=name_en))
            session.flush()
            session.add(
                WardAssignment(
                    ward_id=ward_id, center_id=center_id, valid_from=FY2026_START, valid_to=None
                )
            )


def _insert_templates(session: Session) -> None:
    # Templates are administrators' data once loaded: seed them only into an empty table.
    if session.scalar(select(CapacityTemplate.id).limit(1)) is not None:
        return
    session.add_all(CapacityTemplate(**asdict(t)) for t in default_templates())


def load_reference_data(session: Session) -> None:
    """Centres, services, wards with their centres, and the default capacity plan."""
    _upsert_centers(session)
    _upsert_services(session)
    session.flush()
    _insert_wards(session)
    _insert_templates(session)
    seed_topics(session)
