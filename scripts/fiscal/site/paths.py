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
#: The site's own data package: the package's descriptor with every resource pointing at
#: the site's CSV download, so ``frictionless validate <site>/datapackage.json`` works.
SITE_DESCRIPTOR = "datapackage.json"
#: Every report with the URL of its JSON.
REPORTS_API = "api/reports.json"
#: The package's spending, income and 三公 figures as one Fiscal Data Package (OpenSpending).
FISCAL_DESCRIPTOR = "api/fiscal/datapackage.json"
FISCAL_FACTS = "api/fiscal/facts.csv"
#: The page that lists these addresses.
API_PAGE = "data/api.md"


def package_csv_path(name: str) -> str:
    """A resource's CSV exactly as the package holds it, for the site's descriptor."""
    return f"api/package/{name}.csv"


def report_json_path(report_id: str) -> str:
    """A report's catalogue facts, outcome, tables and findings as JSON."""
    return f"api/reports/{report_id}.json"


def report_amounts_path(report_id: str) -> str:
    """A report's rows of ``amounts`` as CSV (the package's rows, unchanged)."""
    return f"api/reports/{report_id}.amounts.csv"
