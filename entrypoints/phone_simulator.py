"""`python -m entrypoints.phone_simulator`: ring the IVR and print what the caller hears.

Entries in --keys are keys ("1", "19600505#", "" for silence) or, once the caller is queued:
`*` (ask for a callback that keeps the place), `wait` (hold a while longer), `hangup`.
`--calls 3` places three such calls at once; `--hold 60` keeps queued callers waiting until an
agent answers them (the console's answer button) or a minute passed; `--hang-up` ends every
call still up at the end (a queued caller who hangs up is abandoned).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator

import redis

from entrypoints.cli import init_database
from ivr.simulator import (
    HIDDEN_NUMBER,
    FlaskTransport,
    Heard,
    HttpTransport,
    SimulatedCall,
    Transport,
)
from ivr.simulator_queue import follow
from runtime.config import Settings
from wsgi import create_app

SHOWN = {
    "say": "{lang:>6}  {text}",
    "play": "  play  {text}",
    "pause": " pause  {text} s",
    "press": "   >>>  {text}",
    "speak": "   >>>  「{text}」",
    "enqueue": " queue  waiting for an agent in '{text}'",
    "leave": " queue  left '{text}'",
    "agent": " agent  put through to {text}",
    "dial": "  dial  {text}",
    "hangup": "hangup {text}",
    "error": " error  {text}",
}
HOLD_EVERY_SECONDS = 2.0


def line(heard: Heard) -> str:
    """One transcript entry as a printed line."""
    return SHOWN.get(heard.kind, "{text}").format(text=heard.text, lang=heard.lang or "").rstrip()


def _in_process(settings: Settings) -> tuple[Transport, redis.Redis]:
    app = create_app()
    with app.app_context():
        init_database()
    runtime = app.extensions["runtime"]
    return FlaskTransport(app.test_client(), settings.public_base_url), runtime.redis


def _keys(script: str | None) -> Iterator[str]:
    if script is not None:
        yield from script.split(",")
        return
    while True:
        try:
            yield input("keys (Enter = no input, Ctrl-D = hang up)> ").strip()
        except EOFError:
            return


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Ring the IVR like Twilio would, offline.")
    parser.add_argument("--url", help="a running server (default: the app in-process)")
    parser.add_argument("--public-base-url", help="the URL Twilio signs (PUBLIC_BASE_URL)")
    parser.add_argument("--auth-token", help="TWILIO_AUTH_TOKEN (default: from the environment)")
    parser.add_argument("--redis-url", help="with --url: the server's Redis, for queue states")
    parser.add_argument("--keys", help='entries, comma-separated: "1,0,*" ("" = silence; '
                        '"say:あした" says the words where the line listens; '
                        "when queued: * = callback, wait, hangup)")  # fmt: skip
    parser.add_argument("--from", dest="caller", default="+819012345678", help="caller number")
    parser.add_argument("--hidden", action="store_true", help="a withheld number (非通知)")
    parser.add_argument("--calls", type=int, default=1, help="place this many calls at once")
    parser.add_argument("--hold", type=float, default=0, help="seconds queued callers wait")
    parser.add_argument("--hang-up", action="store_true", help="end every call still up")
    return parser


class Line:
    """One simulated caller and what has been printed of it."""

    def __init__(self, call: SimulatedCall, label: str, state: Callable[[SimulatedCall], str]):
        self.call, self.label, self.shown, self._state = call, label, 0, state

    def show(self) -> None:
        """Print what the caller heard since the last time."""
        for heard in self.call.transcript[self.shown :]:
            print(self.label + line(heard), flush=True)
        self.shown = len(self.call.transcript)

    def enter(self, transport: Transport, entry: str) -> bool:
        """One entry of the script; False when the call can take no more."""
        call = self.call
        if entry == "hangup":
            call.hang_up(transport)
        elif call.status == "queued":
            call.wait(transport, press=None if entry in {"wait", ""} else entry[:1])
        elif call.pending is not None and entry.startswith("say:"):
            call.speak(transport, entry[4:])
        elif call.pending is not None:
            call.press(transport, entry)
        else:
            return False
        self.show()
        return call.status != "completed"

    def follow(self) -> str:
        """The call's queue state (an agent's answer puts the caller through)."""
        return self._state(self.call)

    def end(self) -> str:
        """The closing line: the call's status and its queue state when known."""
        state = self.follow()
        return f"{self.label}[call {self.call.status}{', queue: ' + state if state else ''}]"


def _hold(lines: list[Line], transport: Transport, seconds: float) -> None:
    """Keep queued callers waiting (as Twilio replays the wait URL) until taken or time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        queued = [x for x in lines if x.call.status == "queued"]
        for x in queued:
            x.follow()  # an agent's answer puts the caller through
            if x.call.status == "queued":
                x.call.wait(transport)
            x.show()
        if not [x for x in lines if x.call.status == "queued"]:
            return
        time.sleep(HOLD_EVERY_SECONDS)


def main(argv: list[str] | None = None) -> int:
    """Place the calls, printing each thing heard; keys from --keys or the keyboard."""
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    public = args.public_base_url or settings.public_base_url
    connection: redis.Redis | None = None
    if args.url:
        transport: Transport = HttpTransport(args.url, public)
        if args.redis_url:
            connection = redis.Redis.from_url(args.redis_url)
    else:
        transport, connection = _in_process(settings)

    def state(call: SimulatedCall) -> str:
        return follow(connection, call) if connection is not None else ""

    count = max(1, args.calls)
    lines = []
    for n in range(count):
        caller = HIDDEN_NUMBER if args.hidden else _number(args.caller, n)
        call = SimulatedCall(public, args.auth_token or settings.twilio_auth_token, caller=caller)
        lines.append(Line(call, f"[{n + 1}] " if count > 1 else "", state))
        call.start(transport)
        lines[-1].show()
    for entry in _keys(args.keys):
        if not [x.enter(transport, entry) for x in lines if x.call.status != "completed"]:
            break
    _hold(lines, transport, args.hold)
    for x in lines if args.hang_up else []:
        x.call.hang_up(transport)
        x.show()
    for x in lines:
        print(x.end())
    return 0


def _number(caller: str, n: int) -> str:
    """The n-th caller's number: the given one, then the next numbers up (distinct callers)."""
    if n == 0 or not caller.lstrip("+").isdigit():
        return caller
    return f"+{int(caller.lstrip('+')) + n}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
