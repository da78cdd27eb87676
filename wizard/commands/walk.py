"""Walk a task tree line by line on stdin/stdout, without the full-screen app.

Numbered options; b goes back, r restarts, q quits; end of input ends the walk.
With --answers 1,2 the questions are answered from the list (numbers or labels)
and the answer is printed: exit 0 when an answer is reached, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys

from wizard.commands.trees import add_log_arguments, add_trees_option, chosen_paths, load_or_report, log_folder

NAME = "walk"
HELP = "walk a task tree line by line (no full-screen app); b back, r restart, q quit"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tree", nargs="?", metavar="TREE", help="id of the task tree (default: choose from a list)")
    parser.add_argument(
        "--answers",
        metavar="1,2",
        help="answer the questions without asking: option numbers or labels, separated by commas",
    )
    add_trees_option(parser)
    parser.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="language of the interface")
    add_log_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from wizard import plain
    from wizard.i18n import text

    lang = getattr(args, "lang", None) or "zh"
    catalog = load_or_report(chosen_paths(args))
    if catalog is None:
        return 1
    if args.tree is not None and args.tree not in catalog.trees:
        print(text("plain_no_tree", lang).format(plain.shown(args.tree)), file=sys.stderr)
        for tree in catalog.ordered_trees():
            print(f"  {tree.id}  {tree.title}", file=sys.stderr)
        return 1
    if args.answers is not None:
        answers = [item.strip() for item in args.answers.split(",") if item.strip()]
        return plain.run_answers(catalog, args.tree, answers, lang=lang)
    return plain.run(catalog, tree_id=args.tree, lang=lang, log_dir=log_folder(args))
