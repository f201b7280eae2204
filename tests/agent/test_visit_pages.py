"""Home-visit screens: who may open them, and the agent's intake of one or a facility's list."""

from __future__ import annotations

from sqlalchemy import select

from booking_core import visit_teams
from booking_core.visit_models import HomeVisit

ONE = {"service": "visit-apply", "name": "横浜 ハル", "kana": "ヨコハマ ハル",
       "birth_date": "1938-03-03", "phone": "045-200-1234", "reason": "bedridden",
       "address": "横浜市中区本町6-50-10", "facility": "", "access_notes": ""}  # fmt: skip


def _requests(runtime) -> list[tuple[str, str]]:
    with runtime.uow() as uow:
        return [
            (v.name, v.channel)
            for v in uow.session.scalars(select(HomeVisit).order_by(HomeVisit.id))
        ]


def test_an_agent_takes_a_request_but_cannot_open_the_coordinator_screens(
    client, page_login, runtime
):
    token = page_login("agent1", role="agent")
    assert client.get("/console/visits/new").status_code == 200
    for path in ("/console/visits", "/console/visits/day", "/console/visits/people"):
        assert client.get(path).status_code == 403
    refused = client.post("/console/visits/00000000/schedule", data={"csrf_token": token})
    assert refused.status_code == 403
    taken = client.post("/console/visits/new", data=ONE | {"csrf_token": token},
                        follow_redirects=True)  # fmt: skip
    assert "で受け付けました" in taken.get_data(as_text=True)
    assert _requests(runtime) == [("横浜 ハル", "visits")]


def test_a_facility_list_is_taken_whole_or_not_at_all(client, page_login, runtime):
    token = page_login("sv1", role="supervisor")
    shared = {"facility": "ケアホーム港南", "address": "横浜市港南区上大岡西1-6-1",
              "phone": "045-200-1234", "reason": "care_facility", "access_notes": "",
              "csrf_token": token}  # fmt: skip
    bad = "\n".join(("港南 一郎,コウナン イチロウ,1930-01-01,visit-apply",
                     "港南 二郎,コウナン ジロウ,1930-13-01,visit-apply"))  # fmt: skip
    refused = client.post("/console/visits/new/facility", data=shared | {"residents": bad},
                          follow_redirects=True)  # fmt: skip
    assert "2.birth_date: invalid_date" in refused.get_data(as_text=True)
    assert _requests(runtime) == []
    good = bad.replace("1930-13-01", "1930-12-01")
    taken = client.post("/console/visits/new/facility", data=shared | {"residents": good},
                        follow_redirects=True)  # fmt: skip
    assert "2名分を受け付けました" in taken.get_data(as_text=True)
    assert [name for name, _ in _requests(runtime)] == ["港南 一郎", "港南 二郎"]


def test_a_my_number_in_the_form_is_refused_and_not_kept(client, page_login, runtime):
    token = page_login("agent1", role="agent")
    number = {"access_notes": "123456789018", "csrf_token": token}
    reply = client.post("/console/visits/new", data=ONE | number)
    assert reply.status_code == 422 and _requests(runtime) == []


def test_the_console_books_no_visit_into_a_slot_and_points_to_the_intake(client, page_login):
    csrf = page_login("aoki")
    page = client.get("/console/").get_data(as_text=True)
    assert 'value="visit-apply"' not in page and "訪問の受付" in page
    reply = client.post(
        "/console/bookings/new",
        data={"csrf_token": csrf, "service": "visit-apply", "center": "yokohama",
              "day": "2026-11-09", "start": "13:00", "birth_date": "1938-03-03",
              "phone": "090-1234-5678", "name": "横浜 ハル"},
        follow_redirects=True,
    )  # fmt: skip
    assert "「訪問の受付」からお申込みとして承ります" in reply.get_data(as_text=True)


def test_a_city_staff_member_is_taken_off_the_list_on_the_screen(client, page_login, runtime):
    token = page_login("sv1", role="supervisor")
    client.post("/console/visits/people/city-staff",
                data={"name": "市役所 一郎", "section": "", "csrf_token": token})  # fmt: skip
    [member] = visit_teams.city_staff(runtime.uow())
    off = {"active": "0", "csrf_token": token}
    path = f"/console/visits/people/city-staff/{member.staff_id}/active"
    reply = client.post(path, data=off, follow_redirects=True)
    assert "名簿から外れています" in reply.get_data(as_text=True)
    assert visit_teams.city_staff(runtime.uow(), active_only=True) == []
