"""What the phone front says in English (en-US)."""
# ruff: noqa: E501  (prompts read better unbroken)

from __future__ import annotations

from queues import sms_en

CODE = "en"
LANGUAGE = "en-US"
VOICE_SETTING = "twilio_voice_en"
WEB_SETTING = "web_address_spoken_en"  # how the web address is said (configuration)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE = "{weekday}, {month} {day}"
BIRTH_DATE = "{month} {day}, {year}"
PERIODS = {"am": "A.M.", "pm": "P.M."}
TIME_ON_HOUR = "{hour} {period}"
TIME_WITH_MINUTES = "{hour}:{minute:02d} {period}"
NOON_HOUR = 12
DIGIT_SEPARATOR = ", "
LIST_SEPARATOR = "; "
CHOICE = "for {what}, press {key}"
REFERENCE_GROUP = "; "

SERVICES = {
    "issue": "card issuance",
    "cert": "electronic certificate issue or renewal",
    "pin": "PIN change or reset",
    "surface": "card surface update",
    "unlock": "release of a temporary suspension",
    "return": "card return",
    "cancel-app": "withdrawal of an application",
    "apply": "card application support",
}

CENTERS = {
    "yokohama": "the Yokohama Station My Number Card Center",
    "center-kita": "the Center-Kita Station My Number Card Center",
    "kamiooka": "the Kamiooka Station My Number Card Center",
    "futamatagawa": "the Futamatagawa Station My Number Card Center",
}

ADDRESSES = {
    "yokohama": "Yokohama Tenri Building, floors 21 and 22, 1-4-1 Kitasaiwai, Nishi-ku",
    "center-kita": "Premier Yokohama, 4th floor, 1-30-1 Nakagawa-chuo, Tsuzuki-ku",
    "kamiooka": "Miokarisuto-kan, 2nd floor, 1-18-3 Kamiooka-nishi, Konan-ku",
    "futamatagawa": "Futamatagawa Kitaguchi Daini Building, 3rd floor, 1-5-5 Futamatagawa, Asahi-ku",
}

# What to bring: the same items the texts name (queues.sms_en), in a sentence.
TEXTS = sms_en
BRING_PHRASE = "Please bring {items}."

CLOSED_REASONS = {
    "jlis_maintenance": "because of national system maintenance",
    "year_end": "for the New Year holidays",
    "ad_hoc": "for a temporary closure",
    "weekly_closure": "as a regular closing day",
    "not_open_yet": "because bookings for it are not open yet",
}

PROMPTS = {
    "welcome": "Thank you for calling the Yokohama City My Number Card line.",
    "language_offer": "For English, please press 2.",
    "main_menu": (
        "Card issuance booking, press 1. Other procedures, 2. Check, change or cancel a "
        "booking, 3. Centre information, 4. Home visits, 5. An operator, 0."
    ),
    "no_input": "Sorry, we did not receive any input.",
    "offer": "The earliest time is {date} at {time}",
    "offer_next": "The next free time is {date} at {time}",
    "offer_menu": "To take it, press 1. For the next free time, press 2. To choose a date, press 3.",
    "past_day": "{date} has already passed.",
    "speech_unclear": "Sorry, we could not catch that. Please use the keypad.",
    "held_booking": "You already have this booking. {details}",
    "held_menu": "To hear or change it, press 1. For the main menu, press 9.",
    "arrival_rule": (
        "Please arrive 5 minutes before your time. If you are 5 minutes late or more, "
        "residents already waiting may be served first."
    ),
    "my_number_refused": (
        "The 12-digit number you entered is a My Number, an individual number, which we never "
        "ask for. Please enter the {digits}-digit number on your notice instead."
    ),
    "wrong_key": "Sorry, that is not one of the choices.",
    "handover_hint": "To get a text with a link to continue on the web, press 8.",
    "handover_hint_entry": "To get a text with a link to continue on the web, press 8 and then the hash key.",
    "handover_sent": "We will text you a link to continue this booking on the web with what you have entered. You can also go on by phone.",
    "handover_again": "We have already sent you the text. The link shows everything you have entered so far.",
    "handover_mobile_only": "Sorry, the text with a link can only be sent when you call from a mobile phone.",
    "invalid_entry": "Sorry, we could not recognise that entry.",
    "give_up": (
        "We are sorry we could not complete this by phone. You can also book on the web at {web}."
    ),
    "system_error": "We are sorry, our system cannot take your request right now. Please call again later, or visit {web}.",
    "goodbye": "Thank you for calling. Goodbye.",
    "confirm_entry": "You entered {value}. If this is correct, press 1. To correct it, press 2.",
    "notice_prompt": (
        "Please enter the {digits}-digit number printed on your card issuance notice, "
        "then press the pound key."
    ),
    "birth_prompt": (
        "Please enter your date of birth as eight digits, year, month and day, then press "
        "pound. For example, May 5, 1960 is 1 9 6 0 0 5 0 5 pound."
    ),
    "birth_value": "date of birth {birth}",
    "card_not_found": (
        "We could not find a card ready for issuance with that notice number and date of "
        "birth. Please enter the notice number again."
    ),
    "card_centre": "Your card will be issued at {center}. You can book dates from {date}.",
    "procedure_prompt": "Please choose the procedure: {choices}.",
    "center_prompt": (
        "Please choose the centre. For Yokohama Station, press 1. For Center-Kita Station, "
        "press 2. For Kamiooka Station, press 3. For Futamatagawa Station, press 4."
    ),
    "party_prompt": "How many people will come? Press a number from 1 to {max}.",
    "party": "{n} people",
    "party_one": "1 person",
    "date_prompt": (
        "Please enter the date as four digits, month and day, then press pound. For example, "
        "June 12 is 0 6 1 2 pound. You may also say the date."
    ),
    "not_open_day": "Bookings for {date} are not open yet. Please choose another day.",
    "closed_day": "The centre is closed on {date} {why}.",
    "full_day": "{date} is fully booked.",
    "outside_window": "{date} cannot be booked. Bookings are taken up to {horizon} days ahead.",
    "transport_late": "Your card cannot reach the centre in time for {date}.",
    "day_choices": "The nearest dates with room are: {choices}. To enter another date, press 0.",
    "slot_choices": "The nearest times with room are: {choices}. To enter another date, press 0.",
    "no_room": "We are sorry, there is no room available to book at the moment.",
    "time_prompt": (
        "Please enter the time as four digits on the 24-hour clock, then press pound; the "
        "earliest time that day is 0 pound. Bookings are taken from {opens} to {last}"
    ),
    "not_a_time": "{time} is not a booking time.",
    "full_time": "{date} at {time} is fully booked.",
    "readback": "Your booking: {service}, at {center}, on {date} at {time}, for {party}.",
    "readback_ask": "If this is correct, press 1. To start again, press 2.",
    "booked": "Your booking is complete.",
    "reference_twice": "Your reference is {digits}. Again, {digits}.",
    "sms_will_send": "A confirmation text message will be sent to your mobile phone.",
    "sms_hidden": (
        "Because your number is withheld, we cannot send a text message. "
        "Please write down your reference."
    ),
    "sms_not_mobile": (
        "We cannot send a text message to this phone. Please write down your reference."
    ),
    "after_booked": "To hear your reference again, press star.",
    "anything_else": "To return to the main menu, press 1. Otherwise, you may hang up.",
    "already_booked": (
        "You already have a booking for this procedure. To confirm or change it, choose 3 "
        "from the main menu."
    ),
    "booking_failed": "We are sorry, the booking could not be completed.",
    "reference_prompt": "Please enter your 10-digit booking reference, then press pound.",
    "booking_not_found": (
        "We could not find a booking with that reference and date of birth. "
        "Please enter the reference again."
    ),
    "details": "Your booking: {service}, at {center}, on {date} at {time}, for {party}.",
    "details_cancelled": "This booking has already been cancelled.",
    "details_used": (
        "This booking has already been used, or its time has passed, "
        "so it can no longer be changed or cancelled."
    ),
    "manage_menu": (
        "To hear the booking details, press 1. To change the date or time, press 2. To cancel "
        "the booking, press 3. To return to the main menu, press 9."
    ),
    "change_readback": (
        "Your new booking: {center}, on {date} at {time}. If this is correct, press 1. "
        "To choose again, press 2."
    ),
    "changed": "Your booking has been changed.",
    "cancel_ask": (
        "You are cancelling your booking on {date} at {time}. To cancel, press 1. "
        "To keep it, press 2."
    ),
    "cancelled": "Your booking has been cancelled.",
    "not_cancelled": "Your booking has not been cancelled.",
    "booking_past": "A booking whose time has passed cannot be changed by phone.",
    "info_prompt": (
        "Which centre would you like to hear about? For Yokohama Station, press 1. For "
        "Center-Kita Station, press 2. For Kamiooka Station, press 3. For Futamatagawa "
        "Station, press 4."
    ),
    "info_centre": (
        "{center}. {today}It is at {address}, open on weekdays from 11:30 A.M. to 7:30 P.M. "
        "and on weekends and holidays from 9 A.M. to 5 P.M., closed on Wednesdays and Thursdays."
    ),
    "info_closures": "Other closures in the next two weeks: {days}.",
    "info_open_today": "It is open today. ",
    "info_closed_today": "It is closed today; it next opens on {date}. ",
    "info_more": (
        "To hear this again, press 1. For another centre, press 2. "
        "To return to the main menu, press 9."
    ),
    "visit_intro": (
        "Home visits for card applications and issuance are arranged by our staff, "
        "who confirm the place and time with you."
    ),
    "visit_menu": (
        "To speak with a member of staff, press 1. To request a call back, press 2. "
        "To hear the state of a home-visit request, press 3. "
        "To return to the main menu, press 9."
    ),
    "visit_receipt_prompt": "Please enter your 8-digit receipt number, then press the hash key.",
    "visit_not_found": (
        "We could not find a request with that receipt number and date of birth. "
        "Please enter the receipt number again."
    ),
    "visit_state_requested": (
        "We have received your request. Our staff are arranging the date of the visit "
        "and will contact you."
    ),
    "visit_state_scheduled": (
        "Your visit is on {day}, in the afternoon. A city staff member will come with our team."
    ),
    "visit_state_done": "The visit on {day} is done.",
    "visit_state_not_at_home": (
        "We visited on {day}, but nobody was at home. Our staff will contact you again."
    ),
    "visit_state_cancelled": "This request has been cancelled.",
    "to_operator": "Connecting you to an operator. Please hold.",
    "queue_wait": "All our operators are busy. Please stay on the line and we will answer in turn.",
    "queue_position": "You are number {n} in the queue.",
    "queue_estimate": "The estimated wait is about {minutes} minutes.",
    "queue_estimate_one": "The estimated wait is about one minute.",
    "queue_star": "To be called back instead, keeping your place in the queue, press star. We will call from {number}.",
    "queue_callback_kept": "Your call-back request has been received. We will call you back when it is your turn.",
    "queue_callback_hidden": "Because your number is withheld, we cannot call you back. Please stay on the line.",
    "queue_left": "We are sorry, we cannot connect you to an operator right now.",
    "outside_hours": "Our operators are not available at this time.",
    "hours_notice": "Operators are not available at this hour; you can still book here by keypad.",
    "nobody_on_duty": "We are sorry, no operator can take your call right now.",
    "staffed_hours": (
        "Operators are available on weekdays from 8:30 A.M. to 8 P.M., and on weekends and "
        "holidays from 9 A.M. to 5:30 P.M., except from December 29 to January 3."
    ),
    "callback_offer": (
        "To have an operator call you back, press 1. To return to the main menu, press 9."
    ),
    "callback_number_prompt": (
        "Because your number is withheld, please enter the number we should call back, "
        "starting with the area code, then press pound."
    ),
    "callback_number_value": "phone number {digits}",
    "callback_taken": (
        "Your call-back request has been received. An operator will call you during operator hours."
    ),
    # Reminder and closure calls placed to landlines (ivr/steps_notice.py)
    "notice_reminder": (
        "This is the Yokohama My Number Card line, with a reminder of your booking on {date} "
        "at {time} at {center}, for {service}. Please arrive 5 minutes early."
    ),
    "notice_reminder_menu": (
        "If you will come as booked, press 1. To cancel the booking, press 2. To speak with an "
        "operator, press 0. To hear this again, press star."
    ),
    "notice_closure": (
        "This is the Yokohama My Number Card line. We are very sorry: {center} will be closed "
        "at the time of your booking on {date} at {time}."
    ),
    "notice_closure_menu": (
        "To choose a new time with an operator, press 1. To cancel the booking, press 2. To "
        "hear this again, press star."
    ),
    "notice_kept": "Thank you. We look forward to seeing you.",
    "notice_cancel_confirm": "To cancel your booking, press 1. To keep it, press 2.",
    "notice_not_active": "This booking has already been changed or cancelled.",
    "closure_for_caller": (
        "Your booking on {date} at {time} at {center} is affected by a temporary closure. To "
        "choose a new time, press 3 in the menu that follows."
    ),
}
