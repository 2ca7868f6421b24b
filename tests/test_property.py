"""Property: whatever YAML a contributor writes, the loader fails only with the project's error."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GOOD_SOURCES, TODAY, write_facts
from handbook.errors import HandbookError
from handbook.facts import load_factbase

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["2026-11-25", "2026-02-30", "verified", "store.x", "http://a"]))
keys = st.sampled_from(["topic", "title", "shelf_life_days", "facts", "id", "label", "douyin", "channels", "general",
                        "value", "sources", "checked", "status", "confidence", "note", "effective", "x"])
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=6)), max_leaves=30)
raw_text = st.text(alphabet=st.sampled_from(list("abc:-[]{}#&*!|>'\"\n\t 0123456789中文")), max_size=120)


def _check(tmp_path_factory, text: str) -> None:
    tmp = tmp_path_factory.mktemp("p")
    facts = write_facts(tmp, topic=text, sources=GOOD_SOURCES)
    try:
        load_factbase(facts, TODAY)
    except HandbookError as exc:
        assert str(exc).startswith("facts/"), str(exc)  # located, one line per problem


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_structured_garbage_raises_only_handbook_error(tmp_path_factory, doc):
    _check(tmp_path_factory, yaml.safe_dump({"topic": "store", "title": "t", "shelf_life_days": 1, "facts": [doc]},
                                            allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_document_raises_only_handbook_error(tmp_path_factory, doc):
    _check(tmp_path_factory, yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw_text)
def test_raw_text_raises_only_handbook_error(tmp_path_factory, text):
    _check(tmp_path_factory, text)
