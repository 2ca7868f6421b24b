"""Contributed data never becomes script: every string in facts/ and in a page's front matter is
either refused with a file:line message, or escaped wherever the built site shows it.

Generic by construction: the test walks every YAML file under facts/ and every string in it, so a
field added later is covered without touching this file.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT_TODAY, ROOT, run_build
from devtools.project import copy_project
from handbook.anchors import load_redirects
from handbook.checks import load_all
from handbook.errors import HandbookError

# Every test here needs the sweep over every field of every facts/ file (`verdicts`, ~15 s) or a build.
pytestmark = pytest.mark.slow

PAYLOAD = "x{n}<script>alert({n})</script>\"'><img src=x onerror=alert({n})>"
LOCATED = re.compile(r"^(?P<file>facts/[\w/.-]+\.yml):(?P<line>\d+): \S")


def payload(n: int) -> str:
    return PAYLOAD.format(n=n)


def string_leaves(data, path=()):
    """(path, value) for every string in a YAML document; list indices stay in the path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from string_leaves(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from string_leaves(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def shape(path) -> tuple:
    """The field a path points at, whatever the list positions: ('facts', '*', 'label')."""
    return tuple("*" if isinstance(p, int) else p for p in path)


def replaced(data, path, value):
    """A deep copy of data with the leaf at path set to value."""
    data = json.loads(json.dumps(data))
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return data


def load(path: Path):
    # Dates must stay strings, as the project's loader keeps them (the schema checks their shape).
    from handbook.yamlio import load_yaml_file
    return load_yaml_file(path)[0]


def dump(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def kind_of(rel: str) -> str:
    """Topic files share one schema; every other file is its own kind."""
    return "topic" if rel.startswith("facts/topics/") else rel


def fact_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "facts").rglob("*.yml"))


def load_everything(facts: Path) -> None:
    """Everything the build reads from facts/, validated as the build does."""
    load_all(facts, CONTENT_TODAY)
    load_redirects(facts / "redirects.yml", set())


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict:
    """For each (file kind, field): 'refused' with its message, or 'accepted' as free text.
    Each field is tried once, by planting the payload in its first occurrence alone."""
    out: dict[tuple, tuple[str, str]] = {}
    for rel in fact_files(ROOT):
        kind = kind_of(rel)
        data = load(ROOT / rel)
        for path, _ in string_leaves(data):
            key = (kind, shape(path))
            if key in out:
                continue
            tmp = tmp_path_factory.mktemp("facts")
            facts = tmp / "facts"
            shutil.copytree(ROOT / "facts", facts)
            (tmp / "docs").symlink_to(ROOT / "docs")  # checklist items point at pages: read, never written
            dump(facts / Path(rel).relative_to("facts"), replaced(data, path, payload(1)))
            try:
                load_everything(facts)
                out[key] = ("accepted", "")
            except HandbookError as exc:
                out[key] = ("refused", str(exc))
            (tmp / "docs").unlink()
            shutil.rmtree(tmp)
    return out


def test_every_fact_file_has_fields_to_try(verdicts):
    kinds = {kind_of(rel) for rel in fact_files(ROOT)} - {"facts/redirects.yml"}  # holds no strings yet
    assert kinds <= {k for k, _ in verdicts}
    assert any(v == "accepted" for v, _ in verdicts.values()), "no free text at all? then nothing is rendered"


def test_refused_payloads_get_one_located_message(verdicts):
    for (kind, field), (verdict, message) in verdicts.items():
        if verdict == "refused":
            first = message.splitlines()[0]
            assert LOCATED.match(first), f"{kind} {'.'.join(field)}: {first}"
            assert "Traceback" not in message


def test_names_ids_and_labels_refuse_markup(verdicts):
    """Where markup makes no sense the schema says so, instead of relying on escaping."""
    for kind, field in [("facts/business_types.yml", ("business_types", "*", "name")),
                        ("topic", ("facts", "*", "label")), ("topic", ("title",)),
                        ("facts/glossary.yml", ("terms", "*", "term")),
                        ("facts/redlines.yml", ("categories", "*", "label")),
                        ("facts/sources.yml", ("sources", "*", "url"))]:
        verdict, message = verdicts[(kind, field)]
        assert verdict == "refused", f"{kind} {'.'.join(field)} accepts markup"


def test_a_redirect_to_script_is_refused(tmp_path):
    (tmp_path / "redirects.yml").write_text(yaml.safe_dump({"redirects": {"a.md#x": "javascript:alert(1)"}}),
                                            encoding="utf-8")
    with pytest.raises(HandbookError, match=r"redirects\.yml:\d+: .*not a current tactic"):
        load_redirects(tmp_path / "redirects.yml", {"a.md#x"}, "facts/redirects.yml")


class _Executable(HTMLParser):
    """Collects what a browser would run: script bodies, on* handlers, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") and value and "alert" in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:") and "alert" in value:
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:80]}")


def executable(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_detector_sees_a_payload():
    assert executable(payload(3))  # the raw payload is caught...
    assert not executable(payload(3).replace("<", "&lt;"))  # ...and its escaped form is harmless


@pytest.fixture(scope="module")
def payload_site(verdicts, tmp_path_factory):
    """A build with every accepted string in every facts/ file replaced by its own payload."""
    repo = tmp_path_factory.mktemp("payload") / "repo"
    copy_project(ROOT, repo)
    n = 0
    planted = 0
    for rel in fact_files(repo):
        data = load(repo / rel)
        for path, _ in list(string_leaves(data)):
            if verdicts.get((kind_of(rel), shape(path)), ("refused",))[0] == "accepted":
                n += 1
                data = replaced(data, path, payload(n))
                planted += 1
        dump(repo / rel, data)
    site = repo.parent / "site"
    result = run_build(repo, site, CONTENT_TODAY)
    assert result.returncode == 0, "a build with payloads in every free-text field must still build:\n" + result.stderr[-3000:]
    return site, planted


def test_no_built_page_carries_an_executable_payload(payload_site):
    site, planted = payload_site
    assert planted > 1000
    pages = list(site.rglob("*.html"))
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        shown += html.count("alert(")
        assert not executable(html), f"{page.relative_to(site)}: {executable(html)[:3]}"
    assert shown > planted, "the payloads never reached the pages: the test is looking at the wrong build"


def test_search_index_text_is_escaped(payload_site):
    site, _ = payload_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        # Material's search shows title and text as HTML.
        for field in ("title", "text"):
            assert not executable(doc.get(field, "")), (doc["location"], doc.get(field, "")[:200])


PAGES_TO_VISIT = ["", "compare/", "facts/", "tactics/", "glossary/", "choose/", "playbooks/food-supply/",
                  "playbooks/food-supply/b2b/", "tools/redline-check/", "tools/calculator/?bt=food-supply&price=99&cost=40&shipping=8&refund=5&commission=20&fee_douyin=5&fee_channels=3",
                  "timeline/", "checklists/food-supply/", "print/food-supply/"]


def test_nothing_runs_in_the_browser(payload_site, browser):
    """The JSON consumers (red-line page, tactic filters, search) render the payloads as text."""
    from devtools.reader_metrics import serve
    site, _ = payload_site
    server, url = serve(site)
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    try:
        for path in PAGES_TO_VISIT:
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("networkidle")
        page.goto(f"{url}/tools/redline-check/")
        page.wait_for_selector("[data-redline-checker][data-ready=true]", timeout=15000)
        words = page.evaluate("fetch('../../redlines.json').then(r => r.json()).then(d => d.entries.flatMap(e => e.words).slice(0, 40))")
        page.locator("[data-redline-checker] textarea").fill("，".join(words) + " 最好 加微信")
        page.locator("[data-redline-run]").click()
        page.wait_for_timeout(300)
        page.goto(f"{url}/?q=x1")  # every payload starts x<n>
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.wait_for_timeout(300)
    finally:
        context.close()
        server.shutdown()
    assert dialogs == []


@pytest.mark.parametrize("field,value", [
    ("title", "x<script>alert(1)</script>"), ("description", "x\"><img src=x onerror=alert(1)>"),
    ("tags", ["x<script>alert(1)</script>"])])
def test_front_matter_markup_stops_the_build(copy_of_repo, tmp_path, field, value):
    page = copy_of_repo / "docs/playbooks/food-supply/b2b.md"
    text = page.read_text(encoding="utf-8")
    meta_end = text.index("\n---", 4)
    meta = yaml.safe_load(text[4:meta_end])
    meta[field] = value
    page.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + text[meta_end + 1:],
                    encoding="utf-8")
    result = run_build(copy_of_repo, tmp_path / "site", CONTENT_TODAY)
    assert result.returncode != 0
    assert re.search(rf"docs/playbooks/food-supply/b2b\.md:\d+: front matter: {field}", result.stderr), result.stderr[-2000:]
