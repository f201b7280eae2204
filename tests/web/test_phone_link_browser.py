"""A caller who pressed 8 on the phone opens the texted link on a phone: the web booking in the
call's language with the entries filled in; an expired link says what to do (axe-core)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from booking_core.phone_handover import Handover, hand_over

from .test_rebook_browser import check

pytestmark = pytest.mark.browser


def test_the_texted_link_opens_the_booking_filled_in_and_an_old_one_says_so(
    phone_page, live_server, runtime
):
    entries = Handover(lang="en", service="cert", center="yokohama", party=2,
                       birth="1960-05-05", day="2026-11-06", start="14:00")  # fmt: skip
    token, _, _ = hand_over(runtime.uow(), runtime.redis, secret_key=runtime.settings.secret_key,
                            call_sid="CAbrowser", caller="+819012345678", entries=entries,
                            now=datetime(2026, 11, 2, 1, 0, tzinfo=UTC))  # fmt: skip
    page = phone_page
    page.goto(f"{live_server}/book/continue/{token}")
    assert page.url.endswith("/book/details")
    assert page.locator("#field-birth_date").input_value() == "19600505"
    check(page, "en-31-phone-link-details")
    page.goto(f"{live_server}/book/continue/{'0' * 48}")
    assert page.get_by_role("heading", level=1).inner_text() == "This link cannot be used"
    check(page, "en-32-phone-link-gone")
