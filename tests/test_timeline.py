"""Rule-change timeline, feeds, checklists and one-page plans: the data rules, the built pages, and
what a reader does with them in Chromium."""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET

import pytest

from conftest import GOOD_SOURCES, GOOD_TOPIC, ROOT, TODAY, write_facts
from handbook.errors import HandbookError
from handbook.facts import load_factbase
from handbook.printplan import plan_section
from handbook.timeline import entries, feeds

ATOM = "{http://www.w3.org/2005/Atom}"
HISTORY = GOOD_TOPIC.replace('''      quote: 店铺保证金 2000 元起。
''', '''      quote: 店铺保证金 2000 元起。
      effective: 2026-06-01
      history:
        - effective: 2025-01-01
          value: "1000 元起"
          sources: [media-a]
''', 1)


def test_history_becomes_dated_entries_newest_first(tmp_path):
    base = load_factbase(write_facts(tmp_path, topic=HISTORY), TODAY)
    items = entries(base, {"store.deposit": {"playbooks/food-supply/b2c.md", "platforms/douyin.md"}})
    dates = [(e.date.isoformat(), e.current) for e in items]
    assert dates == [("2026-06-01", True), ("2025-01-01", False)]
    assert items[0].business_types == ("food-supply",) and len({e.id for e in items}) == len(items)


@pytest.mark.parametrize("history,problem", [
    ('        - effective: 2027-01-01\n          value: "x"\n          sources: [media-a]\n', "is not before the current value"),
    ('        - effective: 2025-01-01\n          value: "x"\n          sources: [ghost]\n', "unknown source 'ghost'"),
    ('        - value: "x"\n          sources: [media-a]\n', "missing required field 'effective'"),
    ('        - effective: 2025-01-01\n          value: "x"\n          sources: []\n', "needs a source"),
    ('        - effective: 2025-05-01\n          value: "x"\n          sources: [media-a]\n'
     '        - effective: 2025-01-01\n          value: "y"\n          sources: [media-a]\n', "is not after the item before it"),
])
def test_bad_history_stops_with_file_and_line(tmp_path, history, problem):
    topic = re.sub(r"      history:\n(?:        .*\n)+", "      history:\n" + history, HISTORY, count=1)
    with pytest.raises(HandbookError) as info:
        load_factbase(write_facts(tmp_path, topic=topic), TODAY)
    assert re.match(r"facts/topics/store\.yml:\d+: ", str(info.value)) and problem in str(info.value), str(info.value)


def test_feeds_are_atom_with_unique_stable_ids(tmp_path):
    from handbook.business_types import load_business_types
    base = load_factbase(write_facts(tmp_path, topic=HISTORY), TODAY)
    items = entries(base, {"store.deposit": {"playbooks/food-supply/b2c.md"}})
    out = feeds(items, load_business_types(ROOT / "facts" / "business_types.yml"), "https://example.org/handbook/", TODAY)
    assert {"all", "douyin", "channels", "food-supply"} <= set(out)
    for name, xml in out.items():
        root = ET.fromstring(xml.split("\n", 1)[1])
        assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
        ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
        assert len(ids) == len(set(ids)), name
        for e in root.findall(f"{ATOM}entry"):
            assert e.find(f"{ATOM}title").text and e.find(f"{ATOM}updated").text and e.find(f"{ATOM}link").get("href")
    assert "1000 元起" in out["douyin"] and "1000 元起" not in out["channels"]
    assert entries(base, {})[0].id == items[0].id  # ids do not depend on who cites the fact


def test_plan_section_is_the_overviews_own_plan():
    text = (ROOT / "docs/playbooks/food-supply/index.md").read_text(encoding="utf-8")
    plan = plan_section(text)
    assert plan.startswith("## ") and "30/60/90" in plan.splitlines()[0] and "本手册建议的起步预算" in plan
    assert "](" not in plan  # links flattened: a print has nothing to click


CHECKLIST = """\
checklists:
  food-supply:
    - section: entity
      items:
        - text: 营业执照包含食品销售
          fact: {fact}
          platforms: [douyin]
          before: sell
          tactic: {tactic}
"""


@pytest.mark.parametrize("fact,tactic,problem,line", [
    ("store.nope", "playbooks/food-supply/b2c.md#food-b2c-store-choice", "names unknown fact 'store.nope'", 6),
    ("store.deposit", "playbooks/food-supply/b2c.md#food-b2c-nowhere", "links to playbooks/food-supply/b2c.md#food-b2c-nowhere", 9),
])
def test_checklist_items_must_resolve(tmp_path, fact, tactic, problem, line):
    from handbook.business_types import load_business_types
    from handbook.checklists import load_checklists
    base = load_factbase(ROOT / "facts", TODAY.replace(year=TODAY.year + 5))
    path = tmp_path / "checklists.yml"
    path.write_text(CHECKLIST.format(fact=fact, tactic=tactic), encoding="utf-8")
    with pytest.raises(HandbookError) as info:
        load_checklists(path, base, load_business_types(ROOT / "facts" / "business_types.yml"), ROOT / "docs")
    assert str(info.value).startswith(f"facts/checklists.yml:{line}: ") and problem in str(info.value), str(info.value)


# ---- the built site ----------------------------------------------------------------------------

def test_timeline_page_lists_dated_sourced_entries_and_advertises_its_feeds(built_site):
    html = (built_site / "timeline" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'class="timeline-entry" data-date="(\d{4}-\d\d-\d\d)"', html)
    assert len(dates) >= 30 and dates == sorted(dates, reverse=True)
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
    assert {"../feeds/all.xml", "../feeds/douyin.xml", "../feeds/channels.xml"} <= set(links)
    for href in links:
        ET.parse(built_site / "timeline" / href)  # every advertised feed exists and parses
    assert json.loads((built_site / "timeline.json").read_text(encoding="utf-8"))


def test_every_published_business_type_has_a_print_plan_linked_from_its_overview(built_site):
    bts = [p.name for p in (built_site / "playbooks").iterdir() if (p / "index.html").exists() and p.name != "index.html"]
    assert len(bts) >= 14
    for bt in bts:
        overview = (built_site / "playbooks" / bt / "index.html").read_text(encoding="utf-8")
        assert f'href="../../print/{bt}/"' in overview, bt
        plan = (built_site / "print" / bt / "index.html").read_text(encoding="utf-8")
        assert "事实截至" in plan and "30/60/90" in plan


# ---- in the browser ----------------------------------------------------------------------------

def test_timeline_filter_by_platform_and_business_type(browser, site_url):
    page = browser.new_context().new_page()
    page.goto(f"{site_url}/timeline/?platform=channels")
    page.wait_for_selector("[data-timeline-count]")
    visible = page.eval_on_selector_all(".timeline-entry:not([hidden])", "els => els.map(e => e.dataset.platforms)")
    total = page.eval_on_selector_all(".timeline-entry", "els => els.length")
    assert 0 < len(visible) < total and all("channels" in v.split() for v in visible)
    page.select_option("[data-timeline-filter=bt]", "medical")
    bts = page.eval_on_selector_all(".timeline-entry:not([hidden])", "els => els.map(e => e.dataset.bts)")
    assert bts and all("medical" in b.split() for b in bts)
    page.context.close()


def test_changes_since_the_last_visit_are_listed(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".changes-since").count() == 0  # a first visit: nothing to compare with
    page.evaluate("localStorage.setItem('handbook:last-visit', '2020-01-01')")
    page.goto(f"{site_url}/playbooks/medical/")
    page.wait_for_selector(".changes-since", timeout=10000)
    assert "自上次访问（2020-01-01）以来" in page.inner_text(".changes-since")
    assert page.evaluate("localStorage.getItem('handbook:last-visit')") != "2020-01-01"  # this visit is remembered
    context.close()


def test_print_plans_fit_two_a4_pages(browser, site_url, built_site):
    page = browser.new_context().new_page()
    for bt in sorted(p.name for p in (built_site / "print").iterdir()):
        page.goto(f"{site_url}/print/{bt}/")
        page.wait_for_load_state("networkidle")
        pdf = page.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert 1 <= pages <= 2, (bt, pages)
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") != "none"  # screen unchanged
    page.context.close()
