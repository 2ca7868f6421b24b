"""One mistake, one message: typical first-contribution mistakes, each planted in a copy of the
project, must give exactly one finding from scripts/check.py, at the right file and line, in the
contributor's own terms, and the strict build must stop with the same words."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable

import pytest

from conftest import CONTENT_TODAY, run_build

B2B = "docs/playbooks/food-supply/b2b.md"
STORE = "facts/topics/store.yml"

NEW_TACTIC = """
## 用厨师群做复购提醒 {{#{anchor} data-stage="private"}}

**适用场景**：已经在供货的餐厅。

**做法**

1. 每周一在群里发本周到货和价格。

**成本与周期**：每周半小时。

**风险与红线**：群里不发与供货无关的广告。

**衡量指标**：群内复购单数。
"""


@dataclass
class Mistake:
    file: str
    plant: Callable[[str], str]
    says: str                      # words the one finding must contain
    line_of: str | None = None     # the finding's line is the first line containing this (after planting)
    # "one" finding, or "none" for a change that is not a mistake at all
    expect: str = "one"
    also: tuple[tuple[str, Callable[[str], str]], ...] = ()  # earlier edits to other files (same commit)


def _sub(pattern: str, repl: str, count: int = 1, flags: int = re.M) -> Callable[[str], str]:
    def plant(text: str) -> str:
        new = re.sub(pattern, repl, text, count=count, flags=flags)
        assert new != text, f"planting failed: {pattern!r} not found"
        return new
    return plant


def _outdent_first_note(text: str) -> str:
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.startswith("      note:"))
    lines[i] = lines[i][2:]
    return "\n".join(lines)


def _duplicate_first_term(text: str) -> str:
    m = re.search(r"^  - id: (\S+)\n    term: (\S+)\n", text, re.M)
    return text.rstrip("\n") + f"\n  - id: {m.group(1)}-again\n    term: {m.group(2)}\n    synonyms: []\n" \
        "    search_aliases: []\n    platforms: [douyin]\n    definition: 重复的术语。\n"


MISTAKES = {
    "heading without anchor": Mistake(B2B, _sub(r" \{#food-b2b-search-keywords data-stage=\"content\"\}", ""),
                                      "has no explicit anchor", "## 在抖音找餐厅客户"),
    "duplicate anchor": Mistake(B2B, lambda t: t.rstrip("\n") + "\n" + NEW_TACTIC.format(anchor="food-b2b-expert-persona"),
                                "anchor '#food-b2b-expert-persona' is already used at docs/playbooks/food-supply/b2b.md:",
                                "## 用厨师群做复购提醒"),
    "fact id typo": Mistake("docs/platforms/douyin.md", lambda t: t.rstrip("\n") + "\n\n保证金见 [[fact:store.deposti:douyin]]。\n",
                            "unknown fact id 'store.deposti'", "store.deposti"),
    "YAML indentation": Mistake(STORE, _outdent_first_note, "YAML indentation", "\n    note:"),
    "URL without scheme": Mistake("facts/sources.yml", _sub(r"^  url: https?://", "  url: "), "is not an http(s) address",
                                  None),
    "slash date": Mistake(STORE, _sub(r"checked: (\d{4})-(\d\d)-(\d\d)", r"checked: \1/\2/\3"),
                          "is not a YYYY-MM-DD date", "checked: 20", ),
    "unknown platform key": Mistake(STORE, _sub(r"^    channels:$", "    kuaishou:"), "unknown field 'kuaishou'",
                                    "    kuaishou:"),
    "missing part of a tactic": Mistake(B2B, _sub(r"^\*\*成本与周期\*\*", "**成本**"), "missing part(s) 成本与周期",
                                        "## 把账号定成"),
    "unknown business type": Mistake(B2B, _sub(r"^business_type: food-supply$", "business_type: shoes"),
                                     "unknown business_type 'shoes'", "business_type: shoes"),
    "bad reviewed date": Mistake(B2B, _sub(r"^reviewed: .*$", "reviewed: 2026/12/01"), "reviewed '2026/12/01' is not a date",
                                 "reviewed: 2026/12/01"),
    "source cited but not registered": Mistake(STORE, _sub(r"sources: \[[^\]\n]+\]", "sources: [nobody-2026-notice]"),
                                               "unknown source 'nobody-2026-notice'", "nobody-2026-notice"),
    "source registered but cited by nothing": Mistake(
        "facts/sources.yml", lambda t: t.rstrip("\n") + "\n- id: orphan-2026-notice\n  url: https://example.org/n\n  title: 某通知\n"
        "  publisher: 某平台\n  published: 2026-12-01\n  kind: official\n", "source 'orphan-2026-notice' is cited by no fact",
        "- id: orphan-2026-notice"),
    "glossary term duplicated": Mistake("facts/glossary.yml", _duplicate_first_term, "already belongs to", "-again"),
    "published anchor renamed": Mistake(B2B, _sub(r"\{#food-b2b-expert-persona ", "{#food-b2b-buyer-advisor "),
                                        "published anchor #food-b2b-expert-persona was renamed to #food-b2b-buyer-advisor",
                                        "{#food-b2b-buyer-advisor"),
    "unpublished anchor renamed": Mistake(
        B2B, _sub(r"\{#food-b2b-chef-reminders ", "{#food-b2b-chef-group-reminders "), "", expect="none",
        also=((B2B, lambda t: t.rstrip("\n") + "\n" + NEW_TACTIC.format(anchor="food-b2b-chef-reminders")),)),
}

FINDING = re.compile(r"^(?P<file>(?:docs|facts)/[^:\s]+):(?:(?P<line>\d+):)? (?P<rest>.+)$")
INTERNALS = [re.compile(p) for p in (r"\[\d+\]", r"\\d", r"\^", r"\$\s*$", r"\[\^", r"does not match")]


def _check(repo):
    return subprocess.run([sys.executable, "scripts/check.py"], cwd=repo, capture_output=True, text=True, timeout=300)


def test_the_table_is_large_enough():
    assert len([m for m in MISTAKES.values() if m.expect == "one"]) >= 12


@pytest.mark.parametrize("name", list(MISTAKES))
def test_one_mistake_one_message(copy_of_repo, tmp_path, name):
    m = MISTAKES[name]
    for rel, edit in m.also:
        (copy_of_repo / rel).write_text(edit((copy_of_repo / rel).read_text(encoding="utf-8")), encoding="utf-8")
    path = copy_of_repo / m.file
    planted = m.plant(path.read_text(encoding="utf-8"))
    path.write_text(planted, encoding="utf-8")

    check = _check(copy_of_repo)
    findings = [line for line in check.stdout.splitlines() if FINDING.match(line)]
    build = run_build(copy_of_repo, tmp_path / "site", CONTENT_TODAY)
    if m.expect == "none":
        assert check.returncode == 0 and findings == [], check.stdout
        assert build.returncode == 0, build.stderr[-2000:]
        return

    assert check.returncode == 1
    assert len(findings) == 1, f"{name}: expected one finding, got:\n" + "\n".join(findings)
    finding = findings[0]
    parsed = FINDING.match(finding)
    assert parsed["file"] == m.file, finding
    assert m.says in finding, finding
    if m.line_of is not None:
        expected_line = planted[: planted.index(m.line_of.lstrip("\n")) if not m.line_of.startswith("\n")
                                else planted.index(m.line_of) + 1].count("\n") + 1
        assert parsed["line"] == str(expected_line), f"{finding}\n(expected line {expected_line})"
    else:
        assert parsed["line"], finding
    for pattern in INTERNALS:
        assert not pattern.search(parsed["rest"]), f"internal detail in: {finding}"
    assert " — " in finding, f"no fix given: {finding}"

    assert build.returncode != 0, f"{name}: the build accepted it"
    assert finding in build.stderr, f"the build says it differently:\n{build.stderr[-1500:]}\ncheck.py: {finding}"
