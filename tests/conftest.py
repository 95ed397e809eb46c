import shutil
from pathlib import Path

import pytest

from tests.support import BASE


@pytest.fixture
def base_records(tmp_path) -> Path:
    """A copy of the small valid program every rule case starts from."""
    target = tmp_path / "records"
    shutil.copytree(BASE, target)
    return target


# What a CI run sets that decides the forge (generator/forge.py): the tests choose their own.
CI_FORGE_VARIABLES = ("GITLAB_CI", "CI_SERVER_URL", "CI_PROJECT_PATH", "CI_DEFAULT_BRANCH", "GITHUB_SERVER_URL",
                      "GITHUB_REPOSITORY", "GITEA_ACTIONS", "FORGEJO_ACTIONS", "CI_MERGE_REQUEST_DIFF_BASE_SHA",
                      "CI_MERGE_REQUEST_TARGET_BRANCH_SHA", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "GITLAB_USER_LOGIN",
                      "GITHUB_EVENT_PATH", "CI_MERGE_REQUEST_IID", "CI_MERGE_REQUEST_PROJECT_ID", "CI_API_V4_URL",
                      "GAOXIN_GITLAB_TOKEN")


@pytest.fixture(autouse=True)
def no_ci_forge(monkeypatch):
    """Tests run the same on GitHub Actions, GitLab CI and a laptop."""
    for name in CI_FORGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
