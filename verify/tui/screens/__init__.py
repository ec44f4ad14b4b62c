"""The workbench's screens: the main one, the empty state and the modals."""
