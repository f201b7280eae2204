"""In headless Chromium: a developer rings the IVR from the dev page's keypad."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright; skipped where it is not installed."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("no /usr/bin/chromium here")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_the_keypad_page_rings_and_takes_keys(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/ivr/simulator")
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
