"""The handover of a phone booking to the web (booking_core.phone_handover), without a server:
a token per call, the entries kept, the text's send claimed once, the number dropped once sent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from booking_core import phone_handover as ph

NOW = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
MOBILE = "+819012345678"


class FakeStore:
    """The few Redis commands a handover uses, in a dict (expiry noted, not applied)."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.ttl: dict[str, int | None] = {}

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def set(self, name: str, value: str, *, ex: int | None = None, nx: bool = False,
            keepttl: bool = False) -> Any:  # fmt: skip
        if nx and name in self.values:
            return None
        self.values[name] = value
        if not keepttl:
            self.ttl[name] = ex
        return True

    def delete(self, *names: str) -> Any:
        for name in names:
            self.values.pop(name, None)


def test_a_call_has_one_unguessable_token():
    first = ph.handover_token("secret", "CA1")
    assert first == ph.handover_token("secret", "CA1") and len(first) == 48
    assert first != ph.handover_token("secret", "CA2") != ph.handover_token("other", "CA1")


def test_only_the_booking_entries_of_a_call_are_carried():
    data = {"flow": "procedure", "service": "cert", "center": "yokohama", "party": "2",
            "birth": "1960-05-05", "alts": [["2026-11-06", None]], "confirm": {}}  # fmt: skip
    assert ph.entries_of(data, "en") == ph.Handover(
        lang="en", service="cert", center="yokohama", party=2, birth="1960-05-05"
    )


def test_the_entries_are_kept_a_day_and_the_text_is_claimed_once(uow):
    store = FakeStore()
    entries = ph.Handover(lang="ja", service="cert", center="yokohama")
    token, first, owed = ph.hand_over(uow, store, secret_key="s", call_sid="CA1", caller=MOBILE,
                                      entries=entries, now=NOW)  # fmt: skip
    assert (first, owed) == (True, True)
    assert store.ttl[ph.HANDOVER_PREFIX + token] == 24 * 60 * 60
    claimed = ph.begin_send(store, token)
    assert claimed is not None and claimed.to == MOBILE
    assert ph.begin_send(store, token) is None  # a twin job
    ph.sent(store, token, claimed)
    kept = ph.read(store, token)
    assert kept is not None and kept.to is None and kept.center == "yokohama"
    again = ph.hand_over(uow, store, secret_key="s", call_sid="CA1", caller=MOBILE,
                         entries=entries, now=NOW)  # fmt: skip
    assert again == (token, False, False)
    kept = ph.read(store, token)
    assert kept is not None and kept.to is None  # the number is not kept again


def test_a_send_that_surely_failed_may_be_claimed_again():
    store = FakeStore()
    store.set(ph.HANDOVER_PREFIX + "a" * 48, '{"lang": "ja", "to": "+819012345678"}')
    assert ph.begin_send(store, "a" * 48) is not None
    ph.send_failed(store, "a" * 48)
    assert ph.begin_send(store, "a" * 48) is not None


def test_a_malformed_or_unknown_token_finds_nothing():
    store = FakeStore()
    assert ph.read(store, "../etc") is None
    assert ph.read(store, "b" * 48) is None


def test_only_a_mobile_is_offered_the_text():
    assert ph.offered_to(MOBILE)
    assert not ph.offered_to("+81452001234") and not ph.offered_to(None)
