"""The fact base: load facts/ once, validate it, and hand out an immutable, id-indexed view.

Layout: facts/sources.yml (the source registry) and facts/topics/<topic>.yml (one topic each).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .dates import parse_date
from .errors import HandbookError, raise_all
from .schema import schema_errors
from .yamlio import line_of, load_yaml_file

PLATFORMS = ("douyin", "channels")
PLATFORM_LABELS = MappingProxyType({"douyin": "抖音", "channels": "视频号", "general": "通用"})
SOURCE_KIND_RANK = MappingProxyType({"official": 0, "law": 0, "media": 1, "third-party": 2, "seed": 3})


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    publisher: str
    published: dt.date | None
    kind: str
    repost_of: str = ""  # the original publisher when the URL is a repost or mirror
    published_note: str = ""


@dataclass(frozen=True)
class PastValue:
    """A value that held until a later rule replaced it (facts' `history:`, oldest first)."""
    effective: dt.date
    value: str | bool | None
    sources: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class PlatformValue:
    value: str | bool | None
    sources: tuple[str, ...]
    checked: dt.date
    status: str
    confidence: str
    note: str = ""
    effective: dt.date | None = None
    quote: str = ""  # the source's own sentence stating the value
    how_to_check: str = ""  # where a merchant sees the current number when no public source states it

    history: tuple[PastValue, ...] = ()
    # The newest publication date among its sources, when none of them is a law text: a notice
    # from 2014 re-read yesterday is still a 2014 notice. A law text stays current until repealed.
    source_date: dt.date | None = None

    def is_stale(self, today: dt.date, shelf_life_days: int) -> bool:
        return self.stale_reason(today, shelf_life_days) is not None

    def stale_reason(self, today: dt.date, shelf_life_days: int) -> str | None:
        """Why the value may be out of date (checked too long ago, or its newest source is old), or None."""
        if (today - self.checked).days > shelf_life_days:
            return f"核对于 {self.checked}，超过 {shelf_life_days} 天"
        if self.source_date and (today - self.source_date).days > shelf_life_days:
            return f"最新来源发布于 {self.source_date}，超过 {shelf_life_days} 天"
        return None


@dataclass(frozen=True)
class Fact:
    id: str
    label: str
    topic: str
    shelf_life_days: int
    values: Mapping[str, PlatformValue]  # keys: douyin + channels, or general
    where: str  # file:line, for messages about uses of this fact

    @property
    def is_general(self) -> bool:
        return "general" in self.values


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    shelf_life_days: int
    fact_ids: tuple[str, ...]


@dataclass(frozen=True)
class FactBase:
    facts: Mapping[str, Fact]
    topics: Mapping[str, Topic]
    sources: Mapping[str, Source]
    files: tuple[Path, ...] = field(default=())

    def fact(self, fact_id: str) -> Fact | None:
        return self.facts.get(fact_id)

    def counts(self) -> dict[str, int]:
        """How many platform values have each status (a general fact counts once)."""
        out: dict[str, int] = {"verified": 0, "unverified": 0, "not-applicable": 0}
        for fact in self.facts.values():
            for value in fact.values.values():
                out[value.status] += 1
        return out


def load_factbase(facts_dir: Path, today: dt.date) -> FactBase:
    """Load and validate all of facts/; raise HandbookError(s) naming file:line on any problem."""
    facts_dir = Path(facts_dir)
    root = facts_dir.parent
    sources = _load_sources(facts_dir / "sources.yml", root)
    facts: dict[str, Fact] = {}
    topics: dict[str, Topic] = {}
    errors: list[HandbookError] = []
    topic_files = sorted((facts_dir / "topics").glob("*.yml"))
    if not topic_files:
        raise HandbookError(_rel(facts_dir / "topics", root), "no topic files found",
                            "add facts/topics/<topic>.yml")
    for path in topic_files:
        try:
            topic, topic_facts = _load_topic(path, root, sources, today)
        except HandbookError as exc:
            errors.extend(getattr(exc, "errors", [exc]))
            continue
        if topic.id in topics:
            errors.append(HandbookError(_rel(path, root), f"topic '{topic.id}' is already defined in another file",
                                        "merge the two files or rename the topic", 1))
        topics[topic.id] = topic
        for fact in topic_facts:
            if fact.id in facts:
                errors.append(HandbookError(fact.where, f"duplicate fact id '{fact.id}' (also at {facts[fact.id].where})",
                                            "give one of them a different id"))
            facts[fact.id] = fact
    raise_all(errors)
    return FactBase(MappingProxyType(facts), MappingProxyType(topics), MappingProxyType(sources),
                    tuple(topic_files))


def _rel(path: Path, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return str(path)


def _load_sources(path: Path, root: Path) -> dict[str, Source]:
    where = _rel(path, root)
    if not path.exists():
        raise HandbookError(where, "source registry is missing", "create facts/sources.yml")
    data, lines = load_yaml_file(path, where)
    raise_all(schema_errors(data, "sources.schema.json", where, lines))
    out: dict[str, Source] = {}
    errors: list[HandbookError] = []
    for i, raw in enumerate(data["sources"]):
        line = line_of(lines, ("sources", i))
        published = None
        if raw["published"] is not None:
            published = parse_date(raw["published"])
            if published is None:
                errors.append(HandbookError(where, f"source '{raw['id']}': '{raw['published']}' is not a real date",
                                            "write the date as YYYY-MM-DD", line))
        if raw["id"] in out:
            errors.append(HandbookError(where, f"duplicate source id '{raw['id']}'", "give one of them a different id", line))
        out[raw["id"]] = Source(raw["id"], raw["url"], raw["title"], raw["publisher"], published, raw["kind"],
                                raw.get("repost_of", ""), raw.get("published_note", ""))
    raise_all(errors)
    return out


def _load_topic(path: Path, root: Path, sources: Mapping[str, Source], today: dt.date):
    where = _rel(path, root)
    data, lines = load_yaml_file(path, where)
    if data is None:
        raise HandbookError(where, "file is empty", "add topic, title, shelf_life_days and facts", 1)
    raise_all(schema_errors(data, "topic.schema.json", where, lines))
    topic_id = data["topic"]
    if path.stem != topic_id:
        raise HandbookError(where, f"topic '{topic_id}' does not match the file name '{path.name}'",
                            f"rename the file to {topic_id}.yml or fix 'topic'", line_of(lines, ("topic",)))
    errors: list[HandbookError] = []
    facts: list[Fact] = []
    for i, raw in enumerate(data["facts"]):
        fact_line = line_of(lines, ("facts", i))
        if not raw["id"].startswith(topic_id + "."):
            errors.append(HandbookError(where, f"fact id '{raw['id']}' must start with '{topic_id}.'",
                                        f"rename it to {topic_id}.{raw['id'].split('.', 1)[-1]}", fact_line))
        values: dict[str, PlatformValue] = {}
        for platform in ("douyin", "channels", "general"):
            if platform not in raw:
                continue
            pv, problems = _platform_value(raw[platform], raw["id"], platform, sources, today)
            errors.extend(HandbookError(where, msg, fix, line_of(lines, ("facts", i, platform, key)))
                          for key, msg, fix in problems)
            values[platform] = pv
        facts.append(Fact(raw["id"], raw["label"], topic_id,
                          raw.get("shelf_life_days", data["shelf_life_days"]),
                          MappingProxyType(values), f"{where}:{fact_line}"))
    raise_all(errors)
    topic = Topic(topic_id, data["title"], data["shelf_life_days"], tuple(f.id for f in facts))
    return topic, facts


def _platform_value(raw: dict, fact_id: str, platform: str, sources: Mapping[str, Source],
                    today: dt.date) -> tuple[PlatformValue, list[tuple[str, str, str]]]:
    """Build one platform's value and list the rules it breaks (field, message, fix)."""
    problems: list[tuple[str, str, str]] = []
    label = f"{fact_id}.{platform}"
    checked = parse_date(raw["checked"])
    if checked is None:
        problems.append(("checked", f"{label}.checked: '{raw['checked']}' is not a real date", "write the date as YYYY-MM-DD"))
        checked = dt.date.min
    elif checked > today:
        problems.append(("checked", f"{label}.checked: {checked} is in the future", "use the date you actually checked the source"))
    effective = None
    if "effective" in raw:
        effective = parse_date(raw["effective"])
        if effective is None:
            problems.append(("effective", f"{label}.effective: '{raw['effective']}' is not a real date", "write the date as YYYY-MM-DD"))
    for source_id in raw["sources"]:
        if source_id not in sources:
            problems.append(("sources", f"{label}: unknown source '{source_id}'", "add it to facts/sources.yml or fix the id"))
    status = raw["status"]
    if status == "verified" and not raw["sources"]:
        problems.append(("sources", f"{label}: verified but cites no source", "add a source id, or set status: unverified"))
    if status == "verified" and raw["value"] is None:
        problems.append(("value", f"{label}: verified but value is null (unknown)", "give the value, or set status: unverified"))
    value = raw["value"]
    if isinstance(value, str) and not value.strip():
        problems.append(("value", f"{label}: value is an empty string", "write the value, or null if unknown"))
    history, history_problems = _history(raw.get("history", []), label, sources, effective)
    problems.extend(history_problems)
    cited = [sources[s] for s in raw["sources"] if s in sources]
    source_date = (None if any(s.kind == "law" for s in cited)
                   else max((s.published for s in cited if s.published), default=None))
    pv = PlatformValue(value, tuple(raw["sources"]), checked, status, raw["confidence"],
                       raw.get("note", ""), effective, raw.get("quote", ""), raw.get("how_to_check", ""), history, source_date)
    if not problems:  # the trust rules read a well-formed value (see trust.py)
        problems.extend(value_problems(pv, label, sources))
    return pv, problems


def _history(raw: list, label: str, sources: Mapping[str, Source], effective: dt.date | None
             ) -> tuple[tuple[PastValue, ...], list[tuple[str, str, str]]]:
    """Earlier values: real dates, oldest first and before the current value's date, known sources."""
    out, problems = [], []
    for n, old in enumerate(raw, 1):
        date = parse_date(old["effective"])
        if date is None:
            problems.append(("history", f"{label}.history item {n}: '{old['effective']}' is not a real date", "write YYYY-MM-DD"))
            continue
        for source_id in old["sources"]:
            if source_id not in sources:
                problems.append(("history", f"{label}.history item {n}: unknown source '{source_id}'",
                                 "add it to facts/sources.yml or fix the id"))
        if out and date <= out[-1].effective:
            problems.append(("history", f"{label}.history item {n}: {date} is not after the item before it",
                             "list earlier values oldest first"))
        if effective and date >= effective:
            problems.append(("history", f"{label}.history item {n}: {date} is not before the current value's effective date {effective}",
                             "a past value took effect before the one that replaced it"))
        out.append(PastValue(date, old["value"], tuple(old["sources"]), old.get("note", "")))
    return tuple(out), problems


# Kinds that can carry a verified value on their own: the platform, the law, a named outlet.
TRUSTED_KINDS = ("official", "law", "media")


def trusted_sources(pv: PlatformValue, sources: Mapping[str, Source]) -> list[Source]:
    return [sources[s] for s in pv.sources if s in sources and sources[s].kind in TRUSTED_KINDS]


def value_problems(pv: PlatformValue, label: str, sources: Mapping[str, Source]) -> list[tuple[str, str, str]]:
    """What keeps a value from being shown as trustworthy: (field, problem, fix)."""
    problems = []
    if pv.status == "verified":
        if pv.sources and not trusted_sources(pv, sources):
            problems.append(("sources", f"{label}: verified on third-party sources only",
                             "cite the platform's page, the law text or a named outlet, or set status: unverified"))
        if not pv.quote:
            problems.append(("status", f"{label}: verified without a quote",
                             "add quote: the source's sentence that states the value, verbatim"))
    if pv.value is None and pv.status == "unverified" and not pv.how_to_check:
        problems.append(("value", f"{label}: unknown value with no how_to_check",
                         "add how_to_check: where a merchant sees the current number (menu path or official page)"))
    return problems
