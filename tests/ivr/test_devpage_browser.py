"""In headless Chromium: a developer rings the IVR from the dev page's keypad."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_keypad_page_rings_and_takes_keys(chromium, live_server):
    page = chromium.new_page()
    page.goto(f"{live_server}/ivr/simulator")
    page.click("#call")
    page.wait_for_selector("#log p.say")
    assert page.inner_text("#log p.say").startswith("[ja-JP] お電話ありがとうございます。")
    page.click("#keys button:text-is('1')")
    page.wait_for_function(
        "document.querySelector('#log').innerText.includes('ご用件をお選びください')"
    )
    page.click("#keys button:text-is('4')")
    page.click("#keys button:text-is('2')")
    page.wait_for_function("document.querySelector('#log').innerText.includes('プレミアヨコハマ')")
    assert "press a key" in page.inner_text("#status")
    page.close()
