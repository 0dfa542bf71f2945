"""Annotations in the window: highlights in the panes, the panel, the note editor, undo."""
