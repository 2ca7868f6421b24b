"""规则变更时间线: every dated rule in the fact base — a value's `effective:` date and each earlier
value kept under `history:` — as entries, newest first, with the business types whose playbooks cite
the fact; rendered as a filterable page, Atom feeds and timeline.json for the last-visit notice."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable, Mapping

from .facts import PLATFORM_LABELS, Fact, FactBase
from .nav import page_url
from .render import STATUS_LABELS, display_value, esc, fact_url

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    date: dt.date
    fact: Fact
    platform: str  # douyin / channels / general
    value: object
    sources: tuple[str, ...]
    current: bool  # the value in force now (False: a superseded value from history)
    note: str
    business_types: tuple[str, ...]
    pages: tuple[str, ...]  # docs-relative pages citing the fact

    @property
    def id(self) -> str:
        """Stable across builds: the fact, the platform and the date the rule took effect."""
        return f"{self.fact.id}/{self.platform}/{self.date.isoformat()}"

    @property
    def platforms(self) -> tuple[str, ...]:
        return ("douyin", "channels") if self.platform == "general" else (self.platform,)

    @property
    def title(self) -> str:
        who = "通用" if self.platform == "general" else PLATFORM_LABELS[self.platform]
        return f"{self.fact.label}（{who}）"


def entries(base: FactBase, citing_pages: Mapping[str, Iterable[str]]) -> list[Entry]:
    """Newest first. citing_pages: fact id -> docs pages that cite it (business type from the path)."""
    out = []
    for fact in base.facts.values():
        pages = tuple(sorted(citing_pages.get(fact.id, ())))
        bts = tuple(sorted({p.split("/")[1] for p in pages if p.startswith("playbooks/") and p.count("/") >= 2}))
        for platform, pv in fact.values.items():
            if pv.effective and pv.sources:
                out.append(Entry(pv.effective, fact, platform, pv.value, pv.sources, True, pv.note, bts, pages))
            for old in pv.history:
                out.append(Entry(old.effective, fact, platform, old.value, old.sources, False, old.note, bts, pages))
    return sorted(out, key=lambda e: (e.date, e.id), reverse=True)


def timeline_markdown(items: list[Entry], business_types: Mapping, today: dt.date) -> str:
    root = "../"
    rows = []
    for e in items:
        value = esc(display_value(e.value))
        state = "现行" if e.current else "已被取代"
        pages = "、".join(f'<a href="{esc(root + page_url(p))}">{esc(p.split("/")[1] if p.startswith("playbooks/") else p[:-3])}</a>'
                         for p in e.pages[:6])
        status = STATUS_LABELS[e.fact.values[e.platform].status] if e.current else ""
        rows.append(
            f'<li class="timeline-entry" data-date="{e.date}" data-platforms="{esc(" ".join(e.platforms))}" '
            f'data-bts="{esc(" ".join(e.business_types))}" id="t-{esc(e.id.replace("/", "-"))}">'
            f'<time datetime="{e.date}">{e.date}</time> <strong><a href="{esc(fact_url(root, e.fact.id))}">{esc(e.title)}</a></strong>'
            f'<span class="timeline-state">{state}{" · " + status if status else ""}</span>'
            f'<span class="timeline-value">{value}</span>'
            + (f'<span class="timeline-pages">引用它的页面：{pages}</span>' if pages else "") + "</li>")
    options = "".join(f'<option value="{esc(bt.id)}">{esc(bt.name)}</option>' for bt in business_types.values())
    feeds = " · ".join([f'<a href="{root}feeds/all.xml">全部</a>', f'<a href="{root}feeds/douyin.xml">抖音</a>',
                        f'<a href="{root}feeds/channels.xml">视频号</a>'])
    bt_feeds = "、".join(f'<a href="{root}feeds/{esc(bt.id)}.xml">{esc(bt.name)}</a>' for bt in business_types.values())
    return "\n".join([
        "---", "title: 规则变更时间线", "description: 抖音、视频号和相关法规的规则何时生效、何时改变：按日期倒序，可按平台和行业筛选，可订阅。",
        "feeds: true", "---", "",
        "# 规则变更时间线", "",
        f"事实库里每一条带生效日期的规则，以及被新规则取代的旧取值，按日期倒序排列（共 {len(items)} 条，构建于 {today}）。"
        "点规则名看来源和原文；“引用它的页面”是用到这条规则的打法。", "",
        f"订阅（Atom，任何 RSS 阅读器都能用）：{feeds}；按行业：{bt_feeds}。", "",
        '<div class="tactic-filters timeline-filters"><label>平台 <select data-timeline-filter="platform">'
        '<option value="">全部</option><option value="douyin">抖音</option><option value="channels">视频号</option></select></label>'
        f'<label>行业 <select data-timeline-filter="bt"><option value="">全部</option>{options}</select></label>'
        '<span data-timeline-count></span></div>',
        '<ol class="timeline" data-timeline>' + "".join(rows) + "</ol>",
        '<p class="timeline-empty" data-timeline-empty hidden>没有符合条件的规则变更，换个平台或行业试试。</p>', ""])


def atom_feed(items: list[Entry], title: str, feed_id: str, self_url: str, site_url: str, updated: dt.date) -> str:
    """An Atom 1.0 feed. Entry ids are tag: URIs built from the entry's stable id."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_id
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{updated.isoformat()}T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{site_url}timeline/")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "抖音 × 视频号 商家实战手册"
    for e in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{e.date} {e.title}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"tag:handbook,2026:{e.id}"
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{e.date.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=fact_url(site_url, e.fact.id))
        state = "现行规则" if e.current else "已被取代的旧规则"
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = f"{state}：{display_value(e.value)}"
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def feeds(items: list[Entry], business_types: Mapping, site_url: str, today: dt.date) -> dict[str, str]:
    """feeds/<name>.xml -> Atom text: everything, one per platform, one per business type."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    out = {"all": ("全部规则变更", items),
           "douyin": ("抖音规则变更", [e for e in items if "douyin" in e.platforms]),
           "channels": ("视频号规则变更", [e for e in items if "channels" in e.platforms])}
    for bt in business_types.values():
        out[bt.id] = (f"{bt.name}：规则变更", [e for e in items if bt.id in e.business_types])
    return {name: atom_feed(chosen, f"{title} · 抖音 × 视频号 商家实战手册", f"tag:handbook,2026:feed/{name}",
                            f"{site_url}feeds/{name}.xml", site_url, today)
            for name, (title, chosen) in out.items()}


def timeline_json(items: list[Entry]) -> list[dict]:
    """What the last-visit notice reads: date, title, where to read more, platforms, business types."""
    return [{"id": e.id, "date": e.date.isoformat(), "title": e.title, "url": fact_url("", e.fact.id),
             "platforms": list(e.platforms), "bts": list(e.business_types), "current": e.current} for e in items]
