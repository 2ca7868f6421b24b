"""sitemap.xml's <lastmod>: each page's real last change, not the build date."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from conftest import CONTENT_TODAY, ROOT, TODAY
from handbook.gitdates import last_modified_dates
from handbook.lastmod import checked_dates, generated_page_lastmod, written_page_lastmod
from handbook.mdscan import split_front_matter

D = dt.date


def test_a_written_page_is_dated_by_its_review_then_git_then_the_build():
    assert written_page_lastmod(D(2026, 10, 1), "2026-11-20", TODAY) == D(2026, 10, 1)
    assert written_page_lastmod("2026-10-01", "2026-11-20", TODAY) == D(2026, 10, 1)  # front matter as text
    assert written_page_lastmod(dt.datetime(2026, 10, 1, 9, 30), None, TODAY) == D(2026, 10, 1)
    assert written_page_lastmod(None, "2026-11-20", TODAY) == D(2026, 11, 20)
    assert written_page_lastmod("not a date", "2026-11-20", TODAY) == D(2026, 11, 20)
    assert written_page_lastmod(None, None, TODAY) == TODAY


def test_a_generated_page_is_dated_by_the_newest_date_it_shows():
    assert generated_page_lastmod([D(2026, 9, 1), D(2026, 11, 1), D(2026, 10, 1)], TODAY) == D(2026, 11, 1)
    assert generated_page_lastmod([], TODAY) == TODAY
    assert generated_page_lastmod(iter(()), TODAY) == TODAY


def test_checked_dates_take_every_platform_value(good_base):
    assert sorted(checked_dates([good_base.fact("store.deposit")])) == [D(2026, 11, 1), D(2026, 11, 1)]


def test_the_registry_dates_a_topic_page_by_its_facts(good_base):
    from handbook.generated import pages
    build = SimpleNamespace(base=good_base, business_types={}, checklists={}, published=set(), playbooks=[],
                            citations={}, today=TODAY)
    by_path = {p.path: p for p in pages(build)}
    assert generated_page_lastmod(by_path["facts/store.md"].shows(build), TODAY) == D(2026, 11, 1)
    assert generated_page_lastmod(by_path["compare/store.md"].shows(build), TODAY) == D(2026, 11, 1)
    assert generated_page_lastmod(by_path["glossary.md"].shows(build), TODAY) == TODAY  # nothing dated on it


def _sitemap(site) -> dict[str, str]:
    xml = (site / "sitemap.xml").read_text(encoding="utf-8")
    return {loc.split("/handbook/", 1)[1]: day for loc, day in
            re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", xml)}


def _url(src: str) -> str:
    path = src[:-3].removesuffix("index")
    return path if not path or path.endswith("/") else path + "/"


def test_sitemap_dates_each_page_by_its_own_last_change(built_site):
    lastmod = _sitemap(built_site)
    git = last_modified_dates(ROOT)
    expected, tagged = {}, []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        src = md.relative_to(ROOT / "docs").as_posix()
        if src == "tags.md":
            continue  # a listing of the tagged pages: checked below
        meta = split_front_matter(md.read_text(encoding="utf-8"), src)[0]
        git_date = git.get(f"docs/{src}") or (git.get("CONTRIBUTING.md") if src == "contributing.md" else None)
        expected[_url(src)] = str(meta.get("reviewed") or git_date or CONTENT_TODAY)
        if meta.get("tags"):
            tagged.append(expected[_url(src)])
    assert {u: lastmod[u] for u in expected} == expected
    # Pages changed on different days say so: the sitemap no longer stamps one date on everything.
    assert len(set(expected.values())) > 1 and len({lastmod[u] for u in expected}) > 1
    assert lastmod["tags/"] == max(tagged)


def test_sitemap_dates_a_generated_page_by_the_facts_it_shows(built_site):
    import json
    facts = json.loads((built_site / "facts.json").read_text(encoding="utf-8"))
    lastmod = _sitemap(built_site)
    by_id = {f["id"]: f for f in facts["facts"]}
    for topic in facts["topics"]:
        newest = max(v["checked"] for f in topic["facts"] for v in by_id[f]["values"].values())
        assert lastmod[f"facts/{topic['id']}/"] == newest
        assert lastmod[f"compare/{topic['id']}/"] == newest
