"""Search index slimming: tags dropped, section text cut to N characters (jieba joints not counted)."""

from __future__ import annotations

from handbook.searchindex import JOINT, PAGE_ENTRY_BOOST, SUMMARY_SECTION_BOOST, page_context, shown_and_added, slim_index, trim_text


def test_trim_counts_characters_not_joints_and_drops_tags():
    text = f"<p>抖音{JOINT}小店{JOINT}保证金</p>"
    assert trim_text(text, 4) == f" 抖音{JOINT}小店{JOINT}"
    assert trim_text(text, 0) == f" 抖音{JOINT}小店{JOINT}保证金 "


def test_slim_index_drops_tags_and_keeps_titles():
    data = {"docs": [{"location": "a/#x", "title": "很长的标题不截断", "text": "一二三四五六", "tags": ["抖店"]}]}
    out = slim_index(data, 3)
    assert out["docs"][0] == {"location": "a/#x", "title": "很长的标题不截断", "text": "<p>一二三</p>"}


def test_page_entries_carry_their_subject_from_tags_and_title():
    data = {"docs": [{"location": "p/", "title": f"本地{JOINT}生活{JOINT}服务{JOINT}：{JOINT}美业", "text": "", "tags": ["美发", "GPM", "美业"]},
                     {"location": "p/#x", "title": "节", "text": "", "tags": ["美发", "GPM", "美业"]}]}
    docs = slim_index(data, 10)["docs"]
    assert docs[0]["ctx"] == ["美发", "gpm", "美业", "本地", "生活", "服务"]  # lower-cased, each once, no 1-char words
    assert "ctx" not in docs[1] and "tags" not in docs[1]
    assert page_context("", []) == []


def test_summary_sections_are_weighted_down():
    data = {"docs": [{"location": "playbooks/food/#food-verdict", "title": "结论", "text": ""},
                     {"location": "#principles", "title": "三条通用判断", "text": ""},
                     {"location": "playbooks/food/b2b/#food-b2b-x", "title": "打法", "text": ""},
                     {"location": "guides/live/#x", "title": "指南", "text": "", "boost": 2}]}
    docs = slim_index(data, 10)["docs"]
    assert docs[0]["boost"] == docs[1]["boost"] == SUMMARY_SECTION_BOOST < 1
    assert "boost" not in docs[2] and docs[3]["boost"] == 2


def test_search_words_are_added_after_the_trim_and_synonyms_go_to_the_config():
    seen = []

    def keywords(title, text):
        seen.append((title, text))
        return f"抖音{JOINT}小店" if "抖店" in text else ""

    data = {"config": {"lang": ["zh"]},
            "docs": [{"location": "a/#x", "title": f"开{JOINT}店", "text": f"抖店{JOINT}保证金" + "很长" * 400},
                     {"location": "a/#y", "title": "别的", "text": "没有"}]}
    out = slim_index(data, 5, [("剪头", "美发")], keywords)
    assert out["docs"][0]["text"] == f"<p>抖店{JOINT}保证金</p><p>抖音{JOINT}小店</p>"
    assert shown_and_added(out["docs"][0]["text"]) == (f"抖店{JOINT}保证金", f"抖音{JOINT}小店")
    assert out["docs"][1]["text"] == "<p>没有</p>" and shown_and_added("<p>没有</p>") == ("没有", "")
    assert seen[0] == ("开店", "抖店保证金") and seen[1] == ("别的", "没有")  # plain text, as indexed
    assert out["config"] == {"lang": ["zh"], "synonyms": [["剪头", "美发"]]}


def test_added_search_words_are_escaped_like_materials_text():
    data = {"docs": [{"location": "a/#x", "title": "节", "text": "正文"}]}
    out = slim_index(data, 10, keywords=lambda title, text: "P&G <b>")
    assert out["docs"][0]["text"] == "<p>正文</p><p>P&amp;G &lt;b&gt;</p>"


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
    # The text as trimmed, before the search words the build adds.
    counted = [sum(1 for ch in shown_and_added(d["text"])[0] if ch != JOINT and not ch.isspace()) for d in data["docs"]]
    assert max(counted) <= 600
    assert sum(bool(shown_and_added(d["text"])[1]) for d in data["docs"]) > 100  # glossary names reach long sections too


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
