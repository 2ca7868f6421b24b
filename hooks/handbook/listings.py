"""Generated listing pages: the tactic index (filterable) and the glossary; and a trim of Material's
tags listing."""

from __future__ import annotations

import re

from typing import Mapping

from .facts import PLATFORM_LABELS
from .glossary import Term
from .business_types import BusinessType
from .playbooks import PlaybookPage, STAGES
from .render import esc, md_escape


NO_TACTIC = "没有符合这些条件的打法，换个行业或阶段试试。"


def tactic_index_markdown(pages: list[PlaybookPage], business_types: Mapping[str, BusinessType]) -> str:
    """Every tactic with business type, platforms and stage; filtered on the page by local JS."""
    rows = []
    order = {bt: i for i, bt in enumerate(business_types)}
    for page in sorted(pages, key=lambda p: (order[p.meta["business_type"]], p.src_uri)):
        bt = business_types[page.meta["business_type"]]
        platforms = [p for p in page.meta["platforms"]]
        url = "../" + page.src_uri[:-3].removesuffix("/index").removesuffix("index") + "/"
        for t in page.tactics:
            rows.append(
                f'<tr data-bt="{esc(bt.id)}" data-stage="{esc(t.stage)}" data-platforms="{esc(" ".join(platforms))}">'
                f'<td><a href="{esc(url)}#{esc(t.anchor)}">{esc(t.title)}</a></td><td>{esc(bt.name)}</td>'
                f'<td>{"、".join(PLATFORM_LABELS[p] for p in platforms)}</td><td>{STAGES[t.stage]}</td></tr>')

    def options(pairs) -> str:
        return '<option value="">全部</option>' + "".join(f'<option value="{esc(k)}">{esc(v)}</option>' for k, v in pairs)

    used_bts = [(bt.id, bt.name) for bt in business_types.values() if any(p.meta["business_type"] == bt.id for p in pages)]
    return "\n".join([
        "---", "title: 打法索引", "description: 全部打法一览，可按平台、行业、阶段筛选。", "search:", "  exclude: true", "---", "",
        "# 打法索引", "",
        f"共 {len(rows)} 条打法。选平台、行业或阶段缩小范围，点标题直达那一条。", "",
        '<div class="tactic-filters" data-tactic-filters>',
        f'<label>平台 <select data-filter="platforms">{options((k, PLATFORM_LABELS[k]) for k in ("douyin", "channels"))}</select></label>',
        f'<label>行业 <select data-filter="bt">{options(used_bts)}</select></label>',
        f'<label>阶段 <select data-filter="stage">{options(STAGES.items())}</select></label>',
        '<output data-tactic-count></output>',
        "</div>", "",
        # Filled by the filter script when no tactic matches (the table is hidden then); a live
        # region from the start, so a screen reader hears the message when it appears.
        f'<p class="tactic-empty" data-tactic-empty data-message="{esc(NO_TACTIC)}" role="status" aria-live="polite"></p>', "",
        '<div class="fact-table" data-tactic-table tabindex="0" role="region" aria-label="打法索引"><table class="tactic-index"><thead><tr><th>打法</th><th>行业</th><th>平台</th><th>阶段</th></tr></thead>',
        "<tbody>" + "".join(rows) + "</tbody></table></div>", "",
    ])


def glossary_markdown(terms: list[Term]) -> str:
    """The 术语表 page: one H2 per term (its own search section, no skipped heading level) with names,
    platforms and definition."""
    out = ["---", "title: 术语表", "description: 千川、DOU+、随心推、橱窗、微信豆、加热、私域……抖音和视频号常用词的一句话解释。", "---", "",
           "# 术语表", "", "抖音和视频号经营中常见的词。同一个东西的不同叫法写在“又称”里，搜索任何一个都能找到。", ""]
    for term in sorted(terms, key=lambda t: t.term):
        platforms = "、".join(PLATFORM_LABELS[p] for p in term.platforms)
        out += [f"## {md_escape(term.term)} {{#term-{term.id}}}", "", md_escape(term.definition), ""]
        if term.synonyms:
            out += [f"又称：{md_escape('、'.join(term.synonyms))}", ""]
        out += [f"平台：{platforms}", ""]
        if term.link:
            out += [f"详见：[{md_escape(term.term)}]({term.link})", ""]
    return "\n".join(out)


FACTORS = {"audience": "受众", "traffic": "流量逻辑", "store": "开店", "qualification": "资质", "cost": "成本", "risk": "风险"}
VERDICTS = {"douyin": "先做抖音", "channels": "先做视频号", "both": "两边分工"}
FAVOURS = {"douyin": "抖音占优", "channels": "视频号占优", "even": "两边相当"}


def choose_markdown(business_types: Mapping[str, BusinessType], published: set[str]) -> str:
    """选平台: one table from the business-type registry, then each type's factors in detail."""
    head = "".join(f"<th>{label}</th>" for label in FACTORS.values())
    rows, details = [], []
    for bt in business_types.values():
        if bt.id not in published or bt.choose is None:
            continue  # a new business type joins the table once its choose: data is written
        c = bt.choose
        link = f"playbooks/{bt.id}/index.md"
        cells = "".join(
            f'<td class="favours-{c["factors"][k]["favours"]}"><strong>{FAVOURS[c["factors"][k]["favours"]]}</strong>'
            f'<br><span class="choose-reason">{esc(c["factors"][k]["reason"])}</span></td>' for k in FACTORS)
        rows.append(f'<tr><th scope="row"><a href="#choose-{bt.id}">{esc(bt.name)}</a></th>'
                    f'<td><strong>{VERDICTS[c["verdict"]]}</strong></td>{cells}</tr>')
        details += [f"## {md_escape(bt.name)} {{#choose-{bt.id}}}", "",
                    f"**{VERDICTS[c['verdict']]}**：{md_escape(c['verdict_text'])}　[进入打法]({link})", "",
                    "| 因素 | 抖音 | 视频号 | 倾向 | 理由 |", "| --- | --- | --- | --- | --- |"]
        for key, label in FACTORS.items():
            f = c["factors"][key]
            details.append(f"| {label} | {md_escape(f['douyin'])} | {md_escape(f['channels'])} | "
                           f"{FAVOURS[f['favours']]} | {md_escape(f['reason'])} |")
        details.append("")
    return "\n".join([
        "---", "title: 选平台：抖音还是视频号", "description: 按行业对比受众、流量、开店、资质、成本和风险，给出先做哪个平台的结论，并链接到对应打法。", "---", "",
        "# 选平台：抖音还是视频号", "",
        "先做抖音还是先做视频号？先在下表找到你的行业：第二列是结论，后面六列是各因素倾向哪个平台及理由。点行业名看细节，再进入该行业的打法。"
        "本页由 `facts/business_types.yml` 生成；具体费用和门槛见[抖音 vs 视频号对比](compare.md)。", "",
        f'<div class="fact-table" tabindex="0" role="region" aria-label="各行业平台选择对比"><table class="choose-table"><thead><tr><th>行业</th><th>结论</th>{head}</tr></thead>',
        "<tbody>" + "".join(rows) + "</tbody></table></div>", "", *details])


def business_type_links(business_types: Mapping[str, BusinessType], published: set[str], root_md: str = "") -> str:
    """A Markdown list linking each published playbook (for the home page marker)."""
    return "\n".join(f"- [{md_escape(bt.name)}]({root_md}playbooks/{bt.id}/index.md)：{md_escape(bt.summary)}"
                     for bt in business_types.values() if bt.id in published)


# The ¶ permalink Python-Markdown's toc puts in every heading, on the tag headings of Material's
# tags listing: some 380 of them, 29 KB of a page read on phones, where ¶ never shows (it appears on
# hover). The headings keep their ids, which the tag chips on every page link to.
_TAG_PERMALINK = re.compile(r'<a class="headerlink" href="#tag:[^"]*"[^>]*>&para;</a>')


def drop_tag_permalinks(html: str) -> str:
    return _TAG_PERMALINK.sub("", html)
