"""The telephony gateway: texts and outbound calls, via Twilio REST or recorded in memory."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from urllib3.exceptions import NewConnectionError

from runtime.config import Settings

# Twilio's answers that mean it took nothing and asks to be tried later (too many requests,
# unavailable); a 4xx (a bad number, a blocked sender) is for good; another 5xx is unclear.
TRY_AGAIN_STATUSES = frozenset({429, 503})


class NotSent(Exception):
    """The provider took nothing: no text went out, so trying again can't send it twice."""

    def __init__(self, reason: str, *, retry: bool) -> None:
        super().__init__(reason)
        self.reason, self.retry = reason, retry


class Gateway(Protocol):
    """Anything that can text or ring a resident; returns the provider's id."""

    def send_sms(self, to: str, body: str, *, status_callback: str | None = None) -> str:
        """Send a text message; the provider posts its delivery status to status_callback.

        Raises NotSent when nothing went out; any other error leaves it unknown whether the
        text went (the request may have reached the provider), so it must not be sent again.
        """
        ...

    def message_status(self, provider_id: str) -> tuple[str, str | None]:
        """The provider's status of a message it took, and its error code if any."""
        ...

    def make_call(self, to: str, url: str, *, status_callback: str | None = None) -> str:
        """Ring a number; the answered call fetches its TwiML from url, and the provider posts
        how the call ended (completed, no-answer, busy...) to status_callback.

        Raises NotSent when no call was placed; any other error leaves it unknown.
        """
        ...

    def redirect_call(self, call_sid: str, twiml: str) -> None:
        """Give a live call new TwiML (hold with music, back to an agent, a transfer)."""
        ...


@dataclass(frozen=True)
class Sent:
    """One message or call the offline gateway took."""

    kind: str  # "sms", "call" or "redirect" (a live call's new TwiML)
    to: str
    body: str  # a text's words; a call's TwiML URL
    status_callback: str | None = None


class OfflineGateway:
    """Records what would have been sent (development and tests); nothing leaves the process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.sent: list[Sent] = []

    def send_sms(self, to: str, body: str, *, status_callback: str | None = None) -> str:
        """Record a text (no status callback follows: it is delivered at once)."""
        return self._record(Sent("sms", to, body))

    def message_status(self, provider_id: str) -> tuple[str, str | None]:
        """Every text recorded here counts as delivered."""
        return "delivered", None

    def make_call(self, to: str, url: str, *, status_callback: str | None = None) -> str:
        """Record a call (the simulator or a test plays the resident: ivr.simulator)."""
        return self._record(Sent("call", to, url, status_callback))

    def redirect_call(self, call_sid: str, twiml: str) -> None:
        """Record a live call's new TwiML (to: the call sid; body: the TwiML)."""
        self._record(Sent("redirect", call_sid, twiml))

    def redirects_of(self, call_sid: str) -> list[str]:
        """The TwiML a live call was given, in order."""
        with self._lock:
            return [s.body for s in self.sent if s.kind == "redirect" and s.to == call_sid]

    def calls_to(self, to: str) -> list[Sent]:
        """The calls placed to a number (TwiML URL in body, and its status callback)."""
        with self._lock:
            return [s for s in self.sent if s.kind == "call" and s.to == to]

    def _record(self, item: Sent) -> str:
        with self._lock:
            self.sent.append(item)
            return f"offline-{item.kind}-{len(self.sent)}"

    def texts_to(self, to: str) -> list[str]:
        """The bodies of the texts sent to a number."""
        with self._lock:
            return [s.body for s in self.sent if s.kind == "sms" and s.to == to]

    def clear(self) -> None:
        """Forget everything recorded."""
        with self._lock:
            self.sent.clear()


class TimedHttpClient(TwilioHttpClient):
    """Twilio's HTTP client with a connect and a read timeout: a hung request holds no text."""

    def __init__(self, *, connect: float, read: float) -> None:
        super().__init__(timeout=read)
        # requests takes (connect, read); the SDK's own check accepts only one number
        self.timeout = (connect, read)  # type: ignore[assignment]


def timed_http(settings: Settings) -> TimedHttpClient:
    """The HTTP client of every Twilio call, with the configured timeouts."""
    return TimedHttpClient(
        connect=settings.twilio_connect_timeout, read=settings.twilio_read_timeout
    )


class TwilioGateway:
    """The real gateway: Twilio's REST API (give `http_client` to run it offline in tests)."""

    def __init__(self, settings: Settings, http_client: Any = None) -> None:
        from twilio.rest import Client

        self._client = Client(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            http_client=http_client or timed_http(settings),
        )
        self._from = settings.twilio_caller_id

    def send_sms(self, to: str, body: str, *, status_callback: str | None = None) -> str:
        """Send a text from the city's number (NotSent when Twilio surely took nothing)."""
        extra = {"status_callback": status_callback} if status_callback else {}
        return self._create(
            lambda: self._client.messages.create(to=to, from_=self._from, body=body, **extra)
        )

    def _create(self, create: Callable[[], Any]) -> str:
        """Create a message or call; NotSent when Twilio surely created nothing."""
        try:
            created = create()
        except (TwilioRestException, TwilioServiceException) as exc:
            if exc.status >= 500 and exc.status not in TRY_AGAIN_STATUSES:
                raise  # Twilio failed part-way: the message may exist
            # Twilio refused the request: it created no message
            retry = exc.status in TRY_AGAIN_STATUSES
            raise NotSent(f"twilio_{exc.status}_{exc.code}", retry=retry) from exc
        except requests.RequestException as exc:
            if _never_connected(exc):
                raise NotSent("unreachable", retry=True) from exc
            raise  # sent, perhaps, with the answer lost
        return str(created.sid)

    def message_status(self, provider_id: str) -> tuple[str, str | None]:
        """Twilio's status of a message (queued, sent, delivered, undelivered, failed...)."""
        message = self._client.messages(provider_id).fetch()
        code = message.error_code
        return str(message.status), None if code is None else str(code)

    def make_call(self, to: str, url: str, *, status_callback: str | None = None) -> str:
        """Place a call from the city's number (NotSent when Twilio surely placed none)."""
        extra = {"status_callback": status_callback} if status_callback else {}
        return self._create(
            lambda: self._client.calls.create(to=to, from_=self._from, url=url, **extra)
        )

    def redirect_call(self, call_sid: str, twiml: str) -> None:
        """Update the live call with new TwiML (Twilio's Call resource update)."""
        self._client.calls(call_sid).update(twiml=twiml)


# Failures before the request could leave for Twilio: no connection (DNS, refused, connect
# timeout), the proxy refusing the tunnel, a failed TLS handshake.
BEFORE_SENDING = (
    requests.ConnectTimeout,
    requests.exceptions.ProxyError,
    requests.exceptions.SSLError,
)


def _never_connected(exc: requests.RequestException) -> bool:
    """True when the request failed before it could reach Twilio (so nothing was sent).

    A read timeout, or a connection dropped once made, may come after Twilio took the text.
    """
    if isinstance(exc, BEFORE_SENDING):
        return True
    cause = exc.args[0] if exc.args else None
    # NameResolutionError (DNS) is a NewConnectionError too
    return isinstance(exc, requests.ConnectionError) and isinstance(
        getattr(cause, "reason", cause), NewConnectionError
    )


# Where Twilio posts a text's status (ivr/text_status.py; signed like every webhook).
STATUS_CALLBACK_PATH = "/ivr/texts/{notification_id}/status"


def status_callback_url(settings: Settings, notification_id: int) -> str:
    """The public URL of a text's status callback."""
    return settings.public_base_url + STATUS_CALLBACK_PATH.format(notification_id=notification_id)


_offline = OfflineGateway()


def offline_gateway() -> OfflineGateway:
    """The process's offline gateway (what tests and the dev server inspect)."""
    return _offline


def gateway_for(settings: Settings) -> Gateway:
    """Twilio when TELEPHONY=twilio, else the offline gateway."""
    if settings.telephony == "twilio":
        return TwilioGateway(settings)
    return _offline
