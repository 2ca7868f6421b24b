"""Generated pages: tactic index, glossary, 选平台; glossary enrichment (tooltips, search words)."""

from __future__ import annotations

import re

from conftest import CONTENT_TODAY, ROOT
from handbook.enrich import add_term_tooltips, entry_keywords
from handbook.facts import load_factbase
from handbook.glossary import Term, load_glossary
from handbook.business_types import load_business_types

TERMS = [Term("dou-dian", "抖店", ("抖音小店",), ("开店",), ("douyin",), "抖音的电商店铺<后台>"),
         Term("qianchuan", "千川", ("巨量千川",), ("投流",), ("douyin",), "抖音电商广告平台")]


def test_tooltip_wraps_first_plain_occurrence_only():
    html = '<h2 id="x">抖店</h2><p>开<a href="#">抖店</a>前先看抖店和抖店规则，<code>抖店</code></p>'
    out = add_term_tooltips(html, TERMS)
    assert out.count("<abbr") == 1
    assert '<h2 id="x">抖店</h2>' in out and '<a href="#">抖店</a>' in out and "<code>抖店</code>" in out
    assert 'title="抖音的电商店铺&lt;后台&gt;"' in out


def test_longest_name_wins():
    out = add_term_tooltips("<p>用巨量千川投放</p>", TERMS)
    assert "<abbr" in out and ">巨量千川</abbr>" in out


def test_search_words_per_index_entry():
    assert entry_keywords("开店", "抖音小店怎么开", TERMS) == ["抖店"]  # other name; the alias 开店 is there anyway
    assert entry_keywords("投放", "千川出价", TERMS) == ["巨量千川"]  # mentioned in passing: names, no aliases
    assert entry_keywords("千川怎么投", "出价", TERMS) == ["巨量千川", "投流"]  # named in the title: aliases too
    assert entry_keywords("标题", "没有术语", TERMS) == []


def test_real_glossary_feeds_jieba_and_has_no_clashes():
    base = load_factbase(ROOT / "facts", CONTENT_TODAY)
    terms = load_glossary(ROOT / "facts" / "glossary.yml", base.sources)
    assert len(terms) >= 40
    names = [n for t in terms for n in t.names]
    assert len(names) == len(set(names))


def test_tactic_index_lists_every_tactic_with_working_links(built_site):
    html = (built_site / "tactics" / "index.html").read_text(encoding="utf-8")
    from test_anchors import scan_all
    tactics = [t for page in scan_all() for t in page.tactics]
    rows = re.findall(r'<tr data-bt="([^"]+)" data-stage="([^"]+)" data-platforms="([^"]+)"><td><a href="([^"]+)">', html)
    assert len(rows) == len(tactics)
    for _, _, _, href in rows:
        page, anchor = href.split("#")
        target = built_site / "tactics" / page / "index.html"
        assert f'id="{anchor}"' in target.resolve().read_text(encoding="utf-8"), href


def test_glossary_page_has_every_term(built_site):
    html = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    base = load_factbase(ROOT / "facts", CONTENT_TODAY)
    for term in load_glossary(ROOT / "facts" / "glossary.yml", base.sources):
        assert f'id="term-{term.id}"' in html


def test_choose_page_is_generated_from_registry(built_site):
    html = (built_site / "choose" / "index.html").read_text(encoding="utf-8")
    bts = load_business_types(ROOT / "facts" / "business_types.yml")
    published = [b for b in bts if (ROOT / "docs" / "playbooks" / b / "index.md").exists()]
    body = html.split('<table class="choose-table">', 1)[1].split("</table>", 1)[0]
    assert body.count('<tr><th scope="row">') == len(published) == len(bts)
    for bt in published:
        assert f'id="choose-{bt}"' in html and f'href="../playbooks/{bt}/"' in html


def test_home_reaches_every_playbook_in_one_click(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    bts = load_business_types(ROOT / "facts" / "business_types.yml")
    for bt in bts:
        assert f'href="playbooks/{bt}/"' in html


def test_tactic_filters_work_in_browser(page, site_url):
    page.goto(f"{site_url}/tactics/")
    total = page.locator("table.tactic-index tbody tr").count()
    page.select_option("[data-filter=stage]", "ads")
    visible = page.locator("table.tactic-index tbody tr:not([hidden])").count()
    assert 0 < visible < total
    stages = page.locator("table.tactic-index tbody tr:not([hidden])").evaluate_all("rs => rs.map(r => r.dataset.stage)")
    assert set(stages) == {"ads"}
    page.goto(f"{site_url}/tactics/?bt=medical&platform=channels")
    rows = page.locator("table.tactic-index tbody tr:not([hidden])")
    assert rows.count() > 0
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.bt)")) == {"medical"}


def test_tag_headings_lose_only_their_permalink():
    from handbook.listings import drop_tag_permalinks
    html = ('<h1 id="_1">标签<a class="headerlink" href="#_1" title="本节链接">&para;</a></h1>'
            '<h2 id="tag:dou"><span class="md-tag">DOU+</span><a class="headerlink" href="#tag:dou" title="本节链接">&para;</a></h2>')
    assert drop_tag_permalinks(html) == ('<h1 id="_1">标签<a class="headerlink" href="#_1" title="本节链接">&para;</a></h1>'
                                         '<h2 id="tag:dou"><span class="md-tag">DOU+</span></h2>')
