"""Tests for booking_core.card_import."""

import pickle
from datetime import date

import pytest

from booking_core.card_import import (
    MAX_ERRORS,
    CardImportRejected,
    CardReadyRow,
    RowError,
    file_digest,
    parse_card_ready_csv,
    parse_date,
)

TODAY = date(2026, 6, 1)
WARDS = frozenset({"西区", "中区", "港北区", "保土ケ谷区", "旭区"})
HEADER = "notice_number,birth_date,ward,ready_on"
MY_NUMBER = "123456789018"  # valid check digit (8), worked by hand


def parse(text: str, **overrides: object) -> list[CardReadyRow]:
    """Parse UTF-8 text with the test wards and date unless overridden."""
    options: dict[object, object] = {"known_wards": WARDS, "today": TODAY, **overrides}
    return parse_card_ready_csv(text.encode(), **options)  # type: ignore[arg-type]


def rejected(data: str | bytes, **overrides: object) -> list[RowError]:
    """The errors a file is refused with."""
    raw = data.encode() if isinstance(data, str) else data
    options: dict[object, object] = {"known_wards": WARDS, "today": TODAY, **overrides}
    with pytest.raises(CardImportRejected) as caught:
        parse_card_ready_csv(raw, **options)  # type: ignore[arg-type]
    return caught.value.errors


def codes(errors: list[RowError]) -> list[tuple[int, str | None, str]]:
    """(line, field, code) of each error."""
    return [(e.line, e.field, e.code) for e in errors]


def test_parses_good_file() -> None:
    text = f"{HEADER}\n123456789,1980-04-01,西区,2026-05-20\n987-654321,19991231,中区,2026/05/21\n"
    rows = parse(text)
    assert rows == [
        CardReadyRow(2, "123456789", date(1980, 4, 1), "西区", date(2026, 5, 20)),
        CardReadyRow(3, "987654321", date(1999, 12, 31), "中区", date(2026, 5, 21)),
    ]


def test_japanese_header_in_any_order_and_crlf() -> None:
    text = "区,準備完了日,生年月日,交付通知書番号\r\n港北区,2026-05-20,1980-04-01,111222333\r\n"
    expected = CardReadyRow(2, "111222333", date(1980, 4, 1), "港北区", date(2026, 5, 20))
    assert parse(text) == [expected]


def test_utf8_bom_and_extra_columns_and_blank_lines() -> None:
    text = f"\ufeff{HEADER},備考\n123456789,1980-04-01,西区,2026-05-20,\n\n,,,,\n"
    assert [r.notice_number for r in parse(text)] == ["123456789"]


def test_shift_jis_bytes() -> None:
    data = "交付通知書番号,生年月日,区,準備完了日\n123456789,1980-04-01,保土ケ谷区,2026-05-20\n"
    rows = parse_card_ready_csv(data.encode("cp932"), known_wards=WARDS, today=TODAY)
    assert [(r.notice_number, r.ward) for r in rows] == [("123456789", "保土ケ谷区")]


def test_ward_spelling_variants_map_to_known_name() -> None:
    text = f"{HEADER}\n123456789,1980-04-01,横浜市保土ヶ谷区,2026-05-20\n"
    assert parse(text)[0].ward == "保土ケ谷区"


def test_full_width_digits_and_spaces_are_normalised() -> None:
    text = f"{HEADER}\n １２３ ４５６７８９ ,１９８０-０４-０１, 西区 ,2026/5/20\n"
    expected = CardReadyRow(2, "123456789", date(1980, 4, 1), "西区", date(2026, 5, 20))
    assert parse(text) == [expected]


def test_notice_digits_setting() -> None:
    assert parse(f"{HEADER}\n12345678,1980-04-01,西区,2026-05-20\n", notice_digits=8)[0].line == 2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-05-20", date(2026, 5, 20)),
        ("20260520", date(2026, 5, 20)),
        ("2026/05/20", date(2026, 5, 20)),
        ("2026/5/2", date(2026, 5, 2)),
        ("2026-02-30", None),
        ("2026-05/20", None),
        ("202605201", None),
        ("2026520", None),
        ("20/05/2026", None),
        ("令和8年5月20日", None),
        ("", None),
    ],
)
def test_parse_date(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected


def test_collects_every_error_before_refusing() -> None:
    text = (
        f"{HEADER}\n"
        "12345678,1980-04-01,西区,2026-05-20\n"
        "123456789,1980-13-01,東区,2026-05-20\n"
        "123456789,2026-06-02,中区,yesterday\n"
        "111111111,1980-04-01,中区\n"
        "222222222,1980-04-01,中区,2026-05-20\n"
    )
    assert codes(rejected(text)) == [
        (2, "notice_number", "bad_notice_number"),
        (3, "birth_date", "bad_date"),
        (3, "ward", "unknown_ward"),
        (4, "notice_number", "duplicate_in_file"),
        (4, "birth_date", "future_birth_date"),
        (4, "ready_on", "bad_date"),
        (5, None, "wrong_column_count"),
    ]


def test_messages_are_plain_japanese_with_line_numbers() -> None:
    text = f"{HEADER}\n123456789,1980-04-01,西区,2026-05-20\n123456789,1980/4/1,西区,x\n"
    errors = rejected(text)
    assert [e.message for e in errors] == [
        "3行目: 交付通知書番号が2行目と重複しています",
        "3行目: 準備完了日は YYYY-MM-DD の形式で入力してください",
    ]


def test_birth_date_today_is_accepted() -> None:
    assert parse(f"{HEADER}\n123456789,2026-06-01,西区,2026-05-20\n")[0].birth_date == TODAY


def test_missing_columns() -> None:
    errors = rejected("notice_number,生年月日\n123456789,1980-04-01\n")
    assert codes(errors) == [(1, "ward", "missing_column"), (1, "ready_on", "missing_column")]
    assert errors[0].message == "1行目: 「区」（ward）の列がありません"


def test_same_column_twice_is_refused() -> None:
    errors = rejected("notice_number,交付通知書番号,birth_date,ward,ready_on\n1,2,3,4,5\n")
    assert codes(errors) == [(1, "notice_number", "duplicate_column")]


@pytest.mark.parametrize("data", [b"", b"\n\n", b"\xef\xbb\xbf", b" , ,\r\n"])
def test_empty_file(data: bytes) -> None:
    assert codes(rejected(data)) == [(0, None, "empty_file")]


def test_header_without_rows() -> None:
    assert codes(rejected(f"{HEADER}\n\n")) == [(1, None, "empty_file")]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfen\x00o\x00",  # UTF-16 with BOM
        b"notice_number\n\x80\x81\xff\n",  # neither UTF-8 nor cp932
    ],
)
def test_bad_encoding(data: bytes) -> None:
    assert codes(rejected(data)) == [(0, None, "bad_encoding")]


def test_unknown_ward_message_shows_the_name() -> None:
    errors = rejected(f"{HEADER}\n123456789,1980-04-01,東区,2026-05-20\n")
    assert errors[0].message == "2行目: 「東区」は登録されている区の名前ではありません（例: 西区）"


def test_error_count_is_capped() -> None:
    lines = "".join(f"{n:09d},bad,西区,2026-05-20\n" for n in range(1, MAX_ERRORS + 50))
    assert len(rejected(HEADER + "\n" + lines)) == MAX_ERRORS


# --- the 12-digit individual number must never be accepted or echoed --------------------


MY_NUMBER_FORMS = [MY_NUMBER, "1234-5678-9018", "１２３４ ５６７８ ９０１８"]


@pytest.mark.parametrize("form", MY_NUMBER_FORMS)
def test_my_number_in_any_field_is_refused(form: str) -> None:
    text = (
        f"{HEADER},備考\n"
        f"{form},1980-04-01,西区,2026-05-20,\n"
        f"123456789,1980-04-01,西区,2026-05-20,本人 {form}\n"
        f"223456789,1980-04-01,西区{form},2026-05-20,\n"
    )
    assert codes(rejected(text)) == [
        (2, "notice_number", "my_number_found"),
        (3, "備考", "my_number_found"),
        (4, "ward", "my_number_found"),
    ]


def test_my_number_is_never_echoed() -> None:
    text = (
        f"{HEADER},{MY_NUMBER}\n"
        f"{MY_NUMBER},1980-04-01,西区,2026-05-20,x\n"
        f"123456789,{MY_NUMBER},西区,2026-05-20,x\n"
        f"123456788,1980-04-01,{MY_NUMBER},2026-05-20,x,{MY_NUMBER}\n"
    )
    with pytest.raises(CardImportRejected) as caught:
        parse_card_ready_csv(text.encode(), known_wards=WARDS, today=TODAY)
    exc = caught.value
    assert {e.code for e in exc.errors} >= {"my_number_found"}
    shown = [str(exc), repr(exc), repr(exc.errors), *(e.message for e in exc.errors)]
    for digits in (MY_NUMBER, "5678", "9018"):
        assert not any(digits in text for text in shown)


def test_twelve_digits_that_are_not_a_my_number_are_only_a_bad_notice_number() -> None:
    errors = rejected(f"{HEADER}\n123456789010,1980-04-01,西区,2026-05-20\n")
    assert codes(errors) == [(2, "notice_number", "bad_notice_number")]


def test_rejection_survives_pickling() -> None:
    error = RowError(2, "ward", "unknown_ward", "2行目: …")
    copy = pickle.loads(pickle.dumps(CardImportRejected([error])))
    assert copy.errors == [error]


def test_file_digest() -> None:
    assert file_digest(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert file_digest(b"a") != file_digest(b"a\n")


def test_line_numbers_follow_the_file_across_blank_and_quoted_lines() -> None:
    text = (
        f"{HEADER},備考\n"
        "\n"
        '123456789,1980-04-01,西区,2026-05-20,"二行の\n備考"\n'
        "x,1980-04-01,西区,2026-05-20,\n"
    )
    assert codes(rejected(text)) == [(5, "notice_number", "bad_notice_number")]


def test_unreadable_csv_is_refused_as_a_whole() -> None:
    text = f"{HEADER}\n123456789,1980-04-01,西区,{'9' * 200_000}\n"
    errors = rejected(text)
    assert codes(errors) == [(0, None, "bad_encoding")]
    assert "9999" not in errors[0].message
