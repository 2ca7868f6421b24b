"""Loader and validator: good data loads; each kind of bad input fails with file:line and the fix."""

from __future__ import annotations

import re

import pytest

from conftest import GOOD_SOURCES, GOOD_TOPIC, TODAY, write_facts
from handbook.errors import HandbookError
from handbook.facts import load_factbase


def test_good_factbase_loads_indexed_and_immutable(good_base):
    assert set(good_base.facts) == {"store.deposit", "store.law"}
    fact = good_base.fact("store.deposit")
    assert fact.values["douyin"].value == "2000 元起"
    assert fact.values["channels"].value is None
    assert good_base.fact("store.law").is_general
    assert good_base.counts() == {"verified": 2, "unverified": 1, "not-applicable": 0}
    with pytest.raises(TypeError):
        good_base.facts["x"] = fact  # read-only mapping


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"fixture does not contain {old!r}"
    return text.replace(old, new, 1)


# (case id, topic yaml, sources yaml, file expected in message, words expected in message, line)
BAD_INPUTS = [
    ("yaml-syntax", _replace(GOOD_TOPIC, "label: 店铺保证金", "label: [店铺保证金"), GOOD_SOURCES,
     "facts/topics/store.yml", "YAML syntax error", None),
    ("missing-field", _replace(GOOD_TOPIC, "      status: verified\n      confidence: medium\n", "      confidence: medium\n"),
     GOOD_SOURCES, "facts/topics/store.yml", "store.deposit.douyin: missing required field 'status'", 7),
    ("wrong-type", _replace(GOOD_TOPIC, "shelf_life_days: 180", "shelf_life_days: 半年"), GOOD_SOURCES,
     "facts/topics/store.yml", "shelf_life_days: expected integer", 3),
    ("unknown-platform", _replace(GOOD_TOPIC, "    channels:\n", "    kuaishou:\n"), GOOD_SOURCES,
     "facts/topics/store.yml", "unknown field 'kuaishou'", None),
    ("duplicate-fact-id", _replace(GOOD_TOPIC, "id: store.law", "id: store.deposit"), GOOD_SOURCES,
     "facts/topics/store.yml", "duplicate fact id 'store.deposit'", None),
    ("unknown-source", _replace(GOOD_TOPIC, "sources: [media-a]", "sources: [nobody]"), GOOD_SOURCES,
     "facts/topics/store.yml", "unknown source 'nobody'", 9),
    ("malformed-date", _replace(GOOD_TOPIC, "checked: 2026-11-01", "checked: 2026/11/01"), GOOD_SOURCES,
     "facts/topics/store.yml", "store.deposit.douyin.checked: '2026/11/01' is not a YYYY-MM-DD date", 10),
    ("impossible-date", _replace(GOOD_TOPIC, "checked: 2026-11-01", "checked: 2026-02-30"), GOOD_SOURCES,
     "facts/topics/store.yml", "'2026-02-30' is not a real date", 10),
    ("future-date", _replace(GOOD_TOPIC, "checked: 2026-11-01", "checked: 2027-01-01"), GOOD_SOURCES,
     "facts/topics/store.yml", "is in the future", 10),
    ("non-http-url", GOOD_TOPIC, _replace(GOOD_SOURCES, "https://example.org/law", "ftp://example.org/law"),
     "facts/sources.yml", "law-text.url: 'ftp://example.org/law' is not an http(s) address", 3),
    ("javascript-url", GOOD_TOPIC, _replace(GOOD_SOURCES, "https://example.org/law", "javascript:alert(1)"),
     "facts/sources.yml", "is not an http(s) address", 3),
    ("bad-status", _replace(GOOD_TOPIC, "status: verified", "status: sure"), GOOD_SOURCES,
     "facts/topics/store.yml", "'sure' is not allowed", None),
    ("verified-without-source", _replace(GOOD_TOPIC, "sources: [media-a]", "sources: []"), GOOD_SOURCES,
     "facts/topics/store.yml", "verified but cites no source", 9),
    ("verified-unknown-value", _replace(GOOD_TOPIC, 'value: "2000 元起"', "value: null"), GOOD_SOURCES,
     "facts/topics/store.yml", "verified but value is null", 8),
    ("bad-fact-id", _replace(GOOD_TOPIC, "id: store.deposit", "id: Store Deposit"), GOOD_SOURCES,
     "facts/topics/store.yml", "'Store Deposit' is not a valid fact id", 5),
    ("id-outside-topic", _replace(GOOD_TOPIC, "id: store.deposit", "id: traffic.deposit"), GOOD_SOURCES,
     "facts/topics/store.yml", "must start with 'store.'", 5),
    ("one-platform-only", re.sub(r"    channels:\n(?:      .*\n)+", "", GOOD_TOPIC, count=1), GOOD_SOURCES,
     "facts/topics/store.yml", "needs both 'douyin' and 'channels'", 5),
    ("duplicate-key", _replace(GOOD_TOPIC, "    label: 店铺保证金\n", "    label: 店铺保证金\n    label: 保证金\n"),
     GOOD_SOURCES, "facts/topics/store.yml", "key 'label' appears twice", 7),
    ("duplicate-source-id", GOOD_TOPIC, _replace(GOOD_SOURCES, "id: media-a", "id: law-text"),
     "facts/sources.yml", "duplicate source id 'law-text'", None),
    ("bad-source-kind", GOOD_TOPIC, _replace(GOOD_SOURCES, "kind: media", "kind: blog"),
     "facts/sources.yml", "'blog' is not allowed", None),
    ("empty-topic-file", "", GOOD_SOURCES, "facts/topics/store.yml", "file is empty", None),
    ("markup-in-label", _replace(GOOD_TOPIC, "label: 店铺保证金", "label: 保证金<script>"), GOOD_SOURCES,
     "facts/topics/store.yml", "store.deposit.label: '保证金<script>' contains markup characters", 6),
    ("yaml-outdented-line", _replace(GOOD_TOPIC, "      sources: [media-a]", "    sources: [media-a]"), GOOD_SOURCES,
     "facts/topics/store.yml", "YAML indentation: this line is indented 4 spaces", 9),
    ("yaml-overindented-line", _replace(GOOD_TOPIC, "      sources: [media-a]", "        sources: [media-a]"), GOOD_SOURCES,
     "facts/topics/store.yml", "YAML indentation: this line is indented 8 spaces", 9),
    ("topic-name-mismatch", _replace(GOOD_TOPIC, "topic: store", "topic: stores"), GOOD_SOURCES,
     "facts/topics/store.yml", "does not match the file name", 1),
]


@pytest.mark.parametrize("case,topic,sources,file,words,line", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_one_located_line(tmp_path, case, topic, sources, file, words, line):
    facts = write_facts(tmp_path, topic=topic, sources=sources)
    with pytest.raises(HandbookError) as info:
        load_factbase(facts, TODAY)
    message = str(info.value)
    first = message.splitlines()[0]
    assert first.startswith(file), message
    assert words in message, message
    assert " — " in first, f"no fix given: {first}"
    if line is not None:
        assert first.startswith(f"{file}:{line}:"), message


def test_bad_input_table_is_large_enough():
    assert len(BAD_INPUTS) >= 15


def test_several_problems_are_all_reported(tmp_path):
    topic = _replace(_replace(GOOD_TOPIC, "sources: [media-a]", "sources: [nobody]"),
                     "sources: [law-text]", "sources: [ghost]")
    with pytest.raises(HandbookError) as info:
        load_factbase(write_facts(tmp_path, topic=topic), TODAY)
    lines = str(info.value).splitlines()
    assert len(lines) == 2 and "nobody" in lines[0] and "ghost" in lines[1]


def test_staleness_follows_shelf_life(good_base):
    value = good_base.fact("store.deposit").values["douyin"]
    assert not value.is_stale(TODAY, 180)
    assert value.is_stale(TODAY, 10)


def test_the_real_fact_base_loads():
    from conftest import CONTENT_TODAY, ROOT
    base = load_factbase(ROOT / "facts", CONTENT_TODAY)
    assert len(base.facts) >= 30
    assert base.counts()["verified"] > 0
