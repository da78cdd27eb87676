"""Subcommands of ``wizard``: one module each, exposing NAME, HELP, add_arguments and run.

This package's own functions serve the bare ``wizard`` command (the clerk's
wizard) and what every subcommand shares: finding and loading the trees.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.locate import trees_paths


def add_app_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the bare ``wizard`` command."""
    parser.add_argument(
        "--trees", metavar="DIR", help="folder of trees to use (default: $WIZARD_TREES or the bundled trees)"
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the interface (content stays as written)"
    )
    parser.add_argument(
        "--save-dir", metavar="DIR", help="where 's' saves transcripts (default: your user data folder)"
    )
    parser.add_argument("--watch", action="store_true", help="reload the trees when a file changes")


def load_or_report(paths: list[Path]):  # type: ignore[no-untyped-def]
    """Load a catalog, or print its diagnostics to stderr and return None."""
    from wizard.loader import load_catalog

    result = load_catalog(paths)
    if result.catalog is None:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
    return result.catalog


def run_app(args: argparse.Namespace) -> int:
    """Start the clerk's wizard: the full-screen app on a terminal, line mode otherwise."""
    paths = trees_paths([args.trees] if args.trees else None)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from wizard import plain

        catalog = load_or_report(paths)
        return 1 if catalog is None else plain.run(catalog, tree_id=None, lang=args.lang)
    from wizard.tui.app import run_app as run_tui

    return run_tui(paths, lang=args.lang, save_dir=args.save_dir, watch=args.watch)
