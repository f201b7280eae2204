"""The console's words in Japanese for staff accounts, the audit log, the go-live import and
retention (merged into catalog_ja.TEXT)."""

from __future__ import annotations

ADMIN_TEXT: dict[str, str] = {
    # staff accounts
    "staff_title": "職員アカウントの管理",
    "staff_open": "職員アカウント",
    "staff_list": "職員アカウント一覧",
    "staff_username": "ユーザー名",
    "staff_display_name": "表示名",
    "staff_role": "役割",
    "staff_state": "状態",
    "staff_last_sign_in": "最終ログイン",
    "staff_never": "なし",
    "staff_active": "有効",
    "staff_disabled": "無効",
    "staff_waiting": "ログイン失敗が続いたため待機中",
    "staff_enrolled": "認証アプリ登録済み",
    "staff_change_role": "役割を変更",
    "staff_role_of": "{username} の役割",
    "staff_disable": "無効にする",
    "staff_enable": "有効にする",
    "staff_add": "アカウントを追加する",
    "staff_password": "初期パスワード（10文字以上）",
    "staff_add_save": "追加する",
    "staff_reset": "パスワードの再設定",
    "staff_reset_hint": (
        "再設定すると、ログイン失敗による待機も解除されます。"
        "スマートフォンを紛失した場合は、認証アプリの再登録にチェックを入れてください。"
    ),
    "staff_reset_who": "対象の職員",
    "staff_new_password": "新しいパスワード（10文字以上）",
    "staff_new_second_factor": "次回ログイン時に認証アプリを登録し直す",
    "staff_reset_save": "パスワードを再設定する",
    "staff_added": "{username} のアカウントを追加しました。",
    "staff_role_changed": "{username} の役割を「{role}」に変更しました。",
    "staff_disabled_done": (
        "{username} のアカウントを無効にしました。ログイン中の画面も終了します。"
    ),
    "staff_enabled_done": "{username} のアカウントを有効にしました。",
    "staff_password_done": "{username} のパスワードを再設定しました。",
    "staff_exists": "このユーザー名はすでに使われています。",
    "staff_last_admin": "最後の管理者は無効にしたり、役割を変えたりできません。",
    "staff_invalid": (
        "入力内容をご確認ください（ユーザー名は半角英小文字・数字など3〜64文字、"
        "パスワードは10文字以上）。"
    ),
    "api_staff_not_found": "その職員アカウントは見つかりません。",
    "role_agent": "オペレーター",
    "role_reception": "受付",
    "role_transport": "輸送",
    "role_supervisor": "スーパーバイザー",
    "role_admin": "管理者",
    # audit log
    "audit_title": "監査ログ",
    "audit_open": "監査ログ",
    "audit_filter": "絞り込み",
    "audit_from": "開始日",
    "audit_to": "終了日",
    "audit_staff": "職員（ユーザー名）",
    "audit_reference": "予約番号",
    "audit_action": "操作",
    "audit_action_any": "すべての操作",
    "audit_search": "表示する",
    "audit_export": "CSVでダウンロード",
    "audit_at": "日時",
    "audit_actor": "操作した人",
    "audit_entity": "対象",
    "audit_detail": "詳細",
    "audit_none": "条件に合う記録はありません。",
    "audit_more": "さらに古い記録を表示",
    "audit_shown": "新しい順に{count}件を表示しています。",
    "audit_invalid": "日付は YYYY-MM-DD の形式で入力してください。",
    # go-live import
    "import_title": "既存予約の移行（取込み）",
    "import_open": "予約の移行",
    "import_upload": "予約ファイル（CSV）の確認",
    "import_file": "CSVファイル（UTF-8 または Shift_JIS、1行目は見出し）",
    "import_hint": (
        "見出しには reference（任意）、center、service、date、start、party_size、name、kana、"
        "birth_date、phone、notice_number、または日本語の列名（予約番号、センター、業務、予約日、"
        "開始時刻、人数、氏名、フリガナ、生年月日、電話番号、交付通知書番号）を使えます。"
        "取り込む前に、問題のある行と枠が足りない時間帯を確認できます。"
    ),
    "import_preview": "内容を確認する",
    "import_plan": (
        "データ行 {lines}件：新しく取り込む予約 {new}件、取込み済み {done}件、"
        "問題 {problems}件、枠が足りない時間帯 {bands}件。"
    ),
    "import_problems": "問題のある行（修正してから、もう一度確認してください）",
    "import_full_bands": "枠が足りない時間帯",
    "import_band": (
        "{center} {day} {start}（{group}）：残り{left}人分に対して取込み{wanted}人分（{lines}行目）"
    ),
    "group_issue_renew": "交付・更新",
    "group_reception": "受付",
    "group_visit": "訪問",
    "import_leave_out": "枠が足りない時間帯の予約は取り込まない（その時間帯の予約はすべて除外）",
    "import_notify": "取り込んだ予約の方へ確認のSMSを送る（携帯電話のみ）",
    "import_confirm": "この内容で取り込む",
    "import_cancel": "取り込まずに戻る",
    "import_blocked": "問題のある行があるため取り込めません。ファイルを修正してください。",
    "import_done": (
        "取り込みました（新しい予約 {imported}件、取込み済み {done}件、SMS {notified}件）。"
    ),
    "import_left_out": "枠が足りないため取り込まなかった時間帯：{count}件",
    "import_refused": "ファイルに問題があるため、取り込みませんでした。",
    "import_file_required": "CSVファイルを選んでください（8MBまで）。",
    "import_expired": (
        "確認から時間がたったため、取り込めませんでした。もう一度ファイルを選んでください。"
    ),
    # retention
    "retention_title": "保存期間の管理",
    "retention_open": "保存期間",
    "retention_rule": (
        "予約日から{keep}日を過ぎた予約の個人情報（氏名・フリガナ・電話番号・生年月日・住所・"
        "交付通知書番号）を消去します。センター・業務・日時・人数・状態・受付経路は"
        "集計のために残ります。{inactive}日間ログインのない職員アカウントは無効にします"
        "（最後の管理者を除く）。毎日、自動で実行されます。"
    ),
    "retention_due": (
        "{before}より前の予約 {bookings}件、訪問の申込み {visits}件が消去の対象です。"
        "無効にする職員アカウント：{disabled}"
    ),
    "retention_none": "なし",
    "retention_run": "今すぐ実行する",
    "retention_done": (
        "実行しました（予約 {bookings}件、訪問の申込み {visits}件を匿名化、"
        "職員アカウント {disabled}件を無効化）。"
    ),
}
