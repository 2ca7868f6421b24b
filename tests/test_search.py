"""Search measured in Chromium on the built site: recall on four query sets, speed, synonyms, highlighting.

Issue #13's target, recall@1 ≥ 86 % and recall@5 ≥ 97 %, holds on the two sets the ranking was
tuned on taken together (173 queries). Each set also has a floor, its measured figure of
2026-12-03 less about one query, so a change that makes search worse on any of them fails; the
held-out sets stay below the target (benchmarks/README.md has the figures before and after).
"""

from __future__ import annotations

import json

import pytest

from devtools.search_eval import QUERY_SETS, TOP, TUNED, load_queries, run_queries, summary, worker_results

SETS = {name: load_queries(path) for name, path in QUERY_SETS.items()}
QUERIES, MERCHANT = SETS["headings and keywords"], SETS["merchant questions"]
TARGET = (0.86, 0.97)  # recall@1, recall@5 on the tuned sets together (issue #13)
# set -> (recall@1 floor, recall@5 floor); measured 89.6/100, 84.6/100, 77.8/93.3, 78.0/96.0 %.
FLOORS = {"headings and keywords": (0.88, 0.99), "merchant questions": (0.82, 0.97),
          "held-out 1": (0.75, 0.91), "held-out 2": (0.76, 0.94)}


def _index_docs(built_site) -> list[dict]:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_query_sets_are_large_distinct_and_cover_every_business_type():
    from conftest import ROOT
    from handbook.business_types import load_business_types
    assert len(QUERIES) >= 40 and all(len(SETS[name]) >= 30 for name in SETS if name != "headings and keywords")
    texts = [q["query"] for queries in SETS.values() for q in queries]
    assert len(texts) == len(set(texts))
    bts = load_business_types(ROOT / "facts" / "business_types.yml")
    for bt in bts:
        assert sum(any(f"playbooks/{bt}/" in e for e in q["expect"]) for q in QUERIES) >= 3, bt
        for name in SETS:
            assert any(any(f"playbooks/{bt}/" in e for e in q["expect"]) for q in SETS[name]), (name, bt)


def test_every_expected_location_is_in_the_search_index(built_site):
    """A location search can never return (a typo, a renamed anchor, a page kept out of search)
    would only ever count as a miss."""
    sections = {d["location"] for d in _index_docs(built_site)}
    pages = {loc.split("#")[0] for loc in sections}
    missing = [f"{QUERY_SETS[name].name}: {q['query']} -> {loc}" for name, queries in SETS.items() for q in queries
               for loc in q["expect"] if loc not in (sections if "#" in loc else pages)]
    assert not missing, "expected locations not in the search index (fix or remove them): " + "; ".join(missing)


@pytest.fixture(scope="module")
def all_results(browser, site_url):
    return {name: run_queries(browser, site_url, queries) for name, queries in SETS.items()}


@pytest.fixture(scope="module")
def results(all_results):
    return [r for rs in all_results.values() for r in rs]


def _report(name, s):
    print(f"\nsearch ({name}): {s['queries']} queries, recall@1 {s['recall@1']:.1%}, "
          f"recall@{TOP} {s['recall@5']:.1%}, median {s['median_ms']:.0f} ms, p90 {s['p90_ms']:.0f} ms")
    for query, found in s["misses"]:
        print(f"  miss: {query} -> {found}")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_recall_floors(all_results, name):
    s = summary(all_results[name])
    _report(name, s)
    at1, at5 = FLOORS[name]
    assert s["recall@5"] >= at5
    assert s["recall@1"] >= at1


def test_recall_target_on_the_tuned_sets(all_results):
    s = summary([r for name in TUNED for r in all_results[name]])
    _report(" + ".join(TUNED), s)
    assert s["recall@1"] >= TARGET[0]
    assert s["recall@5"] >= TARGET[1]


def test_search_is_fast(results):
    s = summary(results)
    assert s["median_ms"] is not None and s["median_ms"] < 500


@pytest.mark.parametrize("query,other_name", [("抖店", "抖音小店"), ("视频号小店", "微信小店"), ("小黄车", "挂车"), ("投流", "千川")])
def test_a_glossary_name_finds_sections_that_use_another(browser, site_url, built_site, query, other_name):
    """The glossary promises that any name of a term finds it: every section that says only the
    other name (or, for a reader alias, names the term in its heading) is among the results."""
    from handbook.searchindex import shown_and_added
    plain = lambda s: s.replace("\u200b", "")
    only_other = []
    for d in _index_docs(built_site):
        shown, added = (plain(part) for part in shown_and_added(d["text"]))
        if other_name in plain(d["title"]) + shown and query not in plain(d["title"]) + shown and query in added:
            only_other.append(d["location"])
    assert only_other, f"no section says only {other_name}: pick another pair"
    found = {loc for group in worker_results(browser, site_url, built_site, [query])[0] for loc in group}
    assert not set(only_other) - found, sorted(set(only_other) - found)


def _on_search_link(browser, site_url, query: str, script: str):
    """A phone opens the search link ?q=query; once the results are listed, script's value."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/?q={query}")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)
        return page.evaluate(script)
    finally:
        context.close()


def test_deep_link_q_opens_search_with_results(browser, site_url):
    typed = _on_search_link(browser, site_url, "千川", "() => document.querySelector('[data-md-component=search-query]').value")
    assert typed == "千川"


@pytest.mark.parametrize("query", ["抖店保证金多少", "视频号怎么开店", "千川", "冻品怎么找餐厅客户"])
def test_results_do_not_call_highlighted_words_missing(browser, site_url, query):
    """A section result that highlights every word of the query lists none of them under 缺少,
    and its link carries the words in ?h= so the landing page highlights them too."""
    articles = _on_search_link(browser, site_url, query, """() => [...document.querySelectorAll('a.md-search-result__link')].map(a => ({
        href: a.href,
        marked: [...a.querySelectorAll('mark')].map(m => m.textContent.replace(/\\u200b/g, '')),
        missing: [...a.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent.replace(/\\*/g, '')),
        section: a.href.includes('#')}))""")
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


@pytest.mark.parametrize("query", ["带货", "美发店怎么提醒老客人回来剪头", "抖店保证金多少", "医疗广告能不能投"])
def test_results_fit_a_phone_and_show_their_highlights(browser, site_url, query):
    """On a 390 px phone each section result is its title and two lines of text (not a screenful),
    the highlighted words in those lines are visible, and the search words the build adds are not."""
    shown = _on_search_link(browser, site_url, query, """() => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')]
      .filter(a => a.href.includes('#')).map(a => {
        const article = a.querySelector('article'), paragraphs = article.querySelectorAll(':scope > p:not(.md-search-result__terms)');
        const lineHeight = paragraphs.length ? parseFloat(getComputedStyle(paragraphs[0]).lineHeight) : 0;
        return {href: a.href, text: paragraphs.length ? paragraphs[0].getBoundingClientRect().height : 0, lineHeight,
                added: paragraphs.length > 1 ? paragraphs[1].getBoundingClientRect().height : 0,
                marks: [...article.querySelectorAll(':scope > p:first-of-type mark')].map(m => m.getClientRects().length)};
      })""")
    assert shown, query
    for result in shown:
        assert 0 < result["text"] <= 2 * result["lineHeight"] + 1, result  # two lines at most
        assert result["added"] == 0, result  # the added search words are not shown
    marks = [n for result in shown for n in result["marks"]]
    assert marks and all(marks), shown[:3]  # highlighted words in the shown text are laid out, not hidden


def test_plus_and_minus_work_on_chinese_words(browser, site_url, built_site):
    """Material's query syntax: +千川 +直播 keeps only results that hold both, -直播 drops those
    that hold 直播. Counted in result groups (pages), which are fewer either way."""
    either, both, only, without = (len(groups) for groups in worker_results(
        browser, site_url, built_site, ["千川 直播", "+千川 +直播", "千川", "千川 -直播"]))
    assert 0 < both < min(either, only)
    assert 0 < without < only
