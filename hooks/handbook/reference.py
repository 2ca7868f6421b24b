"""The reference pages, one topic per page so each stays small on a phone: 事实与来源 (an index
with the audit, then facts/<topic>/ with every value, quote and source) and 抖音 vs 视频号对比
(an index in the order a merchant decides — 开店 → 费用 → 流量 → 内容 → 私域 → 合规 → 售后 —
then compare/<topic>/, and compare/<business type>/ with the facts that business type's playbooks cite)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Mapping

from .facts import Fact, FactBase, Topic
from .render import STALE_LABEL, _fact_sheet_entry, esc, md_escape, render_compare_table

# What a merchant decides first comes first. Topics not named here (industry rules) follow under 行业规则.
DECISION_ORDER = (
    ("开店", ("store", "qualification", "platform")),
    ("费用与结算", ("brand",)),
    ("流量", ("traffic", "local")),
    ("内容", ("ops",)),
    ("私域", ("private",)),
    ("合规", ("law", "med", "medical")),
    ("售后", ("aftersales", "merchant")),
)
INDUSTRY = "行业规则"


def grouped_topics(base: FactBase) -> list[tuple[str, list[Topic]]]:
    named = {t for _, ids in DECISION_ORDER for t in ids}
    groups = [(title, [base.topics[t] for t in ids if t in base.topics]) for title, ids in DECISION_ORDER]
    groups.append((INDUSTRY, [t for t in base.topics.values() if t.id not in named]))
    return [(title, topics) for title, topics in groups if topics]


def redirects(base: FactBase) -> dict[str, str]:
    """Old one-page addresses -> their topic page: /facts/#id and /compare/#topic keep working."""
    out = {f"facts/#{f.id}": f"facts/{f.topic}/#{f.id}" for f in base.facts.values()}
    out.update({f"facts/#topic-{t}": f"facts/{t}/" for t in base.topics})
    out.update({f"compare/#{t}": f"compare/{t}/" for t in base.topics})
    return out


def _front(title: str, description: str, search: bool = True) -> list[str]:
    lines = ["---", f"title: {title}", f"description: {description}"]
    if not search:
        lines += ["search:", "  exclude: true"]
    return lines + ["---", ""]


def facts_index_markdown(base: FactBase, today: dt.date) -> str:
    from .trust import audit, audit_lines
    out = _front("事实与来源", "手册引用的每条平台规则、费用与法规条文，按主题分页，每条带来源、原文、核对日期和状态。")
    out += ["# 事实与来源", "",
            f"本页由 `facts/` 自动生成，构建日期 {today}。每个主题一页：取值、状态、来源原文、核对日期和来源链接。"
            f"**未核实** 表示没有找到可靠来源，数值仅供参考，旁边写着去哪里查；来源或核对日期超过保质期的显示“{STALE_LABEL}”。"
            "发现错误？点每条事实旁的“纠错 / 补充来源”，或按 [贡献指南](contributing.md#fix-a-fact) 提交更正。", "",
            '机器可读版本：<a href="../facts.json">facts.json</a>。', "",
            "## 可信度一览 {#audit}", "", *[f"- {esc(line)}" for line in audit_lines(audit(base, today))], ""]
    for title, topics in grouped_topics(base):
        out += [f"## {title}", ""]
        out += [f'- <a id="topic-{esc(t.id)}"></a>[{md_escape(t.title)}](facts/{t.id}.md)（{len(t.fact_ids)} 条）' for t in topics]
        out.append("")
    return "\n".join(out)


def facts_topic_markdown(base: FactBase, topic: Topic, today: dt.date, issues_new: str = "") -> str:
    out = _front(f"事实与来源：{topic.title}", f"{topic.title}：每条取值的来源、原文、核对日期和状态。")
    out += [f"# {md_escape(topic.title)}", "",
            f"保质期 {topic.shelf_life_days} 天 · [全部主题](../facts.md) · [对比表](../compare/{topic.id}.md)", ""]
    for fact_id in topic.fact_ids:
        fact = base.facts[fact_id]
        out += [f"## {md_escape(fact.label)} {{#{fact.id}}}", "",
                # Ids and meta stay out of the search index: a result reads as label and value, like an answer.
                f'<p class="fact-id" data-search-exclude><code>{esc(fact.id)}</code></p>',
                _fact_sheet_entry(fact, base, today, issues_new, page=f"facts/{topic.id}.md"), ""]
    return "\n".join(out)


def compare_index_markdown(base: FactBase, business_types: Mapping, published: Iterable[str]) -> str:
    out = _front("抖音 vs 视频号对比", "开店、费用、流量、内容、私域、合规与售后规则的逐项对比，按商家先要决定的事排序。", search=False)
    out += ["# 抖音 vs 视频号对比", "",
            "按商家先要决定的事排序：先开店，再看费用、流量、内容、私域，最后是合规与售后。每个主题一页对比表，"
            "每格是该平台的取值、状态、核对日期和来源。", ""]
    for title, topics in grouped_topics(base):
        out += [f"## {title}", ""]
        out += [f"- [{md_escape(t.title)}](compare/{t.id}.md)（{len(t.fact_ids)} 项）" for t in topics]
        out.append("")
    shown = [bt for bt in business_types.values() if bt.id in set(published)]
    if shown:
        out += ["## 按行业看", "", "只看你的行业用到的规则：", ""]
        out += [f"- [{md_escape(bt.name)}](compare/for-{bt.id}.md)" for bt in shown]
        out.append("")
    return "\n".join(out)


def _tables_page(title: str, intro: str, sections: list[tuple[str, str, list[Fact]]], base: FactBase,
                 today: dt.date, issues_new: str, page: str) -> tuple[str, dict[str, str]]:
    from .markers import PLACEHOLDER  # the one placeholder format fill_tables knows
    out = _front(title, intro, search=False) + [f"# {md_escape(title)}", "", intro, ""]
    tables: dict[str, str] = {}
    for heading, anchor, facts in sections:
        key = str(len(tables))
        # Notes stay on the fact's page (one tap on the item's name): the table compares values.
        tables[key] = render_compare_table(facts, base, today, "../../", heading, issues_new, page, with_notes=False)
        out += [f"## {md_escape(heading)} {{#{anchor}}}", "", PLACEHOLDER.format(key=key), ""]
    return "\n".join(out), tables


def compare_topic_page(base: FactBase, topic: Topic, today: dt.date, issues_new: str = "") -> tuple[str, dict[str, str]]:
    return _tables_page(f"对比：{topic.title}", f"{topic.title}：抖音与视频号逐项对比，点项目名看备注、来源原文和出处。",
                        [(topic.title, topic.id, [base.facts[f] for f in topic.fact_ids])], base, today, issues_new,
                        f"compare/{topic.id}.md")


def compare_business_type_page(base: FactBase, bt, cited: Iterable[str], today: dt.date,
                               issues_new: str = "") -> tuple[str, dict[str, str]]:
    """The facts this business type's playbooks cite, by topic in decision order."""
    cited = set(cited)
    sections = []
    for _, topics in grouped_topics(base):
        for t in topics:
            facts = [base.facts[f] for f in t.fact_ids if f in cited]
            if facts:
                sections.append((t.title, t.id, facts))
    return _tables_page(f"{bt.name}：抖音 vs 视频号对比", f"{bt.name}的打法引用到的规则与数字，按商家先要决定的事排序。",
                        sections, base, today, issues_new, f"compare/for-{bt.id}.md")
