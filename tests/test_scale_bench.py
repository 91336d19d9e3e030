"""``fiscal bench --scale N``: a throwaway repository of N reports, and the figures line.

The figures themselves belong to the machine and are never asserted; what is checked is
that the repository is N distinct reports made from the real ones and that one run
prints every measurement in the promised form.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

from fiscal.catalogue.rows import read_catalogue
from fiscal.ops.scale_bench import scaled_catalogue
from fiscal.schema import CATALOGUE_PATH

LAST_LINE = re.compile(
    r"scale (\d+): extract \d+\.\d\dx pdfplumber, noop \d+\.\d s, add-one \d+\.\d\dx, "
    r"site \d+\.\d s, \d+ MiB"
)


def test_copies_are_distinct_reports_of_distinct_publishers() -> None:
    rows = read_catalogue(CATALOGUE_PATH)
    originals = list(dict.fromkeys(row["report_id"] for row in rows))
    count = len(originals) + 5

    catalogue, added = scaled_catalogue(rows, count)

    ids = list(dict.fromkeys(row["report_id"] for row in catalogue))
    assert len(ids) == count and ids[: len(originals)] == originals
    assert ids[len(originals)] == f"{originals[0]}-x2"
    [added_id] = {row["report_id"] for row in added}
    assert added_id == f"{originals[5]}-x2" and added_id not in ids
    files = Counter(row["report_id"] for row in rows)
    copies = Counter(row["report_id"] for row in catalogue)
    assert all(copies[f"{r}-x2"] == files[r] for r in originals[:5])  # both volumes of a pair
    first_round = {row["publisher_id"] for row in catalogue if row["report_id"] in originals}
    second = {row["publisher_id"] for row in catalogue if row["report_id"].endswith("-x2")}
    assert not first_round & second
    assert all(row["file_path"].startswith(f"data/raw/{row['report_id']}/") for row in catalogue)
    assert all(row["superseded_by"] in {"", *ids} for row in catalogue)


def test_one_run_prints_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fiscal.cli", "bench", "--scale", "2"],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert LAST_LINE.fullmatch(lines[-1]), lines[-1]
    assert LAST_LINE.fullmatch(lines[-1])[1] == "2"
    assert any(line.startswith("  peak memory of a worker: ") for line in lines)
    assert any(
        re.match(r"  plain pdfplumber in one process .*: [\d.]+ s before .*, [\d.]+ s after", line)
        for line in lines
    )
    assert any(re.match(r"  plain pdfplumber on all \d+ cores: \d+\.\d\dx", line) for line in lines)


def test_a_replicated_package_holds_every_report_again_under_new_ids(tmp_path) -> None:
    """The site benchmark's package of N reports: the originals, then copies whose rows
    are the originals' with ids, publishers and file paths of their own."""
    from fiscal.ops.site_bench import replicated_package
    from fiscal.schema import DESCRIPTOR, read_csv, resource

    originals = read_csv(DESCRIPTOR.parent / resource("sources")["path"])
    report_ids = list(dict.fromkeys(originals["report_id"]))
    copied = replicated_package(DESCRIPTOR, len(report_ids) + 2, tmp_path)

    sources = read_csv(copied.parent / resource("sources")["path"])
    ids = list(dict.fromkeys(sources["report_id"]))
    assert ids == [*report_ids, f"{report_ids[0]}-x2", f"{report_ids[1]}-x2"]
    assert sources["file_path"].is_unique
    amounts = read_csv(copied.parent / resource("amounts")["path"])
    original = amounts[amounts["report_id"] == report_ids[1]].drop(columns="report_id")
    copy = amounts[amounts["report_id"] == f"{report_ids[1]}-x2"].drop(columns="report_id")
    assert len(copy) == len(original) > 0
    assert copy.reset_index(drop=True).equals(original.reset_index(drop=True))
    copy_publishers = set(sources.loc[sources["report_id"].str.endswith("-x2"), "publisher_id"])
    assert copy_publishers and not copy_publishers & set(originals["publisher_id"])
