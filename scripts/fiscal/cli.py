"""``fiscal``: the command line. Each command is a thin sentence over one module."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalogue import CATALOGUE_PATH
from .document import DocumentError


def _extract(args: argparse.Namespace) -> int:
    from .build import extract_to_directory

    print(
        extract_to_directory(
            args.pdf, args.out, args.report_id, args.catalogue, args.record_failure
        )
    )
    return 0


def _package(args: argparse.Namespace) -> int:
    from .build import assemble_package

    print(assemble_package(args.extracted, args.catalogue))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate_package

    report = validate_package(args.descriptor)
    print(report.summary)
    return 0 if report.valid else 1


def _bench(args: argparse.Namespace) -> int:
    from .bench import run_benchmark

    run_benchmark(args.pdfs, args.repeat)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="fiscal", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)

    extract = commands.add_parser(
        "extract",
        help="extract one PDF (or .docx / .xlsx of performance forms) into a one-report package",
    )
    extract.add_argument("pdf", type=Path)
    extract.add_argument("--out", type=Path, required=True, help="directory to write")
    extract.add_argument("--report-id", help="catalogue id (default: from the file name)")
    extract.add_argument(
        "--catalogue",
        type=Path,
        help="take the report's facts from this catalogue and check its year",
    )
    extract.add_argument(
        "--record-failure",
        action="store_true",
        help="write a failed report instead of exiting non-zero (pipeline use)",
    )
    extract.set_defaults(run=_extract)

    package = commands.add_parser("package", help="assemble the repository's data package")
    package.add_argument("--extracted", type=Path, default=Path("data/extracted"))
    package.add_argument("--catalogue", type=Path, default=CATALOGUE_PATH)
    package.set_defaults(run=_package)

    validate = commands.add_parser("validate", help="validate a data package with frictionless")
    validate.add_argument("descriptor", type=Path, nargs="?", default=Path("datapackage.json"))
    validate.set_defaults(run=_validate)

    bench = commands.add_parser("bench", help="print extraction speed and peak memory")
    bench.add_argument("pdfs", type=Path, nargs="*")
    bench.add_argument("--repeat", type=int, default=1)
    bench.set_defaults(run=_bench)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except DocumentError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
