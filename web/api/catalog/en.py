"""English error messages."""

MESSAGES: dict[str, str] = {
    "error": "The request could not be processed.",
    "bad_request": "The request is not well formed.",
    "malformed_json": "The JSON body could not be read.",
    "not_found": "Nothing was found. Please check the reference number and birth date.",
    "not_found.path": "There is nothing at this URL.",
    "not_found.center": "There is no such centre.",
    "method_not_allowed": "This method is not allowed on this URL.",
    "unsupported_media_type": "Please send the body as Content-Type: application/json.",
    "payload_too_large": "The request body is too large.",
    "invalid_request": "Some fields are not valid; see `fields`.",
    "my_number_not_accepted": (
        "Please do not enter your My Number (individual number). This system never accepts it."
    ),
    "not_bookable": "That date and time cannot be booked.",
    "not_bookable.past": "That date and time has already passed.",
    "not_bookable.beyond_horizon": "Bookings for that date are not open yet.",
    "not_bookable.not_open_yet": (
        "Bookings for that date are not open yet (its places are still being planned)."
    ),
    "not_bookable.closed": "The centre is closed on that day.",
    "not_bookable.outside_hours": "That time is outside reception hours.",
    "slot_full": "The chosen time is full. Please choose another time.",
    "already_booked": "You already have a booking for this procedure.",
    "card_not_ready": (
        "No card is ready for that notice number and birth date. Please check both."
    ),
    "wrong_center": "The card can only be collected at the centre serving your ward.",
    "transport_too_late": "The card reaches the centre only from the date given.",
    "idempotency_key_reused": "This Idempotency-Key was used for a different booking request.",
    "concurrent_change": "The booking was changed at the same moment. Please try again.",
    "rate_limited": "Too many look-ups in a short time. Please wait and try again later.",
    "service_unavailable": "The service is briefly unavailable. Please try again in a moment.",
    "internal_error": "Something went wrong on our side. Please try again later.",
}
