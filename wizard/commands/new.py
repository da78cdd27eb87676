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

NAME = "new"
HELP = "write a starter tree (and starter answers) that passes 'wizard check'"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tree_id", metavar="TREE_ID", help="id of the new tree, e.g. pension-transfer")
    parser.add_argument("--title", required=True, help="task title on the home screen, e.g. 养老保险关系转移")
    parser.add_argument("--summary", help="one line under the title on the home screen")
    # SUPPRESS keeps `wizard --trees DIR new ...` working: no default overwrites the main option.
    parser.add_argument("--trees", metavar="DIR", default=argparse.SUPPRESS, help="trees folder to write into")


def run(args: argparse.Namespace) -> int:
    from wizard.diagnostics import Severity
    from wizard.loader import load_catalog
    from wizard.locate import trees_paths
    from wizard.scaffold import ScaffoldError, scaffold

    chosen = getattr(args, "trees", None)
    folder = trees_paths([chosen] if chosen else None)[0]
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
    errors = sum(d.severity is Severity.ERROR for d in result.diagnostics)
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
