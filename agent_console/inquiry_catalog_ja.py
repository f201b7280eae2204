"""The console's words for inquiry records, escalations, the topic list and the desk (Japanese)."""

from __future__ import annotations

INQUIRY_TEXT: dict[str, str] = {
    # the wrap-up's inquiry record
    "inquiry_topic": "問い合わせ区分",
    "inquiry_outcome": "対応結果",
    "inquiry_escalate": "市へエスカレーションする（苦情は必ず市へ引き継ぎます）",
    "inquiry_note_hint": (
        "メモにマイナンバー（個人番号）は書かないでください。12桁の番号を含むメモは登録できません。"
    ),
    "topic_required": "問い合わせ区分を選んでください。",
    "wrap_refused": "後処理を登録できませんでした：{fields}",
    "field_topic": "問い合わせ区分",
    "field_code": "対応結果",
    "field_note": "メモ",
    "code_unknown_topic": "一覧にない区分です",
    "code_unknown_wrap_code": "一覧にない結果です",
    "code_my_number_not_accepted": "マイナンバー（個人番号）は入力・保存できません",
    # inquiries screen
    "inquiries_open": "問い合わせ記録",
    "inquiries_title": "問い合わせ記録・エスカレーション",
    "escalations": "市へのエスカレーション（対応中）",
    "escalations_none": "対応中のエスカレーションはありません。",
    "escalation_close": "市へ引き継ぎ済みにする",
    "escalation_closed": "エスカレーションを引き継ぎ済みにしました。",
    "escalation_not_found": "対応中のエスカレーションが見つかりません。",
    "escalation_wrapped": "受付日時",
    "escalation_agent": "担当",
    "escalation_caller": "電話番号",
    "counts_title": "区分別件数（日別）",
    "counts_from": "開始日",
    "counts_to": "終了日",
    "counts_show": "表示",
    "counts_day": "日付",
    "counts_total": "合計",
    "counts_none_topic": "区分なし",
    "counts_bad_range": "期間は開始日から92日以内で指定してください。",
    # the topic list (administrators)
    "topics_open": "問い合わせ区分",
    "topics_title": "問い合わせ区分の設定",
    "topics_lead": (
        "オペレーターが後処理で選ぶ区分です。使った区分は削除せず「使用しない」にします。"
        "苦情の区分は市へのエスカレーションになります。"
    ),
    "topic_code": "コード（半角英小文字）",
    "topic_name_ja": "名称（日本語）",
    "topic_name_en": "名称（英語）",
    "topic_complaint": "苦情（市へエスカレーション）",
    "topic_active": "使用する",
    "topic_save": "保存",
    "topic_add": "区分を追加",
    "topic_exists": "コード「{code}」の区分はすでにあります。一覧で変更してください。",
    "topic_saved": "「{name}」を保存しました。",
    "topic_refused": "保存できませんでした：{fields}",
    "code_invalid_topic_code": "半角英小文字・数字・_ で2〜30文字にしてください",
    # refusals that say which reason
    "error_invalid_fields": "入力内容をご確認ください：{fields}",
    "code_invalid": "形式が正しくありません",
    "code_invalid_phone": "電話番号の形式が正しくありません",
    "error_not_bookable_past": "その日時はすでに過ぎています。",
    "error_not_bookable_beyond_horizon": (
        "その日はまだ予約の受付期間に入っていません（受付期間外）。"
    ),
    "error_not_bookable_outside_hours": "その時刻は受付時間外です（受付開始前・最終受付後）。",
    "error_not_bookable_not_open_yet": "その日はまだ予約枠が設定されていません（予約受付開始前）。",
    "error_not_bookable_used": "この予約はすでに来所済みです。",
    "error_closed": "その日はセンターの休所日です（{why}）。",
    "closed_reason_weekly_closure": "定休日",
    "closed_reason_jlis_maintenance": "J-LISシステム停止日",
    "closed_reason_year_end": "年末年始",
    "closed_reason_ad_hoc": "臨時休所",
    "closed_reason_ward_offices_closed": "区役所閉庁日",
    "closed_reason_not_open_yet": "予約受付開始前",
    # the agent desk
    "phase_ringing": "着信中",
    "phase_dial": "折り返し発信待ち",
    "phase_talking": "通話中",
    "phase_wrap_up": "後処理中",
    "phase_idle": "待機中",
    "ringing_for": "呼出時間",
    "talking_for": "通話時間",
    "ring_title": "【着信】",
    "ring_notice": "着信があります",
    "connection_lost": (
        "サーバーとの接続が切れています。入力中の内容はこの画面に残ります。自動で再接続します"
        "（{n}回目）。"
    ),
    "connection_back": "再接続しました。",
    "slot_chosen": "{day} {start} を選びました。",
    "grid_caption": "空き状況（押すと予約欄に入ります）",
    "grid_full": "満",
    "grid_left": "残{n}",
    "draft_restored": "入力途中の内容を復元しました。",
    "call_notes": "通話メモ",
    "call_notes_hint": (
        "後処理のメモに引き継がれます。マイナンバー（個人番号）は書かないでください。"
    ),
    "escalated": "市へ引継中",
    "clear_form": "入力をクリア",
    "clear_confirm": "予約欄の入力を消しますか？",
    "side_panel": "状態・検索・折り返し",
    "enable_alerts": "着信のデスクトップ通知を有効にする",
    "shortcuts": "キーボード操作",
    "search_results": "検索結果",
    "escalations_waiting": "市へのエスカレーション 対応中{n}件",
    # softphone
    "hold": "保留",
    "resume": "保留解除",
    "held": "保留中（保留音を再生中）",
    "mute": "ミュート",
    "keypad": "ダイヤルパッド",
    "keypad_label": "ダイヤルパッド（番号を送信）",
    "transfer": "転送",
    "transfer_to": "転送先のオペレーター",
    "transfer_blind": "そのまま転送",
    "consult": "相談のため発信（保留中のまま）",
    "transfer_refused": "転送できませんでした（転送先が受付可ではありません）。",
    "transfer_to_queue": "転送先の窓口",
    "transfer_queue": "窓口へ転送（順番待ち）",
    "transfer_queue_refused": (
        "転送できませんでした（転送先の窓口が受付を停止しているか、対応できる担当者がいません）。"
    ),
    "softphone_offline_mode": (
        "オフライン：ブラウザで通話できません。応答・終話は通話シミュレーターで行います。"
    ),
    # customer timeline
    "timeline": "この番号の履歴",
    "timeline_none": "この番号の履歴はありません。",
    "timeline_booking": "予約",
    "timeline_call": "通話",
    "timeline_callback": "折り返し",
    "timeline_text": "SMS",
    "timeline_visit": "出張申請",
}
