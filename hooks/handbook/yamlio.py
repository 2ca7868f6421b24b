"""YAML loading that remembers line numbers, so every error can point at file:line.

Dates stay strings (the schema checks their shape), and a repeated mapping key is an error
instead of PyYAML's silent last-one-wins.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import HandbookError

Path_ = tuple  # a path into the data: ("facts", 3, "douyin", "checked")


# libyaml's C parser when PyYAML has it (its wheels do): the fact base is parsed on every build.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader without the timestamp resolver: `2026-11-25` stays the string the schema checks."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_text(text: str, where: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML text once; return the data and a map from data path to 1-based line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        odd = odd_indent(text, line) if line else None
        if odd:  # the parser notices a bad indent a line late; name the line that is off
            odd_line, spaces, expected = odd
            raise HandbookError(where, f"YAML indentation: this line is indented {spaces} spaces, the lines around it {expected}",
                                f"indent it by {expected} spaces like its neighbours", odd_line) from None
        raise HandbookError(where, f"YAML syntax error: {problem}",
                            "check indentation, colons and quotes on that line", line) from None
    if node is None:
        loader.dispose()
        return None, {}
    lines: dict[Path_, int] = {}
    _index_lines(node, (), lines, where)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:  # constructor errors (e.g. bad tags) after a good compose
        mark = getattr(exc, "problem_mark", None)
        raise HandbookError(where, f"YAML error: {getattr(exc, 'problem', exc)}",
                            "remove custom tags; plain YAML only",
                            mark.line + 1 if mark else None) from None
    return data, lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def odd_indent(text: str, problem_line: int) -> tuple[int, int, int] | None:
    """(line, its indent, its neighbours' indent) when the parser's problem line or the line just
    above it is indented unlike both of its neighbours, the usual cause of a late-reported error."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    here = problem_line - 1
    if here not in content:
        return None
    k = content.index(here)
    before = content[k - 1] if k > 0 else None
    after = content[k + 1] if k + 1 < len(content) else None
    if before is None:
        return None
    before_line = lines[before]
    if before_line.rstrip().endswith(":") or before_line.lstrip().startswith("- "):
        return None  # a block opener or list item: a deeper next line is expected
    b, h = _indent(before_line), _indent(lines[here])
    a = _indent(lines[after]) if after is not None else None
    if b < h and a == h:  # the line above was outdented
        return before + 1, b, h
    if b < h and (a is None or a <= b):  # this line was indented too far
        return here + 1, h, b
    if b > h and a == h:  # the line above was indented too far
        return before + 1, b, h
    return None


def load_yaml_file(path: Path, where: str | None = None) -> tuple[Any, dict[Path_, int]]:
    path = Path(path)
    where = where or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HandbookError(where, "file is not UTF-8", "save it as UTF-8") from None
    return load_yaml_text(text, where)


def _index_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], where: str) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            # Non-scalar keys are rare and unhashable as node values: name them by position.
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else f"<key@{id(key_node)}>"
            if key in seen:
                raise HandbookError(where, f"key '{key}' appears twice (first on line {seen[key]})",
                                    "keep one of them", key_node.start_mark.line + 1)
            seen[key] = key_node.start_mark.line + 1
            _index_lines(value_node, path + (key,), lines, where)
            lines[path + (key,)] = key_node.start_mark.line + 1  # a field is where its key is written
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, path + (i,), lines, where)


def line_of(lines: dict[Path_, int], path: Path_) -> int | None:
    """The line of the deepest existing prefix of path (a missing key points at its parent)."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)
