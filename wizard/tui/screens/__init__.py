"""The app's screens, one per module: home, question, answer, search, help."""
