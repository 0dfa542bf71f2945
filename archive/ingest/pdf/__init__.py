"""PDF internals: text runs from PDFium, lines and their layout, page furniture, page numbers.

The reader itself is :mod:`archive.ingest.readers.pdf`.
"""
