"""The one front door: parse the command line, then hand over to one module.

Every subcommand lives in its own module under :mod:`wizard.commands`, listed
in :data:`wizard.commands.SUBCOMMANDS`; the bare command is
:mod:`wizard.commands.app`. Modules import their heavy dependencies inside
``run``, which keeps ``wizard check``, ``coverage`` and ``ask`` free of Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from wizard import __version__, streams
from wizard.commands import SUBCOMMANDS, app
from wizard.commands.trees import UsageError
from wizard.content.text import one_line


def _app_parser(**options: object) -> argparse.ArgumentParser:
    """The bare ``wizard`` command's own options (the clerk's app)."""
    parser = argparse.ArgumentParser(
        prog="wizard",
        description="江苏人社网办向导: answer a few questions, get the FAQ answer that fits.",
        **options,  # type: ignore[arg-type]
    )
    parser.add_argument("--version", action="version", version=f"hrss-wizard {__version__}")
    app.add_arguments(parser)
    return parser


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The whole command line: the app's options and every subcommand."""
    parser = _app_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"wizard.commands.{name}")
        sub = subparsers.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(sub)
        modules[module.NAME] = module
    return parser, modules


def _parse_for_app(argv: list[str]) -> argparse.Namespace | None:
    """The fast path for the clerk's ``wizard [--lang ..]``: no subcommand modules to import.

    Building every subcommand's parser costs about 10 ms on the way to the first
    frame; anything this parser does not take whole (a subcommand, --help, a
    typo) goes to the full parser instead, with its full help and errors.
    """
    try:
        args, rest = _app_parser(add_help=False, exit_on_error=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the full parser reports it, with the full usage
    if rest:
        return None
    args.command = None
    return args


INTERNAL_ERROR = 70
"""EX_SOFTWARE: a bug of ours, never confused with 1 (problems found) or 2 (a wrong command line)."""


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the real command line: the process's own streams
        streams.prepare()
        argv = sys.argv[1:]
    args = _parse_for_app(argv)
    modules: dict[str, ModuleType] = {}
    if args is None:
        parser, modules = build_parser()
        args = parser.parse_args(argv)
    try:
        if args.command is None:
            return app.run(args)
        return int(modules[args.command].run(args))
    except UsageError as error:
        print(f"wizard{f' {args.command}' if args.command else ''}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line and exit 70, not a traceback over the clerk's screen
        print(f"wizard: internal error ({type(error).__name__}: {one_line(str(error))[:200]})", file=sys.stderr)
        return INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
