"""The Textual workbench; ``verify.tui.app.run`` opens it."""
