"""The city's reference data: centres, wards, procedures and the default capacity plan.

Loaded by `flask init` (idempotent); administrators change it afterwards without code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

FY2026_START = date(2026, 4, 1)
FY2026_END = date(2027, 3, 31)
SECOND_HALF_START = date(2026, 10, 1)
MONTHLY_FLOOR = 50_000


@dataclass(frozen=True)
class CenterData:
    """A centre as the specification lists it."""

    id: str
    name_ja: str
    name_en: str
    station_ja: str
    station_en: str
    address: str
    reception_windows: int
    issue_windows: int
    ivr_key: str


CENTERS = (
    CenterData(
        "yokohama",
        "横浜駅マイナンバーカード特設センター",
        "Yokohama Station My Number Card Center",
        "横浜駅",
        "Yokohama Station",
        "横浜市西区北幸1-4-1 横浜天理ビル21階・22階",
        11,
        18,
        "1",
    ),
    CenterData(
        "center-kita",
        "センター北駅マイナンバーカード特設センター",
        "Center-Kita Station My Number Card Center",
        "センター北駅",
        "Center-Kita Station",
        "横浜市都筑区中川中央1-30-1 プレミアヨコハマ4階",
        13,
        21,
        "2",
    ),
    CenterData(
        "kamiooka",
        "上大岡駅マイナンバーカード特設センター",
        "Kamiooka Station My Number Card Center",
        "上大岡駅",
        "Kamiooka Station",
        "横浜市港南区上大岡西1-18-3 ミオカリスト館2階",
        14,
        22,
        "3",
    ),
    CenterData(
        "futamatagawa",
        "二俣川駅マイナンバーカード特設センター",
        "Futamatagawa Station My Number Card Center",
        "二俣川駅",
        "Futamatagawa Station",
        "横浜市旭区二俣川1-5-5 二俣川北口第2ビル3階",
        5,
        10,
        "4",
    ),
)

# ward id, Japanese name, English name, serving centre (default mapping, editable)
WARDS = (
    ("tsurumi", "鶴見区", "Tsurumi", "yokohama"),
    ("kanagawa", "神奈川区", "Kanagawa", "yokohama"),
    ("nishi", "西区", "Nishi", "yokohama"),
    ("naka", "中区", "Naka", "yokohama"),
    ("hodogaya", "保土ケ谷区", "Hodogaya", "yokohama"),
    ("kohoku", "港北区", "Kohoku", "center-kita"),
    ("midori", "緑区", "Midori", "center-kita"),
    ("aoba", "青葉区", "Aoba", "center-kita"),
    ("tsuzuki", "都筑区", "Tsuzuki", "center-kita"),
    ("minami", "南区", "Minami", "kamiooka"),
    ("konan", "港南区", "Konan", "kamiooka"),
    ("isogo", "磯子区", "Isogo", "kamiooka"),
    ("kanazawa", "金沢区", "Kanazawa", "kamiooka"),
    ("sakae", "栄区", "Sakae", "kamiooka"),
    ("totsuka", "戸塚区", "Totsuka", "kamiooka"),
    ("asahi", "旭区", "Asahi", "futamatagawa"),
    ("izumi", "泉区", "Izumi", "futamatagawa"),
    ("seya", "瀬谷区", "Seya", "futamatagawa"),
)


@dataclass(frozen=True)
class ServiceData:
    """A procedure (業務) with its default minutes and whether it must be booked."""

    code: str
    name_ja: str
    name_en: str
    group: str
    minutes: int
    booking_required: bool
    ivr_key: str | None = None  # its key in the phone menu of other procedures


SERVICES = (
    ServiceData("issue", "マイナンバーカードの交付", "Card issuance", "issue_renew", 15, True),
    ServiceData(
        "apply", "カードの申請サポート", "Card application support", "reception", 20, False, "7"
    ),
    ServiceData(
        "cert",
        "電子証明書の発行・更新",
        "E-certificate issue or renewal",
        "issue_renew",
        10,
        False,
        "1",
    ),
    ServiceData(
        "pin", "暗証番号の変更・初期化", "PIN change or reset", "reception", 10, False, "2"
    ),
    ServiceData(
        "surface", "券面事項の更新・継続利用", "Card surface update", "reception", 10, False, "3"
    ),
    ServiceData(
        "unlock", "一時停止の解除", "Release of a temporary suspension", "reception", 10, False, "4"
    ),
    ServiceData(
        "return",
        "カードの返納・電子証明書の失効",
        "Card return, certificate revocation",
        "reception",
        10,
        False,
        "5",
    ),
    ServiceData(
        "cancel-app", "申請の取消し", "Withdrawal of an application", "reception", 10, False, "6"
    ),
    ServiceData(
        "visit-apply", "訪問による申請サポート", "Home-visit application support", "visit", 60, True
    ),
    ServiceData(
        "visit-issue", "訪問によるカードの交付", "Home-visit card issuance", "visit", 60, True
    ),
)

SERVICE_GROUPS = ("issue_renew", "reception", "visit")
WALK_IN_GROUP = "walk_in"  # capacity held back from the 受付 windows, never booked ahead
WALK_IN_SHARE = 0.2  # default (ours): a fifth of each band's 受付 places


@dataclass(frozen=True)
class TemplateData:
    """One row of the default capacity plan."""

    center_id: str
    group: str
    day_kind: str
    valid_from: date
    valid_to: date
    band_start: time
    band_end: time
    places: int
    band_minutes: int = 15
    note: str = ""


# issue_renew places per 15-minute band, roughly in proportion to each centre's windows.
BASE_PLACES = {"yokohama": 22, "center-kita": 25, "kamiooka": 27, "futamatagawa": 12}
PEAK_PLACES = {"yokohama": 25, "center-kita": 28, "kamiooka": 30, "futamatagawa": 13}
WEEKDAY = ("weekday", time(11, 30), time(19, 30))
WEEKEND = ("weekend_holiday", time(9, 0), time(17, 0))


def _issue_renew_templates(center_id: str) -> list[TemplateData]:
    base, peak = BASE_PLACES[center_id], PEAK_PLACES[center_id]
    first = (FY2026_START, date(2026, 9, 30))
    second = (SECOND_HALF_START, FY2026_END)
    rows = [
        TemplateData(center_id, "issue_renew", kind, *first, start, end, base, note="上期")
        for kind, start, end in (WEEKDAY, WEEKEND)
    ]
    rows += [
        TemplateData(
            center_id, "issue_renew", kind, *second, start, end, peak, note="下期(更新需要の増加)"
        )
        for kind, start, end in (WEEKDAY, WEEKEND)
    ]
    # Weekday early afternoons stay quiet in the second half too: keep the base level there.
    rows.append(
        TemplateData(
            center_id,
            "issue_renew",
            "weekday",
            *second,
            time(11, 30),
            time(14, 0),
            base,
            note="下期 平日昼の閑散帯",
        )
    )
    return rows


def walk_in_places(reception_windows: int) -> int:
    """The 受付 places of each band held back for walk-ins (当日受付): a share, at least one."""
    return max(1, round(reception_windows * WALK_IN_SHARE))


def _reception_templates(center: CenterData) -> list[TemplateData]:
    """受付 places per band: the windows, less the share held back for walk-ins."""
    walk_ins = walk_in_places(center.reception_windows)
    booked = center.reception_windows - walk_ins
    return [
        TemplateData(
            center.id, group, kind, FY2026_START, FY2026_END, start, end, places, note=note
        )
        for kind, start, end in (WEEKDAY, WEEKEND)
        for group, places, note in (
            ("reception", booked, ""),
            (WALK_IN_GROUP, walk_ins, "当日受付"),
        )
    ]


def default_templates() -> list[TemplateData]:
    """The capacity plan seeded for FY2026 (every month meets the 50,000 floor)."""
    rows: list[TemplateData] = []
    for center in CENTERS:
        rows += _issue_renew_templates(center.id)
        rows += _reception_templates(center)
        rows.append(
            TemplateData(
                center.id,
                "visit",
                "weekday",
                FY2026_START,
                FY2026_END,
                time(13, 0),
                time(17, 30),
                2,
                band_minutes=90,
                note="訪問チーム2組",
            )
        )
    return rows
