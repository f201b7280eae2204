"""Fault drills: a burst of texts through a real worker while it, Redis or the provider fails.

Each drill ends with 0 texts lost and 0 sent twice: every text is sent, delivered or refused
(an unknown one settled by Twilio's status callback), and no text made two messages.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from queues.gateway import status_callback_url
from tests.drills.conftest import BURST, FINAL, wait_for

pytestmark = pytest.mark.slow


def _number(form: dict[str, str]) -> int:
    return int(form["To"][-2:])


def _children(pid: int) -> list[str]:
    """The processes a process forked (Linux)."""
    tasks = Path(f"/proc/{pid}/task")
    return [c for t in tasks.iterdir() for c in (t / "children").read_text().split()]


def assert_every_text_once(drill, burst: int = BURST) -> None:
    """No text lost, none doubled: a message at Twilio for each sent text, none for a refused."""
    per_text = drill.fake.texts_per_callback()
    settings = drill.runtime.settings
    statuses = drill.statuses()
    assert len(statuses) == burst
    for text_id, (status, error) in statuses.items():
        messages = per_text.get(status_callback_url(settings, text_id), 0)
        assert status in FINAL, (text_id, status, error)
        assert messages == (0 if status == "refused" else 1), (text_id, status, messages)


def test_a_worker_killed_mid_send_loses_and_doubles_no_text(drill, client):
    tenth = threading.Event()

    def answer(_form: dict[str, str], _tries: int) -> str:
        if len(drill.fake.created) == 9:
            tenth.set()
            return "hang"  # Twilio takes the tenth text; the worker dies before the answer
        return "ok"

    drill.fake.answer = answer
    first = drill.start_worker()
    drill.burst()
    wait_for(tenth.is_set)
    assert _children(first.pid) == []  # the scheduler is a thread: nothing can outlive it
    first.kill()
    first.wait()
    second = drill.start_worker()
    wait_for(drill.settled, state=drill.statuses)
    assert second.poll() is None
    assert [e for s, e in drill.statuses().values() if s == "unknown"] == ["interrupted"]
    drill.twilio_calls_back(client)
    assert_every_text_once(drill)


def test_redis_killed_mid_burst_loses_and_doubles_no_text(drill, redis_server, client):
    # every third number is busy at first: its retry needs the scheduler, across the outage
    drill.fake.answer = lambda form, tries: (
        "busy" if _number(form) % 3 == 0 and tries == 1 else "ok"
    )
    worker = drill.start_worker()
    drill.burst()
    wait_for(lambda: len(drill.fake.created) >= 8)
    redis_server.kill()
    threading.Event().wait(1.0)  # the worker meets the outage
    redis_server.start()
    wait_for(drill.settled, state=drill.statuses)
    assert worker.poll() is None  # it outlived the outage
    drill.twilio_calls_back(client)
    assert_every_text_once(drill)


def test_a_hung_provider_holds_no_text_and_every_one_is_settled(drill, client):
    drill.fake.answer = lambda form, _tries: "hang" if _number(form) % 4 == 0 else "ok"
    drill.start_worker()
    drill.burst()
    wait_for(drill.settled, state=drill.statuses)
    unknown = [e for s, e in drill.statuses().values() if s == "unknown"]
    assert unknown == ["ReadTimeout"] * len(range(0, BURST, 4))
    drill.twilio_calls_back(client)
    assert_every_text_once(drill)


def test_a_refusing_provider_sends_nothing_twice_and_retries_only_what_it_put_off(drill, client):
    def answer(form: dict[str, str], tries: int) -> str:
        if _number(form) % 2:
            return "refuse"  # a number Twilio will not text
        return "busy" if tries == 1 and _number(form) % 4 == 0 else "ok"

    drill.fake.answer = answer
    drill.start_worker()
    drill.burst()
    wait_for(drill.settled, state=drill.statuses)
    refused = sorted(i for i, (s, _e) in drill.statuses().items() if s == "refused")
    assert len(refused) == BURST // 2
    assert_every_text_once(drill)


REMINDERS = 400


def test_a_worker_killed_twice_in_a_burst_of_reminders_loses_and_doubles_none(drill, client):
    assert drill.reminders(REMINDERS) == REMINDERS
    held = threading.Event()

    def answer(_form: dict[str, str], _tries: int) -> str:
        if len(drill.fake.created) in (99, 299):
            held.set()
            return "hang"  # Twilio takes the 100th (300th) text; the worker dies before the answer
        return "ok"

    drill.fake.answer = answer
    for _kill in range(2):
        worker = drill.start_worker()
        wait_for(held.is_set, seconds=120)
        worker.kill()  # kill -9, mid-burst
        worker.wait()
        held.clear()
    drill.start_worker()
    wait_for(drill.settled, seconds=180, state=lambda: sorted(set(drill.statuses().values())))
    interrupted = [e for s, e in drill.statuses().values() if s == "unknown"]
    assert interrupted == ["interrupted", "interrupted"]  # the two cut off at Twilio
    drill.twilio_calls_back(client)  # ... which settles them
    assert_every_text_once(drill, REMINDERS)
    assert all("お持ちいただくもの" in m["Body"] for m in drill.fake.created)
