"""Trust in the fact base: source-dated staleness, how-to-check, quotes, correction links, the audit."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import GOOD_SOURCES, GOOD_TOPIC, TODAY, write_facts
from handbook.errors import HandbookError
from handbook.facts import load_factbase
from handbook.reference import facts_topic_markdown
from handbook.render import correction_url, render_compare_table, render_inline
from handbook.trust import audit, audit_lines

OLD_NOTICE = GOOD_SOURCES.replace("    published: null\n    kind: media", "    published: 2014-12-30\n    kind: media")


def test_an_old_source_reread_yesterday_is_still_stale(tmp_path):
    base = load_factbase(write_facts(tmp_path, sources=OLD_NOTICE), TODAY)
    pv = base.fact("store.deposit").values["douyin"]
    assert (TODAY - pv.checked).days < 180  # freshly re-read...
    assert pv.is_stale(TODAY, 180)  # ...but the notice is from 2014
    assert "最新来源发布于 2014-12-30" in pv.stale_reason(TODAY, 180)
    assert "可能已过时" in render_compare_table([base.fact("store.deposit")], base, TODAY, root="")


def test_a_law_text_does_not_age_by_its_publication_date(tmp_path):
    base = load_factbase(write_facts(tmp_path), TODAY)  # law-text published 2021-04-29, shelf life 180 days
    assert not base.fact("store.law").values["general"].is_stale(TODAY, 180)


def test_unknown_value_shows_where_to_check(good_base):
    fact = good_base.fact("store.deposit")
    assert "怎么查：微信小店后台的保证金页面" in render_compare_table([fact], good_base, TODAY, root="")
    assert "怎么查" in render_inline(fact, "channels", TODAY, "")
    assert "怎么查" in facts_topic_markdown(good_base, good_base.topics['store'], TODAY)


@pytest.mark.parametrize("change,problem,line", [
    (("      quote: 店铺保证金 2000 元起。\n", ""), "store.deposit.douyin: verified without a quote", 11),  # at status: verified
    (("      how_to_check: 微信小店后台的保证金页面\n", ""), "store.deposit.channels: unknown value with no how_to_check", 15),
], ids=["verified-without-quote", "unknown-without-how-to-check"])
def test_the_loader_enforces_the_trust_rules(tmp_path, change, problem, line):
    topic = GOOD_TOPIC.replace(*change)
    assert topic != GOOD_TOPIC
    with pytest.raises(HandbookError) as info:
        load_factbase(write_facts(tmp_path, topic=topic), TODAY)
    assert str(info.value).startswith(f"facts/topics/store.yml:{line}: {problem} — ")


def test_verified_on_third_party_only_is_refused(tmp_path):
    sources = GOOD_SOURCES.replace("    kind: media", "    kind: third-party")
    with pytest.raises(HandbookError, match=r"store\.deposit\.douyin: verified on third-party sources only — cite"):
        load_factbase(write_facts(tmp_path, sources=sources), TODAY)


def test_correction_link_prefills_the_issue_form(good_base):
    url = correction_url("https://github.com/o/r/issues/new", good_base.fact("store.deposit"), "douyin",
                         "playbooks/food-supply/b2b.md")
    q = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    assert q["template"] == "fact-correction.yml" and q["fact-id"] == "store.deposit"
    assert q["platform"] == "douyin" and q["page"] == "playbooks/food-supply/b2b.md"
    html = render_inline(good_base.fact("store.deposit"), "douyin", TODAY, "", url)
    assert 'class="fact-fix"' in html and "&amp;fact-id=store.deposit" in html
    assert correction_url("", good_base.fact("store.deposit"), "douyin", "x.md") == ""


def test_a_value_mentioned_again_on_a_page_gets_no_second_correction_link(good_base):
    from handbook.markers import render_markers
    md = ("押金 [[fact:store.deposit:douyin]]；再说一遍 [[fact:store.deposit:douyin]]；"
          "视频号 [[fact:store.deposit:channels]]，还是 [[fact:store.deposit:channels]]。")
    out, _, _ = render_markers(md, good_base, TODAY, "", "docs/p.md", "https://github.com/o/r/issues/new")
    assert out.count('class="fact-fix"') == 2  # douyin once, channels once
    assert out.count("&amp;platform=douyin") == 1 and out.count("&amp;platform=channels") == 1
    assert out.count('href="facts/store/#store.deposit"') == 4  # every mention still links to the fact
    assert out.count('<sup class="fact-mark">未核实') == 2  # and every mention of the unverified value says so


def test_issue_form_has_the_prefilled_fields():
    import yaml
    from conftest import ROOT
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/fact-correction.yml").read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"fact-id", "platform", "page"} <= ids
    platform = next(item for item in form["body"] if item.get("id") == "platform")
    assert platform["type"] == "input"  # dropdowns cannot be prefilled from the URL


def test_audit_counts(tmp_path):
    base = load_factbase(write_facts(tmp_path, sources=OLD_NOTICE), TODAY)
    a = audit(base, TODAY)
    assert a["values"] == 3 and a["status"] == {"verified": 2, "unverified": 1}
    assert a["verified_with_trusted_source"] == 2 and a["verified_with_quote"] == 2
    assert a["unknown_without_how_to_check"] == 0 and a["stale"] == 1
    assert a["sources_with_published_date"] == 2
    assert a["oldest_sources"][0][0] == "2014-12-30"
    lines = audit_lines(a)
    assert any("已核实 2" in line for line in lines) and any("2014-12-30" in line for line in lines)


def test_fact_pages_show_the_audit_and_quotes(tmp_path):
    from handbook.reference import facts_index_markdown
    base = load_factbase(write_facts(tmp_path), TODAY)
    sheet = facts_topic_markdown(base, base.topics["store"], TODAY, "https://github.com/o/r/issues/new")
    assert "来源原文" in sheet and "店铺保证金 2000 元起。" in sheet and "纠错 / 补充来源" in sheet
    assert "可信度一览" in facts_index_markdown(base, TODAY)


@pytest.mark.parametrize("fact_id,platform,page", [("store.deposit", "douyin", "playbooks/food-supply/b2b/"),
                                                   ("a&b=c", "channels", "页面/?q=1 2#x")])
def test_correction_url_is_urlencode(fact_id, platform, page):
    from urllib.parse import urlencode
    from handbook.render import _correction_url
    expected = "https://github.com/o/r/issues/new?" + urlencode({
        "template": "fact-correction.yml", "title": f"[事实纠错] {fact_id}", "fact-id": fact_id,
        "platform": platform, "page": page})
    assert _correction_url("https://github.com/o/r/issues/new", fact_id, platform, page) == expected
