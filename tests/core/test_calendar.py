"""Opening days and hours of the centres, the call centre and card transport in FY2026."""

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest

from booking_core.calendar import (
    CALL_CENTRE,
    TOKYO,
    ClosedReason,
    Closure,
    DayHours,
    DayKind,
    call_centre_day,
    centre_day,
    centre_days,
    day_kind,
    earliest_transport_day,
    fiscal_year_days,
    holiday_name,
    is_bookable_time,
    is_call_centre_staffed,
    is_jlis_maintenance_sunday,
    is_national_holiday,
    is_transport_day,
    is_ward_business_day,
    is_year_end,
    manifest_cutoff,
    previous_business_day,
)

CENTRES = ("yokohama", "center-kita", "kamiooka", "futamatagawa")
WEEKDAY_HOURS = (time(11, 30), time(19, 30), time(19, 15))
WEEKEND_HOURS = (time(9, 0), time(17, 0), time(16, 45))
CALL_WEEKDAY = (time(8, 30), time(20, 0))
CALL_WEEKEND = (time(9, 0), time(17, 30))

PLAIN_MONDAY = date(2026, 4, 6)
PLAIN_WEDNESDAY = date(2026, 4, 8)


def tokyo(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Tokyo wall-clock instant."""
    return datetime(year, month, day, hour, minute, tzinfo=TOKYO)


def test_fy2026_has_nineteen_national_holidays() -> None:
    assert sum(is_national_holiday(d) for d in fiscal_year_days(2026)) == 19


@pytest.mark.parametrize(
    ("day", "fragment"),
    [
        pytest.param(date(2026, 5, 6), "振替休日", id="substitute-holiday-wed-2026-05-06"),
        pytest.param(date(2027, 3, 22), "振替休日", id="substitute-holiday-mon-2027-03-22"),
        pytest.param(date(2026, 9, 22), "国民の休日", id="citizens-holiday-2026-09-22"),
        pytest.param(date(2026, 7, 20), "海の日", id="marine-day-monday"),
    ],
)
def test_holiday_name_includes_substitute_and_citizens_holidays(day: date, fragment: str) -> None:
    name = holiday_name(day)
    assert name is not None
    assert fragment in name


def test_ordinary_day_has_no_holiday_name() -> None:
    assert holiday_name(date(2026, 5, 7)) is None
    assert not is_national_holiday(date(2026, 5, 7))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 12, 28), False, id="dec-28"),
        pytest.param(date(2026, 12, 29), True, id="dec-29"),
        pytest.param(date(2026, 12, 31), True, id="dec-31"),
        pytest.param(date(2027, 1, 3), True, id="jan-03"),
        pytest.param(date(2027, 1, 4), False, id="jan-04"),
    ],
)
def test_year_end_runs_from_29_december_to_3_january(day: date, expected: bool) -> None:
    assert is_year_end(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 4, 19), True, id="after-third-saturday-04-18"),
        pytest.param(date(2026, 4, 12), False, id="after-second-saturday"),
        pytest.param(date(2026, 4, 18), False, id="third-saturday-itself"),
        # November 2026 starts on a Sunday: the third Sunday (15th) is not the J-LIS one.
        pytest.param(date(2026, 11, 15), False, id="third-sunday-of-month-starting-sunday"),
        pytest.param(date(2026, 11, 22), True, id="fourth-sunday-after-third-saturday"),
        pytest.param(date(2027, 3, 21), True, id="also-a-holiday-2027-03-21"),
    ],
)
def test_jlis_maintenance_is_the_sunday_after_the_third_saturday(day: date, expected: bool) -> None:
    assert is_jlis_maintenance_sunday(day) is expected


def test_fy2026_has_twelve_jlis_sundays_one_a_month() -> None:
    sundays = [d for d in fiscal_year_days(2026) if is_jlis_maintenance_sunday(d)]
    assert len({(d.year, d.month) for d in sundays}) == len(sundays) == 12


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        pytest.param(PLAIN_MONDAY, DayKind.WEEKDAY, id="monday"),
        pytest.param(PLAIN_WEDNESDAY, DayKind.WEEKDAY, id="wednesday"),
        pytest.param(date(2026, 4, 11), DayKind.WEEKEND_HOLIDAY, id="saturday"),
        pytest.param(date(2026, 4, 12), DayKind.WEEKEND_HOLIDAY, id="sunday"),
        pytest.param(date(2026, 7, 20), DayKind.WEEKEND_HOLIDAY, id="holiday-monday"),
        pytest.param(date(2026, 4, 29), DayKind.WEEKEND_HOLIDAY, id="holiday-wednesday"),
    ],
)
def test_day_kind_treats_holidays_like_weekends(day: date, kind: DayKind) -> None:
    assert day_kind(day) is kind


OPEN_CENTRE_DAYS = [
    pytest.param(date(2026, 4, 6), WEEKDAY_HOURS, id="plain-monday"),
    pytest.param(date(2026, 4, 7), WEEKDAY_HOURS, id="plain-tuesday"),
    pytest.param(date(2026, 4, 10), WEEKDAY_HOURS, id="plain-friday"),
    pytest.param(date(2026, 4, 11), WEEKEND_HOURS, id="saturday"),
    pytest.param(date(2026, 4, 12), WEEKEND_HOURS, id="ordinary-sunday"),
    pytest.param(date(2026, 11, 15), WEEKEND_HOURS, id="third-sunday-not-jlis"),
    pytest.param(date(2026, 7, 20), WEEKEND_HOURS, id="holiday-monday"),
    pytest.param(date(2026, 9, 22), WEEKEND_HOURS, id="citizens-holiday-tuesday"),
    pytest.param(date(2026, 5, 3), WEEKEND_HOURS, id="holiday-sunday"),
    pytest.param(date(2026, 12, 28), WEEKDAY_HOURS, id="monday-before-year-end"),
    pytest.param(date(2027, 1, 4), WEEKDAY_HOURS, id="monday-after-year-end"),
]


@pytest.mark.parametrize(("day", "hours"), OPEN_CENTRE_DAYS)
def test_centre_opens_with_weekday_or_weekend_hours(
    day: date, hours: tuple[time, time, time]
) -> None:
    result = centre_day("yokohama", day)
    assert result.open
    assert result.reason is None
    assert (result.opens, result.closes, result.last_reception) == hours


CLOSED_CENTRE_DAYS = [
    pytest.param(date(2026, 4, 8), ClosedReason.WEEKLY, id="wednesday"),
    pytest.param(date(2026, 4, 9), ClosedReason.WEEKLY, id="thursday"),
    pytest.param(date(2026, 4, 29), ClosedReason.WEEKLY, id="holiday-wednesday"),
    pytest.param(date(2026, 5, 6), ClosedReason.WEEKLY, id="substitute-holiday-wednesday"),
    pytest.param(date(2027, 2, 11), ClosedReason.WEEKLY, id="holiday-thursday"),
    pytest.param(date(2026, 4, 19), ClosedReason.JLIS, id="jlis-sunday"),
    pytest.param(date(2027, 3, 21), ClosedReason.JLIS, id="jlis-sunday-on-a-holiday"),
    pytest.param(date(2026, 12, 29), ClosedReason.YEAR_END, id="year-end-first-day-tuesday"),
    pytest.param(date(2026, 12, 30), ClosedReason.YEAR_END, id="year-end-before-weekly"),
    pytest.param(date(2027, 1, 1), ClosedReason.YEAR_END, id="new-year-holiday-friday"),
    pytest.param(date(2027, 1, 3), ClosedReason.YEAR_END, id="year-end-last-day-sunday"),
]


@pytest.mark.parametrize(("day", "reason"), CLOSED_CENTRE_DAYS)
def test_centre_is_closed_with_the_first_rule_that_applies(day: date, reason: ClosedReason) -> None:
    result = centre_day("kamiooka", day)
    assert not result.open
    assert result.reason is reason
    assert (result.opens, result.closes, result.last_reception) == (None, None, None)
    assert result.kind is day_kind(day)


def test_fy2026_has_244_centre_opening_days() -> None:
    # Mon/Tue/Fri/Sat/Sun: 260, minus 12 J-LIS Sundays, minus 12-29, 01-01, 01-02, 01-03.
    days = centre_days("yokohama", date(2026, 4, 1), date(2027, 3, 31))
    assert sum(d.open for d in days) == 244


@pytest.mark.parametrize(
    ("year", "month"),
    [
        pytest.param(2026, 4, id="april"),
        pytest.param(2026, 12, id="december"),
        pytest.param(2027, 1, id="january"),
        pytest.param(2027, 2, id="february"),
    ],
)
def test_short_months_have_19_opening_days(year: int, month: int) -> None:
    per_month = Counter(
        (d.year, d.month) for d in fiscal_year_days(2026) if centre_day("futamatagawa", d).open
    )
    assert per_month[(year, month)] == 19
    assert min(per_month.values()) == 19


def test_centre_days_covers_the_range_inclusively() -> None:
    week = centre_days("center-kita", PLAIN_MONDAY, date(2026, 4, 12))
    assert [d.day.day for d in week] == [6, 7, 8, 9, 10, 11, 12]
    assert [d.open for d in week] == [True, True, False, False, True, True, True]


def test_centre_days_applies_closures_given_as_a_generator() -> None:
    closures = (Closure(day) for day in (date(2026, 4, 6), date(2026, 4, 7)))
    week = centre_days("yokohama", PLAIN_MONDAY, date(2026, 4, 7), closures)
    assert [d.reason for d in week] == [ClosedReason.AD_HOC, ClosedReason.AD_HOC]


@pytest.mark.parametrize(
    ("closure", "closed_centres"),
    [
        pytest.param(Closure(PLAIN_MONDAY, "yokohama"), {"yokohama"}, id="one-centre"),
        pytest.param(Closure(PLAIN_MONDAY), set(CENTRES), id="all-centres"),
        pytest.param(Closure(PLAIN_MONDAY, CALL_CENTRE), set(), id="call-centre-only"),
        pytest.param(Closure(date(2026, 4, 7)), set(), id="another-day"),
    ],
)
def test_whole_day_closure_closes_only_the_centres_it_names(
    closure: Closure, closed_centres: set[str]
) -> None:
    closed = {c for c in CENTRES if not centre_day(c, PLAIN_MONDAY, [closure]).open}
    assert closed == closed_centres


def test_whole_day_closure_carries_its_note() -> None:
    result = centre_day("yokohama", PLAIN_MONDAY, [Closure(PLAIN_MONDAY, note="system work")])
    assert result.reason is ClosedReason.AD_HOC
    assert result.note == "system work"
    assert result.kind is DayKind.WEEKDAY


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        pytest.param(PLAIN_WEDNESDAY, ClosedReason.WEEKLY, id="weekly"),
        pytest.param(date(2026, 4, 19), ClosedReason.JLIS, id="jlis"),
        pytest.param(date(2026, 12, 29), ClosedReason.YEAR_END, id="year-end"),
    ],
)
def test_standing_rules_take_precedence_over_ad_hoc_closure(
    day: date, reason: ClosedReason
) -> None:
    assert centre_day("yokohama", day, [Closure(day, "yokohama")]).reason is reason


@pytest.mark.parametrize(
    ("closure", "intervals"),
    [
        pytest.param(
            Closure(PLAIN_MONDAY, "yokohama", time(13), time(15)),
            ((time(13), time(15)),),
            id="inside-hours",
        ),
        pytest.param(
            Closure(PLAIN_MONDAY, None, time(9), time(12)),
            ((time(11, 30), time(12)),),
            id="all-centres-clipped-to-opening",
        ),
        pytest.param(
            Closure(PLAIN_MONDAY, "yokohama", time(19), time(21)),
            ((time(19), time(19, 30)),),
            id="clipped-to-closing",
        ),
        pytest.param(Closure(PLAIN_MONDAY, "yokohama", time(8), time(11)), (), id="before-opening"),
        pytest.param(Closure(PLAIN_MONDAY, "kamiooka", time(13), time(15)), (), id="other-centre"),
    ],
)
def test_partial_closure_becomes_a_closed_interval_within_open_hours(
    closure: Closure, intervals: tuple[tuple[time, time], ...]
) -> None:
    result = centre_day("yokohama", PLAIN_MONDAY, [closure])
    assert result.open
    assert result.closed_intervals == intervals


def test_overlapping_partial_closures_merge() -> None:
    closures = [
        Closure(PLAIN_MONDAY, "yokohama", time(13), time(15), note="maintenance"),
        Closure(PLAIN_MONDAY, None, time(14), time(16), note="network"),
        Closure(PLAIN_MONDAY, "yokohama", time(17), time(18)),
    ]
    result = centre_day("yokohama", PLAIN_MONDAY, closures)
    assert result.closed_intervals == ((time(13), time(16)), (time(17), time(18)))
    assert result.note == "maintenance / network"


@pytest.mark.parametrize(
    "closures",
    [
        pytest.param([Closure(PLAIN_MONDAY, "yokohama", time(8), time(21))], id="one-wide"),
        pytest.param(
            [
                Closure(PLAIN_MONDAY, "yokohama", time(11, 30), time(15)),
                Closure(PLAIN_MONDAY, None, time(15), time(19, 30)),
            ],
            id="two-adjacent",
        ),
    ],
)
def test_partial_closures_covering_all_open_hours_close_the_day(closures: list[Closure]) -> None:
    result = centre_day("yokohama", PLAIN_MONDAY, closures)
    assert not result.open
    assert result.reason is ClosedReason.AD_HOC


def test_partial_closure_with_half_a_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="both start and end"):
        Closure(PLAIN_MONDAY, "yokohama", start=time(13))


def test_partial_closure_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(ValueError, match="end after it starts"):
        Closure(PLAIN_MONDAY, "yokohama", time(15), time(13))


@pytest.mark.parametrize(
    ("closure_centre", "centre", "expected"),
    [
        pytest.param(None, "yokohama", True, id="all-covers-a-centre"),
        pytest.param(None, CALL_CENTRE, False, id="all-spares-call-centre"),
        pytest.param("yokohama", "yokohama", True, id="same-centre"),
        pytest.param("yokohama", "kamiooka", False, id="other-centre"),
        pytest.param(CALL_CENTRE, CALL_CENTRE, True, id="call-centre"),
        pytest.param(CALL_CENTRE, "yokohama", False, id="call-centre-spares-centres"),
    ],
)
def test_closure_applies_to(closure_centre: str | None, centre: str, expected: bool) -> None:
    assert Closure(PLAIN_MONDAY, closure_centre).applies_to(centre) is expected


@pytest.mark.parametrize(
    ("day", "start", "expected"),
    [
        pytest.param(PLAIN_MONDAY, time(11, 29), False, id="weekday-11:29-before-opening"),
        pytest.param(PLAIN_MONDAY, time(11, 30), True, id="weekday-11:30-opening"),
        pytest.param(PLAIN_MONDAY, time(19, 15), True, id="weekday-19:15-last-reception"),
        pytest.param(PLAIN_MONDAY, time(19, 16), False, id="weekday-19:16-too-late"),
        pytest.param(PLAIN_MONDAY, time(19, 30), False, id="weekday-19:30-closing"),
        pytest.param(date(2026, 4, 11), time(8, 59), False, id="saturday-8:59"),
        pytest.param(date(2026, 4, 11), time(9), True, id="saturday-9:00"),
        pytest.param(date(2026, 4, 11), time(16, 45), True, id="saturday-16:45-last-reception"),
        pytest.param(date(2026, 4, 11), time(16, 46), False, id="saturday-16:46"),
        pytest.param(date(2026, 7, 20), time(9), True, id="holiday-monday-9:00"),
        pytest.param(date(2026, 7, 20), time(19, 15), False, id="holiday-monday-19:15"),
        pytest.param(PLAIN_WEDNESDAY, time(12), False, id="closed-wednesday"),
    ],
)
def test_bookable_times_run_from_opening_to_last_reception(
    day: date, start: time, expected: bool
) -> None:
    assert is_bookable_time(centre_day("yokohama", day), start) is expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        pytest.param(time(12, 45), True, id="before-closure"),
        pytest.param(time(13), False, id="closure-start"),
        pytest.param(time(14, 59), False, id="inside-closure"),
        pytest.param(time(15), True, id="closure-end"),
    ],
)
def test_times_inside_a_partial_closure_are_not_bookable(start: time, expected: bool) -> None:
    hours = centre_day("yokohama", PLAIN_MONDAY, [Closure(PLAIN_MONDAY, None, time(13), time(15))])
    assert is_bookable_time(hours, start) is expected


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        pytest.param(PLAIN_MONDAY, CALL_WEEKDAY, id="monday"),
        pytest.param(PLAIN_WEDNESDAY, CALL_WEEKDAY, id="wednesday"),
        pytest.param(date(2026, 4, 9), CALL_WEEKDAY, id="thursday"),
        pytest.param(date(2026, 4, 11), CALL_WEEKEND, id="saturday"),
        pytest.param(date(2026, 4, 19), CALL_WEEKEND, id="jlis-sunday"),
        pytest.param(date(2026, 7, 20), CALL_WEEKEND, id="holiday-monday"),
        pytest.param(date(2026, 4, 29), CALL_WEEKEND, id="holiday-wednesday"),
        pytest.param(date(2026, 12, 28), CALL_WEEKDAY, id="before-year-end"),
        pytest.param(date(2027, 1, 4), CALL_WEEKDAY, id="after-year-end"),
    ],
)
def test_call_centre_is_staffed_every_day_but_year_end(day: date, hours: tuple[time, time]) -> None:
    result = call_centre_day(day)
    assert result.open
    assert (result.opens, result.closes) == hours
    assert result.last_reception == result.closes


@pytest.mark.parametrize(
    ("day", "closures", "reason"),
    [
        pytest.param(date(2026, 12, 29), [], ClosedReason.YEAR_END, id="year-end-first-day"),
        pytest.param(date(2027, 1, 3), [], ClosedReason.YEAR_END, id="year-end-last-day"),
        pytest.param(
            PLAIN_MONDAY, [Closure(PLAIN_MONDAY, CALL_CENTRE)], ClosedReason.AD_HOC, id="named"
        ),
    ],
)
def test_call_centre_closes_at_year_end_and_on_named_days(
    day: date, closures: list[Closure], reason: ClosedReason
) -> None:
    result = call_centre_day(day, closures)
    assert not result.open
    assert result.reason is reason


def test_all_centres_closure_leaves_the_call_centre_staffed() -> None:
    assert call_centre_day(PLAIN_MONDAY, [Closure(PLAIN_MONDAY)]).open


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        pytest.param(tokyo(2026, 4, 6, 8, 29), False, id="monday-8:29"),
        pytest.param(tokyo(2026, 4, 6, 8, 30), True, id="monday-8:30"),
        pytest.param(tokyo(2026, 4, 6, 19, 59), True, id="monday-19:59"),
        pytest.param(tokyo(2026, 4, 6, 20, 0), False, id="monday-20:00"),
        pytest.param(tokyo(2026, 4, 8, 8, 30), True, id="wednesday-8:30"),
        pytest.param(tokyo(2026, 4, 9, 19, 59), True, id="thursday-19:59"),
        pytest.param(tokyo(2026, 4, 11, 8, 59), False, id="saturday-8:59"),
        pytest.param(tokyo(2026, 4, 11, 9, 0), True, id="saturday-9:00"),
        pytest.param(tokyo(2026, 4, 11, 17, 30), False, id="saturday-17:30"),
        pytest.param(tokyo(2026, 7, 20, 8, 30), False, id="holiday-monday-8:30"),
        pytest.param(tokyo(2026, 7, 20, 17, 29), True, id="holiday-monday-17:29"),
        pytest.param(tokyo(2026, 7, 20, 18, 0), False, id="holiday-monday-18:00"),
        pytest.param(tokyo(2026, 12, 30, 12, 0), False, id="year-end-noon"),
        pytest.param(datetime(2026, 4, 6, 23, 30, tzinfo=UTC), True, id="utc-is-tuesday-8:30"),
        pytest.param(datetime(2026, 4, 6, 11, 0, tzinfo=UTC), False, id="utc-is-monday-20:00"),
    ],
)
def test_call_centre_staffed_hours_in_tokyo_time(at: datetime, expected: bool) -> None:
    assert is_call_centre_staffed(at) is expected


def test_call_centre_is_not_staffed_during_its_partial_closure() -> None:
    closures = [Closure(PLAIN_MONDAY, CALL_CENTRE, time(12), time(13))]
    assert not is_call_centre_staffed(tokyo(2026, 4, 6, 12, 30), closures)
    assert is_call_centre_staffed(tokyo(2026, 4, 6, 13, 0), closures)


def test_call_centre_staffed_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        is_call_centre_staffed(datetime(2026, 4, 6, 12, 0))


@pytest.mark.parametrize(
    ("day", "business", "transport"),
    [
        pytest.param(date(2026, 4, 6), True, True, id="monday"),
        pytest.param(date(2026, 4, 7), True, True, id="tuesday"),
        pytest.param(date(2026, 4, 8), True, False, id="wednesday"),
        pytest.param(date(2026, 4, 9), True, False, id="thursday"),
        pytest.param(date(2026, 4, 10), True, True, id="friday"),
        pytest.param(date(2026, 4, 11), False, False, id="saturday"),
        pytest.param(date(2026, 4, 12), False, False, id="sunday"),
        pytest.param(date(2026, 7, 20), False, False, id="holiday-monday"),
        pytest.param(date(2026, 9, 22), False, False, id="citizens-holiday-tuesday"),
        pytest.param(date(2026, 4, 29), False, False, id="holiday-wednesday"),
        pytest.param(date(2026, 12, 28), True, True, id="monday-before-year-end"),
        pytest.param(date(2026, 12, 29), False, False, id="year-end-tuesday"),
        pytest.param(date(2026, 12, 31), False, False, id="year-end-thursday"),
        pytest.param(date(2027, 1, 1), False, False, id="new-year-friday"),
        pytest.param(date(2027, 1, 4), True, True, id="monday-after-year-end"),
    ],
)
def test_transport_runs_on_monday_tuesday_friday_business_days(
    day: date, business: bool, transport: bool
) -> None:
    assert is_ward_business_day(day) is business
    assert is_transport_day(day) is transport


def test_fy2026_business_and_transport_day_counts() -> None:
    days = fiscal_year_days(2026)
    # 261 weekdays - 17 weekday holidays - 3 year-end weekdays (12-29, 12-30, 12-31).
    assert sum(is_ward_business_day(d) for d in days) == 241
    # 156 Mon/Tue/Fri - 13 holidays on them - 12-29.
    assert sum(is_transport_day(d) for d in days) == 142


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 4, 7), date(2026, 4, 6), id="tuesday-to-monday"),
        pytest.param(date(2026, 4, 6), date(2026, 4, 3), id="monday-to-friday"),
        pytest.param(date(2026, 4, 10), date(2026, 4, 9), id="friday-to-thursday"),
        pytest.param(date(2026, 7, 21), date(2026, 7, 17), id="across-holiday-monday"),
        pytest.param(date(2026, 9, 24), date(2026, 9, 18), id="across-silver-week"),
        pytest.param(date(2027, 1, 4), date(2026, 12, 28), id="across-year-end"),
    ],
)
def test_previous_business_day_skips_weekends_holidays_and_year_end(
    day: date, expected: date
) -> None:
    assert previous_business_day(day) == expected


@pytest.mark.parametrize(
    ("transport_day", "expected"),
    [
        pytest.param(date(2026, 4, 7), tokyo(2026, 4, 6, 17), id="tuesday-cut-monday"),
        pytest.param(date(2026, 4, 6), tokyo(2026, 4, 3, 17), id="monday-cut-friday"),
        pytest.param(date(2026, 4, 10), tokyo(2026, 4, 9, 17), id="friday-cut-thursday"),
        pytest.param(date(2026, 7, 21), tokyo(2026, 7, 17, 17), id="tuesday-after-holiday"),
        pytest.param(date(2026, 9, 25), tokyo(2026, 9, 24, 17), id="friday-after-silver-week"),
        pytest.param(date(2027, 1, 4), tokyo(2026, 12, 28, 17), id="monday-after-year-end"),
    ],
)
def test_manifest_cutoff_is_17_on_the_previous_business_day(
    transport_day: date, expected: datetime
) -> None:
    cutoff = manifest_cutoff(transport_day)
    assert cutoff == expected
    assert cutoff.tzinfo is TOKYO


def test_manifest_cutoff_time_is_configurable() -> None:
    assert manifest_cutoff(date(2026, 4, 7), time(12)) == tokyo(2026, 4, 6, 12)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        pytest.param(tokyo(2026, 4, 6, 16, 59), date(2026, 4, 7), id="monday-16:59-tuesday"),
        pytest.param(tokyo(2026, 4, 6, 17, 0), date(2026, 4, 7), id="monday-17:00-tuesday"),
        pytest.param(tokyo(2026, 4, 6, 17, 1), date(2026, 4, 10), id="monday-17:01-friday"),
        pytest.param(tokyo(2026, 4, 9, 16, 59), date(2026, 4, 10), id="thursday-16:59-friday"),
        pytest.param(tokyo(2026, 4, 9, 17, 1), date(2026, 4, 13), id="thursday-17:01-monday"),
        pytest.param(tokyo(2026, 4, 11, 10, 0), date(2026, 4, 14), id="saturday-tuesday"),
        pytest.param(tokyo(2026, 7, 17, 16, 59), date(2026, 7, 21), id="before-holiday-monday"),
        pytest.param(tokyo(2026, 7, 17, 17, 1), date(2026, 7, 24), id="missed-before-holiday"),
        pytest.param(tokyo(2026, 12, 28, 16, 59), date(2027, 1, 4), id="before-year-end"),
        pytest.param(tokyo(2026, 12, 28, 17, 1), date(2027, 1, 5), id="missed-year-end"),
        pytest.param(datetime(2026, 4, 6, 7, 59, tzinfo=UTC), date(2026, 4, 7), id="utc-16:59"),
        pytest.param(datetime(2026, 4, 6, 8, 1, tzinfo=UTC), date(2026, 4, 10), id="utc-17:01"),
    ],
)
def test_earliest_transport_day_is_the_first_with_an_open_manifest(
    after: datetime, expected: date
) -> None:
    assert earliest_transport_day(after) == expected


def test_earliest_transport_day_honours_a_custom_cutoff() -> None:
    assert earliest_transport_day(tokyo(2026, 4, 6, 12, 1), time(12)) == date(2026, 4, 10)


def test_earliest_transport_day_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        earliest_transport_day(datetime(2026, 4, 6, 12, 0))


def test_fiscal_year_runs_from_april_to_march() -> None:
    days = fiscal_year_days(2026)
    assert (days[0], days[-1], len(days)) == (date(2026, 4, 1), date(2027, 3, 31), 365)
    assert len(fiscal_year_days(2027)) == 366  # 2028-02-29


def assert_consistent(hours: DayHours, *, reception_margin: timedelta) -> None:
    """Open days have ordered hours and no reason; closed days a reason and no hours."""
    assert hours.kind is day_kind(hours.day)
    if not hours.open:
        assert hours.reason is not None
        assert (hours.opens, hours.closes, hours.last_reception) == (None, None, None)
        return
    assert hours.reason is None
    assert hours.opens is not None and hours.closes is not None
    assert hours.last_reception is not None
    assert hours.opens < hours.last_reception <= hours.closes
    closing = datetime.combine(hours.day, hours.closes)
    assert datetime.combine(hours.day, hours.last_reception) == closing - reception_margin


def test_every_fy2026_day_is_consistent_for_centres_and_call_centre() -> None:
    for day in fiscal_year_days(2026):
        centre = centre_day("yokohama", day)
        call = call_centre_day(day)
        assert_consistent(centre, reception_margin=timedelta(minutes=15))
        assert_consistent(call, reception_margin=timedelta())
        assert call.open is not is_year_end(day)
        if centre.open:
            assert day.weekday() not in (2, 3)
            assert call.open
        if is_transport_day(day):
            assert manifest_cutoff(day).date() < day
