"""Each page's real last change, for sitemap.xml's <lastmod> (MkDocs writes page.update_date there,
the build date unless told otherwise).

- A written page: its front matter `reviewed:` date if it has a real one (an editor's word that
  the page is current), else the last git commit that touched its source, else the build date.
- A generated page: the newest date among what it shows (the facts' `checked:` dates, the
  playbooks' `reviewed:` dates), else the build date. The tags page (Material's listing of every
  tagged page) takes the newest date of the pages it lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from .dates import parse_date
from .facts import Fact


def written_page_lastmod(reviewed: object, git_date: str | None, today: dt.date) -> dt.date:
    """reviewed (a date, or YYYY-MM-DD text as front matter may carry it), else git_date, else today."""
    if isinstance(reviewed, dt.datetime):
        reviewed = reviewed.date()
    day = reviewed if isinstance(reviewed, dt.date) else parse_date(str(reviewed)) if reviewed else None
    return day or parse_date(git_date or "") or today


def generated_page_lastmod(shown: Iterable[dt.date], today: dt.date) -> dt.date:
    """The newest date of what a generated page shows; today when it shows nothing dated."""
    return max(shown, default=today)


def checked_dates(facts: Iterable[Fact]) -> list[dt.date]:
    """Every `checked:` date of these facts (each platform's value has its own)."""
    return [pv.checked for fact in facts for pv in fact.values.values()]
