#!/usr/bin/env python3
"""性能基准：构建时间（含/不含本项目钩子）、内存、搜索索引大小、读者首访字节数。

  python scripts/bench.py                      N = 100, 1000, 3000，每个 N 重复 3 次取中位数
  python scripts/bench.py --sizes 100 --repeat 1 --no-browser   快速试跑
  python scripts/bench.py --report benchmarks/report.md          把结果写成报告（同时写 .json）
  python scripts/bench.py --lighthouse --lighthouse-before DIR --report benchmarks/report.md
                                               只跑 Lighthouse 一节（手机、gzip 服务的站点，7 个页面各 3 次取中位数），
                                               与旧版本并排；并入已有的 report.json，其他各节的数据不动

合成站点与真实站点同形：同一份 mkdocs.yml、同一套钩子、真实事实库，另加 N 个生成的打法页
（分在 10 个合成行业里，每页 5 条带五个小节、对比表和事实引用的打法，正文取自真实页面的句子）。
“不含钩子”是同一批页面（钩子生成的页面也写成静态文件）、同一份导航，但去掉 hooks:（即纯
Material）。两种构建在同一轮里交替进行，报告用中位数和比值，因为这台机器的绝对时间有噪声。
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT))  # devtools/

from devtools.project import copy_project  # noqa: E402

from handbook.dates import build_date  # noqa: E402
from handbook.facts import load_factbase  # noqa: E402
from handbook.nav import playbook_nav  # noqa: E402
from handbook.playbooks import STAGES as STAGE_LABELS  # noqa: E402

SECTIONS = 10
STAGES = list(STAGE_LABELS)  # the stage ids the playbook rules accept


def corpus_sentences(root: Path = ROOT) -> list[str]:
    """Plain Chinese sentences from the real playbooks (markup stripped), to fill synthetic pages."""
    out = []
    for path in sorted((root / "docs" / "playbooks").rglob("*.md")):
        text = re.sub(r"```.*?```|\[\[fact:[^\]]+\]\]|\{#[^}]*\}|[#*>|`=\[\]()!-]", "", path.read_text(encoding="utf-8"), flags=re.S)
        out += [s.strip() + "。" for s in re.split(r"[。\n]", text) if len(s.strip()) >= 12 and re.search(r"[\u4e00-\u9fff]", s)]
    return out


def synthetic_page(rng: random.Random, bt: str, prefix: str, index: int, sentences: list[str], fact_ids: list[str],
                   general: set[str]) -> str:
    def ref() -> str:
        fid = rng.choice(fact_ids)
        return f"[[fact:{fid}]]" if fid in general else f"[[fact:{fid}:{rng.choice(['douyin', 'channels'])}]]"

    def para(n: int) -> str:
        return "".join(rng.choice(sentences) for _ in range(n))

    lines = ["---", f"title: 合成打法页 {index}", "description: 基准测试生成的页面", f"business_type: {bt}",
             "platforms: [douyin, channels]", "tags: [基准, 投流]", "reviewed: 2026-11-01", "---", "",
             f"# 合成打法页 {index}", "", para(3), ""]
    for t in range(5):
        lines += [f"## 合成打法 {index}-{t} {{#{prefix}-p{index}-t{t} data-stage=\"{STAGES[(index + t) % len(STAGES)]}\"}}", "",
                  f"**适用场景**：{para(2)}", "", "**做法**", "",
                  *(f"{k}. {para(1)}（{ref()}）" for k in range(1, 4)), "",
                  '=== "抖音"', "", f"    {para(2)}", "", '=== "视频号"', "", f"    {para(2)}", "",
                  f"**成本与周期**：{para(1)}{ref()}。", "",
                  f"**风险与红线**：{para(1)}", "",
                  "```compare", f"facts: [{', '.join(rng.sample(fact_ids, 3))}]", "```", "",
                  f"**衡量指标**：{para(1)}", ""]
    return "\n".join(lines)


def make_site(n: int, dest: Path, seed: int = 7) -> Path:
    """A copy of the project with n synthetic playbook pages in SECTIONS extra business types."""
    copy_project(ROOT, dest)
    rng = random.Random(seed)
    base = load_factbase(dest / "facts", build_date())
    fact_ids = sorted(base.facts)
    general = {f for f, fact in base.facts.items() if fact.is_general}
    sentences = corpus_sentences(dest)
    registry = dest / "facts" / "business_types.yml"
    text = registry.read_text(encoding="utf-8").rstrip("\n") + "\n"
    for s in range(SECTIONS):
        text += (f"  - id: bench-{s:02d}\n    name: 合成行业 {s:02d}\n    anchor_prefix: bench{s:02d}\n"
                 f"    summary: 基准测试用的合成行业。\n")
    registry.write_text(text, encoding="utf-8")
    for s in range(SECTIONS):
        folder = dest / "docs" / "playbooks" / f"bench-{s:02d}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"---\ntitle: 合成行业 {s:02d}\ndescription: 基准\nbusiness_type: bench-{s:02d}\nplatforms: [douyin]\n"
            f"tags: [基准]\nreviewed: 2026-11-01\n---\n\n# 合成行业 {s:02d}\n\n## 结论 {{#bench{s:02d}-verdict}}\n\n30/60/90 天计划。\n",
            encoding="utf-8")
    for i in range(n):
        s = i % SECTIONS
        (dest / "docs" / "playbooks" / f"bench-{s:02d}" / f"p{i:04d}.md").write_text(
            synthetic_page(rng, f"bench-{s:02d}", f"bench{s:02d}", i, sentences, fact_ids, general), encoding="utf-8")
    # New anchors are not "published": keep the lock check out of the benchmark's way.
    subprocess.run([sys.executable, "scripts/anchors.py", "--update"], cwd=dest, check=True, capture_output=True)
    return dest


def plain_config(site: Path) -> Path:
    """The same pages and nav without the project's hooks: plain Material.

    The pages the hooks generate (fact sheet, comparison, tactic index, glossary, 选平台, playbook
    list) are written out as static Markdown into a second docs folder, so both builds render the
    same set of pages and the ratio measures the hooks' processing, not a different page count.
    """
    from handbook.build import Build
    from handbook.generated import pages
    from handbook.markers import fill_tables

    build = Build.load(site, build_date())
    docs_plain = site / "docs-plain"
    shutil.copytree(site / "docs", docs_plain)
    build.scan({p.relative_to(site / "docs").as_posix(): p.read_text(encoding="utf-8")
                for p in (site / "docs").rglob("*.md")})
    bts = build.business_types
    for page in pages(build):
        markdown, tables = page.make(build)
        # Static copies carry their tables inline: plain Material renders the same HTML.
        (docs_plain / page.path).parent.mkdir(parents=True, exist_ok=True)
        (docs_plain / page.path).write_text(fill_tables(markdown, tables), encoding="utf-8")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    nav = playbook_nav(site / "docs", bts)
    config = re.sub(r"\nhooks:\n  - hooks/site_hooks.py\n", "\n", config)
    config = config.replace("  - 行业打法: playbooks/index.md   # expanded by hooks/: one section per docs/playbooks/<id>/",
                            "  - 行业打法:\n" + "\n".join("      " + line for line in yaml.safe_dump(nav, allow_unicode=True).splitlines()))
    config = "docs_dir: docs-plain\n" + config
    path = site / "mkdocs-plain.yml"
    path.write_text(config, encoding="utf-8")
    return path


def timed_build(site: Path, config: str, out: Path, **extra_env: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `mkdocs build` in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(time.time())), **extra_env}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(out)], cwd=site, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed ({config}):\n{err[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def index_sizes(site_dir: Path) -> dict:
    raw = (site_dir / "search" / "search_index.json").read_bytes()
    return {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 9))}


def bench_builds(sizes: list[int], repeat: int) -> list[dict]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            site = make_site(n, Path(tmp) / "site-src")
            plain = plain_config(site)
            pages = len(list((site / "docs").rglob("*.md")))
            hooks_t, plain_t, mem_h, mem_p = [], [], [], []
            for _ in range(repeat):  # alternate, so drift on a noisy machine hits both alike
                t, m = timed_build(site, "mkdocs.yml", Path(tmp) / "out-hooks")
                hooks_t.append(t)
                mem_h.append(m)
                t, m = timed_build(site, str(plain), Path(tmp) / "out-plain")
                plain_t.append(t)
                mem_p.append(m)
            # One more build with the index untrimmed: the before/after of extra.handbook.search_text_chars.
            timed_build(site, "mkdocs.yml", Path(tmp) / "out-full", HANDBOOK_SEARCH_TEXT_CHARS="0")
            h, p = statistics.median(hooks_t), statistics.median(plain_t)
            rows.append({"n": n, "pages": pages, "hooks_s": round(h, 2), "plain_s": round(p, 2),
                         "ratio": round(h / p, 3), "hooks_s_per_page": round(h / pages, 4),
                         "plain_s_per_page": round(p / pages, 4), "peak_mb_hooks": round(max(mem_h)),
                         "peak_mb_plain": round(max(mem_p)), "runs_hooks": [round(x, 2) for x in hooks_t],
                         "runs_plain": [round(x, 2) for x in plain_t],
                         "index_hooks": index_sizes(Path(tmp) / "out-hooks"),
                         "index_hooks_untrimmed": index_sizes(Path(tmp) / "out-full"),
                         "index_plain": index_sizes(Path(tmp) / "out-plain")})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    return rows


def bench_real_site(repeat: int) -> dict:
    """The real site built strictly, alternating MkDocs and ProperDocs (the drop-in fork) run by run,
    so the two engines' times are compared within one run."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times: dict[str, list[float]] = {"mkdocs": [], "properdocs": []}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            for engine in times:
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", engine, "build", "--strict", "-q", "-d", tmp], cwd=ROOT, env=env,
                               check=True, capture_output=True)
                times[engine].append(time.perf_counter() - t0)
        return {"strict_build_s": round(statistics.median(times["mkdocs"]), 2), "runs": [round(t, 2) for t in times["mkdocs"]],
                "properdocs_build_s": round(statistics.median(times["properdocs"]), 2),
                "properdocs_runs": [round(t, 2) for t in times["properdocs"]],
                **index_sizes(Path(tmp)), "pages": len(list((ROOT / "docs").rglob("*.md")))}


def bench_reader(site_dir: Path) -> dict:
    """First visit to a playbook page in Chromium: bytes and requests, search index excluded."""
    from devtools.reader_metrics import first_visit  # noqa: E402
    return first_visit(site_dir, "playbooks/food-supply/b2b/")


SITE_PATHS = ("docs", "facts", "hooks", "overrides", "mkdocs.yml")  # what the built site is made of


def git_commit(checkout: Path) -> str | None:
    """Short commit id of a checkout, marked when the site's sources have uncommitted changes."""
    head = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return None
    dirty = subprocess.run(["git", "-C", str(checkout), "status", "--porcelain", "--", *SITE_PATHS],
                           capture_output=True, text=True).stdout.strip()
    return head.stdout.strip() + ("+未提交改动" if dirty else "")


def lighthouse_site(source: Path | None, out: Path, commit: str | None, lenient: bool = False) -> dict:
    """A built site to measure: `source` already built (has index.html) is used as is; a checkout (has
    mkdocs.yml; default: this repository) is built into `out` with --strict — or, if lenient (an older
    commit that no longer passes today's --strict), without when strict fails."""
    if source is not None and (source / "index.html").is_file():
        return {"dir": source, "commit": commit, "built": f"已构建的站点 {source}"}
    checkout = source or ROOT
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for flags in (["--strict"], []) if lenient else (["--strict"],):
        proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags, "-q", "-d", str(out)], cwd=checkout,
                              env=env, capture_output=True, text=True)
        if proc.returncode == 0:
            return {"dir": out, "commit": commit or git_commit(checkout), "built": " ".join(["mkdocs build", *flags])}
    raise SystemExit(f"build failed ({checkout}):\n{proc.stderr[-2000:]}")


def bench_lighthouse(args) -> dict:
    """Lighthouse (mobile, simulated throttling) on the seven pages, this site and optionally an older one."""
    from devtools.lighthouse import measure

    def uptime() -> str:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    with tempfile.TemporaryDirectory() as tmp:
        sites = {}
        if args.lighthouse_before:
            sites["before"] = lighthouse_site(args.lighthouse_before, Path(tmp) / "before", args.lighthouse_before_commit,
                                              lenient=True)
        sites["after"] = lighthouse_site(args.site, Path(tmp) / "after", args.site_commit)
        start = uptime()
        result = measure({name: s["dir"] for name, s in sites.items()}, runs=args.lighthouse_runs,
                         keep_dir=args.lighthouse_keep)
        return {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": f"{os.cpu_count()} 核", "runs": args.lighthouse_runs,
                "uptime_start": start, "uptime_end": uptime(), "load": result["load"],
                **{name: {"commit": s["commit"], "built": s["built"], "pages": result["sites"][name]}
                   for name, s in sites.items()}}


def lighthouse_lines(lh: dict) -> list[str]:
    from devtools.lighthouse import TARGETS

    after, before, runs = lh["after"], lh.get("before"), lh["runs"]
    first = next(iter(after["pages"].values()), {})

    def cell(key: str, pid: str, fmt=str, target: int | None = None) -> str:
        def one(side):
            v = side["pages"].get(pid, {}).get(key)
            if v is None:
                return "—"
            text = fmt(v)
            return f"**{text}**" if target is not None and v < target else text
        return f"{one(before)} → {one(after)}" if before else one(after)

    def secs(ms: float) -> str:
        return f"{ms / 1000:.1f} s"

    lines = ["", "## Lighthouse（手机，模拟节流，gzip 服务的构建站点）", "",
             f"{lh['date']}，Lighthouse {first.get('lighthouse')}，Chromium {first.get('chrome')}，机器 {lh['machine']}；"
             f"每页 {lh['runs']} 次取中位数，新旧版本逐次交替运行。目标：性能 ≥ {TARGETS['performance']}、"
             f"无障碍 ≥ {TARGETS['accessibility']}（低于目标的加粗）。",
             f"- 之后：{after['commit'] or '未记录'}（{after['built']}）"]
    if before:
        lines.append(f"- 之前：{before['commit'] or '未记录'}（{before['built']}）；表中写作“之前 → 之后”")
    lines += [f"- 机器负载（与其他任务共用 CPU；模拟节流按本机实测的 CPU 时间放大 4 倍，负载高时 TBT、LCP 偏高）："
              f"开始 `{lh['uptime_start']}`，结束 `{lh['uptime_end']}`；每页测完时的 1 分钟负载："
              + "，".join(f"{pid} {v}" for pid, v in lh["load"]["per_page_1min"].items()), "",
              "| 页面 | 路径 | 性能 | 各次性能 | 无障碍 | FCP | LCP | TBT | CLS | 传输量 | DOM 元素 | 主线程 | 索引抢先 |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for pid, page in after["pages"].items():
        path = page["path"] or "/"
        if before and before["pages"].get(pid, {}).get("path") != page["path"]:
            path = f"{before['pages'].get(pid, {}).get('path') or '/'} → {path}"
        lines.append(f"| {page['label']} | `{path}` | {cell('performance', pid, lambda v: f'{v:g}', TARGETS['performance'])} | "
                     f"{cell('performance_runs', pid, lambda v: '·'.join(map(str, v)))} | "
                     f"{cell('accessibility', pid, lambda v: f'{v:g}', TARGETS['accessibility'])} | {cell('fcp_ms', pid, secs)} | "
                     f"{cell('lcp_ms', pid, secs)} | {cell('tbt_ms', pid, lambda v: f'{v:.0f} ms')} | "
                     f"{cell('cls', pid, lambda v: f'{v:.3f}')} | {cell('bytes', pid, lambda v: f'{v / 1024:.0f} KB')} | "
                     f"{cell('dom_elements', pid, lambda v: f'{v:.0f}')} | {cell('mainthread_ms', pid, secs)} | "
                     f"{cell('index_before_lcp_runs', pid, lambda v: f'{v}/{runs}')} |")
    failing = {pid: p["a11y_failing"] for pid, p in after["pages"].items() if p.get("a11y_failing")}
    lines += ["", "无障碍未通过的审计（之后）：" + ("；".join(f"{pid}：{', '.join(ids)}" for pid, ids in failing.items())
                                           if failing else "无。")]
    if before:
        failing = {pid: p["a11y_failing"] for pid, p in before["pages"].items() if p.get("a11y_failing")}
        lines.append("无障碍未通过的审计（之前）：" + ("；".join(f"{pid}：{', '.join(ids)}" for pid, ids in failing.items())
                                               if failing else "无。"))

    def index_kb(side) -> str:
        size = next((p.get("index_bytes") for p in side["pages"].values() if p.get("index_bytes")), None)
        return f"{size / 1024:.0f} KB" if size else "—"

    lines += ["", "FCP、LCP、TBT 是 Lighthouse 模拟的手机（慢速 4G：150 ms 往返、1.6 Mbps；CPU 放慢 4 倍）；"
              "“主线程”是本机实测、未放大的主线程时间。“索引抢先”：Material 的搜索 worker 请求搜索索引（gzip "
              + (f"{index_kb(before)} → {index_kb(after)}" if before else index_kb(after)) + "）"
              "早于本机实测的 LCP（首屏正文的绘制）的次数；这样的一次里，模拟把索引的下载算进 LCP，LCP 多出一两秒。"
              "低于目标的原因见 benchmarks/README.md。"]
    return lines


def write_report(path: Path, data: dict, merge: bool = False) -> None:
    """report.json and report.md from it. merge: a run of some sections only (--lighthouse) replaces
    those in the existing report.json and keeps the others' data as it was."""
    if merge and path.with_suffix(".json").exists():
        data = {**json.loads(path.with_suffix(".json").read_text(encoding="utf-8")), **data}
    path.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    lines = ["# 性能基准报告", "", f"由 `python scripts/bench.py` 生成，{data.get('date', '—')}，机器：{data.get('machine', '—')}。"
             "时间是同一轮里交替构建的中位数；比值才可比，绝对秒数随机器负载变化。"]
    if data.get("builds"):
        lines += ["", "## 构建：本项目钩子 vs 纯 Material（同一批页面、同一份导航）", "",
                  "| N（合成页） | 页面总数 | 含钩子（秒） | 纯 Material（秒） | 比值 | 每页秒数（含钩子/纯） | 峰值内存 MB（含钩子/纯） |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in data.get("builds", []):
        lines.append(f"| {r['n']} | {r['pages']} | {r['hooks_s']} | {r['plain_s']} | {r['ratio']} | "
                     f"{r['hooks_s_per_page']} / {r['plain_s_per_page']} | {r['peak_mb_hooks']} / {r['peak_mb_plain']} |")
    if data.get("builds"):
        lines += ["", "## 搜索索引大小（gzip）：截断前后", "",
                  "截断指每个小节只保留前 `extra.handbook.search_text_chars` 个字（见 hooks/handbook/searchindex.py）。", "",
                  "| N | 全文（截断前） | 截断后 | 纯 Material |", "| --- | --- | --- | --- |"]
    for r in data.get("builds", []):
        full = r.get("index_hooks_untrimmed", r["index_hooks"])
        lines.append(f"| {r['n']} | {full['gzip_bytes'] / 1e6:.2f} MB | {r['index_hooks']['gzip_bytes'] / 1e6:.2f} MB | "
                     f"{r['index_plain']['gzip_bytes'] / 1e6:.2f} MB |")
    builds = data.get("builds", [])
    if len(builds) > 1:
        growth = builds[-1]["hooks_s_per_page"] / builds[0]["hooks_s_per_page"]
        lines += ["", f"每页秒数 N={builds[-1]['n']} 相对 N={builds[0]['n']}：{growth:.2f} 倍（目标 ≤ 1.3）。"]
    if data.get("real_site"):
        real = data["real_site"]
        lines += ["", "## 真实站点", "", f"- `mkdocs build --strict`：{real['strict_build_s']} 秒（中位数，{real['runs']}；目标 < 15 秒）",
                  f"- `properdocs build --strict`（MkDocs 1.x 的维护分支，同一份 mkdocs.yml）：{real.get('properdocs_build_s')} 秒"
                  f"（中位数，{real.get('properdocs_runs')}；与上一行交替运行）",
                  f"- Markdown 源文件 {real['pages']} 个（不含构建生成的页面）；搜索索引 {real['raw_bytes'] / 1e6:.2f} MB，gzip 后 {real['gzip_bytes'] / 1e6:.2f} MB"]
    if data.get("reader"):
        rd = data["reader"]
        lines += ["", "## 读者首访（Chromium，手机视口，playbooks/food-supply/b2b/，不含搜索索引）", "",
                  f"- gzip 压缩后 {rd['gzip_bytes'] / 1024:.0f} KB（目标 ≤ 350 KB；GitHub Pages、CDN 和开了 gzip 的 nginx/对象存储都会压缩），"
                  f"未压缩 {rd['bytes'] / 1024:.0f} KB；请求 {rd['requests']} 个，第三方请求 {rd['third_party']} 个",
                  (f"- 搜索索引：gzip {rd['index_gzip_bytes'] / 1024:.0f} KB，未压缩 {rd['index_bytes'] / 1024:.0f} KB"
                   "（页面加载后在后台下载）" if rd["index_bytes"] else
                   "- 搜索索引：页面加载时不下载，读者第一次点开搜索框时才下载（大小见上一节）"),
                  "- 最大的几个文件：" + "；".join(f"{path} {size / 1024:.0f} KB" for size, path in rd["largest"])]
    if data.get("redline"):
        rl = data["redline"]
        lines += ["", "## 违禁词自查：浏览器内检查耗时", "",
                  f"- {rl['chars']} 字的脚本：中位数 {rl['median_ms']} ms（7 次：{rl['runs']}；目标 < 100 ms）"]
    if data.get("serve"):
        lines += ["", "## mkdocs serve：改事实后页面更新", "", f"- 保存 facts/ 里的取值到页面出现新值：{data['serve']['seconds']} 秒"]
    if data.get("lighthouse"):
        lines += lighthouse_lines(data["lighthouse"])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="构建与读者端性能基准。")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true", help="不测读者首访（没有 Chromium 时）")
    parser.add_argument("--report", type=Path, help="写 Markdown 报告（及同名 .json）")
    lh = parser.add_argument_group("Lighthouse（完整运行里也有，--no-browser 时不跑）")
    lh.add_argument("--lighthouse", action="store_true", help="只跑 Lighthouse 一节，并入已有的报告")
    lh.add_argument("--site", type=Path, metavar="DIR", help="测这个已构建的站点（默认：严格构建本仓库）")
    lh.add_argument("--site-commit", help="--site 的提交号（写进报告；构建本仓库时自动取）")
    lh.add_argument("--lighthouse-before", type=Path, metavar="DIR",
                    help="旧版本并排对比：已构建的站点，或旧提交的检出目录（现场构建）")
    lh.add_argument("--lighthouse-before-commit", help="旧版本的提交号（检出目录时自动取）")
    lh.add_argument("--lighthouse-runs", type=int, default=3, help="每页次数，取中位数（默认 3）")
    lh.add_argument("--lighthouse-keep", type=Path, metavar="DIR", help="把每次的 Lighthouse JSON 存到这里，查低分原因用")
    args = parser.parse_args(argv)
    if args.lighthouse or not args.no_browser:
        from devtools.lighthouse import LighthouseUnavailable, check_available
        try:
            check_available()  # before twenty minutes of builds, not after
        except LighthouseUnavailable as e:
            raise SystemExit(f"bench.py: {e}") from None
    if args.lighthouse:
        data = {"lighthouse": bench_lighthouse(args)}
        print(json.dumps(data, ensure_ascii=False))
        if args.report:
            write_report(args.report, data, merge=True)
        return 0
    data = {"date": time.strftime("%Y-%m-%d"), "machine": f"{os.cpu_count()} 核, Python {sys.version.split()[0]}",
            "builds": bench_builds(args.sizes, args.repeat), "real_site": bench_real_site(args.repeat)}
    if not args.no_browser:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", tmp], cwd=ROOT, check=True, capture_output=True,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
            data["reader"] = bench_reader(Path(tmp))
            from devtools.reader_metrics import redline_timing  # noqa: E402
            data["redline"] = redline_timing(Path(tmp))
            from devtools.serve_metrics import fact_edit_rebuild_seconds  # noqa: E402
        data["serve"] = {"seconds": fact_edit_rebuild_seconds(ROOT)}
        data["lighthouse"] = bench_lighthouse(args)
    print(json.dumps({k: v for k, v in data.items() if k != "builds"}, ensure_ascii=False))
    if args.report:
        write_report(args.report, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
