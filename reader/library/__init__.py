"""The archive as a library: removing documents, correcting several at once, the first-run hint."""
