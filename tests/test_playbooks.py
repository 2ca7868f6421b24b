"""Playbook front matter and tactic structure rules, as pure functions."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, TODAY
from handbook.business_types import load_business_types
from handbook.nav import playbook_nav
from handbook.playbooks import STAGES, meta_errors, tactic_errors

BT = load_business_types(ROOT / "facts" / "business_types.yml")
META = {"title": "t", "description": "d", "business_type": "food-supply", "platforms": ["douyin", "channels"],
        "tags": ["抖店"], "reviewed": "2026-11-20"}
GOOD_TACTIC = """\
## 厨师群复购 {#food-b2b-chef-groups data-stage="private"}

**适用场景**：老客户。

**做法**

1. 建群。

**成本与周期**：一周。

**风险与红线**：不要诱导分享。

**衡量指标**：复购率。
"""


def test_good_meta_and_tactic_pass():
    assert meta_errors(META, "playbooks/food-supply/b2b.md", BT, TODAY) == []
    tactics, errors = tactic_errors(GOOD_TACTIC, "playbooks/food-supply/b2b.md", "food")
    assert errors == [] and tactics[0].anchor == "food-b2b-chef-groups" and tactics[0].stage == "private"


@pytest.mark.parametrize("change,problem", [
    ({"business_type": "shoes"}, "unknown business_type 'shoes'"),
    ({"business_type": "brand"}, "but the page is in playbooks/food-supply/"),
    ({"platforms": ["kuaishou"]}, "platforms"),
    ({"platforms": []}, "platforms"),
    ({"tags": []}, "tags must be a non-empty list"),
    ({"reviewed": "yesterday"}, "is not a date"),
    ({"reviewed": "2027-01-01"}, "is in the future"),
])
def test_bad_front_matter(change, problem):
    errors = meta_errors({**META, **change}, "playbooks/food-supply/b2b.md", BT, TODAY)
    assert errors and problem in str(errors[0]) and str(errors[0]).startswith("docs/playbooks/food-supply/b2b.md:1:")


def test_missing_front_matter_key_named():
    meta = dict(META)
    del meta["tags"]
    assert "missing 'tags'" in str(meta_errors(meta, "playbooks/food-supply/b2b.md", BT, TODAY)[0])


@pytest.mark.parametrize("heading,problem", [
    ("## 厨师群复购", "has no explicit anchor"),
    ('## 厨师群复购 {#_3 data-stage="private"}', "is not a stable ASCII anchor"),
    ('## 厨师群复购 {#brand-x data-stage="private"}', "starting with 'food-'"),
    ("## 厨师群复购 {#food-b2b-chef-groups}", "no data-stage"),
    ('## 厨师群复购 {#food-b2b-chef-groups data-stage="tiktok"}', "unknown stage 'tiktok'"),
])
def test_bad_tactic_heading(heading, problem):
    md = GOOD_TACTIC.replace(GOOD_TACTIC.splitlines()[0], heading)
    _, errors = tactic_errors(md, "playbooks/food-supply/b2b.md", "food", line_offset=7)
    assert errors and problem in str(errors[0]) and str(errors[0]).startswith("docs/playbooks/food-supply/b2b.md:8:")


def test_missing_and_misordered_parts():
    _, errors = tactic_errors(GOOD_TACTIC.replace("**成本与周期**：一周。", ""), "playbooks/food-supply/b2b.md", "food")
    assert "missing part(s) 成本与周期" in str(errors[0])
    swapped = GOOD_TACTIC.replace("**适用场景**", "**TMP**").replace("**衡量指标**", "**适用场景**").replace("**TMP**", "**衡量指标**")
    _, errors = tactic_errors(swapped, "playbooks/food-supply/b2b.md", "food")
    assert "out of order" in str(errors[0])


def test_headings_in_code_fences_are_not_tactics():
    md = "```markdown\n## 示例 {#x}\n```\n"
    assert tactic_errors(md, "playbooks/food-supply/b2b.md", "food") == ([], [])


def test_the_stages_the_rules_accept_are_the_ones_contributing_documents():
    from conftest import ROOT
    line = next(l for l in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").splitlines() if l.startswith("阶段只能是"))
    documented = dict(re.findall(r"([a-z]+)（([^）]+)）", line))
    assert documented == STAGES


def test_nav_has_a_section_per_playbook_folder(tmp_path):
    (tmp_path / "playbooks" / "food-supply").mkdir(parents=True)
    for name in ("index.md", "b2c.md", "b2b.md"):
        (tmp_path / "playbooks" / "food-supply" / name).write_text("x")
    nav = playbook_nav(tmp_path, BT)
    assert nav == ["playbooks/index.md", {"食材供应/餐饮供应链": [
        "playbooks/food-supply/index.md", "playbooks/food-supply/b2b.md", "playbooks/food-supply/b2c.md"]}]
    (tmp_path / "playbooks" / "shoes").mkdir()
    with pytest.raises(Exception, match="not a registered business type"):
        playbook_nav(tmp_path, BT)


def test_reference_section_needs_anchor_but_not_parts():
    md = "## 规则速查 {#food-rules-quick}\n\n表格。\n\n" + GOOD_TACTIC
    tactics, errors = tactic_errors(md, "playbooks/food-supply/b2b.md", "food")
    assert errors == [] and [t.anchor for t in tactics] == ["food-b2b-chef-groups"]
    _, errors = tactic_errors("## 规则速查\n\n表格。", "playbooks/food-supply/b2b.md", "food")
    assert "no explicit anchor" in str(errors[0])
