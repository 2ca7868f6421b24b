#!/usr/bin/env python3
"""违禁词自查（命令行版）：检查视频脚本、直播话术、商品文案里的红线词。

用法：
  python scripts/check_redlines.py 脚本.txt
  python scripts/check_redlines.py - < 脚本.txt                 从标准输入读
  python scripts/check_redlines.py 脚本.txt --platform douyin --business-type food-supply
  python scripts/check_redlines.py *.txt --category medical-claim  只查一类
  python scripts/check_redlines.py --evaluate tests/redline_examples_independent.yml  在标注集上算精确率和召回率

每个命中一行：文件:行:列: [类别] 命中词 — 原因 建议：改写方向。
有命中退出码 1，没有命中 0，用法错误 2。网页版在网站“违禁词自查”页，两者用同一份 facts/redlines.yml。
本工具只做提醒：同一个词在不同语境下可能合法，最终以法规原文和平台规则为准。
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.dates import build_date  # noqa: E402
from handbook.errors import HandbookError  # noqa: E402
from handbook.facts import load_factbase  # noqa: E402
from handbook.business_types import load_business_types  # noqa: E402
from handbook.redlines import PLATFORMS, RedLines, check, evaluate, load_redlines  # noqa: E402


def load(root: Path = ROOT) -> RedLines:
    base = load_factbase(root / "facts", build_date())
    return load_redlines(root / "facts" / "redlines.yml", base.sources,
                         load_business_types(root / "facts" / "business_types.yml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查文案里的违禁词（广告法极限词、医疗功效、站外导流……）。")
    parser.add_argument("files", nargs="*", help="文本文件；- 表示标准输入")
    parser.add_argument("--evaluate", type=Path, metavar="EXAMPLES.yml",
                        help="在标注好的例句集上报告精确率、召回率和漏判/误判（不查文件）")
    parser.add_argument("--platform", choices=PLATFORMS, help="只查适用于该平台的词（默认两个平台都查）")
    parser.add_argument("--business-type", help="行业 id，如 food-supply、medical（默认全部行业）")
    parser.add_argument("--category", help="只查一类，如 superlative、medical-claim")
    args = parser.parse_args(argv)
    try:
        redlines = load()
    except HandbookError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.evaluate:
        return print_evaluation(args.evaluate, redlines)
    if not args.files:
        parser.error("give at least one file (or - for standard input)")
    if args.category and args.category not in redlines.categories:
        parser.error(f"unknown --category {args.category!r}; use one of: {', '.join(redlines.categories)}")
    known_bts = {bt for e in redlines.entries for bt in e.business_types} | set(
        load_business_types(ROOT / "facts" / "business_types.yml"))
    if args.business_type and args.business_type not in known_bts:
        parser.error(f"unknown --business-type {args.business_type!r}")
    total = 0
    for name in args.files:
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}: cannot read ({exc.__class__.__name__}) — pass a UTF-8 text file", file=sys.stderr)
            return 2
        label = "<stdin>" if name == "-" else name
        for hit in check(text, redlines, args.platform, args.business_type, args.category):
            cat = redlines.categories[hit.entry.category].label
            print(f"{label}:{hit.line}:{hit.column}: [{cat}] {hit.text} — {hit.entry.reason} 建议：{hit.entry.suggestion}")
            total += 1
    if total:
        print(f"共 {total} 处需要复核。", file=sys.stderr)
    return 1 if total else 0


def print_evaluation(path: Path, redlines: RedLines) -> int:
    import yaml
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # Either {examples: [{text, expect_flag, kind…}]} or the shared set's list of {text, expect: [entry ids]}.
    examples = data["examples"] if isinstance(data, dict) else [{**e, "expect_flag": bool(e["expect"])} for e in data]
    result = evaluate(examples, redlines)
    o = result["overall"]
    print(f"{path}: {len(examples)} 条；精确率 {o['precision']}，召回率 {o['recall']}"
          f"（命中且该命中 {o['tp']}，误判 {o['fp']}，漏判 {o['fn']}，正确放过 {o['tn']}）")
    for kind, c in result["by_kind"].items():
        print(f"  {kind or '-'}: 精确率 {c['precision']}，召回率 {c['recall']}（{c['tp']}/{c['fp']}/{c['fn']}/{c['tn']}）")
    for error, kind, text in result["misses"]:
        print(f"  {'误判' if error == 'fp' else '漏判'} [{kind}] {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
