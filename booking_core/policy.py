"""Who acts, and the settings of the rules that administrators may change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta


@dataclass(frozen=True)
class Actor:
    """Who is doing something: a resident on a channel, a member of staff, or the system."""

    kind: str  # "resident", "staff", "system"
    id: str  # staff username, call sid, "web", ...
    channel: str  # "web", "api", "ivr", "agent", "admin", "job"

    @property
    def label(self) -> str:
        """The audit log's name for this actor."""
        return f"{self.kind}:{self.id}"

    @classmethod
    def resident(cls, channel: str, ref: str = "anonymous") -> Actor:
        """A resident acting for themself."""
        return cls("resident", ref, channel)

    @classmethod
    def staff(cls, username: str, channel: str = "agent") -> Actor:
        """A logged-in member of staff."""
        return cls("staff", username, channel)

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        """The system itself (jobs, commands)."""
        return cls("system", name, "job")


@dataclass(frozen=True)
class Policy:
    """Rule settings (default ours): horizon, party size, notice format, manifest cut-off,
    when a check-in is late and when a booking not checked in becomes a no-show."""

    horizon_days: int = 60
    max_party_size: int = 4
    notice_number_digits: int = 9
    manifest_cutoff: time = time(17, 0)
    alternatives: int = 3
    late_after: timedelta = timedelta(minutes=5)  # checked in later than this after the start
    no_show_grace: timedelta = timedelta(minutes=15)  # a no-show only once this has passed
    unclaimed_days: int = 14  # a card carried this long ago and not issued goes back to its ward
    # Reminders: owed at this time on the call centre's last open day before the appointment;
    # texts about a booking the resident did not just make go only between texts_from and
    # texts_until; a reminder call nobody answered is tried once more after call_retry_after.
    reminder_time: time = time(10, 0)
    texts_from: time = time(8, 0)
    texts_until: time = time(21, 0)
    call_retry_after: timedelta = timedelta(hours=1)
