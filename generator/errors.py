"""The one error hierarchy: problems the person running a command can fix.

The library raises these with a Chinese message and never prints or exits; the command
line (`cli/`) alone turns them into exit codes. Problems *in the records* are never
raised: they are findings (`findings.py`), collected and reported together.

    GaoxinError
    ├── UsageError            bad arguments (exit 2)
    │   ├── RecordsFolderError   the records folder itself cannot be read (exit 2)
    │   ├── ForgeError           the forge setting (mkdocs.yml extra.forge) cannot be used (exit 2)
    │   ├── OutputFolderError    --out or --cache-dir holds other data, or cannot be used (exit 2)
    │   ├── GitError             git failed or is missing, or a ref names no commit (exit 2)
    │   └── RolesError           the staff roles file cannot be read or is malformed (exit 2)
    ├── SiteError             the site cannot be built as asked (exit 1)
    └── ExportError           a document or an import cannot be made as asked (exit 1)
"""


class GaoxinError(Exception):
    """A problem for the person running the command, with a message in Chinese."""


class UsageError(GaoxinError):
    """Bad usage or an unreadable input: exit code 2."""


class RecordsFolderError(UsageError):
    """The records folder itself cannot be read."""


class ForgeError(UsageError):
    """The forge setting (mkdocs.yml `extra.forge`, `repo_url`, --repo-url) cannot be used."""


class OutputFolderError(UsageError):
    """A folder the command would write into is not its own (or cannot be used): nothing is written."""


class GitError(UsageError):
    """git failed or is missing, or a ref does not name a commit (`check-changes`, `owners`)."""


class RolesError(UsageError):
    """The staff roles file (`.github/gaoxin-roles.yml`) cannot be read or is malformed."""


class SiteError(GaoxinError):
    """The site cannot be built (each step of the build raises its own subclass)."""


class ExportError(GaoxinError):
    """A document, workbook or import cannot be made from these records or this file: exit code 1."""
