"""Performance guarantees that can be checked on any machine (timings go to benchmarks/report.md)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT


def test_fact_base_is_loaded_once_per_build(copy_of_repo, tmp_path, monkeypatch):
    """Loading and validating facts/ happens in on_config, not once per page."""
    monkeypatch.chdir(copy_of_repo)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(copy_of_repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    import handbook.build
    calls = []
    real = handbook.build.load_factbase
    monkeypatch.setattr(handbook.build, "load_factbase", lambda *a, **k: calls.append(1) or real(*a, **k))
    build(config)
    pages = len(list((tmp_path / "site").rglob("index.html")))
    assert pages > 30 and len(calls) == 1


def test_first_visit_is_light_and_local(browser, built_site):
    from devtools.reader_metrics import first_visit
    m = first_visit(built_site, "playbooks/food-supply/b2b/", browser=browser)
    print(f"\nfirst visit: {m['requests']} requests, {m['bytes'] / 1024:.0f} KB as served, "
          f"{m['gzip_bytes'] / 1024:.0f} KB gzip; search index {m['index_gzip_bytes'] / 1024:.0f} KB gzip")
    assert m["third_party"] == 0
    assert m["gzip_bytes"] <= 350 * 1024  # what a host with compression (any CDN, Pages, nginx gzip on) sends
    assert m["index_gzip_bytes"] <= 1.5 * 1024 * 1024


@pytest.mark.slow
def test_serve_rebuilds_when_a_fact_changes():
    from devtools.serve_metrics import fact_edit_rebuild_seconds
    seconds = fact_edit_rebuild_seconds(ROOT)
    print(f"\nmkdocs serve: fact edit visible after {seconds} s")
    assert seconds < 60


@pytest.mark.slow
def test_serve_picks_up_an_edit_to_the_hooks():
    """Under mkdocs serve an edit to hooks/handbook/*.py shows on the next rebuild (no restart)."""
    from devtools.serve_metrics import hook_edit_rebuild_seconds
    assert hook_edit_rebuild_seconds(ROOT) < 60


@pytest.mark.slow
def test_benchmark_runs_and_reports(tmp_path):
    report = tmp_path / "report.md"
    result = subprocess.run([sys.executable, "scripts/bench.py", "--sizes", "10", "--repeat", "1", "--no-browser",
                             "--report", str(report)], cwd=ROOT, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    text = report.read_text(encoding="utf-8")
    assert "| 10 |" in text and "纯 Material" in text and "mkdocs build --strict" in text
    import json
    data = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    row = data["builds"][0]
    assert row["hooks_s"] > 0 and row["plain_s"] > 0 and row["ratio"] == pytest.approx(row["hooks_s"] / row["plain_s"], rel=0.01)
