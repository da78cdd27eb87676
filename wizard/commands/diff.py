"""What a content change means for clerks: compare two trees folders (or two git revisions of one).

    wizard diff OLD_DIR NEW_DIR
    wizard diff --git main            # main's trees folder against the working tree's
    wizard diff --git v1..v2          # two revisions

Lists tasks, questions, options and answers added / removed / renamed;
options that now lead elsewhere; answer text as a word diff (each Chinese
character a word); click paths step by step; every walk that now ends
elsewhere or no longer exists; examples whose expectation changed; coverage
before and after. ``--format markdown`` is for a merge-request comment.
``--exit-code``: exit 1 when anything clerk-visible changed (else 0); 2 for a
wrong command line or trees that do not load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from wizard.commands.trees import chosen_paths
from wizard.content.text import one_line

NAME = "diff"
HELP = "what changes for clerks between two trees folders or git revisions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="*", metavar="DIR", help="OLD and NEW trees folders")
    parser.add_argument(
        "--git", metavar="REV[..REV]", help="compare the trees folder at REV (..REV) of this repository"
    )
    parser.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    parser.add_argument("--exit-code", action="store_true", help="exit 1 when anything clerk-visible changed")
    parser.add_argument("--trees", metavar="DIR", default=argparse.SUPPRESS, help="the trees folder (with --git)")


def run(args: argparse.Namespace) -> int:
    from wizard.maintainer.content_diff import compare
    from wizard.maintainer.diff_views import MARKDOWN_MARKS, as_markdown, as_text

    if bool(args.git) == bool(args.folders) or (args.folders and len(args.folders) != 2):
        print("wizard diff: give OLD and NEW folders, or --git REV[..REV]", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="wizard-diff-") as scratch:
        try:
            old_dir, new_dir = _folders(args, Path(scratch))
        except subprocess.CalledProcessError as error:
            print(f"wizard diff: {_git_said(error)}", file=sys.stderr)
            return 2
        except (OSError, ValueError) as error:
            print(f"wizard diff: {error}", file=sys.stderr)
            return 2
        old, new = _load(old_dir), _load(new_dir)
        if old is None or new is None:
            print("wizard diff: both sides must load (see the errors above)", file=sys.stderr)
            return 2
        marks = MARKDOWN_MARKS if args.format == "markdown" else _text_marks()
        diff = compare(old, new, marks)
    if args.format == "json":
        print(json.dumps(diff.to_json(), ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(as_markdown(diff), end="")
    else:
        print(as_text(diff, colour=sys.stdout.isatty()), end="")
    return 1 if args.exit_code and diff.changed else 0


def _load(folder: Path):  # type: ignore[no-untyped-def]
    """The catalog of ``folder``, also when only its examples fail (a change under review often does that);
    None, with the errors on stderr, when it does not load."""
    from wizard.content.catalog import load_catalog

    result = load_catalog([folder])
    catalog = result.catalog or result.draft
    if catalog is None:
        for diagnostic in result.errors:
            print(diagnostic.format(), file=sys.stderr)
    return catalog


def _text_marks() -> tuple[tuple[str, str], tuple[str, str]]:
    if sys.stdout.isatty():
        return ("\x1b[31;9m", "\x1b[0m"), ("\x1b[32;1m", "\x1b[0m")
    return ("[-", "-]"), ("{+", "+}")


def _folders(args: argparse.Namespace, scratch: Path) -> tuple[Path, Path]:
    if args.folders:
        old, new = (Path(folder) for folder in args.folders)
        for folder in (old, new):
            if not folder.is_dir():
                raise ValueError(f"not a folder: {folder}")
        return old, new
    trees = chosen_paths(args)[0].resolve()
    top = Path(_git(trees if trees.is_dir() else trees.parent, "rev-parse", "--show-toplevel").strip())
    inside = trees.relative_to(top).as_posix()
    first, _, second = args.git.partition("..")
    old = _export(top, first, inside, scratch / "old")
    new = _export(top, second, inside, scratch / "new") if second else trees
    return old, new


def _git_said(error: subprocess.CalledProcessError) -> str:
    """git's own last line of complaint ("fatal: Not a valid object name x"), not Python's account of it."""
    said = error.stderr.decode(errors="replace") if isinstance(error.stderr, bytes) else error.stderr or ""
    lines = said.strip().splitlines()
    return one_line(lines[-1] if lines else str(error))


def _git(where: Path, *command: str) -> str:
    return subprocess.run(["git", *command], cwd=where, check=True, capture_output=True, text=True).stdout


def _export(top: Path, revision: str, inside: str, into: Path) -> Path:
    """The trees folder as it was at ``revision``, written under ``into``."""
    if revision.startswith("-"):
        raise ValueError(f"not a revision: {revision!r}")
    listing = _git(top, "ls-tree", "-r", "--name-only", revision, "--", inside)
    into.mkdir(parents=True)
    for name in listing.splitlines():
        relative = Path(name).relative_to(inside)
        if len(relative.parts) != 1:
            continue
        data = subprocess.run(["git", "show", f"{revision}:{name}"], cwd=top, check=True, capture_output=True).stdout
        (into / relative.name).write_bytes(data)
    return into
