"""TwiML built by small pure functions: prompts inside <Gather>, hand-offs, goodbyes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from xml.sax.saxutils import escape

from twilio.twiml import TwiML
from twilio.twiml.voice_response import Gather, VoiceResponse

from ivr.catalog import Speech

# language code -> (Polly voice, BCP 47 language) for <Say>
Voices = Mapping[str, tuple[str, str]]
ENTRY_TIMEOUT_SECONDS = 10  # older callers need time for eight digits and a #
LANGUAGE_TIMEOUT_SECONDS = 2  # Japanese goes on after 2 s without a key
WAIT_PAUSE_SECONDS = 20
HOLD_KEY_SECONDS = 1  # after the hold music, the wait URL is fetched again at once


def _say(parent: TwiML, speeches: Iterable[Speech], voices: Voices) -> None:
    for speech in speeches:
        voice, language = voices[speech.lang]
        parent.say(speech.text, voice=voice, language=language)


def prompt(
    *,
    before: Iterable[Speech],
    inside: Iterable[Speech],
    action: str,
    entry: bool,
    voices: Voices,
    speech: str = "",
    timeout: int | None = None,
) -> str:
    """Say `before`, then gather keys while `inside` plays; no input redirects to the action.

    With `speech` (a BCP 47 language) the Gather also listens (input="dtmf speech"): Twilio
    posts what it heard as SpeechResult.

    Menus and requests for keys are the same words on every call: when every speech is a fixed
    catalog prompt the document is built once (per language, voices and step) and only the
    action, the step counter in it, is put in afresh. Anything said with the caller's own
    details is rendered each time and never kept.
    """
    before, inside = tuple(before), tuple(inside)
    if all(s.fixed for s in before) and all(s.fixed for s in inside):
        template = _fixed_prompt(
            before, inside, entry, tuple(sorted(voices.items())), speech, timeout
        )
        return template.replace(_ACTION_MARK, escape(action, {'"': "&quot;"}))
    return _prompt(before, inside, action, entry, voices, speech, timeout)


_ACTION_MARK = "/ivr/__action__"


@lru_cache(maxsize=512)
def _fixed_prompt(
    before: tuple[Speech, ...],
    inside: tuple[Speech, ...],
    entry: bool,
    voices: tuple[tuple[str, tuple[str, str]], ...],
    speech: str,
    timeout: int | None,
) -> str:
    return _prompt(before, inside, _ACTION_MARK, entry, dict(voices), speech, timeout)


def _prompt(
    before: Iterable[Speech],
    inside: Iterable[Speech],
    action: str,
    entry: bool,
    voices: Voices,
    speech: str = "",
    timeout: int | None = None,
) -> str:
    response = VoiceResponse()
    _say(response, before, voices)
    listen = {"input": "dtmf speech", "language": speech, "speech_timeout": "auto"}
    listen = listen if speech else {}
    if entry:
        gather = Gather(action=action, finish_on_key="#", timeout=timeout or ENTRY_TIMEOUT_SECONDS,
                        **listen)  # fmt: skip
    else:
        gather = Gather(action=action, num_digits=1, **({"timeout": timeout} if timeout else {}))
    _say(gather, inside, voices)
    response.append(gather)
    response.redirect(action)
    return str(response)


def enqueue(
    *, before: Iterable[Speech], queue: str, wait_url: str, action: str, voices: Voices
) -> str:
    """Announce, then put the caller in an agent queue."""
    response = VoiceResponse()
    _say(response, before, voices)
    response.enqueue(queue, wait_url=wait_url, action=action)
    return str(response)


def goodbye(speeches: Iterable[Speech], voices: Voices) -> str:
    """Say the last words and hang up."""
    response = VoiceResponse()
    _say(response, speeches, voices)
    response.hangup()
    return str(response)


def hold(
    speeches: Iterable[Speech],
    voices: Voices,
    *,
    key_action: str | None = None,
    music: str = "",
) -> str:
    """What a queued caller hears while waiting (Twilio replays the wait URL): short words, then
    music (or a pause when none is set) instead of silence; * may be pressed."""
    response = VoiceResponse()
    if key_action is None:
        _say(response, speeches, voices)
        _music(response, music)
        return str(response)
    gather = Gather(action=key_action, num_digits=1, timeout=HOLD_KEY_SECONDS if music else
                    WAIT_PAUSE_SECONDS)  # fmt: skip
    _say(gather, speeches, voices)
    if music:
        gather.play(music)
    response.append(gather)
    return str(response)


def _music(parent: TwiML, music: str) -> None:
    if music:
        parent.play(music)
    else:
        parent.pause(length=WAIT_PAUSE_SECONDS)


def leave_queue(speeches: Iterable[Speech], voices: Voices) -> str:
    """Take a waiting caller out of the queue (to the Enqueue action)."""
    response = VoiceResponse()
    _say(response, speeches, voices)
    response.leave()
    return str(response)


def redirect(url: str) -> str:
    """Send the call on to another step."""
    response = VoiceResponse()
    response.redirect(url)
    return str(response)
