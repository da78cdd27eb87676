"""Where the trees are: ``--trees``, then ``$WIZARD_TREES``, then the bundled folder; which files count.

The wheel carries the repository's ``trees/`` as ``wizard/trees``; a source
checkout (or an editable install) has it beside the package instead.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "WIZARD_TREES"
YAML_SUFFIXES = (".yaml", ".yml")
ANSWERS_FILENAMES = ("answers.yaml", "answers.yml")


def bundled_trees() -> Path:
    """The trees shipped with the program."""
    package = Path(__file__).resolve().parent
    inside = package / "trees"
    return inside if inside.is_dir() else package.parent / "trees"


def trees_paths(arguments: list[str] | None = None) -> list[Path]:
    """The folders or files to load, from the command line, the environment or the bundle."""
    if arguments:
        return [Path(argument) for argument in arguments]
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return [Path(from_environment)]
    return [bundled_trees()]


def yaml_files_in(folder: Path) -> list[Path]:
    """The tree and answers files of a folder (not its subfolders), sorted."""
    return sorted(path for path in folder.iterdir() if path.suffix in YAML_SUFFIXES and path.is_file())


def answers_beside(tree_file: Path) -> list[Path]:
    """The answers file(s) a single tree file needs: those in its own folder."""
    if tree_file.name in ANSWERS_FILENAMES:
        return []
    return [tree_file.parent / name for name in ANSWERS_FILENAMES if (tree_file.parent / name).is_file()]
