"""Reading content: tree and answer files become a checked :class:`~wizard.content.model.Catalog`.

The bottom layer: it never imports the engine, the maintainer tools or Textual
(``make lint`` enforces it). :func:`wizard.content.catalog.load_catalog` is the
one pipeline every command, the app and the pytest plugin load through.
"""
