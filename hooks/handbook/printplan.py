"""一页纸计划: for each business type, a printable page — the verdict, the 30/60/90-day plan and
budget (taken from the overview page itself, so print never lags the web), the checklist, and the
key numbers with their check dates, stamped 事实截至 <build date>."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Mapping

from .checklists import checklist_html
from .facts import PLATFORM_LABELS, Fact, FactBase
from .listings import VERDICTS
from .mdscan import split_front_matter
from .render import STATUS_LABELS, display_value, esc, md_escape

_H2 = re.compile(r"^## ", re.M)
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\([^)]*\)")
_ATTRS = re.compile(r"\s*\{#[^}]*\}\s*$", re.M)
# Topics whose numbers a merchant plans with: store, traffic, platform, after-sales, local services.
KEY_TOPICS = ("store", "traffic", "local", "aftersales", "platform")


def plan_section(overview_markdown: str) -> str:
    """The overview's 30/60/90 section (its budget box included), links flattened to their text.

    Its heading stays an h2, as on the overview, so the overview's own h3s keep their level."""
    _, body, _ = split_front_matter(overview_markdown, "overview")
    parts = _H2.split(body)
    for part in parts[1:]:
        heading, _, rest = part.partition("\n")
        if "30/60/90" in heading:
            rest = _LINK.sub(r"\1", rest)
            return "## " + _ATTRS.sub("", heading).strip() + "\n" + rest.strip() + "\n"
    return ""


def key_facts(base: FactBase, cited: Iterable[str], limit: int = 10) -> list[Fact]:
    """The merchant-planning facts this business type's pages cite, verified first."""
    facts = [base.facts[f] for f in sorted(set(cited)) if f in base.facts and f.split(".")[0] in KEY_TOPICS]
    facts.sort(key=lambda f: (not any(pv.status == "verified" for pv in f.values.values()), f.id))
    return facts[:limit]


def key_numbers(base: FactBase, cited: Iterable[str], limit: int = 10) -> list[str]:
    rows = []
    for fact in key_facts(base, cited, limit):
        cells = "；".join(
            f"{'' if p == 'general' else PLATFORM_LABELS[p] + '：'}{esc(display_value(pv.value))}"
            f"（{STATUS_LABELS[pv.status]}，核对于 {pv.checked}）" for p, pv in fact.values.items())
        rows.append(f"<li><strong>{esc(fact.label)}</strong> {cells}</li>")
    return rows


def print_plan_markdown(bt, overview_markdown: str, checklist: Mapping | None, base: FactBase,
                        cited: Iterable[str], today: dt.date) -> str:
    choose = bt.choose or {}
    verdict = (f"**{VERDICTS.get(choose.get('verdict'), '')}**：{md_escape(choose.get('verdict_text', ''))}"
               if choose else "见本行业总览。")
    numbers = key_numbers(base, cited)
    return "\n".join([
        "---", f"title: {bt.name}：一页纸计划（打印版）", f"description: {bt.name}的平台结论、90 天计划、起步预算、清单和关键数字，一页打印。",
        "search:", "  exclude: true", "hide: [navigation, toc, footer]", "---", "",
        '<div class="print-plan" markdown="1">', "",
        f"# {md_escape(bt.name)}：一页纸计划", "",
        f'<p class="print-stamp">事实截至 {today} · 网页版：本行业总览 · 打印：浏览器菜单“打印”，或 '
        '<button type="button" class="md-button print-button" onclick="window.print()">打印</button></p>', "",
        "## 先做哪个平台", "", verdict, "",
        plan_section(overview_markdown), "",
        "## 开店与合规清单", "",
        checklist_html(bt, checklist, base, "../../", compact=True) if checklist else "（本行业还没有清单。）", "",
        "## 关键数字（以核对日期为准）", "",
        ("<ul class=\"print-numbers\">" + "".join(numbers) + "</ul>") if numbers else "（本行业页面没有引用开店与投流数字。）", "",
        "</div>", ""])
