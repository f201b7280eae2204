"""Text messages to residents, in English."""

from __future__ import annotations

from booking_core.what_to_bring import WHAT_TO_BRING

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DATE = "{weekday} {day}/{month} {hour}:{minute:02d}"
BOOKING_CONFIRMATION = (
    "Yokohama My Number Card: your booking is confirmed. Ref {reference}, {when}, "
    "{center}, {service}. Please bring: {bring}. Arrive 5 minutes early. "
    "To check, change or cancel: {web} or call {line}."
)
BOOKING_CHANGE = (
    "Yokohama My Number Card: your booking has been moved. Ref {reference}, new time {when}, "
    "{center}, {service}. To check, change or cancel: {web} or call {line}."
)
BOOKING_CANCELLATION = (
    "Yokohama My Number Card: your booking Ref {reference} ({when}, {center}, {service}) "
    "has been cancelled. To book again: {web} or call {line}."
)

BOOKING_CLOSURE = (
    "Yokohama My Number Card: we are sorry, {center} is closed at the time of your booking "
    "Ref {reference} ({when}). Please choose a new time here (valid until {expires}): {rebook} "
    "or call {line}."
)
BOOKING_REMINDER = (
    "Yokohama My Number Card: a reminder of your booking on {when} at {center}, Ref "
    "{reference}, {service}. Please bring: {bring}. Arrive 5 minutes early; if you are more "
    "than 5 minutes late, residents already waiting go first. To change or cancel: {web} or "
    "call {line}."
)
EXPIRES = "{day}/{month}"
BRING = WHAT_TO_BRING["en"]  # the same words the web and the phone line use
VISIT_DATE = "{weekday} {day}/{month}"
VISIT_SCHEDULED = (
    "Yokohama My Number Card: your home visit is arranged. Receipt: {reference} "
    "Date: {when}, afternoon. Procedure: {service}. A city staff member will come with our "
    "team. If the date no longer suits you, please call {line}."
)
VISIT_REMINDER = (
    "Yokohama My Number Card: we will visit you tomorrow, {when}, in the afternoon. Receipt: "
    "{reference} Procedure: {service}. Please have your identity documents ready. "
    "To change, please call {line}."
)
# A booking begun on the phone, continued on the web (key 8; booking_core.phone_handover).
PHONE_HANDOVER = (
    "Yokohama My Number Card: continue your booking on the web with what you entered "
    "by phone (valid 24 hours): "
    "{link} The booking is not made yet."
)
