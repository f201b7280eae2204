"""A card issued at home (訪問交付): ward -> team -> resident, recorded like at a centre.

The team takes the card from its ward office before the visit (handed_to_team); the visit's
outcome moves it on: done hands it to the resident (issued_at_home), any other outcome takes
it back to the ward (team_returned). Every move goes through booking_core.custody.record_move.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from booking_core import custody
from booking_core.db import UnitOfWork
from booking_core.errors import CardNotReady
from booking_core.home_visits import ISSUE_AT_HOME, VisitRefused, find
from booking_core.models import CardReadyRecord
from booking_core.policy import Actor
from booking_core.visit_models import HomeVisit


def team_place(visit: HomeVisit) -> str:
    """Where a card with a team is, as the custody trail names it."""
    return f"visit-team:{visit.team_id}"


def hand_card_to_team(uow: UnitOfWork, *, reference: str, now: datetime, actor: Actor) -> str:
    """The team takes a scheduled visit's card from its ward office; the card's new state."""
    with uow:
        visit = find(uow.session, reference)
        if visit.service_code != ISSUE_AT_HOME or visit.status != "scheduled":
            raise VisitRefused(visit.status, "Only a scheduled home issuance has a card")
        card = custody.card(uow.session, visit.notice_number or "")
        state = custody.record_move(uow.session, card, "handed_to_team", now=now, actor=actor,
                                    place=card.ward_id, visit=reference)  # fmt: skip
        uow.commit()
        return state


def settle_card(
    session: Session, visit: HomeVisit, *, handed_over: bool, now: datetime, actor: Actor
) -> str | None:
    """Move a visit's card on after its outcome (not committed): to the resident, or back to
    its ward if the team carries it; None when the visit carries no card."""
    if visit.service_code != ISSUE_AT_HOME:
        return None
    card = custody.card(session, visit.notice_number or "")
    if handed_over:
        if card.status != custody.WITH_TEAM:
            raise CardNotReady("The team does not carry the card")
        return custody.record_move(session, card, "issued_at_home", now=now, actor=actor,
                                   place=team_place(visit), visit=visit.reference)  # fmt: skip
    if card.status == custody.WITH_TEAM:
        return custody.record_move(session, card, "team_returned", now=now, actor=actor,
                                   place=card.ward_id, visit=visit.reference)  # fmt: skip
    return card.status


def card_still_ready(session: Session, visit: HomeVisit) -> None:
    """A home issuance can be scheduled only while its card is at its ward or with the team."""
    card = session.get(CardReadyRecord, visit.notice_number or "")
    if card is None or card.status not in (*custody.AT_THE_WARD, custody.WITH_TEAM):
        raise CardNotReady("The card is no longer ready at its ward")
