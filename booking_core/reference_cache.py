"""The one owner of reference data the process remembers: procedures' groups, centres' ids.

Reference data (centres, procedures) changes only when `flask init` reloads it or an
administrator edits a procedure (booking_core.admin_reference, which calls `clear()`), yet the
booking and availability paths read it on every request; remembering it saves a statement or
two per request. All of that memory lives in one `ReferenceCache`, `REFERENCE_CACHE`:

- Entries expire `seconds` after they were read (a minute): a reload or an edit reaches every
  other process within that, with nothing to signal between processes.
- `clear()` forgets everything at once: the tests call it before each test (an autouse
  fixture in tests/conftest.py), so no test sees what an earlier one loaded.
- A failed load (an unknown code raises) is never remembered: the next request asks again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar, cast

T = TypeVar("T")

# Procedures and centres change only when `flask init` reloads the reference data; a minute
# is plenty.
REMEMBER_SECONDS = 60.0


class ReferenceCache:
    """Values loaded from reference data, by kind and key, each kept for `seconds`."""

    def __init__(
        self, seconds: float = REMEMBER_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds, self._clock = seconds, clock
        self._lock = threading.Lock()
        self._values: dict[tuple[str, str], tuple[float, object]] = {}

    def remembered(self, kind: str, key: str, load: Callable[[], T]) -> T:
        """The value as last loaded, if within `seconds`; else `load()` it (and keep it)."""
        at = self._clock()
        known = self._values.get((kind, key))
        if known is not None and at - known[0] < self.seconds:
            return cast(T, known[1])
        value = load()
        with self._lock:
            self._values[(kind, key)] = (at, value)
        return value

    def clear(self) -> None:
        """Forget everything (between tests; after reloading the reference data)."""
        with self._lock:
            self._values.clear()


REFERENCE_CACHE = ReferenceCache()
