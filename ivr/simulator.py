"""An offline Twilio: rings /ivr/voice with signed webhooks, follows the TwiML, presses keys.

`python -m entrypoints.phone_simulator --keys "1,2,19600505#"` prints what the caller hears.
"""

from __future__ import annotations

import secrets
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from twilio.request_validator import RequestValidator

HIDDEN_NUMBER = "+266696687"  # what Twilio sends in From for a withheld number
CITY_NUMBER = "+81120769706"


class Transport(Protocol):
    """Delivers one signed webhook and returns (HTTP status, body)."""

    def post(self, url: str, form: Mapping[str, str], signature: str) -> tuple[int, str]:
        """POST the form to the URL Twilio would use."""
        ...


class FlaskTransport:
    """Posts to a Flask app in-process (tests, the dev page)."""

    def __init__(self, client: Any, public_base_url: str, headers: Mapping[str, str] | None = None):
        self.client, self.base, self.headers = (
            client,
            public_base_url.rstrip("/"),
            dict(headers or {}),
        )

    def post(self, url: str, form: Mapping[str, str], signature: str) -> tuple[int, str]:
        """POST through the test client, path and query taken from the public URL."""
        path = url[len(self.base) :] if url.startswith(self.base) else url
        headers = {**self.headers, "X-Twilio-Signature": signature}
        reply = self.client.post(path, data=dict(form), headers=headers)
        return reply.status_code, reply.get_data(as_text=True)


class HttpTransport:
    """Posts to a running server (loopback) while signing with the public URL."""

    def __init__(self, server_url: str, public_base_url: str) -> None:
        self.server, self.base = server_url.rstrip("/"), public_base_url.rstrip("/")

    def post(self, url: str, form: Mapping[str, str], signature: str) -> tuple[int, str]:
        """POST over HTTP."""
        path = url[len(self.base) :] if url.startswith(self.base) else url
        body = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.server + path, data=body, method="POST")
        request.add_header("X-Twilio-Signature", signature)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@dataclass
class Heard:
    """One thing in the transcript: said, played, paused, pressed, queued, dialled, hung up."""

    kind: str
    text: str = ""
    lang: str = ""


@dataclass
class Pending:
    """A <Gather> waiting for keys, and the verbs that follow it (played on no input)."""

    action: str
    num_digits: int | None
    finish_on_key: str
    doc_url: str
    rest: list[str]
    speech: bool = False  # input="dtmf speech": the caller may say the entry


@dataclass
class SimulatedCall:
    """A call as Twilio would place it; drive it with start() and press()."""

    public_base_url: str
    auth_token: str
    caller: str = "+819012345678"
    called: str = CITY_NUMBER
    call_sid: str = field(default_factory=lambda: "CA" + secrets.token_hex(16))
    account_sid: str = "AC" + "0" * 32
    max_wait_loops: int = 1
    max_requests: int = 200
    status: str = "ringing"
    queue: str | None = None
    transcript: list[Heard] = field(default_factory=list)
    pending: Pending | None = None
    waiting: list[str] | None = None  # [wait URL, Enqueue action] while queued
    requests: int = 0
    direction: str = "inbound"
    status_url: str | None = None  # where the end of the call is posted (else /ivr/status)

    def start(self, transport: Transport) -> SimulatedCall:
        """Ring the number's Voice URL."""
        self._request(transport, self.public_base_url.rstrip("/") + "/ivr/voice", {})
        return self

    @classmethod
    def placed(
        cls,
        public_base_url: str,
        auth_token: str,
        *,
        to: str,
        url: str,
        status_callback: str | None,
        city: str = CITY_NUMBER,
    ) -> SimulatedCall:
        """A call the city placed (REST calls.create): from the city's number to a resident."""
        return cls(public_base_url, auth_token, caller=city, called=to,
                   direction="outbound-api", status_url=status_callback)  # fmt: skip

    def pick_up(self, transport: Transport, url: str) -> SimulatedCall:
        """The resident answers a placed call: Twilio fetches its TwiML from `url`."""
        self._request(transport, url, {})
        return self

    def not_answered(self, transport: Transport, status: str = "no-answer") -> SimulatedCall:
        """Nobody picks up (or the line is busy): only the status callback comes."""
        self.status, self.pending = "completed", None
        self._post_status(transport, status)
        return self

    def press(self, transport: Transport, entry: str) -> SimulatedCall:
        """Key an entry into the waiting Gather ("" is silence: the Gather times out)."""
        if self.pending is None:
            raise RuntimeError("the call is not waiting for keys")
        gather, self.pending = self.pending, None
        self.transcript.append(Heard("press", entry or "(no input)"))
        digits, finished = entry, ""
        if gather.finish_on_key and gather.finish_on_key in entry:
            digits, finished = entry.split(gather.finish_on_key, 1)[0], gather.finish_on_key
        elif gather.num_digits:
            digits = entry[: gather.num_digits]
        if not digits:
            self._run(transport, gather.doc_url, [ET.fromstring(v) for v in gather.rest])
            return self
        extra = {"Digits": digits, **({"FinishedOnKey": finished} if finished else {})}
        self._request(transport, gather.action, extra)
        return self

    def speak(self, transport: Transport, words: str) -> SimulatedCall:
        """Say an entry into a Gather that listens: Twilio posts what it heard as SpeechResult."""
        if self.pending is None or not self.pending.speech:
            raise RuntimeError("the call is not listening for speech")
        gather, self.pending = self.pending, None
        self.transcript.append(Heard("speak", words))
        self._request(transport, gather.action, {"SpeechResult": words, "Confidence": "0.9"})
        return self

    def run(self, transport: Transport, keys: Iterable[str]) -> SimulatedCall:
        """Ring, then press each entry while the call waits for keys."""
        self.start(transport)
        for entry in keys:
            if self.pending is None:
                break
            self.press(transport, entry)
        return self

    def hang_up(self, transport: Transport) -> SimulatedCall:
        """The caller hangs up: a queued caller's Enqueue action first (QueueResult=hangup),
        then the status callback, as Twilio sends them."""
        if self.status == "completed":
            return self
        self.transcript.append(Heard("hangup", "caller"))
        action = self.waiting[1] if self.waiting and self.status == "queued" else ""
        self.pending, self.waiting, self.queue = None, None, None
        if action:
            self.status = "in-progress"
            form = self.params({"QueueResult": "hangup"})
            transport.post(action, form, self.sign(action, form))
        self._end(transport)
        return self

    def request_callback(self, transport: Transport) -> SimulatedCall:
        """Press * while queued: a callback request that keeps the caller's place."""
        if self.status != "queued":
            raise RuntimeError("the call is not waiting in a queue")
        return self.wait(transport, press="*")

    def connected(self, agent: str) -> SimulatedCall:
        """An agent took the queued caller (Twilio dequeues and bridges the call)."""
        if self.status == "queued":
            self.transcript.append(Heard("agent", agent))
            self.status, self.queue, self.waiting = "with-agent", None, None
        return self

    def redirected(self, transport: Transport, twiml: str) -> SimulatedCall:
        """The live call was given new TwiML (REST update: hold, a transfer), as the offline
        gateway recorded it; Twilio leaves the agent's bridge and runs it."""
        self.transcript.append(Heard("redirect", ""))
        self.status, self.pending, self.queue, self.waiting = "in-progress", None, None, None
        self._run(transport, self.public_base_url, list(ET.fromstring(twiml)))
        return self

    def said(self) -> list[str]:
        """Everything the caller heard spoken, in order."""
        return [h.text for h in self.transcript if h.kind == "say"]

    def params(self, extra: Mapping[str, str]) -> dict[str, str]:
        """The form Twilio posts on every webhook of this call."""
        form = {
            "CallSid": self.call_sid,
            "AccountSid": self.account_sid,
            "From": self.caller,
            "To": self.called,
            "Caller": self.caller,
            "Called": self.called,
            "CallStatus": "ringing" if self.status == "ringing" else "in-progress",
            "Direction": self.direction,
            "ApiVersion": "2010-04-01",
        }
        return {**form, **extra}

    def sign(self, url: str, form: Mapping[str, str]) -> str:
        """X-Twilio-Signature exactly as Twilio computes it."""
        return str(RequestValidator(self.auth_token).compute_signature(url, dict(form)))

    def _fetch(self, transport: Transport, url: str, extra: Mapping[str, str]) -> ET.Element | None:
        self.requests += 1
        if self.requests > self.max_requests:
            self.transcript.append(Heard("error", "too many requests"))
            self._end(transport)
            return None
        form = self.params(extra)
        code, body = transport.post(url, form, self.sign(url, form))
        if self.status == "ringing":
            self.status = "in-progress"
        if code != 200:
            self.transcript.append(Heard("error", f"HTTP {code}"))
            self._end(transport)
            return None
        return ET.fromstring(body)

    def _request(self, transport: Transport, url: str, extra: Mapping[str, str]) -> None:
        root = self._fetch(transport, url, extra)
        if root is not None:
            self._run(transport, url, list(root))

    def _end(self, transport: Transport) -> None:
        if self.status == "completed":
            return
        self.status, self.pending = "completed", None
        self._post_status(transport, "completed")

    def _post_status(self, transport: Transport, status: str) -> None:
        url = self.status_url or self.public_base_url.rstrip("/") + "/ivr/status"
        form = {**self.params({}), "CallStatus": status, "CallDuration": "60"}
        transport.post(url, form, self.sign(url, form))

    def _hear(self, verb: ET.Element) -> None:
        if verb.tag == "Say":
            self.transcript.append(Heard("say", verb.text or "", verb.get("language", "")))
        elif verb.tag == "Play":
            self.transcript.append(Heard("play", verb.text or ""))
        elif verb.tag == "Pause":
            self.transcript.append(Heard("pause", verb.get("length", "1")))

    def _run(self, transport: Transport, doc_url: str, verbs: list[ET.Element]) -> None:
        for i, verb in enumerate(verbs):
            absolute = urllib.parse.urljoin(doc_url, (verb.text or "").strip())
            if verb.tag in {"Say", "Play", "Pause"}:
                self._hear(verb)
            elif verb.tag == "Gather":
                for inner in verb:
                    self._hear(inner)
                self.pending = Pending(
                    action=urllib.parse.urljoin(doc_url, verb.get("action", doc_url)),
                    num_digits=int(verb.get("numDigits", "0")) or None,
                    finish_on_key=verb.get("finishOnKey", "#"),
                    doc_url=doc_url,
                    rest=[ET.tostring(v, encoding="unicode") for v in verbs[i + 1 :]],
                    speech="speech" in verb.get("input", ""),
                )
                return
            elif verb.tag == "Redirect":
                return self._request(transport, absolute, {})
            elif verb.tag == "Enqueue":
                return self._enqueue(transport, doc_url, verb, verbs[i + 1 :])
            elif verb.tag == "Dial":
                self.transcript.append(Heard("dial", (verb.text or "").strip()))
                if verb.get("action"):
                    url = urllib.parse.urljoin(doc_url, verb.get("action", ""))
                    return self._request(transport, url, {"DialCallStatus": "completed"})
            elif verb.tag == "Hangup":
                self.transcript.append(Heard("hangup"))
                return self._end(transport)
        self._end(transport)  # the end of a document hangs up

    def _enqueue(
        self, transport: Transport, doc_url: str, verb: ET.Element, rest: list[ET.Element]
    ) -> None:
        name = (verb.text or "").strip()
        self.queue, self.status = name, "queued"
        self.transcript.append(Heard("enqueue", name))
        wait_url = (
            urllib.parse.urljoin(doc_url, verb.get("waitUrl", "")) if verb.get("waitUrl") else ""
        )
        action = urllib.parse.urljoin(doc_url, verb.get("action", "")) if verb.get("action") else ""
        self.waiting = [wait_url, action]
        self.wait(transport, self.max_wait_loops)

    def wait(self, transport: Transport, loops: int = 1, press: str | None = None) -> SimulatedCall:
        """Stay in the queue: fetch the wait URL `loops` times, pressing `press` once if asked."""
        wait_url = self.waiting[0] if self.waiting else ""
        for _ in range(loops if wait_url and self.status == "queued" else 0):
            extra = {"QueuePosition": "1", "QueueTime": "0", "CurrentQueueSize": "1"}
            root = self._fetch(transport, wait_url, extra)
            if root is None or self._hold(transport, wait_url, list(root), press):
                return self
            press = None
        return self

    def _hold(
        self, transport: Transport, doc_url: str, items: list[ET.Element], press: str | None
    ) -> bool:
        """Play a wait document; True when the caller left the queue or the call ended."""
        for item in items:
            if item.tag == "Gather":
                for inner in item:
                    self._hear(inner)
                if press:
                    self.transcript.append(Heard("press", press))
                    url = urllib.parse.urljoin(doc_url, item.get("action", doc_url))
                    root = self._fetch(transport, url, {"Digits": press})
                    return root is None or self._hold(transport, url, list(root), None)
                continue
            self._hear(item)
            if item.tag == "Leave":
                self._left_queue(transport)
                return True
            if item.tag == "Hangup":
                self._end(transport)
                return True
        return False

    def _left_queue(self, transport: Transport) -> None:
        self.transcript.append(Heard("leave", self.queue or ""))
        action = self.waiting[1] if self.waiting else ""
        self.queue, self.status, self.waiting = None, "in-progress", None
        if action:
            self._request(transport, action, {"QueueResult": "leave"})
        else:
            self._end(transport)

    def to_dict(self) -> dict[str, Any]:
        """Plain values (the dev page keeps a call between key presses)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> SimulatedCall:
        """Rebuild from to_dict()."""
        data = dict(values)
        data["transcript"] = [Heard(**h) for h in data["transcript"]]
        data["pending"] = Pending(**data["pending"]) if data["pending"] else None
        return cls(**data)
