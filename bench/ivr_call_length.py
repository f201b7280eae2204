"""How long a call is: keypad entries, webhooks and seconds of speech per path, offline.

Places whole calls through the call simulator (ivr/simulator.py) against the app in-process,
on the embedded defaults (a SQLite file and a Valkey server in a temporary directory), the
clock frozen on Monday 2 November 2026 09:00. Speech is counted by characters without spaces:
Japanese (and Chinese, Korean) at 7 characters a second, English (and Vietnamese) at 15
(about 2.5 words a second), as the issue (15) measured it.

Run:   .venv/bin/python bench/ivr_call_length.py [--path NAME --keys "1,2,..."]
Prints a table and writes JSON to bench/results/. Target (issue 15): the Japanese
certificate-renewal booking at the earliest time in at most 8 entries (with the language key)
and at most 100 s of speech.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import print_table, write_results

CHARS_PER_SECOND = {"ja": 7.0, "en": 15.0}  # Chinese and Korean as Japanese, Vietnamese as English
LATIN = ("en", "vi")
NOW = "2026-11-02T09:00:00+09:00"

# The keys of each path on the current phone flow.
PATHS = {
    # language 1, main 2 (other procedure), 1 (cert), centre 1, birth date, party 1,
    # take the earliest offered time, book
    "ja_cert_earliest": ["1", "2", "1", "1", "19600505#", "1", "1", "1"],
    "en_cert_earliest": ["2", "2", "1", "1", "19600505#", "1", "1", "1"],
    "ja_main_menu": ["1"],
    "ja_info_one_centre": ["1", "4", "1"],
}


@dataclass
class Measured:
    """One call's length."""

    entries: int
    webhooks: int
    seconds: float
    characters: int
    said: list[str]


def _app() -> tuple[object, object]:
    """The app on embedded defaults in a fresh directory, migrated, with reference data."""
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    os.environ.update(
        INSTANCE_DIR=tempfile.mkdtemp(prefix="ivr-length-"), APP_NOW=NOW, TELEPHONY="offline",
        RATELIMIT_ENABLED="0", PUBLIC_BASE_URL="https://ivr.example.test",
    )  # fmt: skip
    from entrypoints.cli import init_database
    from ivr.simulator import FlaskTransport
    from runtime.config import Settings
    from wsgi import create_app

    app = create_app()
    with app.app_context():
        init_database()
    settings = Settings.from_env()
    return FlaskTransport(app.test_client(), settings.public_base_url), settings


def measure(transport: object, settings: object, keys: list[str], caller: str) -> Measured:
    """Ring once from a mobile and press the keys; count what was keyed and said."""
    from ivr.simulator import SimulatedCall

    call = SimulatedCall(settings.public_base_url, settings.twilio_auth_token, caller=caller)  # type: ignore[attr-defined]
    call.run(transport, keys)  # type: ignore[arg-type]
    said = [h for h in call.transcript if h.kind == "say"]
    entries = sum(1 for h in call.transcript if h.kind == "press" and h.text != "(no input)")
    chars = sum(len(h.text.replace(" ", "")) for h in said)
    seconds = sum(
        len(h.text.replace(" ", "")) / CHARS_PER_SECOND["en" if h.lang.startswith(LATIN) else "ja"]
        for h in said
    )
    return Measured(entries, call.requests, round(seconds, 1), chars, [h.text for h in said])


def main() -> int:
    """Measure every path (or one given on the command line) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", help="measure only this path")
    parser.add_argument("--keys", help="comma-separated keys for --path (e.g. an older flow)")
    parser.add_argument("--show", action="store_true", help="print what was said")
    args = parser.parse_args()
    paths = dict(PATHS)
    if args.path:
        paths = {args.path: args.keys.split(",") if args.keys else PATHS[args.path]}
    transport, settings = _app()
    results = {}
    for n, (name, keys) in enumerate(paths.items()):
        got = measure(transport, settings, keys, caller=f"+81901234{n:04d}")  # a person per path
        results[name] = {"keys": keys, **vars(got)}
        rows = [("entries", got.entries), ("webhooks", got.webhooks),
                ("speech (s)", got.seconds), ("characters", got.characters)]  # fmt: skip
        print_table(name, rows)
        if args.show:
            print("\n".join(got.said))
    print(f"\nresults: {write_results('ivr_call_length', {'paths': results})}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
