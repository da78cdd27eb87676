"""What the subcommands share: the ``--trees`` option and loading the catalog it names.

Errors in the trees go to stderr as ``path:line:col`` lines; the command then
exits 1. No Textual, and no YAML until a command asks to load.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.content.locate import ENVIRONMENT_VARIABLE, trees_paths

if TYPE_CHECKING:
    from wizard.content.model import Catalog


def add_trees_option(parser: argparse.ArgumentParser) -> None:
    """``--trees DIR`` on a subcommand; SUPPRESS keeps ``wizard --trees DIR graph ...`` working too."""
    parser.add_argument("--trees", metavar="DIR", default=argparse.SUPPRESS, help="folder of trees to use")


class UsageError(Exception):
    """A wrong command line found after parsing: one line on stderr and exit 2, as argparse's own errors."""


def chosen_paths(args: argparse.Namespace, named: list[str] | None = None) -> list[Path]:
    """The trees ``named`` on the command line, else ``--trees`` (either place), else ``$WIZARD_TREES``,
    else the bundled trees.

    An empty name is an error, never "not given": ``--trees "$TREES"`` with TREES unset in a CI
    script would otherwise check the bundled trees (or ``.``) and pass.
    """
    if named:
        if "" in named:
            raise UsageError("a PATH is empty; name a trees folder or file")
        return trees_paths(named)
    chosen = getattr(args, "trees", None)
    if chosen == "":
        raise UsageError("--trees is empty; name a trees folder")
    if chosen is None and os.environ.get(ENVIRONMENT_VARIABLE) == "":
        raise UsageError(f"{ENVIRONMENT_VARIABLE} is empty; set it to a trees folder or unset it")
    return trees_paths([chosen] if chosen else None)


def load_or_report(paths: list[Path]) -> Catalog | None:
    """Load a catalog, or print its diagnostics to stderr and return None."""
    from wizard.content.catalog import load_catalog

    result = load_catalog(paths)
    if result.catalog is None:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
    return result.catalog


def add_log_arguments(parser: argparse.ArgumentParser) -> None:
    """``--log-dir`` and ``--no-log``: where the outcome events of the clerk's sessions go (docs/outcomes.md)."""
    parser.add_argument(
        "--log-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where outcome events go (default: $WIZARD_LOG_DIR or your user data folder)",
    )
    parser.add_argument("--no-log", action="store_true", default=argparse.SUPPRESS, help="record no outcome events")


def default_log_dir() -> Path:
    """$WIZARD_LOG_DIR, else the user data folder ($XDG_DATA_HOME or ~/.local/share)/hrss-wizard/logs."""
    chosen = os.environ.get("WIZARD_LOG_DIR")
    if chosen:
        return Path(chosen)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "hrss-wizard" / "logs"


def log_folder(args: argparse.Namespace) -> Path | None:
    """The outcome log folder the command line asks for; None with ``--no-log``."""
    if getattr(args, "no_log", False):
        return None
    chosen = getattr(args, "log_dir", None)
    return Path(chosen) if chosen else default_log_dir()


def iso_date(value: str) -> datetime.date:
    """An argparse type for YYYY-MM-DD (``--since``, ``--today``)."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None
