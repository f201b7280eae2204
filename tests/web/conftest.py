"""Fixtures of the booking pages' tests: a browser-like client that posts forms with their token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = TOKEN.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def text_of(response: TestResponse) -> str:
    """The page's HTML as text, entities decoded."""
    return unescape(response.get_data(as_text=True))


@dataclass
class Resident:
    """A resident's browser: GETs pages and submits their forms like a person would."""

    client: FlaskClient

    def get(self, url: str, **kwargs: Any) -> TestResponse:
        """Open a page."""
        return self.client.get(url, **kwargs)

    def submit(self, page_url: str, action: str, data: dict[str, str]) -> TestResponse:
        """Open the page, read its form's token, post the form to its action."""
        token = form_token(self.get(page_url).get_data(as_text=True))
        return self.client.post(action, data={"csrf_token": token, **data})

    def book_until_review(
        self,
        *,
        service: str = "cert",
        center: str = "yokohama",
        day: str = "2026-11-06",
        start: str = "14:00",
        party: str = "1",
        details: dict[str, str] | None = None,
    ) -> TestResponse:
        """Walk a non-issuance booking to the review page."""
        self.submit("/book", "/book", {"service": service})
        self.submit("/book/centre", "/book/centre", {"center": center, "party_size": party})
        self.submit(f"/book/day/{day}", "/book/time", {"day": day, "start": start})
        fields = {
            "name": "横浜 花子",
            "kana": "よこはま はなこ",
            "birth_date": "19600505",
            "phone": "090-1234-5678",
            "address": "横浜市中区本町6-50-10",
        }
        fields.update(details or {})
        self.submit("/book/details", "/book/details", fields)
        return self.get("/book/review")


@pytest.fixture
def resident(client: FlaskClient) -> Resident:
    """A resident with a fresh browser session."""
    return Resident(client)


@pytest.fixture
def phone_page(chromium: Any) -> Any:
    """A new phone-sized page (390x844, touch); CSP is bypassed only so axe-core can be injected."""
    context = chromium.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
        locale="ja-JP",
    )
    page = context.new_page()
    yield page
    context.close()
