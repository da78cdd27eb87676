"""The clerk's full-screen wizard (Textual).

Kept empty on purpose: importing :mod:`wizard.tui` must cost nothing, so that
only ``wizard`` itself (via :mod:`wizard.tui.app`) pays for Textual.
"""
