"""Text messages to residents, in Japanese."""

from __future__ import annotations

from booking_core.what_to_bring import WHAT_TO_BRING

WEEKDAYS = ("月", "火", "水", "木", "金", "土", "日")
DATE = "{month}月{day}日({weekday}) {hour}:{minute:02d}"
BOOKING_CONFIRMATION = (
    "【横浜市マイナンバーカード】ご予約を承りました。"
    "予約番号:{reference} 日時:{when} 場所:{center} 手続き:{service} "
    "お持ちいただくもの:{bring} 開始時刻の5分前までにお越しください。"
    "確認・変更・取消しは {web} または {line} へ。"
)
BOOKING_CHANGE = (
    "【横浜市マイナンバーカード】ご予約の日時を変更しました。"
    "予約番号:{reference} 新しい日時:{when} 場所:{center} 手続き:{service} "
    "確認・変更・取消しは {web} または {line} へ。"
)
BOOKING_CANCELLATION = (
    "【横浜市マイナンバーカード】ご予約を取り消しました。"
    "予約番号:{reference} 取り消した日時:{when} 場所:{center} 手続き:{service} "
    "改めてのご予約は {web} または {line} へ。"
)

BOOKING_CLOSURE = (
    "【横浜市マイナンバーカード】誠に申し訳ございません。ご予約の{when}、{center}は"
    "臨時休所となりました。"
    "予約番号:{reference} のご予約は、次のリンクから日時の変更をお願いいたします"
    "（{expires}まで有効）。{rebook} お電話でも承ります:{line}"
)
BOOKING_REMINDER = (
    "【横浜市マイナンバーカード】{when} {center}でのご予約のお知らせです。"
    "予約番号:{reference} 手続き:{service} お持ちいただくもの:{bring} "
    "開始時刻の5分前までにお越しください。5分以上遅れた場合は、お待ちの方を先にご案内します。"
    "変更・取消しは {web} または {line} へ。"
)
EXPIRES = "{month}月{day}日"
BRING = WHAT_TO_BRING["ja"]  # the same words the web and the phone line use
VISIT_DATE = "{month}月{day}日({weekday})"
VISIT_SCHEDULED = (
    "【横浜市マイナンバーカード】ご自宅等への訪問日が決まりました。"
    "受付番号:{reference} 訪問日:{when} 午後 手続き:{service} "
    "当日は市の職員が同行いたします。ご都合が悪くなった場合は {line} へご連絡ください。"
)
VISIT_REMINDER = (
    "【横浜市マイナンバーカード】明日{when}の午後に、ご自宅等へお伺いします。"
    "受付番号:{reference} 手続き:{service} ご本人確認書類をご用意ください。"
    "ご都合が悪くなった場合は {line} へご連絡ください。"
)
# A booking begun on the phone, continued on the web (key 8; booking_core.phone_handover).
PHONE_HANDOVER = (
    "【横浜市マイナンバーカード】お電話でご入力いただいた内容で、ウェブから予約を続けられます(24時間有効)。"
    "{link} ご予約はまだ確定していません。"
)
