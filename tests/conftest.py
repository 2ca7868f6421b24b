"""Shared fixtures: import path, tiny fact bases written to tmp, the built site, a browser."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT))  # devtools/: helpers the tests share with scripts/bench.py

from devtools.reader_metrics import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from handbook.dates import epoch_of, reproducible_build_date  # noqa: E402

# The fixture fact bases below are dated around this day; unit tests on them may pin it.
# Nothing that reads the real content uses it: see CONTENT_TODAY.
TODAY = dt.date(2026, 11, 25)
# The date builds and loads of the real content run at: today, or the newest date the content
# carries if later. Never frozen, so content dated the day the tests run always passes.
CONTENT_TODAY = reproducible_build_date(ROOT)

GOOD_SOURCES = """\
sources:
  - id: law-text
    url: https://example.org/law
    title: 广告法全文
    publisher: 某法规库
    published: 2021-04-29
    kind: law
  - id: media-a
    url: https://example.org/news
    title: 某平台新规
    publisher: 某媒体
    published: null
    kind: media
"""

GOOD_TOPIC = """\
topic: store
title: 开店
shelf_life_days: 180
facts:
  - id: store.deposit
    label: 店铺保证金
    douyin:
      value: "2000 元起"
      sources: [media-a]
      checked: 2026-11-01
      status: verified
      confidence: medium
      quote: 店铺保证金 2000 元起。
    channels:
      value: null
      sources: []
      checked: 2026-11-01
      status: unverified
      confidence: low
      how_to_check: 微信小店后台的保证金页面
  - id: store.law
    label: 极限词
    general:
      value: 不得使用“最佳”
      sources: [law-text]
      checked: 2026-11-01
      status: verified
      confidence: high
      quote: 不得使用“国家级”、“最高级”、“最佳”等用语。
"""


def write_facts(tmp: Path, topic: str = GOOD_TOPIC, sources: str = GOOD_SOURCES,
                topic_name: str = "store.yml") -> Path:
    """A minimal facts/ tree in tmp; returns its path."""
    facts = tmp / "facts"
    (facts / "topics").mkdir(parents=True, exist_ok=True)
    (facts / "sources.yml").write_text(textwrap.dedent(sources), encoding="utf-8")
    (facts / "topics" / topic_name).write_text(textwrap.dedent(topic), encoding="utf-8")
    return facts


@pytest.fixture
def good_base(tmp_path):
    from handbook.facts import load_factbase
    return load_factbase(write_facts(tmp_path), TODAY)


def run_build(project: Path, site: Path, day: dt.date | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of project, reproducible at `day` (default: its content's build date)."""
    day = day or reproducible_build_date(project)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(day)), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site, CONTENT_TODAY)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site over HTTP on loopback (the search worker does not run from file://)."""
    from devtools.reader_metrics import serve
    server, url = serve(built_site)
    yield url
    server.shutdown()


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements-dev.txt)"
    return None


def require_tool(what: str, missing_reason: str | None) -> None:
    """A tool a test needs (browser, HTML checker, axe-core): when it is missing, skip locally with
    the reason, and fail under CI, where .ci/run installs it."""
    if not missing_reason:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} required under CI: {missing_reason}")
    pytest.skip(missing_reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skips locally without it; under CI it must exist."""
    require_tool("browser", _browser_missing_reason())
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab in its own context (no cache shared between tests)."""
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def copy_of_repo(tmp_path) -> Path:
    """A throwaway copy of what a build reads, for builds with planted mistakes (see devtools/project.py)."""
    from devtools.project import copy_project
    return copy_project(ROOT, tmp_path / "repo")


# Test tiers. A test's tier follows from what it uses, so a new test lands in the right one:
#   unit    no build, no browser (python -m pytest -m unit: the quick tier for contributors)
#   build   a real mkdocs build (the built site, or a copy of the project to build)
#   browser Debian's Chromium
#   slow    minutes of work: mkdocs serve, the benchmark, the every-field payload sweep
_BROWSER_FIXTURES = {"browser", "page", "site_url"}
_BUILD_FIXTURES = {"built_site", "copy_of_repo", "payload_site"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & _BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & _BUILD_FIXTURES or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.build)
        if not any(item.get_closest_marker(m) for m in ("browser", "build", "slow")):
            item.add_marker(pytest.mark.unit)
