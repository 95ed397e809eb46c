"""The repository itself: nothing it ignores is committed (a built site, a virtual environment)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .support import ROOT


@pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"), reason="not a git checkout")
def test_no_ignored_file_is_tracked():
    tracked = subprocess.run(["git", "ls-files", "--cached", "--ignored", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    assert not tracked, f"{len(tracked)} ignored files are committed, e.g. {tracked[:3]}: git rm -r --cached them"
