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
    found = sorted(validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [_to_error(e, where, lines) for e in found]


def _dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _to_error(err: ValidationError, where: str, lines: dict[tuple, int]) -> HandbookError:
    path = tuple(err.absolute_path)
    line = line_of(lines, path)
    field = _dotted(path)
    kind = err.validator
    if kind == "required":
        missing = [k for k in err.validator_value if not isinstance(err.instance, dict) or k not in err.instance]
        return HandbookError(where, f"{field}: missing required field '{missing[0] if missing else '?'}'",
                             "add it (see facts/schema/ and 贡献指南)", line)
    if kind == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {}))) if isinstance(err.instance, dict) else []
        hint = "platforms are douyin, channels or general" if any(k not in ("note",) for k in extra) else ""
        return HandbookError(where, f"{field}: unknown field '{extra[0] if extra else '?'}'",
                             hint or "remove it or fix its spelling", line)
    if kind == "type":
        return HandbookError(where, f"{field}: expected {err.validator_value}, got {type(err.instance).__name__}",
                             "fix the value's type", line)
    if kind == "pattern":
        return HandbookError(where, f"{field}: '{err.instance}' does not match {err.validator_value}",
                             _pattern_fix(err.validator_value), line)
    if kind == "enum":
        allowed = ", ".join(map(str, err.validator_value))
        return HandbookError(where, f"{field}: '{err.instance}' is not allowed", f"use one of: {allowed}", line)
    if kind == "oneOf":
        return HandbookError(where, f"{field}: a fact needs both 'douyin' and 'channels', or only 'general'",
                             "add the missing platform (status not-applicable if it has none)", line)
    if kind == "minItems":
        return HandbookError(where, f"{field}: must not be empty", "add at least one item", line)
    return HandbookError(where, f"{field}: {err.message}", "see facts/schema/", line)


def _pattern_fix(pattern: str) -> str:
    if "\\d{4}" in pattern:
        return "write the date as YYYY-MM-DD"
    if "https?" in pattern:
        return "use an http:// or https:// address"
    if "\\." in pattern:
        return "fact ids look like topic.name (lowercase ascii, digits, '-')"
    return "use lowercase ascii letters, digits and '-'"
