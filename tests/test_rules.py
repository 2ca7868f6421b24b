"""Each contributor rule (hooks/handbook/checks/<rule>.py) on a small project of its own: it finds
what it is for, with its level, at file:line, and offers a fix only where one is safe."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conftest import CONTENT_TODAY, ROOT
from handbook.checks import RULES, Project, apply_fixes, run_checks

B2B = "docs/playbooks/food-supply/b2b.md"


@pytest.fixture
def project(tmp_path):
    """facts/ and docs/ as they are (text only: copied in milliseconds) — enough for every rule."""
    shutil.copytree(ROOT / "facts", tmp_path / "facts")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for name in ("CONTRIBUTING.md", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def findings(root, names, today=CONTENT_TODAY):
    return run_checks(Project(root, today), names)


def test_every_rule_declares_itself():
    assert set(RULES) == {"data", "pages", "links", "copy", "yaml", "stale"}
    for name, rule in RULES.items():
        assert rule.NAME == name and rule.DESCRIPTION and rule.LEVEL in ("error", "warning") and callable(rule.check)


def test_the_untouched_project_is_clean(project):
    assert [str(f) for f in findings(project, ["data", "pages", "links", "yaml"])] == []


def test_data_rule(project):
    store = project / "facts/topics/store.yml"
    store.write_text(store.read_text(encoding="utf-8").replace("status: verified", "status: sure", 1), encoding="utf-8")
    (f,) = findings(project, ["data"])
    assert f.where == "facts/topics/store.yml" and f.line and "'sure' is not allowed" in f.problem and f.level == "error"


def test_pages_rule(project):
    page = project / B2B
    page.write_text(page.read_text(encoding="utf-8").replace("**成本与周期**", "**成本**", 1), encoding="utf-8")
    (f,) = findings(project, ["data", "pages"])
    assert f.where == B2B and "missing part(s) 成本与周期" in f.problem


def test_links_rule(project):
    (project / "docs/deploy.md").write_text("# 部署\n\n见 [别处](nowhere.md)。\n", encoding="utf-8")
    (f,) = findings(project, ["data", "links"])
    assert (f.where, f.line) == ("docs/deploy.md", 3) and "page does not exist" in f.problem


def test_copy_rule_offers_a_fix(project):
    pytest.importorskip("autocorrect_py")
    (project / "docs/deploy.md").write_text("# 部署\n\n抖音有6亿用户,很多.\n", encoding="utf-8")
    (f,) = findings(project, ["copy"])
    assert (f.where, f.line) == ("docs/deploy.md", 3) and f.apply
    apply_fixes(Project(project, CONTENT_TODAY), [f])
    assert "抖音有 6 亿用户，很多。" in (project / "docs/deploy.md").read_text(encoding="utf-8")


def test_yaml_rule_offers_a_fix(project):
    bt = project / "facts/business_types.yml"
    bt.write_text(bt.read_text(encoding="utf-8").replace("anchor_prefix: food\n", "anchor_prefix: food  \n", 1), encoding="utf-8")
    (f,) = findings(project, ["yaml"])
    assert f.where == "facts/business_types.yml" and "trailing whitespace" in f.problem and f.apply


def test_stale_rule_warns_and_never_fails(project):
    later = CONTENT_TODAY + dt.timedelta(days=4000)
    warned = findings(project, ["data", "stale"], today=later)
    assert warned and all(f.level == "warning" for f in warned)
    assert all(f.where.startswith("facts/topics/") and f.line for f in warned)
