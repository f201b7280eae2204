"""What the phone front says in Korean (ko-KR)."""
# ruff: noqa: E501  (prompts read better unbroken)

from __future__ import annotations

from queues import sms_ko

CODE = "ko"
LANGUAGE = "ko-KR"
VOICE_SETTING = "twilio_voice_ko"
WEB_SETTING = "web_address_spoken_en"  # the address is said as its Latin letters are

WEEKDAYS = ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일")
MONTHS = ("1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월")
DATE = "{month} {day}일 {weekday}"
BIRTH_DATE = "{year}년 {month} {day}일"
PERIODS = {"am": "오전", "pm": "오후"}
TIME_ON_HOUR = "{period} {hour}시"
TIME_WITH_MINUTES = "{period} {hour}시 {minute}분"
NOON_HOUR = 12
DIGIT_SEPARATOR = ", "
LIST_SEPARATOR = ", "
CHOICE = "{what}: {key}번"
REFERENCE_GROUP = "; "

SERVICES = {
    "issue": "마이넘버 카드 수령",
    "cert": "전자증명서 발급·갱신",
    "pin": "비밀번호 변경·초기화",
    "surface": "카드 기재사항 갱신",
    "unlock": "일시정지 해제",
    "return": "카드 반납",
    "cancel-app": "신청 취소",
    "apply": "카드 신청 지원",
}

CENTERS = {
    "yokohama": "요코하마역 마이넘버 카드 특설센터",
    "center-kita": "센터키타역 마이넘버 카드 특설센터",
    "kamiooka": "가미오오카역 마이넘버 카드 특설센터",
    "futamatagawa": "후타마타가와역 마이넘버 카드 특설센터",
}

ADDRESSES = {
    "yokohama": "요코하마시 니시구 기타사이와이 1-4-1, 요코하마 덴리 빌딩 21층과 22층",
    "center-kita": "요코하마시 쓰즈키구 나카가와추오 1-30-1, 프리미어 요코하마 4층",
    "kamiooka": "요코하마시 고난구 가미오오카니시 1-18-3, 미오카리스토관 2층",
    "futamatagawa": "요코하마시 아사히구 후타마타가와 1-5-5, 후타마타가와 기타구치 제2빌딩 3층",
}

# What to bring: the same items the texts name (queues.sms_ko), in a sentence.
TEXTS = sms_ko
BRING_PHRASE = "준비물은 {items}입니다."

CLOSED_REASONS = {
    "jlis_maintenance": "전국 시스템 점검으로",
    "year_end": "연말연시로",
    "ad_hoc": "임시 휴관으로",
    "weekly_closure": "정기 휴일로",
    "not_open_yet": "예약 접수 시작 전이므로",
}

PROMPTS = {
    "welcome": "요코하마시 마이넘버 카드 전용 전화에 전화해 주셔서 감사합니다.",
    "language_offer": "한국어는 4번을 누르십시오.",
    "main_menu": "카드 수령 예약은 1번, 기타 절차는 2번, 예약 확인·변경·취소는 3번, 센터 안내는 4번, 방문 서비스는 5번, 상담원 연결은 0번을 눌러 주십시오.",
    "no_input": "입력이 확인되지 않았습니다.",
    "offer": "가장 빠른 예약 가능 시간은 {date} {time}입니다.",
    "offer_next": "다음 빈 시간은 {date} {time}입니다.",
    "offer_menu": "이 시간으로 예약하시려면 1번, 다음 빈 시간은 2번, 날짜를 지정하시려면 3번을 눌러 주십시오.",
    "past_day": "{date}은 이미 지났습니다.",
    "speech_unclear": "죄송합니다. 잘 듣지 못했습니다. 번호로 입력해 주십시오.",
    "held_booking": "이미 같은 절차의 예약이 있습니다. {details}",
    "held_menu": "예약 확인·변경은 1번, 메인 메뉴는 9번을 눌러 주십시오.",
    "arrival_rule": "예약 시간 5분 전까지 와 주십시오. 5분 이상 늦으시면 기다리시는 분이 먼저 안내될 수 있습니다.",
    "my_number_refused": "입력하신 12자리 번호는 마이넘버, 개인번호입니다. 개인번호는 받지 않습니다. 교부통지서에 적힌 {digits}자리 통지서 번호를 입력해 주십시오.",
    "wrong_key": "죄송합니다. 선택할 수 없는 번호입니다.",
    "handover_hint": "웹에서 예약을 계속할 수 있는 링크를 문자로 받으시려면 8번을 눌러 주십시오.",
    "handover_hint_entry": "웹에서 예약을 계속할 수 있는 링크를 문자로 받으시려면 8번과 우물정자를 눌러 주십시오.",
    "handover_sent": "지금까지 입력하신 내용으로 웹에서 예약을 계속할 수 있는 링크를 문자로 보내 드립니다. 전화로 계속하셔도 됩니다.",
    "handover_again": "문자는 이미 보내 드렸습니다. 링크를 여시면 지금까지 입력하신 내용이 표시됩니다.",
    "handover_mobile_only": "죄송합니다. 문자 안내는 휴대전화로 거신 경우에만 이용하실 수 있습니다.",
    "invalid_entry": "죄송합니다. 입력하신 내용을 확인할 수 없습니다.",
    "give_up": "죄송합니다. 전화로 절차를 마치지 못했습니다. 인터넷으로도 예약하실 수 있습니다. 주소는 {web}입니다.",
    "system_error": "죄송합니다. 시스템 장애로 지금은 접수할 수 없습니다. 잠시 후 다시 걸어 주시거나 {web}을 이용해 주십시오.",
    "goodbye": "전화해 주셔서 감사합니다. 안녕히 계십시오.",
    "confirm_entry": "{value}입니다. 맞으면 1번, 정정하시려면 2번을 눌러 주십시오.",
    "notice_prompt": "교부통지서에 적힌 {digits}자리 통지서 번호를 입력하고 마지막에 우물 정자를 눌러 주십시오.",
    "birth_prompt": "생년월일 8자리를 입력하고 마지막에 우물 정자를 눌러 주십시오. 예를 들어 1960년 5월 5일이면 19600505, 우물 정자입니다.",
    "birth_value": "생년월일 {birth}",
    "card_not_found": "입력하신 통지서 번호와 생년월일로는 수령 준비가 된 카드를 확인할 수 없습니다. 통지서 번호부터 다시 입력해 주십시오.",
    "card_centre": "카드 수령 장소는 {center}입니다. {date} 이후로 예약하실 수 있습니다.",
    "procedure_prompt": "절차를 선택해 주십시오. {choices}.",
    "center_prompt": "센터를 선택해 주십시오. 요코하마역은 1번, 센터키타역은 2번, 가미오오카역은 3번, 후타마타가와역은 4번입니다.",
    "party_prompt": "방문 인원을 1부터 {max}까지의 숫자로 눌러 주십시오.",
    "party": "{n}명",
    "party_one": "1명",
    "date_prompt": "희망 날짜를 월일 4자리로 입력하고 우물 정자를 눌러 주십시오. 예를 들어 6월 12일이면 0612, 우물 정자입니다. 날짜를 말씀하셔도 됩니다.",
    "not_open_day": "{date}은 아직 예약 접수를 시작하지 않았습니다. 다른 날을 선택해 주십시오.",
    "closed_day": "{date}은 {why} 휴관입니다.",
    "full_day": "{date}은 예약이 모두 찼습니다.",
    "outside_window": "{date}은 예약할 수 없습니다. 예약은 {horizon}일 앞까지 가능합니다.",
    "transport_late": "{date}까지 카드가 센터에 도착하지 않습니다.",
    "day_choices": "빈자리가 있는 가까운 날짜입니다. {choices}. 다른 날짜를 입력하시려면 0번을 눌러 주십시오.",
    "slot_choices": "빈자리가 있는 가까운 시간입니다. {choices}. 다른 날짜를 입력하시려면 0번을 눌러 주십시오.",
    "no_room": "죄송합니다. 지금은 예약 가능한 자리가 없습니다.",
    "time_prompt": "희망 시간을 24시간제 4자리로 입력하고 우물 정자를 눌러 주십시오. 그날 가장 빠른 시간은 0, 우물 정자입니다. 접수 시간은 {opens}부터 {last}까지입니다.",
    "not_a_time": "{time}은 예약 가능한 시간이 아닙니다.",
    "full_time": "{date} {time}은 예약이 모두 찼습니다.",
    "readback": "예약 내용은 {service}, {center}, {date} {time}, {party}입니다.",
    "readback_ask": "맞으면 1번, 처음부터 다시 하시려면 2번을 눌러 주십시오.",
    "booked": "예약이 완료되었습니다.",
    "reference_twice": "예약 번호는 {digits}입니다. 다시 한번, {digits}입니다.",
    "sms_will_send": "확인 문자 메시지를 휴대전화로 보내 드립니다.",
    "sms_hidden": "발신번호 표시 제한으로 문자 메시지를 보낼 수 없습니다. 예약 번호를 적어 두십시오.",
    "sms_not_mobile": "이 전화로는 문자 메시지를 보낼 수 없습니다. 예약 번호를 적어 두십시오.",
    "after_booked": "예약 번호를 다시 들으시려면 별표를 눌러 주십시오.",
    "anything_else": "메인 메뉴로 돌아가시려면 1번을 눌러 주십시오. 종료하시려면 그대로 끊어 주십시오.",
    "already_booked": "이미 같은 절차의 예약이 있습니다. 확인·변경은 메인 메뉴의 3번에서 해 주십시오.",
    "booking_failed": "죄송합니다. 예약을 완료하지 못했습니다.",
    "reference_prompt": "10자리 예약 번호를 입력하고 우물 정자를 눌러 주십시오.",
    "booking_not_found": "입력하신 예약 번호와 생년월일에 맞는 예약을 찾을 수 없습니다. 예약 번호부터 다시 입력해 주십시오.",
    "details": "예약 내용은 {service}, {center}, {date} {time}, {party}입니다.",
    "details_cancelled": "이 예약은 이미 취소되었습니다.",
    "details_used": "이 예약은 이미 이용하셨거나 시간이 지나 변경이나 취소를 할 수 없습니다.",
    "manage_menu": "예약 내용을 들으시려면 1번, 날짜·시간 변경은 2번, 예약 취소는 3번, 메인 메뉴는 9번을 눌러 주십시오.",
    "change_readback": "변경 후 예약은 {center}, {date} {time}입니다. 맞으면 1번, 다시 선택하시려면 2번을 눌러 주십시오.",
    "changed": "예약 날짜와 시간을 변경했습니다.",
    "cancel_ask": "{date} {time} 예약을 취소합니다. 취소하시려면 1번, 취소하지 않으시려면 2번을 눌러 주십시오.",
    "cancelled": "예약을 취소했습니다.",
    "not_cancelled": "예약을 취소하지 않았습니다.",
    "booking_past": "시간이 지난 예약은 전화로 변경할 수 없습니다.",
    "info_prompt": "안내를 원하시는 센터를 선택해 주십시오. 요코하마역은 1번, 센터키타역은 2번, 가미오오카역은 3번, 후타마타가와역은 4번입니다.",
    "info_centre": "{center}. {today}주소는 {address}입니다. 평일 오전 11시 30분부터 오후 7시 30분까지, 주말과 공휴일은 오전 9시부터 오후 5시까지이며, 수요일과 목요일은 휴관입니다.",
    "info_closures": "그 밖에 2주 이내의 휴관일은 {days}입니다.",
    "info_open_today": "오늘은 개관합니다. ",
    "info_closed_today": "오늘은 휴관이며, 다음 개관일은 {date}입니다. ",
    "info_more": "다시 들으시려면 1번, 다른 센터는 2번, 메인 메뉴는 9번을 눌러 주십시오.",
    "visit_intro": "자택이나 시설 방문에 의한 신청 지원과 카드 교부는 담당자가 장소와 일시를 확인한 후 접수합니다.",
    "visit_menu": "담당자와 통화하시려면 1번, 다시 전화를 원하시면 2번, 신청하신 방문의 상황 확인은 3번, 메인 메뉴는 9번을 눌러 주십시오.",
    "visit_receipt_prompt": "8자리 접수 번호를 입력하고 우물 정자를 눌러 주십시오.",
    "visit_not_found": "입력하신 접수 번호와 생년월일에 맞는 신청을 찾을 수 없습니다. 접수 번호부터 다시 입력해 주십시오.",
    "visit_state_requested": "신청을 접수했습니다. 담당자가 방문 일정을 조정하고 있으며, 정해지면 연락드리겠습니다.",
    "visit_state_scheduled": "방문일은 {day} 오후로 정해졌습니다. 시 직원이 함께 방문합니다.",
    "visit_state_done": "{day} 방문은 완료되었습니다.",
    "visit_state_not_at_home": "{day}에 방문했으나 부재중이셨습니다. 담당자가 다시 연락드리겠습니다.",
    "visit_state_cancelled": "이 신청은 취소되었습니다.",
    "to_operator": "상담원에게 연결해 드리겠습니다. 잠시만 기다려 주십시오.",
    "queue_wait": "지금은 전화가 매우 혼잡합니다. 순서대로 연결해 드리니 잠시만 기다려 주십시오.",
    "queue_position": "지금 {n}번째로 기다리고 계십니다.",
    "queue_estimate": "약 {minutes}분 후에 연결될 예정입니다.",
    "queue_estimate_one": "약 1분 후에 연결될 예정입니다.",
    "queue_star": "다시 전화를 원하시면 별표를 눌러 주십시오. 기다리신 순서대로 {number}에서 전화드립니다.",
    "queue_callback_kept": "다시 전화 요청을 접수했습니다. 순서가 되면 전화드리겠습니다.",
    "queue_callback_hidden": "발신번호 표시 제한으로 다시 전화드릴 수 없습니다. 그대로 기다려 주십시오.",
    "queue_left": "죄송합니다. 지금은 상담원에게 연결할 수 없습니다.",
    "outside_hours": "지금은 상담원 응대 시간이 아닙니다.",
    "hours_notice": "지금은 상담원 응대 시간이 아닙니다. 자동 안내로 예약하실 수 있습니다.",
    "nobody_on_duty": "죄송합니다. 지금은 상담원이 전화를 받을 수 없습니다.",
    "staffed_hours": "상담원 응대 시간은 평일 오전 8시 30분부터 오후 8시까지, 주말과 공휴일은 오전 9시부터 오후 5시 30분까지입니다. 12월 29일부터 1월 3일까지는 쉽니다.",
    "callback_offer": "상담원의 다시 전화를 원하시면 1번, 메인 메뉴는 9번을 눌러 주십시오.",
    "callback_number_prompt": "발신번호 표시 제한으로 걸려 왔으므로, 다시 전화드릴 번호를 지역번호부터 입력하고 우물 정자를 눌러 주십시오.",
    "callback_number_value": "전화번호 {digits}",
    "callback_taken": "다시 전화 요청을 접수했습니다. 상담원 응대 시간 내에 순서대로 전화드리겠습니다.",
    "notice_reminder": "요코하마시 마이넘버 카드 전용 전화입니다. {date} {time}, {center}의 예약 안내입니다. 절차는 {service}입니다. 5분 전까지 와 주십시오.",
    "notice_reminder_menu": "예약대로 오시면 1번, 예약 취소는 2번, 상담원 연결은 0번, 다시 들으시려면 별표를 눌러 주십시오.",
    "notice_closure": "요코하마시 마이넘버 카드 전용 전화입니다. 대단히 죄송합니다. {date} {time} 예약일에 {center}이 임시 휴관하게 되었습니다.",
    "notice_closure_menu": "상담원이 시간 변경을 도와드리니 1번을 눌러 주십시오. 예약 취소는 2번, 다시 들으시려면 별표를 눌러 주십시오.",
    "notice_kept": "감사합니다. 방문을 기다리겠습니다.",
    "notice_cancel_confirm": "예약을 취소합니다. 취소하시려면 1번, 취소하지 않으시려면 2번을 눌러 주십시오.",
    "notice_not_active": "이 예약은 이미 변경 또는 취소되었습니다.",
    "closure_for_caller": "고객님의 {date} {time} {center} 예약은 임시 휴관으로 변경이 필요합니다. 다음 메뉴에서 3번을 눌러 변경해 주십시오.",
}
