"""Tactic anchors are permanent: each published one still exists or redirects."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from handbook.anchors import current_anchors, load_redirects, lost_anchors, read_lock, redirect_urls, write_lock
from handbook.errors import HandbookError

sys.path.insert(0, str(ROOT / "scripts"))
from anchors import LOCK, scan_all  # noqa: E402


def test_no_published_anchor_disappeared_without_redirect():
    current = current_anchors(scan_all())
    redirects = load_redirects(ROOT / "facts" / "redirects.yml", current)
    assert lost_anchors(read_lock(LOCK), current, redirects) == []


def test_the_lock_only_grows_and_update_records_the_new_anchors(tmp_path):
    """Anchors are locked when they ship (the deploy runs --update), never when written: an
    unpublished anchor may be renamed freely, a published one stays in the lock for good."""
    lock = tmp_path / "published_anchors.txt"
    write_lock(lock, ["playbooks/a.md#a-old", "playbooks/a.md#a-kept"])
    write_lock(lock, [*read_lock(lock), "playbooks/a.md#a-new"])
    assert read_lock(lock) == ["playbooks/a.md#a-kept", "playbooks/a.md#a-new", "playbooks/a.md#a-old"]


def test_renamed_anchor_is_caught_and_redirect_fixes_it(tmp_path):
    locked = ["playbooks/food-supply/b2b.md#food-old"]
    current = {"playbooks/food-supply/b2b.md#food-new"}
    assert lost_anchors(locked, current, {}) == locked
    (tmp_path / "r.yml").write_text("redirects:\n  playbooks/food-supply/b2b.md#food-old: playbooks/food-supply/b2b.md#food-new\n")
    redirects = load_redirects(tmp_path / "r.yml", current)
    assert lost_anchors(locked, current, redirects) == []
    assert redirect_urls(redirects) == {"playbooks/food-supply/b2b/#food-old": "playbooks/food-supply/b2b/#food-new"}


def test_redirect_to_nowhere_is_an_error(tmp_path):
    (tmp_path / "r.yml").write_text("redirects:\n  a.md#x: b.md#y\n")
    with pytest.raises(HandbookError, match=r"r.yml:2: redirect target 'b.md#y'"):
        load_redirects(tmp_path / "r.yml", set(), where="r.yml")


def test_script_reports_a_lost_anchor(copy_of_repo):
    lock = copy_of_repo / "facts" / "published_anchors.txt"
    lock.write_text(lock.read_text(encoding="utf-8") + "playbooks/food-supply/b2b.md#food-b2b-gone\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/anchors.py"], cwd=copy_of_repo, capture_output=True, text=True)
    assert result.returncode == 1 and "food-b2b-gone disappeared" in result.stderr


def test_browser_follows_a_renamed_anchor(copy_of_repo, tmp_path, browser):
    """Rename a tactic, add the redirect, build: the old link lands on the new anchor."""
    from conftest import run_build
    from devtools.reader_metrics import serve

    page = copy_of_repo / "docs/playbooks/food-supply/b2b.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{#food-b2b-expert-persona ", "{#food-b2b-persona ", 1),
                    encoding="utf-8")
    (copy_of_repo / "facts/redirects.yml").write_text(
        "redirects:\n  playbooks/food-supply/b2b.md#food-b2b-expert-persona: playbooks/food-supply/b2b.md#food-b2b-persona\n",
        encoding="utf-8")
    subprocess.run([sys.executable, "scripts/anchors.py", "--update"], cwd=copy_of_repo, check=True, capture_output=True)
    assert run_build(copy_of_repo, tmp_path / "site").returncode == 0
    shipped = json.loads((tmp_path / "site" / "anchor-redirects.json").read_text(encoding="utf-8"))
    assert shipped["playbooks/food-supply/b2b/#food-b2b-expert-persona"] == "playbooks/food-supply/b2b/#food-b2b-persona"
    server, base = serve(tmp_path / "site")
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"{base}/playbooks/food-supply/b2b/#food-b2b-expert-persona")
        tab.wait_for_url("**#food-b2b-persona", timeout=10000)
    finally:
        context.close()
        server.shutdown()
