"""Plain text made clean: blocks and paragraphs, PDF reflow and hyphenation, page furniture,
news-site chrome and web-page clutter, and Markdown that shows the text verbatim.
"""
