"""MkDocs hooks, passed by ``generate.render``: what the site's render adds to MkDocs.

Each rendered page gets back the HTML its Markdown deferred (``markup.Deferred``): the
tables of figures, which neither Markdown nor the search index needs to read. The files
MkDocs would copy as they are (downloads, source PDFs, assets) are linked into the site
instead: at a thousand reports they are a gigabyte.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from fiscal.site.markup import restore_deferred
from fiscal.site.paths import deferred_path


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    path = Path(config["docs_dir"]) / deferred_path(page.file.src_uri)
    if not path.is_file():
        return output
    return restore_deferred(output, json.loads(path.read_text(encoding="utf-8")))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Hard-link each file of the docs that MkDocs copies byte for byte into the site
    directory (cleaned just before this event), where MkDocs then finds the very file
    already and leaves it (it lets ``shutil.SameFileError`` pass for plugins that write
    into the site). Where a link cannot be made (another file system) MkDocs copies."""
    docs = os.path.realpath(config["docs_dir"])
    for file in files:
        if file.is_documentation_page() or file.abs_src_path is None:
            continue
        if not file.inclusion.is_included():
            continue  # never published (the deferred tables, other hidden files)
        if os.path.realpath(file.src_dir or "") != docs:
            continue  # the theme's own files
        target = file.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(file.abs_src_path, target)
        except OSError:
            continue
    return files
