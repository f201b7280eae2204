"""Errors a use case raises; each carries a machine code the channels turn into words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


class BookingError(Exception):
    """Base of every rule a request can break."""

    code = "booking_error"

    def __init__(self, message: str = "", *, fields: dict[str, str] | None = None) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.fields = fields or {}


class InvalidRequest(BookingError):
    """One or more fields are missing or malformed (fields: name -> code)."""

    code = "invalid_request"


class MyNumberRefused(InvalidRequest):
    """A text holds a 12-digit individual number (個人番号), which no channel may keep or speak."""

    code = "my_number_not_accepted"


class NotFound(BookingError):
    """No such booking, or the birth date does not match (the two look the same on purpose)."""

    code = "not_found"


class NotBookable(BookingError):
    """The date or time cannot be booked (closed, past, beyond the horizon, too late)."""

    code = "not_bookable"

    def __init__(self, reason: str, message: str = "", **kwargs: object) -> None:
        super().__init__(message or reason, **kwargs)  # type: ignore[arg-type]
        self.reason = reason


@dataclass(frozen=True)
class Alternative:
    """A nearby time with room, offered when the asked one has none."""

    day: date
    start: time
    remaining: int


class SlotFull(BookingError):
    """The band has fewer places left than the party needs (満席)."""

    code = "slot_full"

    def __init__(self, alternatives: list[Alternative] | None = None) -> None:
        super().__init__("The chosen time has no room left")
        self.alternatives = alternatives or []


class AlreadyBooked(BookingError):
    """The person already holds an active booking for this service."""

    code = "already_booked"


class CardNotReady(BookingError):
    """Issuance asked for a card not on the ready list (or with another birth date)."""

    code = "card_not_ready"


class WrongCenter(BookingError):
    """Issuance asked at a centre that does not serve the card's ward."""

    code = "wrong_center"


class TransportTooLate(BookingError):
    """No transport can bring the card to the centre before the asked date."""

    code = "transport_too_late"

    def __init__(self, earliest: date) -> None:
        super().__init__(f"The card can reach the centre for dates from {earliest.isoformat()}")
        self.earliest = earliest


class IdempotencyConflict(BookingError):
    """The idempotency key was used before with a different request."""

    code = "idempotency_key_reused"


class ConcurrentChange(BookingError):
    """The booking changed under us; the caller may retry."""

    code = "concurrent_change"


@dataclass
class FieldErrors:
    """Collects field errors and raises them together."""

    errors: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, code: str) -> None:
        """Record the first error of a field."""
        self.errors.setdefault(name, code)

    def raise_if_any(self) -> None:
        """Raise InvalidRequest when anything was recorded."""
        if self.errors:
            raise InvalidRequest("Some fields are not valid", fields=dict(self.errors))
