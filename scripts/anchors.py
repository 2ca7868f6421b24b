#!/usr/bin/env python3
"""打法锚点锁定表：列出已发布锚点，检查是否有锚点消失。

用法：
  python scripts/anchors.py            检查：已发布的锚点都还在，或在 facts/redirects.yml 里有重定向
  python scripts/anchors.py --update   把新增的打法锚点记入 facts/published_anchors.txt（只增不减）

锚点是读者收藏和搜索结果指向的位置。改名或搬页时，在 facts/redirects.yml 写旧→新。
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.anchors import current_anchors, load_redirects, lost_anchors, read_lock, write_lock  # noqa: E402
from handbook.dates import build_date  # noqa: E402
from handbook.errors import HandbookError  # noqa: E402
from handbook.business_types import load_business_types  # noqa: E402
from handbook.playbooks import scan_playbooks  # noqa: E402

LOCK = ROOT / "facts" / "published_anchors.txt"


def scan_all(root: Path = ROOT):
    return scan_playbooks(root / "docs", load_business_types(root / "facts" / "business_types.yml"), build_date())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="检查或更新打法锚点锁定表。")
    parser.add_argument("--update", action="store_true", help="把新锚点写进 facts/published_anchors.txt")
    args = parser.parse_args(argv)
    try:
        current = current_anchors(scan_all())
        redirects = load_redirects(ROOT / "facts" / "redirects.yml", current)
    except HandbookError as exc:
        print(exc, file=sys.stderr)
        return 1
    locked = read_lock(LOCK)
    lost = lost_anchors(locked, current, redirects)
    for ref in lost:
        print(f"facts/published_anchors.txt: anchor {ref} disappeared — restore it or add "
              f"'{ref}: <new page.md#anchor>' to facts/redirects.yml", file=sys.stderr)
    new = sorted(current - set(locked))
    if args.update:
        write_lock(LOCK, [*locked, *new])
        print(f"记入 {len(new)} 个新锚点，共 {len(set(locked) | current)} 个。")
    elif new:
        print(f"{len(new)} 个新锚点尚未记入锁定表：运行 python scripts/anchors.py --update")
    return 1 if lost or (new and not args.update) else 0


if __name__ == "__main__":
    sys.exit(main())
