"""The business-type registry (facts/business_types.yml): ids, names, anchor prefixes and the
选平台 data. Everything that lists business types reads it from here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .errors import HandbookError, raise_all
from .schema import schema_errors
from .yamlio import load_yaml_file


@dataclass(frozen=True)
class BusinessType:
    id: str
    name: str
    anchor_prefix: str
    summary: str
    redline_category: str = ""
    choose: Mapping | None = None  # verdict, verdict_text, factors (see the schema)



def load_business_types(path: Path, where: str = "facts/business_types.yml") -> dict[str, BusinessType]:
    data, lines = load_yaml_file(path, where)
    raise_all(schema_errors(data, "business_types.schema.json", where, lines))
    out: dict[str, BusinessType] = {}
    for i, raw in enumerate(data["business_types"]):
        if raw["id"] in out:
            raise HandbookError(where, f"duplicate business type '{raw['id']}'", "keep one", lines.get(("business_types", i)))
        choose = MappingProxyType(raw["choose"]) if "choose" in raw else None
        out[raw["id"]] = BusinessType(**{**raw, "choose": choose})
    return out
