"""Logging without personal data: long digit runs (phones, references, birth dates) are masked."""

from __future__ import annotations

import logging
import re

# 7+ digits, allowing the hyphens people type: phones, notice numbers, references, dates.
_DIGITS = re.compile(r"(?<!\d)\+?\d(?:[\d\-]{5,}\d)(?!\d)")
# The token of a phone booking's web link (booking_core.phone_handover): it opens the entries.
_HANDOVER_TOKEN = re.compile(r"(?<![0-9a-f])[0-9a-f]{48}(?![0-9a-f])")


def redact(text: str) -> str:
    """Mask every long digit run (keeping its length hidden too) and every handover token."""
    return _DIGITS.sub("[redacted]", _HANDOVER_TOKEN.sub("[token]", text))


class RedactingFilter(logging.Filter):
    """A filter for every handler: the formatted message leaves with its digits masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message in place; never drops a record."""
        message = redact(record.getMessage())
        record.msg, record.args = message, None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    """Root logging to stderr through the redacting filter (idempotent)."""
    root = logging.getLogger()
    if any(isinstance(f, RedactingFilter) for h in root.handlers for f in h.filters):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces each of its plugins at INFO on import: noise, not news.
    logging.getLogger("alembic.runtime.plugins").setLevel(max(level, logging.WARNING))
