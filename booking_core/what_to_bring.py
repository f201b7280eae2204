"""What to bring to the centre, by procedure and language: one catalog for the texts
(queues/sms_<language>.py), the phone line and the residents' site, so they never disagree."""

from __future__ import annotations

# Arrive this many minutes before the time; later than this, people waiting go first.
ARRIVE_MINUTES_BEFORE = 5

WHAT_TO_BRING: dict[str, dict[str, str]] = {
    "ja": {
        "issue": "交付通知書（はがき）、本人確認書類、お持ちの方は現在のカードまたは通知カード",
        "apply": "本人確認書類",
        "default": "マイナンバーカード、本人確認書類",
    },
    "easy": {
        "issue": "はがき（交付通知書）、自分が だれか わかる カードなど（本人確認書類）、"
        "いま もっている カード（もっている 人だけ）",
        "apply": "自分が だれか わかる カードなど（本人確認書類）",
        "default": "マイナンバーカード、自分が だれか わかる カードなど（本人確認書類）",
    },
    "en": {
        "issue": "the notice postcard, photo identification, and your current card if you have one",
        "apply": "photo identification",
        "default": "your My Number Card and photo identification",
    },
    "zh": {
        "issue": "交付通知书（明信片）、身份证明文件，如有请带上现有的卡",
        "apply": "身份证明文件",
        "default": "个人编号卡和身份证明文件",
    },
    "ko": {
        "issue": "교부통지서(엽서), 본인확인서류, 소지하신 경우 현재 카드",
        "apply": "본인확인서류",
        "default": "마이넘버카드와 본인확인서류",
    },
    "vi": {
        "issue": "bưu thiếp thông báo, giấy tờ tùy thân có ảnh và thẻ hiện tại nếu có",
        "apply": "giấy tờ tùy thân có ảnh",
        "default": "thẻ My Number và giấy tờ tùy thân có ảnh",
    },
}


def what_to_bring(service_code: str, language: str) -> str:
    """What to bring for a procedure, in a language (Japanese when the language has no list)."""
    words = WHAT_TO_BRING.get(language, WHAT_TO_BRING["ja"])
    return words.get(service_code, words["default"])
