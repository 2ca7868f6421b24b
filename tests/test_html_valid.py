"""The built site is valid HTML: the Nu HTML checker (vnu.jar, from `npm ci`) over every page.

One vnu run checks the whole site. Every error, and every warning, fails the test unless it is
Material for MkDocs' own markup, listed in KNOWN_NOISE with the template that writes it. vnu's
plain "info" notes (e.g. the trailing slash Python-Markdown writes on <input />) are not failures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterable, NamedTuple
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, require_tool

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class Noise(NamedTuple):
    """A vnu message that comes from Material's templates, not from our content, hooks or overrides."""
    message: str  # regex, must match vnu's whole message
    markup: str   # regex, searched in the markup vnu points at (its highlighted start tag)
    reason: str   # the Material template or feature that writes it


KNOWN_NOISE: tuple[Noise, ...] = (
    Noise(re.escape("Bad value “” for attribute “tabindex” on element “label”: "
                    "The empty string is not a valid integer."),
          r'^<label class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">$',
          "material/templates/partials/nav-item.html writes tabindex=\"{{ tabindex }}\" on section labels, "
          "empty when the section is not collapsible (navigation.sections)"),
    Noise(re.escape("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
                    "“search”, “tel”, “text”, “time”, “url”, or “week”."),
          r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
          r'id="__(drawer|search)" autocomplete="off">$',
          "material/templates/base.html: the drawer and search toggles are checkboxes with autocomplete=\"off\""),
    Noise(re.escape("The value of the “for” attribute of the “label” element must be the ID of a "
                    "non-hidden form control."),
          r'^<label class="md-nav__title" for="__toc">$',
          "material/templates/partials/toc.html labels the __toc toggle, which partials/nav-item.html writes "
          "only for a page listed in the nav as a page, so section index pages (navigation.indexes) and pages "
          "outside the nav (facts/, compare/, print/) have a label without its checkbox"),
)


def _counts(message: dict) -> bool:
    """Errors and warnings count; vnu's plain info notes do not."""
    return message.get("type") != "info" or message.get("subType") == "warning"


def _markup(message: dict) -> str:
    extract, start = message.get("extract", ""), message.get("hiliteStart")
    return extract if start is None else extract[start:start + message.get("hiliteLength", 0)]


def _matches(noise: Noise, message: dict) -> bool:
    return bool(re.fullmatch(noise.message, message.get("message", ""))
                and re.search(noise.markup, _markup(message)))


def unexpected(messages: Iterable[dict], noise: Iterable[Noise] = KNOWN_NOISE) -> list[dict]:
    """vnu's messages that count and are not known Material noise."""
    noise = tuple(noise)
    return [m for m in messages if _counts(m) and not any(_matches(n, m) for n in noise)]


def unused_noise(messages: Iterable[dict], noise: Iterable[Noise] = KNOWN_NOISE) -> list[Noise]:
    """Noise entries no message matches: stale, so the list must drop them."""
    messages = [m for m in messages if _counts(m)]
    return [n for n in noise if not any(_matches(n, m) for m in messages)]


def _page(url: str, site: Path) -> str:
    path = Path(unquote(urlparse(url).path))
    try:
        return path.relative_to(site.resolve()).as_posix()
    except ValueError:
        return url


def describe(message: dict, site: Path) -> str:
    """`page: line: message`, the form the failure lists."""
    line = message.get("lastLine", message.get("firstLine", "?"))
    kind = "warning" if message.get("type") == "info" else message.get("type", "error")
    return f"{_page(message.get('url', ''), site)}: {line}: {kind}: {message.get('message', '')}"


def _vnu_missing_reason() -> str | None:
    if not shutil.which("java"):
        return "java not found (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(ROOT)} not found (npm ci installs it)"
    return None


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the Nu HTML checker. Skips locally without it; under CI it must exist."""
    require_tool("Nu HTML checker", _vnu_missing_reason())
    return ["java", "-jar", str(VNU_JAR)]


# Fixture order: vnu first, so a machine without the checker skips before building the site.
def test_built_site_is_valid_html(vnu, built_site):
    # --no-langdetect: vnu's language guess is statistical and not repeatable (the same fact page
    # is "English" on one run and not the next, from its Latin fact ids); test_pages_declare_chinese
    # checks the lang attribute instead.
    result = subprocess.run(vnu + ["--format", "json", "--stdout", "--skip-non-html", "--no-langdetect",
                                   str(built_site)], capture_output=True, text=True, timeout=600)
    assert result.stdout.strip(), f"vnu printed nothing (exit {result.returncode}): {result.stderr[-2000:]}"
    messages = json.loads(result.stdout)["messages"]

    bad = sorted(describe(m, built_site) for m in unexpected(messages))
    assert not bad, f"{len(bad)} HTML errors (Nu checker):\n" + "\n".join(bad)
    stale = unused_noise(messages)  # also what fails if vnu checked nothing
    assert not stale, "KNOWN_NOISE entries nothing matches any more, remove them:\n" + "\n".join(
        n.reason for n in stale)


def test_pages_declare_chinese(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    wrong = [p.relative_to(built_site).as_posix() for p in pages
             if not re.search(r'<html lang="zh"[ >]', p.read_text(encoding="utf-8")[:500])]
    assert not wrong, wrong


def _msg(message: str, markup: str, type_: str = "error", **extra) -> dict:
    return {"type": type_, "url": "file:/site/a/index.html", "lastLine": 7, "message": message,
            "extract": f"…{markup}…", "hiliteStart": 1, "hiliteLength": len(markup), **extra}


TABINDEX = "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer."
NAV_LABEL = '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'


def test_noise_filter():
    noise = _msg(TABINDEX, NAV_LABEL)
    ours_same_message = _msg(TABINDEX, '<label class="calc" tabindex="">')  # same message, our markup
    ours = _msg("Attribute “markdown” not allowed on element “div” at this point.", '<div markdown="0">')
    near_miss = _msg(TABINDEX + " Extra.", NAV_LABEL)  # the message must match whole
    warning = _msg("Section lacks heading.", "<section>", "info", subType="warning")
    info = _msg("Trailing slash on void elements has no effect.", "<input />", "info")
    messages = [noise, ours_same_message, ours, near_miss, warning, info]

    assert unexpected(messages) == [ours_same_message, ours, near_miss, warning]
    assert unexpected([]) == []
    assert unused_noise([noise, info]) == list(KNOWN_NOISE[1:])
    assert unused_noise(messages, KNOWN_NOISE[:1]) == []
    assert describe(ours, Path("/site")) == \
        "a/index.html: 7: error: Attribute “markdown” not allowed on element “div” at this point."
    assert describe(warning, Path("/site")).startswith("a/index.html: 7: warning: ")
