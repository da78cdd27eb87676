"""Start a new task tree: write TREE_ID.yaml with one question, two options and one example.

The first option ends at a new starter answer appended to answers.yaml; the
second ("其他情况") ends at the escalation answer (转人工), or at a second starter
answer when answers.yaml names none. The result passes `wizard check --strict`.
Exit status: 0 written, 1 refused (the file or id exists, answers.yaml is broken, or a
file cannot be written: then none is), 2 bad input (an invalid TREE_ID or an empty title).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import wizard
from wizard.commands.trees import add_trees_option, chosen_paths
from wizard.content.locate import ENVIRONMENT_VARIABLE
from wizard.content.text import one_line

NAME = "new"
HELP = "write a starter tree (and starter answers) that passes 'wizard check'"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tree_id", metavar="TREE_ID", help="id of the new tree, e.g. pension-transfer")
    parser.add_argument("--title", required=True, help="task title on the home screen, e.g. 养老保险关系转移")
    parser.add_argument("--summary", help="one line under the title on the home screen")
    add_trees_option(parser)


def run(args: argparse.Namespace) -> int:
    from wizard.content.catalog import load_catalog
    from wizard.maintainer.scaffold import ScaffoldError, scaffold

    folder = _folder(args)
    if folder.exists() and not folder.is_dir():
        print(f"wizard new: {one_line(str(folder))} is a file, not a trees folder", file=sys.stderr)
        return 2
    if folder.resolve().is_relative_to(Path(wizard.__file__).resolve().parent):
        print(
            f"wizard new: {one_line(str(folder))} is inside the installed program; "
            "give a trees folder of your own with --trees DIR",
            file=sys.stderr,
        )
        return 2
    try:
        made = scaffold(folder, args.tree_id, args.title, args.summary)
    except ScaffoldError as error:
        print(f"wizard new: {error}", file=sys.stderr)
        return error.status
    for path in made.created:
        print(f"created  {one_line(str(path))}")
    print(f"appended {', '.join(made.new_answers)} to {one_line(str(made.answers_file))}")
    print(f"the question '{made.question_id}' leads to: {', '.join(made.targets)}")
    result = load_catalog([folder])
    errors = len(result.errors)
    warnings = len(result.diagnostics) - errors
    for diagnostic in result.diagnostics:
        print(diagnostic.format())
    print(f"wizard check {_shown(folder)}: {errors} error(s), {warnings} warning(s)")
    print("next: replace every 【待填写】, add options and examples, then run 'wizard check' again")
    return 1 if errors else 0


def _folder(args: argparse.Namespace) -> Path:
    """--trees (either place), else $WIZARD_TREES, else ./trees of the current folder.

    Never the bundled trees: those belong to the installed program.
    """
    if getattr(args, "trees", None) is not None or os.environ.get(ENVIRONMENT_VARIABLE) is not None:
        return chosen_paths(args)[0]  # an empty one is refused there
    return Path("trees")


def _shown(folder: Path) -> str:
    try:
        return one_line(str(folder.resolve().relative_to(Path.cwd())))
    except ValueError:
        return one_line(str(folder))
