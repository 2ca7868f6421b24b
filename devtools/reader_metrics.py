"""What a reader's phone downloads on a first visit, measured in Chromium (used by tests and bench)."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"  # Debian's package; no browser is downloaded
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Quiet):
    """(server, base URL) of `directory` on loopback; server.shutdown() when done."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def first_visit(site_dir: Path, path: str, browser=None) -> dict:
    """Bytes (as served, and gzip-compressed as a real host would send them) and requests for one
    cold page load on a phone-sized viewport; the search index is counted apart."""
    from playwright.sync_api import sync_playwright

    server, base = serve(site_dir)
    seen: list[tuple[str, int, int]] = []

    def visit(b) -> None:
        context = b.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()

        def done(response):
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests carry no body
                body = b""
            seen.append((response.url, len(body), len(gzip.compress(body, 6))))

        page.on("response", done)
        page.goto(f"{base}/{path}", wait_until="networkidle")
        context.close()

    try:
        if browser is not None:
            visit(browser)
        else:
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                visit(b)
                b.close()
    finally:
        server.shutdown()
    host = urlparse(base).netloc
    index = [s for s in seen if s[0].endswith("search/search_index.json")]
    rest = [s for s in seen if not s[0].endswith("search/search_index.json")]
    return {"requests": len(rest), "bytes": sum(s[1] for s in rest), "gzip_bytes": sum(s[2] for s in rest),
            "index_bytes": sum(s[1] for s in index), "index_gzip_bytes": sum(s[2] for s in index),
            "third_party": sum(1 for s in seen if urlparse(s[0]).netloc not in (host, "")),
            "largest": sorted(((s[1], s[0].replace(base, "")) for s in rest), reverse=True)[:5]}


REDLINE_TIMING_JS = """(chars) => {
    const unit = '这款牛肉丸是工厂现打的，冷链配送到店，最佳口感在解冻后两小时内。加微信领券。';
    const text = unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
    const runs = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      window.handbookRedline.check(text, '', '', '');
      runs.push(performance.now() - t0);
    }
    return runs;
}"""


def redline_check_ms(page, chars: int = 10000) -> list[float]:
    """Seven timings (ms) of the in-page red-line checker on a text of `chars` characters;
    `page` is already on tools/redline-check/ with the checker ready."""
    return page.evaluate(REDLINE_TIMING_JS, chars)


def redline_timing(site_dir: Path, chars: int = 10000) -> dict:
    """The red-line checker's median time in Chromium on a phone viewport, for the benchmark."""
    import statistics
    from playwright.sync_api import sync_playwright

    server, base = serve(site_dir)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = b.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
            page.goto(f"{base}/tools/redline-check/")
            page.wait_for_selector("[data-redline-checker][data-ready=true]", timeout=30000)
            runs = redline_check_ms(page, chars)
            b.close()
    finally:
        server.shutdown()
    return {"chars": chars, "median_ms": round(statistics.median(runs), 1), "runs": [round(r, 1) for r in runs]}
