"""Where else a passage appears: the pane of matches, and opening one beside the document."""
