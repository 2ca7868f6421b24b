"""Lighthouse (mobile, simulated throttling) on the built site served with gzip, for scripts/bench.py.

A static host that compresses text (as GitHub Pages, a CDN or nginx with gzip on do), the Lighthouse
CLI from node_modules/ (`npm ci`) driving Debian's Chromium, and the summary the report keeps:
the performance and accessibility scores, the key metrics and the failing accessibility audits.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

from .reader_metrics import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])
TARGETS = {"performance": 90, "accessibility": 95}

# The seven pages the report follows: (id, label, candidate paths, first that exists in the site wins).
# Older builds (before commit 9595856's successors split them per topic) had one compare/ and one facts/ page.
PAGES = [
    ("home", "首页", ("",)),
    ("playbook", "行业打法总览", ("playbooks/food-supply/",)),
    ("tactic", "打法页", ("playbooks/food-supply/b2b/",)),
    ("compare", "对比页", ("compare/store/", "compare/")),
    ("facts", "事实专题页", ("facts/store/", "facts/")),
    ("tactics", "打法索引", ("tactics/",)),
    ("redline", "违禁词自查", ("tools/redline-check/",)),
]

# What gets compressed: what nginx's gzip_types and GitHub Pages compress.
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/manifest+json")


class LighthouseUnavailable(RuntimeError):
    pass


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip: named, or by `*`, with a q-value above 0."""
    weights = {}
    for part in (header or "").split(","):
        name, *params = (x.strip() for x in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if name:
            weights[name.lower()] = q
    return weights.get("gzip", weights.get("*", 0.0)) > 0


def cache_control(url_path: str) -> str:
    """Hashed theme assets never change under their name; everything else like GitHub Pages (10 minutes)."""
    if url_path.startswith("/assets/") and ".min." in url_path:
        return "public, max-age=31536000, immutable"
    return "public, max-age=600"


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that gzips text types for clients that accept it, with Cache-Control."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", cache_control(self.path.split("?")[0]))
        super().end_headers()

    def _file(self) -> Path | None:
        fs = Path(self.translate_path(self.path))
        if fs.is_dir() and self.path.split("?")[0].endswith("/"):
            fs = fs / "index.html"
        return fs if fs.is_file() else None

    def _send_gzip(self, head_only: bool) -> bool:
        fs = self._file()
        if fs is None or not accepts_gzip(self.headers.get("Accept-Encoding")):
            return False
        ctype = self.guess_type(str(fs))
        if not ctype.startswith(TEXT_TYPES):
            return False
        body = _compressed(str(fs), fs.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype if "charset" in ctype else f"{ctype}; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)
        return True

    def do_GET(self):
        if not self._send_gzip(head_only=False):
            super().do_GET()

    def do_HEAD(self):
        if not self._send_gzip(head_only=True):
            super().do_HEAD()


@functools.lru_cache(maxsize=512)
def _compressed(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), 6)


def serve_gzip(directory: Path):
    """(server, base URL) of `directory` on loopback, text gzipped; server.shutdown() when done."""
    return serve(directory, GzipHandler)


def check_available(lighthouse: Path = LIGHTHOUSE, chromium: str = CHROMIUM) -> None:
    if not shutil.which("node"):
        raise LighthouseUnavailable(f"node not found: install Node.js (≥ 18), then run `npm ci` in {ROOT}")
    if not lighthouse.exists():
        raise LighthouseUnavailable(f"Lighthouse not found ({lighthouse}): run `npm ci` in {ROOT}")
    if not Path(chromium).exists():
        raise LighthouseUnavailable(f"{chromium} not found (apt-get install chromium)")


def run_once(url: str, lighthouse: Path = LIGHTHOUSE, timeout: int = 300) -> dict:
    """One Lighthouse run (mobile, default simulated throttling): the full result (LHR) as a dict."""
    cmd = [str(lighthouse), url, "--form-factor=mobile", "--only-categories=performance,accessibility",
           "--output=json", "--output-path=stdout", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "CHROME_PATH": CHROMIUM})
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url} (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
    return json.loads(proc.stdout)


def summarize(lhr: dict) -> dict:
    """The figures the report keeps from one Lighthouse result."""
    audits, cats = lhr["audits"], lhr["categories"]

    def score(cat: str) -> int | None:
        s = cats.get(cat, {}).get("score")
        return None if s is None else round(s * 100)

    def value(audit: str) -> float | None:
        return audits.get(audit, {}).get("numericValue")

    failing = sorted(ref["id"] for ref in cats.get("accessibility", {}).get("auditRefs", [])
                     if ref.get("weight", 0) > 0 and audits.get(ref["id"], {}).get("score") is not None
                     and audits[ref["id"]]["score"] < 1)
    fcp, lcp, tbt, cls, weight, dom, main, script = (value(a) for a in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
        "total-byte-weight", "dom-size", "mainthread-work-breakdown", "bootup-time"))

    def ms(x: float | None) -> int | None:
        return None if x is None else round(x)

    # Material's search worker fetches the whole search index right after load. When that request
    # starts before the page's first paint (as observed on this machine: a loaded CPU paints late),
    # Lighthouse's simulation counts its download against LCP, at 1.6 Mbps. Recorded per run.
    observed = ((audits.get("metrics", {}).get("details") or {}).get("items") or [{}])[0]
    obs_lcp = observed.get("observedLargestContentfulPaint")
    index = next((r for r in (audits.get("network-requests", {}).get("details") or {}).get("items", [])
                  if r.get("url", "").split("?")[0].endswith("/search/search_index.json")), None)

    return {"performance": score("performance"), "accessibility": score("accessibility"),
            "fcp_ms": ms(fcp), "lcp_ms": ms(lcp), "tbt_ms": ms(tbt), "cls": None if cls is None else round(cls, 3),
            "bytes": ms(weight), "a11y_failing": failing,
            # Where the time goes, for pages below target: DOM elements, main-thread and script time (ms,
            # as observed on this machine, before the simulated 4x CPU slowdown).
            "dom_elements": ms(dom), "mainthread_ms": ms(main), "script_ms": ms(script),
            "index_bytes": index and index.get("transferSize"),
            "index_before_lcp": None if index is None or obs_lcp is None else index["networkRequestTime"] < obs_lcp,
            "error": (lhr.get("runtimeError") or {}).get("code"),
            "lighthouse": lhr.get("lighthouseVersion"),
            "chrome": (lhr.get("environment") or {}).get("hostUserAgent", "").partition("Chrome/")[2].split(" ")[0] or None,
            "benchmark_index": (lhr.get("environment") or {}).get("benchmarkIndex")}


def median_summary(runs: list[dict]) -> dict:
    """Per-figure medians over the runs that produced scores; failing audits seen in any of them."""
    ok = [r for r in runs if r.get("performance") is not None and not r.get("error")]
    if not ok:
        return {"error": runs[0].get("error") if runs else "no runs", "runs": len(runs)}
    out = {}
    for key in ("performance", "accessibility", "fcp_ms", "lcp_ms", "tbt_ms", "cls", "bytes", "dom_elements",
                "mainthread_ms", "script_ms", "index_bytes", "benchmark_index"):
        vals = [r[key] for r in ok if r[key] is not None]
        out[key] = statistics.median(vals) if vals else None
    out["a11y_failing"] = sorted({a for r in ok for a in r["a11y_failing"]})
    out["performance_runs"] = [r["performance"] for r in ok]
    out["lcp_runs"] = [r["lcp_ms"] for r in ok]
    out["index_before_lcp_runs"] = sum(1 for r in ok if r.get("index_before_lcp"))
    out["runs"], out["failed_runs"] = len(runs), [r["error"] for r in runs if r not in ok]
    out["lighthouse"], out["chrome"] = ok[0]["lighthouse"], ok[0]["chrome"]
    return out


def resolve_pages(site_dir: Path) -> list[tuple[str, str, str]]:
    """(id, label, path) of the seven pages in this build: the first candidate path that exists."""
    out = []
    for pid, label, candidates in PAGES:
        path = next((c for c in candidates if (Path(site_dir) / c / "index.html").is_file()), None)
        if path is None:
            raise FileNotFoundError(f"{site_dir}: none of {candidates} is a page")
        out.append((pid, label, path))
    return out


def measure(sites: dict[str, Path], runs: int = 3, keep_dir: Path | None = None, log=print) -> dict:
    """Lighthouse `runs` times on each of the seven pages of each built site, each served with gzip.
    The sites take turns run by run (before, after, before, …), so load from other work on the
    machine falls on both alike. keep_dir: where to write each raw Lighthouse JSON, to find out why
    a page scores low. Returns {site name: {page id: median summary}} plus the load averages."""
    check_available()
    servers = {name: serve_gzip(d) for name, d in sites.items()}
    pages = {name: resolve_pages(d) for name, d in sites.items()}
    out: dict = {name: {} for name in sites}
    load = {"start": [round(x, 2) for x in os.getloadavg()], "per_page_1min": {}}
    try:
        for k, (pid, label, _) in enumerate(PAGES):
            results: dict[str, list[dict]] = {name: [] for name in sites}
            for i in range(runs):
                for name in sites:
                    path = pages[name][k][2]
                    try:
                        lhr = run_once(f"{servers[name][1]}/{path}")
                    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
                        log(f"lighthouse {name} /{path}: {e}")  # one flaky run does not sink the benchmark
                        results[name].append({"error": str(e)[:300]})
                        continue
                    if keep_dir:
                        keep_dir.mkdir(parents=True, exist_ok=True)
                        (keep_dir / f"{name}-{pid}-{i}.json").write_text(json.dumps(lhr), encoding="utf-8")
                    results[name].append(summarize(lhr))
            for name in sites:
                out[name][pid] = {"label": label, "path": pages[name][k][2], **median_summary(results[name])}
                log(f"lighthouse {name} /{out[name][pid]['path']}: performance {out[name][pid].get('performance')}, "
                    f"accessibility {out[name][pid].get('accessibility')}")
            load["per_page_1min"][pid] = round(os.getloadavg()[0], 2)
    finally:
        for server, _ in servers.values():
            server.shutdown()
    load["end"] = [round(x, 2) for x in os.getloadavg()]
    return {"sites": out, "load": load}
