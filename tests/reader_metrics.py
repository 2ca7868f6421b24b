"""What a reader's phone downloads on a first visit, measured in Chromium (used by tests and bench)."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
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
                b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
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
