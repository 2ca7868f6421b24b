"""A first-time contributor's path: scaffold → strict build → check command, on a temp copy."""

from __future__ import annotations

import re

import subprocess
import sys

import pytest

from conftest import ROOT, run_build


def _run(repo, *args):
    return subprocess.run([sys.executable, *args], cwd=repo, capture_output=True, text=True, timeout=300)


def test_scaffold_builds_and_check_flags_unfilled_text(copy_of_repo, tmp_path):
    repo = copy_of_repo
    r = _run(repo, "scripts/new_playbook.py", "type", "pet-food", "--name", "宠物食品", "--prefix", "pet",
             "--summary", "猫粮狗粮和零食品牌与工厂")
    assert r.returncode == 0, r.stderr
    r = _run(repo, "scripts/new_playbook.py", "tactic", "pet-food", "content", "factory-tour",
             "--title", "拍工厂生产线", "--stage", "content")
    assert r.returncode == 0, r.stderr
    assert (repo / "docs/playbooks/pet-food/content.md").exists()
    build = run_build(repo, tmp_path / "site")
    assert build.returncode == 0, build.stderr[-2000:]
    html = (tmp_path / "site/playbooks/pet-food/content/index.html").read_text(encoding="utf-8")
    assert 'id="pet-factory-tour"' in html
    assert "宠物食品" in (tmp_path / "site/playbooks/index.html").read_text(encoding="utf-8")
    check = _run(repo, "scripts/check.py")
    assert check.returncode == 1
    assert "docs/playbooks/pet-food/content.md:" in check.stdout and "unfilled scaffold text" in check.stdout


@pytest.mark.parametrize("args,message", [
    (("type", "food-supply", "--name", "x", "--prefix", "zz", "--summary", "x"), "已存在"),
    (("type", "new-one", "--name", "x", "--prefix", "food", "--summary", "x"), "已被其他行业使用"),
    (("tactic", "food-supply", "b2b", "expert-persona", "--title", "x", "--stage", "content"), "已在 docs/playbooks/food-supply/b2b.md 使用"),
    (("tactic", "shoes", "x", "y", "--title", "x", "--stage", "content"), "未知行业"),
])
def test_scaffold_refuses_existing_ids(copy_of_repo, args, message):
    r = _run(copy_of_repo, "scripts/new_playbook.py", *args)
    assert r.returncode != 0 and message in (r.stderr + r.stdout)


def test_help_is_chinese(copy_of_repo):
    r = _run(copy_of_repo, "scripts/new_playbook.py", "--help")
    assert r.returncode == 0 and "新建" in r.stdout and "显示本帮助" in r.stdout


MISTAKES = {
    # (file, how to plant the mistake) -> text the check must print, starting with file:line
    "front matter": ("docs/playbooks/food-supply/b2b.md", lambda t: re.sub(r"^reviewed: .*\n", "", t, count=1, flags=re.M),
                     "docs/playbooks/food-supply/b2b.md:1: front matter: missing 'reviewed'"),
    "anchor": ("docs/playbooks/food-supply/b2b.md", lambda t: t.replace("{#food-b2b-expert-persona ", "{#persona ", 1),
               "is not a stable ASCII anchor"),
    "part": ("docs/playbooks/food-supply/b2b.md", lambda t: t.replace("**成本与周期**", "**成本**", 1),
             "missing part(s) 成本与周期"),
    "fact id": ("docs/platforms/douyin.md", lambda t: t + "\n保证金 [[fact:store.nope:douyin]]\n",
                "docs/platforms/douyin.md:"),
    "link": ("docs/platforms/douyin.md", lambda t: t + "\n见 [这里](nowhere.md)。\n", "link to nowhere.md: page does not exist"),
    "copy": ("docs/platforms/douyin.md", lambda t: t + "\n抖音有6亿用户,很多.\n", "copywriting:"),
    "yaml": ("facts/business_types.yml", lambda t: t.replace("anchor_prefix: food\n", "anchor_prefix: food   \n", 1),
             "facts/business_types.yml:"),
    "fact date": ("facts/topics/store.yml", lambda t: re.sub(r"checked: \d{4}-\d\d-\d\d", "checked: 2026-13-01", t, count=1),
                  "facts/topics/store.yml:"),
}


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_check_reports_each_mistake_with_file_and_line(copy_of_repo, kind):
    rel, plant, expected = MISTAKES[kind]
    path = copy_of_repo / rel
    path.write_text(plant(path.read_text(encoding="utf-8")), encoding="utf-8")
    r = _run(copy_of_repo, "scripts/check.py")
    assert r.returncode == 1
    hits = [line for line in r.stdout.splitlines() if expected in line]
    assert hits, r.stdout[-3000:]
    assert all(line.split(":")[1].isdigit() or line.startswith("facts/published") for line in hits), hits


def test_fix_repairs_copy_and_yaml(copy_of_repo):
    page = copy_of_repo / "docs/platforms/douyin.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n抖音有6亿用户,很多.\n", encoding="utf-8")
    yml = copy_of_repo / "facts/business_types.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("anchor_prefix: food\n", "anchor_prefix: food   \n", 1), encoding="utf-8")
    r = _run(copy_of_repo, "scripts/check.py", "--fix")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "抖音有 6 亿用户，很多。" in page.read_text(encoding="utf-8")
    assert "anchor_prefix: food\n" in yml.read_text(encoding="utf-8")


def test_check_passes_on_the_repository():
    from conftest import ROOT
    r = _run(ROOT, "scripts/check.py")
    assert r.returncode == 0, r.stdout[-3000:]


def test_fact_reference_error_in_a_playbook_points_at_the_file_line(copy_of_repo):
    page = copy_of_repo / "docs/playbooks/food-supply/b2b.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.append("保证金 [[fact:store.nope:douyin]]")
    page.write_text("\n".join(lines), encoding="utf-8")
    r = _run(copy_of_repo, "scripts/check.py", "--only", "pages")
    assert f"docs/playbooks/food-supply/b2b.md:{len(lines)}: unknown fact id 'store.nope'" in r.stdout, r.stdout[-2000:]


def test_scaffold_uses_the_pages_own_prefix_and_leaves_the_lock_alone(copy_of_repo):
    lock = copy_of_repo / "facts/published_anchors.txt"
    before = lock.read_text(encoding="utf-8")
    r = _run(copy_of_repo, "scripts/new_playbook.py", "tactic", "food-supply", "b2b", "chef-groups",
             "--title", "用厨师社群做复购", "--stage", "private")
    assert r.returncode == 0, r.stderr
    page = (copy_of_repo / "docs/playbooks/food-supply/b2b.md").read_text(encoding="utf-8")
    assert '{#food-b2b-chef-groups data-stage="private"}' in page
    assert lock.read_text(encoding="utf-8") == before  # recorded when it ships, not when it is written


def test_check_without_the_dev_requirements_skips_the_copy_lint_and_says_why():
    from conftest import ROOT
    hide = ("import runpy, sys, importlib.util as u; real = u.find_spec; "
            "u.find_spec = lambda n, *a, **k: None if n == 'autocorrect_py' else real(n, *a, **k); "
            "sys.argv = ['scripts/check.py']; runpy.run_path('scripts/check.py', run_name='__main__')")
    r = subprocess.run([sys.executable, "-c", hide], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert "pip install -r requirements-dev.txt" in r.stderr and "copy" not in r.stdout.split("：", 1)[-1]


@pytest.mark.parametrize("page,anchors,expected", [
    ("b2b", ["food-b2b-persona", "food-b2b-keywords"], "food-b2b"),          # the page's own prefix
    ("content", ["food-formula-check", "food-formula-ads"], "food"),          # a shared word is no prefix
    ("b2c", ["food-b2c-store", "food-other"], "food"),                        # not every tactic uses it
    ("new", [], "food"),
])
def test_scaffold_anchor_prefix(tmp_path, page, anchors, expected):
    sys.path.insert(0, str(ROOT / "scripts"))
    from new_playbook import page_anchor_prefix
    path = tmp_path / f"{page}.md"
    if anchors:
        path.write_text("".join(f"## 打法 {{#{a} data-stage=\"content\"}}\n\n" for a in anchors), encoding="utf-8")
    assert page_anchor_prefix(path, "food") == expected
