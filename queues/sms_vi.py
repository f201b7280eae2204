"""Text messages to residents, in Vietnamese."""

from __future__ import annotations

from booking_core.what_to_bring import WHAT_TO_BRING

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
DATE = "{weekday} {day}/{month} {hour}:{minute:02d}"
BOOKING_CONFIRMATION = (
    "Thẻ My Number thành phố Yokohama: lịch hẹn của bạn đã được xác nhận. Mã {reference}, "
    "{when}, {center}, {service}. Vui lòng mang theo: {bring}. Hãy đến trước 5 phút. "
    "Kiểm tra, đổi hoặc hủy: {web} hoặc gọi {line}."
)
BOOKING_CHANGE = (
    "Thẻ My Number thành phố Yokohama: lịch hẹn của bạn đã được đổi. Mã {reference}, thời gian "
    "mới {when}, {center}, {service}. Kiểm tra, đổi hoặc hủy: {web} hoặc gọi {line}."
)
BOOKING_CANCELLATION = (
    "Thẻ My Number thành phố Yokohama: lịch hẹn mã {reference} ({when}, {center}, {service}) "
    "đã được hủy. Đặt lại: {web} hoặc gọi {line}."
)
BOOKING_CLOSURE = (
    "Thẻ My Number thành phố Yokohama: xin lỗi, {center} tạm đóng cửa vào giờ hẹn của bạn "
    "(mã {reference}, {when}). Vui lòng chọn giờ mới tại đây (hiệu lực đến {expires}): "
    "{rebook} hoặc gọi {line}."
)
BOOKING_REMINDER = (
    "Thẻ My Number thành phố Yokohama: nhắc lịch hẹn {when} tại {center}, mã {reference}, "
    "{service}. Vui lòng mang theo: {bring}. Hãy đến trước 5 phút; nếu trễ hơn 5 phút, người "
    "đang chờ sẽ được phục vụ trước. Đổi hoặc hủy: {web} hoặc gọi {line}."
)
EXPIRES = "{day}/{month}"
BRING = WHAT_TO_BRING["vi"]  # the same words the web and the phone line use
# A booking begun on the phone, continued on the web (key 8; booking_core.phone_handover).
PHONE_HANDOVER = (
    "Thẻ My Number Yokohama: tiếp tục đặt lịch trên web với thông tin đã nhập "
    "qua điện thoại (có hiệu lực 24 giờ): "
    "{link} Lịch hẹn chưa được đặt."
)
