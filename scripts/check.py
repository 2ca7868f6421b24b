#!/usr/bin/env python3
"""贡献者一键检查（不需要浏览器，几秒完成）。

检查：事实库与来源（data）、打法页首信息/锚点/五个小节/事实引用/锚点锁定（pages）、
站内链接（links）、中文文案排版（copy：中英文之间空格、全角标点）、facts/ 的 YAML 格式（yaml）；
另有提醒（不算失败）：可能已过时的取值（stale）。每一项是 hooks/handbook/checks/ 下的一个文件。

用法：
  python scripts/check.py                 全部检查
  python scripts/check.py --only copy     只跑某几项（可多次使用）
  python scripts/check.py --fix           自动修复能安全修复的问题（文案空格与标点、YAML 空白），再报告剩下的

每个问题一行：文件:行号: 问题 — 改法。没有问题时退出码 0，否则 1。
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.checks import RULES, Project, apply_fixes, run_checks  # noqa: E402
from handbook.dates import build_date  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="贡献者一键检查：事实、页面、链接、文案排版、YAML 格式，以及可能过时的取值（提醒）。")
    parser.add_argument("--only", action="append", choices=list(RULES), help="只跑这一项（可重复）")
    parser.add_argument("--fix", action="store_true", help="自动修复可以安全修复的问题")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.only or list(RULES)
    if any(n in names for n in ("pages", "links", "stale")):  # they need the loaded fact base
        names = ["data", *[n for n in names if n != "data"]]
    if "copy" in names and importlib.util.find_spec("autocorrect_py") is None:
        # requirements.txt (enough to build and serve) lacks the copy lint's tool: say so, check the rest.
        names = [n for n in names if n != "copy"]
        print("copy：跳过中文排版检查（需要 autocorrect-py，运行 pip install -r requirements-dev.txt 安装）", file=sys.stderr)
    project = Project(args.root.resolve(), build_date())
    findings = run_checks(project, names)
    if args.fix and any(f.apply for f in findings):
        fixed = apply_fixes(project, findings)
        print(f"已自动修复 {fixed} 处。")
        project = Project(args.root.resolve(), build_date())
        findings = run_checks(project, names)
    errors = [f for f in findings if f.level == "error"]
    warnings = [f for f in findings if f.level == "warning"]
    for finding in errors:
        print(finding)
    if warnings and args.only:  # asked for by name: list them
        for finding in warnings:
            print(f"提醒 {finding}")
    elif warnings:
        print(f"提醒：{len(warnings)} 个取值可能已过时（不算失败）；python scripts/check.py --only stale 列出它们。", file=sys.stderr)
    if errors:
        fixable = sum(1 for f in errors if f.apply)
        hint = f"，其中 {fixable} 处可用 --fix 自动修复" if fixable else ""
        print(f"\n共 {len(errors)} 个问题{hint}。", file=sys.stderr)
        return 1
    print(f"检查通过：{', '.join(n for n in names if RULES[n].LEVEL == 'error')}。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
