"""What several commands share: the validated program."""

from __future__ import annotations

from ...rules.validate import Result, validate_records


def validated(args) -> Result:
    """Validate `--records` as of `--as-of` (an unreadable folder raises `RecordsFolderError`)."""
    return validate_records(args.records, args.as_of)
