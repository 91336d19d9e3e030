"""MkDocs hooks, passed by ``generate.render``: what the site's render adds to MkDocs.

Each rendered page gets back the HTML its Markdown deferred (``markup.Deferred``): the
tables of figures, which neither Markdown nor the search index needs to read.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from fiscal.site.markup import restore_deferred
from fiscal.site.paths import deferred_path


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    path = Path(config["docs_dir"]) / deferred_path(page.file.src_uri)
    if not path.is_file():
        return output
    return restore_deferred(output, json.loads(path.read_text(encoding="utf-8")))
