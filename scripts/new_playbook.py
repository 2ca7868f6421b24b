#!/usr/bin/env python3
"""新建行业打法或打法条目的脚手架：生成合法的页首信息、锚点和五个小节，并登记到需要的地方。

新建一个行业（登记到 facts/business_types.yml，建 docs/playbooks/<行业 id>/index.md）：
  python scripts/new_playbook.py type pet-food --name 宠物食品 --prefix pet --summary "猫粮狗粮和零食品牌与工厂"

在某行业的某页追加一条打法（页面不存在时自动创建）：
  python scripts/new_playbook.py tactic food-supply b2b chef-groups --title 用厨师社群做复购 --stage private
锚点沿用这一页已有打法的前缀：b2b 页的打法都以 food-b2b- 开头，所以得到 #food-b2b-chef-groups；
新页面用行业前缀（#food-chef-groups）。锚点在合并到 main、网站发布时才记入 facts/published_anchors.txt，
发布前改名不需要重定向。

阶段（--stage）：start 起号、content 内容、store 开店、ads 投流、live 直播、private 私域、
compliance 合规、aftersales 售后、data 数据。
已存在的行业 id、锚点前缀或锚点会被拒绝。生成的文字里带“（待填写）”，python scripts/check.py
会一直报出它们，直到你写完。导航不用改：行业文件夹会自动出现在“行业打法”下。
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.anchors import read_lock  # noqa: E402
from handbook.dates import build_date  # noqa: E402
from handbook.errors import HandbookError  # noqa: E402
from handbook.business_types import load_business_types  # noqa: E402
from handbook.playbooks import ANCHOR, STAGES, scan_playbook  # noqa: E402

TODO = "（待填写）"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def front_matter(title: str, bt: str, today: dt.date) -> str:
    return (f"---\ntitle: {title}\ndescription: {TODO}一句话说明本页解决什么问题\nbusiness_type: {bt}\n"
            f"platforms: [douyin, channels]\ntags: [{TODO}]\nreviewed: {today}\n---\n\n# {title}\n\n")


def overview(name: str, prefix: str) -> str:
    return (f"## 这页写给谁 {{#{prefix}-audience}}\n\n{TODO}哪些商家适合看，哪些不适合。\n\n"
            f"## 结论：抖音和视频号怎么选 {{#{prefix}-verdict}}\n\n{TODO}先做哪个平台，理由逐条写，数字用 `[[fact:...]]` 引用。\n\n"
            f"## 30/60/90 天计划 {{#{prefix}-plan}}\n\n{TODO}每个阶段做什么、看什么指标。\n")


def tactic(title: str, anchor: str, stage: str) -> str:
    return (f"\n## {title} {{#{anchor} data-stage=\"{stage}\"}}\n\n"
            f"**适用场景**：{TODO}\n\n**做法**\n\n1. {TODO}\n2. {TODO}\n\n"
            f"**成本与周期**：{TODO}\n\n**风险与红线**：{TODO}\n\n**衡量指标**：{TODO}\n")


def add_type(root: Path, bt_id: str, name: str, prefix: str, summary: str, today: dt.date) -> Path:
    registry = root / "facts" / "business_types.yml"
    existing = load_business_types(registry)
    if not SLUG.match(bt_id):
        raise SystemExit(f"行业 id '{bt_id}' 只能用小写字母、数字和连字符，例如 pet-food")
    if not re.match(r"^[a-z0-9]+$", prefix):
        raise SystemExit(f"锚点前缀 '{prefix}' 只能用小写字母和数字，例如 pet")
    if bt_id in existing:
        raise SystemExit(f"行业 '{bt_id}' 已存在（facts/business_types.yml），请换一个 id")
    if any(b.anchor_prefix == prefix for b in existing.values()):
        raise SystemExit(f"锚点前缀 '{prefix}' 已被其他行业使用，请换一个")
    folder = root / "docs" / "playbooks" / bt_id
    if folder.exists():
        raise SystemExit(f"docs/playbooks/{bt_id}/ 已存在")
    text = registry.read_text(encoding="utf-8").rstrip("\n")
    text += (f"\n  - id: {bt_id}\n    name: {name}\n    anchor_prefix: {prefix}\n    summary: {summary}\n")
    registry.write_text(text, encoding="utf-8")
    folder.mkdir(parents=True)
    page = folder / "index.md"
    page.write_text(front_matter(name, bt_id, today) + overview(name, prefix), encoding="utf-8")
    return page


def add_tactic(root: Path, bt_id: str, page_name: str, suffix: str, title: str, stage: str, today: dt.date) -> Path:
    business_types = load_business_types(root / "facts" / "business_types.yml")
    if bt_id not in business_types:
        raise SystemExit(f"未知行业 '{bt_id}'，先运行：python scripts/new_playbook.py type {bt_id} ...")
    if stage not in STAGES:
        raise SystemExit(f"未知阶段 '{stage}'，可选：{', '.join(STAGES)}")
    bt = business_types[bt_id]
    path = root / "docs" / "playbooks" / bt_id / f"{page_name}.md"
    anchor = f"{page_anchor_prefix(path, bt.anchor_prefix)}-{suffix}"
    if not ANCHOR.match(anchor) or not SLUG.match(page_name):
        raise SystemExit(f"锚点 '{anchor}' 或页面名 '{page_name}' 只能用小写字母、数字和连字符")
    docs = root / "docs"
    for other in sorted((docs / "playbooks").glob("*/*.md")):
        src = other.relative_to(docs).as_posix()
        try:
            page = scan_playbook(src, other.read_text(encoding="utf-8"), business_types, today)
        except HandbookError:
            continue  # a broken page is check.py's business; anchors elsewhere still count below
        if any(t.anchor == anchor for t in page.tactics):
            raise SystemExit(f"锚点 #{anchor} 已在 docs/{src} 使用，请换一个名字")
    if any(line.endswith(f"#{anchor}") for line in read_lock(root / "facts" / "published_anchors.txt")):
        raise SystemExit(f"锚点 #{anchor} 曾经发布过（facts/published_anchors.txt），不能复用")
    if not path.parent.exists():
        raise SystemExit(f"docs/playbooks/{bt_id}/ 不存在，先运行 type 子命令")
    if not path.exists():
        path.write_text(front_matter(f"{bt.name}：{TODO}", bt_id, today), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + tactic(title, anchor, stage), encoding="utf-8")
    return path


def page_anchor_prefix(path: Path, type_prefix: str) -> str:
    """The prefix the page's tactics use: `<type prefix>-<page name>` when every tactic already on the
    page starts with it (b2b.md: food-b2b-…), otherwise the business type's prefix. Two tactics that
    merely share a word (baby-formula-check, baby-formula-no-ads) do not make a page prefix."""
    if not path.exists():
        return type_prefix
    anchors = re.findall(r"^##(?!#).*\{#([a-z0-9-]+)", path.read_text(encoding="utf-8"), re.M)
    page_prefix = f"{type_prefix}-{path.stem}"
    if anchors and all(a.startswith(page_prefix + "-") for a in anchors):
        return page_prefix
    return type_prefix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="\n\n".join(__doc__.split("\n\n")[1:]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter, add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser._positionals.title, parser._optionals.title = "子命令", "选项"
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="{type,tactic}")
    t = sub.add_parser("type", help="新建一个行业（登记并创建总览页）", description="新建一个行业：登记到 facts/business_types.yml，创建总览页。")
    t.add_argument("id", help="行业 id，小写字母、数字和连字符，也是文件夹名，例如 pet-food")
    t.add_argument("--name", required=True, help="中文名，例如 宠物食品")
    t.add_argument("--prefix", required=True, help="打法锚点前缀，小写字母数字，例如 pet")
    t.add_argument("--summary", required=True, help="一句话说明这个行业包括哪些商家")
    a = sub.add_parser("tactic", help="在某行业的某页追加一条打法", description="追加一条打法：带锚点、阶段和五个小节。")
    a.add_argument("business_type", help="行业 id，例如 food-supply")
    a.add_argument("page", help="页面文件名（不含 .md），例如 b2b；不存在时自动创建")
    a.add_argument("name", help="锚点名（不含前缀），例如 chef-groups；在 b2b 页得到 #food-b2b-chef-groups（沿用该页已有打法的前缀）")
    a.add_argument("--title", required=True, help="打法标题（中文）")
    a.add_argument("--stage", required=True, choices=list(STAGES), help="阶段")
    args = parser.parse_args(argv)
    today = build_date()
    root = args.root.resolve()
    if args.command == "type":
        page = add_type(root, args.id, args.name, args.prefix, args.summary, today)
    else:
        page = add_tactic(root, args.business_type, args.page, args.name, args.title, args.stage, today)
    print(f"已创建/更新 {page.relative_to(root)}。把“{TODO}”都换成内容后运行 python scripts/check.py。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
