"""What the phone front says in Vietnamese (vi-VN)."""
# ruff: noqa: E501  (prompts read better unbroken)

from __future__ import annotations

from queues import sms_vi

CODE = "vi"
LANGUAGE = "vi-VN"
VOICE_SETTING = "twilio_voice_vi"
WEB_SETTING = "web_address_spoken_en"  # the address is said as its Latin letters are

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
MONTHS = tuple(f"tháng {n}" for n in range(1, 13))
DATE = "{weekday}, ngày {day} {month}"
BIRTH_DATE = "ngày {day} {month} năm {year}"
PERIODS = {"am": "sáng", "pm": "chiều"}
TIME_ON_HOUR = "{hour} giờ {period}"
TIME_WITH_MINUTES = "{hour} giờ {minute} phút {period}"
NOON_HOUR = 12
DIGIT_SEPARATOR = ", "
LIST_SEPARATOR = "; "
CHOICE = "{what}, bấm phím {key}"
REFERENCE_GROUP = "; "

SERVICES = {
    "issue": "nhận thẻ My Number",
    "cert": "cấp hoặc gia hạn chứng thư điện tử",
    "pin": "đổi hoặc đặt lại mã PIN",
    "surface": "cập nhật thông tin trên thẻ",
    "unlock": "gỡ tạm ngưng thẻ",
    "return": "trả lại thẻ",
    "cancel-app": "hủy đơn đăng ký",
    "apply": "hỗ trợ đăng ký làm thẻ",
}

CENTERS = {
    "yokohama": "Trung tâm thẻ My Number ga Yokohama",
    "center-kita": "Trung tâm thẻ My Number ga Center-Kita",
    "kamiooka": "Trung tâm thẻ My Number ga Kamiooka",
    "futamatagawa": "Trung tâm thẻ My Number ga Futamatagawa",
}

ADDRESSES = {
    "yokohama": "tòa nhà Yokohama Tenri, tầng 21 và 22, 1-4-1 Kitasaiwai, quận Nishi",
    "center-kita": "Premier Yokohama, tầng 4, 1-30-1 Nakagawa-chuo, quận Tsuzuki",
    "kamiooka": "Miokarisuto-kan, tầng 2, 1-18-3 Kamiooka-nishi, quận Konan",
    "futamatagawa": "tòa nhà Futamatagawa Kitaguchi số 2, tầng 3, 1-5-5 Futamatagawa, quận Asahi",
}

# What to bring: the same items the texts name (queues.sms_vi), in a sentence.
TEXTS = sms_vi
BRING_PHRASE = "Xin mang theo {items}."

CLOSED_REASONS = {
    "jlis_maintenance": "do bảo trì hệ thống toàn quốc",
    "year_end": "do nghỉ cuối năm và đầu năm",
    "ad_hoc": "do tạm nghỉ đột xuất",
    "weekly_closure": "vì là ngày nghỉ cố định",
    "not_open_yet": "vì chưa bắt đầu nhận đặt lịch",
}

PROMPTS = {
    "welcome": "Cảm ơn quý vị đã gọi đến đường dây thẻ My Number của thành phố Yokohama.",
    "language_offer": "Tiếng Việt, xin bấm phím 5.",
    "main_menu": "Đặt lịch nhận thẻ, bấm 1. Thủ tục khác, bấm 2. Kiểm tra, thay đổi hoặc hủy lịch hẹn, bấm 3. Thông tin trung tâm, bấm 4. Dịch vụ đến nhà, bấm 5. Gặp nhân viên, bấm 0.",
    "no_input": "Xin lỗi, chúng tôi chưa nhận được phím nào.",
    "offer": "Thời gian sớm nhất là {date}, lúc {time}.",
    "offer_next": "Thời gian trống tiếp theo là {date}, lúc {time}.",
    "offer_menu": "Đặt thời gian này, bấm 1. Nghe thời gian trống tiếp theo, bấm 2. Chọn ngày, bấm 3.",
    "past_day": "{date} đã qua rồi.",
    "speech_unclear": "Xin lỗi, chúng tôi nghe không rõ. Xin dùng bàn phím.",
    "held_booking": "Quý vị đã có lịch hẹn cho thủ tục này. {details}",
    "held_menu": "Nghe hoặc thay đổi lịch hẹn, bấm 1. Về menu chính, bấm 9.",
    "arrival_rule": "Xin đến trước giờ hẹn 5 phút. Nếu đến muộn từ 5 phút trở lên, người đang chờ có thể được phục vụ trước.",
    "my_number_refused": "Số 12 chữ số quý vị vừa nhập là mã số cá nhân My Number, chúng tôi không tiếp nhận số này. Xin nhập số thông báo {digits} chữ số trên giấy thông báo.",
    "wrong_key": "Xin lỗi, không có lựa chọn này.",
    "handover_hint": "Để nhận tin nhắn có đường dẫn tiếp tục đặt lịch trên web, xin bấm phím 8.",
    "handover_hint_entry": "Để nhận tin nhắn có đường dẫn tiếp tục đặt lịch trên web, xin bấm phím 8 rồi phím thăng.",
    "handover_sent": "Chúng tôi sẽ gửi tin nhắn có đường dẫn để tiếp tục đặt lịch trên web với những gì quý vị đã nhập. Quý vị cũng có thể tiếp tục qua điện thoại.",
    "handover_again": "Tin nhắn đã được gửi. Đường dẫn sẽ hiển thị những gì quý vị đã nhập đến giờ.",
    "handover_mobile_only": "Xin lỗi, chỉ có thể gửi tin nhắn có đường dẫn khi quý vị gọi từ điện thoại di động.",
    "invalid_entry": "Xin lỗi, chúng tôi không nhận ra số quý vị vừa nhập.",
    "give_up": "Xin lỗi, chúng tôi không thể hoàn tất thủ tục qua điện thoại. Quý vị cũng có thể đặt lịch trên mạng tại {web}.",
    "system_error": "Xin lỗi, hệ thống đang gặp sự cố. Xin gọi lại sau, hoặc truy cập {web}.",
    "goodbye": "Cảm ơn quý vị đã gọi. Xin chào.",
    "confirm_entry": "Quý vị đã nhập {value}. Nếu đúng, bấm 1. Để sửa, bấm 2.",
    "notice_prompt": "Xin nhập số thông báo {digits} chữ số in trên giấy thông báo nhận thẻ, rồi bấm phím thăng.",
    "birth_prompt": "Xin nhập ngày sinh gồm 8 chữ số, năm, tháng, ngày, rồi bấm phím thăng. Ví dụ ngày 5 tháng 5 năm 1960 là 19600505, phím thăng.",
    "birth_value": "ngày sinh {birth}",
    "card_not_found": "Chúng tôi không tìm thấy thẻ sẵn sàng để nhận với số thông báo và ngày sinh này. Xin nhập lại số thông báo.",
    "card_centre": "Thẻ của quý vị sẽ được nhận tại {center}. Quý vị có thể đặt lịch từ {date}.",
    "procedure_prompt": "Xin chọn thủ tục: {choices}.",
    "center_prompt": "Xin chọn trung tâm. Ga Yokohama, bấm 1. Ga Center-Kita, bấm 2. Ga Kamiooka, bấm 3. Ga Futamatagawa, bấm 4.",
    "party_prompt": "Có bao nhiêu người đến? Xin bấm một số từ 1 đến {max}.",
    "party": "{n} người",
    "party_one": "1 người",
    "date_prompt": "Xin nhập ngày gồm 4 chữ số, tháng và ngày, rồi bấm phím thăng. Ví dụ ngày 12 tháng 6 là 0612, phím thăng. Quý vị cũng có thể nói ngày.",
    "not_open_day": "Chưa nhận đặt lịch cho {date}. Xin chọn ngày khác.",
    "closed_day": "Trung tâm nghỉ vào {date}, {why}.",
    "full_day": "{date} đã kín lịch.",
    "outside_window": "Không thể đặt lịch cho {date}. Chỉ nhận đặt lịch trước tối đa {horizon} ngày.",
    "transport_late": "Thẻ của quý vị không kịp đến trung tâm vào {date}.",
    "day_choices": "Những ngày gần nhất còn chỗ: {choices}. Để nhập ngày khác, bấm 0.",
    "slot_choices": "Những giờ gần nhất còn chỗ: {choices}. Để nhập ngày khác, bấm 0.",
    "no_room": "Xin lỗi, hiện không còn chỗ để đặt lịch.",
    "time_prompt": "Xin nhập giờ gồm 4 chữ số theo dạng 24 giờ, rồi bấm phím thăng; giờ sớm nhất trong ngày là 0, phím thăng. Giờ tiếp nhận từ {opens} đến {last}.",
    "not_a_time": "{time} không phải là giờ đặt lịch.",
    "full_time": "{date} lúc {time} đã kín lịch.",
    "readback": "Lịch hẹn của quý vị: {service}, tại {center}, {date}, lúc {time}, {party}.",
    "readback_ask": "Nếu đúng, bấm 1. Để làm lại từ đầu, bấm 2.",
    "booked": "Lịch hẹn đã được đặt.",
    "reference_twice": "Số đặt lịch của quý vị là {digits}. Xin nhắc lại, {digits}.",
    "sms_will_send": "Tin nhắn xác nhận sẽ được gửi đến điện thoại di động của quý vị.",
    "sms_hidden": "Vì quý vị ẩn số, chúng tôi không thể gửi tin nhắn. Xin ghi lại số đặt lịch.",
    "sms_not_mobile": "Chúng tôi không thể gửi tin nhắn đến điện thoại này. Xin ghi lại số đặt lịch.",
    "after_booked": "Để nghe lại số đặt lịch, bấm phím sao.",
    "anything_else": "Về menu chính, bấm 1. Nếu không, quý vị có thể gác máy.",
    "already_booked": "Quý vị đã có lịch hẹn cho thủ tục này. Để kiểm tra hoặc thay đổi, chọn 3 ở menu chính.",
    "booking_failed": "Xin lỗi, không thể hoàn tất việc đặt lịch.",
    "reference_prompt": "Xin nhập số đặt lịch 10 chữ số, rồi bấm phím thăng.",
    "booking_not_found": "Không tìm thấy lịch hẹn khớp với số đặt lịch và ngày sinh này. Xin nhập lại số đặt lịch.",
    "details": "Lịch hẹn của quý vị: {service}, tại {center}, {date}, lúc {time}, {party}.",
    "details_cancelled": "Lịch hẹn này đã bị hủy.",
    "details_used": "Lịch hẹn này đã được sử dụng hoặc đã quá giờ, nên không thể thay đổi hay hủy.",
    "manage_menu": "Nghe chi tiết lịch hẹn, bấm 1. Thay đổi ngày giờ, bấm 2. Hủy lịch hẹn, bấm 3. Về menu chính, bấm 9.",
    "change_readback": "Lịch hẹn mới: {center}, {date}, lúc {time}. Nếu đúng, bấm 1. Để chọn lại, bấm 2.",
    "changed": "Lịch hẹn đã được thay đổi.",
    "cancel_ask": "Quý vị sắp hủy lịch hẹn {date}, lúc {time}. Để hủy, bấm 1. Để giữ lại, bấm 2.",
    "cancelled": "Lịch hẹn đã được hủy.",
    "not_cancelled": "Lịch hẹn chưa bị hủy.",
    "booking_past": "Không thể thay đổi lịch hẹn đã quá giờ qua điện thoại.",
    "info_prompt": "Quý vị muốn nghe về trung tâm nào? Ga Yokohama, bấm 1. Ga Center-Kita, bấm 2. Ga Kamiooka, bấm 3. Ga Futamatagawa, bấm 4.",
    "info_centre": "{center}. {today}Địa chỉ: {address}. Mở cửa ngày thường từ 11 giờ 30 sáng đến 7 giờ 30 tối, cuối tuần và ngày lễ từ 9 giờ sáng đến 5 giờ chiều, nghỉ thứ Tư và thứ Năm.",
    "info_closures": "Các ngày nghỉ khác trong hai tuần tới: {days}.",
    "info_open_today": "Hôm nay trung tâm mở cửa. ",
    "info_closed_today": "Hôm nay trung tâm nghỉ; ngày mở cửa tiếp theo là {date}. ",
    "info_more": "Nghe lại, bấm 1. Trung tâm khác, bấm 2. Về menu chính, bấm 9.",
    "visit_intro": "Dịch vụ hỗ trợ đăng ký và giao thẻ tại nhà do nhân viên sắp xếp sau khi xác nhận địa điểm và thời gian với quý vị.",
    "visit_menu": "Nói chuyện với nhân viên, bấm 1. Yêu cầu gọi lại, bấm 2. Kiểm tra tình trạng yêu cầu đến nhà, bấm 3. Về menu chính, bấm 9.",
    "visit_receipt_prompt": "Xin nhập số tiếp nhận 8 chữ số, rồi bấm phím thăng.",
    "visit_not_found": "Không tìm thấy yêu cầu khớp với số tiếp nhận và ngày sinh này. Xin nhập lại số tiếp nhận.",
    "visit_state_requested": "Chúng tôi đã nhận yêu cầu. Nhân viên đang sắp xếp ngày đến thăm và sẽ liên lạc với quý vị.",
    "visit_state_scheduled": "Ngày đến thăm là {day}, vào buổi chiều. Một nhân viên thành phố sẽ đi cùng.",
    "visit_state_done": "Chuyến thăm ngày {day} đã hoàn tất.",
    "visit_state_not_at_home": "Chúng tôi đã đến vào {day} nhưng không có ai ở nhà. Nhân viên sẽ liên lạc lại.",
    "visit_state_cancelled": "Yêu cầu này đã bị hủy.",
    "to_operator": "Đang nối máy đến nhân viên. Xin vui lòng chờ.",
    "queue_wait": "Hiện tất cả nhân viên đều đang bận. Xin giữ máy, chúng tôi sẽ trả lời theo thứ tự.",
    "queue_position": "Quý vị đang ở vị trí số {n}.",
    "queue_estimate": "Thời gian chờ dự kiến khoảng {minutes} phút.",
    "queue_estimate_one": "Thời gian chờ dự kiến khoảng 1 phút.",
    "queue_star": "Để được gọi lại mà vẫn giữ thứ tự, bấm phím sao. Chúng tôi sẽ gọi từ số {number}.",
    "queue_callback_kept": "Chúng tôi đã nhận yêu cầu gọi lại. Chúng tôi sẽ gọi khi đến lượt quý vị.",
    "queue_callback_hidden": "Vì quý vị ẩn số, chúng tôi không thể gọi lại. Xin giữ máy.",
    "queue_left": "Xin lỗi, hiện chúng tôi không thể nối máy đến nhân viên.",
    "outside_hours": "Hiện ngoài giờ làm việc của nhân viên.",
    "hours_notice": "Hiện ngoài giờ làm việc của nhân viên; quý vị vẫn có thể đặt lịch bằng bàn phím.",
    "nobody_on_duty": "Xin lỗi, hiện không có nhân viên nào có thể nghe máy.",
    "staffed_hours": "Nhân viên làm việc ngày thường từ 8 giờ 30 sáng đến 8 giờ tối, cuối tuần và ngày lễ từ 9 giờ sáng đến 5 giờ 30 chiều, trừ ngày 29 tháng 12 đến ngày 3 tháng 1.",
    "callback_offer": "Để nhân viên gọi lại, bấm 1. Về menu chính, bấm 9.",
    "callback_number_prompt": "Vì quý vị ẩn số, xin nhập số điện thoại để chúng tôi gọi lại, bắt đầu bằng mã vùng, rồi bấm phím thăng.",
    "callback_number_value": "số điện thoại {digits}",
    "callback_taken": "Chúng tôi đã nhận yêu cầu gọi lại. Nhân viên sẽ gọi trong giờ làm việc.",
    "notice_reminder": "Đây là đường dây thẻ My Number Yokohama, nhắc lịch hẹn của quý vị {date}, lúc {time}, tại {center}, thủ tục {service}. Xin đến trước 5 phút.",
    "notice_reminder_menu": "Nếu quý vị sẽ đến như đã hẹn, bấm 1. Để hủy lịch hẹn, bấm 2. Gặp nhân viên, bấm 0. Nghe lại, bấm phím sao.",
    "notice_closure": "Đây là đường dây thẻ My Number Yokohama. Thành thật xin lỗi: {center} sẽ tạm nghỉ vào lịch hẹn của quý vị {date}, lúc {time}.",
    "notice_closure_menu": "Để nhân viên giúp chọn thời gian mới, bấm 1. Để hủy lịch hẹn, bấm 2. Nghe lại, bấm phím sao.",
    "notice_kept": "Cảm ơn quý vị. Chúng tôi mong được đón tiếp quý vị.",
    "notice_cancel_confirm": "Để hủy lịch hẹn, bấm 1. Để giữ lại, bấm 2.",
    "notice_not_active": "Lịch hẹn này đã được thay đổi hoặc hủy.",
    "closure_for_caller": "Lịch hẹn của quý vị {date}, lúc {time}, tại {center} bị ảnh hưởng do tạm nghỉ. Để chọn thời gian mới, bấm 3 ở menu tiếp theo.",
}
