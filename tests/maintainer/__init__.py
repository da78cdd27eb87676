"""Tests for the maintainers\x27 tools: diagrams, schema files, the scaffold and the authoring guide."""
