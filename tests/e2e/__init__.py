"""End-to-end tests: the installed `wizard` command in a real terminal (tmux)."""
