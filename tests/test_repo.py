"""The README's two commands stay the ones CI and newcomers actually run."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = "pip install -r requirements-dev.txt && python -m pytest"
SERVE_COMMAND = "pip install -r requirements.txt && mkdocs serve --livereload"


def test_readme_has_the_two_commands():
    assert TEST_COMMAND in README and SERVE_COMMAND in README


def test_ci_runs_the_readme_test_command_and_fails_on_no_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in ci
    assert re.search(r'"\$rc" -eq 5 \]; then.*?exit 1', ci, re.S)
    assert "apt-get install" in ci and "chromium" in ci
    # The HTML test's Nu checker: Java from apt, the jar from the lock file, no install scripts.
    assert "default-jre-headless" in ci and "npm ci --no-audit --no-fund --ignore-scripts" in ci
    assert ci.index("npm ci") < ci.index(TEST_COMMAND)


def test_requirements_are_pinned_and_dev_includes_runtime():
    runtime = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    pins = [line.split("#")[0].strip() for line in runtime.splitlines() if line.split("#")[0].strip()]
    assert pins and all("==" in p for p in pins), pins
    for name in ("mkdocs==1.6.1", "mkdocs-material==9.8.2", "jieba==", "pyyaml==", "jsonschema==", "pymdown-extensions=="):
        assert name in runtime
    assert "-r requirements.txt" in dev and "playwright==" in dev and "pytest==" in dev
