"""Search index slimming: tags dropped, section text cut to N characters (jieba joints not counted)."""

from __future__ import annotations

from handbook.searchindex import JOINT, PAGE_ENTRY_BOOST, slim_index, trim_text


def test_trim_counts_characters_not_joints_and_drops_tags():
    text = f"<p>抖音{JOINT}小店{JOINT}保证金</p>"
    assert trim_text(text, 4) == f" 抖音{JOINT}小店{JOINT}"
    assert trim_text(text, 0) == f" 抖音{JOINT}小店{JOINT}保证金 "


def test_slim_index_drops_tags_and_keeps_titles():
    data = {"docs": [{"location": "a/#x", "title": "很长的标题不截断", "text": "一二三四五六", "tags": ["抖店"]}]}
    out = slim_index(data, 3)
    assert out["docs"][0] == {"location": "a/#x", "title": "很长的标题不截断", "text": "一二三"}


def test_page_entries_are_weighted_down_and_keep_their_own_boost():
    data = {"docs": [{"location": "a/", "title": "页", "text": ""},
                     {"location": "b/", "title": "页", "text": "", "boost": 0.5},
                     {"location": "a/#x", "title": "节", "text": ""}]}
    docs = slim_index(data, 10)["docs"]
    assert docs[0]["boost"] == PAGE_ENTRY_BOOST
    assert docs[1]["boost"] == round(0.5 * PAGE_ENTRY_BOOST, 4)
    assert "boost" not in docs[2]


def test_built_index_is_slimmed(built_site):
    import json
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert all("tags" not in d for d in data["docs"])
    counted = [sum(1 for ch in d["text"] if ch != JOINT and not ch.isspace()) for d in data["docs"]]
    assert max(counted) <= 600


def _trim_reference(text: str, max_chars: int) -> str:
    """The plain character loop trim_text replaced: cut before the (max_chars + 1)-th counted character."""
    import re
    text = re.sub(r"</?[a-z][^>]*>", " ", text)
    count = 0
    for i, ch in enumerate(text):
        if ch != JOINT and not ch.isspace():
            count += 1
            if count > max_chars:
                return text[:i]
    return text


def test_trim_matches_the_character_loop_on_random_text():
    import random
    rng = random.Random(5)
    alphabet = ["抖", "音", "a", "1", " ", "\n", JOINT, "\u3000", "<b>", "</b>", "，"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        n = rng.randrange(1, 30)
        assert trim_text(text, n) == _trim_reference(text, n), (text, n)
