"""`python -m entrypoints.phone_simulator`: ring the IVR and print what the caller hears."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from entrypoints.cli import init_database
from ivr.simulator import (
    HIDDEN_NUMBER,
    FlaskTransport,
    Heard,
    HttpTransport,
    SimulatedCall,
    Transport,
)
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
    "dial": "  dial  {text}",
    "hangup": "hangup",
    "error": " error  {text}",
}


def line(heard: Heard) -> str:
    """One transcript entry as a printed line."""
    return SHOWN.get(heard.kind, "{text}").format(text=heard.text, lang=heard.lang or "")


def _in_process(settings: Settings) -> Transport:
    app = create_app()
    with app.app_context():
        init_database()
    return FlaskTransport(app.test_client(), settings.public_base_url)


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
    parser.add_argument(
        "--keys",
        help='entries, comma-separated: "1,2,19600505#" ("" = silence; '
        '"say:あした" says the words where the line listens)',
    )
    parser.add_argument("--from", dest="caller", default="+819012345678", help="caller number")
    parser.add_argument("--hidden", action="store_true", help="a withheld number (非通知)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Place one call, printing each thing heard; keys from --keys or the keyboard."""
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    public = args.public_base_url or settings.public_base_url
    transport = HttpTransport(args.url, public) if args.url else _in_process(settings)
    call = SimulatedCall(
        public,
        args.auth_token or settings.twilio_auth_token,
        caller=HIDDEN_NUMBER if args.hidden else args.caller,
    )
    shown = 0

    def show() -> None:
        nonlocal shown
        for heard in call.transcript[shown:]:
            print(line(heard), flush=True)
        shown = len(call.transcript)

    call.start(transport)
    show()
    for entry in _keys(args.keys):
        if call.pending is None:
            break
        if entry.startswith("say:"):
            call.speak(transport, entry[4:])
        else:
            call.press(transport, entry)
        show()
    print(f"[call {call.status}]")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
