"""A real browser: Debian's Chromium via Playwright against the built site on loopback."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in ("127.0.0.1", "localhost")


@pytest.mark.parametrize("path", ["", "compare/", "facts/", "platforms/douyin/"])
def test_pages_load_with_zero_third_party_requests(page, site_url, path):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{site_url}/{path}", wait_until="networkidle")
    assert requested, "no requests observed"
    outside = [u for u in requested if not _local(u)]
    assert outside == []


def _search(page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}/")
    box = page.locator("[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")  # fill() fires no keyup; a key press makes Material run the query
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]


@pytest.mark.parametrize("query,expected", [
    ("视频号", "platforms/channels/"),
    ("千川", "platforms/douyin/"),
])
def test_typing_a_term_lists_the_page_that_holds_it(page, site_url, query, expected):
    hrefs = _search(page, site_url, query)
    assert any(expected in (h or "") for h in hrefs), hrefs


def test_site_works_from_any_path_prefix(browser, built_site, tmp_path_factory):
    """Mirrors (OSS, COS, nginx) may serve site/ under any path: every link and asset is relative."""
    import shutil

    from devtools.reader_metrics import serve

    root = tmp_path_factory.mktemp("mirror")
    shutil.copytree(built_site, root / "some" / "prefix")
    server, url = serve(root)
    base = f"{url}/some/prefix/"
    context = browser.new_context()
    tab = context.new_page()
    failed: list[str] = []
    tab.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        for path in ("", "playbooks/food-supply/b2b/", "tools/redline-check/", "tactics/"):
            tab.goto(base + path, wait_until="networkidle")
            assert tab.locator("h1").first.inner_text()
    finally:
        context.close()
        server.shutdown()
    assert failed == []


def test_an_old_one_page_fact_link_lands_on_the_topic_page(browser, site_url):
    """The fact sheet is one page per topic now; links from before (facts/#id) still arrive."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{site_url}/facts/#store.deposit")
        page.wait_for_url("**/facts/store/#store.deposit", timeout=10000)
        assert page.locator('[id="store.deposit"]').count() == 1
    finally:
        context.close()


def test_a_tactic_filter_with_no_match_says_so_instead_of_an_empty_table(page, site_url, built_site):
    """A platform × business type × stage with no tactic (found from the built rows, not assumed)."""
    import re

    from handbook.listings import NO_TACTIC

    html = (built_site / "tactics" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-bt="([^"]*)" data-stage="([^"]*)" data-platforms="([^"]*)"', html)
    choices = {key: re.findall(r'<option value="([^"]+)"', select)
               for key, select in re.findall(r'<select data-filter="(\w+)">(.*?)</select>', html)}
    combos = [(p, b, s) for p in choices["platforms"] for b in choices["bt"] for s in choices["stage"]]
    empty = next((c for c in combos if not any(r[0] == c[1] and r[1] == c[2] and c[0] in r[2].split() for r in rows)), None)
    assert empty, "every filter combination has a tactic: nothing to test"
    platform, bt, stage = empty

    page.goto(f"{site_url}/tactics/")
    message, table = page.locator("[data-tactic-empty]"), page.locator("[data-tactic-table]")
    assert message.get_attribute("aria-live") == "polite" and message.inner_text() == ""
    page.select_option("select[data-filter=platforms]", platform)
    page.select_option("select[data-filter=bt]", bt)
    page.select_option("select[data-filter=stage]", stage)
    assert message.inner_text() == NO_TACTIC and message.is_visible()
    assert table.is_hidden()
    page.select_option("select[data-filter=stage]", "")  # back to a combination with tactics
    assert message.inner_text() == "" and table.is_visible()
    assert page.locator("table.tactic-index tbody tr:visible").count() > 0
