"""Search measured in Chromium on the built site: recall on two query sets, speed, synonyms, highlighting.

The floors are the measured figures of 2026-12-03 less about one query, so a change that makes
search worse fails. They are not the targets: issue #13 asks recall@1 ≥ 86 % and recall@5 ≥ 97 %,
which neither set reaches yet (benchmarks/README.md has the figures).
"""

from __future__ import annotations

import pytest

from devtools.search_eval import MERCHANT_QUERIES, TOP, load_queries, run_queries, summary

QUERIES = load_queries()
MERCHANT = load_queries(MERCHANT_QUERIES)
# set -> (recall@1 floor, recall@5 floor); measured 77.6 % / 97.0 % and 64.1 % / 92.3 %.
FLOORS = {"headings and keywords": (0.76, 0.96), "merchant questions": (0.61, 0.89)}


def test_query_set_is_large_and_covers_every_business_type():
    from conftest import ROOT
    from handbook.business_types import load_business_types
    assert len(QUERIES) >= 40 and len(MERCHANT) >= 30
    assert not {q["query"] for q in QUERIES} & {q["query"] for q in MERCHANT}
    bts = load_business_types(ROOT / "facts" / "business_types.yml")
    for bt in bts:
        assert sum(any(f"playbooks/{bt}/" in e for e in q["expect"]) for q in QUERIES) >= 3, bt
        assert any(any(f"playbooks/{bt}/" in e for e in q["expect"]) for q in MERCHANT), bt


@pytest.fixture(scope="module")
def all_results(browser, site_url):
    return {"headings and keywords": run_queries(browser, site_url, QUERIES),
            "merchant questions": run_queries(browser, site_url, MERCHANT)}


@pytest.fixture(scope="module")
def results(all_results):
    return [r for rs in all_results.values() for r in rs]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_recall_floors(all_results, name):
    s = summary(all_results[name])
    print(f"\nsearch ({name}): {s['queries']} queries, recall@1 {s['recall@1']:.1%}, "
          f"recall@{TOP} {s['recall@5']:.1%}, median {s['median_ms']:.0f} ms, p90 {s['p90_ms']:.0f} ms")
    for query, found in s["misses"]:
        print(f"  miss: {query} -> {found}")
    at1, at5 = FLOORS[name]
    assert s["recall@5"] >= at5
    assert s["recall@1"] >= at1


def test_search_is_fast(results):
    s = summary(results)
    assert s["median_ms"] is not None and s["median_ms"] < 500


@pytest.mark.parametrize("query,expected_word", [("抖店", "抖音小店"), ("视频号小店", "微信小店"), ("小黄车", "挂车"), ("投流", "千川")])
def test_synonym_queries_find_pages_using_the_other_word(browser, site_url, built_site, query, expected_word):
    found = run_queries(browser, site_url, [{"query": query, "expect": ["x"]}])[0].found
    assert found, query
    # Some top result is a page whose visible text uses the other word.
    hits = 0
    for loc in found[:TOP]:
        page, _, anchor = loc.partition("#")
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        if expected_word in html:
            hits += 1
    assert hits, (query, found[:TOP])


def test_deep_link_q_opens_search_with_results(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/?q=千川")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator("[data-md-component=search-query]").input_value() == "千川"
    context.close()


@pytest.mark.parametrize("query", ["抖店保证金多少", "视频号怎么开店", "千川", "冻品怎么找餐厅客户"])
def test_results_do_not_call_highlighted_words_missing(browser, site_url, query):
    """A section result that highlights every word of the query lists none of them under 缺少,
    and its link carries the words in ?h= so the landing page highlights them too."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/?q={query}")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)
        articles = page.evaluate("""() => [...document.querySelectorAll('a.md-search-result__link')].map(a => ({
            href: a.href,
            marked: [...a.querySelectorAll('mark')].map(m => m.textContent.replace(/\\u200b/g, '')),
            missing: [...a.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent.replace(/\\*/g, '')),
            section: a.href.includes('#')}))""")
    finally:
        context.close()
    sections = [a for a in articles if a["section"]]
    assert sections, query
    for a in sections:
        assert not (set(a["missing"]) & set(a["marked"])), a  # a word cannot be both highlighted and missing
        assert not any(m.endswith("*") for m in a["missing"]), a
    assert any("?h=" in a["href"] and "?h=#" not in a["href"] for a in sections), sections[:3]


@pytest.mark.parametrize("query", ["医疗广告能不能投", "医药公司能在抖音打广告吗"])
def test_medical_questions_reach_the_medical_playbook(browser, site_url, query):
    found = run_queries(browser, site_url, [{"query": query, "expect": ["x"]}])[0].found
    assert any(loc.startswith("playbooks/medical/") for loc in found[:TOP]), (query, found[:TOP])


def test_index_is_fetched_on_first_search_not_on_page_load(browser, site_url):
    """The 370 KB index waits for the reader: not fetched while a page loads, fetched once the search
    box gets focus, and the search then answers."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if r.url.endswith("search/search_index.json") else None)
    try:
        page.goto(f"{site_url}/playbooks/food-supply/b2b/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert fetched == []
        page.click("label[for=__search]")
        page.fill("[data-md-component=search-query]", "保证金")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert len(fetched) == 1
    finally:
        context.close()


def test_landing_page_highlights_the_searched_words(browser, site_url):
    """A result link (?h=…) fetches the index at once and marks the words on the page it opens."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/guides/shop-health/?h=保证金#shop-health-deposit")
        page.wait_for_selector("article mark", timeout=15000)
        marked = page.evaluate("() => [...document.querySelectorAll('article mark')].map(m => m.textContent)")
        assert any("保证金" in m for m in marked), marked
    finally:
        context.close()
