"""Draw a tree as a diagram: questions as boxes, options as labelled arrows, answers as leaves.

Mermaid (the default) pastes into GitHub Markdown or https://mermaid.live;
dot goes through Graphviz: ``wizard graph TREE --format dot | dot -Tsvg -o TREE.svg``.
``--traffic LOG…`` adds what outcome logs say: each option's share of the
choices made at its question, each answer's resolution rate.
Exit status: 0 on success, 1 when the trees have errors or the tree does not exist.
"""

from __future__ import annotations

import argparse
import sys

from wizard.commands.trees import add_trees_option, chosen_paths, load_or_report
from wizard.content.text import one_line

NAME = "graph"
HELP = "draw a tree (or --all trees) as a Mermaid or Graphviz dot diagram"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tree", nargs="?", metavar="TREE", help="id of the tree to draw, e.g. enrolment-errors")
    parser.add_argument("--all", action="store_true", help="draw every tree, each in its own frame")
    parser.add_argument("--format", choices=("mermaid", "dot"), default="mermaid", help="diagram language")
    parser.add_argument(
        "--traffic",
        nargs="+",
        metavar="LOG",
        help="outcome log folders or files: write each option's share of walks and each answer's resolution rate",
    )
    add_trees_option(parser)


def run(args: argparse.Namespace) -> int:
    from wizard.content.diagnostics import did_you_mean
    from wizard.maintainer.diagram import MERMAID_MAX_EDGES, build, render

    if bool(args.tree) == bool(args.all):
        print("wizard graph: name one tree, or use --all (not both)", file=sys.stderr)
        return 2
    catalog = load_or_report(chosen_paths(args))
    if catalog is None:
        print("wizard graph: fix the errors above first (run 'wizard check')", file=sys.stderr)
        return 1
    if args.all:
        tree_ids = [tree.id for tree in catalog.ordered_trees()]
    else:
        if args.tree not in catalog.trees:
            hint = did_you_mean(args.tree, catalog.trees)
            known = ", ".join(tree.id for tree in catalog.ordered_trees())
            unknown = one_line(args.tree)
            print(f"wizard graph: no tree '{unknown}'{f' ({hint})' if hint else ''}; trees: {known}", file=sys.stderr)
            return 1
        tree_ids = [args.tree]
    if not tree_ids:
        print("wizard graph: there are no trees to draw", file=sys.stderr)
        return 1
    traffic = None
    if args.traffic:
        from pathlib import Path

        from wizard.maintainer.report import read_events, report

        logs = [Path(path) for path in args.traffic]
        missing = [str(path) for path in logs if not path.exists()]
        if missing:
            print(f"wizard graph: no such log file or folder: {one_line(missing[0])}", file=sys.stderr)
            return 2
        traffic = report(read_events(logs))
    sys.stdout.write(render(catalog, tree_ids, args.format, traffic))
    edges = len(build(catalog, tree_ids).edges) if args.format == "mermaid" else 0  # only Mermaid has a limit
    if edges > MERMAID_MAX_EDGES:
        print(
            f"wizard graph: {edges} edges, over Mermaid's default of {MERMAID_MAX_EDGES}: the output raises "
            "maxEdges in its front matter; a viewer that ignores it shows an error (use --format dot)",
            file=sys.stderr,
        )
    return 0
