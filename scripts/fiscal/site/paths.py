"""Where each page and download lives in the docs directory (and so on the site).

Pages link to each other by these paths, made relative by :func:`markup.href`; report
and publisher ids are already URL-safe slugs, so the addresses stay stable.
"""

from __future__ import annotations

HOME = "index.md"
REPORTS_INDEX = "reports/index.md"
PUBLISHERS_INDEX = "publishers/index.md"
PLACES_INDEX = "places/index.md"
KINDS_INDEX = "kinds/index.md"
COMPARE_INDEX = "compare/index.md"
FUNCTION_CLASSES_PAGE = "compare/function-classes.md"
THREE_PUBLIC_PAGE = "compare/three-public.md"
PERSONNEL_PAGE = "compare/personnel-public.md"
DOWNLOADS_PAGE = "data/downloads.md"
DICTIONARY = "data/dictionary.md"
QUALITY = "data/quality.md"
CODES_INDEX = "codes/index.md"
QUERY_PAGE = "data/query.md"
CONTRIBUTING = "contributing.md"
DOWNLOADS = "downloads"


def deferred_path(page_path: str) -> str:
    """Where a page's deferred HTML waits for the render (see ``markup.Deferred``): under
    a dot directory, which MkDocs neither renders nor copies into the site."""
    return f".deferred/{page_path}.json"


def report_path(report_id: str) -> str:
    return f"reports/{report_id}.md"


def publisher_path(publisher_id: str) -> str:
    return f"publishers/{publisher_id}.md"


def place_path(division_code: str) -> str:
    return f"places/{division_code}.md"


def kind_path(department_kind: str) -> str:
    return f"kinds/{department_kind}.md"


def function_code_path(code: str) -> str:
    return f"codes/function/{code}.md"


def economic_code_path(code: str) -> str:
    return f"codes/economic/{code}.md"


# --- the machine-readable side: stable URLs a program can rely on ---------------------
# Every CSV here is gzip-compressed (``.csv.gz``, which frictionless, pandas and R read as
# they are): figures compress tenfold, and at a thousand reports the plain files were
# 450 MB of the site.
#: The site's own data package: the package's descriptor with every resource pointing at
#: the site's CSV download, so ``frictionless validate <site>/datapackage.json`` works.
SITE_DESCRIPTOR = "datapackage.json"
#: Every report with the URL of its JSON.
REPORTS_API = "api/reports.json"
#: The package's spending, income and 三公 figures as one Fiscal Data Package (OpenSpending).
FISCAL_DESCRIPTOR = "api/fiscal/datapackage.json"
FISCAL_FACTS = "api/fiscal/facts.csv.gz"
#: The page that lists these addresses.
API_PAGE = "data/api.md"


def package_csv_path(name: str) -> str:
    """A resource's CSV exactly as the package holds it, gzip-compressed, for the site's
    descriptor (frictionless and pandas read ``.csv.gz`` as it is)."""
    return f"api/package/{name}.csv.gz"


def report_json_path(report_id: str) -> str:
    """A report's catalogue facts, outcome, tables and findings as JSON."""
    return f"api/reports/{report_id}.json"


def report_amounts_path(report_id: str) -> str:
    """A report's rows of ``amounts`` as CSV (the package's rows, unchanged), gzip-compressed
    as every CSV under ``api/`` is."""
    return f"api/reports/{report_id}.amounts.csv.gz"
