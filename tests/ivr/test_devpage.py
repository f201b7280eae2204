"""The dev server's browser phone: a keypad page driving the simulator server-side."""

from __future__ import annotations

from dataclasses import replace


def test_the_page_offers_a_keypad(client):
    reply = client.get("/ivr/simulator")
    assert reply.status_code == 200
    assert "IVR simulator" in reply.get_data(as_text=True)


def test_a_call_from_the_page_hears_the_welcome_then_the_main_menu(client):
    started = client.post("/ivr/simulator/api", json={"action": "start"}).get_json()
    assert started["status"] == "in-progress"
    assert started["transcript"][0]["text"].startswith("お電話ありがとうございます。")
    assert started["waiting_for"] == {"num_digits": 1, "finish_on_key": "#"}
    pressed = client.post(
        "/ivr/simulator/api", json={"action": "press", "id": started["id"], "keys": "1"}
    ).get_json()
    assert pressed["transcript"][-1]["text"].startswith("ご用件をお選びください。")


def test_the_page_does_not_exist_in_production(client, runtime):
    runtime.settings = replace(runtime.settings, app_env="production")
    assert client.get("/ivr/simulator").status_code == 404
    assert client.post("/ivr/simulator/api", json={"action": "start"}).status_code == 404
