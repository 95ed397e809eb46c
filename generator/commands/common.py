"""What several commands share: loading the program with the CLI's error handling."""

from __future__ import annotations

from ..cli import UsageError
from ..loading import RecordsFolderError
from ..validate import Result, validate_records


def validated(args) -> Result:
    """Validate `--records` as of `--as-of`; an unreadable folder is a usage error."""
    try:
        return validate_records(args.records, args.as_of)
    except RecordsFolderError as exc:
        raise UsageError(str(exc)) from None
