"""Parse the card-ready list (交付準備完了カード一覧) that centre staff upload as CSV."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date

from booking_core.identifiers import (
    InvalidIdentifier,
    ascii_digits,
    contains_my_number,
    normalize_notice_number,
)

MAX_ERRORS = 200
FIELDS = ("notice_number", "birth_date", "ward", "ready_on")
LABELS = {
    "notice_number": "交付通知書番号",
    "birth_date": "生年月日",
    "ward": "区",
    "ready_on": "準備完了日",
}
HEADER_ALIASES = {**{name: name for name in FIELDS}, **{ja: en for en, ja in LABELS.items()}}
FILE_LINE = 0  # RowError.line for problems with the whole file rather than one line

_DATE_FORMATS = (
    re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),
)
# Staff-facing texts. None may contain a value from the file except where noted.
MESSAGES = {
    "my_number_found": "個人番号（マイナンバー）と思われる数字があります。値を削除してください",
    "duplicate_column": "「{label}」の列が重複しています",
    "missing_column": "「{label}」（{name}）の列がありません",
    "wrong_column_count": "列の数（{got}列）が見出し（{want}列）と合いません",
    "bad_notice_number": "交付通知書番号は{digits}桁の数字で入力してください{hint}",
    "duplicate_in_file": "交付通知書番号が{earlier}行目と重複しています",
    "bad_date": "{label}は YYYY-MM-DD の形式で入力してください",
    "future_birth_date": "生年月日が未来の日付になっています",
    "unknown_ward": "{shown}登録されている区の名前ではありません（例: 西区）",
    "no_rows": "見出しの下にデータ行がありません",
    "empty_file": "ファイルが空です",
    "bad_encoding": "文字コードを読み取れません。UTF-8 または Shift_JIS で保存してください",
    "not_csv": "{line}行目付近を CSV として読み取れません",
}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class CardReadyRow:
    """One card on the list: ready at its ward office (区役所) and so bookable for issuance."""

    line: int
    notice_number: str
    birth_date: date
    ward: str
    ready_on: date


@dataclass(frozen=True)
class RowError:
    """One problem in the uploaded file; `line` 0 means the whole file."""

    line: int
    field: str | None
    code: str
    message: str


class CardImportRejected(Exception):
    """The whole file is refused; `errors` lists every problem found (up to MAX_ERRORS)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"カード一覧を取り込めませんでした（エラー{len(errors)}件）")
        self.errors = list(errors)

    def __reduce__(self) -> tuple[type[CardImportRejected], tuple[list[RowError]]]:
        """Pickle by errors so the exception survives a trip through a job queue."""
        return (type(self), (self.errors,))


def file_digest(data: bytes) -> str:
    """SHA-256 hex digest of the uploaded bytes, to recognise a file imported before."""
    return hashlib.sha256(data).hexdigest()


def _file_error(code: str, text_key: str, **values: object) -> CardImportRejected:
    """Rejection for a problem with the file as a whole."""
    message = "ファイル: " + MESSAGES[text_key].format(**values)
    return CardImportRejected([RowError(FILE_LINE, None, code, message)])


def _decode(data: bytes) -> str:
    """Text of a UTF-8 (with or without BOM) or Shift_JIS/cp932 file."""
    if data.startswith(_UTF16_BOMS):
        raise _file_error("bad_encoding", "bad_encoding")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _file_error("bad_encoding", "bad_encoding")


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of every CSV record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise _file_error("bad_encoding", "not_csv", line=line) from None
        if any(cell.strip() for cell in cells):
            yield line, cells


def parse_date(raw: str) -> date | None:
    """Date from YYYY-MM-DD, YYYY/MM/DD (month and day may be one digit) or YYYYMMDD."""
    text = ascii_digits(raw.strip())
    match = _DATE_FORMATS[0].fullmatch(text) or _DATE_FORMATS[1].fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def _ward_key(name: str) -> str:
    """Comparison key that forgives 横浜市 in front, spaces and ヶ for ケ (保土ヶ谷区)."""
    key = re.sub(r"\s+", "", name).replace("ヶ", "ケ")
    return key.removeprefix("横浜市")


@dataclass
class _Header:
    """Where each field sits in the file, and the name to report for every column."""

    columns: dict[str, int]
    names: list[str | None]
    width: int


def _header_name(cell: str) -> str:
    """Header cell as compared with the aliases."""
    name = cell.strip().lstrip("\ufeff")
    return name.lower() if name.isascii() else name


@dataclass
class _Importer:
    """State of one parse: settings, the rows kept and the errors found so far."""

    known_wards: dict[str, str]
    notice_digits: int
    today: date
    errors: list[RowError] = field(default_factory=list)
    rows: list[CardReadyRow] = field(default_factory=list)
    first_seen: dict[str, int] = field(default_factory=dict)

    @property
    def full(self) -> bool:
        """True once MAX_ERRORS errors have been collected."""
        return len(self.errors) >= MAX_ERRORS

    def error(
        self, line: int, column: str | None, code: str, text_key: str = "", **values: object
    ) -> None:
        """Record one error with its staff message, up to MAX_ERRORS."""
        if not self.full:
            text = MESSAGES[text_key or code].format(**values)
            self.errors.append(RowError(line, column, code, f"{line}行目: {text}"))

    def read_header(self, line: int, cells: list[str]) -> _Header | None:
        """Map header cells to fields; None when a required column is missing or doubled."""
        columns: dict[str, int] = {}
        names: list[str | None] = []
        usable = True
        for index, cell in enumerate(cells):
            name = _header_name(cell)
            if contains_my_number(name):
                self.error(line, None, "my_number_found")
                name = ""
            canonical = HEADER_ALIASES.get(name)
            if canonical is not None and canonical in columns:
                self.error(line, canonical, "duplicate_column", label=LABELS[canonical])
                usable = False
            elif canonical is not None:
                columns[canonical] = index
            names.append(canonical or name[:40] or None)
        for missing in (name for name in FIELDS if name not in columns):
            self.error(line, missing, "missing_column", label=LABELS[missing], name=missing)
            usable = False
        return _Header(columns, names, len(cells)) if usable else None

    def scan_my_number(self, line: int, cells: list[str], header: _Header) -> set[int]:
        """Report every cell holding a 個人番号; return their indexes."""
        found = {index for index, cell in enumerate(cells) if contains_my_number(cell)}
        for index in sorted(found):
            name = header.names[index] if index < len(header.names) else None
            self.error(line, name, "my_number_found")
        return found

    def read_row(self, line: int, cells: list[str], header: _Header | None) -> None:
        """Validate one data line; keep it as a CardReadyRow when it has no error."""
        before = len(self.errors)
        flagged = self.scan_my_number(line, cells, header or _Header({}, [], 0))
        if header is None:
            return
        if len(cells) != header.width:
            self.error(line, None, "wrong_column_count", got=len(cells), want=header.width)
            return
        values = {name: cells[i] for name, i in header.columns.items() if i not in flagged}
        row = self.build_row(line, values)
        if row is not None and len(self.errors) == before:
            self.rows.append(row)

    def build_row(self, line: int, values: dict[str, str]) -> CardReadyRow | None:
        """CardReadyRow from the field values, reporting each bad one; None if any is bad."""
        notice = self.notice_number(line, values.get("notice_number"))
        birth = self.date_field(line, "birth_date", values.get("birth_date"))
        if birth is not None and birth > self.today:
            self.error(line, "birth_date", "future_birth_date")
            birth = None
        ward = self.ward(line, values.get("ward"))
        ready = self.date_field(line, "ready_on", values.get("ready_on"))
        if notice is None or birth is None or ward is None or ready is None:
            return None
        return CardReadyRow(line, notice, birth, ward, ready)

    def notice_number(self, line: int, raw: str | None) -> str | None:
        """Normalised notice number, reporting bad and repeated ones."""
        if raw is None:
            return None
        try:
            notice = normalize_notice_number(raw, self.notice_digits)
        except InvalidIdentifier:
            # Spreadsheets drop leading zeros from number-looking columns.
            hint = "（先頭の0が消えていないか確認してください）" if raw.strip() else ""
            code = "bad_notice_number"
            self.error(line, "notice_number", code, digits=self.notice_digits, hint=hint)
            return None
        earlier = self.first_seen.setdefault(notice, line)
        if earlier != line:
            self.error(line, "notice_number", "duplicate_in_file", earlier=earlier)
            return None
        return notice

    def date_field(self, line: int, name: str, raw: str | None) -> date | None:
        """Parsed date of one column, reporting a bad format."""
        if raw is None:
            return None
        parsed = parse_date(raw)
        if parsed is None:
            self.error(line, name, "bad_date", label=LABELS[name])
        return parsed

    def ward(self, line: int, raw: str | None) -> str | None:
        """Ward name as spelt in known_wards, reporting an unknown one."""
        if raw is None:
            return None
        ward = self.known_wards.get(_ward_key(raw))
        if ward is None:
            # Echo the value only when it cannot be personal data (no digits at all).
            shown = f"「{raw.strip()[:20]}」は" if not re.search(r"[0-9０-９]", raw) else ""
            self.error(line, "ward", "unknown_ward", shown=shown)
        return ward


def parse_card_ready_csv(
    data: bytes, *, known_wards: Collection[str], notice_digits: int = 9, today: date
) -> list[CardReadyRow]:
    """Rows of a card-ready CSV; raises CardImportRejected listing every error found."""
    records = _records(_decode(data))
    first = next(records, None)
    if first is None:
        raise _file_error("empty_file", "empty_file")
    importer = _Importer({_ward_key(w): w for w in known_wards}, notice_digits, today)
    header = importer.read_header(*first)
    data_lines = 0
    for line, cells in records:
        if importer.full:
            break
        data_lines += 1
        importer.read_row(line, cells, header)
    if data_lines == 0:
        importer.error(first[0], None, "empty_file", text_key="no_rows")
    if importer.errors:
        raise CardImportRejected(importer.errors)
    return importer.rows
