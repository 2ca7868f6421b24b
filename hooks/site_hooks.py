"""MkDocs event adapter: a thin layer over the pure modules in hooks/handbook/.

Loads the fact base once per build (on_config), adds generated pages (on_files), checks playbook
pages and renders fact markers (on_page_markdown), and writes facts.json (on_post_build).
Any HandbookError becomes a PluginError: MkDocs prints its one line and aborts the build.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

import jieba  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from handbook.anchors import anchor_lock_errors, current_anchors, load_redirects, read_lock, redirect_urls  # noqa: E402
from handbook.citations import cited_sources, unused_source_errors  # noqa: E402
from handbook.dates import build_date  # noqa: E402
from handbook.errors import HandbookError, raise_all  # noqa: E402
from handbook.facts import load_factbase  # noqa: E402
from handbook.gitdates import last_modified_dates  # noqa: E402
from handbook.glossary import jieba_words, load_glossary  # noqa: E402
from handbook.markers import fill_tables, render_markers  # noqa: E402
from handbook.pages import (  # noqa: E402
    duplicate_anchor_errors, front_matter_markup_errors, is_playbook, link_risk_parts, load_business_types, playbook_nav, scan_playbook)
from handbook.enrich import add_search_keywords, add_term_tooltips  # noqa: E402
from handbook.listings import business_type_links, choose_markdown, glossary_markdown, tactic_index_markdown  # noqa: E402
from handbook.redlines import export as export_redlines, load_redlines  # noqa: E402
from handbook.searchindex import slim_index  # noqa: E402
from handbook.searchpatch import patch_worker  # noqa: E402
from handbook.render import (  # noqa: E402
    compare_page_markdown, fact_sheet_markdown, factbase_json, playbooks_index_markdown)


class _State:
    """What one build knows; rebuilt from scratch in every on_config (also on serve reloads)."""
    root: Path
    today = None
    issues_new = ""
    base = None
    glossary = None
    business_types = None
    playbooks: list = []
    redirects: dict = {}
    redlines = None
    published: set = set()
    updated: dict = {}
    tables: dict = {}  # page src -> {placeholder key: table HTML}, filled in on_page_content


STATE = _State()
GENERATED = {"facts.md": fact_sheet_markdown, "compare.md": compare_page_markdown}
BUSINESS_TYPES_MARKER = "<!-- handbook:business-types -->"  # replaced by links to every playbook
# Listing pages carry no prose to annotate.
NOT_ENRICHED = {"glossary.md", "tactics.md", "choose.md", "tags.md", "facts.md", "compare.md", "playbooks/index.md",
                "tools/redline-check.md"}


def _as_plugin_error(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except HandbookError as exc:
            raise PluginError(str(exc)) from None
    return wrapper


@_as_plugin_error
def on_config(config):
    STATE.root = Path(config.config_file_path).resolve().parent
    STATE.today = build_date()
    # Every fact links to the correction form of the repository the site is built from.
    STATE.issues_new = f"{config.repo_url.rstrip('/')}/issues/new" if config.repo_url else ""
    facts_dir = STATE.root / "facts"
    STATE.base = load_factbase(facts_dir, STATE.today)
    STATE.glossary = load_glossary(facts_dir / "glossary.yml", STATE.base.sources)
    STATE.business_types = load_business_types(facts_dir / "business_types.yml")
    STATE.updated = last_modified_dates(STATE.root)
    STATE.tables = {}
    STATE.redlines = load_redlines(facts_dir / "redlines.yml", STATE.base.sources, STATE.business_types)
    cited = cited_sources(STATE.base, STATE.glossary, STATE.redlines.entries)
    raise_all(unused_source_errors(STATE.base, cited, facts_dir / "sources.yml"))
    _expand_playbook_nav(config)
    for word in jieba_words(STATE.glossary):  # the user dictionary, from the glossary
        jieba.add_word(word, freq=20000)
    return config


def _expand_playbook_nav(config) -> None:
    """Replace the nav entry 'playbooks/index.md' with one section per playbook folder."""
    nav = playbook_nav(Path(config.docs_dir), STATE.business_types)
    for i, item in enumerate(config.nav or []):
        if isinstance(item, dict):
            (title, value), = item.items()
            if value == "playbooks/index.md":
                config.nav[i] = {title: nav}
                return
    raise HandbookError("mkdocs.yml", "nav has no entry 'playbooks/index.md'",
                        "add  - 行业打法: playbooks/index.md  to nav")


@_as_plugin_error
def on_files(files, config):
    # Check every playbook once, up front, so generated pages (tactic index) can list them all.
    STATE.playbooks = []
    for file in files.documentation_pages():
        if is_playbook(file.src_uri):
            STATE.playbooks.append(scan_playbook(file.src_uri, file.content_string, STATE.business_types, STATE.today))
    raise_all(duplicate_anchor_errors(STATE.playbooks))
    STATE.redirects = load_redirects(STATE.root / "facts" / "redirects.yml", current_anchors(STATE.playbooks))
    raise_all(anchor_lock_errors(read_lock(STATE.root / "facts" / "published_anchors.txt"), STATE.playbooks, STATE.redirects))
    existing = {bt for bt in STATE.business_types if files.get_file_from_path(f"playbooks/{bt}/index.md")}
    pages = {name: make(STATE.base, STATE.today, STATE.issues_new) for name, make in GENERATED.items()}
    pages["playbooks/index.md"] = playbooks_index_markdown(STATE.business_types, existing)
    pages["tactics.md"] = tactic_index_markdown(STATE.playbooks, STATE.business_types)
    pages["glossary.md"] = glossary_markdown(STATE.glossary)
    pages["choose.md"] = choose_markdown(STATE.business_types, existing)
    STATE.published = existing
    for name, content in pages.items():
        if files.get_file_from_path(name) is not None:
            raise PluginError(f"docs/{name}: this page is generated by hooks/ — delete the hand-written file")
        files.append(File.generated(config, name, content=content))
    return files


def _line_offset(page) -> int:
    """Lines of front matter above the Markdown body, so errors point at the file's real line."""
    source = page.file.content_string
    body = page.markdown or ""
    return source[: len(source) - len(body)].count("\n") if body and source.endswith(body) else 0


@_as_plugin_error
def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    raise_all(front_matter_markup_errors(page.file.content_string, f"docs/{src}"))
    date = STATE.updated.get(f"docs/{src}") or (STATE.updated.get("CONTRIBUTING.md") if src == "contributing.md" else None)
    if date:
        page.meta["revision_date"] = date  # Material shows it as 最后更新 at the page foot
    root = "../" * page.url.count("/")
    if BUSINESS_TYPES_MARKER in markdown:  # e.g. the home page's list of playbooks
        depth = "../" * src.count("/")
        markdown = markdown.replace(BUSINESS_TYPES_MARKER, business_type_links(STATE.business_types, STATE.published, depth))
    if is_playbook(src):
        markdown = link_risk_parts(markdown, STATE.business_types[page.meta["business_type"]], root)
    try:
        rendered, _used, STATE.tables[src] = render_markers(markdown, STATE.base, STATE.today, root, f"docs/{src}",
                                                            STATE.issues_new)
    except HandbookError as exc:
        offset = _line_offset(page)
        for err in getattr(exc, "errors", [exc]):
            err.line = (err.line or 0) + offset or None
        raise
    return rendered



@_as_plugin_error
def on_page_content(html, page, config, files):
    src = page.file.src_uri
    if src not in NOT_ENRICHED:
        html = add_search_keywords(add_term_tooltips(html, STATE.glossary), STATE.glossary)
    return fill_tables(html, STATE.tables.pop(src, {}))


def on_serve(server, config, builder):
    # Facts live outside docs/: watch them so an edited value shows up on save.
    for name in ("facts", "hooks"):
        server.watch(str(STATE.root / name))
    return server


def search_text_chars(config) -> int:
    """mkdocs.yml extra.handbook.search_text_chars; HANDBOOK_SEARCH_TEXT_CHARS overrides (0 = keep all),
    so the benchmark can measure the index before and after trimming."""
    env = os.environ.get("HANDBOOK_SEARCH_TEXT_CHARS")
    if env is not None:
        return int(env)
    return int(((config.extra or {}).get("handbook") or {}).get("search_text_chars", 0))


@_as_plugin_error
def on_post_build(config):
    site = Path(config.site_dir)
    (site / "facts.json").write_text(
        json.dumps(factbase_json(STATE.base, STATE.today), ensure_ascii=False, indent=1), encoding="utf-8")
    redlines = export_redlines(STATE.redlines, STATE.base.sources)
    redlines["business_types"] = [{"id": bt.id, "name": bt.name} for bt in STATE.business_types.values()]
    (site / "redlines.json").write_text(json.dumps(redlines, ensure_ascii=False), encoding="utf-8")
    (site / "anchor-redirects.json").write_text(
        json.dumps(redirect_urls(STATE.redirects, config.use_directory_urls), ensure_ascii=False), encoding="utf-8")
    for worker in (site / "assets" / "javascripts" / "workers").glob("search.*.min.js"):
        worker.write_text(patch_worker(worker.read_text(encoding="utf-8"), str(worker.relative_to(site))), encoding="utf-8")
    # Material writes the index with ensure_ascii: 6 bytes per Han character. UTF-8 halves it.
    index = site / "search" / "search_index.json"
    if index.exists():
        data = slim_index(json.loads(index.read_text(encoding="utf-8")), search_text_chars(config))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
