"""A booking begun on the phone, continued on the web: key `8` texts a link to a mobile.

What the caller entered (procedure, centre, party size, birth date, the day and time chosen)
is kept on the server for HANDOVER_TTL under an unguessable token; the link holds only the
token. The token is an HMAC of the CallSid, so a webhook run twice (or two workers racing on
one call) keeps one record and owes one text; a later `8` in the same call refreshes the
entries under the same token and sends nothing more. The mobile number the text goes to is kept
only until the text has gone. Creating and opening a handover are audited (the fields named,
never their values).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from booking_core import audit
from booking_core.db import UnitOfWork
from booking_core.notices import texts_go_to
from booking_core.policy import Actor

HANDOVER_TTL = timedelta(hours=24)
HANDOVER_PREFIX = "mynacall:handover:"  # + token: a STRING (JSON) of the entries
SENT_PREFIX = "mynacall:handover-sent:"  # + token: set once the text's send was begun
ASKED_PREFIX = "mynacall:handover-asked:"  # + token: set by the call's first `8`
TOKEN_BYTES = 24
# What may be carried from a call (its `data`) to the web form: choices and the birth date.
CARRIED = ("service", "center", "party", "birth", "day", "start", "notice", "min_day")


class Store(Protocol):
    """The few Redis commands a handover needs (redis.Redis, or a fake in tests)."""

    def get(self, name: str) -> Any: ...

    def set(
        self, name: str, value: str, *, ex: int | None = None, nx: bool = False,
        keepttl: bool = False,
    ) -> Any: ...  # fmt: skip

    def delete(self, *names: str) -> Any: ...


@dataclass(frozen=True)
class Handover:
    """What a caller entered on the phone, to pre-fill the web booking."""

    lang: str
    service: str | None = None
    center: str | None = None
    party: int | None = None
    birth: str | None = None  # ISO date
    day: str | None = None  # ISO date
    start: str | None = None  # HH:MM
    notice: str | None = None  # issuance: the notice number (kept server-side only)
    min_day: str | None = None  # issuance: the card's first possible day
    to: str | None = None  # the mobile the text goes to; dropped once sent


def offered_to(caller: str | None) -> bool:
    """Whether `8` is offered on this call: only a mobile can receive the text."""
    return texts_go_to(caller)


def handover_token(secret_key: str, call_sid: str) -> str:
    """The call's token: unguessable without the secret, the same for every `8` of a call."""
    mac = hmac.new(secret_key.encode(), b"phone-handover:" + call_sid.encode(), hashlib.sha256)
    return mac.hexdigest()[: TOKEN_BYTES * 2]


def entries_of(data: dict[str, Any], lang: str) -> Handover:
    """The entries of a call worth carrying to the web (the rest, e.g. read-back, stays)."""
    kept = {k: data[k] for k in CARRIED if data.get(k) not in (None, "")}
    if "party" in kept:
        kept["party"] = int(kept["party"])
    return Handover(lang=lang, **kept)


def _key(token: str) -> str:
    return HANDOVER_PREFIX + token


def hand_over(
    uow: UnitOfWork,
    store: Store,
    *,
    secret_key: str,
    call_sid: str,
    caller: str,
    entries: Handover,
    now: datetime,
) -> tuple[str, bool, bool]:
    """Keep the entries for the web (audited); (token, whether this is the call's first `8`,
    whether the text's send is not begun yet: then its job is to be queued, again if need be,
    since a webhook cut off before queuing it is run again by Twilio)."""
    token = handover_token(secret_key, call_sid)
    ttl = int(HANDOVER_TTL.total_seconds())
    owed = store.get(SENT_PREFIX + token) is None
    kept = asdict(entries) | {"to": caller if owed else None}  # the number only until sent
    store.set(_key(token), json.dumps(kept), ex=ttl)
    first = bool(store.set(ASKED_PREFIX + token, "1", ex=ttl, nx=True))
    with uow:
        filled = sorted(k for k, v in asdict(entries).items() if v and k not in ("lang", "to"))
        audit.record(
            uow.session,
            actor=Actor.resident("ivr", call_sid),
            action="handover.create",
            entity="phone_handover",
            entity_id=token[:8],
            at=now,
            fields=filled,
        )
        uow.commit()
    return token, first, owed


def read(store: Store, token: str) -> Handover | None:
    """The entries under a token, or None when unknown or expired."""
    if not token.isalnum() or len(token) != TOKEN_BYTES * 2:
        return None
    raw = store.get(_key(token))
    return Handover(**json.loads(raw)) if raw else None


def open_handover(
    uow: UnitOfWork, store: Store, token: str, *, actor: Actor, now: datetime
) -> Handover | None:
    """The entries a link carries to the web form (audited), or None when gone."""
    found = read(store, token)
    if found is not None:
        with uow:
            audit.record(uow.session, actor=actor, action="handover.open",
                         entity="phone_handover", entity_id=token[:8], at=now)  # fmt: skip
            uow.commit()
    return found


def begin_send(store: Store, token: str) -> Handover | None:
    """Claim the one send of a token's text: its entries (with `to`), or None when the text
    was already begun, or the entries are gone."""
    found = read(store, token)
    if found is None or not found.to:
        return None
    if not store.set(SENT_PREFIX + token, "1", ex=int(HANDOVER_TTL.total_seconds()), nx=True):
        return None
    return found


def send_failed(store: Store, token: str) -> None:
    """Nothing went out: the text may be tried again."""
    store.delete(SENT_PREFIX + token)


def sent(store: Store, token: str, entries: Handover) -> None:
    """The text went: forget the number, keep the entries until they expire."""
    kept = asdict(entries) | {"to": None}
    store.set(_key(token), json.dumps(kept), keepttl=True)
