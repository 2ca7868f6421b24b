"""Dates: the build date (reproducible via SOURCE_DATE_EPOCH) and strict YYYY-MM-DD parsing."""

from __future__ import annotations

import datetime as dt
import os


def build_date(environ=os.environ) -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set, so builds and tests are reproducible."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def parse_date(text: str) -> dt.date | None:
    """A real calendar date from YYYY-MM-DD, or None (2026-02-30 is None)."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
