"""The red-line checker: load the word list, normalise text the way evasions need, find hits.

The browser page (docs/assets/javascripts/redline.js) implements the same normalisation and
matching over the exported redlines.json; tests run both on one example set and compare.

Normalisation (per character, keeping a map back to the original position):
NFKC (full-width → half-width) → lower case → traditional → simplified (variants table from
OpenCC, limited to the characters the list uses) → drop everything that is not a letter, digit
or '%' (so 最 佳, 最*好 and 最。佳 all read 最佳). Words and allow phrases are normalised the
same way. A hit inside an allow phrase is not reported. Latin words and pinyin initials only
count when no Latin letter stood right next to them in the original (vx in "vxlan" is not a hit;
in "vx：abc123" or "vx abc" it is).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from .errors import HandbookError, raise_all
from .facts import Source
from .schema import schema_errors
from .yamlio import line_of, load_yaml_file

PLATFORMS = ("douyin", "channels")
_LATIN = re.compile(r"^[a-z]+$")


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Entry:
    id: str
    category: str
    words: tuple[str, ...]
    pinyin_initials: tuple[str, ...]
    platforms: tuple[str, ...]
    business_types: tuple[str, ...]
    reason: str
    sources: tuple[str, ...]
    suggestion: str
    allow: tuple[str, ...]
    patterns: tuple[str, ...] = ()  # regexes over the folded text, e.g. a mobile number

    def applies(self, platform: str | None, business_type: str | None) -> bool:
        return ((platform is None or platform in self.platforms) and
                (business_type is None or "all" in self.business_types or business_type in self.business_types))


@dataclass(frozen=True)
class RedLines:
    categories: Mapping[str, Category]
    entries: tuple[Entry, ...]
    variants: Mapping[str, str]  # traditional/variant character -> simplified


@dataclass(frozen=True)
class Hit:
    entry: Entry
    start: int  # offsets into the original text, end exclusive
    end: int
    line: int
    column: int
    text: str


def variants_for(chars: Iterable[str]) -> dict[str, str]:
    """Traditional (and Taiwan/Hong Kong) forms of the given simplified characters."""
    import opencc  # imported here: only the red-line export and CLI need it

    converters = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
    table: dict[str, str] = {}
    for ch in sorted(set(chars)):
        for conv in converters:
            other = conv.convert(ch)
            if len(other) == 1 and other != ch:
                table[other] = ch
    return table


def _fold(ch: str, variants: Mapping[str, str]) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch).lower():
        c = variants.get(c, c)
        if c.isalnum() or c == "%":
            out.append(c)
    return "".join(out)


def normalize(text: str, variants: Mapping[str, str]) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the index of its original character."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold(ch, variants):
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def fold(text: str, variants: Mapping[str, str]) -> str:
    return normalize(text, variants)[0]


def load_redlines(path: Path, sources: Mapping[str, Source], business_types: Iterable[str],
                  where: str = "facts/redlines.yml") -> RedLines:
    data, lines = load_yaml_file(path, where)
    raise_all(schema_errors(data, "redlines.schema.json", where, lines))
    categories = {c["id"]: Category(**c) for c in data["categories"]}
    known_bts = set(business_types) | {"all"}
    errors: list[HandbookError] = []
    entries: list[Entry] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["entries"]):
        line = line_of(lines, ("entries", i))
        label = f"entry '{raw['id']}'"
        if raw["id"] in seen:
            errors.append(HandbookError(where, f"duplicate {label}", "give it another id", line))
        seen.add(raw["id"])
        if raw["category"] not in categories:
            errors.append(HandbookError(where, f"{label}: unknown category '{raw['category']}'",
                                        f"use one of: {', '.join(categories)}", line_of(lines, ("entries", i, "category"))))
        for bt in raw["business_types"]:
            if bt not in known_bts:
                errors.append(HandbookError(where, f"{label}: unknown business type '{bt}'",
                                            "use 'all' or ids from facts/business_types.yml", line_of(lines, ("entries", i, "business_types"))))
        for source_id in raw["sources"]:
            if source_id not in sources:
                errors.append(HandbookError(where, f"{label}: unknown source '{source_id}'",
                                            "add it to facts/sources.yml or fix the id", line_of(lines, ("entries", i, "sources"))))
        entries.append(Entry(raw["id"], raw["category"], tuple(raw["words"]), tuple(raw.get("pinyin_initials", [])),
                             tuple(raw["platforms"]), tuple(raw["business_types"]), raw["reason"],
                             tuple(raw["sources"]), raw["suggestion"], tuple(raw.get("allow", [])),
                             tuple(raw.get("patterns", []))))
        for pattern in raw.get("patterns", []):
            try:
                re.compile(pattern)
            except re.error as exc:
                errors.append(HandbookError(where, f"{label}: pattern '{pattern}' is not a valid regular expression ({exc.msg})",
                                            "fix the brackets or braces", line_of(lines, ("entries", i, "patterns"))))
    for bt in (business_types.values() if isinstance(business_types, Mapping) else ()):
        category = getattr(bt, "redline_category", "")
        if category and category not in categories:  # the playbooks' 违禁词自查 links preselect it
            errors.append(HandbookError("facts/business_types.yml", f"{bt.id}.redline_category: unknown category '{category}'",
                                        f"use one of: {', '.join(categories)} (facts/redlines.yml)"))
    raise_all(errors)
    chars = "".join(unicodedata.normalize("NFKC", w).lower() for e in entries for w in (*e.words, *e.allow))
    variants = {**variants_for(c for c in chars if not c.isascii()), **(data.get("homoglyphs") or {})}
    for entry in entries:
        for word in entry.words:
            if not fold(word, variants):
                raise HandbookError(where, f"entry '{entry.id}': word '{word}' is only spaces or punctuation",
                                    "list real words", line_of(lines, ("entries", entries.index(entry), "words")))
    return RedLines(categories, tuple(entries), variants)


def _occurrences(haystack: str, needle: str, latin: bool, where: list[int] | None = None) -> Iterable[int]:
    """Start offsets of needle in the folded text. A Latin needle must not touch another Latin
    letter that stood right next to it in the original: vx in "vxlan" is no hit, but in "vx：abc"
    or "vx abc" the colon or space the folding dropped still separates it."""
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        touching = latin and ((start > 0 and "a" <= haystack[start - 1] <= "z" and _adjacent(where, start - 1, start)) or
                              (end < len(haystack) and "a" <= haystack[end] <= "z" and _adjacent(where, end - 1, end)))
        if not touching:
            yield start
        start = haystack.find(needle, start + 1)


def _digit_bounded(text: str, start: int, end: int) -> bool:
    """A number pattern matches a whole number: 13812345678 inside a 20-digit order id is no phone."""
    return not (start > 0 and text[start - 1].isdigit()) and not (end < len(text) and text[end].isdigit())


def _adjacent(where: list[int] | None, left: int, right: int) -> bool:
    """Whether folded characters left and right came from neighbouring original characters."""
    return where is None or where[right] - where[left] <= 1


def check(text: str, redlines: RedLines, platform: str | None = None, business_type: str | None = None,
          category: str | None = None) -> list[Hit]:
    """Every red-line hit in text for that platform / business type (None = any), in text order."""
    clean, where = normalize(text, redlines.variants)
    spans: list[tuple[Entry, int, int]] = []
    for entry in redlines.entries:
        if not entry.applies(platform, business_type) or (category and entry.category != category):
            continue
        allowed = [(s, s + len(a)) for a in {fold(x, redlines.variants) for x in entry.allow} if a
                   for s in _occurrences(clean, a, False)]
        needles = [(fold(w, redlines.variants), False) for w in entry.words] + [(p, True) for p in entry.pinyin_initials]
        found = [(s, s + len(needle)) for needle, is_initials in needles if needle
                 for s in _occurrences(clean, needle, is_initials or bool(_LATIN.match(needle)), where)]
        found += [m.span() for p in entry.patterns for m in re.finditer(p, clean) if _digit_bounded(clean, *m.span())]
        for s, e in found:
            if any(a <= s and e <= b for a, b in allowed):
                continue
            spans.append((entry, where[s], where[e - 1] + 1))
    return _merge_overlaps(spans, text)


def _merge_overlaps(spans: list[tuple[Entry, int, int]], text: str) -> list[Hit]:
    """One hit per entry per stretch of text: 加ＶＸ matched as 加V and VX is one hit."""
    merged: list[list] = []
    for entry, start, end in sorted(spans, key=lambda x: (x[0].id, x[1], -x[2])):
        last = merged[-1] if merged else None
        if last and last[0].id == entry.id and start < last[2]:
            last[2] = max(last[2], end)
        else:
            merged.append([entry, start, end])
    hits = []
    for entry, start, end in merged:
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        hits.append(Hit(entry, start, end, line, column, text[start:end]))
    return sorted(hits, key=lambda h: (h.start, h.entry.id))


def export(redlines: RedLines, sources: Mapping[str, Source]) -> dict:
    """redlines.json for the browser page: entries with their sources, plus the variants table."""
    return {
        "categories": [vars(c) for c in redlines.categories.values()],
        "variants": dict(redlines.variants),
        "entries": [{
            "id": e.id, "category": e.category, "words": list(e.words), "pinyin_initials": list(e.pinyin_initials),
            "platforms": list(e.platforms), "business_types": list(e.business_types), "reason": e.reason,
            "suggestion": e.suggestion, "allow": list(e.allow), "patterns": list(e.patterns),
            "sources": [{"title": sources[s].title, "url": sources[s].url, "publisher": sources[s].publisher} for s in e.sources],
        } for e in redlines.entries],
    }


def evaluate(examples: Iterable[Mapping], redlines: RedLines) -> dict:
    """Text-level precision and recall on a labelled set: a text counts as flagged when the checker
    finds any hit for its platform and business type. Examples: text, platform, business_type,
    expect_flag, and optionally kind (reported per kind) — e.g. tests/redline_examples_independent.yml."""
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    by_kind: dict[str, dict[str, int]] = {}
    misses: list[tuple[str, str, str]] = []  # (kind of error, example kind, text)
    for e in examples:
        flagged = bool(check(e["text"], redlines, e.get("platform"), e.get("business_type")))
        want = bool(e["expect_flag"])
        key = ("tp" if want else "fp") if flagged else ("fn" if want else "tn")
        totals[key] += 1
        kind = by_kind.setdefault(str(e.get("kind", "")), {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
        kind[key] += 1
        if key in ("fp", "fn"):
            misses.append((key, str(e.get("kind", "")), e["text"]))

    def rates(c: Mapping[str, int]) -> dict:
        flagged, expected = c["tp"] + c["fp"], c["tp"] + c["fn"]
        return {**c, "precision": round(c["tp"] / flagged, 3) if flagged else None,
                "recall": round(c["tp"] / expected, 3) if expected else None}
    return {"overall": rates(totals), "by_kind": {k: rates(c) for k, c in sorted(by_kind.items())}, "misses": misses}
