"""Keeping the archive safe from the window: the damaged-database dialog, daily backups."""
