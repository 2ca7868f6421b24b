"""The suite's date logic passes on any day: a clock a year ahead, and content dated today."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, run_build
from handbook.dates import (CALENDAR, build_date, content_files, epoch_of, newest_content_date,
                            reproducible_build_date)

A_YEAR_AHEAD = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=366)


def test_build_date_reads_source_date_epoch_and_round_trips():
    day = dt.date(2031, 2, 28)
    assert build_date({"SOURCE_DATE_EPOCH": str(epoch_of(day))}) == day


def test_build_date_is_the_beijing_day():
    # 20:00 UTC on 3 December is already 4 December in Beijing, where editors date their checks.
    late_utc = dt.datetime(2026, 12, 3, 20, 0, tzinfo=dt.timezone.utc)
    assert build_date({}, now=late_utc) == dt.date(2026, 12, 4)
    assert build_date({}, now=late_utc.replace(hour=15)) == dt.date(2026, 12, 3)


def test_newest_content_date_reads_checked_and_reviewed_only():
    texts = ["    checked: 2026-10-01\n  - published: 2030-01-01\n", "---\nreviewed: 2026-11-30\n---\n",
             "checked: 2026-02-30\n", "effective: 2029-01-01\n"]
    assert newest_content_date(texts) == dt.date(2026, 11, 30)
    assert newest_content_date(["no dates here"]) is None


def test_reproducible_date_follows_the_clock_a_year_ahead():
    day = reproducible_build_date(ROOT, environ={}, now=A_YEAR_AHEAD)
    assert day == A_YEAR_AHEAD.astimezone(CALENDAR).date()
    # SOURCE_DATE_EPOCH of the caller never freezes it.
    assert reproducible_build_date(ROOT, environ={"SOURCE_DATE_EPOCH": "0"}, now=A_YEAR_AHEAD) == day


def test_the_real_content_is_valid_a_year_ahead():
    """Facts age into 可能已过时 (a warning), never into a failure."""
    from handbook.facts import load_factbase
    from handbook.business_types import load_business_types
    from handbook.playbooks import scan_playbooks
    later = A_YEAR_AHEAD.astimezone(CALENDAR).date()
    base = load_factbase(ROOT / "facts", later)
    assert base.facts
    assert scan_playbooks(ROOT / "docs", load_business_types(ROOT / "facts" / "business_types.yml"), later)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(later))}
    check = subprocess.run([sys.executable, "scripts/check.py", "--only", "data", "--only", "pages"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]


@pytest.fixture
def content_dated_today(copy_of_repo):
    """A copy of the project with one fact check and one page review dated today."""
    repo = copy_of_repo
    today = build_date({})
    store = repo / "facts/topics/store.yml"
    store.write_text(re.sub(r"checked: \d{4}-\d\d-\d\d", f"checked: {today}", store.read_text(encoding="utf-8"), count=1),
                     encoding="utf-8")
    page = repo / "docs/playbooks/food-supply/b2b.md"
    page.write_text(re.sub(r"^reviewed: .*$", f"reviewed: {today}", page.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    assert newest_content_date(p.read_text(encoding="utf-8") for p in content_files(repo)) == today
    return repo, today


def test_content_dated_today_builds(content_dated_today, tmp_path):
    repo, today = content_dated_today
    assert reproducible_build_date(repo) >= today
    result = run_build(repo, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.build
def test_a_build_a_year_ahead_passes_strict(tmp_path):
    result = run_build(ROOT, tmp_path / "site", A_YEAR_AHEAD.astimezone(CALENDAR).date())
    assert result.returncode == 0, result.stderr[-2000:]
    assert any("可能已过时" in p.read_text(encoding="utf-8") for p in (tmp_path / "site/compare").rglob("index.html"))
