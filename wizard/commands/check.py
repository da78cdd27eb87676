"""Check tree files and report every problem as path:line:col: severity CODE message.

``--format`` github / gitlab / sarif / junit print the same findings for CI
systems (docs/ci.md). Exit status: 0 when clean (warnings alone are fine
unless --strict), 1 when there are errors, 2 when the command line itself is
wrong; a crash is 70, never 1.
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

from wizard.commands.trees import chosen_paths, iso_date

NAME = "check"
HELP = "check tree files and report problems with file:line:col"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="tree folders or files (default: the bundled trees)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "github", "gitlab", "sarif", "junit"),
        default="text",
        help="text (default), json, or for CI: github annotations, gitlab code quality, sarif 2.1.0, junit xml",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", type=iso_date, help="the date review_by is compared with (default: today)"
    )
    parser.add_argument(
        "--whole-folders",
        action="store_true",
        help="check the whole folder of each file named (a tree needs its answers.yaml): for pre-commit hooks",
    )
    parser.add_argument(
        "--stats", action="store_true", help="also print path facts per tree: walks to an answer, longest, depths"
    )


def run(args: argparse.Namespace) -> int:
    from wizard.content.catalog import load_catalog
    from wizard.content.diagnostics import Severity
    from wizard.content.gc_pause import keep_for_good

    named = args.paths
    if args.whole_folders and named:
        named = sorted({str(Path(path).parent) if Path(path).is_file() else path for path in named})
    result = load_catalog(chosen_paths(args, named))
    keep_for_good()
    diagnostics = list(result.diagnostics)
    if named and any(Path(path).is_file() for path in named):
        # Which answers no tree reaches is a question about the whole folder: a tree file checked on its
        # own would list every answer the other trees use (and never pass --strict).
        diagnostics = [d for d in diagnostics if d.code != "WZ041"]
    if result.catalog is not None:
        from wizard.content.checks import check_review

        diagnostics += check_review(result.catalog, result.index, args.today or datetime.date.today())
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    stats = _stats(result.catalog) if args.stats else None
    if args.format in ("github", "gitlab", "sarif", "junit"):
        from wizard import __version__
        from wizard.maintainer.ci_formats import render

        files = [file.path for file in result.files]
        print(render(args.format, diagnostics, files, __version__), end="")
    elif args.format == "json":
        records = [d.to_json() for d in diagnostics]
        data = {"diagnostics": records, "stats": stats and {k: v.to_json() for k, v in stats.items()}}
        print(json.dumps(data if args.stats else records, ensure_ascii=False, indent=2))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format())
        catalog = result.catalog
        counted = f"{len(catalog.trees)} trees, {len(catalog.answers)} answers: " if catalog else ""
        print(f"{counted}{errors} error(s), {warnings} warning(s)")
        if stats is not None:
            print("paths:" if stats else "paths: not computed while there are errors")
            for tree_stats in stats.values():
                print(f"  {tree_stats.format()}")
    failed = errors > 0 or (args.strict and warnings > 0)
    return 1 if failed else 0


def _stats(catalog):  # type: ignore[no-untyped-def]
    """Path facts (wizard.maintainer.stats), or {} when errors left no catalog (cycles would make them meaningless)."""
    from wizard.maintainer.stats import tree_stats

    return tree_stats(catalog) if catalog is not None else {}
