"""Search synonym groups (facts/search_synonyms.yml): the real file loads; each mistake gets one
located message that says what to fix."""

from __future__ import annotations

import pytest

from conftest import ROOT
from handbook.errors import HandbookError
from handbook.synonyms import load_synonyms


def _load(tmp_path, text: str):
    path = tmp_path / "search_synonyms.yml"
    path.write_text(text, encoding="utf-8")
    return load_synonyms(path)


def test_real_file_loads_and_every_word_is_in_one_group():
    groups = load_synonyms(ROOT / "facts" / "search_synonyms.yml")
    words = [w for g in groups for w in g]
    assert len(groups) >= 30 and len(words) == len(set(words))
    assert ("美发", "理发", "剪头", "剪发") in groups


def test_latin_words_are_lower_cased_like_the_query(tmp_path):
    assert _load(tmp_path, "groups:\n  - [ROI, 投产比]\n") == [("roi", "投产比")]


@pytest.mark.parametrize("text,message", [
    ("groups:\n  - [保证金, 押金]\n  - [押金, 订金]\n",
     "search_synonyms.yml:3: group 2: '押金' is also in group 1 — a word belongs to one group: merge the groups or remove it"),
    ("groups:\n  - [退款, 退款]\n", "search_synonyms.yml:2: group 1: '退款' is twice in this group"),
    ("groups:\n  - [怎么, 如何办]\n", "search_synonyms.yml:2: group 1: '怎么' is a question word search ignores — remove it"),
    ("groups:\n  - [保证金]\n", "search_synonyms.yml:2: groups.item 1: a group needs two or more words"),
    ("groups:\n  - [开 店, 入驻]\n", "search_synonyms.yml:2: groups.item 1.item 1: '开 店' must be one word"),
    ("groups:\n  - [开店, 一二三四五六七八九十一二三]\n", "must be one word of at most 12 characters"),
    ("group:\n  - [开店, 入驻]\n", "unknown field 'group'"),
])
def test_mistakes_get_one_clear_message(tmp_path, text, message):
    with pytest.raises(HandbookError) as err:
        _load(tmp_path, text)
    assert message in str(err.value), str(err.value)
    assert len(str(err.value).splitlines()) == 1


def test_the_schema_length_limit_is_the_splitters():
    import json
    from handbook.searchpatch import LONGEST_WORD
    schema = json.loads((ROOT / "facts" / "schema" / "search_synonyms.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["groups"]["items"]["items"]["maxLength"] == LONGEST_WORD
