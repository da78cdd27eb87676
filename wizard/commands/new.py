"""Start a new task tree: write TREE_ID.yaml with one question, two options and one example.

The first option ends at a new starter answer appended to answers.yaml; the
second ("其他情况") ends at the escalation answer (转人工), or at a second starter
answer when answers.yaml names none. The result passes `wizard check --strict`.
Exit status: 0 written, 1 refused (the file or id exists, answers.yaml is broken),
2 bad input (an invalid TREE_ID or an empty title).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.commands.trees import add_trees_option, chosen_paths

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

    folder = chosen_paths(args)[0]
    if folder.is_file():
        folder = folder.parent
    try:
        made = scaffold(folder, args.tree_id, args.title, args.summary)
    except ScaffoldError as error:
        print(f"wizard new: {error}", file=sys.stderr)
        return error.status
    for path in made.created:
        print(f"created  {path}")
    print(f"appended {', '.join(made.new_answers)} to {made.answers_file}")
    print(f"the question '{made.question_id}' leads to: {', '.join(made.targets)}")
    result = load_catalog([folder])
    errors = len(result.errors)
    warnings = len(result.diagnostics) - errors
    for diagnostic in result.diagnostics:
        print(diagnostic.format())
    print(f"wizard check {_shown(folder)}: {errors} error(s), {warnings} warning(s)")
    print("next: replace every 【待填写】, add options and examples, then run 'wizard check' again")
    return 1 if errors else 0


def _shown(folder: Path) -> str:
    try:
        return str(folder.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(folder)
