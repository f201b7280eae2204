"""Read the go-live file of bookings from the current system (UTF-8 or Shift_JIS CSV).

The header names the columns with the API's field names or their Japanese names. Each line is
checked on its own here (formats, My Number, known centre and procedure); the rules that need
the database (opening hours, capacity, bookings already made) are booking_core.booking_import's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, time

from booking_core.card_import import (
    CardImportRejected,
    _decode,
    _header_name,
    _records,
    parse_date,
)
from booking_core.identifiers import (
    InvalidIdentifier,
    ascii_digits,
    contains_my_number,
    normalize_notice_number,
    normalize_phone,
)

FIELDS = ("reference", "center", "service", "date", "start", "party_size", "name", "kana",
          "birth_date", "phone", "notice_number", "address")  # fmt: skip
REQUIRED = ("center", "service", "date", "start", "name", "birth_date")
JAPANESE = {
    "reference": ("予約番号",), "center": ("センター", "会場", "予約センター"),
    "service": ("業務", "手続き", "手続"), "date": ("予約日", "日付", "来庁日"),
    "start": ("開始時刻", "時刻", "予約時間", "開始時間"), "party_size": ("人数",),
    "name": ("氏名", "名前"), "kana": ("フリガナ", "カナ", "ふりがな", "氏名カナ"),
    "birth_date": ("生年月日",), "phone": ("電話番号", "電話"),
    "notice_number": ("交付通知書番号", "通知書番号"), "address": ("住所",),
}  # fmt: skip
ALIASES = {name: name for name in FIELDS} | {
    ja: name for name, names in JAPANESE.items() for ja in names
}
MAX_PROBLEMS = 500
OLDEST_AGE_YEARS = 120
_TIME = re.compile(r"(?P<h>[0-9]{1,2})(?::|時)?(?P<m>[0-9]{2})分?")
_REFERENCE = re.compile(r"[A-Za-z0-9-]{4,16}")
# Staff-facing texts; none repeats a value from the file (it may be personal data).
MESSAGES = {
    "my_number_found": "個人番号（マイナンバー）と思われる数字があります。値を削除してください",
    "missing_column": "「{label}」（{name}）の列がありません",
    "duplicate_column": "「{label}」の列が重複しています",
    "wrong_column_count": "列の数（{got}列）が見出し（{want}列）と合いません",
    "required": "{label}が入力されていません",
    "unknown_center": "センターが分かりません（例: yokohama、横浜駅）",
    "unknown_service": "業務が分かりません（例: issue、cert、カードの交付）",
    "bad_date": "{label}は YYYY-MM-DD の形式で入力してください",
    "bad_time": "開始時刻は HH:MM の形式で入力してください",
    "bad_party_size": "人数は1から{most}までの数字で入力してください",
    "issue_party_size": "カードの交付は1件につき1名です",
    "too_long": "{label}が長すぎます（{most}文字まで）",
    "bad_birth_date": "生年月日が正しくありません（未来の日付か、{years}歳を超えています）",
    "bad_phone": "電話番号が正しくありません",
    "bad_notice_number": "交付通知書番号は{digits}桁の数字で入力してください",
    "notice_required": "カードの交付には交付通知書番号が必要です",
    "who_required": "電話番号か交付通知書番号のどちらかが必要です",
    "address_required": "訪問の予約には住所が必要です",
    "bad_reference": "予約番号は英数字4〜16文字で入力してください",
    "duplicate_reference": "予約番号が{earlier}行目と重複しています",
    "duplicate_person": "同じ方の同じ業務の予約が{earlier}行目にもあります",
    "past": "予約日時が過ぎています",
    "closed": "この日はセンターの休所日です",
    "outside_hours": "受付時間外か、最終受付より後の時刻です",
    "no_band": "この時間帯には予約枠がありません（容量計画がないか、時間帯の区切りと違います）",
    "reference_in_use": "この予約番号は別の予約で使われています",
    "already_booked": "この方には同じ業務の有効な予約がすでにあります",
    "band_full": "{center} {day} {start}の枠が足りません（残り{left}、取込み{wanted}）",
    "empty_file": "見出しの下にデータ行がありません",
}
LABELS = {
    "reference": "予約番号", "center": "センター", "service": "業務", "date": "予約日",
    "start": "開始時刻", "party_size": "人数", "name": "氏名", "kana": "フリガナ",
    "birth_date": "生年月日", "phone": "電話番号", "notice_number": "交付通知書番号",
    "address": "住所",
}  # fmt: skip


@dataclass(frozen=True)
class ImportProblem:
    """One problem of the file; line 0 is the file as a whole."""

    line: int
    field: str | None
    code: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    """One booking of the file, its values checked and normalised."""

    line: int
    reference: str | None
    center_id: str
    service_code: str
    group: str
    day: date
    start: time
    party_size: int
    name: str
    kana: str
    birth_date: date
    phone: str | None
    notice_number: str | None
    address: str

    @property
    def person_key(self) -> str:
        """Whom the booking is for (as booking_requests.person_key says)."""
        if self.notice_number:
            return f"notice:{self.notice_number}"
        return f"phone:{self.phone}:{self.birth_date.isoformat()}"

    @property
    def band(self) -> tuple[str, str, date, time]:
        """The band whose places the booking takes."""
        return (self.center_id, self.group, self.day, self.start)

    @property
    def key(self) -> str:
        """The row's fingerprint: the same row imported again is recognised by it."""
        values = (self.reference or "", self.center_id, self.service_code, self.day.isoformat(),
                  self.start.isoformat(), str(self.party_size), self.name, self.kana,
                  self.birth_date.isoformat(), self.phone or "", self.notice_number or "",
                  self.address)  # fmt: skip
        return "import:" + hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:48]


@dataclass(frozen=True)
class Directory:
    """What a line is checked against: centres and procedures by every name, the rule settings."""

    centers: dict[str, str]  # id, Japanese name or station -> id
    services: dict[str, tuple[str, str]]  # code or Japanese name -> (code, group)
    max_party_size: int
    notice_digits: int
    today: date


@dataclass
class Reading:
    """The rows kept and the problems found while reading a file."""

    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    lines: int = 0

    def add(self, line: int, column: str | None, code: str, **values: object) -> None:
        """Record a problem with its message (at most MAX_PROBLEMS)."""
        if len(self.problems) < MAX_PROBLEMS:
            text = MESSAGES[code].format(**values)
            prefix = f"{line}行目: " if line else "ファイル: "
            self.problems.append(ImportProblem(line, column, code, prefix + text))


def _text_of(data: bytes) -> str | None:
    try:
        return _decode(data)
    except CardImportRejected:
        return None


def _header(reading: Reading, line: int, cells: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _header_name(cell)
        if contains_my_number(name):
            reading.add(line, None, "my_number_found")
        canonical = ALIASES.get(name)
        if canonical in columns:
            reading.add(line, canonical, "duplicate_column", label=LABELS[canonical])
            return None
        if canonical:
            columns[canonical] = index
    missing = [name for name in REQUIRED if name not in columns]
    for name in missing:
        reading.add(line, name, "missing_column", label=LABELS[name], name=name)
    return None if missing else columns


def read_file(data: bytes, directory: Directory) -> Reading:
    """Every line of the file checked on its own; problems listed by line."""
    reading = Reading()
    text = _text_of(data)
    if text is None:
        reading.problems.append(ImportProblem(0, None, "bad_encoding", "ファイル: " + (
            "文字コードを読み取れません。UTF-8 または Shift_JIS で保存してください")))  # fmt: skip
        return reading
    try:
        records = list(_records(text))
    except CardImportRejected as bad:
        reading.problems.extend(ImportProblem(e.line, None, e.code, e.message) for e in bad.errors)
        return reading
    if len(records) < 2:
        reading.add(0, None, "empty_file")
        return reading
    columns = _header(reading, *records[0])
    width = len(records[0][1])
    for line, cells in records[1:]:
        reading.lines += 1
        if columns is not None:
            _LineReader(reading, directory, line).read(cells, columns, width)
    return reading


@dataclass
class _LineReader:
    """Checks of one line; each problem is added to the reading."""

    reading: Reading
    directory: Directory
    line: int
    bad: bool = False

    def problem(self, column: str | None, code: str, **values: object) -> None:
        self.bad = True
        self.reading.add(self.line, column, code, **values)

    def read(self, cells: list[str], columns: dict[str, int], width: int) -> None:
        if any(contains_my_number(cell) for cell in cells):
            self.problem(None, "my_number_found")
            return
        if len(cells) != width:
            self.problem(None, "wrong_column_count", got=len(cells), want=width)
            return
        values = {name: cells[index].strip() for name, index in columns.items()}
        row = self.row(values)
        if row is not None and not self.bad:
            self.reading.rows.append(row)

    def row(self, v: dict[str, str]) -> ImportRow | None:
        for name in REQUIRED:
            if not v.get(name):
                self.problem(name, "required", label=LABELS[name])
        if self.bad:
            return None
        center = self.directory.centers.get(v["center"].lower())
        service = self.directory.services.get(v["service"].lower())
        if center is None:
            self.problem("center", "unknown_center")
        if service is None:
            self.problem("service", "unknown_service")
        day, start = self.date("date", v["date"]), self.time(v["start"])
        party = self.party(v.get("party_size", ""), service[0] if service else "")
        name, kana, address = self.text("name", v), self.text("kana", v), self.text("address", v)
        birth = self.birth(v["birth_date"])
        phone, notice = self.phone(v.get("phone", "")), self.notice(v.get("notice_number", ""))
        reference = self.reference(v.get("reference", ""))
        self.who(service, v.get("phone", ""), v.get("notice_number", ""), address)
        if self.bad or not (center and service and day and start and birth and party):
            return None
        return ImportRow(self.line, reference, center, service[0], service[1], day, start, party,
                         name, kana, birth, phone, notice, address)  # fmt: skip

    def date(self, column: str, raw: str) -> dt.date | None:
        found = parse_date(raw)
        if found is None:
            self.problem(column, "bad_date", label=LABELS[column])
        return found

    def time(self, raw: str) -> dt.time | None:
        match = _TIME.fullmatch(ascii_digits(raw).replace(" ", ""))
        hour, minute = (int(match["h"]), int(match["m"])) if match else (99, 99)
        if hour > 23 or minute > 59:
            self.problem("start", "bad_time")
            return None
        return time(hour, minute)

    def party(self, raw: str, service: str) -> int | None:
        most = self.directory.max_party_size
        digits = ascii_digits(raw) or "1"
        if not digits.isdigit() or not 1 <= int(digits) <= most:
            self.problem("party_size", "bad_party_size", most=most)
            return None
        if service == "issue" and int(digits) != 1:
            self.problem("party_size", "issue_party_size")
            return None
        return int(digits)

    def text(self, column: str, values: dict[str, str]) -> str:
        most = 200 if column == "address" else 100
        raw = values.get(column, "")
        if len(raw) > most:
            self.problem(column, "too_long", label=LABELS[column], most=most)
        return raw[:most]

    def birth(self, raw: str) -> dt.date | None:
        found = self.date("birth_date", raw)
        today = self.directory.today
        if (found and not today.year - OLDEST_AGE_YEARS <= found.year <= today.year) or (
            found and found > today
        ):
            self.problem("birth_date", "bad_birth_date", years=OLDEST_AGE_YEARS)
            return None
        return found

    def phone(self, raw: str) -> str | None:
        if not raw:
            return None
        try:
            return normalize_phone(raw)
        except InvalidIdentifier:
            self.problem("phone", "bad_phone")
            return None

    def notice(self, raw: str) -> str | None:
        if not raw:
            return None
        try:
            return normalize_notice_number(raw, self.directory.notice_digits)
        except InvalidIdentifier:
            self.problem("notice_number", "bad_notice_number", digits=self.directory.notice_digits)
            return None

    def reference(self, raw: str) -> str | None:
        if raw and not _REFERENCE.fullmatch(raw):
            self.problem("reference", "bad_reference")
        return raw or None

    def who(self, service: tuple[str, str] | None, phone: str, notice: str,
            address: str) -> None:  # fmt: skip
        """Whom the booking is for must be known (the values as given: a bad one is reported
        on its own)."""
        if service and service[0] == "issue" and not notice:
            self.problem("notice_number", "notice_required")
        elif not phone and not notice:
            self.problem("phone", "who_required")
        if service and service[1] == "visit" and not address:
            self.problem("address", "address_required")
