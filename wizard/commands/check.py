"""Check tree files and report every problem as path:line:col: severity CODE message.

Exit status: 0 when clean (warnings alone are fine unless --strict), 1 when
there are errors, 2 when the command line itself is wrong.
"""

from __future__ import annotations

import argparse
import json

from wizard.locate import trees_paths

NAME = "check"
HELP = "check tree files and report problems with file:line:col"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="tree folders or files (default: the bundled trees)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run(args: argparse.Namespace) -> int:
    from wizard.diagnostics import Severity
    from wizard.loader import load_catalog

    result = load_catalog(trees_paths(args.paths))
    diagnostics = result.diagnostics
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.format == "json":
        print(json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format())
        catalog = result.catalog
        counted = f"{len(catalog.trees)} trees, {len(catalog.answers)} answers: " if catalog else ""
        print(f"{counted}{errors} error(s), {warnings} warning(s)")
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0
