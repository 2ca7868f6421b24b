"""Measuring the built site as a reader meets it, shared by the tests and scripts/bench.py:
serving it over loopback, first-visit bytes, red-line checker timings, `mkdocs serve` rebuild time,
search recall in Chromium, Lighthouse on the site served with gzip. Not part of the build (that is hooks/handbook/)."""
