"""The cached segmenter gives Material's own output, and cuts each Han run once."""

from __future__ import annotations

import jieba
import pytest

from handbook.searchindex import segment_first
from handbook.segment import cached_segmenter

SAMPLES = [
    "抖店保证金按类目收取，视频号小店（微信小店）另有规则。",
    "适用场景：冻品供应商找餐厅客户。做法：1. 拍冷库 2. 投 DOU+ 300 元",
    "<code>store.deposit</code> 未核实 ✎ 抖音 vs 视频号",
    "",
    "English only, 123",
    "〇々㐀 扩展区汉字与「引号」",
]


@pytest.fixture(scope="module")
def material_segment():
    from material.plugins.search.plugin import SearchIndex
    return SearchIndex(lang=["zh"], separator=r"[\s\-]+", pipeline=[], fields={})._segment_chinese


@pytest.mark.parametrize("text", SAMPLES)
def test_same_output_as_material(material_segment, text):
    assert cached_segmenter(jieba.cut)(text) == material_segment(text)


def test_each_run_is_cut_once():
    calls = []

    def cut(data: bytes):
        calls.append(data.decode("utf-8"))
        return list(data.decode("utf-8"))

    segment = cached_segmenter(cut)
    assert segment("抖音，抖音。视频号") == "抖\u200b音\u200b，\u200b抖\u200b音\u200b。\u200b视\u200b频\u200b号"
    assert calls == ["抖音", "视频号"]


def test_segment_first_cuts_only_what_is_kept():
    seen = []
    segment = segment_first(lambda s: seen.append(s) or s, 3)
    assert segment("标题") == "标题"  # short strings untouched
    segment("一二三四五六")
    assert seen == ["标题", "一二三"]
