"""``fiscal``: the command line. Each command is a thin sentence over one module."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fiscal.errors import CatalogueError, DocumentError
from fiscal.schema import CATALOGUE_PATH
from fiscal.vocabulary import ADMIN_LEVELS, DEPARTMENT_KINDS, PHASES, SCOPES


def _extract(args: argparse.Namespace) -> int:
    from fiscal.ops.limits import Limits
    from fiscal.stages.extract import extract_to_directory

    limited = args.time_limit is not None or args.memory_limit is not None
    if limited and not (args.time_limit and args.memory_limit and args.record_failure):
        raise SystemExit("error: --time-limit and --memory-limit go together with --record-failure")
    limits = Limits(args.time_limit, args.memory_limit) if limited else None
    document = args.document[0] if len(args.document) == 1 else args.document
    print(
        extract_to_directory(
            document, args.out, args.report_id, args.catalogue, args.record_failure, limits
        )
    )
    return 0


def _extract_all(args: argparse.Namespace) -> int:
    from fiscal.ops.cluster import ClusterError
    from fiscal.ops.limits import Limits
    from fiscal.stages.extract_all import extract_reports

    limits = Limits(args.time_limit, args.memory_limit)
    try:
        summary = extract_reports(
            args.raw, args.catalogue, args.out, limits, args.scheduler, args.workers
        )
    except ClusterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(summary)
    return 0


def _split_catalogue(args: argparse.Namespace) -> int:
    from fiscal.catalogue.rows import ROWS_PATH, split_catalogue

    print(split_catalogue(args.catalogue, args.out or ROWS_PATH))
    return 0


def _package(args: argparse.Namespace) -> int:
    from fiscal.stages.package import assemble_package

    print(assemble_package(args.extracted, args.catalogue))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from fiscal.package.validate import validate_package

    report = validate_package(args.descriptor)
    print(report.summary)
    return 0 if report.valid else 1


def _interactive(args: argparse.Namespace) -> bool:
    """Ask only a person at a terminal: never with --yes, in CI or with piped input."""
    return not args.yes and sys.stdin.isatty() and not os.environ.get("CI")


def _confirm(args: argparse.Namespace, question: str) -> bool:
    return not _interactive(args) or input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def _add(args: argparse.Namespace) -> int:
    from fiscal.catalogue.lifecycle import Given, add_report, describe

    given = Given(
        **{name: getattr(args, name) for name in Given.__dataclass_fields__},
    )

    def confirm(rows: list[dict[str, str]]) -> bool:
        for name, value in rows[0].items():
            print(f"  {name:>14}: {value}")
        for row in rows[1:]:  # the report's other volume
            print(f"  {'part':>14}: {row['part']}\n  {'file_path':>14}: {row['file_path']}")
        return _confirm(args, "Add this report? (override any field with its option)")

    added = add_report(args.file[0] if len(args.file) == 1 else args.file, given, confirm)
    print(describe(added))
    return 0 if added.package_valid and added.report["status"] == "ok" else 1


def _remove(args: argparse.Namespace) -> int:
    from fiscal.catalogue.lifecycle import remove_report

    if not _confirm(args, f"Remove {args.report_id} from the catalogue?"):
        print("nothing removed")
        return 1
    row = remove_report(args.report_id)
    print(f"removed {row['report_id']} ({row['title']}); its file stays in the DVC remote")
    print("next: git add -A data/sources.csv params.yaml dvc.lock data/raw && git commit")
    return 0


def _list(args: argparse.Namespace) -> int:
    from fiscal.catalogue.lifecycle import list_reports

    print(list_reports().to_string(index=False))
    return 0


def _bench(args: argparse.Namespace) -> int:
    if args.scale:
        from fiscal.ops.scale_bench import run_scale_benchmark

        run_scale_benchmark(args.scale, args.keep)
        return 0
    if args.site:
        from fiscal.ops.site_bench import run_site_benchmark

        run_site_benchmark(reports=args.reports)
        return 0
    from fiscal.ops.bench import run_benchmark

    run_benchmark(args.pdfs, args.repeat)
    return 0


def _site(args: argparse.Namespace) -> int:
    from fiscal.site.generate import build_site

    print(build_site(args.package, args.docs, args.out, site_url=args.site_url))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="fiscal", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    extract = commands.add_parser(
        "extract",
        help="extract one PDF (or .docx / .xlsx of performance forms) into a one-report package",
    )
    extract.add_argument(
        "document",
        type=Path,
        nargs="+",
        help="the source file, a report's files (narrative, then tables) or their directory",
    )
    extract.add_argument("--out", type=Path, required=True, help="directory to write")
    extract.add_argument("--report-id", help="catalogue id (default: from the file name)")
    extract.add_argument(
        "--catalogue",
        type=Path,
        help="the report's catalogue row (data/catalogue/<id>.csv, or a whole catalogue): "
        "its facts are final and the document must print its year",
    )
    extract.add_argument(
        "--record-failure",
        action="store_true",
        help="write a failed report instead of exiting non-zero (pipeline use)",
    )
    extract.add_argument(
        "--time-limit", type=float, metavar="SECONDS", help="fail the report past this time"
    )
    extract.add_argument(
        "--memory-limit", type=int, metavar="MB", help="fail the report past this memory"
    )
    extract.set_defaults(run=_extract)

    every = commands.add_parser(
        "extract-all",
        help="extract every catalogued report whose sources, rows or extractor changed, "
        "in parallel on Dask",
    )
    every.add_argument("raw", type=Path, help="the reports' files: RAW/<report_id>/")
    every.add_argument(
        "--catalogue", type=Path, required=True, help="the rows, one file per report (<id>.csv)"
    )
    every.add_argument("--out", type=Path, required=True, help="directory of one-report packages")
    every.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a Dask scheduler (tcp://host:8786); default: DASK_SCHEDULER_ADDRESS, "
        "else a local cluster",
    )
    every.add_argument("--workers", type=int, help="local worker processes (default: cores)")
    every.add_argument("--time-limit", type=float, metavar="SECONDS", required=True)
    every.add_argument("--memory-limit", type=int, metavar="MB", required=True)
    every.set_defaults(run=_extract_all)

    rows = commands.add_parser(
        "split-catalogue", help="write each report's catalogue rows to a file of its own"
    )
    rows.add_argument("--catalogue", type=Path, default=CATALOGUE_PATH)
    rows.add_argument("--out", type=Path, help="directory to write (default: data/catalogue)")
    rows.set_defaults(run=_split_catalogue)

    package = commands.add_parser("package", help="assemble the repository's data package")
    package.add_argument("--extracted", type=Path, default=Path("data/extracted"))
    package.add_argument("--catalogue", type=Path, default=CATALOGUE_PATH)
    package.set_defaults(run=_package)

    validate = commands.add_parser("validate", help="validate a data package with frictionless")
    validate.add_argument("descriptor", type=Path, nargs="?", default=Path("datapackage.json"))
    validate.set_defaults(run=_validate)

    add = commands.add_parser(
        "add", help="catalogue a report file, extract it and rebuild the package"
    )
    add.add_argument(
        "file",
        type=Path,
        nargs="+",
        help="the published PDF, or a report's narrative volume then its tables volume",
    )
    add.add_argument("--publisher", help="publishing department, as printed")
    add.add_argument("--publisher-id", help="stable id, e.g. shpt-czj (default: proposed)")
    add.add_argument("--year", type=int, help="fiscal year the figures are for")
    add.add_argument("--family", choices=list(PHASES))
    add.add_argument("--scope", choices=list(SCOPES))
    add.add_argument("--title", help="title as published")
    add.add_argument("--province", help="e.g. 上海市 (with --city/--district as needed)")
    add.add_argument("--city")
    add.add_argument("--district")
    add.add_argument("--level", choices=list(ADMIN_LEVELS))
    add.add_argument(
        "--department-kind", choices=list(DEPARTMENT_KINDS), help="default: from the name"
    )
    add.add_argument("--source-url", help="where the publisher posted the file")
    add.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add.set_defaults(run=_add)

    remove = commands.add_parser("remove", help="take a report out of the catalogue")
    remove.add_argument("report_id")
    remove.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    remove.set_defaults(run=_remove)

    listing = commands.add_parser("list", help="the catalogued reports and their status")
    listing.set_defaults(run=_list)

    site = commands.add_parser(
        "site", help="generate the site's pages and downloads from a package and render it"
    )
    site.add_argument("--package", type=Path, default=Path("datapackage.json"))
    site.add_argument("--docs", type=Path, default=Path("build/docs"), help="pages to write")
    site.add_argument("--out", type=Path, default=Path("build/site"), help="rendered site")
    site.add_argument(
        "--site-url",
        help="where the site is published (default: site_url of mkdocs.yml); the sitemap's "
        "addresses and the 404 page's links take it",
    )
    site.set_defaults(run=_site)

    bench = commands.add_parser(
        "bench", help="print extraction speed and peak memory (or, with --site, site build)"
    )
    bench.add_argument("pdfs", type=Path, nargs="*")
    bench.add_argument("--repeat", type=int, default=1)
    bench.add_argument(
        "--site", action="store_true", help="instead: site build time and page weight"
    )
    bench.add_argument(
        "--scale",
        type=int,
        metavar="N",
        help="instead: the whole pipeline on a throwaway repository of N reports",
    )
    bench.add_argument(
        "--reports",
        type=int,
        metavar="N",
        help="with --site: the site of N reports, the package's copied under distinct ids",
    )
    bench.add_argument(
        "--keep", type=Path, metavar="DIR", help="with --scale: build it in DIR and keep it"
    )
    bench.set_defaults(run=_bench)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except (DocumentError, CatalogueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
