"""The patches to Material's search: present once each, and the query splitter and the ranking
(hooks/handbook/search_rank.js, run in node on small hand-made indexes) behave as documented."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import require_tool
from handbook.errors import HandbookError
from handbook.searchpatch import (BUNDLE_ORIGINAL, BUNDLE_REPLACEMENT, RANKER, REPLACEMENT, WORKER_PATCHES,
                                  patch_bundle, patch_worker)

WORKER = ";".join(original for original, _, _ in WORKER_PATCHES)  # a worker holding each patched string once


def test_worker_patch_refuses_an_unknown_file_and_is_idempotent():
    with pytest.raises(HandbookError, match="query splitter.*mkdocs-material was upgraded"):
        patch_worker("function other(){}")
    for missing in range(1, len(WORKER_PATCHES)):  # every later string is required too
        partial = ";".join(o for k, (o, _, _) in enumerate(WORKER_PATCHES) if k != missing)
        with pytest.raises(HandbookError, match=WORKER_PATCHES[missing][2]):
            patch_worker(partial)
    once = patch_worker(WORKER)
    assert once == ";".join(replacement for _, replacement, _ in WORKER_PATCHES)
    assert patch_worker(once) == once


def test_bundle_patch_refuses_an_unknown_file_and_is_idempotent():
    with pytest.raises(HandbookError, match="search index request.*mkdocs-material was upgraded"):
        patch_bundle("function other(){}")
    once = patch_bundle(f"a;{BUNDLE_ORIGINAL};b")
    assert patch_bundle(once) == once == f"a;{BUNDLE_REPLACEMENT};b"


def test_built_worker_carries_the_patches(built_site):
    worker = next((built_site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    for original, replacement, what in WORKER_PATCHES:
        assert replacement in worker, what
    assert "this.index.search(" not in worker  # lunr's own search is no longer called


def test_built_bundle_fetches_the_index_lazily(built_site):
    bundle = next((built_site / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert BUNDLE_REPLACEMENT in bundle and BUNDLE_ORIGINAL not in bundle


def _node(script: str):
    require_tool("node", None if shutil.which("node") else "node is not installed (.ci/run installs it with npm)")
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("query,vocab,synonyms,expected", [
    # last word whole, 怎么 and 多少 dropped
    ("视频号怎么加热", ["视频号", "怎么", "加热", "加"], [], " 视频号 加热 "),
    ("抖店保证金多少", ["抖店", "保证金", "保证", "多少"], [], " 抖店 保证金 "),
    ("是什么", ["是", "什么"], [], " 是什么 "),                     # all stop words: keep the text
    ("加", ["加热"], [], " 加 "),                                   # the worker makes every term a prefix
    # a reader's word from the synonym groups stays whole though the index lacks it
    ("美发店剪头", ["美发店", "剪", "头"], [["美发", "剪头"]], " 美发店 剪头 "),
    # + or - typed before Chinese (the worker hands it over with the run) applies to each word
    (" +直播带货", ["直播", "带货"], [], " +直播 +带货 "),
    ("-直播", ["直播"], [], " -直播 "),
])
def test_splitter(query, vocab, synonyms, expected):
    script = (f"{REPLACEMENT};handbookSynonyms=new Map({json.dumps([[w, []] for g in synonyms for w in g])});"
              f"console.log(JSON.stringify([...fe({json.dumps(query)}, {json.dumps(dict.fromkeys(vocab, 1))})]))")
    assert _node(script) == [expected]


# A stand-in for lunr's index: the inverted index (token -> field -> doc -> positions) and the field
# vectors holding each (field, doc, token)'s weight, sorted by token number like lunr's.
FAKE_LUNR = """
class Vector { constructor(e) { this.elements = e; }
  positionForIndex(i) { let p = 0; while (p < this.elements.length && this.elements[p] < i) p += 2; return p; } }
function makeIndex(docs) {  // docs: {ref: {title: {token: weight}, text: {token: weight}}}
  const invertedIndex = {}, fieldVectors = {}, fields = ["title", "text"];
  let n = 0;
  for (const d of Object.values(docs)) for (const f of fields) for (const t of Object.keys(d[f] || {}))
    if (!(t in invertedIndex)) invertedIndex[t] = {_index: n++, title: {}, text: {}};
  for (const [ref, d] of Object.entries(docs)) for (const f of fields) {
    const el = [];
    for (const [t, w] of Object.entries(d[f] || {})) { invertedIndex[t][f][ref] = {position: [[0, t.length]]}; el.push([invertedIndex[t]._index, w]); }
    fieldVectors[f + "/" + ref] = new Vector(el.sort((a, b) => a[0] - b[0]).flat());
  }
  return {invertedIndex, fieldVectors, fields};
}
"""


def _rank(docs: dict, clauses: list, synonyms: dict | None = None, pages: dict | None = None,
          asks_number: bool = False) -> list:
    """Refs in ranked order with their scores and matched tokens. clauses: [term, presence, wildcard]."""
    script = (RANKER + FAKE_LUNR +
              f"const pages = {json.dumps(pages or {})};"
              f"const out = handbookRank(makeIndex({json.dumps(docs, ensure_ascii=False)}),"
              f" {json.dumps(clauses, ensure_ascii=False)}.map(([term, presence, wildcard]) => ({{term, presence, wildcard}})),"
              f" ref => pages[ref.split('#')[0]], new Map(Object.entries({json.dumps(synonyms or {}, ensure_ascii=False)})),"
              f" new Set(['怎么']), {json.dumps(asks_number)});"
              "console.log(JSON.stringify(out.map(r => [r.ref, r.score, Object.keys(r.matchData.metadata).sort()])));")
    return _node(script)


def test_ranking_prefers_the_word_as_typed_then_longer_words_that_start_or_hold_it():
    out = _rank({"a#exact": {"text": {"带货": 1}}, "b#prefix": {"text": {"带货达人": 1}},
                 "c#infix": {"text": {"直播带货": 1}}, "d#other": {"text": {"直播": 1}}}, [["带货", 1, 0]])
    assert [r[0] for r in out] == ["a#exact", "b#prefix", "c#infix"]
    assert out[2][2] == ["直播带货"]  # highlighted as matched


def test_a_longer_query_word_also_matches_the_known_words_inside_it():
    out = _rank({"a#x": {"text": {"美发": 1}}, "b#y": {"text": {"美容": 1}}}, [["美发店", 1, 0]])
    assert [r[0] for r in out] == ["a#x"]


def test_synonyms_match_below_the_word_as_typed():
    docs = {"a#typed": {"text": {"剪头": 1}}, "b#synonym": {"text": {"美发": 1}}, "c#none": {"text": {"服装": 1}}}
    out = _rank(docs, [["剪头", 1, 0]], synonyms={"剪头": ["美发"], "美发": ["剪头"]})
    assert [r[0] for r in out] == ["a#typed", "b#synonym"]
    assert _rank(docs, [["剪头", 1, 0]]) and [r[0] for r in _rank(docs, [["剪头", 1, 0]])] == ["a#typed"]


def test_a_section_holding_more_of_the_query_wins_over_one_word_repeated():
    docs = {"a#one": {"text": {"保证金": 3}}, "b#both": {"text": {"保证金": 1, "抖店": 1}}, "c#other": {"text": {"运费": 1}}}
    out = _rank(docs, [["抖店", 1, 0], ["保证金", 1, 0]])
    assert [r[0] for r in out] == ["b#both", "a#one"]


def test_a_section_of_a_page_about_the_query_words_wins_a_tie():
    docs = {"apparel/#x": {"text": {"老客": 1, "提醒": 1}}, "services/#y": {"text": {"老客": 1, "提醒": 1}},
            "services/#z": {"text": {"美发": 1}}}
    pages = {"apparel/": {"ctx": ["服装", "档口"]}, "services/": {"ctx": ["美业", "美发", "美甲"]}}
    out = _rank(docs, [["美发", 1, 0], ["老客", 1, 0], ["提醒", 1, 0]], pages=pages)
    assert [r[0] for r in out][:2] == ["services/#y", "apparel/#x"]
    # a synonym of the query word counts for the page's subject too
    out = _rank(docs, [["剪头", 1, 0], ["老客", 1, 0]], synonyms={"剪头": ["美发"]}, pages=pages)
    score = {ref: value for ref, value, _ in out}
    assert score["services/#y"] > score["apparel/#x"]


def test_single_characters_count_little_unless_typed_last():
    docs = {"a#word": {"text": {"开店": 1}}, "b#char": {"text": {"店": 3}}}  # 3 × 0.25 < 1
    assert [r[0] for r in _rank(docs, [["店", 1, 0], ["开店", 1, 0]])][0] == "a#word"
    # the last character of a query being typed matches longer words as a prefix
    assert [r[0] for r in _rank({"a#x": {"text": {"保证金": 1}}}, [["保", 1, 1]])] == ["a#x"]
    assert _rank({"a#x": {"text": {"保证金": 1}}}, [["保", 1, 0]]) == []


def test_required_and_prohibited_words():
    docs = {"a#x": {"text": {"千川": 1, "直播": 1}}, "b#y": {"text": {"千川": 2}}, "c#z": {"text": {"直播": 1}}}
    assert [r[0] for r in _rank(docs, [["千川", 1, 0], ["直播", 2, 0]])] == ["a#x", "c#z"]
    assert [r[0] for r in _rank(docs, [["千川", 1, 0], ["直播", 3, 0]])] == ["b#y"]


def test_a_question_asking_for_a_number_lifts_facts():
    docs = {"playbooks/x/#tactic": {"text": {"保证金": 3}}, "facts/store/#store.deposit": {"text": {"保证金": 2.5}}}
    assert [r[0] for r in _rank(docs, [["保证金", 1, 0]])][0] == "playbooks/x/#tactic"
    assert [r[0] for r in _rank(docs, [["保证金", 1, 0]], asks_number=True)][0] == "facts/store/#store.deposit"


@pytest.mark.parametrize("query,asks", [("抖店保证金多少", True), ("直播要播几个小时", True), ("千川最低预算", True),
                                        ("佣金比例", True), ("抖店怎么开", False), ("视频号加热", False)])
def test_number_questions_are_told_from_others(query, asks):
    from handbook.searchpatch import NUMBER_QUESTION
    assert _node(f"console.log(JSON.stringify(/{NUMBER_QUESTION}/.test({json.dumps(query)})))") is asks
