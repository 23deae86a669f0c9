"""Check every data file of a mirror: rows counted two ways, structure, duplicates, hashes.

Validation reads each file completely, twice: once through ioarchive's scan (Polars) and once
with Python's ``csv`` module, independently, so that a reader bug cannot hide a lost row. It is
eager by design, and its name says so.

Examples:
    >>> import ioarchive
    >>> from ioarchive.validate import validate
    >>> report = validate(ioarchive.discover(ioarchive.synthetic.demo_archive_path()))
    >>> report["ok"].all(), report["rows"].sum() == report["rows_independent"].sum()
    (True, True)
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from typing import Any

import polars as pl

from ioarchive._progress import iterate
from ioarchive._records import RecordCount, count_records
from ioarchive.discovery import Catalog, discover
from ioarchive.exceptions import IOArchiveError
from ioarchive.identity import id_kind
from ioarchive.scan import BadRowsWarning, bad_rows, read_header, scan_tweets, scan_users
from ioarchive.schema import FileKind

__all__ = ["VALIDATION_SCHEMA", "validate", "validate_file"]

_LISTED = 20
"""Bad rows listed one by one in a report's ``problems``; more are counted."""

VALIDATION_SCHEMA: pl.Schema = pl.Schema(
    {
        "path": pl.String(),
        "campaign": pl.String(),
        "kind": pl.String(),
        "era": pl.String(),
        "rows": pl.Int64(),
        "rows_independent": pl.Int64(),
        "blank_lines": pl.Int64(),
        "repeated_headers": pl.Int64(),
        "duplicate_tweetids": pl.Int64(),
        "bad_rows": pl.Int64(),
        "hash_formats": pl.String(),
        "problems": pl.List(pl.String()),
        "ok": pl.Boolean(),
    }
)
"""Columns of a validation report, one row per file.

``rows`` is the number of rows ioarchive reads; ``bad_rows`` the rows it cannot read (listed,
with their lines, in ``problems``); ``rows_independent`` the number Python's ``csv`` module
reads (blank lines and repeated headers excluded); ``duplicate_tweetids`` rows
whose tweet id was already seen (tweets files); ``hash_formats`` how many ``userid`` values are
of each id kind (``numeric``, ``hex64``, ``base64``, ``other``); ``problems`` what is wrong;
``ok`` true when nothing is.
"""


def validate_file(
    path: str,
    *,
    kind: FileKind | None = None,
    campaign: str | None = None,
    storage_options: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Validate one tweets or users file (reads it completely, twice).

    Args:
        path: A local path or URL of a CSV file (plain or gzip).
        kind: ``"tweets"`` or ``"users"``; None tells it from the header.
        campaign: The campaign, for the report.
        storage_options: fsspec options for remote paths.

    Returns:
        One report row, as a dict with the keys of
        [`VALIDATION_SCHEMA`][ioarchive.validate.VALIDATION_SCHEMA].
    """
    report: dict[str, Any] = dict.fromkeys(VALIDATION_SCHEMA)
    report.update(path=path, campaign=campaign, kind=kind, problems=[])
    problems: list[str] = report["problems"]
    try:
        header = read_header(path, kind=kind, storage_options=storage_options)
    except IOArchiveError as error:
        problems.append(_describe(error))
        report["ok"] = False
        return report
    report.update(kind=str(header.kind), era=header.era.value)
    listed: list[int] = []
    scan = scan_tweets if header.kind is FileKind.TWEETS else scan_users
    # Every cell of every row is checked in skip mode; bad rows are then listed one by one.
    lf = scan(path, campaign=campaign, storage_options=storage_options, on_bad_rows="skip")
    try:
        stats = {
            "rows": pl.len(),
            "kinds": id_kind("userid").value_counts(sort=True).implode(),
            "duplicates": pl.len() - pl.col("tweetid").n_unique(),
        }
        if header.kind is not FileKind.TWEETS:
            del stats["duplicates"]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BadRowsWarning)
            row = lf.select(**stats).collect().row(0, named=True)  # eager: validation reads all
        report["rows"] = row["rows"]
        report["bad_rows"] = 0
        if any(issubclass(w.category, BadRowsWarning) for w in caught):
            listed = _list_bad_rows(path, header.kind, storage_options, problems)
            report["bad_rows"] = len(listed)
        kinds = {k["userid"]: k["count"] for k in row["kinds"]}
        report["hash_formats"] = ", ".join(f"{k}: {n}" for k, n in kinds.items())
        if kinds.get("other"):
            problems.append("userid values that are neither ids nor archive hashes")
        if "duplicates" in row:
            report["duplicate_tweetids"] = row["duplicates"]
            if row["duplicates"]:
                problems.append(f"{row['duplicates']} duplicate tweet ids")
    except IOArchiveError as error:
        problems.append(_describe(error))
    try:
        counts = count_records(path, storage_options)
    except IOArchiveError as error:  # e.g. a damaged gzip: the scan said so already, or will
        if not problems:
            problems.append(_describe(error))
        report["ok"] = False
        return report
    report.update(rows_independent=counts.rows, blank_lines=counts.blank_lines)
    report.update(repeated_headers=counts.repeated_headers)
    problems.extend(_count_problems(counts, set(listed), len(header.columns)))
    if report["rows"] is not None:
        read = report["rows"] + (report["bad_rows"] or 0)
        independent = counts.rows + len(counts.errors)
        if read != independent:
            problems.append(
                f"ioarchive reads {report['rows']} rows and {report['bad_rows']} bad rows, "
                f"the csv module {counts.rows} rows and {len(counts.errors)} unreadable ones"
            )
    report["ok"] = not problems
    return report


def _count_problems(counts: RecordCount, listed: set[int], width: int) -> list[str]:
    """The csv count's problems on lines the scan did not list already."""
    unreadable = [
        f"line {line}: Python's csv module cannot read this row ({message})"
        for line, message in counts.errors
        if line not in listed
    ]
    # The fast reader reads a trailing comma's row as it is (its values are all in place).
    ragged = [
        f"line {line}: a row with {fields} fields; expected {width} like the header"
        for line, fields in counts.ragged
        if line not in listed
    ]
    return unreadable + ragged


def _list_bad_rows(
    path: str, kind: FileKind, options: Mapping[str, Any] | None, problems: list[str]
) -> list[int]:
    """Add the first bad rows to ``problems`` (line and reason); return every bad row's line."""
    bad = bad_rows(path, kind=kind, storage_options=options).collect()  # eager: a report
    listed = bad.head(_LISTED).iter_rows(named=True)
    problems.extend(f"line {row['line']}: {row['reason']}" for row in listed)
    if bad.height > _LISTED:
        problems.append(f"and {bad.height - _LISTED} more bad rows (ioarchive.bad_rows lists all)")
    return bad["line"].to_list()


def validate(
    source: Catalog | str | os.PathLike[str],
    *,
    storage_options: Mapping[str, Any] | None = None,
    progress: bool | None = None,
) -> pl.DataFrame:
    """Validate every data file of a mirror (reads every file completely, twice).

    Args:
        source: A [`Catalog`][ioarchive.discovery.Catalog], or a root to
            [`discover`][ioarchive.discover].
        storage_options: fsspec options, when ``source`` is a remote root.
        progress: Show a progress bar on stderr (default: when stderr is a terminal).

    Returns:
        One row per tweets or users file, in
        [`VALIDATION_SCHEMA`][ioarchive.validate.VALIDATION_SCHEMA]; files named as data
        whose header is not an archive header are included as problems.
    """
    catalog = (
        source
        if isinstance(source, Catalog)
        else discover(source, storage_options=storage_options, progress=progress)
    )
    files = catalog.files.filter(
        pl.col("used") | pl.col("note").str.starts_with("not read as").fill_null(False)
    )
    reports = []
    rows = list(files.iter_rows(named=True))
    for row in iterate(rows, desc="validate", unit="file", progress=progress):
        if not row["used"]:
            reports.append(_not_data(row))
            continue
        try:
            local = catalog.scan_path(row)
        except IOArchiveError as error:  # a damaged zip member, a remote fault: report, go on
            reports.append(_not_data({**row, "note": _describe(error)}))
            continue
        options = None if os.path.exists(local) else catalog.storage_options
        kind = FileKind(row["kind"])
        report = validate_file(local, kind=kind, campaign=row["campaign"], storage_options=options)
        reports.append({**report, "path": row["path"]})
    return pl.DataFrame(reports, schema=VALIDATION_SCHEMA)


def _describe(error: IOArchiveError) -> str:
    """One line for the report: the line, the problem and the hint (the path is a column)."""
    where = f"line {error.line}: " if error.line is not None else ""
    hint = f" (hint: {error.hint})" if error.hint else ""
    return f"{where}{error.problem}{hint}"


def _not_data(row: Mapping[str, Any]) -> dict[str, Any]:
    report: dict[str, Any] = dict.fromkeys(VALIDATION_SCHEMA)
    report.update(path=row["path"], campaign=row["campaign"], kind=row["kind"])
    report.update(problems=[row["note"]], ok=False)
    return report
