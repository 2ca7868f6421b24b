"""Dates: the build date (reproducible via SOURCE_DATE_EPOCH) and strict YYYY-MM-DD parsing.

A day here is a day on the Beijing calendar (UTC+8): the people who date the content
(`checked:`, `reviewed:`) live there, and a check written on a Beijing morning must not be
"in the future" for a build machine that still runs on yesterday's UTC date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Iterable

CALENDAR = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

# The dated fields that the build holds against its own date ("is in the future").
_CONTENT_DATE = re.compile(r"^[ \t-]*(?:checked|reviewed):[ \t]*['\"]?(\d{4}-\d{2}-\d{2})\b", re.M)


def build_date(environ=os.environ, now: dt.datetime | None = None) -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when set, so builds and tests are reproducible."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=CALENDAR).date()
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(CALENDAR).date()


def epoch_of(day: dt.date) -> int:
    """The SOURCE_DATE_EPOCH whose build date is `day` (midnight at its start, Beijing time)."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=CALENDAR).timestamp())


def parse_date(text: str) -> dt.date | None:
    """A real calendar date from YYYY-MM-DD, or None (2026-02-30 is None)."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def newest_content_date(texts: Iterable[str]) -> dt.date | None:
    """The latest real `checked:` / `reviewed:` date written in these YAML or Markdown texts."""
    dates = (parse_date(m) for text in texts for m in _CONTENT_DATE.findall(text))
    return max((d for d in dates if d is not None), default=None)


def content_files(root: Path) -> list[Path]:
    """The files whose dates are checked against the build date: the fact base and the pages."""
    return sorted([*(root / "facts").rglob("*.yml"), *(root / "docs").rglob("*.md")])


def reproducible_build_date(root: Path, environ=os.environ, now: dt.datetime | None = None) -> dt.date:
    """The date a reproducible build of `root` should carry: today, or the newest date the
    content carries if that is later (an editor a time zone ahead), never a frozen day."""
    today = build_date({k: v for k, v in environ.items() if k != "SOURCE_DATE_EPOCH"}, now)
    newest = newest_content_date(p.read_text(encoding="utf-8") for p in content_files(root))
    return max(today, newest) if newest else today
