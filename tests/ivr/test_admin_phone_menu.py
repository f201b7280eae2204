"""The phone menu as administrators set it: procedures' keys and names, days not yet open."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select

from booking_core.admin_reference import ProcedureChange, update_procedure
from booking_core.calendar import TOKYO
from booking_core.models import Booking
from booking_core.policy import Actor

ADMIN = Actor.staff("admin1", "admin")


def test_a_procedure_booked_by_the_key_an_administrator_gave_it(phone, runtime, clock):
    change = ProcedureChange("電子証明書の更新", "E-certificate renewal", ("web", "phone"), "9")
    update_procedure(runtime.uow(), code="cert", change=change, now=clock.now(), actor=ADMIN)
    keys = ["1", "2", "9", "1", "19600505#", "2", "3", "1106#", "1400#", "1"]
    said = " ".join(phone.ring(keys).said())
    with runtime.uow() as uow:
        booked = uow.session.execute(select(Booking.service_code, Booking.start)).all()
    assert "電子証明書の更新は9" in said and "電子証明書の発行・更新は1" not in said
    assert booked == [("cert", time(14, 0))]


def test_a_procedure_closed_to_the_phone_is_not_offered(phone, runtime, clock):
    change = ProcedureChange("暗証番号の変更・初期化", "PIN change or reset", ("web",), None)
    update_procedure(runtime.uow(), code="pin", change=change, now=clock.now(), actor=ADMIN)
    said = " ".join(phone.ring(["1", "2", "2"]).said())
    assert "暗証番号の変更・初期化は2" not in said and "その番号はお選びいただけません" in said


def test_a_day_no_capacity_plan_covers_is_said_to_be_not_open_yet(phone, clock):
    clock.set(datetime(2027, 3, 20, 9, 0, tzinfo=TOKYO))
    keys = ["1", "2", "1", "1", "19600505#", "2", "3", "0402#"]
    said = " ".join(phone.ring(keys).said())
    assert "4月2日 金曜日は、まだご予約の受付を開始していません" in said
