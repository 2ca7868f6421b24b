"""How far a reader can trust the fact base: the audit summary shown on the 事实与来源 page and
printed by `check_facts.py --audit` (the rules a value must meet live with the loader, in facts.py).

Pure functions over loaded facts; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .facts import FactBase, trusted_sources

def audit(base: FactBase, today: dt.date) -> dict:
    """Counts a maintainer and a reader use to judge the base: statuses, source kinds, quote and
    how-to-check coverage, staleness, and the oldest sources still cited."""
    status: Counter = Counter()
    verified_trusted = with_quote = unknown_unchecked = stale = 0
    cited: set[str] = set()
    for fact in base.facts.values():
        for pv in fact.values.values():
            status[pv.status] += 1
            cited.update(pv.sources)
            if pv.status == "verified":
                verified_trusted += bool(trusted_sources(pv, base.sources))
                with_quote += bool(pv.quote)
            if pv.value is None and pv.status == "unverified" and not pv.how_to_check:
                unknown_unchecked += 1
            stale += pv.is_stale(today, fact.shelf_life_days)
    used = [base.sources[s] for s in sorted(cited) if s in base.sources]
    dated = [s for s in used if s.published]
    return {
        "values": sum(status.values()),
        "status": dict(status),
        "verified_with_trusted_source": verified_trusted,
        "verified_with_quote": with_quote,
        "unknown_without_how_to_check": unknown_unchecked,
        "stale": stale,
        "sources_cited": len(used),
        "sources_by_kind": dict(Counter(s.kind for s in used)),
        "sources_reposts": sum(1 for s in used if s.repost_of),
        "sources_with_published_date": len(dated),
        "oldest_sources": [(s.published.isoformat(), s.id, s.title) for s in sorted(dated, key=lambda s: s.published)[:5]],
    }


KIND_NAMES = {"official": "官方", "law": "法规", "media": "媒体", "third-party": "第三方", "seed": "起源页"}


def audit_lines(a: dict) -> list[str]:
    """The audit as plain lines, the same words on the fact page and in the terminal."""
    st = a["status"]
    verified = st.get("verified", 0)
    kinds = "、".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in sorted(a["sources_by_kind"].items(), key=lambda kv: -kv[1]))
    lines = [
        f"取值 {a['values']} 个：已核实 {verified}、未核实 {st.get('unverified', 0)}、不适用 {st.get('not-applicable', 0)}。",
        f"已核实的取值中，有官方、法规或媒体来源的 {a['verified_with_trusted_source']} 个，附来源原文的 {a['verified_with_quote']} 个。",
        f"取值未知、也没写“怎么查”的 {a['unknown_without_how_to_check']} 个；可能已过时 {a['stale']} 个。",
        f"引用来源 {a['sources_cited']} 个（{kinds}），其中转载页 {a['sources_reposts']} 个，标有发布日期的 {a['sources_with_published_date']} 个。",
    ]
    if a["oldest_sources"]:
        lines.append("最老的来源：" + "；".join(f"{d} {title}" for d, _id, title in a["oldest_sources"]) + "。")
    return lines
