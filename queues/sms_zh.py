"""Text messages to residents, in Chinese (simplified)."""

from __future__ import annotations

from booking_core.what_to_bring import WHAT_TO_BRING

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
DATE = "{month}月{day}日({weekday}) {hour}:{minute:02d}"
BOOKING_CONFIRMATION = (
    "横滨市个人编号卡：您的预约已确认。预约号:{reference} 时间:{when} 地点:{center} "
    "手续:{service}。请携带：{bring}。请在预约时间5分钟前到达。"
    "确认、变更或取消请访问 {web} 或致电 {line}。"
)
BOOKING_CHANGE = (
    "横滨市个人编号卡：您的预约时间已变更。预约号:{reference} 新时间:{when} 地点:{center} "
    "手续:{service}。确认、变更或取消请访问 {web} 或致电 {line}。"
)
BOOKING_CANCELLATION = (
    "横滨市个人编号卡：您的预约已取消。预约号:{reference} 原时间:{when} 地点:{center} "
    "手续:{service}。重新预约请访问 {web} 或致电 {line}。"
)
BOOKING_CLOSURE = (
    "横滨市个人编号卡：非常抱歉，{center}在您预约的时间（{when}）临时停业。"
    "请通过以下链接更改预约号 {reference} 的时间（{expires}前有效）：{rebook} 或致电 {line}。"
)
BOOKING_REMINDER = (
    "横滨市个人编号卡：提醒您{when}在{center}的预约。预约号:{reference} 手续:{service} "
    "请携带：{bring}。请在预约时间5分钟前到达；迟到5分钟以上时，将先为等候的人士办理。"
    "变更或取消请访问 {web} 或致电 {line}。"
)
EXPIRES = "{month}月{day}日"
BRING = WHAT_TO_BRING["zh"]  # the same words the web and the phone line use
# A booking begun on the phone, continued on the web (key 8; booking_core.phone_handover).
PHONE_HANDOVER = (
    "【横滨市个人编号卡】您可以用电话中输入的内容在网上继续预约（24小时内有效）："
    "{link} 预约尚未完成。"
)
