"""The wizard in a browser: textual-serve runs one wizard process per browser session (``wizard serve``)."""
