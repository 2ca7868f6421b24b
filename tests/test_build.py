"""A real `mkdocs build --strict` of the site, and of copies with planted mistakes."""

from __future__ import annotations

import json
import re

from conftest import CONTENT_TODAY, run_build


def test_every_topic_has_a_comparison_page_listing_its_facts(built_site):
    facts = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    index = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    for topic in facts["topics"]:
        assert f'href="{topic["id"]}/"' in index
        html = (built_site / "compare" / topic["id"] / "index.html").read_text(encoding="utf-8")
        assert html.count('class="fact-table"') == 1
        assert all(f'data-fact="{f}"' in html for f in topic["facts"])


def test_comparison_index_follows_the_order_merchants_decide_in(built_site):
    index = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2[^>]*>([^<]+)", index)
    order = [h for h in headings if h in ("开店", "流量", "内容", "私域", "合规", "售后")]
    assert order == ["开店", "流量", "内容", "私域", "合规", "售后"]


def test_no_page_is_heavier_than_150_kb(built_site):
    """Every built page, written or generated, the tags listing included: a phone on a slow network
    downloads and parses all of it before the first screen settles."""
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    heavy = {str(p.relative_to(built_site)): p.stat().st_size for p in pages if p.stat().st_size > 150 * 1024}
    assert heavy == {}


def test_every_tag_chip_lands_on_its_heading_on_the_tags_page(built_site):
    tags = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<h2 id="(tag:[^"]+)"', tags))
    chips = set()
    for page in (built_site / "playbooks").rglob("index.html"):
        chips |= set(re.findall(r'href="(?:\.\./)+tags/#([^"]+)" class="md-tag', page.read_text(encoding="utf-8")))
    assert chips and chips <= ids


def test_facts_json_is_valid_and_sources_resolve(built_site):
    data = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    assert data["generated"] == CONTENT_TODAY.isoformat()
    source_ids = {s["id"] for s in data["sources"]}
    for fact in data["facts"]:
        assert fact["values"], fact["id"]
        for platform, value in fact["values"].items():
            assert platform in {"douyin", "channels", "general"}
            assert value["status"] in {"verified", "unverified", "not-applicable"}
            assert set(value["sources"]) <= source_ids
            if value["status"] == "verified":
                assert value["sources"] and value["value"] is not None


def test_every_fact_has_its_anchor_on_its_topic_page(built_site):
    data = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    for fact in data["facts"]:
        html = (built_site / "facts" / fact["topic"] / "index.html").read_text(encoding="utf-8")
        assert f'id="{fact["id"]}"' in html
    redirects = json.loads((built_site / "anchor-redirects.json").read_text(encoding="utf-8"))
    assert all(redirects[f"facts/#{f['id']}"] == f"facts/{f['topic']}/#{f['id']}" for f in data["facts"])


def test_search_index_is_segmented_utf8_with_terms_whole(built_site):
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    # Rewritten as UTF-8: Han text appears as itself, never as \\uXXXX escapes (6 bytes a character).
    assert "视频号" in raw and not re.search(r"(?<!\\)\\u[4-9][0-9a-f]{3}", raw)
    index = json.loads(raw)
    assert index["config"]["lang"] == ["zh"]
    assert "\\u200b" in index["config"]["separator"]
    text = " ".join(d["title"] + d["text"] for d in index["docs"])
    assert "\u200b" in text
    tokens = set(re.split("[\u200b\\s]+", text))
    for term in ("视频号", "抖店", "千川", "微信小店"):  # user-dictionary words stay whole
        assert term in tokens, term


def test_no_page_references_third_party_assets(built_site):
    # Outbound <a> links to sources are fine, and so is rel=canonical: nothing is *loaded* from another host.
    loaded = re.compile(r'<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="https?://|'
                        r'<link\b(?=[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|manifest|preconnect)")[^>]*\bhref="https?://')
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not loaded.search(html), page
        assert "fonts.googleapis" not in html and "unpkg.com" not in html and "cdn.jsdelivr" not in html


def test_unknown_fact_in_page_fails_build_with_located_message(copy_of_repo, tmp_path):
    page = copy_of_repo / "docs" / "platforms" / "douyin.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n保证金 [[fact:store.no-such-fact:douyin]]\n", encoding="utf-8")
    result = run_build(copy_of_repo, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(r"docs/platforms/douyin\.md:\d+: unknown fact id 'store\.no-such-fact'", result.stderr), result.stderr[-2000:]
    assert not (tmp_path / "site" / "platforms" / "douyin" / "index.html").exists()


def test_bad_fact_file_fails_build_with_located_message(copy_of_repo, tmp_path):
    topic = next((copy_of_repo / "facts" / "topics").glob("*.yml"))
    text = topic.read_text(encoding="utf-8")
    planted = re.sub(r"checked: \d{4}-\d\d-\d\d", "checked: 2026-13-01", text, count=1)
    assert planted != text
    topic.write_text(planted, encoding="utf-8")
    result = run_build(copy_of_repo, tmp_path / "site")
    assert result.returncode != 0
    assert re.search(rf"facts/topics/{topic.name}:\d+: .*(is not a YYYY-MM-DD date|not a real date)", result.stderr), result.stderr[-2000:]


def test_404_page_is_chinese_with_search_and_every_business_type(built_site):
    from conftest import ROOT
    from handbook.business_types import load_business_types
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<title>页面不存在 - " in page and "页面不存在（404）" in page
    assert 'data-md-component="search-query"' in page
    for bt in load_business_types(ROOT / "facts" / "business_types.yml"):
        assert f'/playbooks/{bt}/"' in page, bt
