"""The call engine: steps registered by name, outcomes applied to the state, TwiML rendered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from booking_core.identifiers import contains_my_number
from ivr.catalog import Catalog, Speech, catalog
from ivr.state import CallState
from queues.keys import emergency_key
from runtime.bootstrap import Runtime

MAX_TRIES = 3
WAIT_URL = "/ivr/queue/wait"


@dataclass(frozen=True)
class Next:
    """Go to a step (tries start again), saying the notes first."""

    step: str
    notes: tuple[Speech, ...] = ()


@dataclass(frozen=True)
class Retry:
    """A failed try: say the notes and ask again (or go back to `back_to`); 3 failures end it."""

    notes: tuple[Speech, ...]
    back_to: str | None = None


@dataclass(frozen=True)
class Operator:
    """Hand the caller to a person (or, when nobody can answer, offer a callback)."""

    topic: str
    notes: tuple[Speech, ...] = ()


@dataclass(frozen=True)
class Hangup:
    """Say the last words and end the call."""

    notes: tuple[Speech, ...] = ()


@dataclass(frozen=True)
class Repeat:
    """Say the step's prompt again (`*`): never a failed try."""

    notes: tuple[Speech, ...] = ()


Outcome = Next | Retry | Operator | Hangup | Repeat


@dataclass
class Ctx:
    """What a step sees: the runtime, the call's state and the moment."""

    runtime: Runtime
    state: CallState
    now: datetime
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cat(self) -> Catalog:
        """The caller's language catalog."""
        return catalog(self.state.lang)

    @property
    def data(self) -> dict[str, Any]:
        """What the caller has entered so far."""
        return self.state.data

    def say(self, key: str, **values: Any) -> Speech:
        """A prompt in the caller's language."""
        return self.cat.say(key, **values)

    def emergency(self, lang: str) -> list[Speech]:
        """The supervisor's emergency announcement in a language, if one is set."""
        raw = self.runtime.redis.get(emergency_key(lang))
        text = raw.decode() if isinstance(raw, bytes) else raw
        # One stored before the core guard existed (or written around it) is never read out.
        return [Speech(lang, text)] if text and not contains_my_number(text) else []


Prompt = Callable[[Ctx], list[Speech]]
Handler = Callable[[Ctx, str | None], Outcome]


@dataclass(frozen=True)
class Step:
    """A step of the call: what it says, how it takes keys, where failures go."""

    prompt: Prompt
    handle: Handler
    entry: bool
    topic: str
    # keys the step itself uses beside its options (an entry's "0#"), and whether the keys
    # every menu knows (* repeat, 9 main menu, 0 operator) apply: not on calls the city placed
    own: frozenset[str] = frozenset()
    anywhere: bool = True
    speech: bool = False  # the caller may say the entry (input="dtmf speech")
    handover: bool = False  # a booking step: `8` texts a link to continue on the web (mobiles)


STEPS: dict[str, Step] = {}


def step(
    name: str,
    *,
    says: Prompt,
    entry: bool = False,
    topic: str = "general",
    own: str = "",
    anywhere: bool = True,
    speech: bool = False,
    handover: bool = False,
) -> Callable[[Handler], Handler]:
    """Register a step's handler with its prompt."""

    def register(handle: Handler) -> Handler:
        if name in STEPS:  # one name, one step: a second would silently replace the first
            raise ValueError(f"IVR step {name!r} is registered twice")
        STEPS[name] = Step(says, handle, entry, topic, frozenset(own), anywhere, speech, handover)
        return handle

    return register


GLOBAL_KEYS = frozenset({"*", "9", "0"})
HANDOVER_KEY = "8"
# What `8` does in a booking step (ivr.steps_handover registers it).
HANDOVER: list[Callable[[Ctx], Outcome | None]] = []


def global_key(ctx: Ctx, digits: str | None) -> Outcome | None:
    """The keys that work in every menu and entry where the step does not use them itself:
    `*` repeats the prompt (never a failed try), `9` the main menu, `0` an operator, and in
    the booking steps `8` a text with a link to go on on the web."""
    current = STEPS[ctx.state.step]
    if not current.anywhere or digits in current.own:
        return None
    if digits == HANDOVER_KEY and current.handover and HANDOVER and (done := HANDOVER[0](ctx)):
        return done
    if digits not in GLOBAL_KEYS:
        return None
    if digits == "*":
        return Repeat()
    if digits == "9":
        return Next("main")
    return Operator(current.topic if current.topic != "callback" else "general")


def no_input_or_wrong(ctx: Ctx, digits: str | None) -> Retry:
    """The kind retry of a menu: nothing pressed, or a key that is not offered."""
    return Retry((ctx.say("no_input" if not digits else "wrong_key"),))


def menu(ctx: Ctx, digits: str | None, options: dict[str, Callable[[], Outcome]]) -> Outcome:
    """Dispatch one key to its option."""
    chosen = options.get(digits or "")
    if chosen:
        return chosen()
    return global_key(ctx, digits) or no_input_or_wrong(ctx, digits)


AFTER_CONFIRM: dict[str, Callable[[Ctx], Outcome]] = {}


def ask_to_confirm(ctx: Ctx, *, field: str, value: Any, spoken: str, back: str) -> Next:
    """Read an entry back (「…ですね。よろしければ1を…」) before keeping it."""
    ctx.data["confirm"] = {"field": field, "value": value, "say": spoken, "back": back}
    return Next("confirm")


def after_confirm(name: str) -> Callable[[Callable[[Ctx], Outcome]], Callable[[Ctx], Outcome]]:
    """Register what follows once an entry is confirmed."""

    def register(then: Callable[[Ctx], Outcome]) -> Callable[[Ctx], Outcome]:
        AFTER_CONFIRM[name] = then
        return then

    return register
