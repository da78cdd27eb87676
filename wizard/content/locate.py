"""Where the trees are, and which files count: the one answer for every command, the app and the plugin.

Folders come from ``--trees``, then ``$WIZARD_TREES``, then the bundled folder.
The wheel carries the repository's ``trees/`` as ``wizard/trees``; a source
checkout (or an editable install) has it beside the package instead. No YAML
or pydantic here: the app's start-up and file watcher use this module too.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wizard.content.diagnostics import Diagnostic, make

ENVIRONMENT_VARIABLE = "WIZARD_TREES"
YAML_SUFFIXES = (".yaml", ".yml")
ANSWERS_FILENAMES = ("answers.yaml", "answers.yml")
SYNONYMS_FILENAMES = ("synonyms.yaml", "synonyms.yml")
_TREE_KEYS = (re.compile(r"^start:", re.MULTILINE), re.compile(r"^nodes:", re.MULTILINE))


def bundled_trees() -> Path:
    """The trees shipped with the program."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "trees"
    return inside if inside.is_dir() else package.parent / "trees"


def trees_paths(arguments: Iterable[str | Path] | None = None) -> list[Path]:
    """The folders or files to load, from the command line, the environment or the bundle."""
    given = [Path(argument) for argument in arguments or ()]
    if given:
        return given
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE)
    if from_environment:
        return [Path(from_environment)]
    return [bundled_trees()]


def is_answers_file(path: Path) -> bool:
    return path.name in ANSWERS_FILENAMES


def is_synonyms_file(path: Path) -> bool:
    return path.name in SYNONYMS_FILENAMES


def yaml_files_in(folder: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The tree and answers files of a folder (not its subfolders), sorted, and the YAML names it cannot read.

    Only regular files inside the folder are read: a link that leaves it is
    reported, not followed (``wizard check`` may run on a merge request in CI,
    and a link to a secret would be echoed in its messages); so are dangling
    links, loops, pipes and devices that merely end in .yaml.
    """
    files: list[Path] = []
    problems: list[Diagnostic] = []
    inside = folder.resolve()
    for path in sorted(folder.iterdir()):
        if path.suffix not in YAML_SUFFIXES:
            continue
        problem = _unreadable(path, inside)
        if problem is None:
            files.append(path)
        elif problem:
            problems.append(make("WZ008", str(path), (1, 1), problem))
    return files, problems


def _unreadable(path: Path, folder: Path) -> str | None:
    """Why ``path`` is not read ('' for a subfolder, which is simply not a tree file), or None."""
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(folder):
                return "outside-link"
        status = path.stat()
    except (OSError, RuntimeError):  # a dangling link, a loop of links
        return "dangling-link"
    if stat.S_ISDIR(status.st_mode):
        return ""
    return None if stat.S_ISREG(status.st_mode) else "not-a-file"


def answers_beside(tree_file: Path) -> list[Path]:
    """The answers (and synonyms) file a single tree file needs: those in its own folder."""
    if is_answers_file(tree_file) or is_synonyms_file(tree_file):
        return []
    try:
        names = (*ANSWERS_FILENAMES, *SYNONYMS_FILENAMES)
        return [tree_file.parent / name for name in names if (tree_file.parent / name).is_file()]
    except OSError:
        return []


@dataclass
class Found:
    """The files to load, in order, and what was wrong with the paths asked for."""

    files: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def tree_files(paths: Iterable[Path]) -> Found:
    """The YAML files named by ``paths``: a folder gives its files, a tree file brings its answers file."""
    found = Found()
    files: list[Path] = []
    for path in paths:
        try:
            if path.is_dir():
                in_folder, problems = yaml_files_in(path)
                found.problems += problems
                if not in_folder and not problems:
                    found.problems.append(make("WZ008", str(path), (1, 1), "empty-folder"))
                files.extend(in_folder)
            elif path.is_file():
                files += [path, *answers_beside(path)]
            else:
                found.problems.append(make("WZ008", str(path), (1, 1)))
        except OSError as error:  # a folder without read permission, a path too long, ...
            reason = error.strerror or str(error)
            found.problems.append(make("WZ008", str(path), (1, 1), "unreadable-folder", reason=reason))
    by_resolved = {p.resolve(): p for p in reversed(files)}  # the first name given for a file wins
    found.files = [by_resolved[p] for p in dict.fromkeys(p.resolve() for p in files)]
    return found


def is_tree_file(path: Path) -> bool:
    """A YAML file beside an answers file, or one with the top-level keys of a tree (for test collection)."""
    if path.suffix not in YAML_SUFFIXES or is_answers_file(path) or is_synonyms_file(path):
        return False
    if any((path.parent / name).is_file() for name in ANSWERS_FILENAMES):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except OSError:
        return False
    return all(pattern.search(head) for pattern in _TREE_KEYS)
