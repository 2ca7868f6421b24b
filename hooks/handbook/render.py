"""Render facts as HTML: comparison tables, inline references, the fact sheet and compare pages.

Every value from data goes through html.escape (and markdown escaping where markdown follows),
so a fact can never inject markup or script.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache
from typing import Iterable
from urllib.parse import quote_plus

from .facts import PLATFORM_LABELS, PLATFORMS, Fact, FactBase, PlatformValue

STATUS_LABELS = {"verified": "已核实", "unverified": "未核实", "not-applicable": "不适用"}
CONFIDENCE_LABELS = {"high": "高", "medium": "中", "low": "低"}
KIND_LABELS = {"official": "官方", "law": "法规", "media": "媒体", "third-party": "第三方", "seed": "起源页"}
STALE_LABEL = "可能已过时"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def esc(text: object) -> str:
    """HTML-escape, and neutralise characters Markdown would act on inside raw HTML."""
    return _esc(str(text))


@lru_cache(maxsize=65536)
def _esc(text: str) -> str:
    # Cached: labels, values and names recur in every table that shows them.
    escaped = html.escape(text, quote=True)
    return escaped.replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;").replace("[", "&#91;")


def md_escape(text: str) -> str:
    """Escape text that lands in Markdown (e.g. a heading built from data)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def display_value(value: str | bool | None) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    if value is None:
        return "未知"
    return value


def fact_url(root: str, fact_id: str) -> str:
    """A fact's entry on its topic's page (the topic is the id's first part: store.deposit → facts/store/)."""
    return f"{root}facts/{fact_id.split('.', 1)[0]}/#{fact_id}"


def _source_links(pv: PlatformValue, base: FactBase) -> str:
    """[1][2]… to the sources; the full titles are on the fact's page, one tap away."""
    links = []
    for n, source_id in enumerate(pv.sources, 1):
        s = base.sources[source_id]
        links.append(f'<a class="fact-src" href="{esc(s.url)}" aria-label="来源 {n}：{esc(s.publisher)}" '
                     f'target="_blank" rel="noopener noreferrer">[{n}]</a>')
    return "".join(links)


def correction_url(issues_new: str, fact: Fact, platform: str, page: str) -> str:
    """The fact-correction issue form with the fact, platform, page and shown value filled in
    (GitHub issue forms take field ids as query parameters); "" when the site has no repository."""
    if not issues_new:
        return ""
    return _correction_url(issues_new, fact.id, platform, page)


_quote = lru_cache(maxsize=16384)(quote_plus)


def _correction_url(issues_new: str, fact_id: str, platform: str, page: str) -> str:
    # urlencode's own quoting, each value quoted once per build: the same facts, platforms and
    # pages recur in thousands of cells, and urlencode was a tenth of the hooks' time on the
    # 1,000-page benchmark. The form shows the current value once the fact id is in; leaving it out
    # of the URL keeps each of the hundreds of links on a reference page short.
    return (f"{issues_new}?template=fact-correction.yml&title={_quote(f'[事实纠错] {fact_id}')}"
            f"&fact-id={_quote(fact_id)}&platform={_quote(platform)}&page={_quote(page)}")


def _fix_link(url: str, fact: Fact, text: str = "纠错") -> str:
    if not url:
        return ""
    # The accessible name starts with the visible words (WCAG 2.5.3), then says which fact.
    name = "纠错" if text == "✎" else text
    return (f'<a class="fact-fix" href="{esc(url)}" target="_blank" rel="noopener noreferrer" '
            f'title="纠错 / 补充来源" aria-label="{esc(name)}：{esc(fact.label)}">{text}</a>')


def _meta(pv: PlatformValue, fact: Fact, today: dt.date) -> str:
    parts = [f'<span class="fact-status">{STATUS_LABELS[pv.status]}</span>']
    if pv.effective:
        parts.append(f"{pv.effective} 起")
    parts.append(f"核对于 {pv.checked}")
    reason = pv.stale_reason(today, fact.shelf_life_days)
    if reason:
        parts.append(f'<span class="fact-stale">{STALE_LABEL}（{esc(reason)}）</span>')
    return " · ".join(parts)


def _how_to_check(pv: PlatformValue, tag: str = "span") -> str:
    return f'<{tag} class="fact-how">怎么查：{esc(pv.how_to_check)}</{tag}>' if pv.how_to_check else ""


def render_cell(fact: Fact, platform: str, base: FactBase, today: dt.date, colspan: int = 1, fix_url: str = "",
                with_note: bool = True) -> str:
    pv = fact.values[platform]
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    note = f'<span class="fact-note">{esc(pv.note)}</span>' if pv.note and with_note else ""
    fix = f" {_fix_link(fix_url, fact)}" if fix_url else ""
    return (f'<td class="fact-cell fact-{pv.status}"{span} data-confidence="{pv.confidence}">'
            f'<span class="fact-value">{esc(display_value(pv.value))}</span>{_how_to_check(pv)}{note}'
            f'<span class="fact-meta">{_meta(pv, fact, today)} {_source_links(pv, base)}{fix}</span></td>')


def render_compare_table(facts: Iterable[Fact], base: FactBase, today: dt.date, root: str,
                         caption: str = "", issues_new: str = "", page: str = "", with_notes: bool = True) -> str:
    """A Douyin-vs-视频号 table: one row per fact, a general fact spanning both columns."""
    rows = []
    for fact in facts:
        head = f'<th scope="row"><a href="{esc(fact_url(root, fact.id))}">{esc(fact.label)}</a></th>'
        if fact.is_general:
            cells = render_cell(fact, "general", base, today, 2, correction_url(issues_new, fact, "general", page), with_notes)
        else:
            cells = "".join(render_cell(fact, p, base, today, 1, correction_url(issues_new, fact, p, page), with_notes)
                            for p in PLATFORMS)
        rows.append(f'<tr data-fact="{esc(fact.id)}">{head}{cells}</tr>')
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    # data-search-exclude: the fact sheet is where facts are searched, one section per fact.
    # Focusable and named: a table wider than a phone scrolls inside this box, by keyboard too.
    label = esc(caption or "抖音与视频号对比")
    return (f'<div class="fact-table" data-search-exclude tabindex="0" role="region" aria-label="{label}"><table>' + cap +
            f'<thead><tr><th>项目</th><th>{PLATFORM_LABELS["douyin"]}</th><th>{PLATFORM_LABELS["channels"]}</th></tr></thead>'
            '<tbody>' + "".join(rows) + '</tbody></table></div>')


def render_inline(fact: Fact, platform: str, today: dt.date, root: str, fix_url: str = "") -> str:
    """A value in running text, linked to its entry on the fact sheet; doubts shown, not hidden."""
    pv = fact.values[platform]
    marks = []
    if pv.status != "verified":
        marks.append(STATUS_LABELS[pv.status])
    if pv.is_stale(today, fact.shelf_life_days):
        marks.append(STALE_LABEL)
    fix = _fix_link(fix_url, fact, "✎")
    mark = f'<sup class="fact-mark">{"，".join(marks)}{" " if marks and fix else ""}{fix}</sup>' if marks or fix else ""
    how = f"（怎么查：{esc(pv.how_to_check)}）" if pv.value is None and pv.how_to_check else ""
    title = f"{fact.label} · {PLATFORM_LABELS[platform]} · {STATUS_LABELS[pv.status]} · 核对于 {pv.checked}"
    return (f'<a class="fact-ref fact-{pv.status}" href="{esc(fact_url(root, fact.id))}" title="{esc(title)}">'
            f'{esc(display_value(pv.value))}</a>{how}{mark}')


def _source_item(s) -> str:
    repost = f"，转载自 {esc(s.repost_of)}" if s.repost_of else ""
    published = f" · {s.published}" if s.published else ""
    return (f'<li><a href="{esc(s.url)}" target="_blank" rel="noopener noreferrer">{esc(s.title)}</a>'
            f' — {esc(s.publisher)}{published}（{KIND_LABELS[s.kind]}{repost}）</li>')


def _fact_sheet_entry(fact: Fact, base: FactBase, today: dt.date, issues_new: str = "", page: str = "facts.md") -> str:
    items = []
    for platform, pv in fact.values.items():
        sources = "".join(_source_item(base.sources[s]) for s in pv.sources) or "<li>暂无可靠来源</li>"
        note = f'<p class="fact-note">{esc(pv.note)}</p>' if pv.note else ""
        quote = (f'<details class="fact-quote"><summary>来源原文</summary><blockquote>{esc(pv.quote)}</blockquote></details>'
                 if pv.quote else "")
        items.append(
            f'<div class="fact-entry fact-{pv.status}"><p><strong>{PLATFORM_LABELS[platform]}</strong>：'
            f'<span class="fact-value">{esc(display_value(pv.value))}</span></p>{_how_to_check(pv, "p")}{note}{quote}'
            f'<p class="fact-meta" data-search-exclude>{_meta(pv, fact, today)} · 可信度 {CONFIDENCE_LABELS[pv.confidence]}'
            f'{" · " + _fix_link(correction_url(issues_new, fact, platform, page), fact, "纠错 / 补充来源") if issues_new else ""}</p>'
            f'<ul class="fact-sources" data-search-exclude>{sources}</ul></div>')
    return "".join(items)


def factbase_json(base: FactBase, today: dt.date) -> dict:
    """facts.json: the whole base, machine-readable, with staleness computed for the build date."""
    def pv_json(fact: Fact, pv: PlatformValue) -> dict:
        return {"value": pv.value, "note": pv.note or None, "quote": pv.quote or None,
                "how_to_check": pv.how_to_check or None, "status": pv.status, "confidence": pv.confidence,
                "checked": pv.checked.isoformat(),
                "effective": pv.effective.isoformat() if pv.effective else None,
                "stale": pv.is_stale(today, fact.shelf_life_days), "stale_reason": pv.stale_reason(today, fact.shelf_life_days),
                "sources": list(pv.sources)}
    return {
        "generated": today.isoformat(),
        "topics": [{"id": t.id, "title": t.title, "shelf_life_days": t.shelf_life_days, "facts": list(t.fact_ids)}
                   for t in base.topics.values()],
        "facts": [{"id": f.id, "label": f.label, "topic": f.topic,
                   "values": {p: pv_json(f, pv) for p, pv in f.values.items()}} for f in base.facts.values()],
        "sources": [{"id": s.id, "url": s.url, "title": s.title, "publisher": s.publisher,
                     "published": s.published.isoformat() if s.published else None, "kind": s.kind,
                     "repost_of": s.repost_of or None}
                    for s in base.sources.values()],
    }


def playbooks_index_markdown(business_types, existing: set[str]) -> str:
    """The 行业打法 landing page: every registered business type that has a playbook folder."""
    out = ["---", "title: 行业打法", "description: 按行业选打法：每个行业一页总览（抖音还是视频号、30/60/90 天计划）加若干打法页。", "---", "",
           "# 行业打法", "", "先找到你的行业，总览页会告诉你先做抖音还是视频号、为什么，以及前 90 天做什么。", ""]
    for bt in business_types.values():
        if bt.id in existing:
            out.append(f"- [{md_escape(bt.name)}]({bt.id}/index.md)：{md_escape(bt.summary)}")
    return "\n".join(out) + "\n"
