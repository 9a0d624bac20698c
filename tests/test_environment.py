"""environment.yml (conda) and pyproject.toml describe the same pinned environment."""

from __future__ import annotations

import tomllib

import yaml

from framing.core import paths


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = project["project"]["dependencies"]
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in env["dependencies"]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(p for p in pip if not p.startswith("-e")) == sorted(deps)
    assert all("==" in d for d in deps), "runtime dependencies must be pinned"
    assert "torch==2.13.0" in deps


def test_ci_runs_the_readme_test_command():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and ci.strip().endswith("make test")
