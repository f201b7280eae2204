"""日本語のエラーメッセージ。"""

MESSAGES: dict[str, str] = {
    "error": "リクエストを処理できませんでした。",
    "bad_request": "リクエストの形式が正しくありません。",
    "malformed_json": "送信されたJSONを読み取れませんでした。",
    "not_found": "該当するご予約が見つかりません。予約番号と生年月日をご確認ください。",
    "not_found.path": "このURLは存在しません。",
    "not_found.center": "ご指定のセンターは存在しません。",
    "method_not_allowed": "このURLではその操作はできません。",
    "unsupported_media_type": "Content-Type: application/json で送信してください。",
    "payload_too_large": "送信されたデータが大きすぎます。",
    "invalid_request": "入力内容に誤りがあります。各項目をご確認ください。",
    "my_number_not_accepted": (
        "マイナンバー（個人番号）は入力しないでください。このシステムでは個人番号をお預かりしておりません。"
    ),
    "not_bookable": "ご指定の日時はご予約いただけません。",
    "not_bookable.past": "ご指定の日時は既に過ぎています。",
    "not_bookable.beyond_horizon": "ご指定の日はまだ予約の受付を開始していません。",
    "not_bookable.not_open_yet": (
        "ご指定の日は、まだ予約の受付を開始していません（受付枠の準備中です）。"
    ),
    "not_bookable.closed": "ご指定の日はセンターの休所日です。",
    "not_bookable.outside_hours": "ご指定の時間は受付時間外です。",
    "slot_full": "ご指定の時間は満席です。別の日時をお選びください。",
    "already_booked": "この手続きについては、既にご予約をお受けしております。",
    "card_not_ready": (
        "交付準備が完了したカードが見つかりません。交付通知書の番号と生年月日をご確認ください。"
    ),
    "wrong_center": "このカードは、お住まいの区を担当するセンターでのみお受け取りいただけます。",
    "transport_too_late": (
        "カードをセンターへお届けするまでに日数を要するため、お示しした日以降をお選びください。"
    ),
    "idempotency_key_reused": "このIdempotency-Keyは、別の内容の予約で既に使用されています。",
    "concurrent_change": "同時に別の変更が行われました。もう一度お試しください。",
    "rate_limited": (
        "短い時間に照会が続いたため、一時的にご利用を制限しています。"
        "しばらく時間をおいてから、再度お試しください。"
    ),
    "service_unavailable": (
        "ただいま一時的にご利用いただけません。少し時間をおいてから再度お試しください。"
    ),
    "internal_error": "システムエラーが発生しました。時間をおいて再度お試しください。",
}
