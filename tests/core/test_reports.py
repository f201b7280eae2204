"""The monthly capacity report held against the 50,000 issue/renew floor."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from booking_core.calendar import DayKind, centre_day
from booking_core.models import CapacityOverride, CapacityTemplate, ClosureRecord
from booking_core.reference_data import BASE_PLACES, CENTERS, MONTHLY_FLOOR, PEAK_PLACES
from booking_core.reports import capacity_report, month_range

FY2026_MONTHS = [(2026, m) for m in range(4, 13)] + [(2027, m) for m in range(1, 4)]
BANDS_PER_OPEN_DAY = 32  # 11:30-19:15 on weekdays, 9:00-16:45 at weekends: 32 quarter hours
QUIET_BANDS = 10  # second-half weekdays keep the base level from 11:30 to 14:00


def report(runtime, year: int, month: int):
    """The report for one month."""
    return capacity_report(runtime.uow(), year=year, month=month)


def add(runtime, *rows: object) -> None:
    """Store rows as an administrator would."""
    with runtime.uow() as uow:
        uow.session.add_all(rows)
        uow.commit()


@pytest.mark.parametrize(("year", "month"), FY2026_MONTHS)
def test_every_month_of_fy2026_meets_the_floor(runtime, year, month):
    got = report(runtime, year, month)
    assert got.month == f"{year:04d}-{month:02d}"
    assert got.floor == MONTHLY_FLOOR == 50_000
    assert got.issue_renew_slots >= 50_000 and got.meets_floor
    assert got.issue_renew_slots == sum(c.issue_renew_slots for c in got.by_center.values())
    assert list(got.by_center) == [c.id for c in CENTERS]


def test_april_2026_a_short_month_offers_exactly_52288_places(runtime):
    got = report(runtime, 2026, 4)
    assert got.issue_renew_slots == 52_288 == 19 * BANDS_PER_OPEN_DAY * sum(BASE_PLACES.values())
    yokohama = got.by_center["yokohama"]
    assert (yokohama.open_days, yokohama.issue_renew_slots) == (19, 13_376)
    assert {c: v.issue_renew_slots for c, v in got.by_center.items()} == {
        c: 19 * BANDS_PER_OPEN_DAY * n for c, n in BASE_PLACES.items()
    }


def _expected_second_half(center_id: str, year: int, month: int) -> int:
    """Places of a second-half month counted day by day from the written plan."""
    first, last = month_range(year, month)
    base, peak = BASE_PLACES[center_id], PEAK_PLACES[center_id]
    total = 0
    for offset in range((last - first).days + 1):
        hours = centre_day(center_id, first + timedelta(days=offset))
        if not hours.open:
            continue
        if hours.kind is DayKind.WEEKDAY:
            total += QUIET_BANDS * base + (BANDS_PER_OPEN_DAY - QUIET_BANDS) * peak
        else:
            total += BANDS_PER_OPEN_DAY * peak
    return total


@pytest.mark.parametrize(("year", "month"), [(2026, 11), (2027, 1)])
def test_second_half_months_count_peak_and_quiet_bands(runtime, year, month):
    got = report(runtime, year, month)
    for center in CENTERS:
        assert got.by_center[center.id].issue_renew_slots == _expected_second_half(
            center.id, year, month
        )
    assert report(runtime, 2026, 11).issue_renew_slots == 63_412


def test_the_report_shows_minutes_per_resident_per_window(runtime):
    yokohama = report(runtime, 2026, 4).by_center["yokohama"]
    # 19 days x 32 bands x 15 min x 18 windows spread over 13,376 residents
    assert yokohama.issue_windows == 18
    assert yokohama.minutes_per_resident_per_window == round(19 * 32 * 15 * 18 / 13_376, 1)


def test_a_closure_of_all_centres_takes_out_one_day(runtime, clock):
    add(runtime, ClosureRecord(center_id=None, day=date(2026, 4, 10), created_at=clock.now()))
    got = report(runtime, 2026, 4)
    assert got.issue_renew_slots == 52_288 - BANDS_PER_OPEN_DAY * sum(BASE_PLACES.values())
    assert {c.open_days for c in got.by_center.values()} == {18}


def test_a_partial_closure_takes_out_its_bands_at_one_centre(runtime, clock):
    add(
        runtime,
        ClosureRecord(
            center_id="kamiooka",
            day=date(2026, 4, 10),
            start=time(12, 0),
            end=time(13, 0),
            created_at=clock.now(),
        ),
    )
    got = report(runtime, 2026, 4)
    assert got.by_center["kamiooka"].issue_renew_slots == 16_416 - 4 * BASE_PLACES["kamiooka"]
    assert got.by_center["kamiooka"].open_days == 19
    assert got.by_center["yokohama"].issue_renew_slots == 13_376


def test_a_one_day_override_counts_only_its_bands(runtime):
    add(
        runtime,
        CapacityOverride(
            center_id="futamatagawa",
            group="issue_renew",
            day=date(2026, 4, 10),
            band_start=time(11, 30),
            band_end=time(12, 30),
            places=2,
        ),
    )
    got = report(runtime, 2026, 4)
    assert got.by_center["futamatagawa"].issue_renew_slots == 7_296 - 4 * (12 - 2)
    assert report(runtime, 2026, 5).by_center["futamatagawa"].issue_renew_slots == 8_448


def test_a_thin_plan_is_reported_below_the_floor(runtime):
    thin = [
        CapacityTemplate(
            center_id=center.id,
            group="issue_renew",
            day_kind=kind,
            valid_from=date(2026, 6, 1),
            valid_to=date(2026, 6, 30),
            band_start=start,
            band_end=end,
            places=10,
        )
        for center in CENTERS
        for kind, start, end in (
            ("weekday", time(11, 30), time(19, 30)),
            ("weekend_holiday", time(9, 0), time(17, 0)),
        )
    ]
    add(runtime, *thin)
    june = report(runtime, 2026, 6)
    assert june.issue_renew_slots == 21 * BANDS_PER_OPEN_DAY * 10 * 4
    assert not june.meets_floor
    assert report(runtime, 2026, 7).meets_floor


def test_reception_places_do_not_count_towards_the_floor(runtime):
    add(
        runtime,
        CapacityOverride(
            center_id="yokohama",
            group="reception",
            day=date(2026, 4, 10),
            band_start=time(11, 30),
            band_end=time(19, 30),
            places=0,
        ),
    )
    assert report(runtime, 2026, 4).issue_renew_slots == 52_288
