"""Reading on a phone (390×844): axe-core finds no serious or critical violation on the pages a
merchant uses, and no built page is wider than the screen. axe-core comes from npm (package.json,
`npm ci`); without it locally, the copy axe-playwright-python ships (PyPI). No CDN, nothing
downloaded at test time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import require_tool

PAGES = ["", "playbooks/food-supply/", "playbooks/food-supply/b2b/", "compare/", "compare/store/", "compare/for-food-supply/",
         "facts/", "facts/store/", "tactics/",
         "tools/redline-check/", "timeline/", "checklists/food-supply/", "print/food-supply/", "guides/returns/",
         "choose/", "tools/calculator/?bt=food-supply&price=99&cost=40&shipping=8&refund=5&commission=20&fee_douyin=5&fee_channels=3"]

# Material 9.8's search dialog and instant-navigation progress bar carry no accessible name; the
# partials in overrides/ add one (aria-dialog-name, aria-progressbar-name), so nothing is exempt.
KNOWN: dict[str, str] = {}


NPM_AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


def _axe_source() -> str:
    if NPM_AXE.exists():
        return NPM_AXE.read_text(encoding="utf-8")
    if os.environ.get("CI") == "true":  # CI runs npm ci: the pinned copy, not the fallback
        require_tool("axe-core from npm", f"{NPM_AXE} not found (npm ci installs it)")
    axe = pytest.importorskip("axe_playwright_python", reason="npm ci, or pip install -r requirements-dev.txt")
    return (Path(axe.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_violation_and_nothing_wider_than_the_phone(phone, site_url, path):
    phone.goto(f"{site_url}/{path}")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.add_script_tag(content=_axe_source())
    violations = phone.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(' '))}))""")
    ours = [v for v in violations if not (v["id"] in KNOWN and all(t == KNOWN[v["id"]] for t in v["targets"]))]
    assert ours == [], [(v["id"], v["targets"][:3]) for v in ours]


def test_the_title_comes_before_any_tag_chip_on_every_playbook_overview(phone, site_url, built_site):
    """On a phone the first screen starts with the H1: Material's tag chips used to fill it first."""
    overviews = sorted(p.parent.name for p in (built_site / "playbooks").glob("*/index.html"))
    assert len(overviews) >= 3
    for bt in overviews:
        phone.goto(f"{site_url}/playbooks/{bt}/")
        h1 = phone.locator("article h1").first.bounding_box()
        chips = [c.bounding_box() for c in phone.locator("article .md-tag").all()]
        assert h1 and h1["y"] < 844, bt
        assert all(c is None or c["y"] > h1["y"] + h1["height"] for c in chips), (bt, h1, chips[:1])


def test_no_built_page_is_wider_than_the_phone(browser, site_url, built_site):
    """Every page the build writes, not only the ones above: a wide table or a long id on any page
    would make a phone scroll sideways."""
    pages = sorted(p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 100
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    too_wide = []
    try:
        for rel in pages:
            tab.goto(f"{site_url}/{'' if rel == '.' else rel + '/'}", wait_until="load")
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                too_wide.append((rel, width))
    finally:
        context.close()
    assert not too_wide
