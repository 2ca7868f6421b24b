"""scripts/check_facts.py: same validation as the build, a to-do list, and an exit code."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import GOOD_TOPIC, ROOT, write_facts

SCRIPT = ROOT / "scripts" / "check_facts.py"


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


def _with_glossary(facts):
    (facts / "glossary.yml").write_text((ROOT / "facts" / "glossary.yml").read_text(encoding="utf-8").split("\n  - id:")[0]
                                        + "\n  - id: x\n    term: 千川\n    synonyms: []\n    search_aliases: []\n"
                                        "    platforms: [douyin]\n    definition: 抖音电商广告平台。\n", encoding="utf-8")
    # The real business types, without the red-line categories this tiny redlines.yml lacks.
    business_types = re.sub(r"^\s+redline_category: .*\n", "", (ROOT / "facts" / "business_types.yml").read_text(encoding="utf-8"),
                            flags=re.M)
    (facts / "business_types.yml").write_text(business_types, encoding="utf-8")
    (facts / "redlines.yml").write_text(
        "categories:\n  - {id: superlative, label: 极限词, description: 广告法第九条}\nentries:\n"
        "  - {id: best, category: superlative, words: [最佳], platforms: [douyin], business_types: [all],"
        " reason: 广告法第九条, sources: [law-text], suggestion: 写具体数据}\n", encoding="utf-8")
    (facts / "search_synonyms.yml").write_text("groups:\n  - [保证金, 押金]\n", encoding="utf-8")
    return facts


def test_real_fact_base_passes():
    result = _run("--quiet")
    assert result.returncode == 0, result.stderr
    assert "事实库通过校验" in result.stdout


def test_reports_stale_and_unverified(tmp_path):
    facts = _with_glossary(write_facts(tmp_path))
    result = _run("--facts", str(facts), "--date", "2027-12-01")
    assert result.returncode == 0, result.stderr
    assert "可能已过时（3）" in result.stdout and "store.deposit [抖音]" in result.stdout
    assert "未核实（1）" in result.stdout and "store.deposit [视频号] 店铺保证金: 未知" in result.stdout


def test_error_exit_and_located_message(tmp_path):
    facts = _with_glossary(write_facts(tmp_path, topic=GOOD_TOPIC.replace("sources: [media-a]", "sources: [ghost]")))
    result = _run("--facts", str(facts))
    assert result.returncode == 1
    assert result.stderr.startswith("facts/topics/store.yml:9: store.deposit.douyin: unknown source 'ghost'")
