"""Tests for booking_core.identifiers."""

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from booking_core.identifiers import (
    InvalidIdentifier,
    contains_my_number,
    damm_check_digit,
    is_japanese_mobile,
    is_my_number,
    is_valid_reference,
    mask_phone,
    my_number_check_digit,
    new_reference,
    normalize_notice_number,
    normalize_phone,
    normalize_reference,
)

# Worked by hand from 施行令第8条: 1234567890|1 -> sum 212, 212 % 11 = 3, 11 - 3 = 8.
VALID_MY_NUMBER = "123456789018"
# All ones: weights 2..7 and 2..6 sum to 47, 47 % 11 = 3, check digit 8.
VALID_ALL_ONES = "111111111118"

references = st.randoms(use_true_random=False).map(new_reference)


# --- My Number -------------------------------------------------------------------------


def test_check_digit_matches_hand_worked_examples() -> None:
    assert my_number_check_digit("12345678901") == 8
    assert my_number_check_digit("11111111111") == 8


def test_remainder_zero_or_one_gives_check_digit_zero() -> None:
    assert my_number_check_digit("00000000000") == 0
    # 1 in the rightmost position weighs 2; 6 there weighs 12, and 12 % 11 = 1.
    assert my_number_check_digit("00000000006") == 0


@pytest.mark.parametrize("text", [VALID_MY_NUMBER, VALID_ALL_ONES, "000000000000"])
def test_is_my_number_accepts_valid(text: str) -> None:
    assert is_my_number(text)


@pytest.mark.parametrize(
    "text",
    [
        "123456789010",  # wrong check digit
        "123456789019",
        "111111111111",
        "12345678901",  # 11 digits
        "1234567890180",  # 13 digits
        "1234-5678-9018",  # separators are not digits
        "１２３４５６７８９０１８",  # full-width is for contains_my_number to normalise
        "",
    ],
)
def test_is_my_number_rejects_invalid(text: str) -> None:
    assert not is_my_number(text)


@given(st.from_regex(r"[0-9]{11}", fullmatch=True), st.integers(0, 9))
def test_exactly_one_check_digit_is_valid(first_eleven: str, last: int) -> None:
    assert is_my_number(first_eleven + str(last)) == (last == my_number_check_digit(first_eleven))


@pytest.mark.parametrize(
    "text",
    [
        f"個人番号は{VALID_MY_NUMBER}です",
        "番号 1234-5678-9018 を控えました",
        "1234 5678 9018",
        "１２３４－５６７８－９０１８",
        "1234　5678　9018",  # ideographic spaces
        f"TEL 0451234567 {VALID_MY_NUMBER}",  # next to another number
        VALID_ALL_ONES,
    ],
)
def test_contains_my_number_finds_it(text: str) -> None:
    assert contains_my_number(text)


@pytest.mark.parametrize(
    "text",
    [
        f"{VALID_MY_NUMBER}5",  # 13-digit run
        f"9{VALID_MY_NUMBER}",
        "1234-5678-9018-5",
        "123456789010",  # invalid check digit
        "予約番号 1234567894",
        "090-1234-5678",
        "",
    ],
)
def test_contains_my_number_ignores_others(text: str) -> None:
    assert not contains_my_number(text)


# --- booking references ------------------------------------------------------------------


def test_damm_known_example() -> None:
    assert damm_check_digit("572") == 4


def test_new_reference_shape() -> None:
    reference = new_reference(random.Random(1))
    assert len(reference) == 10
    assert reference.isdigit()
    assert reference[0] != "0"
    assert is_valid_reference(reference)


def test_new_reference_with_seeded_rng_is_reproducible() -> None:
    assert new_reference(random.Random(7)) == new_reference(random.Random(7))


def test_references_without_rng_come_from_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[int] = []

    def fake_randbelow(bound: int) -> int:
        drawn.append(bound)
        return 123_456_788

    monkeypatch.setattr("booking_core.identifiers.secrets.randbelow", fake_randbelow)
    # The payload space is 100000000-999999999: randbelow(9e8) offset by 1e8.
    assert new_reference() == "2234567886"
    assert drawn == [900_000_000]


def test_references_from_secrets_collide_no_more_than_chance_allows() -> None:
    drawn = [new_reference() for _ in range(10_000)]
    assert all(is_valid_reference(r) and r[0] != "0" for r in drawn)
    # 10,000 draws from 9e8 payloads expect 0.056 colliding pairs (birthday bound), so one
    # collision happens in ~5% of runs. Six or more has a chance of 4e-11 from a uniform
    # generator, while a space a thousand times smaller would give ~56.
    assert len(drawn) - len(set(drawn)) <= 5
    payloads = [int(r[:9]) for r in drawn]
    # A neighbour within 1 happens by chance with probability 3.3e-5 per run; two, 6e-10.
    near = sum(abs(b - a) <= 1 for a, b in itertools.pairwise(payloads))
    assert near <= 1
    # Not a counter: the draws cover the payload space instead of clustering.
    assert {r[0] for r in drawn} == set("123456789")


@given(references)
def test_damm_catches_every_single_substitution(reference: str) -> None:
    for pos in range(len(reference)):
        for digit in "0123456789".replace(reference[pos], ""):
            assert not is_valid_reference(reference[:pos] + digit + reference[pos + 1 :])


@given(references)
def test_damm_catches_every_adjacent_transposition(reference: str) -> None:
    for pos in range(len(reference) - 1):
        a, b = reference[pos], reference[pos + 1]
        if a != b:
            swapped = reference[:pos] + b + a + reference[pos + 2 :]
            assert not is_valid_reference(swapped)


@pytest.mark.parametrize(
    "text", ["", "123456789", "12345678901", "１２３４５６７８９４", "abcdefghij", "1234567897"]
)
def test_is_valid_reference_rejects_malformed(text: str) -> None:
    assert not is_valid_reference(text)


@pytest.mark.parametrize(
    "raw", ["1234567894", "12345-67894", " 1234 567 894 ", "１２３４５６７８９４", "12345‐67894"]
)
def test_normalize_reference(raw: str) -> None:
    assert normalize_reference(raw) == "1234567894"


@pytest.mark.parametrize("raw", ["1234567897", "123456789", "", "12345678940"])
def test_normalize_reference_rejects(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalize_reference(raw)
    assert caught.value.code == "invalid_reference"


# --- notice numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["123456789", "123-456789", "123 456789", "１２３－４５６７８９"])
def test_normalize_notice_number(raw: str) -> None:
    assert normalize_notice_number(raw) == "123456789"


def test_normalize_notice_number_other_length() -> None:
    assert normalize_notice_number("1234-5678", digits=8) == "12345678"


@pytest.mark.parametrize("raw", ["12345678", "1234567890", "12345678a", "", "---"])
def test_normalize_notice_number_rejects(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalize_notice_number(raw)
    assert caught.value.code == "invalid_notice_number"


def test_invalid_identifier_does_not_carry_the_value() -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalize_notice_number("98765")
    assert "98765" not in str(caught.value)
    assert "98765" not in repr(caught.value)
    assert isinstance(caught.value, ValueError)


# --- phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("090-1234-5678", "+819012345678"),
        ("09012345678", "+819012345678"),
        ("+819012345678", "+819012345678"),
        ("+81 90 1234 5678", "+819012345678"),
        ("０９０－１２３４－５６７８", "+819012345678"),
        ("045-671-2111", "+81456712111"),
        ("(045) 671-2111", "+81456712111"),
        ("0120-769-706", "+81120769706"),
        ("050-1234-5678", "+815012345678"),
        ("+1 415 555 2671", "+14155552671"),
    ],
)
def test_normalize_phone(raw: str, e164: str) -> None:
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    "raw",
    ["", "090-1234-567", "0900-1234-5678", "12345", "090-CALL-ME", "not a phone", "+999 1234"],
)
def test_normalize_phone_rejects(raw: str) -> None:
    with pytest.raises(InvalidIdentifier) as caught:
        normalize_phone(raw)
    assert caught.value.code == "invalid_phone"


@pytest.mark.parametrize("e164", ["+819012345678", "+818012345678", "+817012345678"])
def test_is_japanese_mobile_true(e164: str) -> None:
    assert is_japanese_mobile(e164)


@pytest.mark.parametrize(
    "e164",
    ["+81456712111", "+815012345678", "+81120769706", "+14155552671", "+447911123456", "junk"],
)
def test_is_japanese_mobile_false(e164: str) -> None:
    assert not is_japanese_mobile(e164)


@pytest.mark.parametrize(
    ("e164", "masked"),
    [
        ("+819012345678", "+81******5678"),
        ("+81456712111", "+81*****2111"),
        ("+14155552671", "+1******2671"),
        ("not-a-number-123456", "**3456"),
        ("12", "**"),
    ],
)
def test_mask_phone(e164: str, masked: str) -> None:
    assert mask_phone(e164) == masked


def _by_phonenumbers(national: str) -> tuple[str | None, bool]:
    """What phonenumbers' metadata alone makes of a national number: (E.164 or None, mobile)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(national, "JP")
    except phonenumbers.NumberParseException:  # 010 is the international call prefix
        return None, False
    if not phonenumbers.is_valid_number(number):
        return None, False
    mobile = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), mobile


@pytest.mark.parametrize("prefix", [f"0{a}0{b}" for a in range(10) for b in range(10)])
def test_the_mobile_shortcut_agrees_with_phonenumbers_metadata(prefix: str) -> None:
    import random

    rng = random.Random(prefix)
    for _ in range(20):
        national = prefix + f"{rng.randrange(10**7):07d}"
        e164, mobile = _by_phonenumbers(national)
        if e164 is None:
            with pytest.raises(InvalidIdentifier):
                normalize_phone(national)
            continue
        assert normalize_phone(national) == e164
        assert is_japanese_mobile(e164) is mobile
