"""One webhook, one transition: load the call, run its step, save only if nobody else did."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from booking_core.reminders import NoticeCall
from ivr import call_end, handoff, steps_notice, twiml
from ivr.catalog import CATALOGS, Speech
from ivr.engine import (
    MAX_TRIES,
    STEPS,
    WAIT_URL,
    Ctx,
    Next,
    Operator,
    Outcome,
    Repeat,
    Retry,
    global_key,
)
from ivr.keys import CALL_TTL_SECONDS, CALLBACK_KEPT_PREFIX
from ivr.state import CallState, CallStore
from ivr.steps_handover import with_hint
from runtime.bootstrap import Runtime
from runtime.config import Settings

ENDED = "ended"
KEY_URL = "/ivr/queue/key"


def voices(settings: Settings) -> twiml.Voices:
    """The <Say> voice and language of every catalog, voices from configuration."""
    return {code: (getattr(settings, c.voice_setting), c.language) for code, c in CATALOGS.items()}


def step_url(seq: int) -> str:
    """The URL of the next step; the counter tells a retried webhook from a new one."""
    return f"/ivr/step?s={seq}"


def render(
    ctx: Ctx, notes: Iterable[Speech] = (), before: Iterable[Speech] = (), *, hinted: bool = False
) -> str:
    """The current step's prompt inside a Gather, after the notes (`hinted`: with the offer of
    `8` where the step has it)."""
    current = STEPS[ctx.state.step]
    prompt = current.prompt(ctx)
    if hinted and current.handover:
        prompt = with_hint(ctx, prompt, entry=current.entry)
    return twiml.prompt(
        before=before,
        inside=[*notes, *prompt],
        action=step_url(ctx.state.seq),
        entry=current.entry,
        voices=voices(ctx.runtime.settings),
        speech=ctx.cat.language if current.speech else "",
        timeout=twiml.LANGUAGE_TIMEOUT_SECONDS if ctx.state.step == "language" else None,
    )


def _hangup(ctx: Ctx, notes: Iterable[Speech]) -> str:
    ctx.state.step = ENDED
    return twiml.goodbye([*notes, ctx.say("goodbye")], voices(ctx.runtime.settings))


def _operator(ctx: Ctx, topic: str, notes: Iterable[Speech]) -> str:
    state = ctx.state
    route = handoff.decide(ctx.runtime, ctx.now, language=state.lang, topic=topic)
    joined = route.queue is not None and handoff.join_queue(
        ctx.runtime,
        call_sid=state.sid,
        queue=route.queue,
        caller=state.caller,
        language=state.lang,
        now=ctx.now,
    )
    if route.queue is not None and joined:
        state.step, state.data["queue"] = "queued", route.queue
        state.reached_queue = route.queue
        return twiml.enqueue(
            before=[*notes, ctx.say("to_operator")],
            queue=route.queue,
            wait_url=WAIT_URL,
            action=f"/ivr/queue/done?s={state.seq}",
            voices=voices(ctx.runtime.settings),
        )
    state.step, state.tries, state.data["topic"] = "callback_offer", 0, topic
    why = [ctx.say(route.reason or "nobody_on_duty")]
    if route.reason == "outside_hours":  # inside them, the hours would not help the caller
        why.append(ctx.say("staffed_hours"))
    return render(ctx, [*notes, *why])


def _retry(ctx: Ctx, outcome: Retry) -> str:
    state = ctx.state
    topic = STEPS[state.step].topic
    if outcome.back_to:
        count = state.data["misses"] = state.data.get("misses", 0) + 1
        state.step, state.tries = outcome.back_to, 0
    else:
        state.tries += 1
        count = state.tries
    if count < MAX_TRIES:  # in a booking step on a mobile, a failed try hears of `8` (web)
        return render(ctx, outcome.notes, hinted=True)
    if topic != "callback" and handoff.staffed(ctx.runtime, ctx.now):
        return _operator(ctx, topic, outcome.notes)
    give_up = ctx.say("give_up", web=ctx.cat.web(ctx.runtime.settings))
    return _hangup(ctx, [*outcome.notes, give_up])


def apply(ctx: Ctx, outcome: Outcome) -> str:
    """Apply a step's outcome to the state (advancing its counter) and render the TwiML."""
    ctx.state.seq += 1
    if isinstance(outcome, Next):
        ctx.state.step, ctx.state.tries = outcome.step, 0
        if outcome.step == "main":
            ctx.state.data = {}
        return render(ctx, outcome.notes)
    if isinstance(outcome, Retry):
        return _retry(ctx, outcome)
    if isinstance(outcome, Operator):
        return _operator(ctx, outcome.topic, outcome.notes)
    if isinstance(outcome, Repeat):
        return render(ctx, outcome.notes)
    return _hangup(ctx, outcome.notes)


def answer(
    runtime: Runtime, *, call_sid: str, caller: str | None, hidden: bool, now: datetime
) -> str:
    """The entry of a call: emergency announcement, welcome, language choice."""
    store = CallStore(runtime.redis)
    stored = store.load(call_sid)
    if stored is not None:  # Twilio retried the entry webhook
        if stored.answered is None and (xml := store.answer_given(call_sid)):
            return xml
        return render(Ctx(runtime, stored.state, now))
    ctx = Ctx(runtime, CallState(call_sid, caller, hidden), now)
    before = [*ctx.emergency("ja"), ctx.say("welcome")]
    xml = render(ctx, before=before)
    if not store.save(ctx.state, expected_seq=None, xml=xml):
        return answer(runtime, call_sid=call_sid, caller=caller, hidden=hidden, now=now)
    return xml


def answer_notice(runtime: Runtime, *, call_sid: str, call: NoticeCall, now: datetime) -> str:
    """The entry of a reminder or closure call the city placed: what it is about, and its keys."""
    store = CallStore(runtime.redis)
    stored = store.load(call_sid)
    if stored is not None:  # Twilio retried the entry webhook
        return store.answer_given(call_sid) or render(Ctx(runtime, stored.state, now))
    ctx = Ctx(runtime, steps_notice.start_state(call_sid, call), now)
    xml = render(ctx)
    if not store.save(ctx.state, expected_seq=None, xml=xml):
        return answer_notice(runtime, call_sid=call_sid, call=call, now=now)
    return xml


def advance(
    runtime: Runtime,
    *,
    call_sid: str,
    seq: int,
    digits: str | None,
    now: datetime,
    extra: dict[str, Any] | None = None,
) -> str:
    """Take one step of a call; a repeated webhook gets the answer it got the first time."""
    store = CallStore(runtime.redis)
    stored = store.load(call_sid)
    if stored is None:  # expired or unknown: start the call again
        return twiml.redirect("/ivr/voice")
    if stored.state.seq != seq or stored.state.step == ENDED:
        if stored.answered == seq and (xml := store.answer_given(call_sid)):
            return xml
        return render(Ctx(runtime, stored.state, now))
    ctx = Ctx(runtime, stored.state, now, extra or {})
    current = STEPS[ctx.state.step]
    outcome = global_key(ctx, digits) if current.entry else None
    xml = apply(ctx, outcome or current.handle(ctx, digits or None))
    if store.save(ctx.state, expected_seq=seq, xml=xml):
        return xml
    return advance(runtime, call_sid=call_sid, seq=seq, digits=digits, now=now, extra=extra)


def hold_music(runtime: Runtime, *, call_sid: str, now: datetime) -> str:
    """A queued caller's wait loop: keep waiting while someone can answer, else leave."""
    stored = CallStore(runtime.redis).load(call_sid)
    state = stored.state if stored else CallState(call_sid, None)
    ctx = Ctx(runtime, state, now)
    queue = state.data.get("queue", "general")
    if handoff.decide(runtime, now, language=state.lang, topic=queue).queue is None:
        return twiml.leave_queue([], voices(runtime.settings))
    place, wait = handoff.position(runtime, call_sid)
    said = [ctx.say("queue_wait")] if place > 1 else []  # 混み合って only with others ahead
    if place:
        minutes = max(1, -(-wait // 60))
        estimate = ctx.say("queue_estimate", minutes=minutes) if minutes > 1 else None
        said += [ctx.say("queue_position", n=place), estimate or ctx.say("queue_estimate_one")]
    music = runtime.settings.hold_music_url
    if state.caller is None:  # a hidden number cannot be called back: no such offer
        return twiml.hold(said, voices(runtime.settings), key_action=None, music=music)
    line = ctx.cat.phone_number(runtime.settings.city_line_number)
    said.append(ctx.say("queue_star", number=line))
    return twiml.hold(said, voices(runtime.settings), key_action=KEY_URL, music=music)


def transferred(runtime: Runtime, *, call_sid: str, now: datetime) -> str:
    """An agent moved the caller into another queue (the ACD already has them waiting there):
    enqueue them in it with the usual hold announcements; the queue step follows on as for any
    queued caller. The English desk's queue speaks to the caller in English from here on."""
    store = CallStore(runtime.redis)
    stored = store.load(call_sid)
    state = stored.state if stored else CallState(call_sid, None)
    expected = state.seq if stored else None
    queue = handoff.current_queue(runtime, call_sid)
    state.seq += 1
    state.step, state.data["queue"], state.reached_queue = "queued", queue, queue
    if queue == handoff.ENGLISH_QUEUE:
        state.lang = "en"
    ctx = Ctx(runtime, state, now)
    xml = twiml.enqueue(
        before=[ctx.say("to_operator")],
        queue=queue,
        wait_url=WAIT_URL,
        action=f"/ivr/queue/done?s={state.seq}",
        voices=voices(runtime.settings),
    )
    if not store.save(state, expected_seq=expected, xml=xml):
        return transferred(runtime, call_sid=call_sid, now=now)
    return xml


def queue_key(runtime: Runtime, *, call_sid: str, digits: str | None, now: datetime) -> str:
    """A key pressed while waiting: * leaves a callback request that keeps the caller's place."""
    stored = CallStore(runtime.redis).load(call_sid)
    if stored is None or digits != "*":
        return hold_music(runtime, call_sid=call_sid, now=now)
    state, ctx = stored.state, Ctx(runtime, stored.state, now)
    if state.caller is None:
        notes = [ctx.say("queue_callback_hidden")]
        return twiml.hold(notes, voices(runtime.settings), key_action=None)
    handoff.keep_place_for_callback(
        runtime,
        call_sid=call_sid,
        number=state.caller,
        queue=state.data.get("queue", "general"),
        language=state.lang,
        now=now,
    )
    runtime.redis.set(CALLBACK_KEPT_PREFIX + call_sid, "1", ex=CALL_TTL_SECONDS)
    return twiml.leave_queue([ctx.say("queue_callback_kept")], voices(runtime.settings))


def finished(runtime: Runtime, *, call_sid: str, status: str, now: datetime) -> None:
    """A status callback: tell the agent queues a waiting caller has gone; forget the call."""
    if status not in {"completed", "busy", "failed", "no-answer", "canceled"}:
        return
    store = CallStore(runtime.redis)
    stored = store.load(call_sid)
    if stored is not None and "queue" in stored.state.data:
        handoff.left(runtime, call_sid=call_sid, reason=status, now=now)
    if stored is not None:  # a repeated callback finds the call forgotten: counted once
        call_end.record_ended(runtime, stored.state, now=now)
    store.forget(call_sid)


def system_error(runtime: Runtime) -> str:
    """What a caller hears when a step fails: sorry (in both languages), the web, goodbye."""
    settings = runtime.settings
    said = [CATALOGS[c].say("system_error", web=CATALOGS[c].web(settings)) for c in ("ja", "en")]
    return twiml.goodbye(said, voices(runtime.settings))
