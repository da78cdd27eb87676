"""Where the trees are: ``--trees``, then ``$WIZARD_TREES``, then the bundled folder.

The wheel carries the repository's ``trees/`` as ``wizard/trees``; a source
checkout (or an editable install) has it beside the package instead.
"""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "WIZARD_TREES"


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
