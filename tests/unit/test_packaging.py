"""The wheel carries the bundled trees, so an installed ``wizard`` works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ANSWERS, REPO, TREE


def test_wheel_ships_trees_and_finds_them_from_anywhere(tmp_path: Path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("hrss_wizard-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "wizard/trees/answers.yaml" in names
    assert sum(n.startswith("wizard/trees/") and n.endswith(".yaml") for n in names) >= 2

    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("WIZARD_TREES", None)
    code = "from wizard.content.locate import bundled_trees; print(bundled_trees())"
    where = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert where.stdout.strip() == str(target / "wizard" / "trees")
    check = subprocess.run(
        [sys.executable, "-m", "wizard.cli", "check"], capture_output=True, text=True, cwd=elsewhere, env=env
    )
    assert check.returncode == 0, check.stdout


def test_trees_environment_variable_selects_another_folder(write_files):
    folder = write_files(answers__yaml=ANSWERS, t__yaml=TREE.replace("next: q2", "next: q9"))
    env = {**os.environ, "WIZARD_TREES": str(folder)}
    result = subprocess.run(
        [sys.executable, "-m", "wizard.cli", "check"], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert result.returncode == 1 and "WZ031" in result.stdout
