"""Pilot, snapshot and safety tests of the clerk's Textual app."""
