"""What the tests of the Actions workflows share (.github/, .forgejo/ and .gitea/workflows/)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .gitrepo import GIT_ENV

# `uses: owner/action@<full sha> # vX.Y.Z`
PINNED = re.compile(r"^\s*-?\s*uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(path: Path):
    for job_id, job in load(path)["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def run_step(repo: Path, step: dict, context: dict) -> tuple[str, int, str]:
    """Run one workflow step's script as an Actions runner would (bash -eo pipefail, the step's env).

    `${{ … }}` in the step's env are replaced from `context`; gaoxin is this environment's.
    Returns (step name, exit code, output).
    """
    env = {**GIT_ENV, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    for name, value in step.get("env", {}).items():
        env[name] = EXPRESSION.sub(lambda match: context[match[1]], str(value))
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], check=False,
                          cwd=repo, env=env, capture_output=True, text=True)
    return step["name"], done.returncode, done.stdout + done.stderr
