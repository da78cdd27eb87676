"""The bare ``wizard`` command: the clerk's wizard, full-screen on a terminal, line by line otherwise."""

from __future__ import annotations

import argparse
import sys

from wizard import streams
from wizard.commands.trees import add_log_arguments, chosen_paths, load_or_report, log_folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
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
    add_log_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Start the clerk's wizard: the full-screen app on a terminal, line mode otherwise."""
    paths = chosen_paths(args)
    if not streams.in_browser() and not (sys.stdin.isatty() and sys.stdout.isatty()):
        from wizard import plain

        catalog = load_or_report(paths)
        return 1 if catalog is None else plain.run(catalog, tree_id=None, lang=args.lang, log_dir=log_folder(args))
    from wizard.tui.app import run_app as run_tui

    return run_tui(paths, lang=args.lang, save_dir=args.save_dir, watch=args.watch, log_dir=log_folder(args))
