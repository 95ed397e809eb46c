"""The one error family of the site builder: the site cannot be built as asked.

Each step raises its own subclass with a message for the person running the build; the
build and serve commands catch `SiteError` and decide the exit code.
"""


class SiteError(Exception):
    """The site cannot be built (a message for the user, in Chinese)."""
