"""Tools for tree authors: coverage, suggestions, statistics, diagrams, scaffolding, the pytest plugin. No Textual."""
