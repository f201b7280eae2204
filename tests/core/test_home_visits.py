"""Home visits: one request from any channel, its every move, the card carried to the door,
the texts owed, the figures."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from booking_core import custody, visit_notices
from booking_core.bookings import create_booking
from booking_core.calendar import TOKYO
from booking_core.errors import AlreadyBooked, CardNotReady, InvalidRequest, NotBookable, NotFound
from booking_core.home_visits import (
    HomeVisitRequest,
    VisitRefused,
    open_requests,
    request_for_residents,
    request_status,
)
from booking_core.models import AuditEvent, CardCustodyEvent, Notification
from booking_core.policy import Actor
from booking_core.visit_cards import hand_card_to_team
from booking_core.visit_figures import month_figures
from booking_core.visit_life import record_outcome, schedule_visit, set_route_order
from booking_core.visit_models import HomeVisit
from booking_core.visit_rounds import day_rounds
from booking_core.visit_teams import add_city_staff, add_team
from tests.core.conftest import COORDINATOR

FRIDAY = date(2026, 11, 6)  # a weekday the yokohama centre is open: six visit places
NOTICE, BIRTH = "123456789", date(1950, 4, 1)


@pytest.fixture
def schedule(runtime, clock, visit_team, city_member):
    """Schedule a request on FRIDAY with the default team and city staff member."""

    def run(reference: str, **overrides):
        values = {"day": FRIDAY, "team_id": visit_team.team_id,
                  "city_staff_id": city_member.staff_id}  # fmt: skip
        values.update(overrides)
        return schedule_visit(runtime.uow(), reference=reference, now=clock.now(),
                              actor=COORDINATOR, policy=runtime.policy, **values)  # fmt: skip

    return run


def _on_the_day(clock) -> None:
    clock.set(datetime(2026, 11, 6, 15, 0, tzinfo=TOKYO))


def _outcome(runtime, clock, reference: str, outcome: str, reason: str = ""):
    return record_outcome(runtime.uow(), reference=reference, outcome=outcome, reason=reason,
                          now=clock.now(), actor=COORDINATOR)  # fmt: skip


def test_a_request_knows_its_area_postcode_and_what_to_prepare(visit_request):
    made = visit_request()
    assert (made.status, made.ward_id, made.postcode) == ("requested", "nishi", "2200004")
    assert made.documents == ("identity_documents", "application_form", "notification_card")


def test_a_home_issuance_needs_a_card_on_the_ready_list(visit_request, ready_card):
    with pytest.raises(CardNotReady):
        visit_request(service="visit-issue", notice_number=NOTICE, birth_date=BIRTH)
    ready_card(ward_id="kanagawa")
    made = visit_request(service="visit-issue", notice_number=NOTICE, birth_date=BIRTH)
    assert made.ward_id == "kanagawa"  # the card's ward, wherever the address is
    with pytest.raises(AlreadyBooked):
        visit_request(service="visit-issue", notice_number=NOTICE, birth_date=BIRTH)


def test_a_request_refuses_bad_fields_and_a_my_number(visit_request):
    with pytest.raises(InvalidRequest) as refused:
        visit_request(service="issue", access_notes="123456789018", reason="lazy")
    assert refused.value.fields == {"service": "invalid", "access_notes": "my_number",
                                    "reason": "invalid"}  # fmt: skip


def test_a_facility_list_is_taken_whole_or_refused_by_line(runtime, clock):
    person = {"service": "visit-apply", "kana": "ケア タロウ", "phone": "0452001234",
              "address": "横浜市港南区上大岡西1-1 ケアホーム港南", "facility": "ケアホーム港南",
              "reason": "care_facility"}  # fmt: skip
    staff = Actor.staff("agent1")
    good = [HomeVisitRequest(name=f"入居者{i}", birth_date=date(1930, 1, i + 1), **person)
            for i in range(3)]  # fmt: skip
    with pytest.raises(InvalidRequest) as refused:
        bad = HomeVisitRequest(name="", birth_date=date(1931, 1, 1), **person)
        request_for_residents(runtime.uow(), [*good, bad], now=clock.now(), actor=staff)
    assert refused.value.fields == {"4.name": "required"}
    made = request_for_residents(runtime.uow(), good, now=clock.now(), actor=staff)
    assert {m.ward_id for m in made} == {"konan"}
    listed = open_requests(runtime.uow(), status="requested", ward_id="konan", now=clock.now(),
                           actor=COORDINATOR)  # fmt: skip
    assert [v.reference for v in listed] == [m.reference for m in made]


def test_scheduling_fixes_the_day_and_owes_one_text(runtime, clock, visit_request, schedule):
    made = visit_request()
    fixed = schedule(made.reference)
    assert (fixed.status, fixed.day, fixed.texted) == ("scheduled", FRIDAY, True)
    with runtime.uow() as uow:
        kinds = list(uow.session.scalars(select(Notification.kind)))
    assert len(kinds) == 1 and kinds[0].startswith(visit_notices.SCHEDULED_PREFIX)
    shown = request_status(runtime.uow(), reference=made.reference, birth_date=date(1938, 3, 3),
                           now=clock.now(), actor=Actor.resident("api"))  # fmt: skip
    assert (shown.status, shown.visit_day) == ("scheduled", FRIDAY)


def test_a_landline_is_owed_no_text(runtime, visit_request, schedule):
    assert schedule(visit_request(phone="+81452001234").reference).texted is False


def test_no_visit_goes_without_a_city_staff_member(visit_request, schedule):
    with pytest.raises(InvalidRequest) as refused:
        schedule(visit_request().reference, city_staff_id=None)
    assert refused.value.fields == {"city_staff": "required"}


def test_a_team_has_one_city_staff_member_a_day(runtime, clock, visit_request, schedule):
    schedule(visit_request().reference)
    other = add_city_staff(runtime.uow(), name="市役所 二郎", section="", now=clock.now(),
                           actor=COORDINATOR)  # fmt: skip
    with pytest.raises(InvalidRequest) as refused:
        schedule(visit_request(kana="ベツ").reference, city_staff_id=other.staff_id)
    assert refused.value.fields == {"city_staff": "team_has_another_city_staff"}


def test_a_team_makes_only_its_visits_a_day(visit_request, schedule):
    for n in range(3):
        schedule(visit_request(kana=f"カナ{n}").reference)
    with pytest.raises(NotBookable) as refused:
        schedule(visit_request(kana="ヨッツメ").reference)
    assert refused.value.reason == "team_full"


def test_the_centre_visit_places_of_the_plan_bound_every_team(
    runtime, clock, visit_request, schedule, city_member
):
    teams = [add_team(runtime.uow(), name=f"横浜{n}", center_id="yokohama", operators="A",
                      daily_visits=6, now=clock.now(), actor=COORDINATOR)
             for n in (1, 2)]  # fmt: skip
    people = add_city_staff(runtime.uow(), name="市役所 三郎", section="", now=clock.now(),
                            actor=COORDINATOR)  # fmt: skip
    for n in range(6):
        schedule(visit_request(kana=f"カナ{n}").reference, team_id=teams[0].team_id)
    with pytest.raises(NotBookable) as refused:
        schedule(visit_request(kana="ナナ").reference, team_id=teams[1].team_id,
                 city_staff_id=people.staff_id)  # fmt: skip
    assert refused.value.reason == "no_visit_capacity"


@pytest.mark.parametrize(("day", "reason"), [
    (date(2026, 11, 4), "no_visits_that_day"),  # a Wednesday: centres closed
    (date(2026, 11, 2), "past_or_today"),
    (date(2027, 3, 1), "beyond_horizon"),
])  # fmt: skip
def test_a_visit_day_must_have_visit_places_and_be_ahead(visit_request, schedule, day, reason):
    with pytest.raises(NotBookable) as refused:
        schedule(visit_request().reference, day=day)
    assert refused.value.reason == reason


def test_a_done_visit_hands_the_card_from_ward_to_team_to_resident(
    runtime, clock, ready_card, visit_request, schedule, visit_team
):
    team = visit_team.team_id
    ready_card()
    made = visit_request(service="visit-issue", notice_number=NOTICE, birth_date=BIRTH)
    schedule(made.reference)
    _on_the_day(clock)
    with pytest.raises(CardNotReady):  # the team has not taken the card yet
        _outcome(runtime, clock, made.reference, "done")
    state = hand_card_to_team(runtime.uow(), reference=made.reference, now=clock.now(),
                              actor=COORDINATOR)  # fmt: skip
    assert state == custody.WITH_TEAM
    assert _outcome(runtime, clock, made.reference, "done").status == "done"
    with runtime.uow() as uow:
        moves = [(e.event, e.place) for e in uow.session.scalars(select(CardCustodyEvent))]
    assert moves == [("handed_to_team", "nishi"), ("issued_at_home", f"visit-team:{team}")]


def test_a_card_comes_back_to_its_ward_when_nobody_was_home(
    runtime, clock, ready_card, visit_request, schedule
):
    ready_card()
    made = visit_request(service="visit-issue", notice_number=NOTICE, birth_date=BIRTH)
    schedule(made.reference)
    hand_card_to_team(runtime.uow(), reference=made.reference, now=clock.now(), actor=COORDINATOR)
    _on_the_day(clock)
    assert _outcome(runtime, clock, made.reference, "not_at_home").status == "not_at_home"
    with runtime.uow() as uow:
        assert custody.card(uow.session, NOTICE).status == custody.BACK_AT_WARD
    clock.set(clock.now() + timedelta(days=1))
    again = schedule(made.reference, day=date(2026, 11, 9))  # tried again another day
    assert again.status == "scheduled"


def test_postponed_goes_back_to_the_queue_with_its_reason(runtime, clock, visit_request, schedule):
    made = visit_request()
    schedule(made.reference)
    with pytest.raises(InvalidRequest):
        _outcome(runtime, clock, made.reference, "postponed")
    back = _outcome(runtime, clock, made.reference, "postponed", "入院のため")
    assert (back.status, back.visit_day, back.team_id, back.note) == (
        "requested", None, None, "入院のため")  # fmt: skip
    with runtime.uow() as uow:
        kind = uow.session.scalar(select(Notification.kind)) or ""
        visit = uow.session.scalar(select(HomeVisit))
        assert visit_notices.why_not_due(kind, visit, uow.session) == "not_scheduled"


def test_done_is_refused_before_the_day_and_cancelled_is_final(
    runtime, clock, visit_request, schedule
):
    made = visit_request()
    schedule(made.reference)
    with pytest.raises(VisitRefused):
        _outcome(runtime, clock, made.reference, "done")
    assert _outcome(runtime, clock, made.reference, "cancelled", "ご本人から").status == "cancelled"
    with pytest.raises(VisitRefused) as refused:
        schedule(made.reference)
    assert refused.value.state == "cancelled"


def test_each_move_is_audited(runtime, clock, visit_request, schedule):
    made = visit_request()
    schedule(made.reference)
    _outcome(runtime, clock, made.reference, "postponed", "体調不良")
    _outcome(runtime, clock, made.reference, "cancelled", "取下げ")
    with runtime.uow() as uow:
        actions = list(uow.session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == made.reference)
            .order_by(AuditEvent.id)))  # fmt: skip
    assert actions == ["home_visit.request", "home_visit.schedule", "home_visit.postponed",
                       "home_visit.cancelled"]  # fmt: skip


def test_the_day_rounds_group_by_ward_in_manual_then_postcode_order(
    runtime, clock, visit_request, schedule
):
    a = visit_request(kana="ア", address="〒220-0012 横浜市西区みなとみらい1")
    b = visit_request(kana="イ", address="〒220-0004 横浜市西区北幸2")
    c = visit_request(kana="ウ", address="〒221-0835 横浜市神奈川区鶴屋町1")
    for made in (a, b, c):
        schedule(made.reference)
    rounds = day_rounds(runtime.uow(), day=FRIDAY, team_id=None, now=clock.now(),
                        actor=COORDINATOR)  # fmt: skip
    order = [[s.visit.reference for s in w.stops] for w in rounds[0].wards]
    assert [w.ward_id for w in rounds[0].wards] == ["kanagawa", "nishi"]
    assert order == [[c.reference], [b.reference, a.reference]]
    assert rounds[0].city_staff == "市役所 一郎"
    set_route_order(runtime.uow(), reference=a.reference, position=1, now=clock.now(),
                    actor=COORDINATOR)  # fmt: skip
    again = day_rounds(runtime.uow(), day=FRIDAY, team_id=None, now=clock.now(),
                       actor=COORDINATOR)  # fmt: skip
    assert [s.visit.reference for s in again[0].wards[1].stops] == [a.reference, b.reference]


def test_the_month_figures_count_requests_and_outcomes_by_service(
    runtime, clock, visit_request, schedule
):
    done, away = visit_request(kana="ア"), visit_request(kana="イ")
    schedule(done.reference)
    schedule(away.reference)
    _on_the_day(clock)
    _outcome(runtime, clock, done.reference, "done")
    _outcome(runtime, clock, away.reference, "not_at_home")
    figures = month_figures(runtime.uow(), year=2026, month=11)
    expected = {"requested": 2, "scheduled": 2, "done": 1, "not_at_home": 1, "postponed": 0}
    assert figures.total("visit-apply") == expected | {"cancelled": 0}
    assert figures.days[FRIDAY]["visit-apply"]["done"] == 1


def test_a_wrong_birth_date_finds_no_request(runtime, clock, visit_request):
    made = visit_request()
    with pytest.raises(NotFound):
        request_status(runtime.uow(), reference=made.reference, birth_date=date(1938, 3, 4),
                       now=clock.now(), actor=Actor.resident("api"))  # fmt: skip


def test_reminders_are_owed_once_the_day_before(runtime, clock, visit_request, schedule):
    schedule(visit_request().reference)
    thursday = datetime(2026, 11, 5, 10, 0, tzinfo=TOKYO)
    day = visit_notices.reminder_day(thursday)
    assert visit_notices.owe_visit_reminders(runtime.uow(), day=day, now=thursday) == 1
    assert visit_notices.owe_visit_reminders(runtime.uow(), day=day, now=thursday) == 0


def test_a_card_to_be_handed_over_at_home_cannot_be_booked_at_a_centre(
    runtime, clock, ready_card, visit_request, booking_request
):
    ready_card()
    visit_request(service="visit-issue", notice_number=NOTICE, birth_date=BIRTH)
    monday = {"day": date(2026, 11, 9), "start": time(14, 0)}
    centre = booking_request(service="issue", center=None, notice_number=NOTICE,
                             birth_date=BIRTH, **monday)  # fmt: skip
    with pytest.raises(AlreadyBooked):
        create_booking(runtime.uow(), centre, now=clock.now(), actor=Actor.resident("web"),
                       policy=runtime.policy)  # fmt: skip
