#!/usr/bin/env python3
"""校验事实库（不构建网站），并列出未核实和可能过时的事实。

用法：
  python scripts/check_facts.py              校验 facts/，打印汇总和待办清单
  python scripts/check_facts.py --quiet      只打印错误和汇总
  python scripts/check_facts.py --date 2027-06-01   按指定日期计算“可能已过时”
  python scripts/check_facts.py --audit             打印可信度审计摘要：状态、来源类型、原文引用覆盖、过时数、最老的来源

有错误时退出码为 1，每条错误一行：文件:行号: 问题 — 改法。
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.checks import load_all  # noqa: E402
from handbook.dates import build_date, parse_date  # noqa: E402
from handbook.errors import HandbookError  # noqa: E402
from handbook.facts import PLATFORM_LABELS, FactBase  # noqa: E402
from handbook.trust import audit, audit_lines  # noqa: E402


def todo_lines(base: FactBase, today: dt.date) -> tuple[list[str], list[str]]:
    """(stale, unverified): one line per platform value that needs an editor's attention."""
    stale, unverified = [], []
    for fact in base.facts.values():
        for platform, pv in fact.values.items():
            label = f"{fact.id} [{PLATFORM_LABELS[platform]}] {fact.label}"
            reason = pv.stale_reason(today, fact.shelf_life_days)
            if reason:
                stale.append(f"{label}: {reason} ({fact.where})")
            if pv.status == "unverified":
                shown = "未知" if pv.value is None else pv.value
                unverified.append(f"{label}: {shown} ({fact.where})")
    return stale, unverified


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="校验事实库，列出未核实和可能过时的事实。")
    parser.add_argument("--facts", type=Path, default=ROOT / "facts", help="事实库目录（默认 facts/）")
    parser.add_argument("--date", help="按此日期（YYYY-MM-DD）判断是否过时，默认今天或 SOURCE_DATE_EPOCH")
    parser.add_argument("--quiet", action="store_true", help="不列出待办清单")
    parser.add_argument("--audit", action="store_true", help="打印可信度审计摘要（与“事实与来源”页顶部相同）")
    args = parser.parse_args(argv)
    today = build_date()
    if args.date:
        today = parse_date(args.date)
        if today is None:
            parser.error(f"--date {args.date!r} is not a YYYY-MM-DD date")
    try:
        base, _ = load_all(args.facts, today)
    except HandbookError as exc:
        print(exc, file=sys.stderr)
        return 1
    stale, unverified = todo_lines(base, today)
    counts = base.counts()
    print(f"事实库通过校验：{len(base.facts)} 条事实，{len(base.sources)} 个来源；"
          f"已核实 {counts['verified']}、未核实 {counts['unverified']}、不适用 {counts['not-applicable']}；"
          f"可能已过时 {len(stale)}（按 {today} 计）。")
    if args.audit:
        print("\n" + "\n".join(audit_lines(audit(base, today))))
    if not args.quiet:
        for title, lines in (("可能已过时", stale), ("未核实", unverified)):
            if lines:
                print(f"\n{title}（{len(lines)}）：")
                print("\n".join(f"  - {line}" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
