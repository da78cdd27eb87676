"""The clerk's logic over a loaded catalog: session, rendering, search. No I/O, no Textual."""
