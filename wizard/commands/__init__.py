"""The subcommands of ``wizard``, one module each (NAME, HELP, add_arguments, run), listed here.

The bare ``wizard`` (the clerk's wizard) is :mod:`wizard.commands.app`;
:mod:`wizard.commands.trees` holds what the subcommands share. A module
imports its heavy dependencies inside ``run``, so building the parser costs
little and ``check``, ``coverage``, ``ask`` and friends never load Textual.
"""

SUBCOMMANDS = ("check", "coverage", "ask", "walk", "serve", "report", "diff", "graph", "new", "schema")
"""Module names under wizard.commands, in the order ``wizard --help`` lists them."""
