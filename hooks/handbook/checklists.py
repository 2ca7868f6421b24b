"""开店与合规清单: per business type, what must be in place before selling and before advertising
(facts/checklists.yml), each item backed by a fact and linked to the tactic that explains it.
Rendered as a tickable page (ticks kept in the reader's browser) and reused by the print plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .errors import HandbookError, raise_all
from .facts import PLATFORM_LABELS, FactBase
from .nav import page_url
from .render import STATUS_LABELS, display_value, esc, fact_url, md_escape
from .schema import schema_errors
from .yamlio import line_of, load_yaml_file

SECTIONS = {"entity": "主体与资质", "category": "类目准入", "claims": "广告与宣称红线", "labels": "内容标注",
            "aftersales": "售后规则"}
BEFORE = {"sell": "开卖前", "advertise": "投放前"}


@dataclass(frozen=True)
class Item:
    text: str
    fact: str
    platforms: tuple[str, ...]
    before: str
    tactic: str = ""  # docs-relative page.md#anchor


def load_checklists(path: Path, base: FactBase, business_types: Mapping, docs: Path,
                    where: str = "facts/checklists.yml") -> dict[str, dict[str, list[Item]]]:
    """business type -> section -> items; every fact, business type and tactic anchor must exist."""
    if not Path(path).exists():
        return {}
    data, lines = load_yaml_file(path, where)
    raise_all(schema_errors(data, "checklists.schema.json", where, lines))
    out: dict[str, dict[str, list[Item]]] = {}
    errors: list[HandbookError] = []
    anchors: dict[str, str] = {}  # page -> text, read once
    for bt, sections in data["checklists"].items():
        if bt not in business_types:
            errors.append(HandbookError(where, f"checklist for unknown business type '{bt}'",
                                        "use an id from facts/business_types.yml", line_of(lines, ("checklists", bt))))
            continue
        out[bt] = {}
        for i, section in enumerate(sections):
            for j, raw in enumerate(section["items"]):
                at = ("checklists", bt, i, "items", j)
                if base.fact(raw["fact"]) is None:
                    errors.append(HandbookError(where, f"{bt}: item '{raw['text']}' names unknown fact '{raw['fact']}'",
                                                "use an id from facts/topics/*.yml (see the 事实与来源 page)",
                                                line_of(lines, (*at, "fact"))))
                    continue
                tactic = raw.get("tactic", "")
                if tactic:
                    page, anchor = tactic.split("#", 1)
                    source = docs / page
                    if page not in anchors:
                        anchors[page] = source.read_text(encoding="utf-8") if source.is_file() else ""
                    if "{#" + anchor not in anchors[page]:
                        errors.append(HandbookError(where, f"{bt}: item '{raw['text']}' links to {tactic}, which does not exist",
                                                    "point tactic: at a page.md#anchor that exists", line_of(lines, (*at, "tactic"))))
                        continue
                out[bt].setdefault(section["section"], []).append(
                    Item(raw["text"], raw["fact"], tuple(raw["platforms"]), raw["before"], tactic))
    raise_all(errors)
    return out


def _fact_brief(base: FactBase, fact_id: str, platforms: tuple[str, ...], root: str) -> str:
    fact = base.facts[fact_id]
    shown = ["general"] if fact.is_general else [p for p in platforms if p in fact.values]
    parts = []
    for p in shown:
        pv = fact.values[p]
        who = "" if p == "general" else f"{PLATFORM_LABELS[p]}："
        parts.append(f"{who}{esc(display_value(pv.value))}（{STATUS_LABELS[pv.status]}，核对于 {pv.checked}）")
    return f'<a href="{esc(fact_url(root, fact.id))}">{esc(fact.label)}</a>：' + "；".join(parts)


def checklist_html(bt, items: Mapping[str, list[Item]], base: FactBase, root: str, compact: bool = False) -> str:
    """The checklist as HTML: sections, one checkbox per item, its fact and its tactic."""
    out = []
    for key, title in SECTIONS.items():
        section = items.get(key, [])
        if not section:
            continue
        out.append(f'<h2 id="check-{key}">{title}</h2>' if not compact else f"<h3>{title}</h3>")
        out.append('<ul class="checklist">')
        for n, item in enumerate(section):
            box_id = f"{bt.id}-{key}-{n}"
            where = "、".join(PLATFORM_LABELS[p] for p in item.platforms)
            tactic = (f' · <a href="{esc(root + page_url(item.tactic))}">怎么做</a>' if item.tactic and not compact else "")
            fact = "" if compact else f'<span class="checklist-fact">{_fact_brief(base, item.fact, item.platforms, root)}</span>'
            out.append(f'<li><label><input type="checkbox" data-check="{esc(box_id)}"> {esc(item.text)}</label>'
                       f' <span class="checklist-when">{BEFORE[item.before]} · {where}</span>{tactic}{fact}</li>')
        out.append("</ul>")
    return "\n".join(out)


def checklist_markdown(bt, items: Mapping[str, list[Item]], base: FactBase, today: dt.date) -> str:
    """checklists/<bt>.md: tickable (ticks stay in this browser), printable."""
    root = "../../"
    return "\n".join([
        "---", f"title: {bt.name}：开店与合规清单", f"description: {bt.name}在抖音、视频号开卖和投放前要准备好的资质、类目、宣称、标注与售后事项。",
        "search:", "  boost: 0.5", "---", "",
        f"# {md_escape(bt.name)}：开店与合规清单", "",
        f"开卖和投放前逐项打勾（勾选只保存在你这台设备的浏览器里，不会上传）。每项后面是它依据的事实（取值、状态、核对日期）"
        f"和讲清做法的打法。本页由 `facts/checklists.yml` 生成，事实截至 {today}。", "",
        f'<div class="checklist-page" data-checklist="{esc(bt.id)}">',
        checklist_html(bt, items, base, root),
        '<p><button type="button" class="md-button" data-checklist-print>打印本清单</button> '
        '<button type="button" class="md-button" data-checklist-reset>清空勾选</button></p>',
        "</div>", ""])
