"""What several commands share: the validated program, the folder they write into."""

from __future__ import annotations

from pathlib import Path

from ...errors import UsageError
from ...rules.validate import Result, validate_records


def validated(args) -> Result:
    """Validate `--records` as of `--as-of` (an unreadable folder raises `RecordsFolderError`)."""
    return validate_records(args.records, args.as_of)


def writable_folder(folder: Path) -> Path:
    """`folder` for `--out`, unless something that is not a folder stands there."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {folder} 不是文件夹：请给出一个文件夹（没有时会新建）")
    return folder
