"""Help the window gives about itself: the query language and the keyboard shortcuts."""
