"""Last-updated dates come from one git log pass; no git means no dates, not an error."""

from __future__ import annotations

import re

from handbook.gitdates import last_modified_dates, parse_git_log


def test_parse_keeps_newest_date_per_path():
    out = "\x002026-11-25\n\ndocs/a.md\ndocs/b.md\n\x002026-10-01\n\ndocs/a.md\ndocs/c.md\n"
    assert parse_git_log(out) == {"docs/a.md": "2026-11-25", "docs/b.md": "2026-11-25", "docs/c.md": "2026-10-01"}


def test_outside_git_there_are_no_dates(tmp_path):
    assert last_modified_dates(tmp_path) == {}


def test_built_pages_show_last_updated(built_site):
    html = (built_site / "playbooks" / "food-supply" / "b2b" / "index.html").read_text(encoding="utf-8")
    assert "md-source-file" in html
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", html.split("md-source-file", 1)[1][:2000])
