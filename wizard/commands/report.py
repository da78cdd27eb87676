"""Summarise outcome logs: which answers solve clerks' problems, where clerks leave, what they searched for in vain.

Reads DIR (its events-*.jsonl) or FILE arguments, by default the outcome log
folder ($WIZARD_LOG_DIR or the user data folder). Lines that are not events
are skipped and counted. Exit 0 (also when the default folder holds no logs
yet), or 2 for a named path that does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wizard.commands.trees import add_trees_option, chosen_paths, default_log_dir, iso_date

NAME = "report"
HELP = "summarise outcome logs: resolution per answer, where clerks leave, searches without an answer"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="DIR|FILE", help="log folders or files (default: the log folder)")
    parser.add_argument("--since", metavar="DATE", type=iso_date, help="only sessions that ended on or after DATE")
    parser.add_argument("--tree", metavar="ID", help="only sessions that walked this tree")
    parser.add_argument("--format", choices=("text", "json", "html"), default="text")
    add_trees_option(parser)


def run(args: argparse.Namespace) -> int:
    from wizard.maintainer.report import read_events, report
    from wizard.maintainer.report_views import as_html, as_text

    paths = [Path(path) for path in args.paths] or [default_log_dir()]
    missing = [path for path in paths if not path.exists()]
    if missing and not args.paths:  # nothing recorded here yet: an empty report, not an error
        print(f"wizard report: no outcome logs yet in {str(paths[0])!r}", file=sys.stderr)
        paths = []
    elif missing:
        for path in missing:
            print(f"wizard report: no such file or folder: {path!s}".encode("unicode_escape").decode(), file=sys.stderr)
        return 2
    try:
        source = read_events(paths)
    except OSError as error:
        print(f"wizard report: cannot read the logs: {error.strerror or error}", file=sys.stderr)
        return 1
    result = report(source, since=args.since, tree=args.tree)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    catalog = _catalog(args)
    print(as_html(result, catalog) if args.format == "html" else as_text(result, catalog), end="")
    return 0


def _catalog(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The trees, for titles and questions in the report; None when they do not load (ids are shown)."""
    from wizard.content.catalog import load_catalog

    try:
        return load_catalog(chosen_paths(args)).catalog
    except Exception:  # titles are a nicety; the counts stand without them
        return None
