"""Rendering (escaping, status, staleness, links) and the Markdown markers that call it."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import GOOD_TOPIC, TODAY, write_facts
from handbook.errors import HandbookError
from handbook.facts import load_factbase
from handbook.markers import fill_tables, render_markers
from handbook.reference import facts_topic_markdown
from handbook.render import factbase_json, render_compare_table, render_inline


def test_table_shows_value_status_date_and_source_link(good_base):
    html = render_compare_table([good_base.facts["store.deposit"]], good_base, TODAY, root="../")
    assert "<th>抖音</th><th>视频号</th>" in html
    assert "2000 元起" in html and "已核实" in html and "核对于 2026-11-01" in html
    assert "未知" in html and "未核实" in html  # unknown is shown as such, not blank
    assert 'href="https://example.org/news"' in html
    assert 'href="../facts/store/#store.deposit"' in html


def test_general_fact_spans_both_columns(good_base):
    html = render_compare_table([good_base.facts["store.law"]], good_base, TODAY, root="")
    assert 'colspan="2"' in html


def test_values_are_escaped_script_renders_as_text(tmp_path):
    topic = GOOD_TOPIC.replace('value: "2000 元起"', 'value: "<script>alert(1)</script>*x*"').replace(
        "label: 店铺保证金", 'label: "店铺 & 保证金 *x*"')  # markup in a label is refused by the schema
    base = load_factbase(write_facts(tmp_path, topic=topic), TODAY)
    html = render_compare_table([base.facts["store.deposit"]], base, TODAY, root="")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#42;x&#42;" in html  # markdown emphasis neutralised inside raw HTML
    assert "店铺 &amp; 保证金" in html
    sheet = facts_topic_markdown(base, base.topics['store'], TODAY)
    assert "<img" not in sheet and "<script>" not in sheet


def test_stale_mark_appears_after_shelf_life(good_base):
    later = TODAY + dt.timedelta(days=200)
    html = render_compare_table([good_base.facts["store.deposit"]], good_base, later, root="")
    assert "可能已过时" in html
    assert "可能已过时" not in render_compare_table([good_base.facts["store.deposit"]], good_base, TODAY, root="")


def test_inline_reference_marks_doubt(good_base):
    fact = good_base.facts["store.deposit"]
    assert "未核实" in render_inline(fact, "channels", TODAY, "")
    assert "<sup" not in render_inline(fact, "douyin", TODAY, "")


def test_json_export_is_complete(good_base):
    data = factbase_json(good_base, TODAY)
    ids = {f["id"] for f in data["facts"]}
    assert ids == {"store.deposit", "store.law"}
    deposit = next(f for f in data["facts"] if f["id"] == "store.deposit")
    assert deposit["values"]["channels"] == {
        "value": None, "note": None, "quote": None, "how_to_check": "微信小店后台的保证金页面", "status": "unverified", "confidence": "low",
        "checked": "2026-11-01", "effective": None, "stale": False, "stale_reason": None, "sources": []}


def _render(md, base):
    """Markers rendered and tables filled in, as a page ends up after conversion."""
    out, used, tables = render_markers(md, base, TODAY, "../", "docs/page.md")
    return fill_tables(out, tables), used


def test_tables_go_in_after_conversion(good_base):
    out, _, tables = render_markers("```compare\nfacts: [store.deposit]\n```", good_base, TODAY, "", "p.md")
    assert "<table" not in out and len(tables) == 1 and "data-fact-table" in out
    with pytest.raises(HandbookError, match="placeholder for table 0"):
        fill_tables("<p>converted, placeholder lost</p>", tables)


def test_compare_block_by_ids_and_by_topic(good_base):
    out, used = _render("intro\n\n```compare\nfacts: [store.deposit]\n```\n", good_base)
    assert "fact-table" in out and used == {"store.deposit"}
    out, used = _render("```compare\ntopic: store\ncaption: 开店\n```", good_base)
    assert used == {"store.deposit", "store.law"} and "<caption>开店</caption>" in out


def test_compare_block_inside_tabs_keeps_indentation(good_base):
    out, _, _ = render_markers('=== "抖音"\n\n    ```compare\n    facts: [store.deposit]\n    ```\n', good_base, TODAY, "", "p.md")
    assert '\n    <div class="fact-table-slot" data-fact-table="0"></div>' in out


def test_inline_reference_replaced(good_base):
    out, used = _render("保证金 [[fact:store.deposit:douyin]]，法规 [[fact:store.law]]。", good_base)
    assert "2000 元起" in out and "不得使用" in out and used == {"store.deposit", "store.law"}


def test_markers_inside_code_are_left_alone(good_base):
    md = "````markdown\n```compare\nfacts: [nope]\n```\n````\n\n写 `[[fact:nope.x:douyin]]` 即可。"
    out, used = _render(md, good_base)
    assert out == md and used == set()


PAGE_ERRORS = [
    ("unknown id in table", "```compare\nfacts: [store.depost]\n```", 1, "unknown fact id 'store.depost'", "did you mean 'store.deposit'"),
    ("unknown topic", "x\n```compare\ntopic: stor\n```", 2, "unknown topic 'stor'", "did you mean 'store'"),
    ("empty block", "```compare\n```", 1, "empty compare block", "facts:"),
    ("no keys", "```compare\nfoo: 1\n```", 1, "needs 'facts' or 'topic'", "facts:"),
    ("bad yaml", "```compare\nfacts: [a\n```", 1, "YAML error", "facts:"),
    ("empty list", "```compare\nfacts: []\n```", 1, "non-empty list", "facts:"),
    ("unclosed", "text\n```compare\nfacts: [store.deposit]\n", 2, "never closed", "closing"),
    ("unknown inline id", "a\nb [[fact:store.nope:douyin]]", 2, "unknown fact id 'store.nope'", ""),
    ("inline no platform", "[[fact:store.deposit]]", 1, "no platform", "[[fact:store.deposit:douyin]]"),
    ("inline bad platform", "[[fact:store.deposit:kuaishou]]", 1, "unknown platform 'kuaishou'", "douyin"),
    ("general with platform", "[[fact:store.law:douyin]]", 1, "is general", "[[fact:store.law]]"),
    ("malformed inline", "[[fact: store deposit]]", 1, "malformed fact reference", "[[fact:topic.name"),
]


@pytest.mark.parametrize("case,md,line,problem,fix", PAGE_ERRORS, ids=[c[0] for c in PAGE_ERRORS])
def test_page_marker_errors_name_page_line_and_fix(good_base, case, md, line, problem, fix):
    with pytest.raises(HandbookError) as info:
        _render(md, good_base)
    message = str(info.value)
    assert message.startswith(f"docs/page.md:{line}: "), message
    assert problem in message and fix in message.split(" — ", 1)[1], message
