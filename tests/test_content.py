"""The published playbooks: structure, tactic counts, numbers only through the fact base."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONTENT_TODAY, ROOT
from handbook.business_types import load_business_types
from handbook.mdscan import split_front_matter
from handbook.playbooks import scan_playbook

DOCS = ROOT / "docs"
BT = load_business_types(ROOT / "facts" / "business_types.yml")
SEED_TYPES = {"food-supply": 12, "medical": 12, "brand": 12}  # issue: at least 12 tactics each
MIN_TACTICS = 10


def _pages(bt: str) -> list[Path]:
    return sorted((DOCS / "playbooks" / bt).glob("*.md"))


PUBLISHED = [bt for bt in BT if (DOCS / "playbooks" / bt / "index.md").exists()]


def test_seed_playbooks_are_published():
    assert set(SEED_TYPES) <= set(PUBLISHED)


@pytest.mark.parametrize("bt", PUBLISHED)
def test_playbook_structure_and_tactic_count(bt):
    tactics = []
    for path in _pages(bt):
        src = path.relative_to(DOCS).as_posix()
        page = scan_playbook(src, path.read_text(encoding="utf-8"), BT, CONTENT_TODAY)  # raises on any problem
        tactics.extend(page.tactics)
    assert len(tactics) >= SEED_TYPES.get(bt, MIN_TACTICS), f"{bt}: {len(tactics)} tactics"
    assert len({t.anchor for t in tactics}) == len(tactics)


@pytest.mark.parametrize("bt", PUBLISHED)
def test_overview_has_verdict_and_plan(bt):
    _, body, _ = split_front_matter((DOCS / "playbooks" / bt / "index.md").read_text(encoding="utf-8"), bt)
    assert re.search(r"^## .*结论", body, re.M), "overview needs a 结论 (Douyin vs 视频号 verdict) section"
    assert "30/60/90" in body
    assert "抖音" in body and "视频号" in body


# Platform money and thresholds must come from facts/: a typed "保证金 5000 元" would not be
# corrected when the fact is. Advice numbers (每周 3 条, 前 3 秒) are fine.
TYPED_MONEY = re.compile(r"(保证金|技术服务费|服务费|费率|佣金比例|起投|罚款)[^。\n|]{0,12}?\d[\d,.]*\s*(元|万|%|％)")


@pytest.mark.parametrize("path", [p for bt in PUBLISHED for p in _pages(bt)], ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_platform_fee_typed_into_prose(path):
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    hits = [m.group(0) for m in TYPED_MONEY.finditer(text)]
    assert hits == [], f"write these as [[fact:...]] references: {hits}"


@pytest.mark.parametrize("text,hit", [("店铺保证金为 5000 元", True), ("技术服务费 5%", True), ("起投 100 元", True),
                                      ("每周发 3 条", False), ("保证金见 [[fact:store.deposit:douyin]]", False)])
def test_typed_money_pattern(text, hit):
    assert bool(TYPED_MONEY.search(text)) is hit
