"""hrss-wizard: a guided troubleshooting wizard for the Jiangsu HR & social-security online service hall.

Kept import-free on purpose: ``wizard check`` and friends start fast because
nothing heavy (Textual above all) is loaded until a command needs it.
"""

__version__ = "0.1.0"
