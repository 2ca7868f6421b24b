"""The pure parts of the Lighthouse benchmark (devtools/lighthouse.py, scripts/bench.py --lighthouse):
gzip negotiation of the static server, a Lighthouse result read into the report's summary, the page
list of old and new builds, and the report section merged into an existing report. Lighthouse itself
runs only in the benchmark."""

from __future__ import annotations

import gzip
import importlib.util
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from devtools import lighthouse as lh

ROOT = Path(__file__).resolve().parents[1]


def _audit(score, value=None):
    return {"score": score, "numericValue": value, "scoreDisplayMode": "binary" if value is None else "numeric"}


def fake_lhr(perf=0.87, a11y=0.93, failing=("aria-dialog-name",), runtime_error=None, index_start=175.0) -> dict:
    """The parts of a Lighthouse 12 result (LHR) that summarize() reads."""
    requests = [{"url": "http://127.0.0.1:1/", "networkRequestTime": 3.0, "transferSize": 12284},
                {"url": "http://127.0.0.1:1/search/search_index.json", "networkRequestTime": index_start,
                 "transferSize": 381160}]
    audits = {"metrics": {"details": {"items": [{"observedLargestContentfulPaint": 263.4}]}},
              "network-requests": {"details": {"items": requests}},"first-contentful-paint": _audit(0.8, 1694.4), "largest-contentful-paint": _audit(0.4, 3882.2),
              "total-blocking-time": _audit(0.9, 207.3), "cumulative-layout-shift": _audit(1, 0.00012),
              "total-byte-weight": _audit(1, 474872.0), "dom-size": _audit(1, 434),
              "mainthread-work-breakdown": _audit(0.9, 1600.2), "bootup-time": _audit(0.9, 600.7),
              "aria-dialog-name": _audit(0 if "aria-dialog-name" in failing else 1),
              "color-contrast": _audit(1), "image-alt": _audit(None),  # not applicable: no images
              "aria-allowed-role": _audit(0)}  # failing but weight 0: not counted
    refs = [{"id": "aria-dialog-name", "weight": 7}, {"id": "color-contrast", "weight": 7},
            {"id": "image-alt", "weight": 10}, {"id": "aria-allowed-role", "weight": 0}]
    return {"lighthouseVersion": "12.8.2", "audits": audits,
            "categories": {"performance": {"score": perf}, "accessibility": {"score": a11y, "auditRefs": refs}},
            "environment": {"hostUserAgent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0 Safari/537.36",
                            "benchmarkIndex": 2159.5},
            **({"runtimeError": {"code": runtime_error}} if runtime_error else {})}


def test_summary_keeps_scores_metrics_and_the_failing_accessibility_audits():
    s = lh.summarize(fake_lhr())
    assert (s["performance"], s["accessibility"]) == (87, 93)
    assert (s["fcp_ms"], s["lcp_ms"], s["tbt_ms"], s["cls"], s["bytes"]) == (1694, 3882, 207, 0.0, 474872)
    assert (s["dom_elements"], s["mainthread_ms"], s["script_ms"]) == (434, 1600, 601)
    assert s["a11y_failing"] == ["aria-dialog-name"]  # not the weight-0 one, not the not-applicable one
    assert (s["lighthouse"], s["chrome"], s["error"]) == ("12.8.2", "156.0.0.0", None)
    # The search index was requested before the observed first paint: the simulated LCP counts its download.
    assert s["index_before_lcp"] is True and s["index_bytes"] == 381160
    assert lh.summarize(fake_lhr(index_start=300.0))["index_before_lcp"] is False


def test_a_page_without_search_or_metrics_still_summarizes():
    lhr = fake_lhr()
    del lhr["audits"]["metrics"], lhr["audits"]["network-requests"]
    s = lh.summarize(lhr)
    assert s["index_before_lcp"] is None and s["index_bytes"] is None and s["performance"] == 87


def test_a_run_that_lighthouse_could_not_score_is_left_out_of_the_median():
    runs = [lh.summarize(fake_lhr(perf=p, index_start=t)) for p, t in ((0.81, 100), (0.95, 300), (0.84, 100))]
    runs.append(lh.summarize(fake_lhr(perf=None, runtime_error="NO_FCP")))
    runs.append({"error": "lighthouse failed on http://x/ (exit 1): boom"})
    m = lh.median_summary(runs)
    assert m["performance"] == 84 and m["performance_runs"] == [81, 95, 84]
    assert m["runs"] == 5 and len(m["failed_runs"]) == 2 and m["a11y_failing"] == ["aria-dialog-name"]
    assert m["index_before_lcp_runs"] == 2 and m["lcp_runs"] == [3882] * 3
    assert lh.median_summary([{"error": "boom"}]) == {"error": "boom", "runs": 1}


@pytest.mark.parametrize("header, ok", [
    ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True), ("GZIP", True),
    ("gzip;q=0", False), ("*;q=0", False), ("identity", False), ("", False), (None, False),
    ("*, gzip;q=0", False), ("*;q=0, gzip", True), ("gzip;q=x", False),
])
def test_gzip_negotiation(header, ok):
    assert lh.accepts_gzip(header) is ok


def test_cache_control_long_only_for_hashed_theme_assets():
    assert "immutable" in lh.cache_control("/assets/javascripts/bundle.a5f9d56c.min.js")
    assert lh.cache_control("/assets/handbook.css") == "public, max-age=600"
    assert lh.cache_control("/playbooks/food-supply/") == "public, max-age=600"


def _get(url: str, encoding: str | None):
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(req) as r:
        return r.headers, r.read()


def test_server_gzips_text_for_clients_that_accept_it(tmp_path):
    page = "<!doctype html><title>手册</title>" + "打法" * 2000
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "style.min.css").write_text("body{color:red}" * 100, encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 4)
    server, base = lh.serve_gzip(tmp_path)
    try:
        headers, body = _get(f"{base}/p/", "gzip, deflate")
        assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
        assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["Cache-Control"] == "public, max-age=600"
        assert int(headers["Content-Length"]) == len(body) < len(page.encode())
        assert gzip.decompress(body).decode("utf-8") == page

        headers, body = _get(f"{base}/p/", None)  # no Accept-Encoding: sent as is
        assert headers["Content-Encoding"] is None and body.decode("utf-8") == page

        headers, body = _get(f"{base}/style.min.css", "gzip;q=0")
        assert headers["Content-Encoding"] is None and headers["Cache-Control"] == "public, max-age=600"

        headers, body = _get(f"{base}/logo.png", "gzip")  # already compressed formats are not gzipped
        assert headers["Content-Encoding"] is None and body.startswith(b"\x89PNG")

        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(f"{base}/nope/", "gzip")
        assert missing.value.code == 404
    finally:
        server.shutdown()


def test_the_seven_pages_in_new_and_old_builds(tmp_path):
    def site(name, paths):
        for p in paths:
            (tmp_path / name / p).mkdir(parents=True, exist_ok=True)
            (tmp_path / name / p / "index.html").write_text("x", encoding="utf-8")
        return tmp_path / name

    common = ["", "playbooks/food-supply/", "playbooks/food-supply/b2b/", "tactics/", "tools/redline-check/"]
    new = dict((pid, path) for pid, _, path in lh.resolve_pages(site("new", common + ["compare/", "compare/store/",
                                                                                     "facts/", "facts/store/"])))
    old = dict((pid, path) for pid, _, path in lh.resolve_pages(site("old", common + ["compare/", "facts/"])))
    assert list(new) == ["home", "playbook", "tactic", "compare", "facts", "tactics", "redline"]
    assert (new["compare"], new["facts"]) == ("compare/store/", "facts/store/")
    assert (old["compare"], old["facts"]) == ("compare/", "facts/")
    with pytest.raises(FileNotFoundError):
        lh.resolve_pages(site("broken", ["tactics/"]))


def test_missing_lighthouse_says_to_run_npm_ci(tmp_path):
    with pytest.raises(lh.LighthouseUnavailable, match="npm ci"):
        lh.check_available(lighthouse=tmp_path / "node_modules" / ".bin" / "lighthouse")


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _side(commit, paths, perf, a11y):
    pages = {}
    for (pid, label, _), path, p, a in zip(lh.PAGES, paths, perf, a11y):
        s = lh.median_summary([lh.summarize(fake_lhr(perf=p / 100, a11y=a / 100,
                                                     failing=("aria-dialog-name",) if a < 100 else ()))])
        pages[pid] = {"label": label, "path": path, **s}
    return {"commit": commit, "built": "mkdocs build --strict", "pages": pages}


def test_lighthouse_section_merges_into_an_existing_report(tmp_path):
    bench = _bench()
    old_data = {"date": "2026-12-03", "machine": "2 核, Python 3.11.7", "serve": {"seconds": 5.48},
                "real_site": {"strict_build_s": 6.04, "runs": [6.04], "properdocs_build_s": 6.12, "properdocs_runs": [6.12],
                              "raw_bytes": 1_460_000, "gzip_bytes": 370_000, "pages": 56}}
    report = tmp_path / "report.md"
    report.with_suffix(".json").write_text(json.dumps(old_data, ensure_ascii=False), encoding="utf-8")
    new_paths = ["", "playbooks/food-supply/", "playbooks/food-supply/b2b/", "compare/store/", "facts/store/", "tactics/",
                 "tools/redline-check/"]
    old_paths = new_paths[:3] + ["compare/", "facts/"] + new_paths[5:]
    section = {"date": "2026-12-03 10:00", "machine": "2 核", "runs": 3, "uptime_start": "load average: 1.0",
               "uptime_end": "load average: 2.0", "load": {"start": [1, 1, 1], "end": [2, 2, 2],
                                                           "per_page_1min": {pid: 1.5 for pid, _, _ in lh.PAGES}},
               "before": _side("9595856", old_paths, [80] * 7, [93] * 7),
               "after": _side("ef99d0b", new_paths, [95, 95, 59, 95, 95, 95, 95], [100] * 7)}
    bench.write_report(report, {"lighthouse": section}, merge=True)

    data = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["real_site"] == old_data["real_site"] and data["serve"] == old_data["serve"]
    assert data["lighthouse"]["after"]["pages"]["tactic"]["performance"] == 59
    text = report.read_text(encoding="utf-8")
    assert "6.04 秒" in text and "## Lighthouse" in text and "9595856" in text and "ef99d0b" in text
    tactic = next(line for line in text.splitlines() if line.startswith("| 打法页 |"))
    assert "**80** → **59**" in tactic
    compare = next(line for line in text.splitlines() if line.startswith("| 对比页 |"))
    assert "`compare/ → compare/store/`" in compare and "**93** → 100" in compare
    assert "无障碍未通过的审计（之后）：无。" in text and "home：aria-dialog-name" in text
    assert "| 80 → 59 |" in tactic and tactic.endswith("| 1/3 → 1/3 |")  # each run's score; index-first runs
    assert "gzip 372 KB → 372 KB" in text
