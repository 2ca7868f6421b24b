"""Chinese word segmentation for the search index: Material's own, with each run of Han characters
cut by jieba once per build.

Material's search plugin cuts every run of Han characters with jieba as it indexes each section,
and the same runs recur across a site (the five tactic labels, 抖音、视频号, recurring clauses):
jieba was the largest single cost of a build. The output is byte-for-byte Material's
(tests/test_segment.py compares them); only repeated work is skipped. One cache per build, because
the glossary adds words to jieba's dictionary in on_config and a later build may add others.
"""

from __future__ import annotations

from typing import Callable

from backrefs import bre  # what Material uses for \p{script: Han}

from .searchindex import JOINT

HAN_RUNS = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)


def cached_segmenter(cut: Callable[[bytes], object]) -> Callable[[str], str]:
    """A drop-in for Material's SearchIndex._segment_chinese, given jieba.cut (or a stand-in)."""
    seen: dict[str, str] = {}

    def replace(match) -> str:
        run = match.group(0)
        out = seen.get(run)
        if out is None:
            out = seen[run] = JOINT + JOINT.join(cut(run.encode("utf-8"))) + JOINT
        return out

    def segment(data: str) -> str:
        return HAN_RUNS.sub(replace, data).strip(JOINT)

    return segment
