"""What the phone front says in Chinese (Mandarin, cmn-CN)."""
# ruff: noqa: E501  (prompts read better unbroken)

from __future__ import annotations

from queues import sms_zh

CODE = "zh"
LANGUAGE = "cmn-CN"
VOICE_SETTING = "twilio_voice_zh"
WEB_SETTING = "web_address_spoken_en"  # the address is said as its Latin letters are

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
MONTHS = ("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月")
DATE = "{month}{day}日 {weekday}"
BIRTH_DATE = "{year}年{month}{day}日"
PERIODS = {"am": "上午", "pm": "下午"}
TIME_ON_HOUR = "{period}{hour}点"
TIME_WITH_MINUTES = "{period}{hour}点{minute}分"
NOON_HOUR = 12
DIGIT_SEPARATOR = "、"
LIST_SEPARATOR = "；"
CHOICE = "{what}请按{key}"
REFERENCE_GROUP = "，"

SERVICES = {
    "issue": "个人编号卡的领取",
    "cert": "电子证明书的发行或更新",
    "pin": "密码的变更或重置",
    "surface": "卡面信息的更新",
    "unlock": "暂停使用的解除",
    "return": "卡的返还",
    "cancel-app": "申请的撤销",
    "apply": "办卡申请协助",
}

CENTERS = {
    "yokohama": "横滨站个人编号卡特设中心",
    "center-kita": "中心北站个人编号卡特设中心",
    "kamiooka": "上大冈站个人编号卡特设中心",
    "futamatagawa": "二俣川站个人编号卡特设中心",
}

ADDRESSES = {
    "yokohama": "横滨市西区北幸1丁目4番1号，横滨天理大厦21楼和22楼",
    "center-kita": "横滨市都筑区中川中央1丁目30番1号，Premier Yokohama 4楼",
    "kamiooka": "横滨市港南区上大冈西1丁目18番3号，Miokarisuto馆2楼",
    "futamatagawa": "横滨市旭区二俣川1丁目5番5号，二俣川北口第2大厦3楼",
}

# What to bring: the same items the texts name (queues.sms_zh), in a sentence.
TEXTS = sms_zh
BRING_PHRASE = "请携带{items}。"

CLOSED_REASONS = {
    "jlis_maintenance": "因全国系统维护",
    "year_end": "因年末年初休假",
    "ad_hoc": "因临时休馆",
    "weekly_closure": "因定期休息日",
    "not_open_yet": "因尚未开始受理预约",
}

PROMPTS = {
    "welcome": "感谢您致电横滨市个人编号卡专线。",
    "language_offer": "中文请按3。",
    "main_menu": "预约领卡请按1，其他手续请按2，确认、变更或取消预约请按3，中心介绍请按4，上门服务请按5，人工服务请按0。",
    "no_input": "没有收到您的输入。",
    "offer": "最早可预约的时间是{date} {time}。",
    "offer_next": "下一个空闲时间是{date} {time}。",
    "offer_menu": "预约这个时间请按1，听下一个空闲时间请按2，指定日期请按3。",
    "past_day": "{date}已经过去了。",
    "speech_unclear": "对不起，没有听清楚。请用按键输入。",
    "held_booking": "您已经有同一手续的预约。{details}",
    "held_menu": "确认或变更预约请按1，返回主菜单请按9。",
    "arrival_rule": "请在预约时间5分钟前到达。迟到5分钟以上时，可能会先为正在等候的人办理。",
    "my_number_refused": "您输入的12位数字是个人编号。我们不收集个人编号。请输入领卡通知书上的{digits}位通知书号码。",
    "wrong_key": "对不起，没有这个选项。",
    "handover_hint": "如需通过短信接收在网上继续预约的链接，请按8。",
    "handover_hint_entry": "如需通过短信接收在网上继续预约的链接，请按8再按井号键。",
    "handover_sent": "我们将用短信发送链接，您可以用已输入的内容在网上继续预约。您也可以继续通过电话办理。",
    "handover_again": "短信已经发送。打开链接即可看到您目前输入的内容。",
    "handover_mobile_only": "对不起，只有使用手机来电时才能发送短信链接。",
    "invalid_entry": "对不起，无法确认您输入的内容。",
    "give_up": "对不起，无法通过电话完成手续。您也可以在网上预约，网址是{web}。",
    "system_error": "对不起，系统出现故障，暂时无法受理。请稍后再拨，或访问{web}。",
    "goodbye": "感谢您的来电，再见。",
    "confirm_entry": "您输入的是{value}。正确请按1，更正请按2。",
    "notice_prompt": "请输入领卡通知书上的{digits}位通知书号码，最后按井号键。",
    "birth_prompt": "请按年月日输入8位出生日期，最后按井号键。例如1960年5月5日，请按19600505井号。",
    "birth_value": "出生日期{birth}",
    "card_not_found": "根据您输入的通知书号码和出生日期，找不到可以领取的卡。请重新输入通知书号码。",
    "card_centre": "您的卡在{center}领取。可以预约{date}以后的日期。",
    "procedure_prompt": "请选择手续：{choices}。",
    "center_prompt": "请选择中心。横滨站请按1，中心北站请按2，上大冈站请按3，二俣川站请按4。",
    "party_prompt": "请按1到{max}之间的数字，选择来访人数。",
    "party": "{n}位",
    "party_one": "1位",
    "date_prompt": "请按月日输入4位日期，最后按井号键。例如6月12日，请按0612井号。也可以说出日期。",
    "not_open_day": "{date}还没有开始受理预约。请选择其他日期。",
    "closed_day": "{date}{why}，中心不开放。",
    "full_day": "{date}已经约满。",
    "outside_window": "{date}不能预约。可以预约{horizon}天以内的日期。",
    "transport_late": "您的卡无法在{date}之前送到中心。",
    "day_choices": "有空位的最近日期如下：{choices}。输入其他日期请按0。",
    "slot_choices": "有空位的最近时间如下：{choices}。输入其他日期请按0。",
    "no_room": "对不起，目前没有可以预约的空位。",
    "time_prompt": "请用24小时制输入4位时间，最后按井号键；当天最早的时间请按0井号。受理时间为{opens}到{last}。",
    "not_a_time": "{time}不是可以预约的时间。",
    "full_time": "{date} {time}已经约满。",
    "readback": "您的预约是：{service}，{center}，{date} {time}，{party}。",
    "readback_ask": "正确请按1，重新开始请按2。",
    "booked": "预约已完成。",
    "reference_twice": "您的预约号码是{digits}。重复一遍，{digits}。",
    "sms_will_send": "确认短信将发送到您的手机。",
    "sms_hidden": "由于您隐藏了号码，无法发送短信。请记下预约号码。",
    "sms_not_mobile": "无法向这部电话发送短信。请记下预约号码。",
    "after_booked": "再听一遍预约号码请按星号键。",
    "anything_else": "返回主菜单请按1。结束请直接挂断电话。",
    "already_booked": "您已经有同一手续的预约。确认或变更请在主菜单中按3。",
    "booking_failed": "对不起，预约未能完成。",
    "reference_prompt": "请输入10位预约号码，最后按井号键。",
    "booking_not_found": "找不到与预约号码和出生日期相符的预约。请重新输入预约号码。",
    "details": "您的预约是：{service}，{center}，{date} {time}，{party}。",
    "details_cancelled": "这个预约已经取消了。",
    "details_used": "这个预约已经使用过或已过期，无法变更或取消。",
    "manage_menu": "确认预约内容请按1，变更日期时间请按2，取消预约请按3，返回主菜单请按9。",
    "change_readback": "变更后的预约是：{center}，{date} {time}。正确请按1，重新选择请按2。",
    "changed": "预约的日期时间已变更。",
    "cancel_ask": "将取消{date} {time}的预约。确定请按1，不取消请按2。",
    "cancelled": "预约已取消。",
    "not_cancelled": "没有取消预约。",
    "booking_past": "已过时间的预约无法通过电话变更。",
    "info_prompt": "请选择要了解的中心。横滨站请按1，中心北站请按2，上大冈站请按3，二俣川站请按4。",
    "info_centre": "{center}。{today}地址是{address}。平日上午11点30分到下午7点30分，周末和节假日上午9点到下午5点开放，每周三和周四休息。",
    "info_closures": "此外，两周内的休息日是{days}。",
    "info_open_today": "今天开放。",
    "info_closed_today": "今天休息，下一个开放日是{date}。",
    "info_more": "再听一遍请按1，其他中心请按2，返回主菜单请按9。",
    "visit_intro": "上门办理申请协助和领卡，由工作人员确认地点和时间后受理。",
    "visit_menu": "与工作人员通话请按1，希望回电请按2，确认已申请的上门服务状态请按3，返回主菜单请按9。",
    "visit_receipt_prompt": "请输入8位受理号码，最后按井号键。",
    "visit_not_found": "找不到与受理号码和出生日期相符的申请。请重新输入受理号码。",
    "visit_state_requested": "已收到您的申请。工作人员正在安排上门日期，确定后会与您联系。",
    "visit_state_scheduled": "上门日期定在{day}下午。市政府职员将一同前往。",
    "visit_state_done": "{day}的上门服务已完成。",
    "visit_state_not_at_home": "{day}上门时您不在家。工作人员会再次与您联系。",
    "visit_state_cancelled": "这个申请已经取消了。",
    "to_operator": "正在为您转接人工服务，请稍候。",
    "queue_wait": "目前电话非常繁忙。我们将按顺序为您转接，请稍候。",
    "queue_position": "您目前排在第{n}位。",
    "queue_estimate": "预计等待约{minutes}分钟。",
    "queue_estimate_one": "预计等待约1分钟。",
    "queue_star": "希望回电请按星号键。我们将按您的排队顺序，从{number}给您回电。",
    "queue_callback_kept": "已受理您的回电请求。轮到您时，我们会给您回电。",
    "queue_callback_hidden": "由于您隐藏了号码，无法回电。请继续等候。",
    "queue_left": "对不起，目前无法为您转接人工服务。",
    "outside_hours": "现在不是人工服务时间。",
    "hours_notice": "现在不是人工服务时间。您可以通过按键进行预约。",
    "nobody_on_duty": "对不起，目前没有人工服务可以接听。",
    "staffed_hours": "人工服务时间为平日上午8点30分到下午8点，周末和节假日上午9点到下午5点30分。12月29日到1月3日休息。",
    "callback_offer": "希望人工服务回电请按1，返回主菜单请按9。",
    "callback_number_prompt": "由于您隐藏了号码，请从区号开始输入回电号码，最后按井号键。",
    "callback_number_value": "电话号码{digits}",
    "callback_taken": "已受理您的回电请求。我们会在人工服务时间内按顺序给您回电。",
    "notice_reminder": "这里是横滨市个人编号卡专线。提醒您{date} {time}在{center}的预约，手续是{service}。请提前5分钟到达。",
    "notice_reminder_menu": "按预约来访请按1，取消预约请按2，人工服务请按0，再听一遍请按星号键。",
    "notice_closure": "这里是横滨市个人编号卡专线。非常抱歉，您预约的{date} {time}，{center}临时休馆。",
    "notice_closure_menu": "由人工服务为您变更时间请按1，取消预约请按2，再听一遍请按星号键。",
    "notice_kept": "谢谢。期待您的光临。",
    "notice_cancel_confirm": "将取消预约。确定请按1，不取消请按2。",
    "notice_not_active": "这个预约已经变更或取消了。",
    "closure_for_caller": "您{date} {time}在{center}的预约因临时休馆需要变更。请在接下来的菜单中按3办理。",
}
