"""JSON Schema validation that reports file:line and a fix for each violation."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from .errors import HandbookError
from .yamlio import line_of

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "facts" / "schema"


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(data: Any, schema_name: str, where: str,
                  lines: dict[tuple, int]) -> list[HandbookError]:
    """Every violation of the schema, each as one located, actionable error."""
    found = list(validator(schema_name).iter_errors(data))
    # An unknown key also breaks "douyin and channels, or general" for the same fact: report the key only.
    misspelt = {tuple(e.absolute_path) for e in found if e.validator == "additionalProperties"}
    # A misspelt required key (group for groups) is one mistake: name the unknown key, not also the missing one.
    found = [e for e in found if not (e.validator in ("oneOf", "required") and tuple(e.absolute_path) in misspelt)]
    errors = [_to_error(e, where, lines, data) for e in found]
    return sorted(errors, key=lambda e: e.line or 0)


def contributor_path(data: Any, path) -> str:
    """A data path in the words a contributor uses: an item of a list is named by its id
    (`store.deposit.douyin.checked`, not `facts[13].douyin.checked`), or by its position."""
    out: list[str] = []
    node = data
    for part in path:
        child = node[part] if isinstance(node, (dict, list)) else None
        if isinstance(part, int):
            item_id = child.get("id") if isinstance(child, dict) else None
            if isinstance(item_id, str) and item_id:
                out[-1:] = [item_id]  # the list's own name adds nothing once the item is named
            else:
                out.append(f"item {part + 1}")
        else:
            out.append(str(part))
        node = child
    return ".".join(out) or "(top level)"


def _to_error(err: ValidationError, where: str, lines: dict[tuple, int], data: Any = None) -> HandbookError:
    path = tuple(err.absolute_path)
    line = line_of(lines, path)
    field = contributor_path(data, path) if data is not None else ".".join(map(str, path)) or "(top level)"
    kind = err.validator
    if kind == "required":
        missing = [k for k in err.validator_value if not isinstance(err.instance, dict) or k not in err.instance]
        return HandbookError(where, f"{field}: missing required field '{missing[0] if missing else '?'}'",
                             "add it (see facts/schema/ and 贡献指南)", line)
    if kind == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {}))) if isinstance(err.instance, dict) else []
        allowed = ", ".join(err.schema.get("properties", {}))
        if extra:
            line = line_of(lines, path + (extra[0],))
        return HandbookError(where, f"{field}: unknown field '{extra[0] if extra else '?'}'",
                             f"fields allowed here: {allowed}" if allowed else "remove it or fix its spelling", line)
    if kind == "type":
        return HandbookError(where, f"{field}: expected {err.validator_value}, got {type(err.instance).__name__}",
                             "fix the value's type", line)
    if kind in ("pattern", "maxLength"):  # the schema says in words what it means (x-problem, x-fix)
        return HandbookError(where, f"{field}: '{err.instance}' {err.schema.get('x-problem', 'has the wrong form')}",
                             err.schema.get("x-fix", "see facts/schema/"), line)
    if kind == "enum":
        allowed = ", ".join(map(str, err.validator_value))
        return HandbookError(where, f"{field}: '{err.instance}' is not allowed", f"use one of: {allowed}", line)
    if kind == "oneOf":
        return HandbookError(where, f"{field}: a fact needs both 'douyin' and 'channels', or only 'general'",
                             "add the missing platform (status not-applicable if it has none)", line)
    if kind == "minItems":
        return HandbookError(where, f"{field}: {err.schema.get('x-problem', 'must not be empty')}",
                             err.schema.get("x-fix", "add at least one item"), line)
    return HandbookError(where, f"{field}: {err.message}", "see facts/schema/", line)
