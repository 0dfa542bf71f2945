"""Word (.docx) internals: the package checked before it is opened, styles, paragraphs, runs,
notes and tables written as Markdown.

The reader itself is :mod:`archive.ingest.readers.docx`.
"""
