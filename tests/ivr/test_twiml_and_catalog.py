"""Pure pieces: spoken dates and times per catalog, TwiML builders, keyed-in entries."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from datetime import date, time

import pytest

from ivr import twiml
from ivr.catalog import CATALOGS, Speech, catalog
from ivr.catalog_en import PROMPTS as EN
from ivr.catalog_ja import PROMPTS as JA

VOICES = {"ja": ("Polly.Mizuki", "ja-JP"), "en": ("Polly.Joanna", "en-US")}


@pytest.mark.parametrize(
    ("at", "ja", "en"),
    [
        (time(14, 0), "午後2時", "2 P.M."),
        (time(14, 15), "午後2時15分", "2:15 P.M."),
        (time(11, 30), "午前11時30分", "11:30 A.M."),
        (time(12, 0), "午後0時", "12 P.M."),
        (time(9, 0), "午前9時", "9 A.M."),
    ],
)
def test_times_are_spoken_as_people_say_them(at, ja, en):
    assert catalog("ja").time(at) == ja
    assert catalog("en").time(at) == en


def test_dates_carry_the_weekday_and_november_first_is_written_for_tts():
    assert catalog("ja").date(date(2027, 6, 12)) == "6月12日 土曜日"
    assert catalog("ja").date(date(2026, 11, 1)) == "11月1日 日曜日"
    assert catalog("en").date(date(2026, 11, 6)) == "Friday, November 6"


def test_references_are_read_digit_by_digit():
    assert catalog("ja").digits("1234567890") == "1、2、3、4、5、6、7、8、9、0"
    assert catalog("en").digits("123") == "1, 2, 3"


def test_every_prompt_and_procedure_phrase_exists_in_every_language():
    assert set(JA) == set(EN) - {"language_offer"}
    for code in ("zh", "ko", "vi"):
        assert set(CATALOGS[code].m.PROMPTS) == set(EN), code
    for cat in CATALOGS.values():
        for table in ("SERVICES", "CENTERS", "ADDRESSES", "CLOSED_REASONS"):
            assert set(getattr(cat.m, table)) == set(getattr(catalog("ja").m, table)), cat.code


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_prompt_fills_in_the_same_values_in_every_language():
    for cat in CATALOGS.values():
        for key, template in cat.m.PROMPTS.items():
            assert _fields(template) == _fields(EN[key]), (cat.code, key)


def test_what_to_bring_is_what_the_texts_name():
    assert catalog("ja").bring("cert") == "マイナンバーカード、本人確認書類をお持ちください。"
    assert catalog("en").bring("issue").startswith("Please bring the notice postcard")


def test_a_reference_is_read_in_groups_of_three_three_and_four():
    assert catalog("ja").reference("1234567890") == "1、2、3の、4、5、6の、7、8、9、0"
    assert catalog("en").reference("1234567890") == "1, 2, 3; 4, 5, 6; 7, 8, 9, 0"


def test_an_unknown_language_falls_back_to_japanese():
    assert catalog("tl").code == "ja"


def test_a_menu_plays_inside_a_one_key_gather_and_silence_redirects_to_the_same_step():
    xml = twiml.prompt(
        before=[Speech("ja", "お知らせ")],
        inside=[Speech("ja", "1を押してください。")],
        action="/ivr/step?s=3",
        entry=False,
        voices=VOICES,
    )
    root = ET.fromstring(xml)
    assert [child.tag for child in root] == ["Say", "Gather", "Redirect"]
    gather = root.find("Gather")
    assert gather is not None and gather.get("numDigits") == "1"
    assert gather.get("action") == "/ivr/step?s=3"
    say = gather.find("Say")
    assert say is not None and (say.get("voice"), say.get("language")) == ("Polly.Mizuki", "ja-JP")
    assert root.findtext("Redirect") == "/ivr/step?s=3"


def test_an_entry_ends_with_the_hash_key():
    xml = twiml.prompt(before=[], inside=[], action="/ivr/step?s=1", entry=True, voices=VOICES)
    gather = ET.fromstring(xml).find("Gather")
    assert (
        gather is not None and gather.get("finishOnKey") == "#" and gather.get("numDigits") is None
    )


def test_enqueue_names_the_queue_and_the_wait_url():
    xml = twiml.enqueue(before=[], queue="booking", wait_url="/ivr/queue/wait",
                        action="/ivr/queue/done?s=4", voices=VOICES)  # fmt: skip
    enqueue = ET.fromstring(xml).find("Enqueue")
    assert enqueue is not None and enqueue.text == "booking"
    assert enqueue.get("waitUrl") == "/ivr/queue/wait"


@pytest.mark.parametrize("entry", [False, True], ids=["menu", "entry"])
def test_a_prompt_of_fixed_words_is_built_once_and_given_each_steps_own_action(entry):
    ja = catalog("ja")
    menu = [ja.say("main_menu")]
    assert menu[0].fixed and not ja.say("give_up", web="example.jp").fixed

    def made(action: str, speeches: list[Speech]) -> str:
        return twiml.prompt(before=[], inside=speeches, action=action, entry=entry, voices=VOICES)

    twiml._fixed_prompt.cache_clear()
    first, second = made("/ivr/step?s=1", menu), made("/ivr/step?s=2", menu)
    assert twiml._fixed_prompt.cache_info().hits == 1
    plain = [Speech("ja", menu[0].text)]  # the same words, not marked fixed: rendered afresh
    assert first == made("/ivr/step?s=1", plain) and second == made("/ivr/step?s=2", plain)
    assert ET.fromstring(second).find("Gather").get("action") == "/ivr/step?s=2"
    assert twiml._fixed_prompt.cache_info().currsize == 1


def test_words_with_the_callers_details_are_never_kept():
    twiml._fixed_prompt.cache_clear()
    said = catalog("ja").say("give_up", web="example.jp")
    twiml.prompt(before=[said], inside=[], action="/ivr/step?s=4", entry=False, voices=VOICES)
    assert twiml._fixed_prompt.cache_info().currsize == 0
