"""Report which questions, options and answers of the trees no example reaches.

The same numbers as the pytest report, outside pytest: a table with the missing
items as path:line (text), machine-readable JSON, or an LCOV file so an editor's
coverage extension marks untested options in the tree file itself. --suggest
prints, for each untested option, the shortest example that would take it.

Exit status: 0 when every example passes and coverage is at least --fail-under,
1 otherwise (or when the trees cannot be loaded), 2 on a wrong command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wizard.commands.trees import chosen_paths
from wizard.content.files import write_whole
from wizard.content.text import one_line

NAME = "coverage"
HELP = "show which tree branches no example covers (text, json or lcov), and suggest examples"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="tree folders or files (default: the bundled trees)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "lcov", "github"),
        default="text",
        help="text, json, lcov (editors' coverage gutters), github (an annotation per branch no example reaches)",
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument(
        "--suggest", action="store_true", help="print a shortest example (YAML) for every uncovered option"
    )
    parser.add_argument(
        "--fail-under", type=percent, metavar="PCT", default=None, help="exit 1 when total coverage is below PCT"
    )


def percent(value: str) -> float:
    """argparse type for --fail-under: a number from 0 to 100 (not nan, not -1)."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{one_line(value)}' is not a number") from None
    if not 0 <= number <= 100:  # also false for nan
        raise argparse.ArgumentTypeError("must be a number from 0 to 100")
    return number


def run(args: argparse.Namespace) -> int:
    from wizard.content.catalog import load_catalog
    from wizard.content.gc_pause import keep_for_good
    from wizard.maintainer.coverage import Coverage
    from wizard.maintainer.lcov import lcov
    from wizard.maintainer.suggest import suggest, suggestions_yaml

    loaded = load_catalog(chosen_paths(args, args.paths))
    keep_for_good()
    if loaded.draft is None:
        for diagnostic in loaded.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return 1
    for diagnostic in loaded.example_problems:
        print(diagnostic.format(), file=sys.stderr)
    coverage = Coverage(loaded.draft, loaded.index)
    coverage.run_examples()
    report = coverage.report()
    if args.suggest:
        text = suggestions_yaml(suggest(coverage), loaded.draft) or "# every option is covered\n"
    elif args.format == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "lcov":
        text = lcov(coverage)
    elif args.format == "github":
        from wizard.maintainer.ci_formats import warning_annotations

        text = warning_annotations(
            (missing.path, missing.line, "coverage", missing.describe())
            for tree in report.trees.values()
            for missing in tree.missing
        )
    else:
        text = report.text() + "\n"
    if args.output:
        try:
            write_whole(Path(args.output), text)
        except OSError as error:
            reason = error.strerror or str(error)
            print(f"wizard coverage: cannot write {one_line(args.output)}: {reason}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    failed = bool(loaded.example_problems)
    if args.fail_under is not None and report.percent < args.fail_under:
        print(f"tree coverage {report.percent:.2f}% is below --fail-under {args.fail_under:g}%", file=sys.stderr)
        failed = True
    return 1 if failed else 0
