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
    # A busy server: the answer to "4" is held back while "2" is pressed, then answers go out
    # latest first. The page must hold "2" until "4" is answered, not send it against the menu.
    held: list = []
    holding = [True]

    def hold(route) -> None:
        if holding[0]:
            held.append(route)
        else:
            route.continue_()

    page.route("**/simulator/api", hold)
    page.click("#keys button:text-is('4')")
    _pump_until(page, lambda: len(held) >= 1)
    page.click("#keys button:text-is('2')")
    holding[0] = False
    for route in reversed(held):
        route.continue_()
    page.wait_for_function("document.querySelector('#log').innerText.includes('プレミアヨコハマ')")
    assert "press a key" in page.inner_text("#status")
    page.close()


def _pump_until(page, condition, tries: int = 500) -> None:
    """Let the browser's events arrive until `condition` holds (a bound on tries, not a time)."""
    for _ in range(tries):
        if condition():
            return
        page.wait_for_timeout(20)
    raise AssertionError("the page never sent its request")
