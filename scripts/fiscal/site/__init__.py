"""The static site: Markdown/HTML pages, chart data and downloads made from the data package.

``fiscal site`` writes the pages into a docs directory and renders them with MkDocs
Material. Every string that comes from the package is treated as untrusted text.
"""
