"""Text messages to residents, in Korean."""

from __future__ import annotations

from booking_core.what_to_bring import WHAT_TO_BRING

WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")
DATE = "{month}월 {day}일({weekday}) {hour}:{minute:02d}"
BOOKING_CONFIRMATION = (
    "요코하마시 마이넘버카드: 예약이 확정되었습니다. 예약번호:{reference} 일시:{when} "
    "장소:{center} 절차:{service}. 준비물: {bring}. 예약 시간 5분 전까지 와 주십시오. "
    "확인·변경·취소는 {web} 또는 {line}."
)
BOOKING_CHANGE = (
    "요코하마시 마이넘버카드: 예약 일시가 변경되었습니다. 예약번호:{reference} "
    "새 일시:{when} 장소:{center} 절차:{service}. 확인·변경·취소는 {web} 또는 {line}."
)
BOOKING_CANCELLATION = (
    "요코하마시 마이넘버카드: 예약이 취소되었습니다. 예약번호:{reference} "
    "취소된 일시:{when} 장소:{center} 절차:{service}. 다시 예약하시려면 {web} 또는 {line}."
)
BOOKING_CLOSURE = (
    "요코하마시 마이넘버카드: 죄송합니다. 예약하신 {when}에 {center}이(가) 임시 휴무합니다. "
    "예약번호:{reference} 아래 링크에서 일시를 변경해 주십시오({expires}까지 유효): {rebook} "
    "전화: {line}"
)
BOOKING_REMINDER = (
    "요코하마시 마이넘버카드: {when} {center} 예약 안내입니다. 예약번호:{reference} "
    "절차:{service} 준비물: {bring}. 예약 시간 5분 전까지 와 주십시오. 5분 이상 늦으시면 "
    "기다리시는 분을 먼저 안내합니다. 변경·취소: {web} 또는 {line}"
)
EXPIRES = "{month}월 {day}일"
BRING = WHAT_TO_BRING["ko"]  # the same words the web and the phone line use
# A booking begun on the phone, continued on the web (key 8; booking_core.phone_handover).
PHONE_HANDOVER = (
    "[요코하마시 마이넘버카드] 전화로 입력하신 내용으로 "
    "웹에서 예약을 계속하실 수 있습니다(24시간 유효). "
    "{link} 예약은 아직 확정되지 않았습니다."
)
