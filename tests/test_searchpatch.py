"""The query splitter patched into Material's worker: present once, and it behaves as documented."""

from __future__ import annotations

import json
import subprocess

import pytest

from handbook.errors import HandbookError
from handbook.searchpatch import BUNDLE_ORIGINAL, BUNDLE_REPLACEMENT, ORIGINAL, REPLACEMENT, patch_bundle, patch_worker


@pytest.mark.parametrize("patch,original,replacement,what", [
    (patch_worker, ORIGINAL, REPLACEMENT, "query splitter"),
    (patch_bundle, BUNDLE_ORIGINAL, BUNDLE_REPLACEMENT, "search index request"),
])
def test_patch_refuses_an_unknown_file_and_is_idempotent(patch, original, replacement, what):
    with pytest.raises(HandbookError, match=f"{what}.*mkdocs-material was upgraded"):
        patch("function other(){}")
    once = patch(f"a;{original};b")
    assert patch(once) == once == f"a;{replacement};b"


def test_built_worker_carries_the_patch(built_site):
    worker = next((built_site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert REPLACEMENT in worker and ORIGINAL not in worker


@pytest.mark.parametrize("query,vocab,expected", [
    # last word whole, 怎么 dropped; each word as typed (boosted) and as a prefix (the caller adds *)
    ("视频号怎么加热", ["视频号", "怎么", "加热", "加"], [" 视频号^10 视频号 加热^10 加热 "]),
    ("抖店保证金多少", ["抖店", "保证金", "保证", "多少"], [" 抖店^10 抖店 保证金^10 保证金 "]),
    ("是什么", ["是", "什么"], [" 是什么^10 是什么 "]),                           # all stop words: keep the text
    ("加", ["加热"], [" 加 "]),                                                   # the worker makes every term a prefix
])
def test_splitter(query, vocab, expected):
    script = f"{REPLACEMENT}; console.log(JSON.stringify([...fe({json.dumps(query)}, {json.dumps(dict.fromkeys(vocab, 1))})]))"
    try:
        out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=30)
    except FileNotFoundError:
        pytest.skip("node not installed; the browser tests exercise the same function")
    assert json.loads(out.stdout) == expected


def test_built_bundle_fetches_the_index_lazily(built_site):
    bundle = next((built_site / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert BUNDLE_REPLACEMENT in bundle and BUNDLE_ORIGINAL not in bundle
