import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "cases" / "base"
sys.path.insert(0, str(ROOT))


@pytest.fixture
def base_records(tmp_path) -> Path:
    """A copy of the small valid program every rule case starts from."""
    target = tmp_path / "records"
    shutil.copytree(BASE, target)
    return target
