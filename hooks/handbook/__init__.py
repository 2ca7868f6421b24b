"""Pure modules behind the site's MkDocs hooks and scripts.

Nothing here imports MkDocs: loading, validating and rendering run (and are tested) on their own,
so the same code serves `mkdocs build`, `scripts/check_facts.py` and a later move off MkDocs.
"""
