"""The one memory of reference data: kept for its time, forgotten on clear(), failures not kept."""

from __future__ import annotations

import pytest

from booking_core.reference_cache import ReferenceCache


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticks() -> Ticks:
    """The cache's clock, at 1000 s."""
    return Ticks()


@pytest.fixture
def cache(ticks: Ticks) -> ReferenceCache:
    """A cache that keeps values 60 s by the test's clock."""
    return ReferenceCache(60.0, clock=ticks)


def test_a_value_is_loaded_once_within_its_time(cache, ticks):
    loads: list[str] = []

    def load() -> str:
        loads.append("yokohama")
        return "yokohama"

    assert cache.remembered("center", "yokohama", load) == "yokohama"
    ticks.now += 59.0
    assert cache.remembered("center", "yokohama", load) == "yokohama"
    assert loads == ["yokohama"]


def test_a_value_is_loaded_again_once_its_time_is_up(cache, ticks):
    cache.remembered("service_kind", "cert", lambda: "first")
    ticks.now += 60.0
    assert cache.remembered("service_kind", "cert", lambda: "second") == "second"


def test_kinds_with_the_same_key_are_kept_apart(cache):
    cache.remembered("center", "x", lambda: "a centre")
    assert cache.remembered("service_kind", "x", lambda: "a procedure") == "a procedure"


def test_clear_forgets_everything(cache):
    cache.remembered("center", "yokohama", lambda: "old")
    cache.clear()
    assert cache.remembered("center", "yokohama", lambda: "new") == "new"


def test_a_failed_load_is_not_remembered(cache):
    def unknown() -> str:
        raise LookupError("nowhere")

    with pytest.raises(LookupError):
        cache.remembered("center", "nowhere", unknown)
    assert cache.remembered("center", "nowhere", lambda: "built since") == "built since"
