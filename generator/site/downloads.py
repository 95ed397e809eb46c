"""开放数据: every directory as CSV (UTF-8 with BOM, for Excel) and JSON, plus the JSON Schemas.

The directories are the view's tables (`queries/directories.py`), declared once for the open
data and the ledger alike; both formats here read their public columns only, in both
audiences: report bodies, opinions and meetings never enter a download.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ..queries.view import ProgramView, Table
from .pages import Download
from .text import json_document

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_cell(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = table.public_columns()
    writer.writerow([column.header for column in columns])
    for row in table.rows:
        writer.writerow([protect_cell(_cell(column.value(row))) for column in columns])
    return buffer.getvalue().encode("utf-8-sig")


def to_json(table: Table, as_of) -> bytes:
    columns = table.public_columns()
    items = [{column.key: _json_value(column.value(row)) for column in columns} for row in table.rows]
    document = {"title": table.title, "as_of": as_of.isoformat(), "count": len(items), "items": items}
    return json_document(document)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "；".join(str(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_value(value):
    if value is None or isinstance(value, (int, str, list)):
        return value
    return str(value)


def downloads(view: ProgramView) -> list[Download]:
    """Every open-data file of the site."""
    from ..records.schema import schemas

    files = []
    for table in (table for table in view.directories if not table.internal):
        files.append(Download(f"data/files/{table.name}.csv", table.title, "CSV", len(table.rows), to_csv(table)))
        files.append(Download(f"data/files/{table.name}.json", table.title, "JSON", len(table.rows),
                              to_json(table, view.as_of)))
    for kind, schema in schemas().items():
        files.append(Download(f"data/schema/{kind}.schema.json", schema.get("title", kind), "JSON Schema", None,
                              json_document(schema)))
    return files
