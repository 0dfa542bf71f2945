"""RTF internals: the source prepared for striprtf, and its text in the declared code page.

The reader itself is :mod:`archive.ingest.readers.rtf`.
"""
